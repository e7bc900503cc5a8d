//! A spatial index of own features by layer, for views of large layers (schemas 6–7; schema 8
//! gives each layer a table and an R-tree of its own and drops this one: kept for the migration
//! chain).
//!
//! The GeoPackage R-tree (`rtree_user_features_geom`) indexes every own feature of every layer
//! together. A view of one layer then also walks every other layer's features in the same
//! area and fetches each row to read its layer: with a 1M-point layer beside a 100k-cell grid,
//! the grid's city-centre view at zoom 11 took 600 ms, of which 30 ms was the grid's own cells.
//! This R-tree adds the layer as a dimension, so a view walks only its layer's entries, and a
//! "point" dimension (1 for a feature whose box is a point), so points are clustered and small
//! shapes turned into dots from the index entry alone, without reading the feature row.
//!
//! Kept by triggers, like the GeoPackage's own R-tree; they call the same ST_* functions, which
//! GDAL registers too, so QGIS can still edit the feature table. Not a GeoPackage table (not in
//! gpkg_contents): other readers do not see it.

use rusqlite::Transaction;

pub const LAYER_INDEX: &str = "rtree_user_features_by_layer";

const ENTRY: &str = "ST_MinX(f.geom), ST_MaxX(f.geom), ST_MinY(f.geom), ST_MaxY(f.geom),
    ST_MinX(f.geom) = ST_MaxX(f.geom) AND ST_MinY(f.geom) = ST_MaxY(f.geom),
    ST_MinX(f.geom) = ST_MaxX(f.geom) AND ST_MinY(f.geom) = ST_MaxY(f.geom)";

/// Schema 6: the index and its triggers (idempotent), filled from the features already there.
pub fn create_layer_index(tx: &Transaction) -> rusqlite::Result<()> {
    // R-tree coordinates are 32-bit floats: layer numbers (user_layers.fid) are exact below 2^24.
    tx.execute_batch(
        "CREATE VIRTUAL TABLE IF NOT EXISTS rtree_user_features_by_layer USING rtree(
            id, layer_lo, layer_hi, minx, maxx, miny, maxy, point_lo, point_hi);
         CREATE TRIGGER IF NOT EXISTS user_features_by_layer_insert AFTER INSERT ON user_features
         WHEN NEW.geom IS NOT NULL AND NOT ST_IsEmpty(NEW.geom)
         BEGIN
            INSERT OR REPLACE INTO rtree_user_features_by_layer
            SELECT NEW.fid, l.fid, l.fid, ST_MinX(NEW.geom), ST_MaxX(NEW.geom), ST_MinY(NEW.geom), ST_MaxY(NEW.geom),
                   p.point, p.point
            FROM user_layers l,
                 (SELECT ST_MinX(NEW.geom) = ST_MaxX(NEW.geom) AND ST_MinY(NEW.geom) = ST_MaxY(NEW.geom) AS point) p
            WHERE l.id = NEW.layer_id;
         END;
         CREATE TRIGGER IF NOT EXISTS user_features_by_layer_update AFTER UPDATE OF geom, layer_id ON user_features
         BEGIN
            DELETE FROM rtree_user_features_by_layer WHERE id = OLD.fid;
            INSERT OR REPLACE INTO rtree_user_features_by_layer
            SELECT NEW.fid, l.fid, l.fid, ST_MinX(NEW.geom), ST_MaxX(NEW.geom), ST_MinY(NEW.geom), ST_MaxY(NEW.geom),
                   p.point, p.point
            FROM user_layers l,
                 (SELECT ST_MinX(NEW.geom) = ST_MaxX(NEW.geom) AND ST_MinY(NEW.geom) = ST_MaxY(NEW.geom) AS point) p
            WHERE l.id = NEW.layer_id AND NEW.geom IS NOT NULL AND NOT ST_IsEmpty(NEW.geom);
         END;
         CREATE TRIGGER IF NOT EXISTS user_features_by_layer_delete AFTER DELETE ON user_features
         BEGIN
            DELETE FROM rtree_user_features_by_layer WHERE id = OLD.fid;
         END;",
    )?;
    let empty: bool =
        tx.query_row("SELECT NOT EXISTS (SELECT 1 FROM rtree_user_features_by_layer)", [], |r| r.get(0))?;
    if empty {
        tx.execute_batch(&format!(
            "INSERT INTO rtree_user_features_by_layer
             SELECT f.fid, l.fid, l.fid, {ENTRY}
             FROM user_features f JOIN user_layers l ON l.id = f.layer_id
             WHERE f.geom IS NOT NULL AND NOT ST_IsEmpty(f.geom);"
        ))?;
    }
    Ok(())
}
