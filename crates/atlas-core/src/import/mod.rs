//! Importing layers: GeoJSON (a FeatureCollection, a Feature or a bare geometry; the legacy
//! `crs` member understood), GeoPackage (pick layers), CSV with longitude/latitude columns.
//! Coordinates in GCJ-02 or BD-09 are converted to WGS84 on the way in.
//!
//! Bad input never half-imports: everything goes in one transaction, and the first problem
//! stops it with an error naming the file, the feature (by its index in the file, from 0) and
//! the field, and saying what to do. Repairs that need no guessing (closing a ring, making a
//! bow-tie valid) are made and listed in the report.

pub mod csv_file;
pub mod geojson_file;
pub mod gpkg_file;
pub mod validate;

use std::path::{Path, PathBuf};

use geo::MapCoords;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::error::{AtlasError, Result};
use crate::gcj02::Datum;
use crate::store::Atlas;
use crate::user::features::{geometry_blob, insert_feature, insert_layer, FeatureAttributes};

/// Files larger than this are refused unless the user raises the limit.
pub const DEFAULT_MAX_BYTES: u64 = 512 * 1024 * 1024;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ImportOptions {
    /// Name of the new layer; the file's name if absent (GeoPackage: each layer's own name).
    pub layer_name: Option<String>,
    /// The datum the file's coordinates are in.
    pub datum: Datum,
    pub max_bytes: u64,
    /// CSV: the longitude and latitude columns; found by name if absent.
    pub lon_column: Option<String>,
    pub lat_column: Option<String>,
    /// GeoPackage: which feature tables to import; all if absent.
    pub gpkg_layers: Option<Vec<String>>,
}

impl Default for ImportOptions {
    fn default() -> Self {
        ImportOptions {
            layer_name: None,
            datum: Datum::Wgs84,
            max_bytes: DEFAULT_MAX_BYTES,
            lon_column: None,
            lat_column: None,
            gpkg_layers: None,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct ImportReport {
    pub file: PathBuf,
    pub layers: Vec<String>,
    pub features: usize,
    /// (feature index, what was repaired)
    pub repaired: Vec<(usize, String)>,
    pub bytes: u64,
    pub seconds: f64,
}

/// One feature read from a file, before validation.
pub struct IncomingFeature {
    pub geometry: geo::Geometry<f64>,
    pub properties: Map<String, Value>,
    /// Repairs made while reading (e.g. geo closes GeoJSON rings as it converts them).
    pub repairs: Vec<validate::Repair>,
}

/// An import problem, pointing at the exact place.
pub fn problem(
    file: &Path,
    feature: Option<usize>,
    field: Option<&str>,
    message: impl std::fmt::Display,
) -> AtlasError {
    let mut at = file.display().to_string();
    if let Some(i) = feature {
        at.push_str(&format!(": feature {i}"));
    }
    if let Some(f) = field {
        at.push_str(&format!(": {f}"));
    }
    AtlasError::Invalid(format!("{at}: {message}. Nothing was imported."))
}

/// Reads the whole file, refusing what is too big, empty, or (for text formats) not UTF-8.
pub fn read_limited(path: &Path, max_bytes: u64) -> Result<Vec<u8>> {
    let meta = std::fs::metadata(path).map_err(|source| AtlasError::Read { path: path.into(), source })?;
    if meta.len() > max_bytes {
        return Err(problem(
            path,
            None,
            None,
            format!("the file is {:.0} MB, over the import limit of {:.0} MB; raise the limit (--max-mb in the CLI) if this is intended", meta.len() as f64 / 1e6, max_bytes as f64 / 1e6),
        ));
    }
    if meta.len() == 0 {
        return Err(problem(path, None, None, "the file is empty"));
    }
    std::fs::read(path).map_err(|source| AtlasError::Read { path: path.into(), source })
}

/// The text of a file that must be UTF-8, or an error saying where it is not.
pub fn utf8<'a>(path: &Path, bytes: &'a [u8]) -> Result<&'a str> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| {
        problem(path, None, None, format!("the file is not UTF-8 (first bad byte at offset {}); save it as UTF-8 (GBK/GB18030 files must be converted)", e.valid_up_to()))
    })
}

