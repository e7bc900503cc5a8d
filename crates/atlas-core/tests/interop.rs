//! Planners' files as GDAL makes them (fixtures written in the test with `ogr2ogr`):
//! Shapefiles in CGCS2000 Gauss–Krüger with GBK or UTF-8 attributes, with and without .cpg,
//! zipped; GeoPackages in 4527 and 3857; an unknown CRS; Beijing 1954. Each is imported,
//! compared with the source's WGS84 coordinates and Chinese text, exported as a Shapefile in
//! a chosen CRS and read back by GDAL, within 1 cm of PROJ's numbers.

use std::path::{Path, PathBuf};
use std::process::Command;

use atlas_core::crs::{AxisOrder, Crs, CrsMismatch, CrsRefusal};
use atlas_core::import::detected::{CrsSource, Detection, EncodingBasis, ImportFormat};
use atlas_core::import::problem_kind::{
    ColumnsOf, CrsNamedIn, GeometryProblem, GeometryStructure, JsonTrouble, ProblemKind,
};
use atlas_core::import::{ImportLimits, ImportOptions, ImportReport};
use atlas_core::store::build_atlas;
use atlas_core::{Atlas, DataDir};
use serde_json::Value;

/// A scratch folder holding a copy of the plan as the program carries it (built once per
/// test process).
fn fresh_atlas() -> (tempfile::TempDir, Atlas) {
    static DEFAULT: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    let bytes = DEFAULT.get_or_init(|| {
        let build_dir = tempfile::tempdir().unwrap();
        let built = build_dir.path().join("default.gpkg");
        build_atlas(&DataDir::new(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data")), &built).unwrap();
        std::fs::read(built).unwrap()
    });
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("atlas.gpkg");
    std::fs::write(&path, bytes).unwrap();
    let atlas = Atlas::open(&path).unwrap();
    (dir, atlas)
}

/// Two parcels in Binhai: a polygon with a hole, and a two-part multipolygon; Chinese names.
const SOURCE: &str = r#"{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"名称":"滨海新区科技园","area_ha":12.5,"code":7},"geometry":{"type":"Polygon","coordinates":[[[117.60,39.00],[117.70,39.00],[117.70,39.08],[117.60,39.08],[117.60,39.00]],[[117.63,39.02],[117.63,39.05],[117.66,39.05],[117.66,39.02],[117.63,39.02]]]}},
{"type":"Feature","properties":{"名称":"于家堡金融区","area_ha":3.25,"code":8},"geometry":{"type":"MultiPolygon","coordinates":[[[[117.68,38.98],[117.69,38.98],[117.69,38.99],[117.68,38.99],[117.68,38.98]]],[[[117.72,38.98],[117.73,38.98],[117.73,38.99],[117.72,38.99],[117.72,38.98]]]]}}
]}"#;

const NAMES: [&str; 2] = ["滨海新区科技园", "于家堡金融区"];

