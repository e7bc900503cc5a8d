//! Schema migrations. Each step turns version N into N+1 inside one transaction; the file is
//! backed up before the first step runs, so a failed or unwanted migration loses nothing.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, Transaction};

use crate::error::{AtlasError, Result};
use crate::store::schema::SCHEMA_VERSION;

type Step = fn(&Transaction) -> rusqlite::Result<()>;

/// (from version, step to from+1)
const STEPS: &[(i64, Step)] = &[(1, v1_to_v2), (2, v2_to_v3), (3, v3_to_v4), (4, v4_to_v5), (5, v5_to_v6)];

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

/// The version an atlas file records.
pub fn recorded_version(conn: &Connection) -> i64 {
    conn.query_row("SELECT CAST(value AS INTEGER) FROM atlas_meta WHERE key = 'schema_version'", [], |r| r.get(0))
        .unwrap_or(0)
}

/// True if a chain of steps leads from `version` to the current schema.
pub fn can_migrate(version: i64) -> bool {
    (version..SCHEMA_VERSION).all(|v| STEPS.iter().any(|(from, _)| *from == v))
}

/// Backs the file up to `backups/` beside it, then applies every step up to the current
/// version. Returns the backup's path, or None when nothing needed doing.
pub fn migrate(conn: &mut Connection, path: &Path) -> Result<Option<PathBuf>> {
    let version = recorded_version(conn);
    if version == SCHEMA_VERSION {
        return Ok(None);
    }
    if !can_migrate(version) {
        return Err(AtlasError::SchemaVersion {
            path: path.into(),
            found: version,
            expected: SCHEMA_VERSION,
            advice: "No migration exists from that version: rebuild it with `atlas build --out FILE`, or reset to the plan default in the app (your file is left untouched).".into(),
        });
    }
    let dir = path.parent().unwrap_or(Path::new(".")).join("backups");
    std::fs::create_dir_all(&dir).map_err(|source| AtlasError::Write { path: dir.clone(), source })?;
    let stamp = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    let backup = dir.join(format!("atlas-{stamp}-before-schema-{SCHEMA_VERSION}.gpkg"));
    conn.backup(rusqlite::MAIN_DB, &backup, None::<fn(rusqlite::backup::Progress)>)
        .map_err(|e| AtlasError::Invalid(format!("backup before migration to {} failed: {e}", backup.display())))?;
    let tx = conn.transaction()?;
    for v in version..SCHEMA_VERSION {
        let (_, step) = STEPS.iter().find(|(from, _)| *from == v).expect("checked by can_migrate");
        step(&tx)?;
    }
    tx.execute("UPDATE atlas_meta SET value = ?1 WHERE key = 'schema_version'", [SCHEMA_VERSION.to_string()])?;
    tx.commit()?;
    Ok(Some(backup))
}
