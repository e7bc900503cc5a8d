//! Fetching everyone else's changes: every row, tombstone and conflict with a rev above the
//! last one this desktop pulled, read in one REPEATABLE READ snapshot so the set is consistent
//! (no feature without its layer, no rev skipped: see schema.sql on why revs commit in order).

use postgres::{Client, IsolationLevel};
use serde_json::{Map, Value};

use crate::conflicts::Conflict;
use crate::entity::Kind;
use crate::error::{is_connection_error, server_error, Result, TeamError};
use crate::push::{field_names, wire_form};
use crate::server::admin::quote_ident;

pub struct PulledRow {
    pub kind: Kind,
    pub gid: String,
    pub rev: i64,
    /// None: deleted.
    pub value: Option<Map<String, Value>>,
}

/// The rows this desktop's push wrote in this sync, already applied here: every row of a shared
/// table stamped with this replica and a rev in `low..=high`. The push held the server's write
/// lock from its first row to its commit, so no one else's row has a rev in that range, and the
/// pull need not fetch them (on a first sync, that is every row: 100k features pulled back).
#[derive(Debug, Clone, Copy)]
pub struct OwnRows {
    pub replica: uuid::Uuid,
    pub low: i64,
    pub high: i64,
}

pub struct Pulled {
    /// Rows first (in push order: layers before features…), then deletions.
    pub rows: Vec<PulledRow>,
    pub conflicts: Vec<Conflict>,
    /// The highest rev seen: the next pull starts after it.
    pub high: i64,
    /// Bytes of row content received (JSON text), for the figures.
    pub bytes: usize,
}

fn fail(e: postgres::Error) -> TeamError {
    if is_connection_error(&e) {
        TeamError::Unreachable { server: "(during the pull)".into(), detail: e.to_string() }
    } else {
        server_error("the pull", &e)
    }
}

pub fn pull(client: &mut Client, since: i64, own: Option<OwnRows>) -> Result<Pulled> {
    // No own rows: an empty range.
    let OwnRows { replica, low, high } = own.unwrap_or(OwnRows { replica: uuid::Uuid::nil(), low: 1, high: 0 });
    let not_own = "NOT (t.replica IS NOT DISTINCT FROM $2 AND t.rev BETWEEN $3 AND $4)";
    let mut tx = client
        .build_transaction()
        .isolation_level(IsolationLevel::RepeatableRead)
        .read_only(true)
        .start()
        .map_err(fail)?;
    // Every rev up to the push's last is visible in this snapshot (the push committed before it
    // began, and revs commit in order): fetched below, or skipped as our own.
    let mut out = Pulled { rows: Vec::new(), conflicts: Vec::new(), high: since.max(high), bytes: 0 };
    let take = |out: &mut Pulled, kind: Kind, layer: Option<&str>, fields: &[String], rows: Vec<postgres::Row>| {
        for r in rows {
            let full: Value = r.get(0);
            let rev = full["rev"].as_i64().unwrap_or(0);
            out.high = out.high.max(rev);
            out.bytes += full.to_string().len();
            let gid = full["gid"].as_str().unwrap_or_default().to_owned();
            out.rows.push(PulledRow { kind, gid, rev, value: Some(wire_form(kind, &full, layer, fields)) });
        }
    };
    let layers = tx.query("SELECT gid::text, table_name, fields FROM atlas_team.layers", &[]).map_err(fail)?;
    let changed =
        tx.query("SELECT to_jsonb(t) FROM atlas_team.layers t WHERE rev > $1 ORDER BY rev", &[&since]).map_err(fail)?;
    take(&mut out, Kind::Layer, None, &[], changed);
    for l in &layers {
        let (gid, table, fields): (String, String, Value) = (l.get(0), l.get(1), l.get(2));
        let fields = field_names(&fields);
        let rows = tx
            .query(
                &format!(
                    "SELECT (to_jsonb(t) - 'geom') || jsonb_build_object('geom', encode(ST_AsBinary(t.geom, 'NDR'), 'hex'))
                     FROM atlas_team.{} t WHERE rev > $1 AND {not_own} ORDER BY rev",
                    quote_ident(&table)
                ),
                &[&since, &replica, &low, &high],
            )
            .map_err(fail)?;
        take(&mut out, Kind::Feature, Some(&gid), &fields, rows);
    }
    for (kind, table) in
        [(Kind::Tour, "atlas_team.tours"), (Kind::Stop, "atlas_team.tour_stops"), (Kind::Note, "atlas_team.notes")]
    {
        let rows = tx
            .query(
                &format!("SELECT to_jsonb(t) FROM {table} t WHERE rev > $1 AND {not_own} ORDER BY rev"),
                &[&since, &replica, &low, &high],
            )
            .map_err(fail)?;
        take(&mut out, kind, None, &[], rows);
    }
    for r in tx
        .query("SELECT gid::text, entity, rev FROM atlas_team.tombstones WHERE rev > $1 ORDER BY rev", &[&since])
        .map_err(fail)?
    {
        let rev: i64 = r.get(2);
        out.high = out.high.max(rev);
        if let Some(kind) = Kind::parse(r.get::<_, &str>(1)) {
            out.rows.push(PulledRow { kind, gid: r.get(0), rev, value: None });
        }
    }
    for r in tx
        .query(
            "SELECT id, entity, gid::text, kept, kept_by::text, kept_at::text, other, other_by::text, other_at::text, status,
                    resolved_by::text, rev
             FROM atlas_team.conflicts WHERE rev > $1 ORDER BY rev",
            &[&since],
        )
        .map_err(fail)?
    {
        let c = Conflict {
            id: r.get(0),
            kind: r.get(1),
            gid: r.get(2),
            kept: r.get(3),
            kept_by: r.get(4),
            kept_at: r.get(5),
            other: r.get(6),
            other_by: r.get(7),
            other_at: r.get(8),
            status: r.get(9),
            resolved_by: r.get(10),
            rev: r.get(11),
        };
        out.high = out.high.max(c.rev);
        out.conflicts.push(c);
    }
    tx.commit().map_err(fail)?;
    Ok(out)
}
