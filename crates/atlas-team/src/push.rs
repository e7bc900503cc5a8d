//! Sending this desktop's changes: one server transaction for the whole push, a savepoint per
//! change (or per chunk of new rows), so a change the server refuses is reported and stays
//! pending while the others go through.
//!
//! The rule for two desktops that changed the same row since they last synced: the change that
//! reaches the server first stays current; the second is recorded in `atlas_team.conflicts`
//! with who and when and both versions, and the second desktop takes the first's version until
//! someone resolves it. Deterministic (the server's commit order decides, not desktop clocks),
//! and nothing is overwritten unseen. Two desktops that made the *same* change do not conflict.

use postgres::Transaction;
use serde_json::{json, Map, Value};

use crate::changes::Change;
use crate::entity::{content_hash, Kind};
use crate::error::{is_connection_error, server_error, Result, TeamError};
use crate::server::admin::quote_ident;

/// What happened to one change.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// The server has it, at this rev.
    Applied { rev: i64 },
    /// Another desktop's change got there first: `kept` (None: it deleted the row) stays current.
    Conflict { kept: Option<Map<String, Value>>, kept_rev: i64 },
    /// The server said no (permission, constraint): the change stays pending.
    Refused(String),
}

/// New rows per INSERT … jsonb_populate_recordset: big enough that a 100k-feature layer is a
/// hundred statements, small enough that one refused chunk is a short list.
const CHUNK: usize = 1000;

/// Pushes `changes` inside `tx`; returns an outcome per change, same order.
pub fn push(tx: &mut Transaction, changes: &[Change], replica: uuid::Uuid) -> Result<Vec<Outcome>> {
    let mut outcomes: Vec<Option<Outcome>> = vec![None; changes.len()];
    let mut tables = LayerTables::default();
    // New rows of one kind (and one layer), pushed a chunk at a time; everything else one by one.
    let mut i = 0;
    while i < changes.len() {
        let c = &changes[i];
        let batchable = c.base_rev == 0 && c.value.is_some() && c.kind != Kind::Layer;
        if !batchable {
            outcomes[i] = Some(push_one(tx, c, replica, &mut tables)?);
            i += 1;
            continue;
        }
        let mut j = i;
        while j < changes.len()
            && j - i < CHUNK
            && changes[j].kind == c.kind
            && changes[j].layer == c.layer
            && changes[j].base_rev == 0
            && changes[j].value.is_some()
        {
            j += 1;
        }
        let chunk = &changes[i..j];
        match insert_chunk(tx, chunk, replica, &mut tables)? {
            Ok(revs) => {
                for (k, c) in chunk.iter().enumerate() {
                    outcomes[i + k] = Some(match revs.get(&c.gid) {
                        Some(rev) => Outcome::Applied { rev: *rev },
                        // Already there (a gid the server has): take the careful path.
                        None => push_one(tx, c, replica, &mut tables)?,
                    });
                }
            }
            Err(refusal) => {
                for k in 0..chunk.len() {
                    outcomes[i + k] = Some(Outcome::Refused(refusal.clone()));
                }
            }
        }
        i = j;
    }
    Ok(outcomes.into_iter().map(|o| o.expect("every change has an outcome")).collect())
}

/// Where a change goes on the server: the table, the layer's name (for messages) and, for
/// features, the layer's typed fields (a column each).
#[derive(Clone, Default)]
pub struct Target {
    pub table: String,
    pub layer_name: String,
    pub fields: Vec<String>,
}

#[derive(Default)]
struct LayerTables(std::collections::HashMap<String, Option<Target>>);

