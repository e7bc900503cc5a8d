//! The atlas store: building a GeoPackage from `data/`, and opening one to query.

pub mod atlas;
pub mod build;
pub mod edition;
pub(crate) mod journal;
pub mod migrate;
pub mod schema;

pub use atlas::Atlas;
pub use build::{build_atlas, load_and_check, BuildReport, DataDir};
