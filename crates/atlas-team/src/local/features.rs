//! Own layers' features, each layer in a GeoPackage table of its own with typed columns
//! (atlas-core's `user::layer_table`, schema 8). A feature's local id is the core's feature id
//! (layer number << 32 | fid), the id notes point at; in wire form its typed fields travel in
//! `properties`, and a layer carries its field list (name and GeoPackage type), sorted by name
//! so two desktops that added the same fields in another order agree.

use rusqlite::types::ValueRef;
use rusqlite::{params, Connection, OptionalExtension};
use serde_json::{json, Map, Value};

use atlas_core::gpkg::blob;
use atlas_core::import::fields::{FieldDef, FieldKind};
use atlas_core::user::features::sql_value;
use atlas_core::user::layer_table::{feature_id, layer_fields, quoted, split_feature_id};

use crate::entity::Kind;
use crate::error::{Result, TeamError};

/// A local own layer: its id (`layer-3`), number, table and typed fields.
#[derive(Debug, Clone)]
pub struct LocalLayer {
    pub id: String,
    pub number: i64,
    pub table: String,
    pub fields: Vec<FieldDef>,
}

fn layer_where(conn: &Connection, clause: &str, key: &dyn rusqlite::ToSql) -> Result<Option<LocalLayer>> {
    let row: Option<(String, i64, String)> = conn
        .prepare_cached(&format!("SELECT id, fid, table_name FROM user_layers WHERE {clause}"))?
        .query_row([key], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    match row {
        None => Ok(None),
        Some((id, number, table)) => {
            let fields = layer_fields(conn, &table)?;
            Ok(Some(LocalLayer { id, number, table, fields }))
        }
    }
}

pub fn layer_by_id(conn: &Connection, id: &str) -> Result<Option<LocalLayer>> {
    layer_where(conn, "id = ?1", &id)
}

pub fn layer_by_number(conn: &Connection, number: i64) -> Result<Option<LocalLayer>> {
    layer_where(conn, "fid = ?1", &number)
}

pub fn layers(conn: &Connection) -> Result<Vec<LocalLayer>> {
    let ids: Vec<String> = conn
        .prepare("SELECT id FROM user_layers ORDER BY fid")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut out = Vec::new();
    for id in ids {
        out.extend(layer_by_id(conn, &id)?);
    }
    Ok(out)
}

/// The field list in wire form: [{name, kind}] sorted by name, kind as GeoPackage declares it.
pub fn fields_json(fields: &[FieldDef]) -> Value {
    let mut list: Vec<&FieldDef> = fields.iter().collect();
    list.sort_by(|a, b| a.name.cmp(&b.name));
    Value::Array(list.iter().map(|f| json!({"name": f.name, "kind": f.kind.sql_type()})).collect())
}

pub fn fields_from_json(v: Option<&Value>) -> Vec<FieldDef> {
    v.and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|f| {
                    Some(FieldDef {
                        name: f.get("name")?.as_str()?.to_owned(),
                        kind: FieldKind::from_sql_type(f.get("kind").and_then(Value::as_str).unwrap_or("TEXT")),
                    })
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Triggers that note each change to a layer's table, for every layer that lacks them (a layer
/// made since the last sync). Returns the layers that had none: edits made before the triggers
/// existed were not noted, so the caller marks all their rows.
pub fn ensure_triggers(conn: &Connection) -> Result<Vec<LocalLayer>> {
    let mut fresh = Vec::new();
    for layer in layers(conn)? {
        let number = layer.number;
        if crate::local::schema::track(conn, Kind::Feature, &format!("layer_{}", layer.table), &layer.table, |row| {
            format!("({number} << 32) | {row}.fid")
        })? {
            fresh.push(layer);
        }
    }
    Ok(fresh)
}

/// Notes every feature of a layer as possibly changed.
pub fn mark_layer_dirty(conn: &Connection, layer: &LocalLayer) -> Result<()> {
    conn.execute(
        &format!(
            "INSERT OR IGNORE INTO team_dirty SELECT 'feature', CAST((?1 << 32) | fid AS TEXT) FROM {}",
            quoted(&layer.table)
        ),
        [layer.number],
    )?;
    Ok(())
}

/// A feature in wire form, without its layer's bureau id (the caller adds it).
pub fn read_feature(conn: &Connection, id: i64) -> Result<Option<(LocalLayer, Map<String, Value>)>> {
    let (number, fid) = split_feature_id(id);
    let Some(layer) = layer_by_number(conn, number)? else { return Ok(None) };
    let mut columns = "geom, name_zh, name_en, category, description, created_at, updated_at".to_owned();
    for f in &layer.fields {
        columns.push_str(", ");
        columns.push_str(&quoted(&f.name));
    }
    let mut stmt = conn.prepare_cached(&format!("SELECT {columns} FROM {} WHERE fid = ?1", quoted(&layer.table)))?;
    let value = stmt
        .query_row([fid], |r| {
            let geom = r.get_ref(0)?.as_blob().map(<[u8]>::to_vec).unwrap_or_default();
            let mut properties = Map::new();
            for (i, f) in layer.fields.iter().enumerate() {
                let v = json_value(r.get_ref(7 + i)?, f.kind);
                if !v.is_null() {
                    properties.insert(f.name.clone(), v);
                }
            }
            Ok((
                geom,
                json!({
                    "name_zh": r.get::<_, String>(1)?, "name_en": r.get::<_, String>(2)?,
                    "category": r.get::<_, String>(3)?, "description": r.get::<_, String>(4)?,
                    "created_at": r.get::<_, String>(5)?, "updated_at": r.get::<_, String>(6)?,
                    "properties": properties,
                }),
            ))
        })
        .optional()?;
    let Some((geom, mut v)) = value else { return Ok(None) };
    let wkb =
        blob::wkb_part(&geom).map_err(|e| TeamError::Local(format!("{} feature {fid}: geometry: {e}", layer.table)))?;
    v["geom"] = Value::String(crate::local::read::hex(wkb));
    let Value::Object(m) = v else { unreachable!("built as an object") };
    Ok(Some((layer, m)))
}

/// A stored value as JSON, as the core reads it (booleans by their declared kind).
fn json_value(v: ValueRef, kind: FieldKind) -> Value {
    match v {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(i) if kind == FieldKind::Boolean => Value::Bool(i != 0),
        ValueRef::Integer(i) => i.into(),
        ValueRef::Real(f) => serde_json::Number::from_f64(f).map(Value::Number).unwrap_or(Value::Null),
        ValueRef::Text(t) => Value::String(String::from_utf8_lossy(t).into_owned()),
        ValueRef::Blob(b) => Value::String(crate::local::read::hex(b)),
    }
}

/// Adds the columns a layer's table lacks (a field another desktop added).
pub fn add_fields(conn: &Connection, layer: &mut LocalLayer, fields: &[FieldDef]) -> Result<()> {
    for f in fields {
        if !layer.fields.iter().any(|g| g.name.eq_ignore_ascii_case(&f.name)) {
            conn.execute_batch(&format!(
                "ALTER TABLE {} ADD COLUMN {} {}",
                quoted(&layer.table),
                quoted(&f.name),
                f.kind.sql_type()
            ))?;
            layer.fields.push(f.clone());
        }
    }
    Ok(())
}

/// Writes a feature into `layer` (`existing`: its local id, to update in place); returns its id.
pub fn write_feature(
    conn: &Connection,
    layer: &LocalLayer,
    existing: Option<i64>,
    value: &Map<String, Value>,
    geom: &[u8],
) -> Result<i64> {
    let text = |k: &str| value.get(k).and_then(Value::as_str).unwrap_or_default().to_owned();
    let properties = value.get("properties").and_then(Value::as_object).cloned().unwrap_or_default();
    let mut columns: Vec<String> =
        ["geom", "name_zh", "name_en", "category", "description", "created_at", "updated_at"]
            .map(str::to_owned)
            .to_vec();
    let mut values: Vec<rusqlite::types::Value> = vec![
        geom.to_vec().into(),
        text("name_zh").into(),
        text("name_en").into(),
        text("category").into(),
        text("description").into(),
        text("created_at").into(),
        text("updated_at").into(),
    ];
    // Every field is written, absent ones as NULL: a field cleared elsewhere is cleared here.
    for f in &layer.fields {
        columns.push(quoted(&f.name));
        values.push(properties.get(&f.name).map(sql_value).unwrap_or(rusqlite::types::Value::Null));
    }
    let table = quoted(&layer.table);
    match existing.map(split_feature_id) {
        Some((number, fid)) if number == layer.number => {
            let sets: Vec<String> = columns.iter().enumerate().map(|(i, c)| format!("{c} = ?{}", i + 1)).collect();
            values.push(fid.into());
            conn.prepare_cached(&format!("UPDATE {table} SET {} WHERE fid = ?{}", sets.join(", "), values.len()))?
                .execute(rusqlite::params_from_iter(values))?;
            Ok(feature_id(number, fid))
        }
        other => {
            // Moved to another layer (or new): a new row there, the old one gone.
            if let Some((number, fid)) = other {
                if let Some(old) = layer_by_number(conn, number)? {
                    conn.execute(&format!("DELETE FROM {} WHERE fid = ?1", quoted(&old.table)), [fid])?;
                }
            }
            let marks: Vec<String> = (1..=values.len()).map(|i| format!("?{i}")).collect();
            conn.prepare_cached(&format!(
                "INSERT INTO {table} ({}) VALUES ({})",
                columns.join(", "),
                marks.join(", ")
            ))?
            .execute(rusqlite::params_from_iter(values))?;
            Ok(feature_id(layer.number, conn.last_insert_rowid()))
        }
    }
}

pub fn delete_feature(conn: &Connection, id: i64) -> Result<()> {
    let (number, fid) = split_feature_id(id);
    if let Some(layer) = layer_by_number(conn, number)? {
        conn.execute(&format!("DELETE FROM {} WHERE fid = ?1", quoted(&layer.table)), [fid])?;
    }
    Ok(())
}

/// A new local layer as the core makes one (row, table, R-tree, extent triggers, GeoPackage
/// registration), inside the caller's transaction.
pub fn create_layer(
    tx: &rusqlite::Transaction,
    name: &str,
    source: &str,
    created_at: &str,
    fields: &[FieldDef],
) -> Result<LocalLayer> {
    let made = atlas_core::user::features::insert_layer(tx, name, source, fields, true)?;
    tx.execute("UPDATE user_layers SET created_at = ?2 WHERE id = ?1", params![made.id, created_at])?;
    let layer = layer_by_id(tx, &made.id)?
        .ok_or_else(|| TeamError::Local(format!("layer {} vanished as it was made", made.id)))?;
    // Watched from birth: else the next sync finds its triggers missing and re-reads every
    // feature the pull just wrote (2 s for 100k features, measured).
    ensure_triggers(tx)?;
    Ok(layer)
}

/// Deletes a local layer the bureau deleted, as the core's delete_layer does: its notes, its
/// table with index and registrations, its kept extent, its row.
pub fn drop_layer(conn: &Connection, layer: &LocalLayer) -> Result<()> {
    conn.execute(
        "DELETE FROM user_notes WHERE target_kind = 'feature' AND CAST(target_id AS INTEGER) BETWEEN ?1 AND ?2",
        params![feature_id(layer.number, 0), feature_id(layer.number, 0xFFFF_FFFF)],
    )?;
    conn.execute_batch(&format!(
        "DROP TABLE IF EXISTS {}; DROP TABLE IF EXISTS {};",
        quoted(&format!("rtree_{}_geom", layer.table)),
        quoted(&layer.table)
    ))?;
    for meta in ["gpkg_extensions", "gpkg_geometry_columns", "gpkg_contents"] {
        conn.execute(&format!("DELETE FROM {meta} WHERE table_name = ?1"), [&layer.table])?;
    }
    // Its QGIS default style (schema 10) goes with it, as in the core's delete_layer.
    conn.execute("DELETE FROM layer_styles WHERE f_table_name = ?1", [&layer.table])?;
    conn.execute("DELETE FROM user_layer_extents WHERE layer_id = ?1", [&layer.id])?;
    conn.execute("DELETE FROM user_layers WHERE id = ?1", [&layer.id])?;
    Ok(())
}
