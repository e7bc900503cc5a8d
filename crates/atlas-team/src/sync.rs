//! One sync: recover a push whose answer was lost, push this desktop's changes, pull everyone
//! else's. Each side in transactions; the order of commits makes a crash anywhere harmless:
//!
//! 1. the push's batch id is committed locally *before* the server transaction starts;
//! 2. the server transaction records that batch with every outcome, and commits;
//! 3. the local transaction applies the outcomes and forgets the batch id.
//!
//! Dying between 2 and 3 (the server killed during COMMIT, the laptop closed) leaves the batch
//! id in the atlas: the next sync finds the batch on the server and applies its outcomes (or,
//! not finding it, knows nothing was committed and pushes again). So a change is never pushed
//! twice against itself, and never thought pushed when it was not.

use std::path::Path;
use std::time::Instant;

use rusqlite::Connection;
use serde_json::Value;

use crate::changes::{collect, Change};
use crate::entity::{content_hash, Kind};
use crate::error::{is_connection_error, server_error, Result, TeamError};
use crate::local::read::read;
use crate::local::write::{apply, Sync};
use crate::local::{schema, state};
use crate::pull::{pull, OwnRows, Pulled};
use crate::push::{push, Outcome};
use crate::server::connect::{connect, Server};
use crate::server::prune::{report_and_prune, Pruned};
use crate::status::PendingKind;

/// What a sync did, for the CLI and the Team panel.
#[derive(Debug, Clone, Default, serde::Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct SyncReport {
    pub server: String,
    /// The role the server knows this desktop as.
    pub role: String,
    /// What it may do there: admin, editor or viewer.
    pub team_role: Option<String>,
    pub pushed: usize,
    /// Changes of this desktop that lost to another's (each recorded as a conflict).
    pub conflicts_new: usize,
    /// Changes the server refused, with its reason; they stay pending.
    pub refused: Vec<String>,
    pub pulled: usize,
    /// Local changes still waiting (the refused ones, and any made during the sync).
    pub pending: usize,
    pub push_ms: u128,
    pub pull_ms: u128,
    /// Bytes of row content sent and received (JSON), for the figures.
    pub bytes_sent: usize,
    pub bytes_received: usize,
    /// What the server forgot after this pull (tombstones and push records no desktop needs).
    pub pruned: Pruned,
}

/// Opens the atlas file for sync work: the core opens it first (refusing a newer file, migrating
/// an older one with a backup), then a plain connection with the GeoPackage SQL functions the
/// file's own triggers call.
pub fn open_local(atlas: &Path) -> Result<Connection> {
    drop(atlas_core::Atlas::open(atlas)?);
    let conn = Connection::open(atlas)?;
    conn.busy_timeout(std::time::Duration::from_secs(10))?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    atlas_core::gpkg::sql_functions::register(&conn)?;
    let tx = write_tx(&conn)?;
    schema::ensure(&tx)?;
    state::replica(&tx)?;
    tx.commit()?;
    Ok(conn)
}

pub fn sync(atlas: &Path, address: &str) -> Result<SyncReport> {
    let t0 = Instant::now();
    let trace = std::env::var_os("ATLAS_TEAM_TRACE").is_some();
    let conn = open_local(atlas)?;
    if trace {
        eprintln!("open_local {} ms", t0.elapsed().as_millis());
    }
    let mut server = connect(address)?;
    let mut report = SyncReport {
        server: server.address.clone(),
        role: server.role.clone(),
        team_role: server.team_role.clone(),
        ..Default::default()
    };
    recover(&conn, &mut server)?;
    let own = push_pending(&conn, &mut server, &mut report)?;
    if trace {
        eprintln!("pushed at {} ms", t0.elapsed().as_millis());
    }
    pull_into(&conn, &mut server, own, &mut report)?;
    if trace {
        eprintln!("pulled at {} ms", t0.elapsed().as_millis());
    }
    // Only now, with the pull committed here and this desktop's pushes applied, may the server
    // forget what led up to it.
    report.pruned = report_and_prune(&mut server.client, state::replica(&conn)?, state::last_rev(&conn)?)?;
    let tx = write_tx(&conn)?;
    state::set(&tx, "server", &server.address)?;
    state::set(&tx, "role", &server.role)?;
    match &server.team_role {
        Some(r) => state::set(&tx, "team_role", r)?,
        None => state::clear(&tx, "team_role")?,
    }
    state::set(&tx, "last_sync_at", &atlas_core::files::clock::now_rfc3339())?;
    tx.commit()?;
    report.pending = pending_count(&conn)?;
    Ok(report)
}

