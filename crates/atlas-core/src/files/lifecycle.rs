//! The user's atlas file from first launch to restore: installed from the embedded default,
//! opened (an unreadable file set aside, an older schema migrated, a newer one refused), given
//! the program's plan edition unless the file's is newer, reset, and restored from a backup.
//! The desktop app and the CLI both go through here; every replacement backs the file up first
//! and writes atomically.

use std::path::{Path, PathBuf};

use crate::error::{AtlasError, Result};
use crate::files::atomic;
use crate::files::backups::{self, BackupEntry, BackupKind};
use crate::store::edition::{self, is_newer_version, plan_made_by, PROGRAM_VERSION};
use crate::store::Atlas;

/// The atlas file's name in the app's data folder.
pub const ATLAS_FILE: &str = "atlas.gpkg";

/// One atlas file and the backups beside it.
pub struct AtlasFile {
    path: PathBuf,
    /// The plan the program carries (an atlas built by `atlas build`), installed on first
    /// launch and on reset, and offered as the newer plan edition.
    default: &'static [u8],
}

/// An opened atlas and what the user should hear about the opening.
pub struct Opened {
    pub atlas: Atlas,
    pub notices: Vec<String>,
}

impl AtlasFile {
    pub fn new(path: impl Into<PathBuf>, default: &'static [u8]) -> AtlasFile {
        AtlasFile { path: path.into(), default }
    }

