//! The OGC GeoPackage 1.3 layer: geometry blobs, the required metadata tables, feature and
//! attribute tables with R-tree spatial indexes, and the SQL functions the index triggers call.
//! Nothing here knows about the plan.

pub mod blob;
pub mod layer_styles;
pub mod qml;
pub mod rtree_bulk_load;
pub mod sql_functions;
pub mod tables;
mod wkb_check;

/// `PRAGMA application_id` of a GeoPackage: the ASCII bytes "GPKG".
pub const APPLICATION_ID: i32 = 0x4750_4B47;
/// `PRAGMA user_version` of a GeoPackage 1.3 file.
pub const USER_VERSION: i32 = 10300;
/// WGS84, the storage CRS of everything in the atlas.
pub const WGS84: i32 = 4326;
