//! Questions asked of an open [`crate::store::Atlas`], one concept per file.

pub mod detail;
pub mod districts;
pub mod nearby;
pub mod reader;
pub mod search;