/// Picks the editable attributes out of a file's properties (names as files usually call them).
pub fn attributes_from(properties: &Map<String, Value>) -> FeatureAttributes {
    let text = |keys: &[&str]| -> String {
        keys.iter()
            .find_map(|k| properties.get(*k))
            .map(|v| match v {
                Value::String(s) => s.clone(),
                Value::Null => String::new(),
                other => other.to_string(),
            })
            .unwrap_or_default()
            .chars()
            .take(crate::user::features::MAX_ATTRIBUTE_CHARS)
            .collect()
    };
    FeatureAttributes {
        name_zh: text(&["name_zh", "名称", "name", "NAME", "Name"]),
        name_en: text(&["name_en", "NAME_EN", "english_name"]),
        category: text(&["category", "类别", "type", "class"]),
        description: text(&["description", "描述", "desc", "note"]),
    }
}

/// How often progress is reported, in features.
const PROGRESS_EVERY: usize = 2000;

/// Writes features into a new layer inside `tx`, validating each; returns repairs.
pub(crate) fn write_layer(
    tx: &rusqlite::Transaction,
    path: &Path,
    layer_name: &str,
    source: &str,
    datum: Datum,
    features: impl Iterator<Item = Result<IncomingFeature>>,
    total_hint: usize,
    progress: &dyn Fn(usize, usize) -> bool,
    report: &mut ImportReport,
) -> Result<()> {
    let layer_id = insert_layer(tx, layer_name, source)?;
    // The layer's kept extent is written once at the end, from the geometries as they pass,
    // rather than widened by a trigger per row (which made a 1M-point import 20% slower).
    crate::user::extents::forget_layer(tx, &layer_id)?;
    crate::user::layer_index::suspend_for_import(tx)?;
    let mut extent: Option<geo::Rect> = None;
    let stamp = crate::user::tours::now();
    let mut count = 0;
    for (i, feature) in features.enumerate() {
        let f = feature?;
        let geometry = if datum == Datum::Wgs84 {
            f.geometry
        } else {
            f.geometry.map_coords(|c| {
                let (x, y) = datum.to_wgs84(c.x, c.y);
                geo::coord! { x: x, y: y }
            })
        };
        let (blob, repairs) = geometry_blob(&geometry)
            .map_err(|e| problem(path, Some(i), Some("geometry"), e.to_string().trim_start_matches("geometry: ")))?;
        for r in f.repairs.iter().chain(&repairs) {
            report.repaired.push((i, r.describe().to_owned()));
        }
        if let Some(r) = geo::BoundingRect::bounding_rect(&geometry) {
            extent = Some(extent.map_or(r, |e| crate::user::extents::union(e, r)));
        }
        insert_feature(tx, &layer_id, &blob, &attributes_from(&f.properties), &f.properties, &stamp)?;
        count += 1;
        if count % PROGRESS_EVERY == 0 && !progress(count, total_hint) {
            return Err(AtlasError::Invalid(format!("{}: import cancelled; nothing was imported", path.display())));
        }
    }
    if count == 0 {
        return Err(problem(path, None, None, "it holds no features"));
    }
    crate::user::extents::keep(tx, &layer_id, count, extent)?;
    crate::user::layer_index::index_layer_and_resume(tx, &layer_id)?;
    report.layers.push(layer_id);
    report.features += count;
    Ok(())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    GeoJson,
    GeoPackage,
    Csv,
}

