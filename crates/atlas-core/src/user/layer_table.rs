//! Each own layer is a GeoPackage feature table of its own (schema 8): `parcels` for
//! parcels.shp, with the source's fields as typed columns, its geometry type, an R-tree, and
//! rows in gpkg_contents, gpkg_geometry_columns and gpkg_extensions, so GDAL and QGIS list it
//! under its name with its fields. `user_layers` keeps the app's side: id, display name,
//! source, and which table holds the features.
//!
//! Every layer table starts with the same columns the app edits ([`APP_COLUMNS`]); the
//! source's fields follow. Own feature ids are the layer's number (`user_layers.fid`) in the
//! high 32 bits and the row's fid in the low 32 ([`feature_id`]): stable for the life of the
//! feature (fids are AUTOINCREMENT, never reused), unique across layers, and below 2^53, so
//! JavaScript numbers hold them.
//!
//! Why tables and not views over one shared table: measured in BENCHMARKS.md (import section).

use rusqlite::{params, Connection, OptionalExtension, Transaction};

use crate::error::{AtlasError, Result};
use crate::gpkg::blob;
use crate::gpkg::rtree_bulk_load::{self, Entry};
use crate::gpkg::tables::{create_rtree_index, create_rtree_triggers, register_feature_table};
use crate::import::fields::{FieldDef, FieldKind};

/// The app's own columns, after `fid` and `geom`, in every layer table.
pub const APP_COLUMNS: [&str; 6] = [
    "name_zh TEXT NOT NULL DEFAULT ''",
    "name_en TEXT NOT NULL DEFAULT ''",
    "category TEXT NOT NULL DEFAULT ''",
    "description TEXT NOT NULL DEFAULT ''",
    // TEXT, not DATETIME: GDAL wants DATETIME values with milliseconds and warns on others.
    "created_at TEXT NOT NULL",
    "updated_at TEXT NOT NULL",
];

/// Column names a source field cannot take (compared case-insensitively, as SQLite does).
pub const RESERVED: [&str; 8] =
    ["fid", "geom", "name_zh", "name_en", "category", "description", "created_at", "updated_at"];

/// Table name prefixes that belong to GeoPackage, SQLite or the atlas itself.
const RESERVED_PREFIXES: [&str; 6] = ["gpkg", "rtree_", "sqlite_", "plan_", "user_", "atlas_"];

/// Layers per file before ids would pass 2^53 (JavaScript's exact integers).
const MAX_LAYER_NUMBER: i64 = (1 << 21) - 1;

/// An own feature's id from its layer's number and its row.
pub fn feature_id(layer_no: i64, fid: i64) -> i64 {
    (layer_no << 32) | (fid & 0xFFFF_FFFF)
}

/// (layer number, fid) of an own feature id.
pub fn split_feature_id(id: i64) -> (i64, i64) {
    (id >> 32, id & 0xFFFF_FFFF)
}

