//! Writing a bureau row into the atlas file: the inverse of read.rs. Used for what a pull brings,
//! for the version a conflict kept, and for resolving a conflict. Runs inside the caller's
//! transaction.

use rusqlite::{params, Connection, Transaction};
use serde_json::{Map, Value};

use atlas_core::gpkg::{self, blob};

use crate::entity::{content_hash, Kind};
use crate::error::{Result, TeamError};
use crate::local::features;
use crate::local::read::{local_of, unhex};

/// What the written row is relative to the server.
#[derive(Debug, Clone, Copy)]
pub enum Sync {
    /// It is the server's version at this rev: nothing to push.
    Synced { rev: i64 },
    /// A local change to push, against this server rev (0: a row the server does not have).
    Pending { base_rev: i64 },
}

/// Writes (or, with `value` None, deletes) the row with bureau id `gid`. Returns false when the
/// row cannot be placed here — a feature whose layer or a stop whose tour this desktop does not
/// have (it was deleted here, and that deletion is pending).
pub fn apply(
    conn: &Transaction,
    kind: Kind,
    gid: &str,
    value: Option<&Map<String, Value>>,
    sync: Sync,
) -> Result<bool> {
    let mut local = local_of(conn, kind, gid)?;
    if let Some(l) = local.as_deref() {
        // Mapped but gone: deleted here, that deletion pending (and now lost to an edit that
        // got to the server first, whose version this is). Write it back as a new row.
        if !crate::local::read::exists(conn, kind, l)? {
            conn.execute("DELETE FROM team_map WHERE kind = ?1 AND local_id = ?2", params![kind.name(), l])?;
            conn.execute("DELETE FROM team_dirty WHERE kind = ?1 AND local_id = ?2", params![kind.name(), l])?;
            local = None;
        }
    }
    let Some(value) = value else {
        if let Some(local) = local {
            match sync {
                Sync::Synced { .. } => delete(conn, kind, &local)?,
                // A deletion to push: the row goes, its id stays until the server has it.
                Sync::Pending { base_rev } => {
                    delete_rows(conn, kind, &local)?;
                    conn.execute(
                        "UPDATE team_map SET rev = ?3, synced_hash = 'deleted-here' WHERE kind = ?1 AND local_id = ?2",
                        params![kind.name(), local, base_rev],
                    )?;
                    conn.execute("INSERT OR IGNORE INTO team_dirty VALUES (?1, ?2)", params![kind.name(), local])?;
                }
            }
        }
        return Ok(true);
    };
    let text = |k: &str| value.get(k).and_then(Value::as_str).unwrap_or_default().to_owned();
    let json_text = |k: &str, empty: &str| {
        value.get(k).filter(|v| !v.is_null()).map(|v| v.to_string()).unwrap_or_else(|| empty.to_owned())
    };
    let local_id = match kind {
        Kind::Layer => {
            let fields = features::fields_from_json(value.get("fields"));
            match local.as_deref().map(|id| features::layer_by_id(conn, id)).transpose()?.flatten() {
                Some(mut layer) => {
                    conn.execute(
                        "UPDATE user_layers SET name = ?2, source = ?3 WHERE id = ?1",
                        params![layer.id, text("name"), text("source")],
                    )?;
                    features::add_fields(conn, &mut layer, &fields)?;
                    layer.id
                }
                None => features::create_layer(conn, &text("name"), &text("source"), &text("created_at"), &fields)?.id,
            }
        }
        Kind::Feature => {
            let Some(layer_id) = local_of(conn, Kind::Layer, &text("layer"))? else { return Ok(false) };
            let Some(mut layer) = features::layer_by_id(conn, &layer_id)? else { return Ok(false) };
            // Fields the layer row did not bring yet (its pull comes first, but a kept version
            // from a conflict may carry a field this desktop has not seen).
            let missing: Vec<atlas_core::import::fields::FieldDef> = value
                .get("properties")
                .and_then(Value::as_object)
                .map(|p| {
                    p.iter()
                        .filter(|(k, _)| !layer.fields.iter().any(|f| f.name.eq_ignore_ascii_case(k)))
                        .map(|(k, v)| atlas_core::import::fields::FieldDef {
                            name: k.clone(),
                            kind: atlas_core::import::fields::FieldKind::of_value(v)
                                .unwrap_or(atlas_core::import::fields::FieldKind::Text),
                        })
                        .collect()
                })
                .unwrap_or_default();
            features::add_fields(conn, &mut layer, &missing)?;
            let geom = geometry_blob(&text("geom")).map_err(|e| TeamError::Server(format!("feature {gid}: {e}")))?;
            let existing = local.as_deref().and_then(|l| l.parse::<i64>().ok());
            let id = features::write_feature(conn, &layer, existing, value, &geom)?.to_string();
            if let Some(old) = local.as_deref().filter(|old| *old != id) {
                conn.execute("DELETE FROM team_map WHERE kind = 'feature' AND local_id = ?1", [old])?;
                conn.execute("DELETE FROM team_dirty WHERE kind = 'feature' AND local_id = ?1", [old])?;
            }
            id
        }
        Kind::Tour => match local {
            Some(id) => {
                conn.execute(
                    "UPDATE user_tours SET name_zh = ?2, name_en = ?3, updated_at = ?4 WHERE id = ?1",
                    params![id, text("name_zh"), text("name_en"), text("updated_at")],
                )?;
                id
            }
            None => {
                let id = fresh_id(conn, "user_tours", "tour")?;
                conn.execute(
                    "INSERT INTO user_tours (id, name_zh, name_en, origin, ord, created_at, updated_at)
                     VALUES (?1, ?2, ?3, 'user', (SELECT coalesce(max(ord) + 1, 0) FROM user_tours), ?4, ?5)",
                    params![id, text("name_zh"), text("name_en"), text("created_at"), text("updated_at")],
                )?;
                id
            }
        },
        Kind::Stop => {
            let Some(tour_id) = local_of(conn, Kind::Tour, &text("tour_gid"))? else { return Ok(false) };
            let num = |k: &str| value.get(k).and_then(Value::as_f64);
            let element = value.get("element_id").and_then(Value::as_str).map(str::to_owned);
            let row = params![
                tour_id,
                value.get("ord").and_then(Value::as_i64).unwrap_or(0),
                element,
                num("min_x"),
                num("min_y"),
                num("max_x"),
                num("max_y"),
                json_text("layers", "[]"),
                text("caption_zh"),
                text("caption_en"),
                text("notes")
            ];
            match local {
                Some(fid) => {
                    conn.execute(
                        "UPDATE user_tour_stops SET tour_id = ?1, ord = ?2, element_id = ?3, min_x = ?4, min_y = ?5, max_x = ?6,
                         max_y = ?7, layers = ?8, caption_zh = ?9, caption_en = ?10, notes = ?11 WHERE fid = ?12",
                        rusqlite::params_from_iter(row.iter().copied().chain([&fid as &dyn rusqlite::ToSql])),
                    )?;
                    fid
                }
                None => {
                    conn.execute(
                        "INSERT INTO user_tour_stops (tour_id, ord, element_id, min_x, min_y, max_x, max_y, layers, caption_zh, caption_en, notes)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                        row,
                    )?;
                    conn.last_insert_rowid().to_string()
                }
            }
        }
        Kind::Note => {
            let target_kind = text("target_kind");
            let mut target_id = text("target_id");
            if target_kind == "feature" {
                if let Some(fid) = local_of(conn, Kind::Feature, &target_id)? {
                    target_id = fid;
                }
            }
            let row = params![target_kind, target_id, text("text"), text("created_at"), text("updated_at")];
            match local {
                Some(fid) => {
                    conn.execute(
                        "UPDATE user_notes SET target_kind = ?1, target_id = ?2, text = ?3, created_at = ?4, updated_at = ?5 WHERE fid = ?6",
                        rusqlite::params_from_iter(row.iter().copied().chain([&fid as &dyn rusqlite::ToSql])),
                    )?;
                    fid
                }
                None => {
                    conn.execute(
                        "INSERT INTO user_notes (target_kind, target_id, text, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                        row,
                    )?;
                    conn.last_insert_rowid().to_string()
                }
            }
        }
    };
    let (rev, hash) = match sync {
        Sync::Synced { rev } => (rev, Some(content_hash(value))),
        Sync::Pending { base_rev } => (base_rev, None),
    };
    let parent = (kind == Kind::Feature).then(|| text("layer"));
    conn.prepare_cached(
        "INSERT INTO team_map (kind, local_id, gid, rev, synced_hash, parent) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (kind, local_id) DO UPDATE SET gid = ?3, rev = ?4, synced_hash = ?5, parent = ?6",
    )?
    .execute(params![kind.name(), local_id, gid, rev, hash, parent])?;
    match sync {
        Sync::Synced { .. } => conn.prepare_cached("DELETE FROM team_dirty WHERE kind = ?1 AND local_id = ?2")?,
        Sync::Pending { .. } => conn.prepare_cached("INSERT OR IGNORE INTO team_dirty VALUES (?1, ?2)")?,
    }
    .execute(params![kind.name(), local_id])?;
    Ok(true)
}