    /// The atlas in the app's data folder (created if missing).
    pub fn in_folder(dir: &Path, default: &'static [u8]) -> Result<AtlasFile> {
        std::fs::create_dir_all(dir).map_err(|source| AtlasError::Write { path: dir.into(), source })?;
        Ok(AtlasFile::new(dir.join(ATLAS_FILE), default))
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn install_default(&self) -> Result<()> {
        atomic::write_bytes_atomically(&self.path, self.default)
    }

    /// Opens the file, installing the default first if there is none. A file that is not an
    /// atlas (or of a schema no migration reaches) is moved to the backups folder and the
    /// default installed; a file from a newer program is refused, untouched.
    pub fn open_or_install(&self) -> Result<Opened> {
        let mut notices = Vec::new();
        if let Some(dir) = self.path.parent() {
            crate::files::atomic::remove_stale_temporaries(dir);
            crate::files::atomic::remove_stale_temporaries(&backups::folder(&self.path));
        }
        if !self.path.exists() {
            self.install_default()?;
        }
        let atlas = match Atlas::open(&self.path) {
            Ok(a) => a,
            Err(
                e @ (AtlasError::NotGeoPackage { .. }
                | AtlasError::NotAnAtlas { .. }
                | AtlasError::SchemaVersion { .. }),
            ) => {
                // Keep the unreadable file: nothing of the user's is deleted.
                let kept = backups::set_aside(&self.path)?;
                self.install_default()?;
                notices.push(format!("{e} It was kept as {} and the plan default was installed.", kept.display()));
                Atlas::open(&self.path)?
            }
            Err(e) => return Err(e),
        };
        self.after_open(atlas, notices)
    }

    /// Migration notice and plan edition: what every (re)opening of the file does.
    fn after_open(&self, atlas: Atlas, mut notices: Vec<String>) -> Result<Opened> {
        if let Some(b) = &atlas.migration_backup {
            notices.push(format!(
                "The atlas was upgraded to schema {}; the previous file is kept at {}.",
                atlas.schema_version(),
                b.display()
            ));
        }
        let atlas = self.bring_plan_edition_up(atlas, &mut notices)?;
        Ok(Opened { atlas, notices })
    }

    /// Installs the program's plan edition if the file's differs and is not newer.
    fn bring_plan_edition_up(&self, atlas: Atlas, notices: &mut Vec<String>) -> Result<Atlas> {
        let carried = Atlas::from_static_bytes(self.default, "the program's plan")?;
        let ours = carried.meta("plan_edition")?;
        if ours.is_none() || atlas.meta("plan_edition")? == ours {
            return Ok(atlas);
        }
        let file_made_by = plan_made_by(atlas.connection()).unwrap_or_default();
        if is_newer_version(&file_made_by, PROGRAM_VERSION) {
            notices.push(format!(
                "This atlas carries a newer edition of the plan data (made by version {file_made_by}; this program is {PROGRAM_VERSION}): it was kept. Update the atlas to get its other improvements."
            ));
            return Ok(atlas);
        }
        drop(atlas);
        // ATTACH needs a file: the program's plan goes to a temporary beside the atlas.
        let dir = self.path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        let prefix = format!(".plan-edition.gpkg.{}.", std::process::id());
        let mut incoming = tempfile::Builder::new()
            .prefix(&prefix)
            .suffix(".partial")
            .rand_bytes(8)
            .tempfile_in(dir)
            .map_err(|source| AtlasError::Write { path: dir.into(), source })?;
        std::io::Write::write_all(incoming.as_file_mut(), self.default)
            .map_err(|source| AtlasError::Write { path: incoming.path().into(), source })?;
        if let Some(report) = edition::install_plan_edition(&self.path, incoming.path())? {
            notices.push(format!(
                "The plan data was updated (edition {} → {}); your tours, notes and own layers are kept. The previous file is at {}.",
                report.from,
                report.to,
                report.backup.display()
            ));
        }
        Atlas::open(&self.path)
    }

    /// Replaces the file's content with the plan default, after a backup. `slot` holds the
    /// open atlas and gets the new one.
    pub fn reset_to_default(&self, slot: &mut Atlas) -> Result<PathBuf> {
        let backup = backups::back_up(slot.connection(), &self.path, BackupKind::Reset)?;
        let default = Atlas::from_static_bytes(self.default, "the program's plan")?;
        self.replace(slot, default.connection())?;
        Ok(backup)
    }

    /// Restores the backup named `file_name` (a bare name from [`AtlasFile::backups`]) after
    /// backing up the current file, so a restore can be undone by another restore. An older
    /// backup is migrated and given the current plan edition, as on any opening.
    pub fn restore(&self, slot: &mut Atlas, file_name: &str) -> Result<Restored> {
        let source = backups::resolve(&self.path, file_name)?;
        // Check the backup before anything is touched: an atlas this program can open.
        crate::store::atlas::inspect(&source)?;
        let safety = backups::back_up(slot.connection(), &self.path, BackupKind::Restore)?;
        let from = rusqlite::Connection::open_with_flags(&source, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        let notices = self.replace(slot, &from)?;
        Ok(Restored { restored: source, safety_backup: safety, notices })
    }

    /// The backups of this file, newest first.
    pub fn backups(&self) -> Vec<BackupEntry> {
        backups::list(&self.path)
    }

    /// Copies every page of `from` into the open file with SQLite's backup API, then reopens it
    /// into `slot`. The copy is one write transaction of the open file's own journal (WAL): a
    /// crash at any moment leaves the old content or the new, no temporary file, and no WAL of
    /// the old content to be replayed into the new.
    fn replace(&self, slot: &mut Atlas, from: &rusqlite::Connection) -> Result<Vec<String>> {
        // SQLite's backup cannot change the page size of a file in WAL mode: a source with
        // pages of another size (a file from an older version, or its backup) is first copied
        // at this file's size.
        let ours = page_size(slot.connection())?;
        let resized = if page_size(from)? == ours { None } else { Some(self.copy_with_page_size(from, ours)?) };
        let from = resized.as_ref().map_or(from, |(_, conn)| conn);
        let placeholder = Atlas::from_static_bytes(self.default, "the program's plan")?;
        let mut conn = std::mem::replace(slot, placeholder).into_connection();
        {
            let copy = rusqlite::backup::Backup::new(from, &mut conn)?;
            copy.run_to_completion(1024, std::time::Duration::ZERO, None)?;
        }
        drop(conn);
        let opened = self.after_open(Atlas::open(&self.path)?, Vec::new())?;
        *slot = opened.atlas;
        Ok(opened.notices)
    }
}

impl AtlasFile {
    /// `from` copied into a temporary file beside the atlas, with pages of `size` bytes.
    fn copy_with_page_size(
        &self,
        from: &rusqlite::Connection,
        size: i64,
    ) -> Result<(tempfile::NamedTempFile, rusqlite::Connection)> {
        let dir = self.path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        let temp = tempfile::Builder::new()
            .prefix(&format!(".resized.gpkg.{}.", std::process::id()))
            .suffix(".partial")
            .rand_bytes(8)
            .tempfile_in(dir)
            .map_err(|source| AtlasError::Write { path: dir.into(), source })?;
        let mut conn = rusqlite::Connection::open(temp.path())?;
        {
            // Into an empty file the backup takes the source's page size (and its journal
            // mode): back to a rollback journal, where VACUUM may set another size.
            let copy = rusqlite::backup::Backup::new(from, &mut conn)?;
            copy.run_to_completion(1024, std::time::Duration::ZERO, None)?;
        }
        conn.pragma_update(None, "journal_mode", "DELETE")?;
        conn.execute_batch(&format!("PRAGMA page_size = {size}; VACUUM;"))?;
        let got = page_size(&conn)?;
        if got != size {
            return Err(AtlasError::Invalid(format!(
                "could not copy the atlas with {size}-byte pages for the replacement (it has {got})"
            )));
        }
        Ok((temp, conn))
    }
}

fn page_size(conn: &rusqlite::Connection) -> Result<i64> {
    Ok(conn.query_row("PRAGMA page_size", [], |r| r.get(0))?)
}

/// What a restore did.
#[derive(Debug)]
pub struct Restored {
    pub restored: PathBuf,
    /// The file as it was before the restore.
    pub safety_backup: PathBuf,
    pub notices: Vec<String>,
}
