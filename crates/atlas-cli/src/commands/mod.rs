//! One function per `atlas` command, grouped by what they touch: [`files`] (build, validate,
//! migrate), [`query`] (read the plan), [`user`] (own layers, notes, tours), [`export`],
//! [`team`] (the bureau's shared atlas: init, sync, conflicts).

pub mod export;
pub mod files;
pub mod import_crs;
pub mod query;
pub mod team;
pub mod user;

use std::path::PathBuf;

use atlas_core::{Atlas, AtlasError, Result};

/// What every command gets from the global arguments.
pub struct Context {
    /// `--db FILE`: the atlas to use instead of the embedded default.
    pub db: Option<PathBuf>,
    /// `--json`: print JSON for scripts.
    pub json: bool,
}

impl Context {
    /// The atlas to read: the file named with --db, else the embedded default.
    pub fn atlas(&self) -> Result<Atlas> {
        match &self.db {
            Some(path) => Atlas::open_read_only(path),
            None => atlas_default::open(),
        }
    }

    /// An atlas to change: only a file named with --db (the embedded atlas is read-only).
    pub fn writable(&self, what: &str) -> Result<Atlas> {
        let path = self.db.as_ref().ok_or_else(|| {
            AtlasError::Invalid(format!(
                "name the atlas to {what} with --db FILE (the embedded default is read-only; `atlas build --out FILE` makes one)"
            ))
        })?;
        Atlas::open(path)
    }
}
