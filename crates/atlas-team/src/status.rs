//! What the Team panel and `atlas team status` show without reaching the server: which server
//! this atlas syncs with, as whom, when it last synced, what is pending, open conflicts.

use std::path::Path;

use crate::error::Result;
use crate::local::state;
use crate::sync::{open_local, pending_count};

#[derive(Debug, Clone, serde::Serialize)]
pub struct TeamStatus {
    /// The server address last synced with (no password is ever stored).
    pub server: Option<String>,
    pub role: Option<String>,
    pub last_sync_at: Option<String>,
    pub pending: usize,
    pub open_conflicts: usize,
    pub replica: String,
}

pub fn status(atlas: &Path) -> Result<TeamStatus> {
    let conn = open_local(atlas)?;
    let open_conflicts: i64 =
        conn.query_row("SELECT count(*) FROM team_conflicts WHERE status = 'open'", [], |r| r.get(0))?;
    Ok(TeamStatus {
        server: state::get(&conn, "server")?,
        role: state::get(&conn, "role")?,
        last_sync_at: state::get(&conn, "last_sync_at")?,
        pending: pending_count(&conn)?,
        open_conflicts: open_conflicts as usize,
        replica: state::replica(&conn)?.to_string(),
    })
}
