//! Planner workflows: notes, own features, imports (good and bad), exports read back by GDAL,
//! and a new plan edition that keeps every note, own zone and tour.

use std::path::{Path, PathBuf};
use std::process::Command;

use atlas_core::gcj02::{wgs84_to_gcj02, Datum};
use atlas_core::import::ImportOptions;
use atlas_core::store::build_atlas;
use atlas_core::user::features::FeatureAttributes;
use atlas_core::user::notes::NoteTarget;
use atlas_core::{Atlas, DataDir};

mod common;
use common::{copy_dir, data_dir, fresh_atlas_file};

fn scratch(name: &str) -> PathBuf {
    common::scratch("planner", name)
}

fn fresh(name: &str) -> (PathBuf, Atlas) {
    let (dir, path) = fresh_atlas_file("planner", name);
    (dir, Atlas::open(&path).unwrap())
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

fn import(atlas: &Atlas, path: &Path) -> atlas_core::Result<atlas_core::import::ImportReport> {
    atlas.import_file(path, &ImportOptions::default(), &|_, _| true)
}

fn feature_count(atlas: &Atlas) -> i64 {
    atlas_core::user::layer_table::own_feature_count(atlas.connection()).unwrap()
}

fn ogr(tool: &str, args: &[&str]) -> String {
    let out =
        Command::new(tool).args(args).output().unwrap_or_else(|e| panic!("{tool} (gdal-bin) must be installed: {e}"));
    assert!(out.status.success(), "{tool} {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn notes_attach_to_real_things_and_are_searchable() {
    let (_d, atlas) = fresh("notes");
    let n = atlas.add_note(NoteTarget::Element, "xinchuang-valley", "需核实<b>边界</b> & 位置").unwrap();
    atlas.add_note(NoteTarget::District, "120116", "滨海新区调研").unwrap();
    atlas.add_note(NoteTarget::Paragraph, "box3:1", "段落批注").unwrap();
    assert_eq!(
        atlas.notes_for(NoteTarget::Element, "xinchuang-valley").unwrap()[0].text,
        "需核实<b>边界</b> & 位置",
        "markup is kept as text"
    );
    assert!(atlas.add_note(NoteTarget::Element, "no-such", "x").is_err());
    assert!(atlas.add_note(NoteTarget::District, "110108", "x").is_err(), "only Tianjin districts");
    assert!(atlas.add_note(NoteTarget::Element, "xinchuang-valley", "  ").is_err());
    let r = atlas.search("调研", 10).unwrap();
    assert_eq!(r.notes.len(), 1);
    atlas.update_note(n.id, "已核实").unwrap();
    let deleted = atlas.delete_note(n.id).unwrap();
    assert!(atlas.note(n.id).is_err());
    assert_eq!(atlas.restore_note(&deleted).unwrap(), deleted, "undo puts it back as it was");
}

#[test]
fn own_features_are_edited_in_transactions_and_indexed() {
    let (_d, atlas) = fresh("features");
    let layer = atlas.create_layer("我的方案", "drawn").unwrap();
    let square = geo::Geometry::Polygon(geo::Polygon::new(
        geo::LineString::from(vec![(117.1, 39.1), (117.2, 39.1), (117.2, 39.2), (117.1, 39.2)]),
        vec![],
    ));
    let f = atlas
        .add_feature(&layer.id, &square, &FeatureAttributes { name_zh: "新园区".into(), ..Default::default() })
        .unwrap();
    let moved = geo::Geometry::Point(geo::Point::new(117.3, 39.3));
    atlas.update_feature_geometry(f.id, &moved).unwrap();
    let (_, fid) = atlas_core::user::layer_table::split_feature_id(f.id);
    let (minx,): (f64,) = atlas
        .connection()
        .query_row(&format!("SELECT minx FROM \"rtree_{}_geom\" WHERE id = ?1", layer.table_name), [fid], |r| {
            Ok((r.get(0)?,))
        })
        .unwrap();
    assert!((minx - 117.3).abs() < 1e-5, "the R-tree follows the edit");
    atlas
        .update_feature_attributes(
            f.id,
            &FeatureAttributes {
                name_zh: "新园区".into(),
                name_en: "New park".into(),
                category: "proposal".into(),
                description: "<script>x</script>".into(),
            },
        )
        .unwrap();
    assert!(atlas.search("新园区", 5).unwrap().features.iter().any(|h| h.id == f.id));
    let gone = atlas.delete_feature(f.id).unwrap();
    assert_eq!(feature_count(&atlas), 0);
    let back = atlas.restore_feature(&gone).unwrap();
    assert_eq!(back.attributes.description, "<script>x</script>");
    assert!(atlas.update_feature_geometry(f.id, &geo::Geometry::Point(geo::Point::new(400.0, 39.0))).is_err());
    assert_eq!(atlas.user_feature(f.id).unwrap().geometry, back.geometry, "a refused edit changes nothing");
    assert!(atlas_core::integrity::check_atlas(&atlas).unwrap().is_empty());
}

#[test]
fn geojson_in_every_shape_and_chinese_datums() {
    let (dir, atlas) = fresh("geojson");
    let fc = write(&dir, "fc.geojson", r#"{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:OGC:1.3:CRS84"}},"features":[{"type":"Feature","properties":{"name":"甲","人口":3},"geometry":{"type":"Point","coordinates":[117.2,39.1]}},{"type":"Feature","properties":null,"geometry":{"type":"LineString","coordinates":[[117.2,39.1],[117.3,39.2]]}}]}"#.as_bytes());
    let r = import(&atlas, &fc).unwrap();
    assert_eq!(r.features, 2);
    let f = &atlas.layer_features(&r.layers[0]).unwrap()[0];
    assert_eq!(f.attributes.name_zh, "甲");
    assert_eq!(f.properties["人口"], 3);
    let single = write(
        &dir,
        "one.json",
        br#"{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[117.0,39.0]}}"#,
    );
    assert_eq!(import(&atlas, &single).unwrap().features, 1);
    let bare = write(
        &dir,
        "bare.geojson",
        br#"{"type":"Polygon","coordinates":[[[117,39],[117.1,39],[117.1,39.1],[117,39]]]}"#,
    );
    assert_eq!(import(&atlas, &bare).unwrap().features, 1);

    // A point given in GCJ-02 (as AMap would) lands on its WGS84 position.
    let truth = (117.2000, 39.1300);
    let (gx, gy) = wgs84_to_gcj02(truth.0, truth.1);
    let gcj = write(&dir, "amap.geojson", format!(r#"{{"type":"Point","coordinates":[{gx},{gy}]}}"#).as_bytes());
    let r =
        atlas.import_file(&gcj, &ImportOptions { datum: Datum::Gcj02, ..Default::default() }, &|_, _| true).unwrap();
    let p: geo::Geometry<f64> = (&atlas.layer_features(&r.layers[0]).unwrap()[0].geometry).try_into().unwrap();
    let geo::Geometry::Point(p) = p else { panic!() };
    assert!((p.x() - truth.0).abs() < 1e-6 && (p.y() - truth.1).abs() < 1e-6, "{p:?}");
    let (bx, by) = atlas_core::gcj02::gcj02_to_bd09(gx, gy);
    let bd = write(&dir, "baidu.geojson", format!(r#"{{"type":"Point","coordinates":[{bx},{by}]}}"#).as_bytes());
    let r = atlas.import_file(&bd, &ImportOptions { datum: Datum::Bd09, ..Default::default() }, &|_, _| true).unwrap();
    let p: geo::Geometry<f64> = (&atlas.layer_features(&r.layers[0]).unwrap()[0].geometry).try_into().unwrap();
    let geo::Geometry::Point(p) = p else { panic!() };
    assert!((p.x() - truth.0).abs() < 1e-6 && (p.y() - truth.1).abs() < 1e-6, "{p:?}");
}

#[test]
fn repairs_are_made_and_reported() {
    let (dir, atlas) = fresh("repairs");
    let f = write(&dir, "r.geojson", br#"{"type":"FeatureCollection","features":[
        {"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[117,39],[117.1,39],[117.1,39.1]]]}},
        {"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[117,39],[117.1,39.1],[117.1,39],[117,39.1],[117,39]]]}}]}"#);
    let r = import(&atlas, &f).unwrap();
    assert_eq!(r.features, 2);
    assert!(r.repaired.iter().any(|(i, w)| *i == 0 && w.contains("closed")), "{:?}", r.repaired);
    assert!(r.repaired.iter().any(|(i, w)| *i == 1 && w.contains("self-intersecting")), "{:?}", r.repaired);
}

#[test]
fn bad_input_is_refused_whole_with_file_feature_and_field() {
    let (dir, atlas) = fresh("bad");
    let layers_before = atlas.user_layers().unwrap().len();
    let cases: Vec<(&str, Vec<u8>, &[&str])> = vec![
        ("malformed.geojson", br#"{"type":"FeatureCollection","features":[{"type":"Feature""#.to_vec(), &["not valid JSON", "line 1"]),
        ("types.geojson", br#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":"x"}}]}"#.to_vec(), &["not GeoJSON"]),
        ("range.geojson", br#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[117,39]}},{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[500000,4300000]}}]}"#.to_vec(), &["feature 1", "geometry", "reproject"]),
        // Found by fuzzing: the geojson crate panicked on a one-number position.
        ("short.geojson", br#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[117,39],[117.1,39],[1179.02]]]}}]}"#.to_vec(), &["feature 0", "geometry", "1 number"]),
        ("nogeom.geojson", br#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":null}]}"#.to_vec(), &["feature 0", "no geometry"]),
        // Web Mercator is reprojected now; Beijing 1954 has no official transformation: refused, saying why.
        ("beijing1954.geojson", br#"{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"EPSG:2436"}},"features":[{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[500000,4330000]}}]}"#.to_vec(), &["beijing1954.geojson", "Beijing 1954"]),
        ("empty.geojson", Vec::new(), &["empty"]),
        ("gbk.geojson", [br#"{"type":"Point","coordinates":[117,39],"n":""#.as_slice(), &[0xCC, 0xEC, 0xBD, 0xF2], br#""}"#.as_slice()].concat(), &["not UTF-8", "offset"]),
        // The same in a feature's properties, after a feature that is fine: the parse stops at the
        // GBK bytes (the whole file is not checked first) and the file is still named not UTF-8.
        ("gbk-props.geojson", [br#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"n":"a"},"geometry":{"type":"Point","coordinates":[117,39]}},{"type":"Feature","properties":{"n":""#.as_slice(), &[0xCC, 0xEC, 0xBD, 0xF2], br#""},"geometry":{"type":"Point","coordinates":[117,39]}}]}"#.as_slice()].concat(), &["not UTF-8", "offset 170"]),
        ("deep.geojson", format!(r#"{{"type":"Feature","geometry":null,"properties":{{"x":{}{}}}}}"#, "[".repeat(5000), "]".repeat(5000)).into_bytes(), &["nested too deeply"]),
        ("nofeatures.geojson", br#"{"type":"FeatureCollection","features":[]}"#.to_vec(), &["no features"]),
        ("bad.csv", "名称,经度,纬度\n甲,117.2,39.1\n乙,东经117,39.2\n".as_bytes().to_vec(), &["feature 1", "经度", "row 3", "not a number"]),
        ("nocols.csv", b"a,b\n1,2\n".to_vec(), &["no longitude column"]),
        ("what.docx", b"PK\x03\x04".to_vec(), &["unknown format"]),
    ];
    for (name, bytes, needles) in cases {
        let path = write(&dir, name, &bytes);
        let err = import(&atlas, &path).expect_err(name).to_string();
        assert!(err.contains(name), "{name}: error names the file: {err}");
        for n in needles {
            assert!(err.contains(n), "{name}: {err:?} should mention {n:?}");
        }
        assert!(err.contains("Nothing was imported") || err.contains("atlas elements") || !err.is_empty());
        assert!(!err.contains('\n'), "one line: {err}");
    }
    // A file over the limit is refused before it is read.
    let big = write(&dir, "big.geojson", &vec![b' '; 2_000_000]);
    let err = atlas
        .import_file(
            &big,
            &ImportOptions {
                limits: atlas_core::import::ImportLimits { max_bytes: 1_000_000, ..Default::default() },
                ..Default::default()
            },
            &|_, _| true,
        )
        .unwrap_err()
        .to_string();
    assert!(err.contains("limit") && err.contains("--max-mb"), "{err}");
    assert_eq!(atlas.user_layers().unwrap().len(), layers_before, "nothing half-imported");
    assert_eq!(feature_count(&atlas), 0);
}

#[test]
fn a_cancelled_import_leaves_nothing() {
    let (dir, atlas) = fresh("cancel");
    let features: Vec<String> = (0..5000).map(|i| format!(r#"{{"type":"Feature","properties":{{}},"geometry":{{"type":"Point","coordinates":[117.{i:04},39.1]}}}}"#)).collect();
    let path = write(
        &dir,
        "many.geojson",
        format!(r#"{{"type":"FeatureCollection","features":[{}]}}"#, features.join(",")).as_bytes(),
    );
    assert!(atlas.import_file(&path, &ImportOptions::default(), &|done, _| done < 2000).is_err());
    assert_eq!(feature_count(&atlas), 0);
    assert!(atlas.user_layers().unwrap().is_empty());
}

#[test]
fn csv_and_geopackage_imports() {
    let (dir, atlas) = fresh("csvgpkg");
    let csv = write(&dir, "sites.csv", "名称,lon,lat,备注\n甲,117.2,39.1,\"含,逗号\"\n乙,117.3,39.2,\n".as_bytes());
    let r = import(&atlas, &csv).unwrap();
    assert_eq!(r.features, 2);
    let f = &atlas.layer_features(&r.layers[0]).unwrap()[0];
    assert_eq!(f.attributes.name_zh, "甲");
    assert_eq!(f.properties["备注"], "含,逗号");
    let named = write(&dir, "xy.csv", b"id,east,north\n1,117.2,39.1\n");
    let opts =
        ImportOptions { lon_column: Some("east".into()), lat_column: Some("north".into()), ..Default::default() };
    assert_eq!(atlas.import_file(&named, &opts, &|_, _| true).unwrap().features, 1);

    // A GeoPackage as QGIS/GDAL write it, made here by ogr2ogr from GeoJSON.
    let src = write(&dir, "src.geojson", r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"地块一","area":12.5},"geometry":{"type":"Polygon","coordinates":[[[117,39],[117.1,39],[117.1,39.1],[117,39]]]}}]}"#.as_bytes());
    let gpkg = dir.join("qgis.gpkg");
    ogr("ogr2ogr", &["-f", "GPKG", gpkg.to_str().unwrap(), src.to_str().unwrap(), "-nln", "parcels"]);
    ogr("ogr2ogr", &["-f", "GPKG", "-update", gpkg.to_str().unwrap(), src.to_str().unwrap(), "-nln", "other"]);
    let opts = ImportOptions { gpkg_layers: Some(vec!["parcels".into()]), ..Default::default() };
    let r = atlas.import_file(&gpkg, &opts, &|_, _| true).unwrap();
    assert_eq!((r.layers.len(), r.features), (1, 1));
    let f = &atlas.layer_features(&r.layers[0]).unwrap()[0];
    assert_eq!(f.attributes.name_zh, "地块一");
    assert_eq!(f.properties["area"], 12.5);
    let missing = ImportOptions { gpkg_layers: Some(vec!["nope".into()]), ..Default::default() };
    assert!(atlas.import_file(&gpkg, &missing, &|_, _| true).unwrap_err().to_string().contains("\"parcels\""));
    // A GeoPackage in a supported projected CRS is reprojected (issue 10; tests/interop.rs
    // checks the coordinates); one in a CRS the atlas does not support is refused with advice.
    let merc = dir.join("merc.gpkg");
    ogr(
        "ogr2ogr",
        &["-f", "GPKG", "-t_srs", "EPSG:3857", merc.to_str().unwrap(), src.to_str().unwrap(), "-nln", "merc"],
    );
    assert_eq!(import(&atlas, &merc).unwrap().features, 1);
    let british = dir.join("british.gpkg");
    ogr("ogr2ogr", &["-f", "GPKG", "-t_srs", "EPSG:27700", british.to_str().unwrap(), src.to_str().unwrap()]);
    let e = import(&atlas, &british).unwrap_err().to_string();
    assert!(e.contains("EPSG:27700") && e.contains("--crs"), "{e}");
}

#[test]
fn exports_round_trip_through_gdal_with_chinese_text() {
    let (dir, atlas) = fresh("exports");
    let src = write(&dir, "in.geojson", r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"天津智谷北区","category":"方案"},"geometry":{"type":"Polygon","coordinates":[[[117.3,38.98],[117.32,38.98],[117.32,39.0],[117.3,38.98]]]}},{"type":"Feature","properties":{"name":"站点"},"geometry":{"type":"Point","coordinates":[117.2,39.1]}}]}"#.as_bytes());
    let layer = import(&atlas, &src).unwrap().layers[0].clone();
    atlas.add_note(NoteTarget::Element, "tianjin-zhigu", "笔记").unwrap();

    // Whole atlas as GeoPackage: GDAL sees plan and user layers.
    let gpkg = dir.join("out.gpkg");
    atlas.export_geopackage(&gpkg).unwrap();
    let info = ogr("ogrinfo", &["-ro", "-q", gpkg.to_str().unwrap()]);
    for l in ["plan_points", "\n6: in\n", "user_notes", "user_tours"] {
        assert!(info.contains(l), "{l} missing:\n{info}");
    }
    let feats = ogr("ogrinfo", &["-ro", "-so", gpkg.to_str().unwrap(), "in"]);
    assert!(feats.contains("Feature Count: 2"), "{feats}");
    assert!(feats.contains("name: String"), "the file's fields are the layer's columns: {feats}");
    assert!(Atlas::open_read_only(&gpkg).is_ok(), "the copy is itself an atlas");

    // A layer as GeoJSON, through ogr2ogr and back in: same attributes, same Chinese.
    let gj = dir.join("layer.geojson");
    assert_eq!(atlas.export_layer_geojson(&layer, None, &gj).unwrap(), 2);
    let copy = dir.join("copy.geojson");
    ogr("ogr2ogr", &["-f", "GeoJSON", copy.to_str().unwrap(), gj.to_str().unwrap()]);
    let again = import(&atlas, &copy).unwrap();
    let a = atlas.layer_features(&layer).unwrap();
    let b = atlas.layer_features(&again.layers[0]).unwrap();
    assert_eq!(
        a.iter().map(|f| &f.attributes).collect::<Vec<_>>(),
        b.iter().map(|f| &f.attributes).collect::<Vec<_>>()
    );
    assert_eq!(b[0].attributes.name_zh, "天津智谷北区");

    // Zones as CSV: GDAL's CSV driver reads every row and the Chinese names.
    let csv = dir.join("zones.csv");
    let n = atlas.export_zones_csv(&csv).unwrap();
    let info = ogr("ogrinfo", &["-ro", "-al", "-so", csv.to_str().unwrap()]);
    assert!(info.contains(&format!("Feature Count: {n}")), "{info}");
    let rows = ogr("ogrinfo", &["-ro", "-al", "-q", csv.to_str().unwrap(), "-where", "id = 'xinchuang-valley'"]);
    assert!(rows.contains("中国信创谷"), "{rows}");
    // The location source (and the note, where there is one) in Chinese beside the English.
    let detail = atlas.element_detail("xinchuang-valley").unwrap();
    let source_zh = detail.location_source_zh.expect("schema 9 data");
    assert!(rows.contains(&format!("location_source_zh (String) = {source_zh}")), "{rows}");
    assert!(rows.contains(&format!("note_zh (String) = {}", detail.note_zh.unwrap_or_default())), "{rows}");
}

#[test]
fn a_new_plan_edition_replaces_plan_rows_and_keeps_user_work() {
    let (dir, atlas) = fresh("edition");
    let path = dir.join("atlas.gpkg");
    let note = atlas.add_note(NoteTarget::Element, "xinchuang-valley", "保留我").unwrap();
    let layer = atlas.create_layer("自有", "drawn").unwrap();
    let own = atlas
        .add_feature(
            &layer.id,
            &geo::Geometry::Point(geo::Point::new(117.2, 39.1)),
            &FeatureAttributes { name_zh: "自有点".into(), ..Default::default() },
        )
        .unwrap();
    let tour = atlas.create_tour("我的", "Mine").unwrap();
    atlas
        .add_stop(
            &tour.id,
            &atlas_core::user::tours::StopContent {
                element_id: Some("tcm-valley".into()),
                caption_zh: "一".into(),
                caption_en: "one".into(),
                ..Default::default()
            },
        )
        .unwrap();
    let old_edition = atlas.meta("plan_edition").unwrap().unwrap();
    drop(atlas);

    // A newer edition: the same data with one English name changed.
    let newer_data = scratch("edition-data");
    copy_dir(&data_dir(), &newer_data);
    let file = newer_data.join("plan/elements/landmark-zones.toml");
    let text = std::fs::read_to_string(&file).unwrap().replacen(
        "name_en = \"China Xinchuang Valley\"",
        "name_en = \"China Xinchuang Valley (2nd ed.)\"",
        1,
    );
    std::fs::write(&file, text).unwrap();
    let newer = dir.join("newer.gpkg");
    build_atlas(&DataDir::new(&newer_data), &newer).unwrap();

    let report = atlas_core::store::edition::install_plan_edition(&path, &newer).unwrap().expect("editions differ");
    assert_eq!(report.from, old_edition);
    assert!(report.backup.exists());
    let atlas = Atlas::open(&path).unwrap();
    assert_eq!(atlas.element("xinchuang-valley").unwrap().name_en, "China Xinchuang Valley (2nd ed.)");
    assert_eq!(atlas.notes_for(NoteTarget::Element, "xinchuang-valley").unwrap(), vec![note]);
    assert_eq!(atlas.user_feature(own.id).unwrap().attributes.name_zh, "自有点");
    assert_eq!(atlas.tour(&tour.id).unwrap().stops.len(), 1);
    assert!(atlas_core::integrity::check_atlas(&atlas).unwrap().is_empty(), "indexes follow");
    assert_eq!(
        atlas.search("信创", 5).unwrap().elements[0].element.id,
        "xinchuang-valley",
        "search index replaced too"
    );
    // Installing the same edition again does nothing.
    assert!(atlas_core::store::edition::install_plan_edition(&path, &newer).unwrap().is_none());
}

/// The extent the R-tree gives for a layer, computed the slow way.
fn rtree_extent(atlas: &Atlas, layer: &str) -> (usize, Option<[f64; 4]>) {
    let table = atlas.user_layer(layer).unwrap().table_name;
    atlas
        .connection()
        .query_row(
            &format!(
                "SELECT count(*), min(r.minx), min(r.miny), max(r.maxx), max(r.maxy)
                 FROM \"{table}\" f LEFT JOIN \"rtree_{table}_geom\" r ON r.id = f.fid"
            ),
            [],
            |r| {
                let b: (Option<f64>, Option<f64>, Option<f64>, Option<f64>) =
                    (r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?);
                Ok((r.get::<_, i64>(0)? as usize, b.0.map(|a| [a, b.1.unwrap(), b.2.unwrap(), b.3.unwrap()])))
            },
        )
        .unwrap()
}

/// The R-tree rounds outward to f32; the kept extent is exact or recomputed from it.
fn same_extent(a: Option<[f64; 4]>, b: Option<[f64; 4]>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(a), Some(b)) => a.iter().zip(b).all(|(x, y)| (x - y).abs() < 1e-4),
        _ => false,
    }
}

#[test]
fn layer_counts_and_extents_are_kept_through_every_change() {
    let (_dir, atlas) = fresh("extents");
    let kept = |atlas: &Atlas, id: &str| {
        let l = atlas.user_layer(id).unwrap();
        (l.feature_count, l.bbox)
    };
    let check = |atlas: &Atlas, id: &str, what: &str| {
        let (n, b) = kept(atlas, id);
        let (m, c) = rtree_extent(atlas, id);
        assert_eq!(n, m, "{what}: count");
        assert!(same_extent(b, c), "{what}: kept {b:?} vs R-tree {c:?}");
    };
    let layer = atlas.create_layer("范围", "test").unwrap();
    assert_eq!(kept(&atlas, &layer.id), (0, None));
    let pt = |x: f64, y: f64| geo::Geometry::Point(geo::Point::new(x, y));
    let a = atlas.add_feature(&layer.id, &pt(117.0, 39.0), &FeatureAttributes::default()).unwrap();
    check(&atlas, &layer.id, "one point");
    let b = atlas.add_feature(&layer.id, &pt(117.5, 39.4), &FeatureAttributes::default()).unwrap();
    let c = atlas.add_feature(&layer.id, &pt(117.2, 39.2), &FeatureAttributes::default()).unwrap();
    check(&atlas, &layer.id, "three points");
    assert!(same_extent(kept(&atlas, &layer.id).1, Some([117.0, 39.0, 117.5, 39.4])));
    // Inside the extent: only the count changes.
    atlas.delete_feature(c.id).unwrap();
    check(&atlas, &layer.id, "inner point deleted");
    // On its edge: the extent shrinks.
    atlas.delete_feature(b.id).unwrap();
    check(&atlas, &layer.id, "edge point deleted");
    assert!(same_extent(kept(&atlas, &layer.id).1, Some([117.0, 39.0, 117.0, 39.0])));
    // Moved: follows.
    atlas.update_feature_geometry(a.id, &pt(116.9, 38.9)).unwrap();
    check(&atlas, &layer.id, "point moved");
    // Undo of a delete, an import, a deleted layer.
    let restored = atlas.delete_feature(a.id).unwrap();
    check(&atlas, &layer.id, "last point deleted");
    assert_eq!(kept(&atlas, &layer.id), (0, None));
    let _ = restored;
    let dir = scratch("extents-import");
    let file =
        write(&dir, "grid.geojson", atlas_synthetic::hex_grid_geojson_in((117.1, 39.0, 117.3, 39.2), 300).as_bytes());
    let report = import(&atlas, &file).unwrap();
    check(&atlas, &report.layers[0], "imported grid");
    assert!(kept(&atlas, &report.layers[0]).0 >= 300);
    atlas.delete_layer(&report.layers[0]).unwrap();
    let left: i64 = atlas
        .connection()
        .query_row("SELECT count(*) FROM user_layer_extents WHERE layer_id = ?1", [&report.layers[0]], |r| r.get(0))
        .unwrap();
    assert_eq!(left, 0, "a deleted layer's row goes");
    // A row lost (as after an older program's edits) is recomputed.
    atlas.connection().execute("DELETE FROM user_layer_extents", []).unwrap();
    check(&atlas, &layer.id, "recomputed");
}
