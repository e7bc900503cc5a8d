//! Installing a new edition of the plan data into a user's atlas: every plan table is replaced
//! from the new atlas in one transaction, after a backup; the user's tables (tours, notes, own
//! layers) are not touched. Spatial indexes follow through their triggers.

use std::path::{Path, PathBuf};

use rusqlite::Connection;

use crate::error::{AtlasError, Result};
use crate::files::backups::{self, BackupKind};
use crate::store::migrate::recorded_version;
use crate::store::schema::SCHEMA_VERSION;

/// Plan tables, parents before children (inserts run in this order, deletes in reverse).
const PLAN_TABLES: [&str; 15] = [
    "plan_categories",
    "plan_themes",
    "plan_sections",
    "plan_paragraphs",
    "plan_elements",
    "plan_element_districts",
    "plan_element_themes",
    "plan_quotes",
    "plan_mentions",
    "plan_areas",
    "plan_lines",
    "plan_points",
    "plan_display",
    "districts",
    "basemap",
];

/// The version of this program, recorded as `plan_made_by` in every atlas it builds: editions
/// are fingerprints and have no order, so "is the file's plan newer than mine?" is answered by
/// the version of the program that made it.
pub const PROGRAM_VERSION: &str = env!("CARGO_PKG_VERSION");

/// True if version `a` ("1.2.3") is newer than `b`; a missing or odd version counts as 0.0.0.
pub fn is_newer_version(a: &str, b: &str) -> bool {
    fn parts(v: &str) -> [u64; 3] {
        let mut out = [0; 3];
        for (slot, p) in out.iter_mut().zip(v.split(['.', '-', '+'])) {
            *slot = p.parse().unwrap_or(0);
        }
        out
    }
    parts(a) > parts(b)
}

/// Who made the plan data in an atlas (None for files from before this was recorded).
pub fn plan_made_by(conn: &Connection) -> Option<String> {
    conn.query_row("SELECT value FROM atlas_meta WHERE key = 'plan_made_by'", [], |r| r.get(0)).ok()
}

#[derive(Debug, Clone)]
pub struct EditionReport {
    pub from: String,
    pub to: String,
    pub backup: PathBuf,
}

fn edition(conn: &Connection, schema: &str) -> rusqlite::Result<String> {
    conn.query_row(&format!("SELECT value FROM {schema}.atlas_meta WHERE key = 'plan_edition'"), [], |r| r.get(0))
}

/// The plan edition recorded in an atlas file.
pub fn edition_of(path: &Path) -> Result<String> {
    let conn = Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    Ok(edition(&conn, "main")?)
}

/// Replaces the plan content of the atlas at `target` with that of `incoming` (an atlas built
/// by `atlas build`, e.g. the embedded default). Returns None when both have the same edition.
pub fn install_plan_edition(target: &Path, incoming: &Path) -> Result<Option<EditionReport>> {
    let mut conn = Connection::open(target)?;
    crate::gpkg::sql_functions::register(&conn)?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    conn.execute("ATTACH DATABASE ?1 AS incoming", [incoming.to_string_lossy()])?;
    let incoming_version: i64 = conn
        .query_row("SELECT CAST(value AS INTEGER) FROM incoming.atlas_meta WHERE key = 'schema_version'", [], |r| {
            r.get(0)
        })
        .map_err(|_| AtlasError::NotAnAtlas { path: incoming.into() })?;
    if incoming_version != SCHEMA_VERSION || recorded_version(&conn) != SCHEMA_VERSION {
        return Err(AtlasError::Invalid(format!(
            "{} and {} must both be at schema {SCHEMA_VERSION} to exchange plan data; open the older one in the app (or `atlas migrate`) first",
            target.display(),
            incoming.display()
        )));
    }
    let (from, to) = (edition(&conn, "main")?, edition(&conn, "incoming")?);
    if from == to {
        return Ok(None);
    }
    let backup = backups::back_up(&conn, target, BackupKind::PlanEdition)?;

    let tx = conn.transaction()?;
    for t in PLAN_TABLES.iter().rev() {
        tx.execute(&format!("DELETE FROM main.{t}"), [])?;
    }
    tx.execute("DELETE FROM main.plan_search", [])?;
    for t in PLAN_TABLES {
        tx.execute(&format!("INSERT INTO main.{t} SELECT * FROM incoming.{t}"), [])?;
    }
    tx.execute(
        "INSERT INTO main.plan_search (kind, ref, title, body) SELECT kind, ref, title, body FROM incoming.plan_search",
        [],
    )?;
    tx.execute("UPDATE main.atlas_meta SET value = ?1 WHERE key = 'plan_edition'", [&to])?;
    tx.execute("DELETE FROM main.atlas_meta WHERE key = 'plan_made_by'", [])?;
    tx.execute(
        "INSERT INTO main.atlas_meta (key, value) SELECT key, value FROM incoming.atlas_meta WHERE key = 'plan_made_by'",
        [],
    )?;
    for t in ["plan_areas", "plan_lines", "plan_points", "districts", "basemap"] {
        crate::gpkg::tables::update_extent(&tx, t)?;
    }
    // The plan layers' QGIS styles follow the new edition's categories and features.
    crate::gpkg::layer_styles::write_plan_styles(&tx, Some(crate::gpkg::tables::PLAN_LAST_CHANGE))?;
    tx.commit()?;
    conn.execute("DETACH DATABASE incoming", [])?;
    Ok(Some(EditionReport { from, to, backup }))
}
