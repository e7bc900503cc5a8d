//! Layers for drawing: the basemap and the plan's features, packed in the wire format
//! (see [`crate::wire`]) with the properties the map styles and labels by.

use serde::Serialize;

use crate::error::{AtlasError, Result};
use crate::gpkg::blob;
use crate::store::Atlas;
use crate::style::{draw_style, DrawStyle, FeatureKind};

#[derive(Debug, Clone, Serialize)]
pub struct BasemapProps {
    pub layer: String,
    pub adcode: String,
    pub name_zh: String,
    pub name_en: String,
    pub level: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct PlanFeatureProps {
    pub element_id: String,
    pub role: String,
    pub category: String,
    pub location_basis: String,
    /// How to draw it (see [`crate::style`]).
    pub style: DrawStyle,
    /// For areas drawn with their category's symbol at the label point: the symbol's style.
    pub label_style: Option<DrawStyle>,
}

/// A plan feature ready to draw: properties, style, and display-resolution geometry.
#[derive(Debug, Clone)]
pub struct PlanFeature {
    pub props: PlanFeatureProps,
    pub geometry: geo::Geometry<f64>,
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
        let mut out = Vec::new();
        for table in crate::store::schema::PLAN_GEOMETRY_TABLES {
            // The build stored simplified copies of the areas; simplify here only if it did not
            // (an atlas migrated from schema 2).
            let mut stmt = self.conn.prepare_cached(&format!(
                "SELECT f.fid, coalesce(d.geom, f.geom), f.element_id, f.role, f.category, f.location_basis, d.geom IS NOT NULL
                 FROM {table} f LEFT JOIN plan_display d ON d.feature_table = '{table}' AND d.feature_fid = f.fid ORDER BY f.fid"
            ))?;
            let rows = stmt.query_map([], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, Vec<u8>>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, String>(5)?,
                    r.get::<_, bool>(6)?,
                ))
            })?;
            for row in rows {
                let (fid, bytes, element_id, role, category, location_basis, simplified) = row?;
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
                let districts = self.element(&element_id).map(|e| e.districts.clone()).unwrap_or_default();
                let style = draw_style(c, &location_basis, &role, &districts, kind);
                let label_style = style
                    .symbol_at_label
                    .then(|| draw_style(c, &location_basis, "label", &districts, FeatureKind::Point));
                out.push(PlanFeature {
                    props: PlanFeatureProps { element_id, role, category, location_basis, style, label_style },
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

    /// The basemap's features with their properties, for the map-sheet renderer.
    pub fn basemap_features(&self) -> Result<Vec<(BasemapProps, geo::Geometry<f64>)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT fid, geom, layer, adcode, name_zh, name_en, level FROM basemap
             ORDER BY CASE layer WHEN 'outline' THEN 0 WHEN 'context' THEN 1 ELSE 2 END, fid",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, Vec<u8>>(1)?,
                BasemapProps {
                    layer: r.get(2)?,
                    adcode: r.get(3)?,
                    name_zh: r.get(4)?,
                    name_en: r.get(5)?,
                    level: r.get(6)?,
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
