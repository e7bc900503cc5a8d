//! GeoPackage metadata tables and the registration of feature and attribute tables.

use rusqlite::{params, Transaction};

use super::WGS84;

/// Timestamp written as `last_change` for plan content. A fixed value keeps builds byte-for-byte
/// reproducible; it is the plan's publication date.
pub const PLAN_LAST_CHANGE: &str = "2021-08-16T00:00:00.000Z";

const WGS84_WKT: &str = r#"GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AXIS["Latitude",NORTH],AXIS["Longitude",EAST],AUTHORITY["EPSG","4326"]]"#;

/// Creates the tables every GeoPackage has (spec §1.1.2, §1.1.3, §2.1.5, §2.3) and the three
/// required spatial reference systems.
pub fn create_core_tables(tx: &Transaction) -> rusqlite::Result<()> {
    tx.execute_batch(
        "CREATE TABLE gpkg_spatial_ref_sys (
           srs_name TEXT NOT NULL,
           srs_id INTEGER NOT NULL PRIMARY KEY,
           organization TEXT NOT NULL,
           organization_coordsys_id INTEGER NOT NULL,
           definition TEXT NOT NULL,
           description TEXT);
         CREATE TABLE gpkg_contents (
           table_name TEXT NOT NULL PRIMARY KEY,
           data_type TEXT NOT NULL,
           identifier TEXT UNIQUE,
           description TEXT DEFAULT '',
           last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
           min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE,
           srs_id INTEGER,
           CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
         CREATE TABLE gpkg_geometry_columns (
           table_name TEXT NOT NULL,
           column_name TEXT NOT NULL,
           geometry_type_name TEXT NOT NULL,
           srs_id INTEGER NOT NULL,
           z TINYINT NOT NULL,
           m TINYINT NOT NULL,
           CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
           CONSTRAINT uk_gc_table_name UNIQUE (table_name),
           CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
           CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));
         CREATE TABLE gpkg_extensions (
           table_name TEXT,
           column_name TEXT,
           extension_name TEXT NOT NULL,
           definition TEXT NOT NULL,
           scope TEXT NOT NULL,
           CONSTRAINT ge_tce UNIQUE (table_name, column_name, extension_name));",
    )?;
    let mut srs = tx.prepare(
        "INSERT INTO gpkg_spatial_ref_sys (srs_name, srs_id, organization, organization_coordsys_id, definition, description)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    srs.execute(params![
        "Undefined cartesian SRS",
        -1,
        "NONE",
        -1,
        "undefined",
        "undefined cartesian coordinate reference system"
    ])?;
    srs.execute(params![
        "Undefined geographic SRS",
        0,
        "NONE",
        0,
        "undefined",
        "undefined geographic coordinate reference system"
    ])?;
    srs.execute(params![
        "WGS 84 geodetic",
        WGS84,
        "EPSG",
        4326,
        WGS84_WKT,
        "longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid"
    ])?;
    Ok(())
}

/// A feature table to create: name, geometry type, and its non-geometry columns as SQL.
pub struct FeatureTable<'a> {
    pub name: &'a str,
    pub identifier: &'a str,
    pub description: &'a str,
    /// GeoPackage geometry type name: POINT, LINESTRING, MULTIPOLYGON, GEOMETRY, …
    pub geometry_type: &'a str,
    /// Column definitions after `fid` and `geom`, e.g. "name_zh TEXT NOT NULL".
    pub columns: &'a [&'a str],
    pub last_change: Option<&'a str>,
}

/// Creates a feature table with an `fid` primary key and a `geom` column, registers it, and
/// gives it an R-tree spatial index kept current by the spec's triggers.
pub fn create_feature_table(tx: &Transaction, t: &FeatureTable) -> rusqlite::Result<()> {
    let mut columns =
        vec!["fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL".to_owned(), format!("geom {}", t.geometry_type)];
    columns.extend(t.columns.iter().map(|c| c.to_string()));
    tx.execute_batch(&format!("CREATE TABLE \"{}\" ({})", t.name, columns.join(", ")))?;
    register_contents(tx, t.name, "features", t.identifier, t.description, t.last_change, Some(WGS84))?;
    register_geometry_column(tx, t.name, t.geometry_type)?;
    create_rtree_index(tx, t.name, "geom")?;
    create_rtree_triggers(tx, t.name, "geom", "fid")
}

/// Registers an existing table with a WGS84 `geom` column as a feature table (own layers
/// create their tables themselves). Its identifier is its name: identifiers are unique in a
/// GeoPackage and two layers may share a title, which goes in the description.
pub fn register_feature_table(
    tx: &Transaction,
    name: &str,
    description: &str,
    geometry_type: &str,
) -> rusqlite::Result<()> {
    register_contents(tx, name, "features", name, description, None, Some(WGS84))?;
    register_geometry_column(tx, name, geometry_type)
}

fn register_geometry_column(tx: &Transaction, name: &str, geometry_type: &str) -> rusqlite::Result<()> {
    tx.execute(
        "INSERT INTO gpkg_geometry_columns (table_name, column_name, geometry_type_name, srs_id, z, m) VALUES (?1, 'geom', ?2, ?3, 0, 0)",
        params![name, geometry_type, WGS84],
    )?;
    Ok(())
}

/// Creates a plain (non-spatial) table and registers it as GeoPackage `attributes`, so QGIS
/// and GDAL list it as a table layer.
pub fn create_attributes_table(
    tx: &Transaction,
    name: &str,
    identifier: &str,
    description: &str,
    columns: &[&str],
    last_change: Option<&str>,
) -> rusqlite::Result<()> {
    tx.execute_batch(&format!("CREATE TABLE \"{name}\" ({})", columns.join(", ")))?;
    register_contents(tx, name, "attributes", identifier, description, last_change, None)
}

