//! Backups of the user's atlas, kept per kind in `backups/` beside it.
//!
//! Every destructive act (reset to the plan default, restore, schema migration, new plan
//! edition) copies the file first, with SQLite's backup API (a file open in WAL mode is copied
//! whole). Backups are pruned per kind, and only after the new one is safely written: a run of
//! migrations can never push out the copy made before an accidental reset, and the newest
//! backup of each kind is never deleted.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};
use serde::Serialize;

use crate::error::{AtlasError, Result};
use crate::files::{atomic::AtomicFile, clock};

/// How many backups of each kind are kept.
pub const KEPT_PER_KIND: usize = 10;

/// Why a backup was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum BackupKind {
    /// Before "Reset to plan default".
    Reset,
    /// Before a backup was restored over the file (so a restore can itself be undone).
    Restore,
    /// Before a schema migration.
    Migration,
    /// Before a new edition of the plan data replaced the plan tables.
    PlanEdition,
    /// A file the program could not read, set aside before the default was installed.
    Unreadable,
}

impl BackupKind {
    const ALL: [BackupKind; 5] = [
        BackupKind::Reset,
        BackupKind::Restore,
        BackupKind::Migration,
        BackupKind::PlanEdition,
        BackupKind::Unreadable,
    ];

    fn slug(self) -> &'static str {
        match self {
            BackupKind::Reset => "before-reset",
            BackupKind::Restore => "before-restore",
            BackupKind::Migration => "before-migration",
            BackupKind::PlanEdition => "before-plan-edition",
            BackupKind::Unreadable => "unreadable",
        }
    }
}

/// A backup as the restore dialog lists it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct BackupEntry {
    pub file_name: String,
    pub kind: BackupKind,
    pub created_unix: i64,
    pub created: String,
    pub size_bytes: u64,
    /// What the user's tables held (None where the file cannot tell: an unreadable or very old one).
    pub notes: Option<i64>,
    pub own_features: Option<i64>,
    pub tours: Option<i64>,
    pub schema_version: Option<i64>,
}

/// The backups folder for the atlas at `atlas_path`.
pub fn folder(atlas_path: &Path) -> PathBuf {
    atlas_path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new(".")).join("backups")
}

/// `atlas-20261130T031500Z-123456789-before-reset.gpkg`: sorts by time; the nanoseconds keep
/// two backups in one second apart.
fn new_name(kind: BackupKind) -> String {
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
    format!("atlas-{}-{:09}-{}.gpkg", clock::file_stamp(now.as_secs() as i64), now.subsec_nanos(), kind.slug())
}

/// (time, kind) from a backup's file name; None for anything else in the folder.
fn parse_name(name: &str) -> Option<(i64, BackupKind)> {
    let rest = name.strip_prefix("atlas-")?.strip_suffix(".gpkg")?;
    let (stamp, rest) = rest.split_once('-')?;
    let (nanos, slug) = rest.split_once('-')?;
    if nanos.len() != 9 || !nanos.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let kind = BackupKind::ALL.into_iter().find(|k| k.slug() == slug)?;
    Some((clock::parse_file_stamp(stamp)?, kind))
}

/// Copies the open database to a new backup of `kind`, then prunes that kind.
pub fn back_up(conn: &Connection, atlas_path: &Path, kind: BackupKind) -> Result<PathBuf> {
    let dir = folder(atlas_path);
    std::fs::create_dir_all(&dir).map_err(|source| AtlasError::Write { path: dir.clone(), source })?;
    crate::files::atomic::remove_stale_temporaries(&dir);
    let target = dir.join(new_name(kind));
    let file = AtomicFile::new(&target)?;
    conn.backup(rusqlite::MAIN_DB, file.temp_path(), None::<fn(rusqlite::backup::Progress)>).map_err(|e| {
        AtlasError::Invalid(format!("the backup to {} failed: {e}; nothing was changed", target.display()))
    })?;
    file.commit()?;
    prune(&dir, kind);
    Ok(target)
}

/// Moves an unreadable file into the backups folder (kept, never deleted by this program's
/// pruning of other kinds).
pub fn set_aside(atlas_path: &Path) -> Result<PathBuf> {
    let dir = folder(atlas_path);
    std::fs::create_dir_all(&dir).map_err(|source| AtlasError::Write { path: dir.clone(), source })?;
    let target = dir.join(new_name(BackupKind::Unreadable));
    std::fs::rename(atlas_path, &target).map_err(|source| AtlasError::Write { path: target.clone(), source })?;
    for suffix in ["-wal", "-shm"] {
        let side = PathBuf::from(format!("{}{suffix}", atlas_path.display()));
        if side.exists() {
            let _ = std::fs::rename(&side, PathBuf::from(format!("{}{suffix}", target.display())));
        }
    }
    Ok(target)
}