/// Deletes a local row the bureau deleted, with what hangs off it (a layer's features, a
/// tour's stops), and forgets their ids.
fn delete(conn: &Connection, kind: Kind, local_id: &str) -> Result<()> {
    match kind {
        Kind::Layer => {
            if let Some(gid) = crate::local::read::gid_of(conn, Kind::Layer, local_id)? {
                conn.execute("DELETE FROM team_map WHERE kind = 'feature' AND parent = ?1", [&gid])?;
            }
        }
        Kind::Tour => {
            conn.execute(
                "DELETE FROM team_map WHERE kind = 'stop' AND local_id IN (SELECT CAST(fid AS TEXT) FROM user_tour_stops WHERE tour_id = ?1)",
                [local_id],
            )?;
        }
        _ => {}
    }
    delete_rows(conn, kind, local_id)?;
    conn.execute("DELETE FROM team_map WHERE kind = ?1 AND local_id = ?2", [kind.name(), local_id])?;
    conn.execute("DELETE FROM team_dirty WHERE kind = ?1 AND local_id = ?2", [kind.name(), local_id])?;
    Ok(())
}

/// The local rows themselves, as the core deletes them.
fn delete_rows(conn: &Connection, kind: Kind, local_id: &str) -> Result<()> {
    match kind {
        Kind::Layer => {
            if let Some(layer) = features::layer_by_id(conn, local_id)? {
                features::drop_layer(conn, &layer)?;
            }
        }
        Kind::Feature => features::delete_feature(conn, local_id.parse().unwrap_or(-1))?,
        Kind::Tour => {
            conn.execute("DELETE FROM user_tour_stops WHERE tour_id = ?1", [local_id])?;
            conn.execute("DELETE FROM user_tours WHERE id = ?1", [local_id])?;
        }
        Kind::Stop | Kind::Note => {
            let (table, key) = kind.local_table();
            conn.execute(&format!("DELETE FROM {table} WHERE {key} = ?1"), [local_id])?;
        }
    }
    Ok(())
}