impl LayerTables {
    fn get(&mut self, tx: &mut Transaction, layer_gid: &str) -> Result<Option<Target>> {
        if let Some(t) = self.0.get(layer_gid) {
            return Ok(t.clone());
        }
        let row = tx
            .query_opt(
                "SELECT table_name, name, fields FROM atlas_team.layers WHERE gid = $1::text::uuid",
                &[&layer_gid],
            )
            .map_err(|e| fail("looking up a layer", e))?;
        let t = row.map(|r| Target {
            table: format!("atlas_team.{}", quote_ident(r.get::<_, &str>(0))),
            layer_name: r.get(1),
            fields: field_names(&r.get::<_, Value>(2)),
        });
        self.0.insert(layer_gid.to_owned(), t.clone());
        Ok(t)
    }
}

/// The names in a layer's field list ([{name, kind}]).
pub fn field_names(fields: &Value) -> Vec<String> {
    fields
        .as_array()
        .map(|a| a.iter().filter_map(|f| f.get("name")?.as_str().map(str::to_owned)).collect())
        .unwrap_or_default()
}

fn table_of(tx: &mut Transaction, c: &Change, tables: &mut LayerTables) -> Result<Option<Target>> {
    match c.kind.server_table() {
        Some(t) => Ok(Some(Target { table: t.to_owned(), ..Default::default() })),
        None => tables.get(tx, c.layer.as_deref().unwrap_or_default()),
    }
}

/// A connection failure aborts the whole push (nothing committed); anything else the server
/// says is a refusal of this one change.
fn fail(what: &str, e: postgres::Error) -> TeamError {
    if is_connection_error(&e) {
        TeamError::Unreachable { server: "(during the push)".into(), detail: e.to_string() }
    } else {
        server_error(what, &e)
    }
}

fn describe(c: &Change, layer_name: &str) -> String {
    match c.kind {
        Kind::Feature => format!("feature {} in layer {layer_name:?}", short(&c.gid)),
        k => format!("{} {}", k.name(), short(&c.gid)),
    }
}

pub fn short(gid: &str) -> &str {
    gid.get(..8).unwrap_or(gid)
}

/// The row as the server should store it: a feature's fields as columns of their own, its
/// geometry as EWKB with the SRID (a geometry(…, 4326) column refuses plain WKB, which has none).
fn server_row(c: &Change, value: &Map<String, Value>) -> Value {
    let mut row = value.clone();
    row.insert("gid".into(), Value::String(c.gid.clone()));
    if let Some(Value::Object(properties)) = row.remove("properties") {
        for (k, v) in properties {
            row.entry(k).or_insert(v);
        }
    }
    if let Some(Value::String(wkb)) = value.get("geom") {
        row.insert("geom".into(), Value::String(ewkb_hex(wkb, 4326)));
    }
    Value::Object(row)
}

/// Hex WKB → hex EWKB with an SRID: the SRID flag in the type word, the SRID after it.
pub fn ewkb_hex(wkb_hex: &str, srid: u32) -> String {
    if wkb_hex.len() < 10 {
        return wkb_hex.to_owned();
    }
    let little = &wkb_hex[..2] == "01";
    let type_hex = &wkb_hex[2..10];
    let bytes: Vec<u8> = (0..4).map(|i| u8::from_str_radix(&type_hex[i * 2..i * 2 + 2], 16).unwrap_or(0)).collect();
    let word = if little {
        u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]])
    } else {
        u32::from_be_bytes([bytes[0], bytes[1], bytes[2], bytes[3]])
    } | 0x2000_0000;
    let (w, s) =
        if little { (word.to_le_bytes(), srid.to_le_bytes()) } else { (word.to_be_bytes(), srid.to_be_bytes()) };
    format!("{}{}{}{}", &wkb_hex[..2], crate::local::read::hex(&w), crate::local::read::hex(&s), &wkb_hex[10..])
}

/// The columns a push writes: the kind's own, and for a feature its layer's fields.
fn column_list(kind: Kind, target: &Target) -> String {
    let mut cols: Vec<String> = kind.columns().iter().map(|c| c.to_string()).collect();
    if kind == Kind::Feature {
        cols.extend(target.fields.iter().map(|f| quote_ident(f)));
    }
    cols.join(", ")
}

