//! Every plan element as one RFC 7946 FeatureCollection: WGS84 lon/lat, exterior rings
//! counter-clockwise, coordinates to 1e-6° (≈ 0.1 m), one feature per element.

use geo::{MapCoords, Orient};
use geojson::{Feature, FeatureCollection};
use serde::Deserialize;
use serde_json::{json, Map, Value};

use crate::error::{AtlasError, Result};
use crate::sql_rows;
use crate::store::Atlas;

fn round6(v: f64) -> f64 {
    (v * 1e6).round() / 1e6
}

/// The `plan_elements` columns an exported feature carries beyond its summary.
#[derive(Deserialize)]
struct ExportRow {
    source: String,
    /// The location source and the note in Chinese (our wording, schema 9): None only in an
    /// atlas that has not taken that plan edition.
    source_zh: Option<String>,
    uncertainty: Option<f64>,
    host: Option<String>,
    note: Option<String>,
    note_zh: Option<String>,
    name_kind: String,
    source_name: Option<String>,
    hosts: String,
    relies_on: String,
    quote_kind: Option<String>,
    quote: Option<String>,
    section: Option<String>,
}

impl Atlas {
    /// The plan elements as a FeatureCollection.
    pub fn plan_feature_collection(&self) -> Result<FeatureCollection> {
        let mut theme_stmt =
            self.conn.prepare_cached("SELECT theme_id FROM plan_element_themes WHERE element_id = ?1")?;
        let mut extra_stmt = self.conn.prepare_cached(
            "SELECT location_source AS source, location_source_zh AS source_zh, uncertainty_km AS uncertainty, host,
                    note, note_zh, name_kind, source_name,
                    hosts, relies_on,
                    (SELECT q.kind FROM plan_quotes q WHERE q.owner_kind = 'element' AND q.owner_id = e.id ORDER BY ord LIMIT 1) AS quote_kind,
                    (SELECT text FROM plan_quotes q WHERE q.owner_kind = 'element' AND q.owner_id = e.id ORDER BY ord LIMIT 1) AS quote,
                    (SELECT section_id FROM plan_quotes q WHERE q.owner_kind = 'element' AND q.owner_id = e.id ORDER BY ord LIMIT 1) AS section
             FROM plan_elements e WHERE id = ?1",
        )?;
        let mut features = Vec::with_capacity(self.elements.len());
        for (e, shape) in self.elements.iter().zip(&self.element_shapes) {
            let themes: Vec<String> = theme_stmt.query_map([&e.id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
            let x: ExportRow = sql_rows::first(&mut extra_stmt, [&e.id])?
                .ok_or_else(|| AtlasError::UnknownElement { id: e.id.clone() })?;
            let located = e.location_basis != crate::plan::LocationBasis::Unlocated;
            let list = |json: &str| serde_json::from_str::<Vec<String>>(json).unwrap_or_default().join(",");
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
                // "label": name_zh is our descriptive name, not the plan's (〔示意名称〕)
                "name_kind": x.name_kind,
                "category": e.category,
                "district": if located { e.districts.first() } else { None },
                "districts": e.districts.join(","),
                // false: listed under 全市 / 未定位, exported with null geometry
                "located": located,
                "location_basis": e.location_basis,
                "location_source": x.source,
                "location_source_zh": x.source_zh,
                "source_name": x.source_name,
                "uncertainty_km": x.uncertainty,
                "host": x.host,
                "hosts": list(&x.hosts),
                "relies_on": list(&x.relies_on),
                "themes": themes.join(","),
                "note": x.note,
                "note_zh": x.note_zh,
                "quote": x.quote,
                "quote_kind": x.quote_kind,
                "quote_section": x.section,
            });
            let properties: Map<String, Value> = properties.as_object().cloned().unwrap_or_default();
            features.push(Feature {
                bbox: None,
                // An unlocated element's map symbol is only a margin slot: it has no place to export.
                geometry: located.then(|| geojson::Geometry::new((&geometry).into())),
                id: Some(geojson::feature::Id::String(e.id.clone())),
                properties: Some(properties),
                foreign_members: None,
            });
        }
        Ok(FeatureCollection { bbox: None, features, foreign_members: None })
    }

    /// Writes [`Atlas::plan_feature_collection`] to `path`, atomically.
    pub fn export_plan_geojson(&self, path: &std::path::Path) -> Result<usize> {
        write_collection(path, &self.plan_feature_collection()?)
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
        write_collection(path, &self.layer_feature_collection(layer_id, only)?)
    }
}

/// Writes a FeatureCollection as one line of JSON to `path`, atomically; returns its feature count.
fn write_collection(path: &std::path::Path, fc: &FeatureCollection) -> Result<usize> {
    super::write_atomically(path, |out| {
        serde_json::to_writer(&mut *out, fc).map_err(std::io::Error::other)?;
        out.write_all(b"\n")
    })?;
    Ok(fc.features.len())
}
