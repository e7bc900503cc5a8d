//! Layers for drawing: the basemap and the plan's features, packed in the wire format
//! (see [`crate::wire::layer`]) with the properties the map styles and labels by.

use serde::{Deserialize, Serialize};

use crate::error::{AtlasError, Result};
use crate::gpkg::blob;
use crate::plan::LocationBasis;
use crate::sql_rows::{self, int_bool};
use crate::store::Atlas;
use crate::style::{
    basemap_label, basemap_style, draw_style, feature_label, is_city_wide, BasemapStyle, DrawStyle, FeatureKind,
    LabelStyle,
};

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct BasemapProps {
    pub layer: String,
    pub adcode: String,
    pub name_zh: String,
    pub name_en: String,
    pub level: String,
    /// How to draw it (see [`crate::style::basemap_style`]).
    pub style: BasemapStyle,
    /// Districts, provinces and prefectures are named on the map.
    pub label: Option<LabelStyle>,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct PlanFeatureProps {
    pub element_id: String,
    pub role: String,
    pub category: String,
    pub location_basis: LocationBasis,
    /// How to draw it (see [`crate::style`]).
    pub style: DrawStyle,
    /// For areas drawn with their category's symbol at the label point: the symbol's style.
    pub label_style: Option<DrawStyle>,
    /// The name drawn with it, if any (see [`crate::style::feature_label`]).
    pub label: Option<LabelStyle>,
    /// The plan assigns the element to the whole of Tianjin.
    pub city_wide: bool,
}

/// A plan feature ready to draw: properties, style, and display-resolution geometry.
#[derive(Debug, Clone)]
pub struct PlanFeature {
    pub props: PlanFeatureProps,
    pub geometry: geo::Geometry<f64>,
}

/// One plan feature row: its display geometry (simplified by the build where `simplified`).
#[derive(Deserialize)]
struct PlanRow {
    fid: i64,
    geom: Vec<u8>,
    element_id: String,
    role: String,
    category: String,
    location_basis: LocationBasis,
    #[serde(deserialize_with = "int_bool")]
    simplified: bool,
}

fn decode(table: &str, fid: i64, bytes: &[u8]) -> Result<geo::Geometry<f64>> {
    blob::decode(bytes).map_err(|e| AtlasError::Invalid(format!("{table} feature {fid}: {e}")))
}

impl Atlas {
    /// The basemap: outlines, context districts, Tianjin's districts (simplified), in that order.
    pub fn basemap_wire(&self) -> Result<Vec<u8>> {
        let (props, geoms): (Vec<BasemapProps>, Vec<geo::Geometry<f64>>) = self.basemap_features()?.into_iter().unzip();
        crate::wire::encode(&props, &geoms).map_err(AtlasError::Invalid)
    }

    /// Every plan feature: areas, then lines, then points (the drawing order within the plan),
    /// simplified for display and styled.
    pub fn plan_features(&self) -> Result<Vec<PlanFeature>> {
        let categories = self.categories()?;
        let district_names: std::collections::BTreeSet<String> =
            self.districts().iter().flat_map(|d| [d.name_zh.clone(), d.name_en.clone()]).collect();
        let mut out = Vec::new();
        for table in crate::store::schema::PLAN_GEOMETRY_TABLES {
            // The build stored simplified copies of the areas; simplify here only if it did not
            // (an atlas migrated from schema 2).
            let mut stmt = self.conn.prepare_cached(&format!(
                "SELECT f.fid, coalesce(d.geom, f.geom) AS geom, f.element_id, f.role, f.category, f.location_basis,
                        d.geom IS NOT NULL AS simplified
                 FROM {table} f LEFT JOIN plan_display d ON d.feature_table = '{table}' AND d.feature_fid = f.fid ORDER BY f.fid"
            ))?;
            for row in sql_rows::all::<PlanRow>(&mut stmt, [])? {
                let PlanRow { fid, geom: bytes, element_id, role, category, location_basis, simplified } = row;
                let decoded = decode(table, fid, &bytes)?;
                let geometry = if simplified { decoded } else { for_display(decoded) };
                let kind = match geometry {
                    geo::Geometry::Point(_) => FeatureKind::Point,
                    geo::Geometry::LineString(_) => FeatureKind::Line,
                    _ => FeatureKind::Area,
                };
                let c = categories
                    .iter()
                    .find(|c| c.id == category)
                    .ok_or_else(|| AtlasError::Invalid(format!("{table} {fid}: unknown category {category}")))?;
                let element = self.element(&element_id);
                let districts = element.map(|e| e.districts.clone()).unwrap_or_default();
                let style = draw_style(c, location_basis, &role, &districts, kind);
                let label_style = style
                    .symbol_at_label
                    .then(|| draw_style(c, location_basis, "label", &districts, FeatureKind::Point));
                let label = element
                    .and_then(|e| feature_label(c, &role, kind, &style, [&e.name_zh, &e.name_en], &district_names));
                let city_wide = is_city_wide(&districts);
                out.push(PlanFeature {
                    props: PlanFeatureProps {
                        element_id,
                        role,
                        category,
                        location_basis,
                        style,
                        label_style,
                        label,
                        city_wide,
                    },
                    geometry,
                });
            }
        }
        Ok(out)
    }

    /// [`Atlas::plan_features`] in the wire format, for the UI.
    pub fn plan_wire(&self) -> Result<Vec<u8>> {
        let (props, geoms): (Vec<PlanFeatureProps>, Vec<geo::Geometry<f64>>) =
            self.plan_features()?.into_iter().map(|f| (f.props, f.geometry)).unzip();
        crate::wire::encode(&props, &geoms).map_err(AtlasError::Invalid)
    }

    /// The basemap's features with their properties and styles, in drawing order: land,
    /// context units, Tianjin's districts, then Tianjin's outline on top.
    pub fn basemap_features(&self) -> Result<Vec<(BasemapProps, geo::Geometry<f64>)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT fid, geom, layer, adcode, name_zh, name_en, level FROM basemap
             ORDER BY CASE WHEN layer = 'outline' AND adcode = '120000' THEN 3
                           WHEN layer = 'outline' THEN 0 WHEN layer = 'context' THEN 1 ELSE 2 END, fid",
        )?;
        let rows = stmt.query_map([], |r| {
            let (layer, adcode, name_zh, name_en, level): (String, String, String, String, String) =
                (r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?);
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, Vec<u8>>(1)?,
                BasemapProps {
                    style: basemap_style(&layer, &adcode),
                    label: basemap_label(&layer, &adcode, &level, [&name_zh, &name_en]),
                    layer,
                    adcode,
                    name_zh,
                    name_en,
                    level,
                },
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (fid, bytes, p) = row?;
            out.push((p, decode("basemap", fid, &bytes)?));
        }
        Ok(out)
    }
}

/// Visvalingam–Whyatt area threshold (square degrees) for drawing plan areas: the same as the
/// display districts (see boundary_derivation), so an area built from districts lines up with
/// the basemap's district edges. Queries keep the full-resolution shapes.
const DISPLAY_AREA: f64 = 5e-7;

pub fn for_display(g: geo::Geometry<f64>) -> geo::Geometry<f64> {
    use geo::SimplifyVwPreserve;
    match g {
        geo::Geometry::MultiPolygon(mp) => geo::Geometry::MultiPolygon(mp.simplify_vw_preserve(DISPLAY_AREA)),
        other => other,
    }
}
