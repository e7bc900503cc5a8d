//! One error type for team work. Every message is one line that says what failed and what to
//! do next; the CLI and the app show it as it is.

use std::fmt;

pub type Result<T, E = TeamError> = std::result::Result<T, E>;

#[derive(Debug)]
pub enum TeamError {
    /// The server could not be reached or the connection broke: nothing is lost, the local
    /// changes stay pending.
    Unreachable { server: String, detail: String },
    /// The server answered with an error (permission, constraint, missing PostGIS).
    Server(String),
    /// The atlas file: opening it, reading or writing the sync tables.
    Local(String),
    /// A request that makes no sense (an unknown conflict, a bad connection string).
    Invalid(String),
}

impl fmt::Display for TeamError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TeamError::Unreachable { server, detail } => write!(
                f,
                "cannot reach the team server {server}: {detail}. Check that it runs and the address; your changes stay pending and sync next time"
            ),
            TeamError::Server(m) | TeamError::Local(m) | TeamError::Invalid(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for TeamError {}

impl From<rusqlite::Error> for TeamError {
    fn from(e: rusqlite::Error) -> Self {
        TeamError::Local(format!("atlas file: {e}"))
    }
}

impl From<atlas_core::AtlasError> for TeamError {
    fn from(e: atlas_core::AtlasError) -> Self {
        TeamError::Local(e.to_string())
    }
}

impl From<TeamError> for atlas_core::AtlasError {
    fn from(e: TeamError) -> Self {
        atlas_core::AtlasError::Invalid(e.to_string())
    }
}

/// The server's own words for a database error (its message, detail and hint), or the
/// connection problem. `what` names the change or step, e.g. `note 3f2a…`.
pub fn server_error(what: &str, e: &postgres::Error) -> TeamError {
    match e.as_db_error() {
        Some(db) => {
            let mut m = format!("the server refused {what}: {}", db.message());
            if let Some(d) = db.detail() {
                m.push_str(&format!(" ({d})"));
            }
            if let Some(h) = db.hint() {
                m.push_str(&format!(" — {h}"));
            }
            TeamError::Server(m)
        }
        None => TeamError::Server(format!(
            "{what}: the connection to the team server failed: {e}; your changes stay pending"
        )),
    }
}

/// Whether an error means the connection (not the request) failed: the sync stops, and
/// everything pending stays pending.
pub fn is_connection_error(e: &postgres::Error) -> bool {
    // Class 08: connection exceptions; class 57: operator intervention (the server shutting down
    // or crashing under us, as `pg_ctl stop -m immediate` does).
    let code = e.code().map(|c| c.code().to_owned()).unwrap_or_default();
    e.as_db_error().is_none() || e.is_closed() || code.starts_with("08") || code.starts_with("57")
}