/// Step 3 of a push whose answer never arrived.
fn recover(conn: &Connection, server: &mut Server) -> Result<()> {
    let Some(batch) = state::get(conn, "inflight")? else { return Ok(()) };
    let found = server
        .client
        .query_opt("SELECT results FROM atlas_team.batches WHERE batch = $1::text::uuid", &[&batch])
        .map_err(|e| server_error("looking up the last push", &e))?;
    let tx = write_tx(conn)?;
    if let Some(row) = found {
        let results: Value = row.get(0);
        let recorded: Vec<Recorded> = serde_json::from_value(results)
            .map_err(|e| TeamError::Server(format!("the server's record of push {batch} is unreadable: {e}")))?;
        apply_outcomes(&tx, &recorded)?;
    }
    state::clear(&tx, "inflight")?;
    tx.commit()?;
    Ok(())
}

/// One change's outcome as the server records it in `atlas_team.batches` (and as step 3 reads it).
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
struct Recorded {
    kind: String,
    local_id: String,
    gid: String,
    /// "applied" or "conflict" (refused changes are not recorded: they stay pending).
    outcome: String,
    rev: i64,
    hash: Option<String>,
    layer: Option<String>,
    #[serde(default)]
    kept: Option<serde_json::Map<String, Value>>,
}

/// Pushes what is pending; returns the rows this push wrote (for the pull to skip), once they
/// are applied here.
fn push_pending(conn: &Connection, server: &mut Server, report: &mut SyncReport) -> Result<Option<OwnRows>> {
    let tx = write_tx(conn)?;
    let since = state::last_rev(&tx)?;
    let changes = collect(&tx)?;
    let resolutions: Vec<(i64, String)> = tx
        .prepare("SELECT conflict_id, status FROM team_resolutions")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    if changes.is_empty() && resolutions.is_empty() {
        tx.commit()?;
        return Ok(None);
    }
    let batch = uuid::Uuid::new_v4();
    state::set(&tx, "inflight", &batch.to_string())?;
    let replica = state::replica(&tx)?;
    tx.commit()?;

    let started = Instant::now();
    report.bytes_sent =
        changes.iter().map(|c| c.value.as_ref().map_or(40, |v| Value::Object(v.clone()).to_string().len())).sum();
    let mut ptx = server.client.transaction().map_err(|e| server_error("starting the push", &e))?;
    let outcomes = push(&mut ptx, &changes, replica)?;
    let mut resolved = Vec::new();
    for (id, status) in &resolutions {
        // A resolution the server refuses (a viewer's, or one already made by someone else)
        // stays here, like any refused change.
        let mut sp = ptx.savepoint("resolution").map_err(|e| server_error("starting a resolution", &e))?;
        match sp.execute(
            "UPDATE atlas_team.conflicts SET status = $2, resolved_by = current_user, replica = $3 WHERE id = $1 AND status = 'open'",
            &[id, status, &replica],
        ) {
            Ok(_) => {
                sp.commit().map_err(|e| server_error("finishing a resolution", &e))?;
                resolved.push(*id);
            }
            Err(e) if !is_connection_error(&e) => {
                sp.rollback().map_err(|e| server_error("undoing a refused resolution", &e))?;
                report.refused.push(server_error(&format!("resolving conflict {id}"), &e).to_string());
            }
            Err(e) => return Err(server_error(&format!("resolving conflict {id}"), &e)),
        }
    }
    let recorded: Vec<Recorded> = changes.iter().zip(&outcomes).filter_map(|(c, o)| record(c, o)).collect();
    if recorded.is_empty() && resolved.is_empty() {
        // Everything refused (a viewer's push): nothing to commit, nothing to record.
        drop(ptx);
    } else {
        ptx.execute(
            "INSERT INTO atlas_team.batches (batch, replica, results) VALUES ($1, $2, $3)",
            &[&batch, &replica, &serde_json::to_value(&recorded).expect("outcomes serialise")],
        )
        .map_err(|e| server_error("recording the push", &e))?;
        ptx.commit().map_err(|e| TeamError::Unreachable {
            server: server.address.clone(),
            detail: format!("the push's commit did not complete ({e}); the next sync finds out whether it did"),
        })?;
    }
    report.push_ms = started.elapsed().as_millis();

    let tx = write_tx(conn)?;
    apply_outcomes(&tx, &recorded)?;
    for id in &resolved {
        tx.execute("DELETE FROM team_resolutions WHERE conflict_id = ?1", [id])?;
    }
    state::clear(&tx, "inflight")?;
    tx.commit()?;
    // Revs above what this desktop had pulled: the rows this push wrote (a rev at or below it
    // is an identical row already there).
    let written = outcomes.iter().filter_map(|o| match o {
        Outcome::Applied { rev } if *rev > since => Some(*rev),
        _ => None,
    });
    let own = written.clone().min().zip(written.max()).map(|(low, high)| OwnRows { replica, low, high });
    for o in &outcomes {
        match o {
            Outcome::Applied { .. } => report.pushed += 1,
            Outcome::Conflict { .. } => report.conflicts_new += 1,
            Outcome::Refused(why) => {
                if !report.refused.contains(why) {
                    report.refused.push(why.clone());
                }
            }
        }
    }
    Ok(own)
}