fn format_of(path: &Path, head: &[u8]) -> Result<Format> {
    match path.extension().and_then(|e| e.to_str()).map(|e| e.to_ascii_lowercase()).as_deref() {
        Some("geojson" | "json") => Ok(Format::GeoJson),
        Some("gpkg") => Ok(Format::GeoPackage),
        Some("csv" | "txt") => Ok(Format::Csv),
        _ if head.starts_with(b"SQLite format 3\0") => Ok(Format::GeoPackage),
        _ if head.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{') => Ok(Format::GeoJson),
        _ => Err(problem(
            path,
            None,
            None,
            "unknown format; import GeoJSON (.geojson), GeoPackage (.gpkg) or CSV (.csv)",
        )),
    }
}

fn stem(path: &Path) -> String {
    path.file_stem().and_then(|s| s.to_str()).unwrap_or("import").to_owned()
}

impl Atlas {
    /// Imports a file into new layer(s), in one transaction. `progress(features done, total
    /// estimate)` returning false cancels (and rolls everything back).
    pub fn import_file(
        &self,
        path: &Path,
        options: &ImportOptions,
        progress: &dyn Fn(usize, usize) -> bool,
    ) -> Result<ImportReport> {
        let started = std::time::Instant::now();
        let mut head = [0u8; 16];
        {
            use std::io::Read;
            let mut f = std::fs::File::open(path).map_err(|source| AtlasError::Read { path: path.into(), source })?;
            let _ = f.read(&mut head);
        }
        let format = format_of(path, &head)?;
        let mut report = ImportReport {
            file: path.into(),
            layers: Vec::new(),
            features: 0,
            repaired: Vec::new(),
            bytes: 0,
            seconds: 0.0,
        };
        let _cache = BigCache::new(&self.conn)?;
        let tx = self.conn.unchecked_transaction()?;
        let source = path.file_name().and_then(|n| n.to_str()).unwrap_or("import").to_owned();
        match format {
            Format::GeoJson | Format::Csv => {
                let bytes = read_limited(path, options.max_bytes)?;
                report.bytes = bytes.len() as u64;
                let features = if format == Format::GeoJson {
                    geojson_file::read(path, &bytes)?
                } else {
                    csv_file::read(path, &bytes, options.lon_column.as_deref(), options.lat_column.as_deref())?
                };
                let n = features.len();
                let name = options.layer_name.clone().unwrap_or_else(|| stem(path));
                write_layer(
                    &tx,
                    path,
                    &name,
                    &source,
                    options.datum,
                    features.into_iter().map(Ok),
                    n,
                    progress,
                    &mut report,
                )?;
            }
            Format::GeoPackage => {
                let meta = std::fs::metadata(path).map_err(|source| AtlasError::Read { path: path.into(), source })?;
                if meta.len() > options.max_bytes {
                    read_limited(path, options.max_bytes)?;
                }
                report.bytes = meta.len();
                for (table, features) in gpkg_file::read(path, options.gpkg_layers.as_deref())? {
                    let n = features.len();
                    let name = match (&options.layer_name, options.gpkg_layers.as_ref().map(|l| l.len())) {
                        (Some(n), Some(1)) => n.clone(),
                        _ => table.clone(),
                    };
                    write_layer(
                        &tx,
                        path,
                        &name,
                        &format!("{source} › {table}"),
                        options.datum,
                        features.into_iter().map(Ok),
                        n,
                        progress,
                        &mut report,
                    )?;
                }
            }
        }
        tx.commit()?;
        progress(report.features, report.features);
        report.seconds = started.elapsed().as_secs_f64();
        Ok(report)
    }
}

/// A large page cache for the length of an import. The R-tree of a million-feature layer is
/// ~50 MB and takes inserts all over it: with SQLite's default 2 MB cache, every insert
/// evicts and re-reads pages (measured: 1M points took 24.9 s, 13.7 s of it in system calls).
/// The cache shrinks back when the import ends.
struct BigCache<'c> {
    conn: &'c rusqlite::Connection,
    previous: i64,
}

impl<'c> BigCache<'c> {
    const KIB: i64 = 256 * 1024;

    fn new(conn: &'c rusqlite::Connection) -> Result<Self> {
        let previous: i64 = conn.query_row("PRAGMA cache_size", [], |r| r.get(0))?;
        conn.pragma_update(None, "cache_size", -Self::KIB)?;
        Ok(BigCache { conn, previous })
    }
}

impl Drop for BigCache<'_> {
    fn drop(&mut self) {
        let _ = self.conn.pragma_update(None, "cache_size", self.previous);
    }
}