/// The server's current version of a row in wire form, with its rev and who/when last wrote it.
struct Current {
    value: Option<Map<String, Value>>,
    rev: i64,
    by: Option<String>,
    at: Option<String>,
}

fn current(tx: &mut Transaction, c: &Change, target: &Target) -> Result<Option<Current>> {
    let table = &target.table;
    let expr = if c.kind == Kind::Feature {
        "(to_jsonb(t) - 'geom') || jsonb_build_object('geom', encode(ST_AsBinary(t.geom, 'NDR'), 'hex'))"
    } else {
        "to_jsonb(t)"
    };
    let row = tx
        .query_opt(&format!("SELECT {expr} FROM {table} t WHERE gid = $1::text::uuid"), &[&c.gid])
        .map_err(|e| fail("reading the server's version", e))?;
    if let Some(r) = row {
        let full: Value = r.get(0);
        return Ok(Some(Current {
            rev: full["rev"].as_i64().unwrap_or(0),
            by: full["edited_by"].as_str().map(str::to_owned),
            at: full["edited_at"].as_str().map(str::to_owned),
            value: Some(wire_form(c.kind, &full, c.layer.as_deref(), &target.fields)),
        }));
    }
    let tomb = tx
        .query_opt(
            "SELECT rev, deleted_by::text, deleted_at::text FROM atlas_team.tombstones WHERE gid = $1::text::uuid",
            &[&c.gid],
        )
        .map_err(|e| fail("reading the server's version", e))?;
    Ok(tomb.map(|r| Current { value: None, rev: r.get(0), by: r.get(1), at: r.get(2) }))
}

/// A server row (to_jsonb) cut down to the columns desktops share; a feature's field columns
/// go back into `properties` (empty ones left out, as the core leaves them out).
pub fn wire_form(kind: Kind, full: &Value, layer: Option<&str>, fields: &[String]) -> Map<String, Value> {
    let mut m: Map<String, Value> =
        kind.columns().iter().map(|c| (c.to_string(), full.get(*c).cloned().unwrap_or(Value::Null))).collect();
    if kind == Kind::Feature {
        m.insert("layer".into(), json!(layer));
        let properties: Map<String, Value> = fields
            .iter()
            .filter_map(|f| full.get(f).filter(|v| !v.is_null()).map(|v| (f.clone(), v.clone())))
            .collect();
        m.insert("properties".into(), Value::Object(properties));
    }
    m
}

fn push_one(tx: &mut Transaction, c: &Change, replica: uuid::Uuid, tables: &mut LayerTables) -> Result<Outcome> {
    let Some(target) = table_of(tx, c, tables)? else {
        // The feature's layer is gone from the server (deleted by someone): a deletion is moot,
        // an edit is a conflict with that deletion.
        return match &c.value {
            None => Ok(Outcome::Applied { rev: 0 }),
            Some(_) => record_conflict(tx, c, None, replica),
        };
    };
    let what = describe(c, &target.layer_name);
    let mut sp = tx.savepoint("change").map_err(|e| fail("starting a change", e))?;
    let result = push_in_savepoint(&mut sp, c, &target, &what, replica);
    match result {
        Ok(outcome) => {
            sp.commit().map_err(|e| fail("finishing a change", e))?;
            Ok(outcome)
        }
        Err(TeamError::Server(refusal)) => {
            sp.rollback().map_err(|e| fail("undoing a refused change", e))?;
            Ok(Outcome::Refused(refusal))
        }
        Err(e) => Err(e),
    }
}

