//! atlas-core: everything the Tianjin Innovation Atlas knows and does, without any UI.
//!
//! Data flows one way: `data/` (plan TOML, seed text, derived boundaries) → [`store::build`] →
//! a GeoPackage → [`store::Atlas`] queries. The desktop shell and the CLI are thin layers on this.

pub mod basemap_tiles;
pub mod boundaries;
pub mod crs;
pub mod derive;
pub mod error;
pub mod export;
pub mod files;
pub mod gcj02;
pub mod gpkg;
pub mod import;
pub mod integrity;
#[cfg(test)]
mod ipc_types;
pub mod location;
pub mod plan;
pub mod query;
pub mod render;
pub mod sql_rows;
pub mod store;
pub mod stream;
pub mod style;
pub mod user;
pub mod wire;

pub use error::{AtlasError, Result};
pub use store::{Atlas, DataDir};
