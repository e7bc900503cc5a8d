//! The sync's side of the atlas file: its bookkeeping tables, and rows read and written in the
//! form the server takes.

pub mod features;
pub mod read;
pub mod schema;
pub mod state;
pub mod write;
