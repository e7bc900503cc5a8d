//! The raster basemaps a user added, remembered in the atlas file (table `user_basemaps`, an
//! attributes table in gpkg_contents): the tile set's path and what it said about itself, with
//! the opacity and visibility the user set. The table is made the first time one is added, so
//! an atlas without basemaps needs no migration.

use std::path::Path;

use rusqlite::{params, OptionalExtension, Row};
use serde::Serialize;

use super::source::{TileFormat, TileSet};
use crate::error::{AtlasError, Result};
use crate::gpkg::tables::create_attributes_table;
use crate::store::Atlas;

const TABLE: &str = "user_basemaps";

/// A basemap as the layer panel lists it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct SavedBasemap {
    pub id: i64,
    pub path: String,
    pub format: TileFormat,
    pub name: String,
    pub attribution: String,
    pub min_zoom: u8,
    pub max_zoom: u8,
    /// [min_lon, min_lat, max_lon, max_lat], when the tile set says.
    pub bounds: Option<[f64; 4]>,
    /// 0 (invisible) to 1 (opaque).
    pub opacity: f64,
    pub visible: bool,
    /// False when the file is no longer where it was added from (moved, on an unplugged disk).
    pub available: bool,
}

fn from_row(r: &Row) -> rusqlite::Result<SavedBasemap> {
    let path: String = r.get("path")?;
    let format: String = r.get("format")?;
    let bounds: Option<String> = r.get("bounds")?;
    Ok(SavedBasemap {
        id: r.get("fid")?,
        available: Path::new(&path).is_file(),
        path,
        format: if format == "gpkg" { TileFormat::Gpkg } else { TileFormat::Mbtiles },
        name: r.get("name")?,
        attribution: r.get("attribution")?,
        min_zoom: r.get("min_zoom")?,
        max_zoom: r.get("max_zoom")?,
        bounds: bounds.and_then(|b| serde_json::from_str(&b).ok()),
        opacity: r.get("opacity")?,
        visible: r.get::<_, i64>("visible")? != 0,
    })
}

impl Atlas {
    fn has_basemap_table(&self) -> Result<bool> {
        Ok(self
            .conn
            .query_row("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1", [TABLE], |_| Ok(()))
            .optional()?
            .is_some())
    }

    /// The basemaps added, in the order they were.
    pub fn basemaps(&self) -> Result<Vec<SavedBasemap>> {
        if !self.has_basemap_table()? {
            return Ok(Vec::new());
        }
        let mut stmt = self.conn.prepare(&format!("SELECT * FROM {TABLE} ORDER BY fid"))?;
        let rows = stmt.query_map([], from_row)?.collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    pub fn basemap(&self, id: i64) -> Result<SavedBasemap> {
        self.basemaps()?
            .into_iter()
            .find(|b| b.id == id)
            .ok_or_else(|| AtlasError::NotFound(format!("no basemap {id}; the layer panel lists them")))
    }

    /// Adds the tile set at `path` (checked by opening it) as a visible basemap at 80 % opacity.
    pub fn add_basemap(&self, path: &Path) -> Result<SavedBasemap> {
        let set = TileSet::open(path, None)?;
        let info = &set.info;
        let tx = self.conn.unchecked_transaction()?;
        let exists: bool = tx
            .query_row("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1", [TABLE], |_| Ok(()))
            .optional()?
            .is_some();
        if !exists {
            create_attributes_table(
                &tx,
                TABLE,
                "Raster basemaps",
                "Offline raster tile sets (MBTiles, GeoPackage tiles) shown under the plan",
                &[
                    "fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL",
                    "path TEXT NOT NULL",
                    "format TEXT NOT NULL CHECK (format IN ('mbtiles', 'gpkg'))",
                    "tile_table TEXT NOT NULL",
                    "name TEXT NOT NULL",
                    "attribution TEXT NOT NULL",
                    "min_zoom INTEGER NOT NULL",
                    "max_zoom INTEGER NOT NULL",
                    "bounds TEXT",
                    "opacity REAL NOT NULL DEFAULT 0.8 CHECK (opacity >= 0 AND opacity <= 1)",
                    "visible INTEGER NOT NULL DEFAULT 1",
                    "added_at TEXT NOT NULL",
                ],
                None,
            )?;
        }
        let format = match info.format {
            TileFormat::Mbtiles => "mbtiles",
            TileFormat::Gpkg => "gpkg",
        };
        tx.execute(
            &format!(
                "INSERT INTO {TABLE} (path, format, tile_table, name, attribution, min_zoom, max_zoom, bounds, added_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, strftime('%Y-%m-%dT%H:%M:%SZ','now'))"
            ),
            params![
                set.path().to_string_lossy(),
                format,
                info.table,
                info.name,
                info.attribution,
                info.min_zoom,
                info.max_zoom,
                info.bounds.map(|b| serde_json::to_string(&b).expect("numbers serialise")),
            ],
        )?;
        let id = tx.last_insert_rowid();
        tx.commit()?;
        self.basemap(id)
    }

    /// Sets a basemap's opacity (clamped to 0–1) and / or visibility.
    pub fn update_basemap(&self, id: i64, opacity: Option<f64>, visible: Option<bool>) -> Result<SavedBasemap> {
        self.basemap(id)?;
        let tx = self.conn.unchecked_transaction()?;
        if let Some(o) = opacity {
            if !o.is_finite() {
                return Err(AtlasError::Invalid(format!("opacity {o} is not a number between 0 and 1")));
            }
            tx.execute(&format!("UPDATE {TABLE} SET opacity = ?1 WHERE fid = ?2"), params![o.clamp(0.0, 1.0), id])?;
        }
        if let Some(v) = visible {
            tx.execute(&format!("UPDATE {TABLE} SET visible = ?1 WHERE fid = ?2"), params![v, id])?;
        }
        tx.commit()?;
        self.basemap(id)
    }

    pub fn remove_basemap(&self, id: i64) -> Result<()> {
        self.basemap(id)?;
        let tx = self.conn.unchecked_transaction()?;
        tx.execute(&format!("DELETE FROM {TABLE} WHERE fid = ?1"), [id])?;
        tx.commit()?;
        Ok(())
    }

    /// Opens a saved basemap's tile set, for serving its tiles.
    pub fn open_basemap_tiles(&self, id: i64) -> Result<TileSet> {
        let b = self.basemap(id)?;
        let table: String =
            self.conn.query_row(&format!("SELECT tile_table FROM {TABLE} WHERE fid = ?1"), [id], |r| r.get(0))?;
        TileSet::open(Path::new(&b.path), (!table.is_empty()).then_some(table.as_str()))
    }
}
