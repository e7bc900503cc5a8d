//! What an attacker or an unlucky user can do to an atlas, and what it must not cost them:
//! a file from a newer program is refused and left byte for byte; a newer plan edition is
//! kept; every backup restores; hostile GeoPackages, CSVs and GeoJSON end with a one-line
//! limit error and nothing imported.

use std::path::{Path, PathBuf};
use std::process::Command;

use atlas_core::error::ErrorKind;
use atlas_core::files::backups::BackupKind;
use atlas_core::files::lifecycle::AtlasFile;
use atlas_core::import::ImportOptions;
use atlas_core::user::notes::NoteTarget;
use atlas_core::{Atlas, AtlasError};
use sha2::{Digest, Sha256};

mod common;
use common::hostile_inputs::{wide_csv, ENDLESS_VIEW};
use common::{fresh_atlas_file, scratch};

/// The plan as the program carries it, built once per test process.
fn default_atlas() -> &'static [u8] {
    static BYTES: std::sync::OnceLock<&'static [u8]> = std::sync::OnceLock::new();
    BYTES.get_or_init(|| {
        let (_, path) = fresh_atlas_file("hardening", "default");
        Box::leak(std::fs::read(&path).unwrap().into_boxed_slice())
    })
}

fn checksum(path: &Path) -> String {
    format!("{:x}", Sha256::digest(std::fs::read(path).unwrap()))
}

fn set_meta(path: &Path, key: &str, value: &str) {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.execute("UPDATE atlas_meta SET value = ?2 WHERE key = ?1", [key, value]).unwrap();
    conn.execute("INSERT INTO atlas_meta (key, value) SELECT ?1, ?2 WHERE changes() = 0", [key, value]).unwrap();
    // Back to a rollback journal, so the file alone holds every byte.
    conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
}

/// A copy of the default atlas in a scratch folder: (folder, file).
fn default_copy(name: &str) -> (PathBuf, PathBuf) {
    let dir = scratch("hardening", name);
    let path = dir.join("atlas.gpkg");
    std::fs::write(&path, default_atlas()).unwrap();
    (dir, path)
}

#[test]
fn a_file_from_a_newer_program_is_refused_and_left_as_it_was() {
    let (dir, path) = default_copy("newer");
    set_meta(&path, "schema_version", "99");
    let before = checksum(&path);

    let is_newer = |r: Result<Atlas, AtlasError>| matches!(r, Err(AtlasError::NewerVersion { found: 99, .. }));
    assert!(is_newer(Atlas::open(&path)), "read-write");
    assert!(is_newer(Atlas::open_read_only(&path)), "read-only");
    assert!(is_newer(AtlasFile::new(&path, default_atlas()).open_or_install().map(|o| o.atlas)), "the app's path");
    let mut conn = rusqlite::Connection::open(&path).unwrap();
    let err = atlas_core::store::migrate::migrate(&mut conn, &path).unwrap_err();
    drop(conn);
    assert_eq!(err.kind(), ErrorKind::NewerVersion);
    assert!(err.to_string().contains("newer version"), "{err}");

    assert_eq!(checksum(&path), before, "the file is byte for byte as it was");
    assert!(!dir.join("backups").exists(), "no backup was made, no version written");
}

#[test]
fn an_older_program_keeps_a_newer_plan_edition() {
    let (_, path) = default_copy("newer-plan");
    set_meta(&path, "plan_edition", "from-the-future");
    set_meta(&path, "plan_made_by", "99.0.0");
    let opened = AtlasFile::new(&path, default_atlas()).open_or_install().unwrap();
    assert_eq!(opened.atlas.meta("plan_edition").unwrap().as_deref(), Some("from-the-future"));
    assert!(opened.notices.iter().any(|n| n.contains("newer edition")), "{:?}", opened.notices);

    // An older plan, by contrast, is replaced (after a backup).
    drop(opened);
    set_meta(&path, "plan_made_by", "0.0.1");
    let opened = AtlasFile::new(&path, default_atlas()).open_or_install().unwrap();
    assert_ne!(opened.atlas.meta("plan_edition").unwrap().as_deref(), Some("from-the-future"));
    let backups = AtlasFile::new(&path, default_atlas()).backups();
    assert!(backups.iter().any(|b| b.kind == BackupKind::PlanEdition));
}