fn push_in_savepoint(
    tx: &mut Transaction,
    c: &Change,
    target: &Target,
    what: &str,
    replica: uuid::Uuid,
) -> Result<Outcome> {
    let table = target.table.as_str();
    let refused = |e: postgres::Error| fail(what, e);
    match &c.value {
        Some(value) => {
            let row = server_row(c, value);
            if c.kind == Kind::Layer {
                let rev: Option<i64> = tx
                    .query_one("SELECT atlas_team.share_layer($1::text::uuid, $2, $3)", &[&c.gid, &row, &c.base_rev])
                    .map_err(refused)?
                    .get(0);
                if let Some(rev) = rev {
                    return Ok(Outcome::Applied { rev });
                }
            } else if c.base_rev > 0 {
                let cols = column_list(c.kind, target);
                let updated = tx
                    .query_opt(
                        &format!(
                            "UPDATE {table} SET ({cols}) = (SELECT {cols} FROM jsonb_populate_record(NULL::{table}, $2)), replica = $3
                             WHERE gid = $1::text::uuid AND rev = $4 RETURNING rev"
                        ),
                        &[&c.gid, &row, &replica, &c.base_rev],
                    )
                    .map_err(refused)?;
                if let Some(r) = updated {
                    return Ok(Outcome::Applied { rev: r.get(0) });
                }
            }
            match current(tx, c, target)? {
                None if c.base_rev == 0 => insert_one(tx, c, target, &row, replica, what),
                // Never seen by the server, yet based on a rev: treat like a deletion that won.
                None => record_conflict(tx, c, None, replica),
                Some(cur) if cur.value.as_ref().map(content_hash) == c.hash => Ok(Outcome::Applied { rev: cur.rev }),
                Some(cur) if cur.value.is_some() && cur.rev == c.base_rev => Err(TeamError::Server(format!(
                    "the server refused {what}: you may change only your own (it is {}'s); ask its owner or a bureau admin",
                    owner_of(tx, table, &c.gid)?.unwrap_or_else(|| "someone else".into())
                ))),
                Some(cur) if cur.value.is_none() && c.base_rev == 0 => insert_one(tx, c, target, &row, replica, what),
                Some(cur) => record_conflict(tx, c, Some(cur), replica),
            }
        }
        None => {
            if c.kind == Kind::Layer {
                return delete_layer(tx, c, target, what, replica);
            }
            let deleted = tx
                .execute(
                    &format!("DELETE FROM {table} WHERE gid = $1::text::uuid AND rev = $2"),
                    &[&c.gid, &c.base_rev],
                )
                .map_err(refused)?;
            if deleted > 0 {
                return Ok(Outcome::Applied { rev: 0 });
            }
            match current(tx, c, target)? {
                None => Ok(Outcome::Applied { rev: 0 }),
                Some(cur) if cur.value.is_none() => Ok(Outcome::Applied { rev: cur.rev }),
                Some(cur) if cur.rev == c.base_rev => Err(TeamError::Server(format!(
                    "the server refused deleting {what}: you may delete only your own (it is {}'s)",
                    owner_of(tx, table, &c.gid)?.unwrap_or_else(|| "someone else".into())
                ))),
                Some(cur) => record_conflict(tx, c, Some(cur), replica),
            }
        }
    }
}

fn insert_one(
    tx: &mut Transaction,
    c: &Change,
    target: &Target,
    row: &Value,
    replica: uuid::Uuid,
    what: &str,
) -> Result<Outcome> {
    let table = &target.table;
    let cols = column_list(c.kind, target);
    let r = tx
        .query_one(
            &format!(
                "INSERT INTO {table} (gid, {cols}, replica) SELECT gid, {cols}, $2 FROM jsonb_populate_record(NULL::{table}, $1) RETURNING rev"
            ),
            &[row, &replica],
        )
        .map_err(|e| fail(what, e))?;
    Ok(Outcome::Applied { rev: r.get(0) })
}

