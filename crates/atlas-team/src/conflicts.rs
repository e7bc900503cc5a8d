//! The bureau's conflicts as this desktop last pulled them, and resolving one: keep mine (the
//! version that lost), keep theirs (the one that stayed current), or keep both (the lost
//! version comes back as a new row beside the current one). The resolution changes the local
//! rows like any edit — so it syncs, and can itself meet a conflict — and marks the conflict
//! resolved here and, at the next sync, on the server for everyone.

use std::path::Path;

use rusqlite::{params, OptionalExtension};
use serde_json::{Map, Value};

use crate::entity::Kind;
use crate::error::{Result, TeamError};
use crate::local::read::local_of;
use crate::local::write::{apply, Sync};
use crate::sync::open_local;

#[derive(Debug, Clone, serde::Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Conflict {
    pub id: i64,
    pub kind: String,
    pub gid: String,
    /// The version that stayed current (None: the row was deleted), who wrote it and when.
    #[cfg_attr(test, ts(type = "Record<string, unknown> | null"))]
    pub kept: Option<Value>,
    pub kept_by: Option<String>,
    pub kept_at: Option<String>,
    /// The version that came second (None: a deletion).
    #[cfg_attr(test, ts(type = "Record<string, unknown> | null"))]
    pub other: Option<Value>,
    pub other_by: String,
    pub other_at: String,
    /// open, kept_mine, kept_theirs or kept_both.
    pub status: String,
    pub resolved_by: Option<String>,
    /// The server rev of its last change (record or resolution).
    pub rev: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub enum Keep {
    /// The version that lost (yours, if you made it).
    Mine,
    /// The version that stayed current.
    Theirs,
    /// Both: the lost version becomes a new row.
    Both,
}

impl Keep {
    fn status(self) -> &'static str {
        match self {
            Keep::Mine => "kept_mine",
            Keep::Theirs => "kept_theirs",
            Keep::Both => "kept_both",
        }
    }
}

/// Every conflict this desktop knows of, open ones first, newest first.
pub fn list(atlas: &Path, only_open: bool) -> Result<Vec<Conflict>> {
    let conn = open_local(atlas)?;
    let mut stmt = conn.prepare(
        "SELECT id, kind, gid, kept, kept_by, kept_at, other, other_by, other_at, status, resolved_by, rev FROM team_conflicts
         WHERE (?1 = 0 OR status = 'open') ORDER BY status <> 'open', id DESC",
    )?;
    let rows = stmt.query_map([only_open as i64], |r| {
        let json = |s: Option<String>| s.and_then(|s| serde_json::from_str(&s).ok());
        Ok(Conflict {
            id: r.get(0)?,
            kind: r.get(1)?,
            gid: r.get(2)?,
            kept: json(r.get(3)?),
            kept_by: r.get(4)?,
            kept_at: r.get(5)?,
            other: json(r.get(6)?),
            other_by: r.get(7)?,
            other_at: r.get(8)?,
            status: r.get(9)?,
            resolved_by: r.get(10)?,
            rev: r.get(11)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn resolve(atlas: &Path, id: i64, keep: Keep) -> Result<Conflict> {
    let conn = open_local(atlas)?;
    let tx = crate::sync::write_tx(&conn)?;
    let row: Option<(String, String, Option<String>, String)> = tx
        .query_row("SELECT kind, gid, other, status FROM team_conflicts WHERE id = ?1", [id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })
        .optional()?;
    let (kind, gid, other, status) =
        row.ok_or_else(|| TeamError::Invalid(format!("no conflict {id}; `atlas conflicts` lists them")))?;
    if status != "open" {
        return Err(TeamError::Invalid(format!("conflict {id} is already resolved ({status})")));
    }
    let kind = Kind::parse(&kind)
        .ok_or_else(|| TeamError::Invalid(format!("conflict {id} is about an unknown kind {kind:?}")))?;
    let other: Option<Map<String, Value>> = other.and_then(|s| serde_json::from_str(&s).ok());
    match keep {
        Keep::Theirs => {}
        Keep::Mine => {
            // A change on top of what this desktop has now (the kept version, or nothing if
            // the kept version was a deletion: then the lost version comes back under its id).
            let base_rev: i64 = match local_of(&tx, kind, &gid)? {
                Some(local) => tx.query_row(
                    "SELECT rev FROM team_map WHERE kind = ?1 AND local_id = ?2",
                    params![kind.name(), local],
                    |r| r.get(0),
                )?,
                None => 0,
            };
            apply(&tx, kind, &gid, other.as_ref(), Sync::Pending { base_rev })?;
        }
        Keep::Both => {
            if let Some(other) = &other {
                apply(&tx, kind, &uuid::Uuid::new_v4().to_string(), Some(other), Sync::Pending { base_rev: 0 })?;
            }
        }
    }
    tx.execute("UPDATE team_conflicts SET status = ?2 WHERE id = ?1", params![id, keep.status()])?;
    tx.execute("INSERT OR REPLACE INTO team_resolutions VALUES (?1, ?2)", params![id, keep.status()])?;
    tx.commit()?;
    Ok(list(atlas, false)?.into_iter().find(|c| c.id == id).expect("the conflict is there"))
}
