//! Raster basemaps from offline tile sets (MBTiles, GeoPackage tiles), drawn under the plan
//! where the vector basemap has no streets or rivers: reading tiles ([`source`]) and the list
//! a user added, kept in the atlas file ([`saved`]).

pub mod saved;
pub mod source;

pub use saved::SavedBasemap;
pub use source::{TileFormat, TileSet, TileSetInfo, MAX_TILE_BYTES};