#[test]
fn a_reset_is_undone_by_restoring_its_backup() {
    let dir = scratch("hardening", "restore");
    let file = AtlasFile::in_folder(&dir, default_atlas()).unwrap();
    let mut atlas = file.open_or_install().unwrap().atlas;
    let note = atlas.add_note(NoteTarget::Element, "xinchuang-valley", "需核实 before the reset").unwrap();
    let tours_before = atlas.tours().unwrap().len();

    let reset_backup = file.reset_to_default(&mut atlas).unwrap();
    assert!(atlas.notes(None).unwrap().is_empty(), "the reset removed the note");
    let listed = file.backups();
    let entry = listed.iter().find(|b| b.kind == BackupKind::Reset).expect("a reset backup is listed");
    assert_eq!(dir.join("backups").join(&entry.file_name), reset_backup);
    assert_eq!(entry.notes, Some(1));
    assert_eq!(entry.tours, Some(tours_before as i64));

    let restored = file.restore(&mut atlas, &entry.file_name).unwrap();
    let notes = atlas.notes(None).unwrap();
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].text, note.text);
    assert!(restored.safety_backup.exists(), "the file before the restore is kept too");
    assert!(file.backups().iter().any(|b| b.kind == BackupKind::Restore && b.notes == Some(0)));

    // Names from outside are only ever bare backup names.
    for bad in ["../atlas.gpkg", "/etc/passwd", "atlas.gpkg"] {
        assert_eq!(file.restore(&mut atlas, bad).unwrap_err().kind(), ErrorKind::NotFound, "{bad}");
    }
    assert_eq!(atlas.notes(None).unwrap().len(), 1, "a refused restore changes nothing");
}

#[test]
fn an_atlas_with_pages_of_another_size_is_reset_and_restored() {
    // A file made by a version whose atlases had pages of another size than this program's
    // default: a reset installs the default into it, a restore puts its backup back.
    let (dir, path) = default_copy("page-size");
    let page_size = |c: &rusqlite::Connection| -> i64 { c.query_row("PRAGMA page_size", [], |r| r.get(0)).unwrap() };
    let default_size = {
        let c = rusqlite::Connection::open(&path).unwrap();
        page_size(&c)
    };
    let other = if default_size == 4096 { 8192 } else { 4096 };
    {
        let c = rusqlite::Connection::open(&path).unwrap();
        c.execute_batch(&format!("PRAGMA journal_mode = DELETE; PRAGMA page_size = {other}; VACUUM;")).unwrap();
        assert_eq!(page_size(&c), other);
    }
    let file = AtlasFile::new(&path, default_atlas());
    let mut atlas = file.open_or_install().unwrap().atlas;
    atlas.add_note(NoteTarget::Element, "xinchuang-valley", "kept across page sizes").unwrap();

    file.reset_to_default(&mut atlas).unwrap();
    assert!(atlas.notes(None).unwrap().is_empty(), "the reset installed the default");
    assert_eq!(page_size(atlas.connection()), other, "the file keeps its page size");

    let entry = file.backups().into_iter().find(|b| b.kind == BackupKind::Reset).expect("a reset backup");
    file.restore(&mut atlas, &entry.file_name).unwrap();
    assert_eq!(atlas.notes(None).unwrap().len(), 1, "the note is back");
    let leftovers: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".partial"))
        .collect();
    assert!(leftovers.is_empty(), "no temporary copy is left: {leftovers:?}");
}

#[test]
fn an_unreadable_file_is_set_aside_in_backups_not_deleted() {
    let dir = scratch("hardening", "unreadable");
    let path = dir.join("atlas.gpkg");
    std::fs::write(&path, b"not a database at all, but the user's bytes").unwrap();
    let opened = AtlasFile::new(&path, default_atlas()).open_or_install().unwrap();
    assert!(opened.notices.iter().any(|n| n.contains("kept as")));
    let kept = AtlasFile::new(&path, default_atlas()).backups();
    let kept = kept.iter().find(|b| b.kind == BackupKind::Unreadable).expect("kept");
    assert_eq!(
        std::fs::read(dir.join("backups").join(&kept.file_name)).unwrap(),
        b"not a database at all, but the user's bytes"
    );
}

fn fresh_atlas(name: &str) -> (PathBuf, Atlas) {
    let (dir, path) = default_copy(name);
    (dir, Atlas::open(&path).unwrap())
}

fn import(atlas: &Atlas, path: &Path) -> atlas_core::Result<atlas_core::import::ImportReport> {
    atlas.import_file(path, &ImportOptions::default(), &|_, _| true)
}

/// A GeoPackage made by GDAL with one point layer `sites`, then changed by `sql`.
fn gdal_geopackage(dir: &Path, sql: &str) -> PathBuf {
    let src = dir.join("sites.geojson");
    std::fs::write(&src, r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"甲"},"geometry":{"type":"Point","coordinates":[117.2,39.1]}}]}"#).unwrap();
    let out = dir.join("sites.gpkg");
    let status = Command::new("ogr2ogr")
        .args(["-f", "GPKG"])
        .arg(&out)
        .arg(&src)
        .args(["-nln", "sites"])
        .status()
        .expect("ogr2ogr (gdal-bin) is installed by scripts/setup.sh --test");
    assert!(status.success());
    rusqlite::Connection::open(&out).unwrap().execute_batch(sql).unwrap();
    out
}

