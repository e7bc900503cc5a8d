//! Tours live in user tables: the defaults ship with the atlas; creating, editing, reordering
//! and deleting are transactions; pre-flight finds what would break a presentation; and an
//! atlas from schema 1 is migrated (after a backup) without losing anything.

use std::path::PathBuf;

use atlas_core::user::tours::StopContent;
use atlas_core::Atlas;

mod common;
use common::{data_dir, fresh_atlas_file};

fn fresh(name: &str) -> PathBuf {
    fresh_atlas_file("tours", name).1
}

fn stop(element: &str, caption: &str) -> StopContent {
    StopContent {
        element_id: Some(element.into()),
        caption_zh: caption.into(),
        caption_en: caption.into(),
        ..Default::default()
    }
}

#[test]
fn default_tours_ship_with_captions_and_the_plans_words_as_notes() {
    let atlas = Atlas::open(&fresh("defaults")).unwrap();
    let ids: Vec<String> = atlas.tours().unwrap().into_iter().map(|t| t.id).collect();
    assert_eq!(ids, ["twin-cities-corridor", "landmark-zones", "jjj-collaboration", "haihe-labs-platforms"]);
    let t = atlas.tour("landmark-zones").unwrap();
    assert_eq!(t.stops.len(), 11);
    assert_eq!(t.stops[1].caption_zh, "中国信创谷");
    let seed = std::fs::read_to_string(data_dir().join("plan/seeds/002.txt")).unwrap();
    // 中国信创谷's first quote is box content from the news summary: the note quotes it verbatim
    // and says whose words they are.
    let note = &t.stops[1].notes;
    let (quoted, label) = note.split_once('〔').expect("a seed-002 quote is labelled");
    assert!(seed.contains(quoted), "the quote is verbatim: {quoted}");
    assert!(label.starts_with("专栏内容,据新闻稿"), "{note}");
    assert!(atlas.tour_preflight("landmark-zones").unwrap().is_empty());
}

#[test]
fn create_edit_reorder_duplicate_delete() {
    let atlas = Atlas::open(&fresh("edit")).unwrap();
    let t = atlas.create_tour("我的路线", "My tour").unwrap();
    let t2 = atlas.add_stop(&t.id, &stop("xinchuang-valley", "一")).unwrap();
    atlas.add_stop(&t.id, &stop("tcm-valley", "二")).unwrap();
    let view = StopContent {
        view: Some([117.0, 38.9, 117.5, 39.3]),
        caption_zh: "三".into(),
        caption_en: "three".into(),
        ..Default::default()
    };
    let t3 = atlas.add_stop(&t.id, &view).unwrap();
    assert_eq!(t3.stops.iter().map(|s| s.caption_zh.as_str()).collect::<Vec<_>>(), ["一", "二", "三"]);
    let moved = atlas.move_stop(t3.stops[2].id, 0).unwrap();
    assert_eq!(moved.stops.iter().map(|s| s.caption_zh.as_str()).collect::<Vec<_>>(), ["三", "一", "二"]);
    let mut edit = stop("tcm-valley", "二(改)");
    edit.notes = "讲解".into();
    let edited = atlas.update_stop(moved.stops[2].id, &edit).unwrap();
    assert_eq!(edited.stops[2].caption_zh, "二(改)");
    let copy = atlas.duplicate_tour(&t.id).unwrap();
    assert_eq!(
        copy.stops,
        edited
            .stops
            .iter()
            .zip(&copy.stops)
            .map(|(a, b)| atlas_core::user::tours::TourStop { id: b.id, ..a.clone() })
            .collect::<Vec<_>>()
    );
    atlas.rename_tour(&copy.id, "副本", "Copy").unwrap();
    let after_delete = atlas.delete_stop(edited.stops[0].id).unwrap();
    assert_eq!(after_delete.stops.len(), 2);
    atlas.delete_tour(&t.id).unwrap();
    assert!(atlas.tour(&t.id).is_err());
    assert!(atlas.tour(&copy.id).is_ok(), "deleting one tour leaves its copy");
    assert_eq!(t2.stops.len(), 1);
}

