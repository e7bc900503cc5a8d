//! Builds the default atlas from `data/` at compile time, so the binaries embed a GeoPackage
//! that always matches the data in the repository.
//!
//! `ATLAS_DEFAULT_DATA=DIR` builds it from another data folder instead: the package tests use it
//! to make a second package carrying a newer plan edition (tests/package/). Its plan edition is
//! passed to the crate as `ATLAS_PLAN_EDITION` for `atlas --version` and the About box.

use std::path::PathBuf;

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets this"));
    println!("cargo:rerun-if-env-changed=ATLAS_DEFAULT_DATA");
    let data = match std::env::var_os("ATLAS_DEFAULT_DATA") {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => manifest.join("../../data"),
    };
    // Cargo rescans a directory given here for changes to any file under it.
    println!("cargo:rerun-if-changed={}", data.display());
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets this")).join("atlas.gpkg");
    match atlas_core::store::build_atlas(&atlas_core::DataDir::new(&data), &out) {
        Ok(report) => println!("cargo:rustc-env=ATLAS_PLAN_EDITION={}", report.edition),
        Err(e) => {
            // List every problem, not just the first: the CLI that would list them is what is being built.
            if let Ok(loaded) = atlas_core::store::load_and_check(&atlas_core::DataDir::new(&data)) {
                for p in &loaded.problems {
                    eprintln!("{p}");
                }
            }
            panic!("cannot build the default atlas from {}: {e}", data.display())
        }
    }
}
