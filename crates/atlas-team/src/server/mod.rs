//! The bureau's PostgreSQL + PostGIS server: reaching it, preparing it, administering it.

pub mod admin;
pub mod connect;
pub mod init;
pub mod prune;