#[test]
fn a_geopackage_layer_that_is_an_endless_view_is_not_read() {
    let (dir, atlas) = fresh_atlas("endless-view");
    let gpkg = gdal_geopackage(&dir, ENDLESS_VIEW);
    let started = std::time::Instant::now();
    let layers = atlas_core::import::gpkg_file::layers(&gpkg).unwrap();
    assert_eq!(layers.iter().map(|l| l.table.as_str()).collect::<Vec<_>>(), ["sites"], "views are not offered");
    let asked = ImportOptions { gpkg_layers: Some(vec!["endless".into()]), ..Default::default() };
    let err = atlas.import_file(&gpkg, &asked, &|_, _| true).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Import, "{err}");
    assert!(err.to_string().contains("no feature table \"endless\""), "{err}");
    assert!(started.elapsed().as_secs() < 5);
    // Everything else still imports.
    assert_eq!(import(&atlas, &gpkg).unwrap().features, 1);
}

#[test]
fn a_geometry_column_named_in_another_case_is_found() {
    let (dir, atlas) = fresh_atlas("column-case");
    let gpkg = gdal_geopackage(&dir, "UPDATE gpkg_geometry_columns SET column_name = upper(column_name)");
    // This panicked (`expect`) before.
    assert_eq!(import(&atlas, &gpkg).unwrap().features, 1);
}

#[test]
fn triggers_in_a_foreign_geopackage_do_not_run() {
    let (dir, atlas) = fresh_atlas("trigger");
    // A trigger cannot fire on a read-only connection anyway; what matters is that the
    // importer's connection neither writes nor trusts functions in the schema.
    let gpkg = gdal_geopackage(
        &dir,
        "CREATE TABLE spy(x); CREATE TRIGGER t AFTER INSERT ON sites BEGIN INSERT INTO spy VALUES (1); END;",
    );
    let before = checksum(&gpkg);
    import(&atlas, &gpkg).unwrap();
    assert_eq!(checksum(&gpkg), before, "the foreign file is not written");
}

#[test]
fn a_csv_with_200k_columns_is_refused_at_its_header() {
    let (dir, atlas) = fresh_atlas("wide-csv");
    let path = dir.join("wide.csv");
    std::fs::write(&path, wide_csv(200_000, 50, "x")).unwrap();
    let started = std::time::Instant::now();
    let err = import(&atlas, &path).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Limit, "{err}");
    assert!(err.to_string().contains("200002 columns"), "{err}");
    assert!(started.elapsed().as_secs() < 5, "{:?}", started.elapsed());
    assert!(atlas.user_layers().unwrap().is_empty(), "nothing imported");
}

