//! The default atlas: the plan data in `data/`, built into a GeoPackage when this crate is
//! compiled and embedded in the binary. The app copies it out on first launch; the CLI reads
//! it in place.

pub mod about;

use atlas_core::{Atlas, Result};

/// The GeoPackage bytes.
pub static DEFAULT_ATLAS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/atlas.gpkg"));

/// What error messages call the embedded atlas.
pub const LABEL: &str = "the embedded default atlas";

/// Opens the embedded atlas in memory, read-only.
pub fn open() -> Result<Atlas> {
    Atlas::from_static_bytes(DEFAULT_ATLAS, LABEL)
}
