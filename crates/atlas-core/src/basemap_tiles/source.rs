//! Reading a raster tile set a bureau hands out for offline use: an MBTiles file (tiles in TMS
//! rows, metadata table) or a GeoPackage tile pyramid (OGC GeoPackage tiles: gpkg_contents,
//! gpkg_tile_matrix_set, gpkg_tile_matrix) in Web Mercator. Tiles come out addressed as the
//! map asks for them: XYZ (Google / OSM) zoom, column and row from the top.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags, OptionalExtension};
use serde::Serialize;

use crate::error::{AtlasError, Result};

/// Largest tile handed to the map; a real 256 px JPEG/PNG tile is tens of kB.
pub const MAX_TILE_BYTES: usize = 4 << 20;
/// Deepest zoom accepted in a request (≈ 2 cm a pixel): beyond that a request is not a map's.
pub const MAX_ZOOM: u8 = 24;
/// Half the Web Mercator world's width in metres (EPSG:3857).
const WORLD_HALF: f64 = 20_037_508.342_789_244;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum TileFormat {
    Mbtiles,
    Gpkg,
}

/// What a tile set says about itself.
#[derive(Debug, Clone, Serialize)]
pub struct TileSetInfo {
    pub format: TileFormat,
    /// The GeoPackage tile table; empty for MBTiles.
    pub table: String,
    pub name: String,
    /// MBTiles `attribution` (or `description`), GeoPackage gpkg_contents.description.
    pub attribution: String,
    pub min_zoom: u8,
    pub max_zoom: u8,
    /// [min_lon, min_lat, max_lon, max_lat], when the file says.
    pub bounds: Option<[f64; 4]>,
}

/// A GeoPackage zoom level as a Web Mercator zoom, and where its matrix starts in that zoom's
/// global grid.
#[derive(Debug, Clone, Copy)]
struct GpkgLevel {
    gpkg_zoom: i64,
    web_zoom: u8,
    col_offset: i64,
    row_offset: i64,
}

/// An open tile set.
pub struct TileSet {
    conn: Connection,
    path: PathBuf,
    pub info: TileSetInfo,
    levels: Vec<GpkgLevel>,
}

fn bad(path: &Path, message: impl Into<String>) -> AtlasError {
    AtlasError::data(path, message)
}

fn has_table(conn: &Connection, name: &str) -> Result<bool> {
    Ok(conn
        .query_row("SELECT 1 FROM sqlite_master WHERE type IN ('table','view') AND name = ?1", [name], |_| Ok(()))
        .optional()?
        .is_some())
}

