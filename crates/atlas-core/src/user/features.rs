//! Own layers and features: drawn on the map or imported. `user_layers` lists them; each
//! layer's features live in a GeoPackage feature table of its own (`crate::user::layer_table`),
//! so QGIS sees `parcels` with its fields. Every change is one transaction and returns what the
//! undo stack needs to reverse it.

use rusqlite::types::ValueRef;
use rusqlite::{params, Connection, Transaction};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::error::{AtlasError, Result};
use crate::gpkg::{self, blob};
use crate::import::fields::{FieldDef, FieldKind};
use crate::import::validate::check_geometry;
use crate::store::Atlas;
use crate::user::layer_table::{self as tables, feature_id, quoted, split_feature_id};
use crate::user::tours::now;

#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct UserLayer {
    pub id: String,
    pub name: String,
    /// Where it came from: "drawn", or the imported file's name.
    pub source: String,
    pub created_at: String,
    /// The GeoPackage table that holds its features (what GDAL and QGIS call the layer).
    pub table_name: String,
    /// Its GeoPackage geometry type: POINT, MULTIPOLYGON, …, or GEOMETRY when mixed.
    pub geometry_type: String,
    /// The source's fields, typed, in column order (the app's own columns not included).
    pub fields: Vec<FieldDef>,
    pub feature_count: usize,
    /// [min_lon, min_lat, max_lon, max_lat] of its features, if any.
    pub bbox: Option<[f64; 4]>,
    /// The colour it is drawn in (`#rrggbb`): the palette's by default, the user's choice after.
    pub colour: String,
}

/// The attributes a user edits; imported attributes are the layer's fields, in `properties`.
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
    /// The layer's number (high 32 bits) and the row's fid in its table (low 32 bits): see
    /// `crate::user::layer_table::feature_id`.
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
    let (fixed, repairs) = check_geometry(g).map_err(AtlasError::Geometry)?;
    Ok((blob::encode(&fixed, gpkg::WGS84), repairs))
}

/// A layer just registered: its id and table.
pub struct NewLayer {
    pub id: String,
    pub table: String,
}

/// A new layer (row and table) inside a caller's transaction. An import passes `indexed`
/// false and indexes the table once it is filled.
pub fn insert_layer(
    tx: &Transaction,
    name: &str,
    source: &str,
    fields: &[FieldDef],
    indexed: bool,
) -> Result<NewLayer> {
    let name = name.trim();
    if name.is_empty() {
        return Err(AtlasError::Invalid("a layer needs a name".into()));
    }
    let number = tables::next_layer_number(tx)?;
    let id = format!("layer-{number}");
    let table = tables::table_name_for(tx, name)?;
    tx.execute(
        "INSERT INTO user_layers (fid, id, name, source, created_at, table_name, colour) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![number, id, name, source, now(), table, crate::style::own_layer_colour(number)],
    )?;
    tables::create_layer_table(tx, &table, name, fields, indexed)?;
    crate::gpkg::layer_styles::restyle_own_table(tx, &table)?;
    crate::user::extents::start_layer(tx, &id)?;
    if indexed {
        crate::user::extents::create_layer_triggers(tx, &table, &id)?;
    }
    Ok(NewLayer { id, table })
}

/// A JSON value bound as the SQL value its field keeps (nested values as their JSON text).
pub fn sql_value(v: &Value) -> rusqlite::types::Value {
    use rusqlite::types::Value as Sql;
    match v {
        Value::Null => Sql::Null,
        Value::Bool(b) => Sql::Integer(*b as i64),
        Value::Number(n) => n.as_i64().map(Sql::Integer).unwrap_or_else(|| Sql::Real(n.as_f64().unwrap_or(f64::NAN))),
        Value::String(s) => Sql::Text(s.clone()),
        other => Sql::Text(other.to_string()),
    }
}

/// A stored value as JSON: by what SQLite holds, so a number in a field widened to text comes
/// back as the number it was; booleans from their declared kind.
fn json_value(v: ValueRef, kind: FieldKind) -> Value {
    match v {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(i) if kind == FieldKind::Boolean => Value::Bool(i != 0),
        // A Real field's whole numbers are reals, whether stored before the field was widened
        // (an import) or after (a migration): one answer for the same field.
        ValueRef::Integer(i) if kind == FieldKind::Real => {
            serde_json::Number::from_f64(i as f64).map(Value::Number).unwrap_or(Value::Null)
        }
        ValueRef::Integer(i) => i.into(),
        ValueRef::Real(f) => serde_json::Number::from_f64(f).map(Value::Number).unwrap_or(Value::Null),
        ValueRef::Text(t) => Value::String(String::from_utf8_lossy(t).into_owned()),
        ValueRef::Blob(b) => Value::String(b.iter().map(|x| format!("{x:02x}")).collect()),
    }
}

