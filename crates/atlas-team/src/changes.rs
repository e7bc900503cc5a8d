//! What this desktop has to push: every row the triggers noted, read now and compared with the
//! hash of what was last synced. A row edited and edited back pushes nothing; a row deleted
//! here that the server never had is simply forgotten.

use rusqlite::{Connection, OptionalExtension};
use serde_json::{Map, Value};

use crate::entity::{content_hash, Kind, ALL};
use crate::error::Result;
use crate::local::read::{assign_ids, read};

/// One local change, against the server rev it was based on.
#[derive(Debug, Clone)]
pub struct Change {
    pub kind: Kind,
    pub local_id: String,
    pub gid: String,
    /// The server rev this desktop last saw the row at; 0 for a row the server never had.
    pub base_rev: i64,
    /// The row now; None for a deletion.
    pub value: Option<Map<String, Value>>,
    pub hash: Option<String>,
    /// A feature's layer (bureau id): for a deletion, the row is gone and only this says where.
    pub layer: Option<String>,
}

/// The pending changes, in push order (layers, features, tours, stops, notes). Drops the dirty
/// marks of rows that turn out unchanged. Runs in the caller's transaction.
pub fn collect(conn: &Connection) -> Result<Vec<Change>> {
    assign_ids(conn)?;
    let mut changes = Vec::new();
    for kind in ALL {
        let ids: Vec<String> = conn
            .prepare_cached("SELECT local_id FROM team_dirty WHERE kind = ?1")?
            .query_map([kind.name()], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for local_id in ids {
            let mapped: Option<(String, i64, Option<String>, Option<String>)> = conn
                .prepare_cached("SELECT gid, rev, synced_hash, parent FROM team_map WHERE kind = ?1 AND local_id = ?2")?
                .query_row([kind.name(), &local_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
                .optional()?;
            let value = read(conn, kind, &local_id)?;
            let change = match (value, mapped) {
                // Not shared (a default tour's stop) or created and deleted between two syncs.
                (None, None) | (Some(_), None) => None,
                (None, Some((_, 0, None, _))) => {
                    forget(conn, kind, &local_id)?;
                    None
                }
                (None, Some((gid, base_rev, _, layer))) => {
                    Some(Change { kind, local_id: local_id.clone(), gid, base_rev, value: None, hash: None, layer })
                }
                (Some(v), Some((gid, base_rev, synced, _))) => {
                    let hash = content_hash(&v);
                    if synced.as_deref() == Some(hash.as_str()) {
                        None
                    } else {
                        let layer = v.get("layer").and_then(Value::as_str).map(str::to_owned);
                        Some(Change {
                            kind,
                            local_id: local_id.clone(),
                            gid,
                            base_rev,
                            value: Some(v),
                            hash: Some(hash),
                            layer,
                        })
                    }
                }
            };
            match change {
                Some(c) => changes.push(c),
                None => {
                    conn.prepare_cached("DELETE FROM team_dirty WHERE kind = ?1 AND local_id = ?2")?
                        .execute([kind.name(), &local_id])?;
                }
            }
        }
    }
    Ok(changes)
}

fn forget(conn: &Connection, kind: Kind, local_id: &str) -> rusqlite::Result<()> {
    conn.execute("DELETE FROM team_map WHERE kind = ?1 AND local_id = ?2", [kind.name(), local_id])?;
    Ok(())
}
