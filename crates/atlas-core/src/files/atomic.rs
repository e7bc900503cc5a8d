//! Writing a file whole or not at all.
//!
//! The new content goes to a temporary file created exclusively (O_EXCL, random name) in the
//! target's folder, so nobody can plant a symlink at a predictable name and nothing of another
//! writer's is clobbered; it takes the permissions of the file it replaces; it is synced before
//! the rename and the folder after it, so a power cut leaves the old file or the new one. A
//! temporary left by a crash is named `.NAME.PID.RANDOM.partial`, is never read, and is
//! removed by [`remove_stale_temporaries`] once the process that wrote it is gone.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{AtlasError, Result};

/// A file being written, renamed into place by [`AtomicFile::commit`]; dropped uncommitted, it
/// is removed.
pub struct AtomicFile {
    target: PathBuf,
    temp: tempfile::NamedTempFile,
}

impl AtomicFile {
    /// Starts a replacement for `target` (which need not exist).
    pub fn new(target: &Path) -> Result<AtomicFile> {
        let dir = folder_of(target);
        let name = target
            .file_name()
            .ok_or_else(|| AtlasError::Invalid(format!("{} is not a file name", target.display())))?;
        let mut builder = tempfile::Builder::new();
        let prefix = format!(".{}.{}.", name.to_string_lossy(), std::process::id());
        builder.prefix(&prefix).suffix(".partial").rand_bytes(8);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            // A replacement keeps the permissions of what it replaces; a new file gets the
            // usual 0666 less the umask (tempfile's default would be 0600).
            let mode = std::fs::metadata(target).map(|m| m.permissions().mode() & 0o7777).unwrap_or(0o666);
            builder.permissions(std::fs::Permissions::from_mode(mode));
        }
        let temp = builder.tempfile_in(dir).map_err(|source| AtlasError::Write { path: target.into(), source })?;
        Ok(AtomicFile { target: target.into(), temp })
    }

    /// Where the content is being written (for writers that need a path, e.g. `VACUUM INTO`).
    pub fn temp_path(&self) -> &Path {
        self.temp.path()
    }

    pub fn file(&mut self) -> &mut std::fs::File {
        self.temp.as_file_mut()
    }

    /// Syncs the content, renames it over the target and syncs the folder.
    pub fn commit(self) -> Result<()> {
        let target = self.target;
        let err = |source| AtlasError::Write { path: target.clone(), source };
        // Reopen by path: a writer such as SQLite may have written through its own handle.
        std::fs::File::open(self.temp.path()).and_then(|f| f.sync_all()).map_err(err)?;
        self.temp.persist(&target).map_err(|e| err(e.error))?;
        sync_folder(folder_of(&target));
        Ok(())
    }
}

/// Removes temporaries in `dir` left by writers that died mid-write (a SIGKILL, a power cut).
/// A temporary of a process still running is left alone: it may be about to commit. Where
/// the system cannot tell whether a process runs (no /proc), nothing is removed.
pub fn remove_stale_temporaries(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        let Some(inner) = name.strip_prefix('.').and_then(|n| n.strip_suffix(".partial")) else { continue };
        // .NAME.PID.RANDOM.partial: the PID is the second-to-last dot-separated part.
        let mut parts = inner.rsplitn(3, '.');
        let (_random, pid) = (parts.next(), parts.next().and_then(|p| p.parse::<u32>().ok()));
        let Some(pid) = pid else { continue };
        let proc_root = Path::new("/proc");
        if proc_root.join("self").exists() && !proc_root.join(pid.to_string()).exists() {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

fn folder_of(path: &Path) -> &Path {
    path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."))
}

/// Makes a rename in `dir` durable. Best effort: not every file system supports it.
fn sync_folder(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

/// Writes `path` through an [`AtomicFile`] with a buffered writer.
pub fn write_atomically(path: &Path, write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> Result<()> {
    let mut file = AtomicFile::new(path)?;
    {
        let mut out = std::io::BufWriter::new(file.file());
        write(&mut out).and_then(|_| out.flush()).map_err(|source| AtlasError::Write { path: path.into(), source })?;
    }
    file.commit()
}

/// Writes `bytes` to `path` atomically.
pub fn write_bytes_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    write_atomically(path, |out| out.write_all(bytes))
}

/// Copies `from` over `to` atomically (the copy is whole before it takes the name).
pub fn copy_atomically(from: &Path, to: &Path) -> Result<()> {
    let mut source = std::fs::File::open(from).map_err(|source| AtlasError::Read { path: from.into(), source })?;
    write_atomically(to, |out| std::io::copy(&mut source, out).map(|_| ()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dir() -> tempfile::TempDir {
        tempfile::tempdir().unwrap()
    }

    #[test]
    fn a_failed_write_leaves_the_old_file_and_no_temporary() {
        let d = dir();
        let target = d.path().join("out.geojson");
        std::fs::write(&target, "old").unwrap();
        let r = write_atomically(&target, |out| {
            out.write_all(b"half")?;
            Err(std::io::Error::other("disk full"))
        });
        assert!(r.is_err());
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "old");
        assert_eq!(std::fs::read_dir(d.path()).unwrap().count(), 1, "no temporary left behind");
    }

    #[test]
    fn a_planted_symlink_at_the_old_temporary_name_is_not_followed() {
        let d = dir();
        let victim = d.path().join("victim");
        std::fs::write(&victim, "keep me").unwrap();
        let target = d.path().join("out.csv");
        // The name the old code used for its temporary file.
        #[cfg(unix)]
        std::os::unix::fs::symlink(&victim, d.path().join(".out.csv.partial")).unwrap();
        write_bytes_atomically(&target, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep me");
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "new");
    }

    #[test]
    fn temporaries_of_dead_writers_are_removed_and_live_ones_kept() {
        let d = dir();
        let dead = d.path().join(".atlas.gpkg.4000000000.AbCdEfGh.partial");
        let live = d.path().join(format!(".atlas.gpkg.{}.AbCdEfGh.partial", std::process::id()));
        let other = d.path().join("atlas.gpkg");
        for p in [&dead, &live, &other] {
            std::fs::write(p, "x").unwrap();
        }
        remove_stale_temporaries(d.path());
        assert!(!dead.exists() || !Path::new("/proc/self").exists());
        assert!(live.exists() && other.exists());
    }

    #[cfg(unix)]
    #[test]
    fn a_replacement_keeps_the_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let d = dir();
        let target = d.path().join("atlas.gpkg");
        std::fs::write(&target, "old").unwrap();
        std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o640)).unwrap();
        write_bytes_atomically(&target, b"new").unwrap();
        assert_eq!(std::fs::metadata(&target).unwrap().permissions().mode() & 0o777, 0o640);
    }
}