/// Where a layer's features are read from: its table and fields, resolved once per query.
pub(crate) struct LayerSource {
    pub id: String,
    pub number: i64,
    pub table: String,
    pub fields: Vec<FieldDef>,
}

impl LayerSource {
    pub(crate) fn by_id(conn: &Connection, layer_id: &str) -> Result<Option<LayerSource>> {
        let Some((number, table)) = tables::layer_table_of(conn, layer_id)? else { return Ok(None) };
        let fields = tables::layer_fields(conn, &table)?;
        Ok(Some(LayerSource { id: layer_id.to_owned(), number, table, fields }))
    }

    pub(crate) fn by_feature(conn: &Connection, feature: i64) -> Result<Option<(LayerSource, i64)>> {
        let (number, fid) = split_feature_id(feature);
        let Some((id, table)) = tables::layer_of_number(conn, number)? else { return Ok(None) };
        let fields = tables::layer_fields(conn, &table)?;
        Ok(Some((LayerSource { id, number, table, fields }, fid)))
    }

    /// SELECT of every column, in the order [`LayerSource::feature`] reads them.
    fn select(&self) -> String {
        let mut columns = "fid, geom, name_zh, name_en, category, description, created_at, updated_at".to_owned();
        for f in &self.fields {
            columns.push_str(", ");
            columns.push_str(&quoted(&f.name));
        }
        format!("SELECT {columns} FROM {}", quoted(&self.table))
    }

    fn feature(&self, r: &rusqlite::Row) -> Result<UserFeature> {
        let fid: i64 = r.get(0)?;
        let id = feature_id(self.number, fid);
        let g = blob::decode(r.get_ref(1)?.as_blob().map_err(rusqlite::Error::from)?)
            .map_err(|e| AtlasError::Invalid(format!("{} feature {fid}: {e}", self.table)))?;
        let mut properties = Map::new();
        for (i, f) in self.fields.iter().enumerate() {
            let v = json_value(r.get_ref(8 + i)?, f.kind);
            if !v.is_null() {
                properties.insert(f.name.clone(), v);
            }
        }
        Ok(UserFeature {
            id,
            layer_id: self.id.clone(),
            attributes: FeatureAttributes {
                name_zh: r.get(2)?,
                name_en: r.get(3)?,
                category: r.get(4)?,
                description: r.get(5)?,
            },
            properties,
            geometry: geojson::Geometry::new((&g).into()),
            created_at: r.get(6)?,
            updated_at: r.get(7)?,
        })
    }

    /// Inserts a row (under `fid` if given: undo puts a feature back under its old id). A
    /// property without a column gets one, typed from its value.
    fn insert(
        &mut self,
        tx: &Transaction,
        fid: Option<i64>,
        geometry_blob: &[u8],
        attrs: &FeatureAttributes,
        properties: &Map<String, Value>,
        created_at: &str,
        updated_at: &str,
    ) -> Result<i64> {
        for (key, value) in properties {
            if !self.fields.iter().any(|f| &f.name == key) {
                let field = FieldDef { name: key.clone(), kind: FieldKind::of_value(value).unwrap_or(FieldKind::Text) };
                tables::add_column(tx, &self.table, &field)?;
                self.fields.push(field);
            }
        }
        let mut columns =
            vec!["fid", "geom", "name_zh", "name_en", "category", "description", "created_at", "updated_at"]
                .into_iter()
                .map(str::to_owned)
                .collect::<Vec<_>>();
        let mut values: Vec<rusqlite::types::Value> = vec![
            fid.map(rusqlite::types::Value::Integer).unwrap_or(rusqlite::types::Value::Null),
            rusqlite::types::Value::Blob(geometry_blob.to_vec()),
            attrs.name_zh.clone().into(),
            attrs.name_en.clone().into(),
            attrs.category.clone().into(),
            attrs.description.clone().into(),
            created_at.to_owned().into(),
            updated_at.to_owned().into(),
        ];
        for (key, value) in properties {
            columns.push(quoted(key));
            values.push(sql_value(value));
        }
        let marks = (1..=values.len()).map(|i| format!("?{i}")).collect::<Vec<_>>().join(", ");
        tx.execute(
            &format!("INSERT INTO {} ({}) VALUES ({marks})", quoted(&self.table), columns.join(", ")),
            rusqlite::params_from_iter(values),
        )?;
        Ok(feature_id(self.number, tx.last_insert_rowid()))
    }
}

