//! Local rows in their wire form (see entity.rs): local ids that point at other rows (a
//! feature's layer, a stop's tour, a note's feature) become bureau-wide ids.

use rusqlite::{Connection, OptionalExtension};
use serde_json::{json, Map, Value};

use crate::entity::Kind;
use crate::error::{Result, TeamError};

pub fn gid_of(conn: &Connection, kind: Kind, local_id: &str) -> rusqlite::Result<Option<String>> {
    conn.prepare_cached("SELECT gid FROM team_map WHERE kind = ?1 AND local_id = ?2")?
        .query_row([kind.name(), local_id], |r| r.get(0))
        .optional()
}

pub fn local_of(conn: &Connection, kind: Kind, gid: &str) -> rusqlite::Result<Option<String>> {
    conn.prepare_cached("SELECT local_id FROM team_map WHERE kind = ?1 AND gid = ?2")?
        .query_row([kind.name(), gid], |r| r.get(0))
        .optional()
}

/// Gives every dirty row that has none a bureau-wide id (tours and stops: only the user's own;
/// the default tours belong to the plan edition every desktop already has).
pub fn assign_ids(conn: &Connection) -> rusqlite::Result<usize> {
    let mut stmt = conn.prepare(
        "SELECT d.kind, d.local_id FROM team_dirty d
         WHERE NOT EXISTS (SELECT 1 FROM team_map m WHERE m.kind = d.kind AND m.local_id = d.local_id)",
    )?;
    let unmapped: Vec<(String, String)> =
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
    let mut insert = conn.prepare("INSERT INTO team_map (kind, local_id, gid) VALUES (?1, ?2, ?3)")?;
    let mut n = 0;
    for (kind, local_id) in unmapped {
        let Some(k) = Kind::parse(&kind) else { continue };
        if exists(conn, k, &local_id)? {
            insert.execute([&kind, &local_id, &uuid::Uuid::new_v4().to_string()])?;
            n += 1;
        }
    }
    Ok(n)
}

pub fn exists(conn: &Connection, kind: Kind, local_id: &str) -> rusqlite::Result<bool> {
    let sql = match kind {
        Kind::Tour => "SELECT count(*) > 0 FROM user_tours WHERE id = ?1 AND origin = 'user'",
        Kind::Stop => {
            "SELECT count(*) > 0 FROM user_tour_stops s JOIN user_tours t ON t.id = s.tour_id AND t.origin = 'user' WHERE s.fid = ?1"
        }
        Kind::Layer => "SELECT count(*) > 0 FROM user_layers WHERE id = ?1",
        Kind::Feature => {
            let id: i64 = local_id.parse().unwrap_or(-1);
            return Ok(crate::local::features::read_feature(conn, id).ok().flatten().is_some());
        }
        Kind::Note => "SELECT count(*) > 0 FROM user_notes WHERE fid = ?1",
    };
    conn.prepare_cached(sql)?.query_row([local_id], |r| r.get(0))
}

/// The row in wire form, or None when it is gone (or not shared: a default tour).
pub fn read(conn: &Connection, kind: Kind, local_id: &str) -> Result<Option<Map<String, Value>>> {
    let value = match kind {
        Kind::Layer => {
            let row = conn
                .prepare_cached("SELECT name, source, created_at FROM user_layers WHERE id = ?1")?
                .query_row([local_id], |r| {
                    Ok(json!({"name": r.get::<_, String>(0)?, "source": r.get::<_, String>(1)?, "created_at": r.get::<_, String>(2)?}))
                })
                .optional()?;
            match (row, crate::local::features::layer_by_id(conn, local_id)?) {
                (Some(mut v), Some(layer)) => {
                    v["fields"] = crate::local::features::fields_json(&layer.fields);
                    Some(v)
                }
                _ => None,
            }
        }
        Kind::Feature => match crate::local::features::read_feature(conn, local_id.parse().unwrap_or(-1))? {
            None => None,
            Some((layer, mut v)) => {
                let gid = gid_of(conn, Kind::Layer, &layer.id)?.ok_or_else(|| {
                    TeamError::Local(format!("feature {local_id} is in layer {}, which has no team id yet", layer.id))
                })?;
                v.insert("layer".into(), Value::String(gid));
                Some(Value::Object(v))
            }
        },
        Kind::Tour => conn
            .prepare_cached(
                "SELECT name_zh, name_en, created_at, updated_at FROM user_tours WHERE id = ?1 AND origin = 'user'",
            )?
            .query_row([local_id], |r| {
                Ok(json!({"name_zh": r.get::<_, String>(0)?, "name_en": r.get::<_, String>(1)?,
                          "created_at": r.get::<_, String>(2)?, "updated_at": r.get::<_, String>(3)?}))
            })
            .optional()?,
        Kind::Stop => {
            let row = conn
                .prepare_cached(
                    "SELECT s.tour_id, s.ord, s.element_id, s.min_x, s.min_y, s.max_x, s.max_y, s.layers, s.caption_zh, s.caption_en, s.notes
                     FROM user_tour_stops s JOIN user_tours t ON t.id = s.tour_id AND t.origin = 'user' WHERE s.fid = ?1",
                )?
                .query_row([local_id], |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        json!({
                            "ord": r.get::<_, i64>(1)?, "element_id": r.get::<_, Option<String>>(2)?,
                            "min_x": r.get::<_, Option<f64>>(3)?, "min_y": r.get::<_, Option<f64>>(4)?,
                            "max_x": r.get::<_, Option<f64>>(5)?, "max_y": r.get::<_, Option<f64>>(6)?,
                            "layers": serde_json::from_str::<Value>(&r.get::<_, String>(7)?).unwrap_or_else(|_| json!([])),
                            "caption_zh": r.get::<_, String>(8)?, "caption_en": r.get::<_, String>(9)?, "notes": r.get::<_, String>(10)?,
                        }),
                    ))
                })
                .optional()?;
            match row {
                None => None,
                Some((tour_id, mut v)) => {
                    let tour = gid_of(conn, Kind::Tour, &tour_id)?.ok_or_else(|| {
                        TeamError::Local(format!("tour stop {local_id} is in tour {tour_id}, which has no team id yet"))
                    })?;
                    v["tour_gid"] = Value::String(tour);
                    Some(v)
                }
            }
        }
        Kind::Note => {
            let row = conn
                .prepare_cached(
                    "SELECT target_kind, target_id, text, created_at, updated_at FROM user_notes WHERE fid = ?1",
                )?
                .query_row([local_id], |r| Ok([r.get::<_, String>(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?]))
                .optional()?;
            match row {
                None => None,
                Some([target_kind, target_id, text, created, updated]) => {
                    // A note on an own feature points at the feature's team id, which every
                    // desktop maps back to its own fid.
                    let target_id = if target_kind == "feature" {
                        gid_of(conn, Kind::Feature, &target_id)?.unwrap_or(target_id)
                    } else {
                        target_id
                    };
                    Some(json!({"target_kind": target_kind, "target_id": target_id, "text": text,
                                "created_at": created, "updated_at": updated}))
                }
            }
        }
    };
    Ok(value.map(|v| match v {
        Value::Object(m) => m,
        _ => unreachable!("every row is built as an object"),
    }))
}

pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(DIGITS[(b >> 4) as usize] as char);
        s.push(DIGITS[(b & 15) as usize] as char);
    }
    s
}

pub fn unhex(s: &str) -> Option<Vec<u8>> {
    if s.len() % 2 != 0 {
        return None;
    }
    (0..s.len()).step_by(2).map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok()).collect()
}
