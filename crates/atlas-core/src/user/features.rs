//! Own layers and features: drawn on the map or imported, stored in `user_layers` and the
//! GeoPackage feature table `user_features` (R-tree indexed, so QGIS sees and indexes them).
//! Every change is one transaction and returns what the undo stack needs to reverse it.

use rusqlite::{params, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::error::{AtlasError, Result};
use crate::gpkg::{self, blob};
use crate::import::validate::check_geometry;
use crate::store::Atlas;
use crate::user::tours::now;

#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct UserLayer {
    pub id: String,
    pub name: String,
    /// Where it came from: "drawn", or the imported file's name.
    pub source: String,
    pub created_at: String,
    pub feature_count: usize,
    /// [min_lon, min_lat, max_lon, max_lat] of its features, if any.
    pub bbox: Option<[f64; 4]>,
}

/// The attributes a user edits; imported attributes stay in `properties`.
#[derive(Debug, Clone, Serialize, Deserialize, Default, PartialEq)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct FeatureAttributes {
    #[serde(default)]
    pub name_zh: String,
    #[serde(default)]
    pub name_en: String,
    #[serde(default)]
    pub category: String,
    #[serde(default)]
    pub description: String,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct UserFeature {
    pub id: i64,
    pub layer_id: String,
    pub attributes: FeatureAttributes,
    #[cfg_attr(test, ts(type = "Record<string, unknown>"))]
    pub properties: Map<String, Value>,
    /// GeoJSON geometry, WGS84.
    #[cfg_attr(test, ts(type = "GeoJsonGeometry"))]
    pub geometry: geojson::Geometry,
    pub created_at: String,
    pub updated_at: String,
}

/// Longest text an attribute may hold.
pub const MAX_ATTRIBUTE_CHARS: usize = 10_000;

fn check_attributes(a: &FeatureAttributes) -> Result<()> {
    for (field, value) in
        [("name_zh", &a.name_zh), ("name_en", &a.name_en), ("category", &a.category), ("description", &a.description)]
    {
        if value.chars().count() > MAX_ATTRIBUTE_CHARS {
            return Err(AtlasError::Invalid(format!("{field} holds at most {MAX_ATTRIBUTE_CHARS} characters")));
        }
    }
    Ok(())
}

/// Validates a geometry from the UI or an import and encodes it for the table.
pub(crate) fn geometry_blob(g: &geo::Geometry<f64>) -> Result<(Vec<u8>, Vec<crate::import::validate::Repair>)> {
    let (fixed, repairs) = check_geometry(g).map_err(|e| AtlasError::Invalid(format!("geometry: {e}")))?;
    Ok((blob::encode(&fixed, gpkg::WGS84), repairs))
}

/// Inserts a feature inside a caller's transaction (imports batch thousands per transaction).
pub(crate) fn insert_feature(
    tx: &Transaction,
    layer_id: &str,
    geometry_blob: &[u8],
    attrs: &FeatureAttributes,
    properties: &Map<String, Value>,
    stamp: &str,
) -> rusqlite::Result<i64> {
    tx.prepare_cached(
        "INSERT INTO user_features (geom, layer_id, name_zh, name_en, category, description, properties, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
    )?
    .execute(params![
        geometry_blob,
        layer_id,
        attrs.name_zh,
        attrs.name_en,
        attrs.category,
        attrs.description,
        serde_json::to_string(properties).expect("JSON values serialise"),
        stamp
    ])?;
    Ok(tx.last_insert_rowid())
}

/// A new layer row inside a caller's transaction; returns its id.
pub(crate) fn insert_layer(tx: &Transaction, name: &str, source: &str) -> Result<String> {
    let name = name.trim();
    if name.is_empty() {
        return Err(AtlasError::Invalid("a layer needs a name".into()));
    }
    let n: i64 = tx.query_row("SELECT coalesce(max(fid), 0) + 1 FROM user_layers", [], |r| r.get(0))?;
    let id = format!("layer-{n}");
    tx.execute(
        "INSERT INTO user_layers (id, name, source, created_at) VALUES (?1, ?2, ?3, ?4)",
        params![id, name, source, now()],
    )?;
    crate::user::extents::start_layer(tx, &id)?;
    Ok(id)
}