fn register_contents(
    tx: &Transaction,
    name: &str,
    data_type: &str,
    identifier: &str,
    description: &str,
    last_change: Option<&str>,
    srs_id: Option<i32>,
) -> rusqlite::Result<()> {
    tx.execute(
        "INSERT INTO gpkg_contents (table_name, data_type, identifier, description, last_change, srs_id)
         VALUES (?1, ?2, ?3, ?4, coalesce(?5, strftime('%Y-%m-%dT%H:%M:%fZ','now')), ?6)",
        params![name, data_type, identifier, description, last_change, srs_id],
    )?;
    Ok(())
}

/// The R-tree index extension (spec Annex F.3): the virtual table and the extension row. A
/// table filled in bulk is indexed in one pass before [`create_rtree_triggers`] keeps it current.
pub fn create_rtree_index(tx: &Transaction, t: &str, c: &str) -> rusqlite::Result<()> {
    let r = format!("rtree_{t}_{c}").replace('"', "\"\"");
    tx.execute_batch(&format!("CREATE VIRTUAL TABLE \"{r}\" USING rtree(id, minx, maxx, miny, maxy)"))?;
    tx.execute(
        "INSERT INTO gpkg_extensions (table_name, column_name, extension_name, definition, scope)
         VALUES (?1, ?2, 'gpkg_rtree_index', 'http://www.geopackage.org/spec120/#extension_rtree', 'write-only')",
        params![t, c],
    )?;
    Ok(())
}

/// The spec's six triggers that keep a table's R-tree current (Annex F.3).
pub fn create_rtree_triggers(tx: &Transaction, t: &str, c: &str, i: &str) -> rusqlite::Result<()> {
    let r = format!("rtree_{t}_{c}").replace('"', "\"\"");
    let t = t.replace('"', "\"\"");
    tx.execute_batch(&format!(
        "CREATE TRIGGER \"{r}_insert\" AFTER INSERT ON \"{t}\"
           WHEN (new.\"{c}\" NOT NULL AND NOT ST_IsEmpty(NEW.\"{c}\"))
         BEGIN
           INSERT OR REPLACE INTO \"{r}\" VALUES (NEW.\"{i}\",
             ST_MinX(NEW.\"{c}\"), ST_MaxX(NEW.\"{c}\"), ST_MinY(NEW.\"{c}\"), ST_MaxY(NEW.\"{c}\"));
         END;
         CREATE TRIGGER \"{r}_update1\" AFTER UPDATE OF \"{c}\" ON \"{t}\"
           WHEN OLD.\"{i}\" = NEW.\"{i}\" AND (NEW.\"{c}\" NOTNULL AND NOT ST_IsEmpty(NEW.\"{c}\"))
         BEGIN
           INSERT OR REPLACE INTO \"{r}\" VALUES (NEW.\"{i}\",
             ST_MinX(NEW.\"{c}\"), ST_MaxX(NEW.\"{c}\"), ST_MinY(NEW.\"{c}\"), ST_MaxY(NEW.\"{c}\"));
         END;
         CREATE TRIGGER \"{r}_update2\" AFTER UPDATE OF \"{c}\" ON \"{t}\"
           WHEN OLD.\"{i}\" = NEW.\"{i}\" AND (NEW.\"{c}\" ISNULL OR ST_IsEmpty(NEW.\"{c}\"))
         BEGIN
           DELETE FROM \"{r}\" WHERE id = OLD.\"{i}\";
         END;
         CREATE TRIGGER \"{r}_update3\" AFTER UPDATE ON \"{t}\"
           WHEN OLD.\"{i}\" != NEW.\"{i}\" AND (NEW.\"{c}\" NOTNULL AND NOT ST_IsEmpty(NEW.\"{c}\"))
         BEGIN
           DELETE FROM \"{r}\" WHERE id = OLD.\"{i}\";
           INSERT OR REPLACE INTO \"{r}\" VALUES (NEW.\"{i}\",
             ST_MinX(NEW.\"{c}\"), ST_MaxX(NEW.\"{c}\"), ST_MinY(NEW.\"{c}\"), ST_MaxY(NEW.\"{c}\"));
         END;
         CREATE TRIGGER \"{r}_update4\" AFTER UPDATE ON \"{t}\"
           WHEN OLD.\"{i}\" != NEW.\"{i}\" AND (NEW.\"{c}\" ISNULL OR ST_IsEmpty(NEW.\"{c}\"))
         BEGIN
           DELETE FROM \"{r}\" WHERE id IN (OLD.\"{i}\", NEW.\"{i}\");
         END;
         CREATE TRIGGER \"{r}_delete\" AFTER DELETE ON \"{t}\"
           WHEN old.\"{c}\" NOT NULL
         BEGIN
           DELETE FROM \"{r}\" WHERE id = OLD.\"{i}\";
         END;"
    ))
}

/// Sets a feature table's extent in gpkg_contents from its R-tree.
pub fn update_extent(tx: &Transaction, table: &str) -> rusqlite::Result<()> {
    tx.execute(
        &format!(
            "UPDATE gpkg_contents SET (min_x, max_x, min_y, max_y) =
               (SELECT min(minx), max(maxx), min(miny), max(maxy) FROM \"rtree_{table}_geom\")
             WHERE table_name = ?1"
        ),
        params![table],
    )?;
    Ok(())
}
