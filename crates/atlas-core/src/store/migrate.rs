//! Schema migrations. Each step turns version N into N+1 inside one transaction; the file is
//! backed up before the first step runs, so a failed or unwanted migration loses nothing.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, Transaction};

use crate::error::{AtlasError, Result};
use crate::files::backups::{self, BackupKind};
use crate::store::schema::SCHEMA_VERSION;

type Step = fn(&Transaction) -> rusqlite::Result<()>;

/// (from version, step to from+1)
const STEPS: &[(i64, Step)] = &[
    (1, v1_to_v2),
    (2, v2_to_v3),
    (3, v3_to_v4),
    (4, v4_to_v5),
    (5, v5_to_v6),
    (6, v6_to_v7),
    (7, v7_to_v8),
    (8, v8_to_v9),
    (9, v9_to_v10),
];

/// Schema 2 adds the user tables (tours).
fn v1_to_v2(tx: &Transaction) -> rusqlite::Result<()> {
    crate::user::schema::create_user_tables(tx, None)
}

/// Schema 3 adds `plan_display`; left empty, the app simplifies on the fly as before.
fn v2_to_v3(tx: &Transaction) -> rusqlite::Result<()> {
    crate::store::schema::create_display_table(tx)
}

/// Schema 4 adds notes, own layers and own features.
fn v3_to_v4(tx: &Transaction) -> rusqlite::Result<()> {
    crate::user::schema::create_planner_tables(tx, None)
}

/// Schema 5 keeps each own layer's count and extent (filled in on first listing).
fn v4_to_v5(tx: &Transaction) -> rusqlite::Result<()> {
    crate::user::extents::create_extent_table(tx)
}

/// Schema 6 indexes own features by layer (filled from the features already there).
fn v5_to_v6(tx: &Transaction) -> rusqlite::Result<()> {
    crate::user::layer_index::create_layer_index(tx)
}

/// Schema 7 (plan fidelity): elements may be 'unlocated' and carry their name kind, every
/// host, the institutions they rely on and a named site source; quotes carry their kind;
/// sections carry a note. Plan tables only: the next plan edition fills them. Each part is
/// skipped when already there, so a file that has some of it migrates too.
fn v6_to_v7(tx: &Transaction) -> rusqlite::Result<()> {
    use crate::store::schema::PLAN_ELEMENT_COLUMNS;
    let has_column = |table: &str, column: &str| has_column(tx, table, column);
    if !has_column("plan_elements", "name_kind")? {
        // New columns go at the end, in the order a fresh build has them, so the plan tables of a
        // migrated file and of a new edition line up column for column (`INSERT … SELECT *`).
        let added = PLAN_ELEMENT_COLUMNS
            .iter()
            .skip_while(|c| !c.starts_with("name_kind "))
            .take_while(|c| !c.starts_with(SCHEMA_9_FIRST_COLUMN));
        for column in added {
            tx.execute_batch(&format!("ALTER TABLE plan_elements ADD COLUMN {column}"))?;
        }
        // 'unlocated' joins the allowed bases. SQLite cannot alter a CHECK, and rebuilding the
        // table would break the children's foreign keys (enforced on these connections), so the
        // table's definition is widened in place, SQLite's documented way of relaxing a
        // constraint: every existing row already satisfies the wider CHECK.
        let version: i64 = tx.query_row("PRAGMA schema_version", [], |r| r.get(0))?;
        tx.execute_batch(&format!(
            "PRAGMA writable_schema = ON;
             UPDATE sqlite_schema SET sql = replace(sql, '''schematic''))', '''schematic'',''unlocated''))')
               WHERE type = 'table' AND name = 'plan_elements';
             PRAGMA schema_version = {};
             PRAGMA writable_schema = OFF;",
            version + 1
        ))?;
    }
    if !has_column("plan_quotes", "kind")? {
        tx.execute_batch(
            "ALTER TABLE plan_quotes ADD COLUMN kind TEXT NOT NULL DEFAULT 'plan' CHECK (kind IN ('plan','box','news'));
             UPDATE plan_quotes SET kind = CASE WHEN seed = '000' THEN 'plan' WHEN section_id LIKE 'box%' THEN 'box' ELSE 'news' END;",
        )?;
    }
    if !has_column("plan_sections", "note_zh")? {
        tx.execute_batch(
            "ALTER TABLE plan_sections ADD COLUMN note_zh TEXT; ALTER TABLE plan_sections ADD COLUMN note_en TEXT;",
        )?;
    }
    Ok(())
}

