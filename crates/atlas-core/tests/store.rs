//! The built atlas is a real GeoPackage: GDAL opens it and sees the right layers, counts and
//! geometry types; SQLite finds it intact; the build is reproducible; bad files are refused
//! with errors that say what to do.

use std::path::{Path, PathBuf};
use std::process::Command;

use atlas_core::store::build_atlas;
use atlas_core::{Atlas, AtlasError, DataDir};

fn data() -> DataDir {
    DataDir::new(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data"))
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("atlas-store-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

fn built(name: &str) -> PathBuf {
    let path = scratch(name);
    build_atlas(&data(), &path).expect("the committed data builds");
    path
}

fn ogrinfo(args: &[&str]) -> String {
    let out = Command::new("ogrinfo").args(args).output().expect("ogrinfo (Debian gdal-bin) must be installed");
    assert!(out.status.success(), "ogrinfo {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn gdal_opens_the_atlas_and_sees_every_layer() {
    let path = built("gdal.gpkg");
    let atlas = Atlas::open_read_only(&path).unwrap();
    let p = path.to_str().unwrap();
    let listing = ogrinfo(&["-ro", "-q", p]);
    for (layer, geometry) in [
        ("plan_areas", "Multi Polygon"),
        ("plan_lines", "Line String"),
        ("plan_points", "Point"),
        ("districts", "Multi Polygon"),
        ("basemap", "Multi Polygon"),
    ] {
        assert!(
            listing.contains(&format!("{layer} ({geometry})")),
            "ogrinfo lists no {layer} ({geometry}):\n{listing}"
        );
    }
    for table in ["plan_elements", "plan_quotes", "plan_sections", "plan_paragraphs", "plan_themes", "atlas_meta"] {
        assert!(listing.contains(table), "ogrinfo lists no {table}:\n{listing}");
    }

    // Feature counts as GDAL reports them equal what the core wrote.
    let count = |layer: &str| -> usize {
        let summary = ogrinfo(&["-ro", "-so", p, layer]);
        let line = summary.lines().find(|l| l.starts_with("Feature Count:")).expect("a feature count");
        line.trim_start_matches("Feature Count:").trim().parse().unwrap()
    };
    assert_eq!(count("districts"), 16);
    assert_eq!(count("basemap"), 16 + 59 + 8);
    let (mut points, mut areas) = (0, 0);
    for e in atlas.elements() {
        match atlas.element_geometry(&e.id).unwrap() {
            geo::Geometry::Point(_) => points += 1,
            _ => areas += 1,
        }
    }
    assert_eq!(count("plan_points"), points);
    assert_eq!(count("plan_areas"), areas);
    assert_eq!(count("plan_lines"), 1, "the corridor's centreline");
    assert_eq!(count("plan_elements"), atlas.elements().len());

    // GDAL reads attributes, Chinese included, and the spatial index serves its filters.
    let filtered = ogrinfo(&[
        "-ro",
        "-q",
        p,
        "plan_points",
        "-spat",
        "117.60",
        "38.90",
        "117.90",
        "39.30",
        "-where",
        "category = 'landmark_zone'",
    ]);
    // (北方声谷 is in the 空港 area since issue 13, west of this box; 中国信创谷 is inside it.)
    assert!(filtered.contains("中国信创谷") && !filtered.contains("北方声谷"), "{filtered}");
    assert!(!filtered.contains("中医药谷"), "静海 is outside that box:\n{filtered}");
    let srs = ogrinfo(&["-ro", "-so", p, "districts"]);
    assert!(srs.contains("ID[\"EPSG\",4326]") || srs.contains("AUTHORITY[\"EPSG\",\"4326\"]"), "{srs}");
}

#[test]
fn the_file_is_a_geopackage_1_3_with_indexes_and_is_intact() {
    let path = built("pragmas.gpkg");
    let conn = rusqlite::Connection::open(&path).unwrap();
    let app_id: i32 = conn.query_row("PRAGMA application_id", [], |r| r.get(0)).unwrap();
    assert_eq!(&app_id.to_be_bytes(), b"GPKG");
    let user_version: i32 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert_eq!(user_version, 10300);
    let ok: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(ok, "ok");
    let rtrees: i64 = conn
        .query_row("SELECT count(*) FROM gpkg_extensions WHERE extension_name = 'gpkg_rtree_index'", [], |r| r.get(0))
        .unwrap();
    let feature_tables: i64 = conn.query_row("SELECT count(*) FROM gpkg_geometry_columns", [], |r| r.get(0)).unwrap();
    assert_eq!(feature_tables, 5, "plan areas/lines/points, districts, basemap (own layers add their own)");
    assert_eq!(rtrees, feature_tables, "one R-tree per feature table");
    let srs: i64 = conn
        .query_row("SELECT count(*) FROM gpkg_spatial_ref_sys WHERE srs_id IN (-1, 0, 4326)", [], |r| r.get(0))
        .unwrap();
    assert_eq!(srs, 3);
    let version: String =
        conn.query_row("SELECT value FROM atlas_meta WHERE key = 'schema_version'", [], |r| r.get(0)).unwrap();
    assert_eq!(version, atlas_core::store::schema::SCHEMA_VERSION.to_string());
    // The atlas's own check agrees.
    let atlas = Atlas::open_read_only(&path).unwrap();
    assert_eq!(atlas_core::integrity::check_atlas(&atlas).unwrap(), Vec::<String>::new());
}

#[test]
fn opening_for_writing_switches_to_wal() {
    let path = built("wal.gpkg");
    let atlas = Atlas::open(&path).unwrap();
    let mode: String = atlas.connection().query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
    assert_eq!(mode, "wal");
}

#[test]
fn builds_are_reproducible() {
    let a = std::fs::read(built("a.gpkg")).unwrap();
    let b = std::fs::read(built("b.gpkg")).unwrap();
    assert!(a == b, "two builds of the same data differ");
}

#[test]
fn a_stale_spatial_index_is_reported() {
    let path = built("stale.gpkg");
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute("DELETE FROM rtree_plan_points_geom WHERE id = (SELECT min(id) FROM rtree_plan_points_geom)", [])
        .unwrap();
    drop(conn);
    let atlas = Atlas::open_read_only(&path).unwrap();
    let problems = atlas_core::integrity::check_atlas(&atlas).unwrap();
    assert!(problems.iter().any(|p| p.contains("plan_points") && p.contains("R-tree")), "{problems:?}");
}

#[test]
fn rtree_triggers_keep_the_index_in_step_with_edits() {
    let path = built("triggers.gpkg");
    let atlas = Atlas::open(&path).unwrap();
    let conn = atlas.connection();
    conn.execute(
        "UPDATE plan_points SET geom = (SELECT geom FROM plan_points ORDER BY fid DESC LIMIT 1) WHERE fid = 1",
        [],
    )
    .unwrap();
    let (minx, expected): (f64, f64) = conn
        .query_row(
            "SELECT r.minx, ST_MinX(p.geom) FROM rtree_plan_points_geom r JOIN plan_points p ON p.fid = r.id WHERE r.id = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert!((minx - expected).abs() < 1e-5);
}

#[test]
fn bad_files_are_refused_with_advice() {
    let text = scratch("notes.txt");
    std::fs::write(&text, "hello").unwrap();
    let e = Atlas::open_read_only(&text).err().unwrap();
    assert!(matches!(e, AtlasError::NotGeoPackage { .. }), "{e}");
    assert!(e.to_string().contains("notes.txt"));

    let missing = scratch("missing.gpkg");
    let e = Atlas::open_read_only(&missing).err().unwrap();
    assert!(matches!(e, AtlasError::Read { .. }), "{e}");

    // A plain SQLite file: not a GeoPackage.
    let plain = scratch("plain.sqlite");
    rusqlite::Connection::open(&plain).unwrap().execute_batch("CREATE TABLE t (x)").unwrap();
    let e = Atlas::open_read_only(&plain).err().unwrap();
    assert!(matches!(e, AtlasError::NotGeoPackage { .. }), "{e}");

    // A GeoPackage that is not an atlas (e.g. one from QGIS).
    let gpkg = scratch("qgis.gpkg");
    let c = rusqlite::Connection::open(&gpkg).unwrap();
    c.pragma_update(None, "application_id", 0x4750_4B47).unwrap();
    c.execute_batch("CREATE TABLE gpkg_contents (table_name TEXT)").unwrap();
    drop(c);
    let e = Atlas::open_read_only(&gpkg).err().unwrap();
    assert!(matches!(e, AtlasError::NotAnAtlas { .. }), "{e}");
    assert!(e.to_string().contains("import"), "{e}");

    // An atlas from an older schema.
    let old = built("old.gpkg");
    rusqlite::Connection::open(&old)
        .unwrap()
        .execute("UPDATE atlas_meta SET value = '0' WHERE key = 'schema_version'", [])
        .unwrap();
    let e = Atlas::open_read_only(&old).err().unwrap();
    assert!(matches!(e, AtlasError::SchemaVersion { found: 0, .. }), "{e}");
    assert!(e.to_string().contains("older"), "{e}");
}

#[test]
fn a_failed_build_leaves_nothing_under_the_target_name() {
    let target = scratch("never.gpkg");
    let bad = DataDir::new(scratch("no-such-data"));
    assert!(build_atlas(&bad, &target).is_err());
    assert!(!target.exists());
}