fn ogr2ogr(args: &[&str]) {
    let out = Command::new("ogr2ogr")
        .args(args)
        .output()
        .expect("ogr2ogr (gdal-bin) is installed by scripts/setup.sh --test");
    assert!(out.status.success(), "ogr2ogr {args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

fn source(dir: &Path) -> PathBuf {
    let p = dir.join("parcels.geojson");
    std::fs::write(&p, SOURCE).unwrap();
    p
}

/// A Shapefile of the source in `epsg`, its attributes in `encoding` (GDAL's ENCODING).
fn shapefile(dir: &Path, name: &str, epsg: u32, encoding: &str) -> PathBuf {
    let src = source(dir);
    let out = dir.join(format!("{name}.shp"));
    ogr2ogr(&[
        "-f",
        "ESRI Shapefile",
        "-t_srs",
        &format!("EPSG:{epsg}"),
        "-lco",
        &format!("ENCODING={encoding}"),
        out.to_str().unwrap(),
        src.to_str().unwrap(),
        "-nln",
        name,
    ]);
    out
}

/// Every vertex of every feature, in file order.
fn vertices(g: &Value, out: &mut Vec<(f64, f64)>) {
    match g {
        Value::Array(a) if a.len() >= 2 && a[0].is_number() => {
            out.push((a[0].as_f64().unwrap(), a[1].as_f64().unwrap()))
        }
        Value::Array(a) => a.iter().for_each(|v| vertices(v, out)),
        Value::Object(o) => {
            if let Some(c) = o.get("coordinates") {
                vertices(c, out)
            }
        }
        _ => {}
    }
}

fn metres_apart(a: (f64, f64), b: (f64, f64)) -> f64 {
    let dy = (a.1 - b.1) * 111_320.0;
    let dx = (a.0 - b.0) * 111_320.0 * a.1.to_radians().cos();
    dx.hypot(dy)
}

/// Each vertex of `got` lies within `tolerance` m of one of `want`'s (ring start and winding
/// may differ between writers), and both have as many.
fn same_vertices(
    got: &[(f64, f64)],
    want: &[(f64, f64)],
    tolerance: f64,
    metric: impl Fn((f64, f64), (f64, f64)) -> f64,
) -> f64 {
    assert_eq!(got.len(), want.len(), "vertex counts differ");
    let mut worst: f64 = 0.0;
    for g in got {
        let d = want.iter().map(|w| metric(*g, *w)).fold(f64::INFINITY, f64::min);
        assert!(d <= tolerance, "vertex {g:?} is {d} from the nearest expected one");
        worst = worst.max(d);
    }
    worst
}

fn source_vertices() -> Vec<(f64, f64)> {
    let v: Value = serde_json::from_str(SOURCE).unwrap();
    let mut out = Vec::new();
    for f in v["features"].as_array().unwrap() {
        vertices(&f["geometry"], &mut out);
    }
    out
}

/// Imports `path` as it stands and checks it against the source, and that the report names
/// its CRS.
fn imports_as_the_source(atlas: &Atlas, path: &Path, epsg: u32) {
    let report = import(atlas, path, &ImportOptions::default()).unwrap();
    check_layer(atlas, &report, 0);
    assert_eq!(crs_noted(&report), Some(epsg), "{:?}", report.notes);
}

/// The EPSG code of the CRS the report says the (first) layer was read in.
fn crs_noted(report: &ImportReport) -> Option<u32> {
    report.notes.iter().find_map(|n| match &n.detection {
        Detection::Crs { crs, .. } => Some(crs.epsg),
        _ => None,
    })
}

fn noted(report: &ImportReport, want: impl Fn(&Detection) -> bool) -> bool {
    report.notes.iter().any(|n| want(&n.detection))
}

/// Checks an imported layer against the source: geometry within 1 m, names intact.
fn check_layer(atlas: &Atlas, report: &ImportReport, layer: usize) {
    let fc = atlas.layer_feature_collection(&report.layers[layer], None).unwrap();
    let mut got = Vec::new();
    let mut names = Vec::new();
    for f in &fc.features {
        vertices(&serde_json::to_value(f.geometry.as_ref().unwrap()).unwrap(), &mut got);
        names.push(f.properties.as_ref().unwrap()["名称"].as_str().unwrap().to_owned());
    }
    same_vertices(&got, &source_vertices(), 1.0, metres_apart);
    assert_eq!(names, NAMES, "Chinese text intact");
}

fn import(atlas: &Atlas, path: &Path, options: &ImportOptions) -> atlas_core::Result<ImportReport> {
    atlas.import_file(path, options, &|_, _| true)
}

#[test]
fn gbk_shapefiles_in_gauss_kruger_import_with_or_without_cpg() {
    let (tmp, atlas) = fresh_atlas();
    let dir = tmp.path();
    // With GDAL's .cpg ("CP936").
    let shp = shapefile(&dir, "gbk4548", 4548, "CP936");
    let report = import(&atlas, &shp, &ImportOptions::default()).unwrap();
    check_layer(&atlas, &report, 0);
    assert!(
        noted(&report, |d| matches!(d, Detection::Crs { crs, source: CrsSource::Prj { .. } } if crs.epsg == 4548)),
        "{:?}",
        report.notes
    );
    assert!(noted(&report, |d| matches!(d, Detection::Cgcs2000AsWgs84 { .. })), "{:?}", report.notes);
    let cpg = |d: &Detection| matches!(d, Detection::Encoding { encoding, basis: EncodingBasis::Cpg { name } } if encoding == "GB18030" && name == "CP936");
    assert!(noted(&report, cpg), "{:?}", report.notes);
    assert!(report.samples.iter().any(|s| s == NAMES[0]), "{:?}", report.samples);

    // Without .cpg and without a language byte: detected as not UTF-8, read as GB18030.
    std::fs::remove_file(dir.join("gbk4548.cpg")).unwrap();
    let dbf = dir.join("gbk4548.dbf");
    let mut bytes = std::fs::read(&dbf).unwrap();
    bytes[29] = 0;
    std::fs::write(&dbf, bytes).unwrap();
    let again = ImportOptions { layer_name: Some("gbk_detected".into()), ..Default::default() };
    let report = import(&atlas, &shp, &again).unwrap();
    check_layer(&atlas, &report, 0);
    let fallback = |d: &Detection| matches!(d, Detection::Encoding { encoding, basis: EncodingBasis::FallbackGb18030 } if encoding == "GB18030");
    assert!(noted(&report, fallback), "{:?}", report.notes);

    // The user's choice wins (and shows as mojibake in the samples, before anything is kept).
    let wrong = ImportOptions { encoding: Some("UTF-8".into()), ..Default::default() };
    let preview = atlas.preview_import(&shp, &wrong).unwrap();
    assert!(preview.layers[0].samples.iter().all(|s| !NAMES.contains(&s.as_str())), "{:?}", preview.layers[0].samples);
}

#[test]
fn utf8_shapefiles_in_zone_prefixed_and_geographic_cgcs2000_import() {
    let (tmp, atlas) = fresh_atlas();
    let dir = tmp.path();
    for (epsg, name) in [(4527, "utf4527"), (4490, "utf4490")] {
        let shp = shapefile(&dir, name, epsg, "UTF-8");
        // No .cpg: valid UTF-8 stays UTF-8.
        std::fs::remove_file(dir.join(format!("{name}.cpg"))).unwrap();
        imports_as_the_source(&atlas, &shp, epsg);
    }
}

#[test]
fn a_zip_of_shapefiles_imports_each_as_a_layer_and_exports_back_in_gauss_kruger() {
    let (tmp, atlas) = fresh_atlas();
    let dir = tmp.path();
    let a = shapefile(&dir, "parcels_a", 4548, "CP936");
    let b = shapefile(&dir, "parcels_b", 4527, "UTF-8");
    let zip = dir.join("delivery.zip");
    let status = Command::new("zip")
        .arg("-qj")
        .arg(&zip)
        .args(["shp", "shx", "dbf", "prj", "cpg"].iter().flat_map(|e| [a.with_extension(e), b.with_extension(e)]))
        .status()
        .expect("zip is installed");
    assert!(status.success());
    let report = import(&atlas, &zip, &ImportOptions::default()).unwrap();
    assert_eq!(report.layers.len(), 2);
    check_layer(&atlas, &report, 0);
    check_layer(&atlas, &report, 1);

    // Out again as a zipped Shapefile in 4548; GDAL reads it, within 1 cm of PROJ (via GDAL).
    let out = dir.join("out.zip");
    let written = atlas.export_layer_shapefile(&report.layers[0], Crs::from_epsg(4548).unwrap(), &out).unwrap();
    assert_eq!(written.features, 2);
    let ours = dir.join("ours.geojson");
    ogr2ogr(&[
        "-f",
        "GeoJSON",
        ours.to_str().unwrap(),
        &format!("/vsizip/{}/{}", out.display(), written.shapefiles[0]),
    ]);
    let proj = dir.join("proj.geojson");
    ogr2ogr(&[
        "-f",
        "GeoJSON",
        "-t_srs",
        "EPSG:4548",
        "-lco",
        "COORDINATE_PRECISION=4",
        proj.to_str().unwrap(),
        source(&dir).to_str().unwrap(),
    ]);
    let read = |p: &Path| {
        let v: Value = serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap();
        let mut out = Vec::new();
        let mut names = Vec::new();
        for f in v["features"].as_array().unwrap() {
            vertices(&f["geometry"], &mut out);
            names.push(f["properties"]["名称"].as_str().unwrap_or("").to_owned());
        }
        (out, names)
    };
    let (got, names) = read(&ours);
    let (want, _) = read(&proj);
    let worst = same_vertices(&got, &want, 0.01, |a, b| (a.0 - b.0).hypot(a.1 - b.1));
    eprintln!("export in EPSG:4548 vs PROJ: worst {worst:.4} m");
    assert_eq!(names, NAMES, "GDAL reads the UTF-8 .dbf with its .cpg");
    let info = Command::new("ogrinfo")
        .args(["-so", "-al"])
        .arg(format!("/vsizip/{}/{}", out.display(), written.shapefiles[0]))
        .output()
        .unwrap();
    let info = String::from_utf8_lossy(&info.stdout);
    assert!(
        info.contains("CGCS2000 / 3-degree Gauss-Kruger CM 117E") || info.contains("CGCS2000_3_Degree_GK_CM_117E"),
        "{info}"
    );

    // And back in: the round trip stays within 1 m of the source.
    let again =
        import(&atlas, &out, &ImportOptions { layer_name: Some("parcels_back".into()), ..Default::default() }).unwrap();
    check_layer(&atlas, &again, 0);
}

#[test]
fn geopackages_in_4527_and_3857_are_reprojected() {
    let (tmp, atlas) = fresh_atlas();
    let dir = tmp.path();
    for epsg in [4527, 3857] {
        let out = dir.join(format!("parcels{epsg}.gpkg"));
        ogr2ogr(&[
            "-f",
            "GPKG",
            "-t_srs",
            &format!("EPSG:{epsg}"),
            out.to_str().unwrap(),
            source(&dir).to_str().unwrap(),
            "-nln",
            &format!("parcels{epsg}"),
        ]);
        imports_as_the_source(&atlas, &out, epsg);
    }
}

#[test]
fn unknown_and_beijing_1954_systems_are_refused_with_what_to_do() {
    let (tmp, atlas) = fresh_atlas();
    let dir = tmp.path();
    let count = |a: &Atlas| a.user_layers().unwrap().len();
    let before = count(&atlas);
    // British National Grid: a real CRS, not one the atlas supports.
    let bng = shapefile(&dir, "bng", 27700, "UTF-8");
    let e = import(&atlas, &bng, &ImportOptions::default()).unwrap_err().to_string();
    assert!(e.contains("bng.shp") && e.contains("not one the atlas supports") && e.contains("--crs"), "{e}");
    // No .prj and coordinates in metres.
    let bare = shapefile(&dir, "bare", 4548, "UTF-8");
    std::fs::remove_file(dir.join("bare.prj")).unwrap();
    let e = import(&atlas, &bare, &ImportOptions::default()).unwrap_err().to_string();
    assert!(e.contains("no .prj") && e.contains("EPSG:4548"), "{e}");
    // ... which the user can name.
    let named = ImportOptions { source_epsg: Some(4548), ..Default::default() };
    let report = import(&atlas, &bare, &named).unwrap();
    check_layer(&atlas, &report, 0);
    // Beijing 1954 / 3-degree Gauss-Kruger CM 117E.
    let beijing = shapefile(&dir, "beijing", 2436, "UTF-8");
    let e = import(&atlas, &beijing, &ImportOptions::default()).unwrap_err().to_string();
    assert!(e.contains("Beijing 1954") && e.contains("no official parameters") && e.contains("CGCS2000"), "{e}");
    let gpkg = dir.join("beijing.gpkg");
    ogr2ogr(&["-f", "GPKG", "-t_srs", "EPSG:2436", gpkg.to_str().unwrap(), source(&dir).to_str().unwrap()]);
    let e = import(&atlas, &gpkg, &ImportOptions::default()).unwrap_err().to_string();
    assert!(e.contains("Beijing 1954"), "{e}");
    // Nothing half-imported.
    assert_eq!(count(&atlas), before + 1);
}

#[test]
fn the_preview_shows_crs_encoding_and_first_features_and_writes_nothing() {
    let (tmp, atlas) = fresh_atlas();
    let dir = tmp.path();
    let shp = shapefile(&dir, "parcels", 4548, "CP936");
    let before = std::fs::read(dir.join("atlas.gpkg")).unwrap();
    let p = atlas.preview_import(&shp, &ImportOptions::default()).unwrap();
    assert_eq!(p.format, ImportFormat::Shapefile);
    let l = &p.layers[0];
    assert_eq!((l.crs.map(|c| c.epsg), l.features), (Some(4548), 2));
    assert!(l.problem.is_none(), "{:?}", l.problem);
    assert!(
        matches!(&l.encoding, Some(Detection::Encoding { encoding, .. }) if encoding == "GB18030"),
        "{:?}",
        l.encoding
    );
    assert!(matches!(l.crs_source, Some(CrsSource::Prj { .. })), "{:?}", l.crs_source);
    assert!(l.fields.iter().any(|f| f.name == "名称"), "{:?}", l.fields);
    assert_eq!(l.first_features.len(), 2);
    let mut got = Vec::new();
    for f in &l.first_features {
        vertices(&f["geometry"], &mut got);
    }
    same_vertices(&got, &source_vertices(), 1.0, metres_apart);
    let easting_first = |a: &Detection| {
        matches!(a, Detection::AxisOrder { order: AxisOrder::EastingFirst, epsg_northing_first: true, .. })
    };
    assert!(l.assumptions.iter().any(easting_first), "{:?}", l.assumptions);
    assert_eq!(std::fs::read(dir.join("atlas.gpkg")).unwrap(), before);
    // A layer that cannot import says why, instead of failing the preview.
    std::fs::remove_file(dir.join("parcels.prj")).unwrap();
    let p = atlas.preview_import(&shp, &ImportOptions::default()).unwrap();
    assert!(matches!(&p.layers[0].problem, Some(p) if p.what == ProblemKind::NoPrj), "{:?}", p.layers[0].problem);
}

#[test]
fn a_layer_that_cannot_import_says_why_as_a_kind_with_what_was_found() {
    let (tmp, atlas) = fresh_atlas();
    let dir = tmp.path();
    let problem = |path: &Path, options: &ImportOptions| {
        atlas.preview_import(path, options).unwrap().layers.remove(0).problem.expect("a blocking problem")
    };
    // Beijing 1954 / 3-degree Gauss-Kruger CM 117E, as GDAL writes its .prj (a name, no code).
    let beijing = shapefile(dir, "beijing", 2436, "UTF-8");
    let p = problem(&beijing, &ImportOptions::default());
    let legacy_prj = |k: &ProblemKind| matches!(k, ProblemKind::Crs { named_in: CrsNamedIn::Prj, refusal: CrsRefusal::Legacy { code: None, name } } if name.contains("Beijing_1954"));
    assert!(legacy_prj(&p.what), "{p:?}");
    assert_eq!((p.layer.as_str(), p.field.as_deref(), p.feature), ("beijing", Some("prj"), None));
    assert!(p.file.ends_with("beijing.shp"), "{p:?}");
    // The CLI's one-line error is the same kind worded in English, as informative as before.
    let e = import(&atlas, &beijing, &ImportOptions::default()).unwrap_err().to_string();
    assert!(e.contains(&p.what.to_string()) && e.contains("no official parameters") && e.contains("--crs"), "{e}");
    // The same system in a GeoPackage is found by its EPSG code.
    let gpkg = dir.join("beijing.gpkg");
    ogr2ogr(&["-f", "GPKG", "-t_srs", "EPSG:2436", gpkg.to_str().unwrap(), source(dir).to_str().unwrap()]);
    let p = problem(&gpkg, &ImportOptions::default());
    assert!(
        matches!(
            &p.what,
            ProblemKind::Crs { named_in: CrsNamedIn::GpkgSrs, refusal: CrsRefusal::Legacy { code: Some(2436), .. } }
        ),
        "{p:?}"
    );
    // Named by the user: only naming another helps.
    let p = problem(
        &shapefile(dir, "named", 4548, "UTF-8"),
        &ImportOptions { source_epsg: Some(2436), ..Default::default() },
    );
    assert!(
        matches!(
            &p.what,
            ProblemKind::Crs { named_in: CrsNamedIn::UserChoice, refusal: CrsRefusal::Legacy { code: Some(2436), .. } }
        ),
        "{p:?}"
    );
    assert!(!p.what.to_string().contains("--crs"), "{}", p.what);
    // British National Grid: a Transverse Mercator no supported zone has, with its parameters.
    let p = problem(&shapefile(dir, "bng", 27700, "UTF-8"), &ImportOptions::default());
    assert!(
        matches!(&p.what, ProblemKind::Crs { refusal: CrsRefusal::Unsupported { mismatch: CrsMismatch::TransverseMercator { central_meridian, .. }, .. }, .. } if *central_meridian == -2.0),
        "{p:?}"
    );
    // The .dbf of another layer.
    let one = dir.join("one.shp");
    ogr2ogr(&[
        "-f",
        "ESRI Shapefile",
        "-t_srs",
        "EPSG:4548",
        "-lco",
        "ENCODING=UTF-8",
        "-limit",
        "1",
        one.to_str().unwrap(),
        source(dir).to_str().unwrap(),
        "-nln",
        "one",
    ]);
    std::fs::copy(dir.join("one.dbf"), dir.join("bng.dbf")).unwrap();
    let p = problem(&dir.join("bng.shp"), &ImportOptions { source_epsg: Some(4548), ..Default::default() });
    assert_eq!(p.what, ProblemKind::ShpDbfMismatch { shapes: 2, records: 1 });
}

/// GeoJSON's own troubles, refused geometries and the layer's column limit reach the UI as
/// kinds with what was found (they were the importer's English message, untyped), and the
/// CLI's English is the kind's.
#[test]
fn a_geojson_that_cannot_import_says_why_as_a_kind_with_what_was_found() {
    let (tmp, atlas) = fresh_atlas();
    let dir = tmp.path();
    let file = |name: &str, text: &str| {
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        path
    };
    // The feature, the kind and the CLI's one-line message of the error importing `path`.
    let refused = |path: &Path, options: &ImportOptions| {
        let e = import(&atlas, path, options).unwrap_err();
        let report = e.report();
        assert_eq!(report.file.as_deref(), Some(path), "{e}");
        let kind = report.problem.expect("a kind");
        assert!(e.to_string().contains(&kind.to_string()), "{e}");
        (report.feature, kind, e.to_string())
    };
    let feature = |geometry: &str| format!(r#"{{"type":"Feature","properties":{{}},"geometry":{geometry}}}"#);
    let collection =
        |features: &[String]| format!(r#"{{"type":"FeatureCollection","features":[{}]}}"#, features.join(",\n"));
    let point = feature(r#"{"type":"Point","coordinates":[117.2,39.1]}"#);
    let default = ImportOptions::default();

    // Not JSON: where, in serde_json's words; the preview says the same.
    let broken = file("broken.geojson", "{\"type\":\"FeatureCollection\",\n\"features\":[{\"type\":\"Feature\",}]}");
    let (_, kind, message) = refused(&broken, &default);
    match &kind {
        ProblemKind::Json { trouble: JsonTrouble::Syntax, line: 2, column, detail } => {
            assert!(*column > 20 && detail.contains("line 2"), "{kind:?}")
        }
        other => panic!("{other:?}"),
    }
    assert!(message.contains("it is not valid JSON (line 2, column "), "{message}");
    let e = atlas.preview_import(&broken, &default).unwrap_err();
    assert_eq!(e.report().problem, Some(kind));

    // A feature without a geometry: which one.
    let null = file("null.geojson", &collection(&[point.clone(), feature("null")]));
    let (at, kind, message) = refused(&null, &default);
    assert_eq!((at, kind), (Some(1), ProblemKind::NullGeometry));
    assert!(message.contains("feature 1: geometry: it has no geometry (null)"), "{message}");

    // A polygon ring of three positions: refused by validation, with its count.
    let ring = file(
        "ring.geojson",
        &collection(&[feature(r#"{"type":"Polygon","coordinates":[[[117,39],[117.1,39],[117,39]]]}"#)]),
    );
    let (at, kind, message) = refused(&ring, &default);
    assert_eq!(
        (at, kind),
        (Some(0), ProblemKind::InvalidGeometry { problem: GeometryProblem::ShortRing { positions: 3 } })
    );
    assert!(message.contains("a ring has 3 positions; a polygon ring needs at least 4"), "{message}");

    // A Polygon's coordinates nested as a LineString's: the type named.
    let nested = file(
        "nested.geojson",
        &collection(&[point.clone(), feature(r#"{"type":"Polygon","coordinates":[[117,39],[118,39]]}"#)]),
    );
    let (at, kind, _) = refused(&nested, &default);
    let structure = GeometryStructure::WrongNesting { geometry_type: "Polygon".into() };
    assert_eq!((at, kind), (Some(1), ProblemKind::GeojsonGeometry { structure }));

    // A member of `features` that is not a Feature: what it is.
    let bare =
        file("bare.geojson", r#"{"type":"FeatureCollection","features":[{"type":"Point","coordinates":[117,39]}]}"#);
    assert_eq!(refused(&bare, &default).1, ProblemKind::NotAFeature { found: Some("Point".into()) });
    // The CLI's line says it as the app's dialog does (it printed `it is Some("Point")` before).
    let line = refused(&bare, &default).2;
    assert!(line.contains(r#"feature 0: type: its type is "Point", not "Feature""#), "{line}");
    let untyped = file("untyped.geojson", r#"{"type":"FeatureCollection","features":[{"geometry":null}]}"#);
    let line = refused(&untyped, &default).2;
    assert!(line.contains(r#"it has no type, so it is not a "Feature""#), "{line}");

    // More distinct properties in the layer than the limit, though each feature is within it.
    let props = |k: &str| {
        format!(
            r#"{{"type":"Feature","properties":{{"{k}":1}},"geometry":{{"type":"Point","coordinates":[117.2,39.1]}}}}"#
        )
    };
    let wide = file("wide.geojson", &collection(&[props("a"), props("b"), props("c")]));
    let two = ImportOptions { limits: ImportLimits { max_columns: 2, ..Default::default() }, ..Default::default() };
    let e = import(&atlas, &wide, &two).unwrap_err();
    assert_eq!(e.kind(), atlas_core::error::ErrorKind::Limit);
    assert_eq!(e.report().problem, Some(ProblemKind::TooManyColumns { columns: 3, limit: 2, of: ColumnsOf::Layer }));
    assert!(e.to_string().contains("the layer has more than 2 distinct properties"), "{e}");
}

#[test]
fn a_geojson_in_gauss_kruger_imports_when_the_user_names_its_crs() {
    let (tmp, atlas) = fresh_atlas();
    // Coordinates in EPSG:4548 by PROJ (through GDAL), written without a `crs` member.
    let gk = tmp.path().join("gk.geojson");
    ogr2ogr(&["-f", "GeoJSON", "-t_srs", "EPSG:4548", gk.to_str().unwrap(), source(tmp.path()).to_str().unwrap()]);
    let mut v: Value = serde_json::from_str(&std::fs::read_to_string(&gk).unwrap()).unwrap();
    v.as_object_mut().unwrap().remove("crs");
    std::fs::write(&gk, v.to_string()).unwrap();
    let named = ImportOptions { source_epsg: Some(4548), ..Default::default() };
    let report = import(&atlas, &gk, &named).unwrap();
    check_layer(&atlas, &report, 0);
    assert!(
        noted(&report, |d| matches!(d, Detection::Crs { crs, source: CrsSource::UserChoice } if crs.epsg == 4548)),
        "{:?}",
        report.notes
    );
}

/// The first position of the first feature of a GeoJSON text.
fn first_position(v: &Value) -> (f64, f64) {
    let mut out = Vec::new();
    vertices(&v["features"][0]["geometry"], &mut out);
    out[0]
}

/// PROJ's longitude/latitude for an easting/northing in `epsg` (cs2cs gives latitude first).
fn cs2cs_to_wgs84(epsg: u32, (e, n): (f64, f64)) -> (f64, f64) {
    use std::io::Write;
    let mut child = Command::new("cs2cs")
        .args(["-f", "%.10f", &format!("EPSG:{epsg}"), "EPSG:4326"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("cs2cs (proj-bin) is installed by scripts/setup.sh --test");
    // EPSG:4548 is northing first for PROJ.
    writeln!(child.stdin.take().unwrap(), "{n} {e}").unwrap();
    let out = String::from_utf8(child.wait_with_output().unwrap().stdout).unwrap();
    let v: Vec<f64> = out.split_whitespace().take(2).map(|t| t.parse().unwrap()).collect();
    (v[1], v[0])
}

#[test]
fn a_geojson_declaring_gauss_kruger_in_its_crs_member_imports_wherever_the_member_stands() {
    let (tmp, atlas) = fresh_atlas();
    // As GDAL writes it: the legacy `crs` member before the features.
    let gk = tmp.path().join("gk_member.geojson");
    let src = source(tmp.path());
    ogr2ogr(&[
        "-f",
        "GeoJSON",
        "-lco",
        "RFC7946=NO",
        "-t_srs",
        "EPSG:4548",
        gk.to_str().unwrap(),
        src.to_str().unwrap(),
    ]);
    let text = std::fs::read_to_string(&gk).unwrap();
    assert!(text.find("\"crs\"").unwrap() < text.find("\"features\"").unwrap(), "GDAL writes the member first");
    let file: Value = serde_json::from_str(&text).unwrap();
    let report = import(&atlas, &gk, &ImportOptions::default()).unwrap();
    check_layer(&atlas, &report, 0);
    let member = |d: &Detection| matches!(d, Detection::Crs { crs, source: CrsSource::GeoJsonMember { name } } if crs.epsg == 4548 && name.contains("4548"));
    assert!(noted(&report, member), "{:?}", report.notes);
    // The first vertex where PROJ puts it, to 1 cm (1e-7° ≈ 1 cm).
    let fc = atlas.layer_feature_collection(&report.layers[0], None).unwrap();
    let ours = first_position(&serde_json::to_value(&fc).unwrap());
    let proj = cs2cs_to_wgs84(4548, first_position(&file));
    assert!((ours.0 - proj.0).abs() < 1e-7 && (ours.1 - proj.1).abs() < 1e-7, "ours {ours:?}, PROJ {proj:?}");
    // The preview says the same before anything is written.
    let p = atlas.preview_import(&gk, &ImportOptions::default()).unwrap();
    assert!(matches!(&p.layers[0].crs_source, Some(CrsSource::GeoJsonMember { .. })), "{:?}", p.layers[0].crs_source);

    // The member after the features (as the geojson crate, and so our own exports, write it).
    let mut members = file.as_object().unwrap().clone();
    let crs = members.remove("crs").unwrap();
    let last = tmp.path().join("gk_member_last.geojson");
    let body = Value::Object(members).to_string();
    std::fs::write(&last, format!("{},\n\"crs\": {crs}\n}}\n", body.trim_end_matches('}'))).unwrap();
    let report = import(&atlas, &last, &ImportOptions::default()).unwrap();
    check_layer(&atlas, &report, 0);

    // Our own export in EPSG:4548 comes back where it was.
    let exported = tmp.path().join("ours_4548.geojson");
    let fc = atlas.layer_feature_collection(&report.layers[0], None).unwrap();
    let fc = atlas_core::export::in_crs::reproject_collection(fc, Crs::from_epsg(4548).unwrap()).unwrap();
    std::fs::write(&exported, serde_json::to_string(&fc).unwrap()).unwrap();
    let report = import(&atlas, &exported, &ImportOptions::default()).unwrap();
    check_layer(&atlas, &report, 0);
}
