//! Questions asked of an open [`crate::store::Atlas`], one concept per file.

pub mod catalog;
pub mod detail;
pub mod display;
pub mod districts;
pub mod nearby;
pub mod reader;
pub mod search;
