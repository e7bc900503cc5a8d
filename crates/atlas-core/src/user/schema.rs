//! The user tables. Created by the build (empty but for the default tours) and by the
//! migration from schema 1.

use rusqlite::Transaction;

use crate::gpkg::tables::{create_attributes_table, create_feature_table, FeatureTable};

pub fn create_user_tables(tx: &Transaction, last_change: Option<&str>) -> rusqlite::Result<()> {
    create_attributes_table(
        tx,
        "user_tours",
        "Tours",
        "Presentation tours: ordered stops with captions and speaker notes",
        &[
            "fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL",
            "id TEXT NOT NULL UNIQUE",
            "name_zh TEXT NOT NULL",
            "name_en TEXT NOT NULL",
            "origin TEXT NOT NULL CHECK (origin IN ('default', 'user'))",
            "ord INTEGER NOT NULL",
            "created_at TEXT NOT NULL",
            "updated_at TEXT NOT NULL",
        ],
        last_change,
    )?;
    create_attributes_table(
        tx,
        "user_tour_stops",
        "Tour stops",
        "The stops of each tour: a plan element or a saved view, with captions and notes",
        &[
            "fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL",
            "tour_id TEXT NOT NULL REFERENCES user_tours(id) ON DELETE CASCADE ON UPDATE CASCADE",
            "ord INTEGER NOT NULL",
            "element_id TEXT",
            "min_x REAL",
            "min_y REAL",
            "max_x REAL",
            "max_y REAL",
            "layers TEXT NOT NULL DEFAULT '[]'",
            "caption_zh TEXT NOT NULL",
            "caption_en TEXT NOT NULL",
            "notes TEXT NOT NULL DEFAULT ''",
            "CHECK (element_id IS NOT NULL OR (min_x IS NOT NULL AND min_y IS NOT NULL AND max_x IS NOT NULL AND max_y IS NOT NULL))",
        ],
        last_change,
    )?;
    tx.execute_batch("CREATE INDEX user_tour_stops_by_tour ON user_tour_stops(tour_id, ord);")
}

/// Notes, own layers and own features (schema 4).
pub fn create_planner_tables(tx: &Transaction, last_change: Option<&str>) -> rusqlite::Result<()> {
    create_attributes_table(
        tx,
        "user_notes",
        "Notes",
        "The user's notes on plan elements, districts and plan paragraphs",
        &[
            "fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL",
            "target_kind TEXT NOT NULL CHECK (target_kind IN ('element', 'district', 'paragraph', 'feature'))",
            "target_id TEXT NOT NULL",
            "text TEXT NOT NULL",
            "created_at TEXT NOT NULL",
            "updated_at TEXT NOT NULL",
        ],
        last_change,
    )?;
    tx.execute_batch("CREATE INDEX user_notes_by_target ON user_notes(target_kind, target_id);")?;
    create_attributes_table(
        tx,
        "user_layers",
        "Own layers",
        "The user's own layers: drawn by hand or imported",
        &[
            "fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL",
            "id TEXT NOT NULL UNIQUE",
            "name TEXT NOT NULL",
            "source TEXT NOT NULL DEFAULT ''",
            "created_at TEXT NOT NULL",
        ],
        last_change,
    )?;
    create_feature_table(
        tx,
        &FeatureTable {
            name: "user_features",
            identifier: "Own features",
            description: "The user's own points, lines and areas (WGS84), with their attributes",
            geometry_type: "GEOMETRY",
            columns: &[
                "layer_id TEXT NOT NULL REFERENCES user_layers(id) ON DELETE CASCADE",
                "name_zh TEXT NOT NULL DEFAULT ''",
                "name_en TEXT NOT NULL DEFAULT ''",
                "category TEXT NOT NULL DEFAULT ''",
                "description TEXT NOT NULL DEFAULT ''",
                "properties TEXT NOT NULL DEFAULT '{}'",
                "created_at TEXT NOT NULL",
                "updated_at TEXT NOT NULL",
            ],
            last_change,
        },
    )?;
    tx.execute_batch("CREATE INDEX user_features_by_layer ON user_features(layer_id);")
}

/// Schema 10: each own layer's colour, kept in the file (it was the desktop's before), so QGIS
/// styles and every desktop show the layer alike. Layers already there get the palette colour
/// their number gave them. Idempotent.
pub fn add_layer_colours(tx: &Transaction) -> rusqlite::Result<()> {
    let there: bool =
        tx.query_row("SELECT count(*) > 0 FROM pragma_table_info('user_layers') WHERE name = 'colour'", [], |r| {
            r.get(0)
        })?;
    if !there {
        tx.execute_batch("ALTER TABLE user_layers ADD COLUMN colour TEXT NOT NULL DEFAULT ''")?;
    }
    let numbers: Vec<i64> = tx
        .prepare("SELECT fid FROM user_layers WHERE colour = ''")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for n in numbers {
        tx.execute(
            "UPDATE user_layers SET colour = ?2 WHERE fid = ?1",
            rusqlite::params![n, crate::style::own_layer_colour(n)],
        )?;
    }
    Ok(())
}