fn feature_row(
    r: &rusqlite::Row,
) -> rusqlite::Result<(i64, String, FeatureAttributes, String, Vec<u8>, String, String)> {
    Ok((
        r.get(0)?,
        r.get(1)?,
        FeatureAttributes { name_zh: r.get(2)?, name_en: r.get(3)?, category: r.get(4)?, description: r.get(5)? },
        r.get(6)?,
        r.get(7)?,
        r.get(8)?,
        r.get(9)?,
    ))
}

const FEATURE_COLUMNS: &str =
    "fid, layer_id, name_zh, name_en, category, description, properties, geom, created_at, updated_at";

impl Atlas {
    pub fn user_layers(&self) -> Result<Vec<UserLayer>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT l.id, l.name, l.source, l.created_at FROM user_layers l ORDER BY l.fid")?;
        let rows = stmt.query_map([], |r| {
            Ok(UserLayer {
                id: r.get(0)?,
                name: r.get(1)?,
                source: r.get(2)?,
                created_at: r.get(3)?,
                feature_count: 0,
                bbox: None,
            })
        })?;
        let mut layers: Vec<UserLayer> = rows.collect::<rusqlite::Result<_>>()?;
        for layer in &mut layers {
            (layer.feature_count, layer.bbox) = crate::user::extents::layer_extent(&self.conn, &layer.id)?;
        }
        Ok(layers)
    }

    pub fn user_layer(&self, id: &str) -> Result<UserLayer> {
        self.user_layers()?
            .into_iter()
            .find(|l| l.id == id)
            .ok_or_else(|| AtlasError::Invalid(format!("no layer {id:?}; `atlas layers` lists them")))
    }

    pub fn create_layer(&self, name: &str, source: &str) -> Result<UserLayer> {
        let tx = self.conn.unchecked_transaction()?;
        let id = insert_layer(&tx, name, source)?;
        tx.commit()?;
        self.user_layer(&id)
    }

    pub fn rename_layer(&self, id: &str, name: &str) -> Result<UserLayer> {
        if name.trim().is_empty() {
            return Err(AtlasError::Invalid("a layer needs a name".into()));
        }
        let tx = self.conn.unchecked_transaction()?;
        if tx.execute("UPDATE user_layers SET name = ?2 WHERE id = ?1", params![id, name.trim()])? == 0 {
            return Err(AtlasError::Invalid(format!("no layer {id:?}")));
        }
        tx.commit()?;
        self.user_layer(id)
    }

    /// Deletes a layer and its features.
    pub fn delete_layer(&self, id: &str) -> Result<()> {
        let tx = self.conn.unchecked_transaction()?;
        tx.execute("DELETE FROM user_notes WHERE target_kind = 'feature' AND target_id IN (SELECT CAST(fid AS TEXT) FROM user_features WHERE layer_id = ?1)", [id])?;
        tx.execute("DELETE FROM user_features WHERE layer_id = ?1", [id])?;
        crate::user::extents::forget_layer(&tx, id)?;
        if tx.execute("DELETE FROM user_layers WHERE id = ?1", [id])? == 0 {
            return Err(AtlasError::Invalid(format!("no layer {id:?}")));
        }
        tx.commit()?;
        Ok(())
    }

    pub fn user_feature(&self, id: i64) -> Result<UserFeature> {
        let row = self
            .conn
            .query_row(&format!("SELECT {FEATURE_COLUMNS} FROM user_features WHERE fid = ?1"), [id], feature_row)
            .optional()?
            .ok_or_else(|| AtlasError::Invalid(format!("no feature {id}")))?;
        to_feature(row)
    }

    /// Every feature of a layer (for layers small enough to send whole; large layers go
    /// through the viewport queries).
    pub fn layer_features(&self, layer_id: &str) -> Result<Vec<UserFeature>> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("SELECT {FEATURE_COLUMNS} FROM user_features WHERE layer_id = ?1 ORDER BY fid"))?;
        let rows = stmt.query_map([layer_id], feature_row)?.collect::<rusqlite::Result<Vec<_>>>()?;
        rows.into_iter().map(to_feature).collect()
    }

    pub fn add_feature(
        &self,
        layer_id: &str,
        geometry: &geo::Geometry<f64>,
        attrs: &FeatureAttributes,
    ) -> Result<UserFeature> {
        check_attributes(attrs)?;
        self.user_layer(layer_id)?;
        let (blob, _) = geometry_blob(geometry)?;
        let tx = self.conn.unchecked_transaction()?;
        let id = insert_feature(&tx, layer_id, &blob, attrs, &Map::new(), &now())?;
        tx.commit()?;
        self.user_feature(id)
    }

    pub fn update_feature_geometry(&self, id: i64, geometry: &geo::Geometry<f64>) -> Result<UserFeature> {
        let (blob, _) = geometry_blob(geometry)?;
        let tx = self.conn.unchecked_transaction()?;
        if tx.execute("UPDATE user_features SET geom = ?2, updated_at = ?3 WHERE fid = ?1", params![id, blob, now()])?
            == 0
        {
            return Err(AtlasError::Invalid(format!("no feature {id}")));
        }
        tx.commit()?;
        self.user_feature(id)
    }

    pub fn update_feature_attributes(&self, id: i64, attrs: &FeatureAttributes) -> Result<UserFeature> {
        check_attributes(attrs)?;
        let tx = self.conn.unchecked_transaction()?;
        let n = tx.execute(
            "UPDATE user_features SET name_zh = ?2, name_en = ?3, category = ?4, description = ?5, updated_at = ?6 WHERE fid = ?1",
            params![id, attrs.name_zh, attrs.name_en, attrs.category, attrs.description, now()],
        )?;
        if n == 0 {
            return Err(AtlasError::Invalid(format!("no feature {id}")));
        }
        tx.commit()?;
        self.user_feature(id)
    }

    /// Deletes a feature and returns it, so the caller can undo with [`Atlas::restore_feature`].
    pub fn delete_feature(&self, id: i64) -> Result<UserFeature> {
        let feature = self.user_feature(id)?;
        let tx = self.conn.unchecked_transaction()?;
        tx.execute("DELETE FROM user_features WHERE fid = ?1", [id])?;
        tx.commit()?;
        Ok(feature)
    }

    /// Puts a deleted feature back under its old id (undo of a delete).
    pub fn restore_feature(&self, f: &UserFeature) -> Result<UserFeature> {
        let g: geo::Geometry<f64> =
            (&f.geometry).try_into().map_err(|e: geojson::Error| AtlasError::Invalid(format!("geometry: {e}")))?;
        let (blob, _) = geometry_blob(&g)?;
        let tx = self.conn.unchecked_transaction()?;
        tx.execute(
            "INSERT INTO user_features (fid, geom, layer_id, name_zh, name_en, category, description, properties, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                f.id,
                blob,
                f.layer_id,
                f.attributes.name_zh,
                f.attributes.name_en,
                f.attributes.category,
                f.attributes.description,
                serde_json::to_string(&f.properties).expect("JSON values serialise"),
                f.created_at,
                f.updated_at
            ],
        )?;
        tx.commit()?;
        self.user_feature(f.id)
    }
}

fn to_feature(row: (i64, String, FeatureAttributes, String, Vec<u8>, String, String)) -> Result<UserFeature> {
    let (id, layer_id, attributes, properties, bytes, created_at, updated_at) = row;
    let g = blob::decode(&bytes).map_err(|e| AtlasError::Invalid(format!("user_features {id}: {e}")))?;
    Ok(UserFeature {
        id,
        layer_id,
        attributes,
        properties: serde_json::from_str(&properties).unwrap_or_default(),
        geometry: geojson::Geometry::new((&g).into()),
        created_at,
        updated_at,
    })
}
