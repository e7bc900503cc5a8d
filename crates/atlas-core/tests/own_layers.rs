//! Each own layer a GeoPackage layer of its own (schema 8): typed fields, its geometry type, an
//! R-tree, registered — checked with GDAL's ogrinfo — and the migration from schema 7's shared
//! `user_features` table keeping every feature, attribute and note.

use std::path::{Path, PathBuf};
use std::process::Command;

use atlas_core::import::fields::FieldKind;
use atlas_core::import::ImportOptions;
use atlas_core::user::notes::NoteTarget;
use atlas_core::Atlas;
use geo::polygon;
use serde_json::json;

mod common;
use common::fresh_atlas_file;

fn fresh(name: &str) -> (PathBuf, PathBuf) {
    fresh_atlas_file("own-layers", name)
}

/// ogrinfo's stdout and stderr together (GDAL's warnings go to stderr).
fn ogrinfo(args: &[&str]) -> String {
    let out = Command::new("ogrinfo").args(args).output().expect("ogrinfo (gdal-bin) must be installed");
    assert!(out.status.success(), "ogrinfo {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
}

const PARCELS: &str = r#"{"type":"FeatureCollection","features":[
 {"type":"Feature","properties":{"名称":"地块一","area":12,"ratio":0.5,"built":true,"code":7},
  "geometry":{"type":"Polygon","coordinates":[[[117.1,39.1],[117.2,39.1],[117.2,39.2],[117.1,39.1]]]}},
 {"type":"Feature","properties":{"名称":"地块二","area":12.5,"code":"A7","Category":"工业","extra":{"k":1}},
  "geometry":{"type":"Polygon","coordinates":[[[117.3,39.1],[117.4,39.1],[117.4,39.2],[117.3,39.1]]]}}]}"#;

#[test]
fn an_import_is_a_geopackage_layer_with_typed_fields() {
    let (dir, path) = fresh("import");
    let file = dir.join("parcels.geojson");
    std::fs::write(&file, PARCELS).unwrap();
    let atlas = Atlas::open(&path).unwrap();
    let report = atlas.import_file(&file, &ImportOptions::default(), &|_, _| true).unwrap();
    let layer = atlas.user_layer(&report.layers[0]).unwrap();
    assert_eq!(layer.table_name, "parcels");
    assert_eq!(layer.geometry_type, "POLYGON");
    let kinds: Vec<(&str, FieldKind)> = layer.fields.iter().map(|f| (f.name.as_str(), f.kind)).collect();
    assert_eq!(
        kinds,
        // First seen first; a GeoJSON feature's properties in name order (serde_json's map).
        // A DBF's declared order is kept as declared.
        vec![
            ("area", FieldKind::Real), // 12 then 12.5: widened
            ("built", FieldKind::Boolean),
            ("code", FieldKind::Text), // 7 then "A7": widened
            ("ratio", FieldKind::Real),
            ("名称", FieldKind::Text),
            ("Category_2", FieldKind::Text), // `category` is the app's own column
            ("extra", FieldKind::Text),
        ]
    );
    // Values come back as they went in: a text field keeps the number it was given, a real
    // field's whole number is a real.
    let f = &atlas.layer_features(&layer.id).unwrap();
    assert_eq!(f[0].properties["area"], json!(12.0));
    assert_eq!(f[0].properties["code"], json!(7));
    assert_eq!(f[0].properties["built"], json!(true));
    assert_eq!(f[1].properties["extra"], json!("{\"k\":1}"));
    assert_eq!(f[0].attributes.name_zh, "地块一");
    drop(atlas);

    let p = path.to_str().unwrap();
    let info = ogrinfo(&["-ro", "-so", p, "parcels"]);
    for expected in [
        "Geometry: Polygon",
        "Feature Count: 2",
        "名称: String",
        "area: Real",
        "built: Integer(Boolean)",
        "code: String",
        "Category_2: String",
        "name_zh: String",
    ] {
        assert!(info.contains(expected), "{expected:?} not in:\n{info}");
    }
    // Registered with its R-tree: GDAL uses it for a spatial filter.
    let filtered = ogrinfo(&["-ro", "-so", "-spat", "117.25", "39.0", "117.5", "39.3", p, "parcels"]);
    assert!(filtered.contains("Feature Count: 1"), "{filtered}");
    // Every column of every table has a declared type GDAL understands: no warnings.
    let all = ogrinfo(&["-ro", "-al", "-so", p]);
    let warnings: Vec<&str> = all.lines().filter(|l| l.to_lowercase().contains("warning")).collect();
    assert!(warnings.is_empty(), "{warnings:#?}");
}