/// A table name from gpkg_contents, quoted for SQL (it is data, not ours).
fn quoted(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

impl TileSet {
    /// Opens `path` read-only and reads what it is; `table` picks one of several GeoPackage
    /// tile tables (the first is taken otherwise).
    pub fn open(path: &Path, table: Option<&str>) -> Result<TileSet> {
        let meta = std::fs::metadata(path).map_err(|source| AtlasError::Read { path: path.into(), source })?;
        if meta.is_dir() {
            return Err(bad(path, "is a folder; choose an .mbtiles or .gpkg file"));
        }
        let conn =
            Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
                .map_err(|e| {
                    bad(path, format!("cannot be opened as SQLite ({e}); choose an .mbtiles or .gpkg tile set"))
                })?;
        let not_tiles =
            |e: rusqlite::Error| bad(path, format!("is not a tile set ({e}); choose an .mbtiles or .gpkg file"));
        if has_table(&conn, "gpkg_contents").map_err(|_| bad(path, "is not an SQLite file"))? {
            Self::open_gpkg(conn, path, table)
        } else if has_table(&conn, "tiles").map_err(|_| not_tiles(rusqlite::Error::InvalidQuery))? {
            Self::open_mbtiles(conn, path)
        } else {
            Err(bad(path, "holds neither MBTiles tiles nor GeoPackage tiles; export a tile set from QGIS or GDAL (gdal_translate -of MBTILES)"))
        }
    }

    fn open_mbtiles(conn: Connection, path: &Path) -> Result<TileSet> {
        let meta = |key: &str| -> Option<String> {
            conn.query_row("SELECT value FROM metadata WHERE name = ?1", [key], |r| r.get::<_, String>(0)).ok()
        };
        let (lo, hi): (Option<i64>, Option<i64>) =
            conn.query_row("SELECT min(zoom_level), max(zoom_level) FROM tiles", [], |r| Ok((r.get(0)?, r.get(1)?)))?;
        let (Some(lo), Some(hi)) = (lo, hi) else {
            return Err(bad(path, "has no tiles"));
        };
        let zoom = |z: i64| u8::try_from(z).ok().filter(|z| *z <= MAX_ZOOM);
        let (Some(min_zoom), Some(max_zoom)) = (zoom(lo), zoom(hi)) else {
            return Err(bad(path, format!("has tiles at zoom {lo}–{hi}; a map uses 0–{MAX_ZOOM}")));
        };
        let bounds = meta("bounds").and_then(|b| {
            let v: Vec<f64> = b.split(',').filter_map(|x| x.trim().parse().ok()).collect();
            (v.len() == 4).then(|| [v[0], v[1], v[2], v[3]])
        });
        let info = TileSetInfo {
            format: TileFormat::Mbtiles,
            table: String::new(),
            name: meta("name").filter(|n| !n.is_empty()).unwrap_or_else(|| file_stem(path)),
            attribution: meta("attribution").or_else(|| meta("description")).unwrap_or_default(),
            min_zoom,
            max_zoom,
            bounds,
        };
        Ok(TileSet { conn, path: path.into(), info, levels: Vec::new() })
    }

    fn open_gpkg(conn: Connection, path: &Path, table: Option<&str>) -> Result<TileSet> {
        let row: Option<(String, Option<String>, Option<String>, i64)> = conn
            .query_row(
                "SELECT table_name, identifier, description, srs_id FROM gpkg_contents
                 WHERE data_type = 'tiles' AND (?1 IS NULL OR table_name = ?1) ORDER BY table_name LIMIT 1",
                [table],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()?;
        let Some((table, identifier, description, _)) = row else {
            return Err(bad(
                path,
                "is a GeoPackage without a tile table; add a raster in QGIS or with gdal_translate -of GPKG",
            ));
        };
        let (srs, min_x, max_y): (i64, f64, f64) = conn.query_row(
            "SELECT s.organization_coordsys_id, m.min_x, m.max_y FROM gpkg_tile_matrix_set m
             JOIN gpkg_spatial_ref_sys s ON s.srs_id = m.srs_id WHERE m.table_name = ?1",
            [&table],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        if srs != 3857 {
            return Err(bad(
                path,
                format!(
                    "{table}: tiles in EPSG:{srs}; the map takes Web Mercator (EPSG:3857) tiles — re-create them with gdal_translate -of GPKG -co TILING_SCHEME=GoogleMapsCompatible"
                ),
            ));
        }
        let mut stmt = conn.prepare(
            "SELECT zoom_level, tile_width, pixel_x_size FROM gpkg_tile_matrix WHERE table_name = ?1 ORDER BY zoom_level",
        )?;
        let rows: Vec<(i64, i64, f64)> =
            stmt.query_map([&table], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<rusqlite::Result<_>>()?;
        drop(stmt);
        let mut levels = Vec::new();
        for (gpkg_zoom, tile_width, pixel) in rows {
            // The Web Mercator zoom whose pixel is this one, and the matrix's origin on its grid.
            let tile_metres = tile_width as f64 * pixel;
            let z = (2.0 * WORLD_HALF / tile_metres).log2();
            let col = (min_x + WORLD_HALF) / tile_metres;
            let row = (WORLD_HALF - max_y) / tile_metres;
            let aligned = |v: f64| (v - v.round()).abs() < 1e-6;
            if !aligned(z) || !aligned(col) || !aligned(row) || z < 0.0 || z > f64::from(MAX_ZOOM) {
                return Err(bad(
                    path,
                    format!(
                        "{table}: zoom level {gpkg_zoom} is not on the Web Mercator tile grid; re-create it with gdal_translate -of GPKG -co TILING_SCHEME=GoogleMapsCompatible"
                    ),
                ));
            }
            levels.push(GpkgLevel {
                gpkg_zoom,
                web_zoom: z.round() as u8,
                col_offset: col.round() as i64,
                row_offset: row.round() as i64,
            });
        }
        // Only levels that hold tiles count for the zoom range.
        let filled: Vec<i64> = conn
            .prepare(&format!("SELECT DISTINCT zoom_level FROM {}", quoted(&table)))?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        levels.retain(|l| filled.contains(&l.gpkg_zoom));
        let (Some(min_zoom), Some(max_zoom)) =
            (levels.iter().map(|l| l.web_zoom).min(), levels.iter().map(|l| l.web_zoom).max())
        else {
            return Err(bad(path, format!("{table}: has no tiles")));
        };
        let bounds: Option<[f64; 4]> = conn
            .query_row("SELECT min_x, min_y, max_x, max_y FROM gpkg_contents WHERE table_name = ?1", [&table], |r| {
                Ok([r.get::<_, Option<f64>>(0)?, r.get(1)?, r.get(2)?, r.get(3)?])
            })
            .ok()
            .and_then(|b| Some([b[0]?, b[1]?, b[2]?, b[3]?]))
            .map(|[x0, y0, x1, y1]| {
                let (lon0, lat0) = lonlat(x0, y0);
                let (lon1, lat1) = lonlat(x1, y1);
                [lon0, lat0, lon1, lat1]
            });
        let info = TileSetInfo {
            format: TileFormat::Gpkg,
            name: identifier.filter(|n| !n.is_empty()).unwrap_or_else(|| table.clone()),
            attribution: description.unwrap_or_default(),
            table,
            min_zoom,
            max_zoom,
            bounds,
        };
        Ok(TileSet { conn, path: path.into(), info, levels })
    }

    /// The tile at XYZ `z/x/y` (row 0 at the top), or None where the set has none. A request
    /// outside the grid is refused; a tile larger than [`MAX_TILE_BYTES`] is refused.
    pub fn tile(&self, z: u8, x: u32, y: u32) -> Result<Option<Vec<u8>>> {
        if z > MAX_ZOOM || u64::from(x) >= 1u64 << z || u64::from(y) >= 1u64 << z {
            return Err(AtlasError::Invalid(format!("tile {z}/{x}/{y} is outside the Web Mercator grid")));
        }
        if z < self.info.min_zoom || z > self.info.max_zoom {
            return Ok(None);
        }
        let blob: Option<Vec<u8>> = match self.info.format {
            TileFormat::Mbtiles => {
                // MBTiles rows count from the bottom (TMS).
                let row = (1i64 << z) - 1 - i64::from(y);
                self.conn
                    .prepare_cached(
                        "SELECT tile_data FROM tiles WHERE zoom_level = ?1 AND tile_column = ?2 AND tile_row = ?3",
                    )?
                    .query_row((i64::from(z), i64::from(x), row), |r| r.get(0))
                    .optional()?
            }
            TileFormat::Gpkg => {
                let Some(level) = self.levels.iter().find(|l| l.web_zoom == z) else { return Ok(None) };
                let (col, row) = (i64::from(x) - level.col_offset, i64::from(y) - level.row_offset);
                if col < 0 || row < 0 {
                    return Ok(None);
                }
                self.conn
                    .prepare_cached(&format!(
                        "SELECT tile_data FROM {} WHERE zoom_level = ?1 AND tile_column = ?2 AND tile_row = ?3",
                        quoted(&self.info.table)
                    ))?
                    .query_row((level.gpkg_zoom, col, row), |r| r.get(0))
                    .optional()?
            }
        };
        match blob {
            Some(b) if b.len() > MAX_TILE_BYTES => Err(bad(
                &self.path,
                format!("tile {z}/{x}/{y} is {} bytes; tiles over {MAX_TILE_BYTES} bytes are not drawn", b.len()),
            )),
            other => Ok(other),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

fn file_stem(path: &Path) -> String {
    path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default()
}

/// Web Mercator metres to degrees.
fn lonlat(x: f64, y: f64) -> (f64, f64) {
    let lon = x / WORLD_HALF * 180.0;
    let lat = (y / WORLD_HALF * std::f64::consts::PI).sinh().atan().to_degrees();
    (lon, lat)
}