fn record(c: &Change, o: &Outcome) -> Option<Recorded> {
    let base = |outcome: &str, rev: i64, kept| Recorded {
        kind: c.kind.name().to_owned(),
        local_id: c.local_id.clone(),
        gid: c.gid.clone(),
        outcome: outcome.to_owned(),
        rev,
        hash: c.hash.clone(),
        layer: c.layer.clone(),
        kept,
    };
    match o {
        Outcome::Applied { rev } => Some(base("applied", *rev, None)),
        Outcome::Conflict { kept, kept_rev } => Some(base("conflict", *kept_rev, kept.clone())),
        Outcome::Refused(_) => None,
    }
}

/// Step 3: the local side of a committed push, in the caller's transaction.
fn apply_outcomes(tx: &rusqlite::Transaction, recorded: &[Recorded]) -> Result<()> {
    schema::set_applying(tx, true)?;
    for r in recorded {
        let Some(kind) = Kind::parse(&r.kind) else { continue };
        let now = read(tx, kind, &r.local_id)?;
        let now_hash = now.as_ref().map(content_hash);
        let unchanged_since = now_hash == r.hash;
        match (r.outcome.as_str(), &r.hash) {
            ("applied", Some(hash)) => {
                tx.execute(
                    "UPDATE team_map SET rev = ?3, synced_hash = ?4, parent = ?5 WHERE kind = ?1 AND local_id = ?2",
                    rusqlite::params![r.kind, r.local_id, r.rev, hash, r.layer],
                )?;
                if unchanged_since {
                    tx.execute("DELETE FROM team_dirty WHERE kind = ?1 AND local_id = ?2", [&r.kind, &r.local_id])?;
                }
            }
            ("applied", None) => {
                if now.is_none() {
                    tx.execute("DELETE FROM team_map WHERE kind = ?1 AND local_id = ?2", [&r.kind, &r.local_id])?;
                    tx.execute("DELETE FROM team_dirty WHERE kind = ?1 AND local_id = ?2", [&r.kind, &r.local_id])?;
                }
            }
            _ if unchanged_since => {
                // Lost to another desktop's change: take the kept version (the conflict record
                // holds ours).
                apply(tx, kind, &r.gid, r.kept.as_ref(), Sync::Synced { rev: r.rev })?;
            }
            _ => {
                // Edited again while the push was on the wire: keep the newest local edit as a
                // change on top of the kept version.
                let hash = r.kept.as_ref().map(content_hash);
                tx.execute(
                    "UPDATE team_map SET rev = ?3, synced_hash = ?4 WHERE kind = ?1 AND local_id = ?2",
                    rusqlite::params![r.kind, r.local_id, r.rev, hash],
                )?;
            }
        }
    }
    schema::set_applying(tx, false)?;
    Ok(())
}

