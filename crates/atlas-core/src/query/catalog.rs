//! The catalog the map is drawn from: categories with styles, elements, themes, districts.

use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::plan::{Category, ThemeKind};
use crate::query::detail::Quote;
use crate::query::districts::DistrictRef;
use crate::sql_rows::{self, json_text};
use crate::store::atlas::ElementSummary;
use crate::store::Atlas;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Theme {
    pub id: String,
    pub name_zh: String,
    pub name_en: String,
    pub kind: ThemeKind,
    #[serde(deserialize_with = "json_text")]
    pub keywords: Vec<String>,
    /// Filled from the theme's links after the row is read.
    #[serde(default)]
    pub element_ids: Vec<String>,
    #[serde(default)]
    pub quotes: Vec<Quote>,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct DistrictEntry {
    pub district: DistrictRef,
    /// A point inside the district for its label.
    pub label: [f64; 2],
    /// [min_lon, min_lat, max_lon, max_lat]
    pub bbox: [f64; 4],
    pub element_count: usize,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct PlanCatalog {
    pub title: String,
    pub edition: String,
    pub categories: Vec<Category>,
    pub elements: Vec<ElementSummary>,
    pub themes: Vec<Theme>,
    pub districts: Vec<DistrictEntry>,
    /// Categories whose legend is an area (see [`crate::style::AREA_CATEGORIES`]).
    pub area_categories: Vec<String>,
    /// The map's background and legend swatches, decided in [`crate::style`].
    pub map_style: crate::style::MapStyle,
    /// Ids of the elements listed under 全市 / 未定位: the plan (and the sources the team can
    /// name) place them nowhere, so they are never drawn or counted in a district.
    pub unlocated: Vec<String>,
    /// Ids of the elements whose Chinese name is our descriptive label, not the plan's
    /// (shown as 〔示意名称〕 / "descriptive name").
    pub label_names: Vec<String>,
    /// Which crowded symbols the screen map draws as one grouped symbol, by zoom: the rule
    /// the printed maps follow too ([`crate::render::grouping`]).
    pub symbol_groups: Vec<crate::render::grouping::ZoomGroups>,
}

impl Atlas {
    /// Categories in drawing order, with their styles.
    pub fn categories(&self) -> Result<Vec<Category>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT json_object('id', id, 'name_zh', name_zh, 'name_en', name_en, 'description_zh', description_zh,
                    'description_en', description_en, 'order', draw_order,
                    'style', json_object('stroke', stroke, 'fill', fill, 'fill_opacity', fill_opacity, 'weight', weight, 'symbol', symbol))
             FROM plan_categories ORDER BY draw_order",
        )?;
        let rows: Vec<sql_rows::Json<Category>> = sql_rows::all(&mut stmt, [])?;
        Ok(rows.into_iter().map(|c| c.0).collect())
    }

    /// Themes with the elements that serve each.
    pub fn themes(&self) -> Result<Vec<Theme>> {
        let mut stmt =
            self.conn.prepare_cached("SELECT id, name_zh, name_en, kind, keywords FROM plan_themes ORDER BY ord")?;
        let mut themes: Vec<Theme> = sql_rows::all(&mut stmt, [])?;
        let mut links = self.conn.prepare_cached(
            "SELECT t.element_id FROM plan_element_themes t JOIN plan_elements e ON e.id = t.element_id WHERE t.theme_id = ?1 ORDER BY e.fid",
        )?;
        for t in &mut themes {
            t.element_ids = links.query_map([&t.id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
            t.quotes = self.quotes_of("theme", &t.id)?;
        }
        Ok(themes)
    }

    /// Everything the map and its lists need up front, in one piece.
    pub fn plan_catalog(&self) -> Result<PlanCatalog> {
        use geo::{BoundingRect, InteriorPoint};
        let districts = self
            .districts
            .iter()
            .map(|d| {
                let label = d.geometry.interior_point().map(|p| [p.x(), p.y()]).unwrap_or_default();
                let r = d.geometry.bounding_rect().expect("districts are not empty");
                DistrictEntry {
                    district: d.into(),
                    label,
                    bbox: [r.min().x, r.min().y, r.max().x, r.max().y],
                    element_count: self.zones_in_district(&d.adcode).len(),
                }
            })
            .collect();
        Ok(PlanCatalog {
            title: self.meta("plan_title")?.unwrap_or_default(),
            edition: self.meta("plan_edition")?.unwrap_or_default(),
            map_style: crate::style::map_style(&self.categories()?),
            categories: self.categories()?,
            elements: self.elements.clone(),
            themes: self.themes()?,
            districts,
            area_categories: crate::style::AREA_CATEGORIES.iter().map(|s| s.to_string()).collect(),
            unlocated: self.unlocated_ids(),
            label_names: self.label_name_ids()?,
            symbol_groups: crate::render::grouping::screen_groups(&crate::render::grouping::symbol_positions(
                &self.plan_features()?,
                &self.elements,
            )),
        })
    }

    /// Elements listed under 全市 / 未定位, in authored order.
    pub fn unlocated_ids(&self) -> Vec<String> {
        self.elements
            .iter()
            .filter(|e| e.location_basis == crate::plan::LocationBasis::Unlocated)
            .map(|e| e.id.clone())
            .collect()
    }

    /// Elements whose name is our label, in authored order.
    pub fn label_name_ids(&self) -> Result<Vec<String>> {
        let mut stmt =
            self.conn.prepare_cached("SELECT id FROM plan_elements WHERE name_kind = 'label' ORDER BY fid")?;
        let ids = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        Ok(ids)
    }
}
