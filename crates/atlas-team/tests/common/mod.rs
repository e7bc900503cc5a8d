//! What every team test needs: a throwaway cluster (atlas_team::throwaway, one per test,
//! stopped when the test ends, pass or fail) and desktops (atlas files).

#![allow(dead_code)]

use std::path::PathBuf;

pub use atlas_team::throwaway::Cluster;

/// A desktop's atlas file: the embedded default atlas written to a temp folder.
pub struct Desktop {
    _dir: tempfile::TempDir,
    pub path: PathBuf,
    pub server: String,
}

impl Desktop {
    pub fn new(server: String) -> Desktop {
        let dir = tempfile::tempdir().expect("temp folder");
        let path = dir.path().join("atlas.gpkg");
        std::fs::write(&path, atlas_default::DEFAULT_ATLAS).expect("write the atlas");
        Desktop { _dir: dir, path, server }
    }

    pub fn atlas(&self) -> atlas_core::Atlas {
        atlas_core::Atlas::open(&self.path).expect("open the atlas")
    }

    pub fn sync(&self) -> atlas_team::Result<atlas_team::sync::SyncReport> {
        atlas_team::sync::sync(&self.path, &self.server)
    }

    pub fn pending(&self) -> usize {
        atlas_team::status::status(&self.path).unwrap().pending
    }
}