fn pull_into(conn: &Connection, server: &mut Server, own: Option<OwnRows>, report: &mut SyncReport) -> Result<()> {
    let since = state::last_rev(conn)?;
    let started = Instant::now();
    let pulled: Pulled = pull(&mut server.client, since, own)?;
    if std::env::var_os("ATLAS_TEAM_TRACE").is_some() {
        eprintln!("pull: {} rows fetched in {} ms", pulled.rows.len(), started.elapsed().as_millis());
    }
    let tx = write_tx(conn)?;
    schema::set_applying(&tx, true)?;
    for row in &pulled.rows {
        let local_id = crate::local::read::local_of(&tx, row.kind, &row.gid)?;
        if let Some(local_id) = &local_id {
            let (rev, synced): (i64, Option<String>) = tx.query_row(
                "SELECT rev, synced_hash FROM team_map WHERE kind = ?1 AND local_id = ?2",
                [row.kind.name(), local_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            if rev >= row.rev && row.value.is_some() {
                continue; // our own push, or already pulled
            }
            // Changed here too: leave it; the push will meet the server's version and record
            // the conflict.
            let dirty: bool = tx.query_row(
                "SELECT count(*) > 0 FROM team_dirty WHERE kind = ?1 AND local_id = ?2",
                [row.kind.name(), local_id],
                |r| r.get(0),
            )?;
            if dirty && read(&tx, row.kind, local_id)?.map(|v| content_hash(&v)) != synced {
                continue;
            }
        } else if row.value.is_none() {
            continue;
        }
        if apply(&tx, row.kind, &row.gid, row.value.as_ref(), Sync::Synced { rev: row.rev })? {
            report.pulled += 1;
        }
    }
    for c in &pulled.conflicts {
        tx.execute(
            "INSERT INTO team_conflicts (id, kind, gid, kept, kept_by, kept_at, other, other_by, other_at, status, resolved_by, rev)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
             ON CONFLICT (id) DO UPDATE SET status = ?10, resolved_by = ?11, rev = ?12",
            rusqlite::params![
                c.id,
                c.kind,
                c.gid,
                c.kept.as_ref().map(Value::to_string),
                c.kept_by,
                c.kept_at,
                c.other.as_ref().map(Value::to_string),
                c.other_by,
                c.other_at,
                c.status,
                c.resolved_by,
                c.rev
            ],
        )?;
    }
    state::set(&tx, "last_rev", &pulled.high.to_string())?;
    schema::set_applying(&tx, false)?;
    tx.commit()?;
    report.pull_ms = started.elapsed().as_millis();
    report.bytes_received = pulled.bytes;
    Ok(())
}

/// A transaction that takes the write lock at BEGIN. A deferred one that reads and then writes
/// fails at once with "database is locked" when another connection (the app's, the Team panel's
/// status) writes meanwhile: SQLite cannot wait for a lock a reader wants to upgrade.
pub fn write_tx(conn: &Connection) -> rusqlite::Result<rusqlite::Transaction<'_>> {
    rusqlite::Transaction::new_unchecked(conn, rusqlite::TransactionBehavior::Immediate)
}

/// Local changes not yet on the server (read-only: the dirty marks, checked against their hashes).
pub fn pending_count(conn: &Connection) -> Result<usize> {
    Ok(pending_by_kind(conn)?.iter().map(|k| k.count).sum())
}

/// The same, counted by kind in push order; kinds with nothing pending are left out.
pub fn pending_by_kind(conn: &Connection) -> Result<Vec<PendingKind>> {
    let tx = write_tx(conn)?;
    let changes = collect(&tx)?;
    // Read-only in effect: dropping the transaction rolls back the ids it assigned.
    drop(tx);
    Ok(crate::entity::ALL
        .into_iter()
        .map(|kind| PendingKind {
            kind: kind.name().to_owned(),
            count: changes.iter().filter(|c| c.kind == kind).count(),
        })
        .filter(|k| k.count > 0)
        .collect())
}