/// `layer-7`, `tour-3`: the next free id in the style the core gives its own rows.
fn fresh_id(conn: &Connection, table: &str, prefix: &str) -> rusqlite::Result<String> {
    let mut n: i64 = conn.query_row(&format!("SELECT coalesce(max(fid), 0) + 1 FROM {table}"), [], |r| r.get(0))?;
    loop {
        let id = format!("{prefix}-{n}");
        let taken: bool =
            conn.query_row(&format!("SELECT count(*) > 0 FROM {table} WHERE id = ?1"), [&id], |r| r.get(0))?;
        if !taken {
            return Ok(id);
        }
        n += 1;
    }
}

/// A GeoPackage geometry blob from WKB (hex), through the core's codec so the envelope and
/// header are what the rest of the atlas writes.
fn geometry_blob(wkb_hex: &str) -> std::result::Result<Vec<u8>, String> {
    let wkb = unhex(wkb_hex).ok_or("geometry is not hex WKB")?;
    let mut bare = Vec::with_capacity(8 + wkb.len());
    bare.extend_from_slice(b"GP\0\x01");
    bare.extend_from_slice(&gpkg::WGS84.to_le_bytes());
    bare.extend_from_slice(&wkb);
    let g = blob::decode(&bare).map_err(|e| format!("geometry: {e}"))?;
    Ok(blob::encode(&g, gpkg::WGS84))
}
