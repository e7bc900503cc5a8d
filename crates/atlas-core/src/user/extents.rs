//! Each own layer's feature count and extent, kept up to date by triggers so that listing the
//! layers stays instant for layers of a million features. (Computed on demand from the R-tree,
//! the extent of a 1M-point layer took 2.25 s; the app lists layers at start and after edits.)
//!
//! Inserts widen the extent in place. A delete, or a geometry moved, that comes within 1e-4°
//! (~10 m) of the extent's edge could shrink it: the row is then dropped and recomputed on the
//! next listing, from the R-tree (whose f32 boxes round outward, hence the margin). A delete
//! well inside the extent only counts down. The kept extent always contains every feature. Not a GeoPackage layer (nothing is
//! registered in gpkg_contents): QGIS and GDAL do not see it, and lose nothing by editing the
//! feature table themselves — GDAL registers the ST_* functions the triggers call.

use rusqlite::{params, Connection, OptionalExtension, Transaction};

use crate::error::Result;

/// Schema 5: the table and its triggers on the shared `user_features` of schemas 4–7
/// (idempotent; schema 8 drops that table, and each layer table gets
/// [`create_layer_triggers`]).
pub fn create_extent_table(tx: &Transaction) -> rusqlite::Result<()> {
    tx.execute_batch(
        "CREATE TABLE IF NOT EXISTS user_layer_extents (
            layer_id TEXT PRIMARY KEY NOT NULL,
            feature_count INTEGER NOT NULL,
            min_x REAL, min_y REAL, max_x REAL, max_y REAL
         );
         CREATE TRIGGER IF NOT EXISTS user_features_extent_insert AFTER INSERT ON user_features
         BEGIN
            UPDATE user_layer_extents SET feature_count = feature_count + 1 WHERE layer_id = NEW.layer_id;
            UPDATE user_layer_extents SET
                min_x = coalesce(min(min_x, ST_MinX(NEW.geom)), ST_MinX(NEW.geom)),
                min_y = coalesce(min(min_y, ST_MinY(NEW.geom)), ST_MinY(NEW.geom)),
                max_x = coalesce(max(max_x, ST_MaxX(NEW.geom)), ST_MaxX(NEW.geom)),
                max_y = coalesce(max(max_y, ST_MaxY(NEW.geom)), ST_MaxY(NEW.geom))
            WHERE layer_id = NEW.layer_id AND NEW.geom IS NOT NULL AND NOT ST_IsEmpty(NEW.geom);
         END;
         CREATE TRIGGER IF NOT EXISTS user_features_extent_delete AFTER DELETE ON user_features
         BEGIN
            DELETE FROM user_layer_extents WHERE layer_id = OLD.layer_id
                AND (feature_count <= 1 OR (OLD.geom IS NOT NULL AND NOT ST_IsEmpty(OLD.geom)
                AND (ST_MinX(OLD.geom) <= min_x + 1e-4 OR ST_MinY(OLD.geom) <= min_y + 1e-4
                     OR ST_MaxX(OLD.geom) >= max_x - 1e-4 OR ST_MaxY(OLD.geom) >= max_y - 1e-4)));
            UPDATE user_layer_extents SET feature_count = feature_count - 1 WHERE layer_id = OLD.layer_id;
         END;
         CREATE TRIGGER IF NOT EXISTS user_features_extent_update AFTER UPDATE OF geom, layer_id ON user_features
         BEGIN
            DELETE FROM user_layer_extents WHERE layer_id IN (OLD.layer_id, NEW.layer_id);
         END;",
    )
}

