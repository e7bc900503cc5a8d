//! `atlas team init`: prepares a PostGIS database for a bureau — the `atlas_team` schema, its
//! tables, indexes, triggers, the roles viewer/editor/admin, their grants and row-level
//! security. Idempotent (running it again repairs or changes nothing), and all in one
//! transaction: a failure leaves the database as it was.

use crate::error::{server_error, Result, TeamError};
use crate::server::connect::connect;

const SCHEMA: &str = include_str!("schema.sql");

/// What init found and did, for the message the CLI prints.
#[derive(Debug, Clone, serde::Serialize)]
pub struct InitReport {
    pub server: String,
    pub database: String,
    pub role: String,
    pub postgis_version: String,
    /// False when the schema was already there (init repaired/confirmed it).
    pub created: bool,
}

pub fn init(address: &str) -> Result<InitReport> {
    let mut server = connect(address)?;
    let shown = server.address.clone();
    let client = &mut server.client;
    let database: String = client
        .query_one("SELECT current_database()::text", &[])
        .map_err(|e| server_error("reading the database name", &e))?
        .get(0);
    // Refuse early and clearly: without PostGIS there is no geometry column to share layers in.
    let available = client
        .query_opt("SELECT default_version FROM pg_available_extensions WHERE name = 'postgis'", &[])
        .map_err(|e| server_error("looking for PostGIS", &e))?;
    if available.is_none() {
        return Err(TeamError::Server(format!(
            "the server {shown} has no PostGIS: install it there (Debian: apt-get install postgresql-15-postgis-3), then run `atlas team init` again"
        )));
    }
    let created = client
        .query_opt("SELECT 1 FROM pg_namespace WHERE nspname = 'atlas_team'", &[])
        .map_err(|e| server_error("reading the schema", &e))?
        .is_none();
    let mut tx = client.transaction().map_err(|e| server_error("starting init", &e))?;
    tx.batch_execute("CREATE EXTENSION IF NOT EXISTS postgis").map_err(|e| {
        TeamError::Server(format!(
            "PostGIS is installed on {shown} but not enabled in database {database:?}, and enabling it failed ({}): ask the database owner or a superuser to run `CREATE EXTENSION postgis` there",
            e.as_db_error().map(|d| d.message().to_owned()).unwrap_or_else(|| e.to_string())
        ))
    })?;
    tx.batch_execute(SCHEMA).map_err(|e| server_error("preparing the atlas_team schema", &e))?;
    let postgis_version: String = tx
        .query_one("SELECT extversion::text FROM pg_extension WHERE extname = 'postgis'", &[])
        .map_err(|e| server_error("reading the PostGIS version", &e))?
        .get(0);
    tx.commit().map_err(|e| server_error("committing init", &e))?;
    Ok(InitReport { server: shown, database, role: server.role, postgis_version, created })
}