impl Atlas {
    pub fn user_layers(&self) -> Result<Vec<UserLayer>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT l.id, l.name, l.source, l.created_at, l.table_name, l.colour FROM user_layers l ORDER BY l.fid",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(UserLayer {
                id: r.get(0)?,
                name: r.get(1)?,
                source: r.get(2)?,
                created_at: r.get(3)?,
                table_name: r.get(4)?,
                colour: r.get(5)?,
                geometry_type: String::new(),
                fields: Vec::new(),
                feature_count: 0,
                bbox: None,
            })
        })?;
        let mut layers: Vec<UserLayer> = rows.collect::<rusqlite::Result<_>>()?;
        for layer in &mut layers {
            (layer.feature_count, layer.bbox) = crate::user::extents::layer_extent(&self.conn, &layer.id)?;
            layer.geometry_type = tables::layer_geometry_type(&self.conn, &layer.table_name)?;
            layer.fields = tables::layer_fields(&self.conn, &layer.table_name)?;
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
        let layer = insert_layer(&tx, name, source, &[], true)?;
        tx.commit()?;
        self.user_layer(&layer.id)
    }

    /// Renames a layer as the app shows it; its table keeps its name (QGIS projects and the
    /// team's server refer to it).
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

    /// Changes the colour a layer is drawn in (`#rrggbb`), in the app and in its QGIS style.
    pub fn set_layer_colour(&self, id: &str, colour: &str) -> Result<UserLayer> {
        if !crate::style::is_colour(colour) {
            return Err(AtlasError::Invalid(format!("{colour:?} is not a colour: give it as #rrggbb")));
        }
        let Some((_, table)) = tables::layer_table_of(&self.conn, id)? else {
            return Err(AtlasError::Invalid(format!("no layer {id:?}")));
        };
        let tx = self.conn.unchecked_transaction()?;
        tx.execute("UPDATE user_layers SET colour = ?2 WHERE id = ?1", params![id, colour.to_ascii_lowercase()])?;
        crate::gpkg::layer_styles::restyle_own_table(&tx, &table)?;
        tx.commit()?;
        self.user_layer(id)
    }

    /// Deletes a layer: its table, its index, its notes.
    pub fn delete_layer(&self, id: &str) -> Result<()> {
        let Some((number, table)) = tables::layer_table_of(&self.conn, id)? else {
            return Err(AtlasError::Invalid(format!("no layer {id:?}")));
        };
        let tx = self.conn.unchecked_transaction()?;
        tx.execute(
            "DELETE FROM user_notes WHERE target_kind = 'feature' AND CAST(target_id AS INTEGER) BETWEEN ?1 AND ?2",
            params![feature_id(number, 0), feature_id(number, 0xFFFF_FFFF)],
        )?;
        tables::drop_layer_table(&tx, &table)?;
        crate::user::extents::forget_layer(&tx, id)?;
        tx.execute("DELETE FROM user_layers WHERE id = ?1", [id])?;
        tx.commit()?;
        Ok(())
    }

    pub fn user_feature(&self, id: i64) -> Result<UserFeature> {
        let missing = || AtlasError::Invalid(format!("no feature {id}"));
        let (source, fid) = LayerSource::by_feature(&self.conn, id)?.ok_or_else(missing)?;
        let mut stmt = self.conn.prepare_cached(&format!("{} WHERE fid = ?1", source.select()))?;
        let mut rows = stmt.query([fid])?;
        match rows.next()? {
            Some(r) => source.feature(r),
            None => Err(missing()),
        }
    }

    /// Every feature of a layer (for layers small enough to send whole, and exports; large
    /// layers go to the map through the viewport queries).
    pub fn layer_features(&self, layer_id: &str) -> Result<Vec<UserFeature>> {
        let source = LayerSource::by_id(&self.conn, layer_id)?
            .ok_or_else(|| AtlasError::Invalid(format!("no layer {layer_id:?}; `atlas layers` lists them")))?;
        let mut stmt = self.conn.prepare_cached(&format!("{} ORDER BY fid", source.select()))?;
        let mut rows = stmt.query([])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            out.push(source.feature(r)?);
        }
        Ok(out)
    }

    pub fn add_feature(
        &self,
        layer_id: &str,
        geometry: &geo::Geometry<f64>,
        attrs: &FeatureAttributes,
    ) -> Result<UserFeature> {
        check_attributes(attrs)?;
        let mut source = LayerSource::by_id(&self.conn, layer_id)?
            .ok_or_else(|| AtlasError::Invalid(format!("no layer {layer_id:?}; `atlas layers` lists them")))?;
        let (blob, _) = geometry_blob(geometry)?;
        let stamp = now();
        let tx = self.conn.unchecked_transaction()?;
        tables::admit_geometry_type(&tx, &source.table, geometry)?;
        let id = source.insert(&tx, None, &blob, attrs, &Map::new(), &stamp, &stamp)?;
        tx.commit()?;
        self.user_feature(id)
    }

    pub fn update_feature_geometry(&self, id: i64, geometry: &geo::Geometry<f64>) -> Result<UserFeature> {
        let (blob, _) = geometry_blob(geometry)?;
        let (source, fid) =
            LayerSource::by_feature(&self.conn, id)?.ok_or_else(|| AtlasError::Invalid(format!("no feature {id}")))?;
        let tx = self.conn.unchecked_transaction()?;
        tables::admit_geometry_type(&tx, &source.table, geometry)?;
        let sql = format!("UPDATE {} SET geom = ?2, updated_at = ?3 WHERE fid = ?1", quoted(&source.table));
        if tx.execute(&sql, params![fid, blob, now()])? == 0 {
            return Err(AtlasError::Invalid(format!("no feature {id}")));
        }
        tx.commit()?;
        self.user_feature(id)
    }

    pub fn update_feature_attributes(&self, id: i64, attrs: &FeatureAttributes) -> Result<UserFeature> {
        check_attributes(attrs)?;
        let (source, fid) =
            LayerSource::by_feature(&self.conn, id)?.ok_or_else(|| AtlasError::Invalid(format!("no feature {id}")))?;
        let tx = self.conn.unchecked_transaction()?;
        let n = tx.execute(
            &format!(
                "UPDATE {} SET name_zh = ?2, name_en = ?3, category = ?4, description = ?5, updated_at = ?6 WHERE fid = ?1",
                quoted(&source.table)
            ),
            params![fid, attrs.name_zh, attrs.name_en, attrs.category, attrs.description, now()],
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
        let (source, fid) =
            LayerSource::by_feature(&self.conn, id)?.ok_or_else(|| AtlasError::Invalid(format!("no feature {id}")))?;
        let tx = self.conn.unchecked_transaction()?;
        tx.execute(&format!("DELETE FROM {} WHERE fid = ?1", quoted(&source.table)), [fid])?;
        tx.commit()?;
        Ok(feature)
    }

    /// Puts a deleted feature back under its old id (undo of a delete).
    pub fn restore_feature(&self, f: &UserFeature) -> Result<UserFeature> {
        self.write_feature(f, false)
    }

    /// Writes a feature under its id, replacing the row there if any, attributes, properties
    /// and stamps as given (a sync from the team's server: `crate::user::layer_table` explains
    /// the ids). A property without a column gets one.
    pub fn put_feature(&self, f: &UserFeature) -> Result<UserFeature> {
        check_attributes(&f.attributes)?;
        self.write_feature(f, true)
    }

    fn write_feature(&self, f: &UserFeature, replace: bool) -> Result<UserFeature> {
        let g: geo::Geometry<f64> =
            (&f.geometry).try_into().map_err(|e: geojson::Error| AtlasError::Invalid(format!("geometry: {e}")))?;
        let (blob, _) = geometry_blob(&g)?;
        let (mut source, fid) = LayerSource::by_feature(&self.conn, f.id)?
            .filter(|(s, _)| s.id == f.layer_id)
            .ok_or_else(|| AtlasError::Invalid(format!("no layer {:?} for feature {}", f.layer_id, f.id)))?;
        let tx = self.conn.unchecked_transaction()?;
        if replace {
            // Delete then insert, not INSERT OR REPLACE: REPLACE's delete fires no triggers,
            // and the layer's kept count and extent are kept by them.
            tx.execute(&format!("DELETE FROM {} WHERE fid = ?1", quoted(&source.table)), [fid])?;
        }
        tables::admit_geometry_type(&tx, &source.table, &g)?;
        source.insert(&tx, Some(fid), &blob, &f.attributes, &f.properties, &f.created_at, &f.updated_at)?;
        tx.commit()?;
        self.user_feature(f.id)
    }

    /// Own features whose Chinese or English name matches a LIKE pattern (escape `\`), as
    /// (id, layer id, name), in layer order then row order.
    pub fn own_features_named(&self, pattern: &str, limit: usize) -> Result<Vec<(i64, String, String)>> {
        let mut out = Vec::new();
        let layers: Vec<(i64, String, String)> = self
            .conn
            .prepare_cached("SELECT fid, id, table_name FROM user_layers ORDER BY fid")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (number, layer_id, table) in layers {
            if out.len() >= limit {
                break;
            }
            let mut stmt = self.conn.prepare_cached(&format!(
                "SELECT fid, CASE WHEN name_zh != '' THEN name_zh ELSE name_en END FROM {}
                 WHERE name_zh LIKE ?1 ESCAPE '\\' OR name_en LIKE ?1 ESCAPE '\\' ORDER BY fid LIMIT ?2",
                quoted(&table)
            ))?;
            let rows = stmt.query_map(params![pattern, (limit - out.len()) as i64], |r| {
                Ok((feature_id(number, r.get(0)?), layer_id.clone(), r.get(1)?))
            })?;
            for row in rows {
                out.push(row?);
            }
        }
        Ok(out)
    }
}
