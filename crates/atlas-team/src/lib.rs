//! atlas-team: a bureau's shared atlas. Desktops keep working offline on their own atlas file
//! and sync notes, own layers (each a real PostGIS table) and tours through the bureau's
//! PostgreSQL + PostGIS server; the server decides who may change what (roles, grants,
//! row-level security) and keeps every conflict. The plan itself stays each desktop's own
//! edition: it comes with the app and is never synced.
//!
//! - [`server`]: reaching, preparing (`atlas team init`) and administering the server;
//! - [`local`]: the sync's tables in the atlas file and rows in wire form;
//! - [`changes`] → [`push`] and [`pull`], put together by [`sync`];
//! - [`conflicts`], [`status`].

pub mod changes;
pub mod conflicts;
pub mod entity;
pub mod error;
#[cfg(test)]
mod ipc_types;
pub mod local;
pub mod pull;
pub mod push;
pub mod server;
pub mod snapshot;
pub mod status;
pub mod sync;
pub mod throwaway;

pub use error::{Result, TeamError};
