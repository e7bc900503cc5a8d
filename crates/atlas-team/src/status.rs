//! What the Team panel and `atlas team status` show without reaching the server: which server
//! this atlas syncs with, as whom, when it last synced, what is pending (by kind), open
//! conflicts; and choosing the server, which records only its address.

use std::path::Path;

use crate::error::{Result, TeamError};
use crate::local::state;
use crate::server::connect::parse;
use crate::sync::{open_local, pending_by_kind};

#[derive(Debug, Clone, serde::Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct TeamStatus {
    /// The server address chosen or last synced with (no password is ever stored).
    pub server: Option<String>,
    /// The login role the server knew this desktop as at the last sync.
    pub role: Option<String>,
    /// What that role may do: admin, editor or viewer.
    pub team_role: Option<String>,
    pub last_sync_at: Option<String>,
    pub pending: usize,
    /// The pending changes by kind (layer, feature, tour, stop, note), kinds with none left out.
    pub pending_by_kind: Vec<PendingKind>,
    pub open_conflicts: usize,
    pub replica: String,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct PendingKind {
    pub kind: String,
    pub count: usize,
}

pub fn status(atlas: &Path) -> Result<TeamStatus> {
    let conn = open_local(atlas)?;
    let open_conflicts: i64 =
        conn.query_row("SELECT count(*) FROM team_conflicts WHERE status = 'open'", [], |r| r.get(0))?;
    let by_kind = pending_by_kind(&conn)?;
    Ok(TeamStatus {
        server: state::get(&conn, "server")?,
        role: state::get(&conn, "role")?,
        team_role: state::get(&conn, "team_role")?,
        last_sync_at: state::get(&conn, "last_sync_at")?,
        pending: by_kind.iter().map(|k| k.count).sum(),
        pending_by_kind: by_kind,
        open_conflicts: open_conflicts as usize,
        replica: state::replica(&conn)?.to_string(),
    })
}

/// Records the server this atlas syncs with from now on (the next sync reaches it). Refuses
/// an address that is not one, and one carrying a password: the atlas file is copied and
/// mailed, so the password belongs in PGPASSWORD or ~/.pgpass, where libpq looks.
pub fn set_server(atlas: &Path, address: &str) -> Result<TeamStatus> {
    let address = address.trim();
    if address.is_empty() {
        return Err(TeamError::Invalid(
            "give the team server's address: host=… dbname=… user=… or postgresql://user@host/dbname".into(),
        ));
    }
    if parse(address)?.get_password().is_some() {
        return Err(TeamError::Invalid(
            "the address holds a password, which would be stored in the atlas file: remove it and put it in ~/.pgpass (or PGPASSWORD)".into(),
        ));
    }
    let conn = open_local(atlas)?;
    state::set(&conn, "server", address)?;
    drop(conn);
    status(atlas)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn atlas() -> (tempfile::TempDir, std::path::PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.gpkg");
        std::fs::write(&path, atlas_default::DEFAULT_ATLAS).unwrap();
        (dir, path)
    }

    #[test]
    fn a_chosen_server_is_kept_without_a_password() {
        let (_dir, path) = atlas();
        let s = set_server(&path, " host=/tmp/pg dbname=bureau user=ana ").unwrap();
        assert_eq!(s.server.as_deref(), Some("host=/tmp/pg dbname=bureau user=ana"));
        for with_password in ["postgresql://ana:secret@db/bureau", "host=db password=secret user=ana"] {
            let e = set_server(&path, with_password).unwrap_err().to_string();
            assert!(e.contains("pgpass"), "{e}");
        }
        assert!(set_server(&path, "host=db port=notaport").is_err());
        assert_eq!(status(&path).unwrap().server.as_deref(), Some("host=/tmp/pg dbname=bureau user=ana"));
        let bytes = std::fs::read(&path).unwrap();
        assert!(!bytes.windows(6).any(|w| w == b"secret"), "no password in the atlas file");
    }
}