/// `"name"` quoted for SQL, whatever it holds.
pub fn quoted(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// A table name for a layer called `name`: letters (any script), digits and `_`, not starting
/// with a digit or one of the reserved prefixes, at most 60 characters, unique in the file.
pub fn table_name_for(conn: &Connection, name: &str) -> Result<String> {
    let mut base: String = name
        .trim()
        .chars()
        .map(|c| if c.is_alphanumeric() || c == '_' { c } else { '_' })
        .collect::<String>()
        .trim_matches('_')
        .chars()
        .take(60)
        .collect();
    if base.is_empty() {
        base = "layer".into();
    }
    let lower = base.to_lowercase();
    if base.starts_with(|c: char| c.is_ascii_digit()) || RESERVED_PREFIXES.iter().any(|p| lower.starts_with(p)) {
        base = format!("own_{base}");
    }
    let taken = |n: &str| -> rusqlite::Result<bool> {
        conn.query_row("SELECT count(*) FROM sqlite_schema WHERE lower(name) = lower(?1)", [n], |r| r.get::<_, i64>(0))
            .map(|c| c > 0)
    };
    let mut candidate = base.clone();
    let mut n = 2;
    while taken(&candidate)? || taken(&format!("rtree_{candidate}_geom"))? {
        candidate = format!("{base}_{n}");
        n += 1;
    }
    Ok(candidate)
}

/// The column a source field named `name` gets: the name itself unless empty, reserved or
/// already taken (case-insensitively), then with `_2`, `_3`, … (the name's own spelling kept).
pub fn column_name_for(name: &str, taken: &[String]) -> String {
    let base = if name.trim().is_empty() { "field".to_owned() } else { name.to_owned() };
    let clash = |c: &str| {
        RESERVED.iter().any(|r| r.eq_ignore_ascii_case(c)) || taken.iter().any(|t| t.to_lowercase() == c.to_lowercase())
    };
    if !clash(&base) {
        return base;
    }
    (2..).map(|n| format!("{base}_{n}")).find(|c| !clash(c)).expect("some suffix is free")
}

/// The CREATE TABLE statement of a layer table: one definition for creating it and for
/// re-declaring its types once an import knows them ([`redeclare`]).
fn table_sql(table: &str, geometry_type: &str, fields: &[FieldDef]) -> String {
    let mut columns =
        vec!["fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL".to_owned(), format!("geom {geometry_type}")];
    columns.extend(APP_COLUMNS.iter().map(|c| c.to_string()));
    columns.extend(fields.iter().map(|f| format!("{} {}", quoted(&f.name), f.kind.sql_type())));
    format!("CREATE TABLE {} ({})", quoted(table), columns.join(", "))
}

/// Creates a layer's table and registers it. An import (`indexed` false) fills the table
/// first and indexes it in one pass at the end ([`index_layer`]); a drawn layer is indexed
/// from the start.
pub(crate) fn create_layer_table(
    tx: &Transaction,
    table: &str,
    title: &str,
    fields: &[FieldDef],
    indexed: bool,
) -> Result<()> {
    tx.execute_batch(&table_sql(table, "GEOMETRY", fields))?;
    register_feature_table(tx, table, title, "GEOMETRY")?;
    if indexed {
        create_rtree_index(tx, table, "geom")?;
        create_rtree_triggers(tx, table, "geom", "fid")?;
    }
    Ok(())
}

/// Indexes a freshly filled layer table in one pass (its boxes read from its rows), then adds
/// the per-row triggers that keep the index and the layer's kept extent current from then on.
pub(crate) fn index_layer(tx: &Transaction, table: &str, layer_id: &str) -> Result<()> {
    let entries = row_boxes(tx, table)?;
    index_layer_with(tx, table, layer_id, entries)
}

/// [`index_layer`] with the rows' boxes already known (an import collects them as it writes):
/// the R-tree is written whole ([`crate::gpkg::rtree_bulk_load`]), not one trigger per row.
pub(crate) fn index_layer_with(tx: &Transaction, table: &str, layer_id: &str, entries: Vec<Entry>) -> Result<()> {
    create_rtree_index(tx, table, "geom")?;
    rtree_bulk_load::bulk_load(tx, &format!("rtree_{table}_geom"), entries)?;
    create_rtree_triggers(tx, table, "geom", "fid")?;
    crate::user::extents::create_layer_triggers(tx, table, layer_id)?;
    Ok(())
}

/// Each row's box, for the rows the spec's triggers would index (geometry present, not empty).
fn row_boxes(tx: &Transaction, table: &str) -> Result<Vec<Entry>> {
    let mut stmt = tx.prepare(&format!("SELECT fid, geom FROM {} WHERE geom IS NOT NULL", quoted(table)))?;
    let mut rows = stmt.query([])?;
    let mut entries = Vec::new();
    while let Some(row) = rows.next()? {
        let fid: i64 = row.get(0)?;
        let bytes = row
            .get_ref(1)?
            .as_blob()
            .map_err(|e| AtlasError::Invalid(format!("{table}: feature {fid}: geometry: {e}")))?;
        let envelope =
            blob::envelope(bytes).map_err(|e| AtlasError::Invalid(format!("{table}: feature {fid}: geometry: {e}")))?;
        entries.extend(envelope.map(|e| Entry::new(fid, e)));
    }
    Ok(entries)
}

/// Adds a column for a field that appeared mid-import (SQLite adds it without rewriting rows).
pub(crate) fn add_column(tx: &Transaction, table: &str, field: &FieldDef) -> Result<()> {
    tx.execute_batch(&format!(
        "ALTER TABLE {} ADD COLUMN {} {}",
        quoted(table),
        quoted(&field.name),
        field.kind.sql_type()
    ))?;
    Ok(())
}

/// Re-declares the geometry type and the fields' types of a layer table whose import found
/// them different from what the table was created with (a field of integers that turned out to
/// hold a fraction; a layer of polygons only). SQLite stores each value with its own type, so
/// only the declaration changes: the table's definition is rewritten in place, the documented
/// way of changing what the schema says without touching rows; columns keep their order,
/// names and constraints, only their declared types change.
pub(crate) fn redeclare(tx: &Transaction, table: &str, geometry_type: &str, fields: &[FieldDef]) -> Result<()> {
    let sql = table_sql(table, geometry_type, fields);
    let version: i64 = tx.query_row("PRAGMA schema_version", [], |r| r.get(0))?;
    tx.execute_batch("PRAGMA writable_schema = ON")?;
    let updated =
        tx.execute("UPDATE sqlite_schema SET sql = ?1 WHERE type = 'table' AND name = ?2", params![sql, table]);
    tx.execute_batch(&format!("PRAGMA schema_version = {}; PRAGMA writable_schema = OFF;", version + 1))?;
    updated?;
    tx.execute(
        "UPDATE gpkg_geometry_columns SET geometry_type_name = ?2 WHERE table_name = ?1",
        params![table, geometry_type],
    )?;
    // Its QGIS style draws the geometry type it now has.
    crate::gpkg::layer_styles::restyle_own_table(tx, table)
}

/// The source's fields of a layer table, from its columns (so a column QGIS added counts too).
pub fn layer_fields(conn: &Connection, table: &str) -> Result<Vec<FieldDef>> {
    let mut stmt = conn.prepare_cached("SELECT name, type FROM pragma_table_info(?1) ORDER BY cid")?;
    let rows = stmt.query_map([table], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    let mut fields = Vec::new();
    for row in rows {
        let (name, declared) = row?;
        if !RESERVED.iter().any(|r| r.eq_ignore_ascii_case(&name)) {
            fields.push(FieldDef { name, kind: FieldKind::from_sql_type(&declared) });
        }
    }
    Ok(fields)
}

/// The geometry type a layer table is registered with (GEOMETRY when mixed or not yet known).
pub fn layer_geometry_type(conn: &Connection, table: &str) -> Result<String> {
    Ok(conn
        .prepare_cached("SELECT geometry_type_name FROM gpkg_geometry_columns WHERE table_name = ?1")?
        .query_row([table], |r| r.get(0))
        .optional()?
        .unwrap_or_else(|| "GEOMETRY".into()))
}

/// GeoPackage's name for a geometry's type.
pub fn geometry_type_name(g: &geo::Geometry<f64>) -> &'static str {
    use geo::Geometry::*;
    match g {
        Point(_) => "POINT",
        LineString(_) | Line(_) => "LINESTRING",
        Polygon(_) | Rect(_) | Triangle(_) => "POLYGON",
        MultiPoint(_) => "MULTIPOINT",
        MultiLineString(_) => "MULTILINESTRING",
        MultiPolygon(_) => "MULTIPOLYGON",
        GeometryCollection(_) => "GEOMETRYCOLLECTION",
    }
}

/// Widens a layer's registered geometry type to GEOMETRY when a feature of another type
/// joins it (a point drawn on a polygon layer).
pub(crate) fn admit_geometry_type(tx: &Transaction, table: &str, g: &geo::Geometry<f64>) -> Result<()> {
    let current = layer_geometry_type(tx, table)?;
    if current != "GEOMETRY" && current != geometry_type_name(g) {
        let fields = layer_fields(tx, table)?;
        redeclare(tx, table, "GEOMETRY", &fields)?;
    }
    Ok(())
}

/// Drops a layer's table with its index and registrations (its triggers go with the table).
pub(crate) fn drop_layer_table(tx: &Transaction, table: &str) -> Result<()> {
    tx.execute_batch(&format!(
        "DROP TABLE IF EXISTS {r}; DROP TABLE IF EXISTS {t};",
        r = quoted(&format!("rtree_{table}_geom")),
        t = quoted(table)
    ))?;
    for meta in ["gpkg_extensions", "gpkg_geometry_columns", "gpkg_contents"] {
        tx.execute(&format!("DELETE FROM {meta} WHERE table_name = ?1"), [table])?;
    }
    let styles: bool = tx.query_row(
        "SELECT count(*) > 0 FROM sqlite_schema WHERE type = 'table' AND name = 'layer_styles'",
        [],
        |r| r.get(0),
    )?;
    if styles {
        tx.execute("DELETE FROM layer_styles WHERE f_table_name = ?1", [table])?;
    }
    Ok(())
}

/// A layer's number and table, by its id.
pub(crate) fn layer_table_of(conn: &Connection, layer_id: &str) -> Result<Option<(i64, String)>> {
    Ok(conn
        .prepare_cached("SELECT fid, table_name FROM user_layers WHERE id = ?1")?
        .query_row([layer_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

/// A layer's id and table, by its number (from a feature id).
pub(crate) fn layer_of_number(conn: &Connection, layer_no: i64) -> Result<Option<(String, String)>> {
    Ok(conn
        .prepare_cached("SELECT id, table_name FROM user_layers WHERE fid = ?1")?
        .query_row([layer_no], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

/// The next layer's number, refused past what feature ids can hold.
pub(crate) fn next_layer_number(tx: &Transaction) -> Result<i64> {
    let n: i64 = tx.query_row("SELECT coalesce(max(fid), 0) + 1 FROM user_layers", [], |r| r.get(0))?;
    if n > MAX_LAYER_NUMBER {
        return Err(AtlasError::Invalid(format!(
            "this atlas has used {MAX_LAYER_NUMBER} layer numbers; export your layers to a new atlas"
        )));
    }
    Ok(n)
}

/// Own features in a file of any schema (backups list older files too): the layer tables'
/// rows from schema 8, `user_features` before it.
pub fn own_feature_count(conn: &Connection) -> Option<i64> {
    let has_tables: bool = conn
        .query_row("SELECT count(*) > 0 FROM pragma_table_info('user_layers') WHERE name = 'table_name'", [], |r| {
            r.get(0)
        })
        .ok()?;
    if !has_tables {
        return conn.query_row("SELECT count(*) FROM user_features", [], |r| r.get(0)).ok();
    }
    let tables: Vec<String> = conn
        .prepare("SELECT table_name FROM user_layers")
        .ok()?
        .query_map([], |r| r.get(0))
        .ok()?
        .collect::<rusqlite::Result<_>>()
        .ok()?;
    tables.iter().try_fold(0i64, |sum, t| {
        conn.query_row(&format!("SELECT count(*) FROM {}", quoted(t)), [], |r| r.get::<_, i64>(0)).ok().map(|n| sum + n)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feature_ids_carry_layer_and_row_and_stay_exact_in_javascript() {
        let id = feature_id(MAX_LAYER_NUMBER, 0xFFFF_FFFF);
        assert!(id < (1i64 << 53));
        assert_eq!(split_feature_id(id), (MAX_LAYER_NUMBER, 0xFFFF_FFFF));
        assert_eq!(split_feature_id(feature_id(3, 17)), (3, 17));
    }

    #[test]
    fn table_and_column_names_are_safe_and_unique() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE parcels (x); CREATE TABLE rtree_hex_geom (x);").unwrap();
        assert_eq!(table_name_for(&conn, "parcels").unwrap(), "parcels_2");
        assert_eq!(table_name_for(&conn, "Parcels").unwrap(), "Parcels_2");
        assert_eq!(table_name_for(&conn, "hex").unwrap(), "hex_2");
        assert_eq!(table_name_for(&conn, "地块 2021").unwrap(), "地块_2021");
        assert_eq!(table_name_for(&conn, "2021 plan").unwrap(), "own_2021_plan");
        assert_eq!(table_name_for(&conn, "gpkg_contents").unwrap(), "own_gpkg_contents");
        assert_eq!(table_name_for(&conn, "  ").unwrap(), "layer");
        assert_eq!(column_name_for("Category", &[]), "Category_2");
        assert_eq!(column_name_for("NAME", &["name".into()]), "NAME_2");
        assert_eq!(column_name_for("", &[]), "field");
        assert_eq!(column_name_for("面积", &[]), "面积");
    }
}