#[test]
fn a_multipolygon_of_50k_parts_is_refused_before_validation() {
    let (dir, atlas) = fresh_atlas("many-parts");
    let parts: Vec<String> = (0..50_000)
        .map(|i| {
            let x = 117.0 + (i % 250) as f64 * 0.001;
            let y = 39.0 + (i / 250) as f64 * 0.001;
            format!("[[[{x},{y}],[{},{y}],[{},{}],[{x},{y}]]]", x + 0.0005, x + 0.0005, y + 0.0005)
        })
        .collect();
    let path = dir.join("parts.geojson");
    std::fs::write(&path, format!(r#"{{"type":"MultiPolygon","coordinates":[{}]}}"#, parts.join(","))).unwrap();
    let started = std::time::Instant::now();
    let err = import(&atlas, &path).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Limit, "{err}");
    assert!(err.to_string().contains("feature 0: geometry: it has 50000 parts"), "{err}");
    assert!(started.elapsed().as_secs() < 5, "{:?}", started.elapsed());
}

#[test]
fn properties_over_the_limit_are_refused_with_the_feature() {
    let (dir, atlas) = fresh_atlas("big-props");
    let path = dir.join("props.geojson");
    let big = "x".repeat(2 << 20);
    std::fs::write(&path, format!(r#"{{"type":"FeatureCollection","features":[{{"type":"Feature","properties":{{"a":1}},"geometry":{{"type":"Point","coordinates":[117.2,39.1]}}}},{{"type":"Feature","properties":{{"note":"{big}"}},"geometry":{{"type":"Point","coordinates":[117.2,39.1]}}}}]}}"#)).unwrap();
    let err = import(&atlas, &path).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Limit);
    let report = err.report();
    assert_eq!(report.feature, Some(1));
    assert!(atlas.user_layers().unwrap().is_empty());
}

/// A GeoJSON file of `n` points in `dir`.
fn points_file(dir: &Path, n: usize) -> PathBuf {
    let features: Vec<String> = (0..n)
        .map(|i| {
            let (x, y) = (117.0 + (i % 100) as f64 * 0.001, 39.0 + (i / 100) as f64 * 0.001);
            format!(
                r#"{{"type":"Feature","properties":{{"n":{i}}},"geometry":{{"type":"Point","coordinates":[{x},{y}]}}}}"#
            )
        })
        .collect();
    let path = dir.join("points.geojson");
    std::fs::write(&path, format!(r#"{{"type":"FeatureCollection","features":[{}]}}"#, features.join(","))).unwrap();
    path
}

/// What is beside the atlas at `path` at each of an import's progress reports while it writes:
/// (a rollback journal beside it, its header saying WAL mode, what `look` says then).
fn files_during_import<T>(atlas: &Atlas, path: &Path, file: &Path, look: &dyn Fn() -> T) -> Vec<(bool, bool, T)> {
    let beside = |suffix: &str| PathBuf::from(format!("{}{suffix}", path.display()));
    let seen = std::cell::RefCell::new(Vec::new());
    let progress = |_: usize, _: usize| {
        // The file format's read and write versions (bytes 18 and 19) are 2 in WAL mode, 1 in
        // rollback mode.
        let header = std::fs::read(path).unwrap();
        let wal_mode = header[18] == 2 && header[19] == 2;
        seen.borrow_mut().push((beside("-journal").exists(), wal_mode, look()));
        true
    };
    let report = atlas.import_file(file, &ImportOptions::default(), &progress).unwrap();
    assert_eq!(report.features, 6000);
    let mut seen = seen.into_inner();
    // The last report comes after the commit.
    seen.pop();
    seen
}

fn journal_mode(path: &Path) -> String {
    rusqlite::Connection::open(path).unwrap().query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap()
}

#[test]
fn an_import_alone_on_the_file_writes_its_pages_once_and_leaves_the_file_in_wal() {
    let (dir, path) = default_copy("journal-alone");
    let file = points_file(&dir, 6000);
    let atlas = Atlas::open(&path).unwrap();
    let seen = files_during_import(&atlas, &path, &file, &|| ());
    assert!(seen.len() >= 2, "{seen:?}");
    // The rollback journal, not WAL: the new pages go straight into the file.
    assert!(seen.iter().all(|&(journal, wal, _)| journal && !wal), "{seen:?}");
    drop(atlas);
    assert_eq!(journal_mode(&path), "wal");
    assert!(!PathBuf::from(format!("{}-journal", path.display())).exists());
    let atlas = Atlas::open(&path).unwrap();
    assert_eq!(atlas.user_layers().unwrap().len(), 1);
}

#[test]
fn an_import_beside_a_reader_stays_in_wal_and_the_reader_reads_throughout() {
    let (dir, path) = default_copy("journal-shared");
    let file = points_file(&dir, 6000);
    let atlas = Atlas::open(&path).unwrap();
    let reader = Atlas::open_read_only(&path).unwrap();
    // The app's map: it reads while the import writes, and sees no half-written layer.
    let seen = files_during_import(&atlas, &path, &file, &|| reader.user_layers().map(|l| l.len()).ok());
    assert!(seen.len() >= 2, "{seen:?}");
    assert!(seen.iter().all(|&(journal, wal, layers)| !journal && wal && layers == Some(0)), "{seen:?}");
    assert_eq!(reader.user_layers().unwrap().len(), 1);
}
#[test]
fn an_atlas_opened_during_an_import_alone_on_the_file_waits_for_it() {
    let (dir, path) = default_copy("journal-wait");
    let file = points_file(&dir, 6000);
    let (mid_import, is_mid_import) = std::sync::mpsc::channel();
    let importing = {
        let path = path.clone();
        std::thread::spawn(move || {
            let atlas = Atlas::open(&path).unwrap();
            let progress = |done: usize, _: usize| {
                if done == 2000 {
                    mid_import.send(()).unwrap();
                    std::thread::sleep(std::time::Duration::from_millis(300));
                }
                true
            };
            atlas.import_file(&file, &ImportOptions::default(), &progress).map(|r| r.features)
        })
    };
    is_mid_import.recv().unwrap();
    // Another program (the app, `atlas layers`) opens the file while the import writes.
    let opened = Atlas::open(&path).map(drop).map_err(|e| e.to_string());
    let read = Atlas::open_read_only(&path).and_then(|a| a.user_layers()).map_err(|e| e.to_string());
    let imported = importing.join().unwrap().map_err(|e| e.to_string());
    assert_eq!(imported, Ok(6000));
    assert!(opened.is_ok(), "{opened:?}");
    assert!(read.is_ok(), "{read:?}");
}
