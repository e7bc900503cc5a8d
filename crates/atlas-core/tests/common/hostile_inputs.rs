//! Hostile inputs, written the same way for the core's hardening tests and the CLI's
//! (crates/atlas-cli/tests/hostile.rs includes this file): what an attacker or a broken
//! exporter hands the importer.

/// A CSV with `lon,lat` and `columns` more columns named `column_N`, then `rows` rows of
/// (117.2, 39.1) with `cell` in every other column: a header wide enough to exhaust memory if
/// the importer read on instead of refusing it.
pub fn wide_csv(columns: usize, rows: usize, cell: &str) -> String {
    let mut text = String::from("lon,lat");
    for i in 0..columns {
        text.push_str(&format!(",column_{i}"));
    }
    text.push('\n');
    let row_rest = format!(",{cell}").repeat(columns);
    for _ in 0..rows {
        text.push_str("117.2,39.1");
        text.push_str(&row_rest);
        text.push('\n');
    }
    text
}

/// SQL that turns a GeoPackage holding a point layer `sites` hostile: a view `endless`,
/// registered as a feature table, of valid points without end, each with 1 MB of text, in a
/// file of a few KB.
pub const ENDLESS_VIEW: &str = "
    CREATE VIEW endless AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n)
      SELECT i AS fid, (SELECT geom FROM sites LIMIT 1) AS geom, hex(zeroblob(500000)) AS pad FROM n;
    INSERT INTO gpkg_contents (table_name, data_type, identifier, srs_id) VALUES ('endless', 'features', 'endless', 4326);
    INSERT INTO gpkg_geometry_columns VALUES ('endless', 'geom', 'POINT', 4326, 0, 0);";
