//! QGIS's `layer_styles` in the atlas (schema 10): a default style per plan layer written from
//! crate::style's rules, one per own layer from its colour, which is kept in the file — and
//! follows every change in the same transaction (import, colour, delete, reopen, migration).
//! tests/qgis/ checks the same file in QGIS itself.

use std::process::Command;

use atlas_core::import::ImportOptions;
use atlas_core::style::{own_layer_colour, OWN_LAYER_PALETTE};
use atlas_core::Atlas;
use rusqlite::Connection;

mod common;
use common::fresh_atlas_file;

const PARCELS: &str = r#"{"type":"FeatureCollection","features":[
 {"type":"Feature","properties":{"名称":"地块一"},"geometry":{"type":"Polygon","coordinates":[[[117.70,39.00],[117.72,39.00],[117.72,39.02],[117.70,39.00]]]}}]}"#;

/// (table, styleQML) of the atlas's default styles.
fn styles(path: &std::path::Path) -> Vec<(String, String)> {
    let conn = Connection::open(path).unwrap();
    let mut stmt = conn
        .prepare("SELECT f_table_name, styleQML FROM layer_styles WHERE useAsDefault AND owner = 'atlas' ORDER BY id")
        .unwrap();
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
    rows.collect::<rusqlite::Result<_>>().unwrap()
}

fn style_of(path: &std::path::Path, table: &str) -> Option<String> {
    styles(path).into_iter().find(|(t, _)| t == table).map(|(_, q)| q)
}

#[test]
fn plan_layers_carry_styles_drawn_from_the_category_colours() {
    let (_dir, path) = fresh_atlas_file("layer-styles", "plan");
    let tables: Vec<String> = styles(&path).into_iter().map(|(t, _)| t).collect();
    assert_eq!(tables, ["plan_areas", "plan_lines", "plan_points", "districts", "basemap"]);
    let conn = Connection::open(&path).unwrap();
    let (stroke, fill): (String, String) = conn
        .query_row("SELECT stroke, fill FROM plan_categories WHERE id = 'institution'", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    let rgb = |hex: &str| {
        let c = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).unwrap();
        format!("{},{},{},", c(1), c(3), c(5))
    };
    let points = style_of(&path, "plan_points").unwrap();
    assert!(points.contains("type=\"RuleRenderer\""), "{points}");
    // A known site of an institution: its category's colours; a schematic one: hollow, dashed.
    assert!(points.contains(&rgb(&stroke)) && points.contains(&rgb(&fill)), "{points}");
    assert!(points.contains("255,255,255,") && points.contains("v=\"dash\""));
    // Registered, so GDAL lists it as a table and says nothing about it.
    let kind: String = conn
        .query_row("SELECT data_type FROM gpkg_contents WHERE table_name = 'layer_styles'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(kind, "attributes");
    let out = Command::new("ogrinfo").args(["-ro", "-so", "-al"]).arg(&path).output().expect("ogrinfo");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success() && !stderr.contains("Warning"), "{stderr}");
}

#[test]
fn an_own_layer_keeps_its_colour_in_the_file_and_its_style_follows() {
    let (dir, path) = fresh_atlas_file("layer-styles", "own");
    let file = dir.join("parcels.geojson");
    std::fs::write(&file, PARCELS).unwrap();
    let id = {
        let atlas = Atlas::open(&path).unwrap();
        let drawn = atlas.create_layer("草图", "drawn").unwrap();
        assert_eq!(drawn.colour, own_layer_colour(1));
        // A drawn layer takes any geometry: a rule per kind of geometry, in its colour.
        let sketch = style_of(&path, &drawn.table_name).unwrap();
        assert!(sketch.contains("geometry_type($geometry)") && sketch.contains("109,40,217,"), "{sketch}");
        let report = atlas.import_file(&file, &ImportOptions::default(), &|_, _| true).unwrap();
        let layer = atlas.user_layer(&report.layers[0]).unwrap();
        assert_eq!(layer.colour, OWN_LAYER_PALETTE[1], "the next palette colour");
        // Polygons only, known once the import ended: one fill symbol.
        let qml = style_of(&path, "parcels").unwrap();
        assert!(qml.contains("type=\"singleSymbol\"") && qml.contains("type=\"fill\"") && qml.contains("15,118,110,"));

        assert!(atlas.set_layer_colour(&layer.id, "red").is_err());
        assert!(atlas.set_layer_colour("layer-99", "#123456").is_err());
        assert_eq!(atlas.set_layer_colour(&layer.id, "#FF0000").unwrap().colour, "#ff0000");
        layer.id
    };
    // Kept in the file: another open (the app restarted, QGIS) sees the choice.
    let atlas = Atlas::open(&path).unwrap();
    assert_eq!(atlas.user_layer(&id).unwrap().colour, "#ff0000");
    let qml = style_of(&path, "parcels").unwrap();
    assert!(qml.contains("255,0,0,") && !qml.contains("15,118,110,"), "{qml}");
    assert_eq!(styles(&path).iter().filter(|(t, _)| t == "parcels").count(), 1, "one default per layer");

    atlas.delete_layer(&id).unwrap();
    assert!(style_of(&path, "parcels").is_none(), "a deleted layer's style goes with it");
}

#[test]
fn an_older_atlas_migrates_with_colours_and_styles() {
    let (dir, path) = fresh_atlas_file("layer-styles", "migrate");
    let file = dir.join("parcels.geojson");
    std::fs::write(&file, PARCELS).unwrap();
    {
        let atlas = Atlas::open(&path).unwrap();
        atlas.import_file(&file, &ImportOptions::default(), &|_, _| true).unwrap();
    }
    // Back to schema 9's shape: no colours, no styles.
    let conn = Connection::open(&path).unwrap();
    conn.execute_batch(
        "DROP TABLE layer_styles; DELETE FROM gpkg_contents WHERE table_name = 'layer_styles';
         ALTER TABLE user_layers DROP COLUMN colour;
         UPDATE atlas_meta SET value = '9' WHERE key = 'schema_version';",
    )
    .unwrap();
    drop(conn);
    let atlas = Atlas::open(&path).unwrap();
    assert!(atlas.migration_backup.is_some());
    assert_eq!(atlas.user_layers().unwrap()[0].colour, own_layer_colour(1));
    let tables: Vec<String> = styles(&path).into_iter().map(|(t, _)| t).collect();
    assert_eq!(tables, ["plan_areas", "plan_lines", "plan_points", "districts", "basemap", "parcels"]);
}
