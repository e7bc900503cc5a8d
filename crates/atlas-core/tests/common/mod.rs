//! Helpers shared by the integration tests: where the committed data is, a scratch folder per
//! test, and the default atlas built from that data.

// Every test file compiles this module for itself and uses only part of it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

pub mod hostile_inputs;

use atlas_core::store::build_atlas;
use atlas_core::DataDir;

/// The repository's committed data/ folder.
pub fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data")
}

/// An empty folder for one test, `atlas-{suite}-{pid}-{name}` in the temp folder (emptied if a
/// previous run left it).
pub fn scratch(suite: &str, name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("atlas-{suite}-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Builds the atlas the program ships, from the committed data, at `path`.
pub fn build_default_at(path: &Path) {
    build_atlas(&DataDir::new(data_dir()), path).expect("the committed data builds");
}

/// A scratch folder (see [`scratch`]) holding a freshly built `atlas.gpkg`: (folder, file).
pub fn fresh_atlas_file(suite: &str, name: &str) -> (PathBuf, PathBuf) {
    let dir = scratch(suite, name);
    let path = dir.join("atlas.gpkg");
    build_default_at(&path);
    (dir, path)
}

/// Copies a folder tree (the tests copy `data/` to change it without touching the original).
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}