/// Deletes all but the newest [`KEPT_PER_KIND`] backups of `kind`.
fn prune(dir: &Path, kind: BackupKind) {
    let mut same: Vec<(String, i64)> = names_in(dir)
        .into_iter()
        .filter_map(|n| parse_name(&n).filter(|(_, k)| *k == kind).map(|(t, _)| (n, t)))
        .collect();
    // Names sort by time (stamp, then nanoseconds).
    same.sort();
    let excess = same.len().saturating_sub(KEPT_PER_KIND);
    for (name, _) in same.into_iter().take(excess) {
        let _ = std::fs::remove_file(dir.join(name));
    }
}

fn names_in(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| e.ok()?.file_name().into_string().ok()).collect())
        .unwrap_or_default()
}

/// The backups of the atlas at `atlas_path`, newest first, with what each holds.
pub fn list(atlas_path: &Path) -> Vec<BackupEntry> {
    let dir = folder(atlas_path);
    let mut names: Vec<String> = names_in(&dir).into_iter().filter(|n| parse_name(n).is_some()).collect();
    names.sort();
    names.reverse();
    names.into_iter().filter_map(|n| describe(&dir, n)).collect()
}

fn describe(dir: &Path, file_name: String) -> Option<BackupEntry> {
    let (created_unix, kind) = parse_name(&file_name)?;
    let path = dir.join(&file_name);
    let size_bytes = std::fs::metadata(&path).ok()?.len();
    let conn = Connection::open_with_flags(&path, OpenFlags::SQLITE_OPEN_READ_ONLY).ok();
    let count = |table: &str| -> Option<i64> {
        conn.as_ref()?.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0)).ok()
    };
    let schema_version = conn.as_ref().and_then(|c| {
        c.query_row("SELECT CAST(value AS INTEGER) FROM atlas_meta WHERE key = 'schema_version'", [], |r| r.get(0)).ok()
    });
    Some(BackupEntry {
        created: clock::rfc3339(created_unix),
        notes: count("user_notes"),
        own_features: conn.as_ref().and_then(crate::user::layer_table::own_feature_count),
        tours: count("user_tours"),
        schema_version,
        file_name,
        kind,
        created_unix,
        size_bytes,
    })
}

/// The backup called `file_name`: a bare name of a backup in the folder, nothing else (the
/// name may come from the webview, so no separators, no `..`, only names this module makes).
pub fn resolve(atlas_path: &Path, file_name: &str) -> Result<PathBuf> {
    let plain = Path::new(file_name).file_name().and_then(|n| n.to_str()) == Some(file_name);
    if !plain || parse_name(file_name).is_none() {
        return Err(AtlasError::NotFound(format!(
            "{file_name:?} is not a backup of this atlas; list them with `atlas backups`"
        )));
    }
    let path = folder(atlas_path).join(file_name);
    if !path.is_file() {
        return Err(AtlasError::NotFound(format!(
            "there is no backup {file_name:?} in {}; list them with `atlas backups`",
            folder(atlas_path).display()
        )));
    }
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_foreign_files_are_ignored() {
        for kind in BackupKind::ALL {
            let name = new_name(kind);
            let (t, k) = parse_name(&name).unwrap();
            assert_eq!(k, kind);
            assert!((t - clock::unix_seconds()).abs() < 5);
        }
        assert!(parse_name("atlas-1700000000-before-reset.gpkg").is_none(), "the old naming");
        assert!(parse_name("notes.txt").is_none());
    }

    #[test]
    fn pruning_keeps_other_kinds_and_the_newest_of_each() {
        let d = tempfile::tempdir().unwrap();
        let atlas = d.path().join("atlas.gpkg");
        let conn = Connection::open(&atlas).unwrap();
        conn.execute_batch("CREATE TABLE user_notes(id INTEGER); INSERT INTO user_notes VALUES (1);").unwrap();
        let reset = back_up(&conn, &atlas, BackupKind::Reset).unwrap();
        for _ in 0..(KEPT_PER_KIND + 3) {
            back_up(&conn, &atlas, BackupKind::Migration).unwrap();
        }
        let listed = list(&atlas);
        assert!(reset.exists(), "the reset backup survives any number of migration backups");
        assert_eq!(listed.iter().filter(|b| b.kind == BackupKind::Migration).count(), KEPT_PER_KIND);
        assert_eq!(listed.iter().filter(|b| b.kind == BackupKind::Reset).count(), 1);
        assert!(listed.iter().all(|b| b.notes == Some(1)));
        assert!(listed.windows(2).all(|w| w[0].file_name > w[1].file_name), "newest first");
    }

    #[test]
    fn resolve_takes_only_bare_backup_names() {
        let d = tempfile::tempdir().unwrap();
        let atlas = d.path().join("atlas.gpkg");
        let conn = Connection::open(&atlas).unwrap();
        let b = back_up(&conn, &atlas, BackupKind::Reset).unwrap();
        let name = b.file_name().unwrap().to_str().unwrap();
        assert_eq!(resolve(&atlas, name).unwrap(), b);
        for bad in ["../atlas.gpkg", "/etc/passwd", "backups/x.gpkg", "atlas.gpkg", &format!("../backups/{name}")] {
            assert!(resolve(&atlas, bad).is_err(), "{bad} must be refused");
        }
    }
}
