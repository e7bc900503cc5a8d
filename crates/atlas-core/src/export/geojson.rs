//! Every plan element as one RFC 7946 FeatureCollection: WGS84 lon/lat, exterior rings
//! counter-clockwise, coordinates to 1e-6° (≈ 0.1 m), one feature per element.

use geo::{MapCoords, Orient};
use geojson::{Feature, FeatureCollection};
use serde_json::{json, Map, Value};

use crate::error::Result;
use crate::store::Atlas;

fn round6(v: f64) -> f64 {
    (v * 1e6).round() / 1e6
}

impl Atlas {
    /// The plan elements as a FeatureCollection.
    pub fn plan_feature_collection(&self) -> Result<FeatureCollection> {
        let mut theme_stmt =
            self.conn.prepare_cached("SELECT theme_id FROM plan_element_themes WHERE element_id = ?1")?;
        let mut extra_stmt = self.conn.prepare_cached(
            "SELECT location_source, uncertainty_km, host, note, (SELECT text FROM plan_quotes q WHERE q.owner_kind = 'element' AND q.owner_id = e.id ORDER BY ord LIMIT 1),
                    (SELECT section_id FROM plan_quotes q WHERE q.owner_kind = 'element' AND q.owner_id = e.id ORDER BY ord LIMIT 1)
             FROM plan_elements e WHERE id = ?1",
        )?;
        let mut features = Vec::with_capacity(self.elements.len());
        for (e, shape) in self.elements.iter().zip(&self.element_shapes) {
            let themes: Vec<String> = theme_stmt.query_map([&e.id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
            let (source, uncertainty, host, note, quote, section): (
                String,
                Option<f64>,
                Option<String>,
                Option<String>,
                Option<String>,
                Option<String>,
            ) = extra_stmt
                .query_row([&e.id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)))?;
            let geometry = match shape {
                geo::Geometry::MultiPolygon(mp) => {
                    geo::Geometry::MultiPolygon(mp.orient(geo::orient::Direction::Default))
                }
                other => other.clone(),
            }
            .map_coords(|c| geo::coord! { x: round6(c.x), y: round6(c.y) });
            let properties = json!({
                "id": e.id,
                "name_zh": e.name_zh,
                "name_en": e.name_en,
                "category": e.category,
                "district": e.districts.first(),
                "districts": e.districts.join(","),
                "location_basis": e.location_basis,
                "location_source": source,
                "uncertainty_km": uncertainty,
                "host": host,
                "themes": themes.join(","),
                "note": note,
                "quote": quote,
                "quote_section": section,
            });
            let properties: Map<String, Value> = properties.as_object().cloned().unwrap_or_default();
            features.push(Feature {
                bbox: None,
                geometry: Some(geojson::Geometry::new((&geometry).into())),
                id: Some(geojson::feature::Id::String(e.id.clone())),
                properties: Some(properties),
                foreign_members: None,
            });
        }
        Ok(FeatureCollection { bbox: None, features, foreign_members: None })
    }

    /// Writes [`Atlas::plan_feature_collection`] to `path`, atomically.
    pub fn export_plan_geojson(&self, path: &std::path::Path) -> Result<usize> {
        let fc = self.plan_feature_collection()?;
        let n = fc.features.len();
        super::write_atomically(path, |out| {
            serde_json::to_writer(&mut *out, &fc).map_err(std::io::Error::other)?;
            out.write_all(b"\n")
        })?;
        Ok(n)
    }
}

impl Atlas {
    /// A user layer (or some of its features) as an RFC 7946 FeatureCollection. Properties are
    /// the editable attributes plus the imported ones under their own names.
    pub fn layer_feature_collection(&self, layer_id: &str, only: Option<&[i64]>) -> Result<FeatureCollection> {
        self.user_layer(layer_id)?;
        let features = self
            .layer_features(layer_id)?
            .into_iter()
            .filter(|f| only.is_none_or(|ids| ids.contains(&f.id)))
            .map(|f| {
                let mut properties = f.properties.clone();
                properties.insert("name_zh".into(), f.attributes.name_zh.clone().into());
                properties.insert("name_en".into(), f.attributes.name_en.clone().into());
                properties.insert("category".into(), f.attributes.category.clone().into());
                properties.insert("description".into(), f.attributes.description.clone().into());
                let g: geo::Geometry<f64> = (&f.geometry).try_into().expect("stored geometry converts");
                let g = match g {
                    geo::Geometry::Polygon(p) => geo::Geometry::Polygon(p.orient(geo::orient::Direction::Default)),
                    geo::Geometry::MultiPolygon(mp) => {
                        geo::Geometry::MultiPolygon(mp.orient(geo::orient::Direction::Default))
                    }
                    other => other,
                };
                Feature {
                    bbox: None,
                    geometry: Some(geojson::Geometry::new((&g).into())),
                    id: Some(geojson::feature::Id::Number(f.id.into())),
                    properties: Some(properties),
                    foreign_members: None,
                }
            })
            .collect();
        Ok(FeatureCollection { bbox: None, features, foreign_members: None })
    }

    pub fn export_layer_geojson(&self, layer_id: &str, only: Option<&[i64]>, path: &std::path::Path) -> Result<usize> {
        let fc = self.layer_feature_collection(layer_id, only)?;
        let n = fc.features.len();
        super::write_atomically(path, |out| {
            serde_json::to_writer(&mut *out, &fc).map_err(std::io::Error::other)?;
            out.write_all(b"\n")
        })?;
        Ok(n)
    }
}