#[test]
fn bad_edits_are_refused_and_change_nothing() {
    let atlas = Atlas::open(&fresh("bad")).unwrap();
    let before = atlas.tour("landmark-zones").unwrap();
    assert!(atlas.add_stop("landmark-zones", &stop("no-such-element", "x")).is_err());
    let bad_view = StopContent { view: Some([118.0, 39.0, 117.0, 40.0]), caption_zh: "x".into(), ..Default::default() };
    assert!(atlas.add_stop("landmark-zones", &bad_view).is_err());
    assert!(atlas.add_stop("no-such-tour", &stop("tcm-valley", "x")).is_err());
    assert!(atlas.create_tour(" ", "").is_err());
    assert_eq!(atlas.tour("landmark-zones").unwrap(), before);
}

#[test]
fn preflight_reports_what_would_break() {
    let path = fresh("preflight");
    let atlas = Atlas::open(&path).unwrap();
    let t = atlas.create_tour("空", "Empty").unwrap();
    assert!(atlas.tour_preflight(&t.id).unwrap().iter().any(|p| p.message.contains("no stops")));
    // A stop whose element a later plan edition dropped (simulated by editing the table).
    atlas.add_stop(&t.id, &stop("tcm-valley", "x")).unwrap();
    atlas
        .connection()
        .execute("UPDATE user_tour_stops SET element_id = 'retired-zone' WHERE tour_id = ?1", [&t.id])
        .unwrap();
    let problems = atlas.tour_preflight(&t.id).unwrap();
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].stop, 1);
    assert!(problems[0].message.contains("retired-zone"));
}

#[test]
fn a_schema_1_atlas_is_backed_up_then_migrated() {
    let path = fresh("migrate");
    {
        // Make it look like schema 1: no user tables, no display copies, no planner tables, no
        // layer extents (added by 2, 3, 4 and 5; 6–8 reshape own features, of which it has none).
        let c = rusqlite::Connection::open(&path).unwrap();
        c.execute_batch(
            "DROP TABLE user_tour_stops; DROP TABLE user_tours; DROP TABLE plan_display;
             DROP TABLE user_layer_extents; DROP TABLE user_notes; DROP TABLE user_layers;
             DELETE FROM gpkg_contents WHERE table_name IN ('user_tours', 'user_tour_stops', 'plan_display', 'user_notes', 'user_layers');
             UPDATE atlas_meta SET value = '1' WHERE key = 'schema_version';",
        )
        .unwrap();
    }
    // Read-only opening refuses with advice, and does not touch the file.
    let e = Atlas::open_read_only(&path).err().unwrap();
    assert!(e.to_string().contains("atlas migrate"), "{e}");
    let atlas = Atlas::open(&path).unwrap();
    let backup = atlas.migration_backup.clone().expect("migration made a backup");
    assert!(backup.exists());
    let b = rusqlite::Connection::open(&backup).unwrap();
    let v: String = b.query_row("SELECT value FROM atlas_meta WHERE key = 'schema_version'", [], |r| r.get(0)).unwrap();
    assert_eq!(v, "1", "the backup is the file as it was");
    assert!(atlas.tours().unwrap().is_empty());
    // Without display copies the app still gets drawable geometry (simplified on the fly).
    assert_eq!(atlas.plan_features().unwrap().len(), atlas.connection().query_row("SELECT (SELECT count(*) FROM plan_areas) + (SELECT count(*) FROM plan_lines) + (SELECT count(*) FROM plan_points)", [], |r| r.get::<_, i64>(0)).unwrap() as usize);
    atlas.create_tour("新", "New").unwrap();
    // Every later schema's tables came back: an own layer works end to end.
    let layer = atlas.create_layer("迁移后", "test").unwrap();
    atlas.add_feature(&layer.id, &geo::Geometry::Point(geo::Point::new(117.2, 39.1)), &Default::default()).unwrap();
    assert_eq!(atlas.user_layer(&layer.id).unwrap().feature_count, 1);
    drop(atlas);
    assert!(Atlas::open_read_only(&path).unwrap().tours().unwrap().len() == 1);
}
