//! The `atlas` binary against hostile and unlucky files: a file from a newer version is
//! refused by every command and left byte for byte; an endless-view GeoPackage and a CSV of
//! 200k columns end, under a memory limit, with one line naming the file and what to do, in
//! seconds, with nothing imported; a backup restores.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use sha2::{Digest, Sha256};

#[path = "../../atlas-core/tests/common/hostile_inputs.rs"]
mod hostile_inputs;
use hostile_inputs::{wide_csv, ENDLESS_VIEW};

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("atlas-cli-hostile-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn atlas(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_atlas")).args(args).output().expect("the atlas binary runs")
}

/// Runs `atlas` with its address space capped (`ulimit -v`, KiB), as a hostile file would
/// otherwise grow it until the kernel kills it.
fn atlas_capped(kib: u64, args: &[&str]) -> (Output, Duration) {
    let quoted: Vec<String> = args.iter().map(|a| format!("'{}'", a.replace('\'', "'\\''"))).collect();
    let script = format!("ulimit -v {kib}; exec '{}' {}", env!("CARGO_BIN_EXE_atlas"), quoted.join(" "));
    let started = Instant::now();
    let out = Command::new("bash").args(["-c", &script]).output().unwrap();
    (out, started.elapsed())
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn checksum(path: &Path) -> String {
    format!("{:x}", Sha256::digest(std::fs::read(path).unwrap()))
}

/// `atlas import` under a 2 GB memory cap ended in seconds with an error naming all of
/// `needles`, and the atlas at `db` holds no layer.
fn assert_refused_in_seconds_with_nothing_imported(db: &str, (o, took): (Output, Duration), needles: &[&str]) {
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(needles.iter().all(|n| err.contains(n)), "{needles:?}: {err}");
    assert!(took < Duration::from_secs(10), "{took:?}");
    let layers = atlas(&["--db", db, "layers", "--json"]);
    assert_eq!(String::from_utf8_lossy(&layers.stdout).trim(), "[]", "nothing imported");
}

fn built(dir: &Path) -> PathBuf {
    let path = dir.join("atlas.gpkg");
    let o = atlas(&[
        "build",
        "--out",
        path.to_str().unwrap(),
        "--data",
        concat!(env!("CARGO_MANIFEST_DIR"), "/../../data"),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    path
}

#[test]
fn a_schema_99_file_is_refused_by_every_command_and_unchanged() {
    let dir = scratch("schema99");
    let path = built(&dir);
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute("UPDATE atlas_meta SET value = '99' WHERE key = 'schema_version'", []).unwrap();
    }
    let before = checksum(&path);
    let db = path.to_str().unwrap();
    let geojson = dir.join("one.geojson");
    std::fs::write(&geojson, r#"{"type":"Point","coordinates":[117.2,39.1]}"#).unwrap();
    let out = dir.join("out.geojson");
    let commands: Vec<Vec<&str>> = vec![
        vec!["migrate"],
        vec!["zones"],
        vec!["show", "xinchuang-valley"],
        vec!["search", "信创"],
        vec!["district", "滨海新区"],
        vec!["layers"],
        vec!["notes"],
        vec!["notes", "x", "--on", "element:xinchuang-valley"],
        vec!["tours"],
        vec!["validate"],
        vec!["import", geojson.to_str().unwrap()],
        vec!["export", "geojson", "--out", out.to_str().unwrap()],
        vec!["restore", "atlas-20261130T000000Z-000000000-before-reset.gpkg"],
    ];
    for args in commands {
        let mut full = vec!["--db", db];
        full.extend(&args);
        let o = atlas(&full);
        assert!(!o.status.success(), "{args:?} must refuse a schema-99 file");
        let err = stderr(&o);
        assert!(err.contains("newer version") || args[0] == "restore", "{args:?}: {err}");
        assert_eq!(err.trim_end().lines().count(), 1, "{args:?}: one line: {err}");
        assert_eq!(checksum(&path), before, "{args:?} changed the file");
    }
    assert!(!dir.join("backups").exists(), "no backup was written");
    assert!(!out.exists());
}

#[test]
fn an_endless_view_geopackage_ends_in_seconds_under_a_memory_limit() {
    let dir = scratch("endless");
    let path = built(&dir);
    let src = dir.join("sites.geojson");
    std::fs::write(
        &src,
        r#"{"type":"Feature","properties":{"name":"甲"},"geometry":{"type":"Point","coordinates":[117.2,39.1]}}"#,
    )
    .unwrap();
    let gpkg = dir.join("hostile.gpkg");
    assert!(Command::new("ogr2ogr")
        .args(["-f", "GPKG"])
        .arg(&gpkg)
        .arg(&src)
        .args(["-nln", "sites"])
        .status()
        .unwrap()
        .success());
    rusqlite::Connection::open(&gpkg).unwrap().execute_batch(ENDLESS_VIEW).unwrap();
    let db = path.to_str().unwrap();
    assert_refused_in_seconds_with_nothing_imported(
        db,
        atlas_capped(2_000_000, &["--db", db, "import", gpkg.to_str().unwrap(), "--layers", "endless"]),
        &["hostile.gpkg", "no feature table", "Nothing was imported"],
    );
}

#[test]
fn a_csv_of_200k_columns_ends_in_seconds_under_a_memory_limit() {
    let dir = scratch("wide");
    let path = built(&dir);
    let csv = dir.join("wide.csv");
    std::fs::write(&csv, wide_csv(200_000, 200, "值")).unwrap();
    let db = path.to_str().unwrap();
    let (o, took) = atlas_capped(2_000_000, &["--db", db, "import", csv.to_str().unwrap()]);
    assert_eq!(stderr(&o).trim_end().lines().count(), 1, "{}", stderr(&o));
    assert_refused_in_seconds_with_nothing_imported(db, (o, took), &["wide.csv", "200002 columns", "--max-columns"]);
}

#[test]
fn a_backup_restores_through_the_cli() {
    let dir = scratch("restore");
    let path = built(&dir);
    let db = path.to_str().unwrap();
    assert!(atlas(&["--db", db, "notes", "记下这一条", "--on", "element:xinchuang-valley"]).status.success());
    // A backup as the app would have made it before a reset (same folder, same naming).
    std::fs::create_dir_all(dir.join("backups")).unwrap();
    let name = "atlas-20261130T000000Z-000000000-before-reset.gpkg";
    rusqlite::Connection::open(&path)
        .unwrap()
        .backup(rusqlite::MAIN_DB, dir.join("backups").join(name), None::<fn(rusqlite::backup::Progress)>)
        .unwrap();
    assert!(atlas(&["--db", db, "notes", "第二条", "--on", "element:xinchuang-valley"]).status.success());

    let listed = String::from_utf8_lossy(&atlas(&["--db", db, "backups", "--json"]).stdout).into_owned();
    let listed: serde_json::Value = serde_json::from_str(&listed).unwrap();
    assert_eq!(listed[0]["file_name"], name);
    assert_eq!(listed[0]["kind"], "reset");
    assert_eq!(listed[0]["notes"], 1);

    let o = atlas(&["--db", db, "restore", name]);
    assert!(o.status.success(), "{}", stderr(&o));
    let notes = String::from_utf8_lossy(&atlas(&["--db", db, "notes", "--json"]).stdout).into_owned();
    assert!(notes.contains("记下这一条") && !notes.contains("第二条"), "{notes}");
    // The file as it was before the restore is itself a backup.
    let listed = String::from_utf8_lossy(&atlas(&["--db", db, "backups", "--json"]).stdout).into_owned();
    let listed: serde_json::Value = serde_json::from_str(&listed).unwrap();
    assert!(listed.as_array().unwrap().iter().any(|b| b["kind"] == "restore" && b["notes"] == 2), "{listed}");

    let o = atlas(&["--db", db, "restore", "../atlas.gpkg"]);
    assert!(!o.status.success() && stderr(&o).contains("not a backup"), "{}", stderr(&o));
}