/// Schema 8: the same triggers on one layer's own table, for its layer id.
pub(crate) fn create_layer_triggers(tx: &Transaction, table: &str, layer_id: &str) -> rusqlite::Result<()> {
    use crate::user::layer_table::quoted;
    let t = quoted(table);
    let name = |what: &str| quoted(&format!("{table}_extent_{what}"));
    let id = format!("'{}'", layer_id.replace('\'', "''"));
    tx.execute_batch(&format!(
        "CREATE TRIGGER {insert} AFTER INSERT ON {t}
         BEGIN
            UPDATE user_layer_extents SET feature_count = feature_count + 1 WHERE layer_id = {id};
            UPDATE user_layer_extents SET
                min_x = coalesce(min(min_x, ST_MinX(NEW.geom)), ST_MinX(NEW.geom)),
                min_y = coalesce(min(min_y, ST_MinY(NEW.geom)), ST_MinY(NEW.geom)),
                max_x = coalesce(max(max_x, ST_MaxX(NEW.geom)), ST_MaxX(NEW.geom)),
                max_y = coalesce(max(max_y, ST_MaxY(NEW.geom)), ST_MaxY(NEW.geom))
            WHERE layer_id = {id} AND NEW.geom IS NOT NULL AND NOT ST_IsEmpty(NEW.geom);
         END;
         CREATE TRIGGER {delete} AFTER DELETE ON {t}
         BEGIN
            DELETE FROM user_layer_extents WHERE layer_id = {id}
                AND (feature_count <= 1 OR (OLD.geom IS NOT NULL AND NOT ST_IsEmpty(OLD.geom)
                AND (ST_MinX(OLD.geom) <= min_x + 1e-4 OR ST_MinY(OLD.geom) <= min_y + 1e-4
                     OR ST_MaxX(OLD.geom) >= max_x - 1e-4 OR ST_MaxY(OLD.geom) >= max_y - 1e-4)));
            UPDATE user_layer_extents SET feature_count = feature_count - 1 WHERE layer_id = {id};
         END;
         CREATE TRIGGER {update} AFTER UPDATE OF geom ON {t}
         BEGIN
            DELETE FROM user_layer_extents WHERE layer_id = {id};
         END;",
        insert = name("insert"),
        delete = name("delete"),
        update = name("update"),
    ))
}

/// A layer's (count, extent), from the kept row or, when there is none, computed from the
/// R-tree and kept (where the connection may write).
pub(crate) fn layer_extent(conn: &Connection, layer_id: &str) -> Result<(usize, Option<[f64; 4]>)> {
    let kept: Option<(i64, Option<f64>, Option<f64>, Option<f64>, Option<f64>)> = conn
        .prepare_cached("SELECT feature_count, min_x, min_y, max_x, max_y FROM user_layer_extents WHERE layer_id = ?1")?
        .query_row([layer_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))
        .optional()?;
    let (count, a, b, c, d) = match kept {
        Some(row) => row,
        None => {
            use crate::user::layer_table::{layer_table_of, quoted};
            let Some((_, table)) = layer_table_of(conn, layer_id)? else { return Ok((0, None)) };
            let count: i64 = conn.query_row(&format!("SELECT count(*) FROM {}", quoted(&table)), [], |r| r.get(0))?;
            let (a, b, c, d): (Option<f64>, Option<f64>, Option<f64>, Option<f64>) = conn.query_row(
                &format!(
                    "SELECT min(minx), min(miny), max(maxx), max(maxy) FROM {}",
                    quoted(&format!("rtree_{table}_geom"))
                ),
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )?;
            // A read-only connection cannot keep it; that only costs the next listing the same work.
            let _ = conn.execute(
                "INSERT OR REPLACE INTO user_layer_extents VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![layer_id, count, a, b, c, d],
            );
            (count, a, b, c, d)
        }
    };
    let bbox = match (a, b, c, d) {
        (Some(a), Some(b), Some(c), Some(d)) => Some([a, b, c, d]),
        _ => None,
    };
    Ok((count as usize, bbox))
}

/// A new, empty layer starts with a kept row (so its inserts widen it from the first feature).
pub(crate) fn start_layer(tx: &Transaction, layer_id: &str) -> rusqlite::Result<()> {
    tx.execute("INSERT OR REPLACE INTO user_layer_extents VALUES (?1, 0, NULL, NULL, NULL, NULL)", [layer_id])?;
    Ok(())
}

/// A deleted layer's row goes with it.
pub(crate) fn forget_layer(tx: &Transaction, layer_id: &str) -> rusqlite::Result<()> {
    tx.execute("DELETE FROM user_layer_extents WHERE layer_id = ?1", [layer_id])?;
    Ok(())
}

/// A layer's count and extent as its writer computed them (imports).
pub(crate) fn keep(tx: &Transaction, layer_id: &str, count: usize, extent: Option<geo::Rect>) -> rusqlite::Result<()> {
    let b = extent.map(|r| [r.min().x, r.min().y, r.max().x, r.max().y]);
    tx.execute(
        "INSERT OR REPLACE INTO user_layer_extents VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![layer_id, count as i64, b.map(|b| b[0]), b.map(|b| b[1]), b.map(|b| b[2]), b.map(|b| b[3])],
    )?;
    Ok(())
}

pub(crate) fn union(a: geo::Rect, b: geo::Rect) -> geo::Rect {
    geo::Rect::new(
        geo::coord! { x: a.min().x.min(b.min().x), y: a.min().y.min(b.min().y) },
        geo::coord! { x: a.max().x.max(b.max().x), y: a.max().y.max(b.max().y) },
    )
}