/// Schema 8: each own layer a GeoPackage table of its own, with typed fields (every feature,
/// attribute and note kept; see `crate::user::split_layers`).
fn v7_to_v8(tx: &Transaction) -> rusqlite::Result<()> {
    crate::user::split_layers::split_user_features(tx).map_err(|e| match e {
        AtlasError::Sqlite(e) => e,
        other => rusqlite::Error::UserFunctionError(Box::new(other)),
    })
}

/// The first of the columns schema 9 adds to `plan_elements`.
const SCHEMA_9_FIRST_COLUMN: &str = "note_zh ";

fn has_column(tx: &Transaction, table: &str, column: &str) -> rusqlite::Result<bool> {
    tx.query_row(&format!("SELECT count(*) FROM pragma_table_info('{table}') WHERE name = ?1"), [column], |r| {
        r.get::<_, i64>(0)
    })
    .map(|n| n > 0)
}

/// Schema 9: each element's note and location source in Chinese too (our wording). Plan
/// tables only, empty until the next plan edition fills them; skipped when already there.
fn v8_to_v9(tx: &Transaction) -> rusqlite::Result<()> {
    use crate::store::schema::PLAN_ELEMENT_COLUMNS;
    if !has_column(tx, "plan_elements", "note_zh")? {
        for column in PLAN_ELEMENT_COLUMNS.iter().skip_while(|c| !c.starts_with(SCHEMA_9_FIRST_COLUMN)) {
            tx.execute_batch(&format!("ALTER TABLE plan_elements ADD COLUMN {column}"))?;
        }
    }
    Ok(())
}

/// Schema 10: QGIS's `layer_styles` with a default style per layer, and each own layer's
/// colour in the file (see `crate::gpkg::layer_styles`).
fn v9_to_v10(tx: &Transaction) -> rusqlite::Result<()> {
    crate::user::schema::add_layer_colours(tx)?;
    crate::gpkg::layer_styles::create_table(tx, None)?;
    crate::gpkg::layer_styles::write_plan_styles(tx, None)
        .and_then(|()| crate::gpkg::layer_styles::restyle_own_layers(tx))
        .map_err(|e| match e {
            AtlasError::Sqlite(e) => e,
            other => rusqlite::Error::UserFunctionError(Box::new(other)),
        })
}

/// The version an atlas file records.
pub fn recorded_version(conn: &Connection) -> i64 {
    conn.query_row("SELECT CAST(value AS INTEGER) FROM atlas_meta WHERE key = 'schema_version'", [], |r| r.get(0))
        .unwrap_or(0)
}

/// True if a chain of steps leads from `version` (older than the current schema) to it.
pub fn can_migrate(version: i64) -> bool {
    // An empty range is "all" of nothing: a newer file must not pass as migratable.
    version <= SCHEMA_VERSION && (version..SCHEMA_VERSION).all(|v| STEPS.iter().any(|(from, _)| *from == v))
}

/// Backs the file up to `backups/` beside it, then applies every step up to the current
/// version. Returns the backup's path, or None when nothing needed doing.
pub fn migrate(conn: &mut Connection, path: &Path) -> Result<Option<PathBuf>> {
    let version = recorded_version(conn);
    if version == SCHEMA_VERSION {
        return Ok(None);
    }
    crate::store::atlas::refuse_newer(conn, path)?;
    if !can_migrate(version) {
        return Err(AtlasError::SchemaVersion {
            path: path.into(),
            found: version,
            expected: SCHEMA_VERSION,
            advice: "No migration exists from that version: rebuild it with `atlas build --out FILE`, or reset to the plan default in the app (your file is left untouched).".into(),
        });
    }
    let backup = backups::back_up(conn, path, BackupKind::Migration)?;
    let tx = conn.transaction()?;
    for v in version..SCHEMA_VERSION {
        let (_, step) = STEPS.iter().find(|(from, _)| *from == v).expect("checked by can_migrate");
        step(&tx)?;
    }
    tx.execute("UPDATE atlas_meta SET value = ?1 WHERE key = 'schema_version'", [SCHEMA_VERSION.to_string()])?;
    tx.commit()?;
    Ok(Some(backup))
}
