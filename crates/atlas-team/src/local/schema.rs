//! The sync bookkeeping inside the atlas file: `team_*` tables and the triggers that note each
//! local change. Created idempotently by the first sync (the desktop works without any of it).
//!
//! Why triggers (and not a copy of the last-synced file, as Mergin Maps' geodiff diffs
//! against): they cost one small insert per edit and make the next push O(changes), where a
//! diff against a base copy reads both files whole (100k features: the whole layer, twice) and
//! doubles the disk the atlas takes. The triggers only say *which* rows to look at; whether a
//! row really changed is decided by comparing its content hash with the one last synced, so an
//! edit undone before a sync pushes nothing, and rows whose triggers were lost (a table rebuilt
//! by a migration) are caught by a full reconcile when the triggers are found missing.

use rusqlite::Connection;

use crate::entity::{Kind, ALL};
use crate::local::features;

const TABLES: &str = "
CREATE TABLE IF NOT EXISTS team_state (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL);
INSERT OR IGNORE INTO team_state VALUES ('applying', '0');
-- Each shared row: its bureau-wide id (a UUID: local ids like layer-1 or fid 7 collide between
-- desktops), the server rev it was last synced at, and the hash of its content then.
CREATE TABLE IF NOT EXISTS team_map (
    kind TEXT NOT NULL,
    local_id TEXT NOT NULL,
    gid TEXT NOT NULL UNIQUE,
    rev INTEGER NOT NULL DEFAULT 0,
    synced_hash TEXT,
    -- A feature's layer (its bureau id): which server table a deletion goes to.
    parent TEXT,
    PRIMARY KEY (kind, local_id)
) WITHOUT ROWID;
-- Rows touched since the last sync (by the app, the CLI, or anything else writing the file).
CREATE TABLE IF NOT EXISTS team_dirty (
    kind TEXT NOT NULL,
    local_id TEXT NOT NULL,
    PRIMARY KEY (kind, local_id)
) WITHOUT ROWID;
-- The bureau's conflicts as last pulled (the server's are the truth), and resolutions made
-- here that the next sync sends.
CREATE TABLE IF NOT EXISTS team_conflicts (
    id INTEGER PRIMARY KEY NOT NULL,
    kind TEXT NOT NULL,
    gid TEXT NOT NULL,
    kept TEXT,
    kept_by TEXT,
    kept_at TEXT,
    other TEXT,
    other_by TEXT NOT NULL,
    other_at TEXT NOT NULL,
    status TEXT NOT NULL,
    resolved_by TEXT,
    rev INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS team_resolutions (
    conflict_id INTEGER PRIMARY KEY NOT NULL,
    status TEXT NOT NULL
);
";

/// Creates the tables and (re)creates missing triggers. Rows whose triggers were missing were
/// not watched, so they are all marked dirty: the next push compares each with what was last
/// synced and sends only real changes.
pub fn ensure(conn: &Connection) -> crate::error::Result<()> {
    conn.execute_batch(TABLES)?;
    let mut missing = false;
    for kind in ALL.into_iter().filter(|k| *k != Kind::Feature) {
        let (table, key) = kind.local_table();
        missing |= track(conn, kind, kind.name(), table, |row| format!("{row}.{key}"))?;
    }
    if missing {
        for kind in ALL.into_iter().filter(|k| *k != Kind::Feature) {
            let (table, key) = kind.local_table();
            conn.execute(
                &format!("INSERT OR IGNORE INTO team_dirty SELECT ?1, CAST({key} AS TEXT) FROM {table}"),
                [kind.name()],
            )?;
        }
        conn.execute("INSERT OR IGNORE INTO team_dirty SELECT kind, local_id FROM team_map", [])?;
    }
    for layer in features::ensure_triggers(conn)? {
        features::mark_layer_dirty(conn, &layer)?;
    }
    Ok(())
}

/// Creates the three triggers (insert, update, delete) that note changes to `table` as rows of
/// `kind`, keyed by `key(NEW|OLD)`, where missing; true when any was.
pub fn track(
    conn: &Connection,
    kind: Kind,
    name: &str,
    table: &str,
    key: impl Fn(&str) -> String,
) -> rusqlite::Result<bool> {
    let mut missing = false;
    for (op, row) in [("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD")] {
        let trigger = format!("team_track_{name}_{}", op.to_lowercase());
        let exists: bool = conn.query_row(
            "SELECT count(*) > 0 FROM sqlite_master WHERE type = 'trigger' AND name = ?1",
            [&trigger],
            |r| r.get(0),
        )?;
        if !exists {
            missing = true;
            conn.execute_batch(&format!(
                "CREATE TRIGGER \"{}\" AFTER {op} ON \"{}\"
                 WHEN (SELECT value FROM team_state WHERE key = 'applying') IS NOT '1'
                 BEGIN INSERT OR IGNORE INTO team_dirty VALUES ('{}', CAST({} AS TEXT)); END;",
                trigger.replace('"', "\"\""),
                table.replace('"', "\"\""),
                kind.name(),
                key(row)
            ))?;
        }
    }
    Ok(missing)
}

/// Suppresses the triggers inside the caller's transaction while it writes what it pulled
/// (those rows are synced, not local changes). Set back before the transaction commits.
pub fn set_applying(conn: &Connection, on: bool) -> rusqlite::Result<()> {
    conn.execute("UPDATE team_state SET value = ?1 WHERE key = 'applying'", [if on { "1" } else { "0" }])?;
    Ok(())
}