/// New rows, a chunk at a time. Ok(map gid → rev) for the rows inserted (a gid the server
/// already had is left out, for the careful path); Err(refusal) when the server refused them.
fn insert_chunk(
    tx: &mut Transaction,
    chunk: &[Change],
    replica: uuid::Uuid,
    tables: &mut LayerTables,
) -> Result<std::result::Result<std::collections::HashMap<String, i64>, String>> {
    let first = &chunk[0];
    let Some(target) = table_of(tx, first, tables)? else {
        // The layer is gone from the server: each new feature is a conflict with its deletion.
        return Ok(Ok(Default::default()));
    };
    let table = &target.table;
    let layer_name = &target.layer_name;
    let rows =
        Value::Array(chunk.iter().map(|c| server_row(c, c.value.as_ref().expect("new rows have values"))).collect());
    let cols = column_list(first.kind, &target);
    let mut sp = tx.savepoint("chunk").map_err(|e| fail("starting a chunk", e))?;
    let inserted = sp.query(
        &format!(
            "INSERT INTO {table} (gid, {cols}, replica) SELECT gid, {cols}, $2 FROM jsonb_populate_recordset(NULL::{table}, $1)
             ON CONFLICT (gid) DO NOTHING RETURNING gid::text, rev"
        ),
        &[&rows, &replica],
    );
    match inserted {
        Ok(rows) => {
            sp.commit().map_err(|e| fail("finishing a chunk", e))?;
            Ok(Ok(rows.iter().map(|r| (r.get::<_, String>(0), r.get::<_, i64>(1))).collect()))
        }
        Err(e) if !is_connection_error(&e) => {
            sp.rollback().map_err(|e| fail("undoing a refused chunk", e))?;
            let what = if first.kind == Kind::Feature {
                format!("{} new features in layer {layer_name:?}", chunk.len())
            } else {
                format!("{} new {}s", chunk.len(), first.kind.name())
            };
            Ok(Err(server_error(&what, &e).to_string()))
        }
        Err(e) => Err(fail("pushing new rows", e)),
    }
}

fn delete_layer(tx: &mut Transaction, c: &Change, target: &Target, what: &str, replica: uuid::Uuid) -> Result<Outcome> {
    match current(tx, c, target)? {
        None => Ok(Outcome::Applied { rev: 0 }),
        Some(cur) if cur.value.is_none() => Ok(Outcome::Applied { rev: cur.rev }),
        Some(cur) if cur.rev != c.base_rev => record_conflict(tx, c, Some(cur), replica),
        Some(_) => {
            tx.execute("SELECT atlas_team.drop_layer($1::text::uuid)", &[&c.gid]).map_err(|e| fail(what, e))?;
            Ok(Outcome::Applied { rev: 0 })
        }
    }
}

fn owner_of(tx: &mut Transaction, table: &str, gid: &str) -> Result<Option<String>> {
    let col = match table {
        "atlas_team.layers" => "created_by",
        "atlas_team.notes" | "atlas_team.tours" => "owner",
        "atlas_team.tour_stops" => return Ok(None),
        _ => "edited_by",
    };
    Ok(tx
        .query_opt(&format!("SELECT {col}::text FROM {table} WHERE gid = $1::text::uuid"), &[&gid])
        .map_err(|e| fail("reading the owner", e))?
        .map(|r| r.get(0)))
}

fn record_conflict(tx: &mut Transaction, c: &Change, kept: Option<Current>, replica: uuid::Uuid) -> Result<Outcome> {
    let (kept_value, kept_rev, kept_by, kept_at) = match kept {
        Some(k) => (k.value, k.rev, k.by, k.at),
        None => (None, 0, None, None),
    };
    let kept_json = kept_value.clone().map(Value::Object);
    let other_json = c.value.clone().map(Value::Object);
    tx.execute(
        "INSERT INTO atlas_team.conflicts (entity, gid, layer_gid, kept, kept_rev, kept_by, kept_at, other, other_replica)
         VALUES ($1, $2::text::uuid, $3::text::uuid, $4, $5, $6::text::name, $7::text::timestamptz, $8, $9)",
        &[&c.kind.name(), &c.gid, &c.layer, &kept_json, &kept_rev, &kept_by, &kept_at, &other_json, &replica],
    )
    .map_err(|e| fail("recording a conflict", e))?;
    Ok(Outcome::Conflict { kept: kept_value, kept_rev })
}