#[test]
fn ids_are_stable_through_edits_undo_and_layers_apart() {
    let (_dir, path) = fresh("ids");
    let atlas = Atlas::open(&path).unwrap();
    let a = atlas.create_layer("方案", "drawn").unwrap();
    let b = atlas.create_layer("方案", "drawn").unwrap();
    assert_ne!(a.table_name, b.table_name, "same name, two tables");
    let p = geo::Geometry::Point(geo::Point::new(117.2, 39.1));
    let fa = atlas.add_feature(&a.id, &p, &Default::default()).unwrap();
    let fb = atlas.add_feature(&b.id, &p, &Default::default()).unwrap();
    assert_ne!(fa.id, fb.id, "row 1 of two layers: two ids");
    atlas.add_note(NoteTarget::Feature, &fa.id.to_string(), "核实").unwrap();
    let gone = atlas.delete_feature(fa.id).unwrap();
    assert!(atlas.user_feature(fa.id).is_err());
    assert_eq!(atlas.restore_feature(&gone).unwrap(), gone, "undo puts it back under its id");
    // A sync writes a feature under its id with typed properties; a second write replaces it.
    let mut synced = atlas.user_feature(fb.id).unwrap();
    synced.properties.insert("面积".into(), json!(3.5));
    synced.attributes.name_zh = "同步".into();
    assert_eq!(atlas.put_feature(&synced).unwrap(), synced);
    synced.properties.insert("面积".into(), json!(4.5));
    assert_eq!(atlas.put_feature(&synced).unwrap().properties["面积"], json!(4.5));
    assert_eq!(atlas.user_layer(&b.id).unwrap().feature_count, 1, "replaced, not added");
    assert_eq!(atlas.user_layer(&b.id).unwrap().fields[0].kind, FieldKind::Real);
    // A polygon joining a point layer makes it mixed, for GDAL too.
    let square = geo::Geometry::Polygon(
        polygon![(x: 117.0, y: 39.0), (x: 117.1, y: 39.0), (x: 117.1, y: 39.1), (x: 117.0, y: 39.0)],
    );
    atlas.add_feature(&a.id, &square, &Default::default()).unwrap();
    assert_eq!(atlas.user_layer(&a.id).unwrap().geometry_type, "GEOMETRY");
    atlas.delete_layer(&a.id).unwrap();
    assert!(atlas.notes_for(NoteTarget::Feature, &fa.id.to_string()).unwrap().is_empty(), "its notes went with it");
    let exists: i64 = atlas
        .connection()
        .query_row(
            "SELECT count(*) FROM sqlite_schema WHERE name IN (?1, ?2)",
            [&a.table_name, &format!("rtree_{}_geom", a.table_name)],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(exists, 0, "its table and index are dropped");
    assert_eq!(atlas.user_feature(fb.id).unwrap().layer_id, b.id);
}

/// Turns a fresh (schema 8) atlas back into schema 7's layout: one shared `user_features`
/// table with JSON `properties`, the by-layer index, and two layers written the way schema 7
/// wrote them.
fn make_schema_7(path: &Path) -> Vec<(i64, serde_json::Value)> {
    let mut c = rusqlite::Connection::open(path).unwrap();
    atlas_core::gpkg::sql_functions::register(&c).unwrap();
    let tx = c.transaction().unwrap();
    tx.execute_batch(
        "DROP TABLE user_layer_extents; DROP TABLE user_notes; DROP TABLE user_layers;
         DELETE FROM gpkg_contents WHERE table_name IN ('user_notes', 'user_layers');",
    )
    .unwrap();
    atlas_core::user::schema::create_planner_tables(&tx, None).unwrap();
    atlas_core::user::extents::create_extent_table(&tx).unwrap();
    atlas_core::user::layer_index::create_layer_index(&tx).unwrap();
    tx.execute_batch(
        "INSERT INTO user_layers (id, name, source, created_at) VALUES
           ('layer-1', 'parcels', 'parcels.geojson', '2026-01-01T00:00:00Z'),
           ('layer-2', '站点', 'drawn', '2026-01-02T00:00:00Z');",
    )
    .unwrap();
    let rows = vec![
        (
            "layer-1",
            geo::Geometry::Polygon(
                polygon![(x: 117.1, y: 39.1), (x: 117.2, y: 39.1), (x: 117.2, y: 39.2), (x: 117.1, y: 39.1)],
            ),
            json!({"名称": "地块一", "area": 12, "built": true}),
        ),
        ("layer-2", geo::Geometry::Point(geo::Point::new(117.3, 39.2)), json!({})),
        (
            "layer-1",
            geo::Geometry::Polygon(
                polygon![(x: 117.3, y: 39.1), (x: 117.4, y: 39.1), (x: 117.4, y: 39.2), (x: 117.3, y: 39.1)],
            ),
            json!({"名称": "地块二", "area": 12.5, "code": "A7"}),
        ),
    ];
    let mut fids = Vec::new();
    for (layer, g, props) in &rows {
        tx.execute(
            "INSERT INTO user_features (geom, layer_id, name_zh, name_en, category, description, properties, created_at, updated_at)
             VALUES (?1, ?2, ?3, 'en', 'cat', 'desc', ?4, '2026-01-03T00:00:00Z', '2026-01-04T00:00:00Z')",
            rusqlite::params![atlas_core::gpkg::blob::encode(g, 4326), layer, format!("名{}", fids.len()), props.to_string()],
        )
        .unwrap();
        fids.push((tx.last_insert_rowid(), props.clone()));
    }
    tx.execute(
        "INSERT INTO user_notes (target_kind, target_id, text, created_at, updated_at) VALUES ('feature', ?1, '要核实', 'x', 'x')",
        [fids[2].0.to_string()],
    )
    .unwrap();
    tx.execute("UPDATE atlas_meta SET value = '7' WHERE key = 'schema_version'", []).unwrap();
    tx.commit().unwrap();
    fids
}

#[test]
fn a_schema_7_atlas_migrates_with_every_feature_attribute_and_note() {
    let (_dir, path) = fresh("migrate");
    let old = make_schema_7(&path);
    let atlas = Atlas::open(&path).unwrap();
    assert!(atlas.migration_backup.is_some(), "backed up first");
    let layers = atlas.user_layers().unwrap();
    assert_eq!(
        layers.iter().map(|l| (l.table_name.as_str(), l.feature_count)).collect::<Vec<_>>(),
        vec![("parcels", 2), ("站点", 1)]
    );
    assert_eq!(layers[0].geometry_type, "POLYGON");
    assert_eq!(layers[1].geometry_type, "POINT");
    let parcels = atlas.layer_features("layer-1").unwrap();
    let points = atlas.layer_features("layer-2").unwrap();
    let migrated: Vec<_> = parcels.iter().chain(&points).collect();
    for (fid, props) in &old {
        let f = migrated
            .iter()
            .find(|f| atlas_core::user::layer_table::split_feature_id(f.id).1 == *fid)
            .unwrap_or_else(|| panic!("feature {fid} lost"));
        // Numbers compare as numbers: a whole number in a field of reals comes back as a real.
        let normal = |v: &serde_json::Value| -> Vec<(String, String)> {
            let o = v.as_object().unwrap();
            o.iter().map(|(k, v)| (k.clone(), v.as_f64().map(|n| n.to_string()).unwrap_or(v.to_string()))).collect()
        };
        assert_eq!(
            normal(&serde_json::Value::Object(f.properties.clone())),
            normal(props),
            "feature {fid}'s attributes"
        );
        assert_eq!((f.attributes.name_en.as_str(), f.attributes.category.as_str()), ("en", "cat"));
        assert_eq!((f.created_at.as_str(), f.updated_at.as_str()), ("2026-01-03T00:00:00Z", "2026-01-04T00:00:00Z"));
    }
    let kinds: Vec<(&str, FieldKind)> = layers[0].fields.iter().map(|f| (f.name.as_str(), f.kind)).collect();
    assert_eq!(
        kinds,
        vec![
            ("area", FieldKind::Real),
            ("built", FieldKind::Boolean),
            ("名称", FieldKind::Text),
            ("code", FieldKind::Text)
        ]
    );
    // The note follows its feature to its new id.
    let noted = parcels.iter().find(|f| f.properties["名称"] == "地块二").unwrap();
    assert_eq!(atlas.notes_for(NoteTarget::Feature, &noted.id.to_string()).unwrap()[0].text, "要核实");
    // Nothing of the shared table is left, and the layers are GeoPackage layers.
    let left: i64 = atlas
        .connection()
        .query_row("SELECT count(*) FROM sqlite_schema WHERE name LIKE '%user_features%'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(left, 0);
    drop(atlas);
    let info = ogrinfo(&["-ro", "-so", path.to_str().unwrap(), "parcels"]);
    assert!(info.contains("Feature Count: 2") && info.contains("area: Real"), "{info}");
}
