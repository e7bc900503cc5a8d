//! Layers for drawing: the basemap and the plan's features, packed in the wire format
//! (see [`crate::wire`]) with the properties the map styles and labels by.

use serde::Serialize;

use crate::error::{AtlasError, Result};
use crate::gpkg::blob;
use crate::store::Atlas;

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
}

fn decode(table: &str, fid: i64, bytes: &[u8]) -> Result<geo::Geometry<f64>> {
    blob::decode(bytes).map_err(|e| AtlasError::Invalid(format!("{table} feature {fid}: {e}")))
}

impl Atlas {
    /// The basemap: outlines, context districts, Tianjin's districts (simplified), in that order.
    pub fn basemap_wire(&self) -> Result<Vec<u8>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT fid, geom, layer, adcode, name_zh, name_en, level FROM basemap
             ORDER BY CASE layer WHEN 'outline' THEN 0 WHEN 'context' THEN 1 ELSE 2 END, fid",
        )?;
        let mut props = Vec::new();
        let mut geoms = Vec::new();
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
        for row in rows {
            let (fid, bytes, p) = row?;
            geoms.push(decode("basemap", fid, &bytes)?);
            props.push(p);
        }
        crate::wire::encode(&props, &geoms).map_err(AtlasError::Invalid)
    }

    /// Every plan feature: areas, then lines, then points (the drawing order within the plan).
    pub fn plan_wire(&self) -> Result<Vec<u8>> {
        let mut props = Vec::new();
        let mut geoms = Vec::new();
        for table in crate::store::schema::PLAN_GEOMETRY_TABLES {
            let mut stmt = self.conn.prepare_cached(&format!(
                "SELECT fid, geom, element_id, role, category, location_basis FROM {table} ORDER BY fid"
            ))?;
            let rows = stmt.query_map([], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, Vec<u8>>(1)?,
                    PlanFeatureProps {
                        element_id: r.get(2)?,
                        role: r.get(3)?,
                        category: r.get(4)?,
                        location_basis: r.get(5)?,
                    },
                ))
            })?;
            for row in rows {
                let (fid, bytes, p) = row?;
                geoms.push(for_display(decode(table, fid, &bytes)?));
                props.push(p);
            }
        }
        crate::wire::encode(&props, &geoms).map_err(AtlasError::Invalid)
    }
}

/// Visvalingam–Whyatt area threshold (square degrees) for drawing plan areas: the same as the
/// display districts (see boundary_derivation), so an area built from districts lines up with
/// the basemap's district edges. Queries keep the full-resolution shapes.
const DISPLAY_AREA: f64 = 5e-7;

fn for_display(g: geo::Geometry<f64>) -> geo::Geometry<f64> {
    use geo::SimplifyVwPreserve;
    match g {
        geo::Geometry::MultiPolygon(mp) => geo::Geometry::MultiPolygon(mp.simplify_vw_preserve(DISPLAY_AREA)),
        other => other,
    }
}
