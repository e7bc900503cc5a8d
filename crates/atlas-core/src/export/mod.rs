//! Writing the atlas out in formats other tools read.

pub mod csv;
pub mod geojson;
pub mod gpkg;
pub mod in_crs;
pub mod shapefile;

pub use crate::files::atomic::write_atomically;
