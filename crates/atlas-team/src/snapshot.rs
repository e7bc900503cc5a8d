//! What a desktop and what the server hold, as bureau id → content hash: equal maps mean the
//! same notes, layers (with fields), features, tours and stops. For `atlas team check` and the
//! tests that sync many desktops.

use std::collections::BTreeMap;
use std::path::Path;

use crate::entity::{content_hash, Kind};
use crate::error::Result;
use crate::local::read::read;
use crate::pull::pull;
use crate::server::connect::connect;
use crate::sync::open_local;

pub type Snapshot = BTreeMap<String, String>;

/// The shared rows of an atlas file. Rows never synced are listed under their local id, so a
/// desktop with unsynced work never equals the server.
pub fn local(atlas: &Path) -> Result<Snapshot> {
    let conn = open_local(atlas)?;
    let tx = conn.unchecked_transaction()?;
    // Rows changed since the last sync get (throwaway) ids like the next push would.
    crate::local::read::assign_ids(&tx)?;
    let mapped: Vec<(String, String, String)> = tx
        .prepare("SELECT kind, local_id, gid FROM team_map")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut out = Snapshot::new();
    for (kind, local_id, gid) in mapped {
        let Some(k) = Kind::parse(&kind) else { continue };
        if let Some(v) = read(&tx, k, &local_id)? {
            out.insert(format!("{kind}:{gid}"), content_hash(&v));
        }
    }
    Ok(out)
}

pub fn server(address: &str) -> Result<Snapshot> {
    let mut s = connect(address)?;
    let pulled = pull(&mut s.client, 0, None)?;
    let mut out = Snapshot::new();
    for row in pulled.rows {
        let key = format!("{}:{}", row.kind.name(), row.gid);
        match row.value {
            Some(v) => out.insert(key, content_hash(&v)),
            None => out.remove(&key),
        };
    }
    Ok(out)
}
