//! Importing layers: GeoJSON (a FeatureCollection, a Feature or a bare geometry; the legacy
//! `crs` member understood), GeoPackage (pick layers), CSV with longitude/latitude columns.
//! Coordinates in GCJ-02 or BD-09 are converted to WGS84 on the way in.
//!
//! Bad input never half-imports: everything goes in one transaction, and the first problem
//! stops it with an error naming the file, the feature (by its index in the file, from 0) and
//! the field, and saying what to do. Repairs that need no guessing (closing a ring, making a
//! bow-tie valid) are made and listed in the report.

mod attributes;
pub mod csv_file;
pub mod dbf;
pub mod detected;
pub mod encoding;
mod field_numbers;
pub mod fields;
pub mod geojson_crs;
pub mod geojson_file;
mod geojson_geometry;
pub mod gpkg_file;
mod pipeline;
pub mod preview;
pub mod problem_kind;
pub mod shapefile_file;
mod table_writer;
pub mod validate;
pub mod zip_file;

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::error::{AtlasError, ImportProblem, Result};
use crate::gcj02::Datum;
use crate::store::Atlas;
pub use attributes::attributes_from;
use problem_kind::{ProblemKind, SizedPart};

/// What one import may bring in. Every limit is Rust's: the webview cannot set them (they are
/// skipped when options arrive over IPC); the CLI lets the user raise them with flags. A limit
/// hit is the usual one-line import error, marked as a limit, and nothing is imported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImportLimits {
    /// The file's size; for a GeoPackage also the bytes read from its rows (a view or a
    /// sparse file can hold far more than its size).
    pub max_bytes: u64,
    /// Columns (properties) per feature: a CSV header of 100k names would otherwise be copied
    /// into every row.
    pub max_columns: usize,
    /// Bytes of property names and values per feature.
    pub max_property_bytes: usize,
    /// Parts of one multi-geometry, and holes of one polygon: geo's validity check compares
    /// parts pairwise and cannot be interrupted.
    pub max_parts: usize,
}

/// Files larger than this are refused unless the user raises the limit.
pub const DEFAULT_MAX_BYTES: u64 = 512 * 1024 * 1024;

impl Default for ImportLimits {
    fn default() -> Self {
        ImportLimits {
            max_bytes: DEFAULT_MAX_BYTES,
            max_columns: 1_000,
            max_property_bytes: 1 << 20,
            max_parts: 10_000,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ImportOptions {
    /// Name of the new layer; the file's name if absent (GeoPackage: each layer's own name).
    pub layer_name: Option<String>,
    /// The datum the file's coordinates are in.
    pub datum: Datum,
    /// Never taken from the caller's JSON: see [`ImportLimits`].
    #[serde(skip)]
    pub limits: ImportLimits,
    /// CSV: the longitude and latitude columns; found by name if absent.
    pub lon_column: Option<String>,
    pub lat_column: Option<String>,
    /// GeoPackage: which feature tables to import; all if absent.
    pub gpkg_layers: Option<Vec<String>>,
    /// The EPSG code of the file's coordinates, when the user names it: overrides what the
    /// file says (.prj, gpkg_spatial_ref_sys, GeoJSON `crs`). See [`crate::crs`].
    #[serde(default)]
    pub source_epsg: Option<u32>,
    /// Shapefile attributes: the encoding the user chose (UTF-8, GBK, GB18030, BIG5…),
    /// overriding the .cpg and detection. See [`encoding`].
    #[serde(default)]
    pub encoding: Option<String>,
}

impl Default for ImportOptions {
    fn default() -> Self {
        ImportOptions {
            layer_name: None,
            datum: Datum::Wgs84,
            limits: ImportLimits::default(),
            lon_column: None,
            lat_column: None,
            gpkg_layers: None,
            source_epsg: None,
            encoding: None,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ImportReport {
    pub file: PathBuf,
    pub layers: Vec<String>,
    pub features: usize,
    /// (feature index, what was repaired)
    pub repaired: Vec<(usize, String)>,
    pub bytes: u64,
    pub seconds: f64,
    /// What was detected or assumed, per layer: CRS and how it was found, axis order, the
    /// CGCS2000 = WGS84 assumption, attribute encoding, dropped Z/M values.
    pub notes: Vec<detected::ImportNote>,
    /// A few decoded attribute values, so that mojibake is seen.
    pub samples: Vec<String>,
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
    AtlasError::Import(ImportProblem {
        file: file.into(),
        feature,
        field: field.map(str::to_owned),
        message: message.to_string(),
        limit: false,
        kind: None,
    })
}

/// An import problem of a known kind (its English wording is the message), pointing at the
/// exact place.
pub fn typed_problem(
    file: &Path,
    feature: Option<usize>,
    field: Option<&str>,
    kind: problem_kind::ProblemKind,
) -> AtlasError {
    match problem(file, feature, field, &kind) {
        AtlasError::Import(p) => AtlasError::Import(ImportProblem { kind: Some(kind), ..p }),
        other => other,
    }
}

/// An import limit hit, of a known kind: the same one-line problem, marked as a limit the user
/// may raise.
pub fn typed_limit(
    file: &Path,
    feature: Option<usize>,
    field: Option<&str>,
    kind: problem_kind::ProblemKind,
) -> AtlasError {
    match typed_problem(file, feature, field, kind) {
        AtlasError::Import(p) => AtlasError::Import(ImportProblem { limit: true, ..p }),
        other => other,
    }
}

/// An import limit hit: the same one-line problem, marked as a limit the user may raise.
pub fn limit_problem(
    file: &Path,
    feature: Option<usize>,
    field: Option<&str>,
    message: impl std::fmt::Display,
) -> AtlasError {
    match problem(file, feature, field, message) {
        AtlasError::Import(p) => AtlasError::Import(ImportProblem { limit: true, ..p }),
        other => other,
    }
}

/// Reads the whole file, refusing what is too big, empty, or (for text formats) not UTF-8.
pub fn read_limited(path: &Path, max_bytes: u64) -> Result<Vec<u8>> {
    let meta = std::fs::metadata(path).map_err(|source| AtlasError::Read { path: path.into(), source })?;
    if meta.len() > max_bytes {
        let kind = ProblemKind::SizeLimit { of: SizedPart::File, bytes: Some(meta.len()), limit: max_bytes };
        return Err(typed_limit(path, None, None, kind));
    }
    if meta.len() == 0 {
        return Err(typed_problem(path, None, None, ProblemKind::EmptyFile));
    }
    std::fs::read(path).map_err(|source| AtlasError::Read { path: path.into(), source })
}

/// The text of a file that must be UTF-8, or an error saying where it is not.
pub fn utf8<'a>(path: &Path, bytes: &'a [u8]) -> Result<&'a str> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes)
        .map_err(|e| typed_problem(path, None, None, ProblemKind::NotUtf8 { offset: e.valid_up_to() }))
}

/// How often progress is reported (and cancel checked), in features.
const PROGRESS_EVERY: usize = 2000;

/// Writes features into a new layer as a reader produces them (nothing is collected first),
/// checking each against the limits, validating it and reporting progress; any error, a limit
/// or a cancel ends the import and the caller's transaction rolls everything back.
pub(crate) struct LayerWriter<'a> {
    tx: &'a rusqlite::Transaction<'a>,
    path: &'a Path,
    /// What preparing each feature needs (the datum, limits, source CRS and field numbers);
    /// lent to the reading thread in a threaded import.
    preparing: Option<pipeline::Preparing<'a>>,
    /// The layer's own table, its fields and rows.
    table: table_writer::TableWriter<'a>,
    extent: Option<geo::Rect>,
    count: usize,
    total_hint: usize,
    progress: &'a dyn Fn(usize, usize) -> bool,
    /// The layer's name in the file, for the report's notes.
    layer_name: String,
}

impl<'a> LayerWriter<'a> {
    pub(crate) fn start(
        tx: &'a rusqlite::Transaction<'a>,
        path: &'a Path,
        layer_name: &str,
        source: &str,
        options: &ImportOptions,
        total_hint: usize,
        progress: &'a dyn Fn(usize, usize) -> bool,
    ) -> Result<Self> {
        // The hint sizes the R-tree's list of boxes (growing it by doubling copied it 17 times
        // for 100k rows); it is only an estimate, so it is capped.
        let expected_rows = total_hint.min(1 << 22);
        let table =
            table_writer::TableWriter::start(tx, path, layer_name, source, options.limits.max_columns, expected_rows)?;
        // The layer's kept extent is written once at the end, from the geometries as they pass,
        // rather than widened by a trigger per row (which made a 1M-point import 20% slower).
        crate::user::extents::forget_layer(tx, table.layer_id())?;
        Ok(LayerWriter {
            tx,
            path,
            preparing: Some(pipeline::Preparing {
                path,
                datum: options.datum,
                limits: options.limits,
                source_crs: None,
                field_numbers: Default::default(),
            }),
            table,
            extent: None,
            count: 0,
            total_hint,
            progress,
            layer_name: layer_name.to_owned(),
        })
    }

    /// The source's fields with their types, from a reader that knows them (DBF, GeoPackage).
    /// Call before the first [`LayerWriter::push`]; without it the writer infers each field's
    /// type from its values and adds fields as new properties appear.
    pub(crate) fn declare_fields(&mut self, fields: &[fields::FieldDef]) -> Result<()> {
        if self.count > 0 {
            return Err(AtlasError::Invalid("fields are declared before the first feature".into()));
        }
        self.preparing_mut().field_numbers.declare(fields.iter().map(|f| f.name.as_str()));
        self.table.declare(fields)
    }

    fn preparing_mut(&mut self) -> &mut pipeline::Preparing<'a> {
        self.preparing.as_mut().expect("lent to a reading thread only while it reads")
    }

    /// The CRS the reader found (or the user named) for this layer; coordinates are
    /// reprojected to WGS84 as they pass.
    pub(crate) fn set_source_crs(&mut self, crs: crate::crs::Crs) {
        self.preparing_mut().source_crs = Some(crate::crs::IncomingCrs::new(crs));
    }

    /// GeoJSON and CSV carry no CRS of their own (WGS84 by definition): a CRS the user named
    /// (`--crs EPSG:4548`, the dialog's choice) applies to their coordinates.
    pub(crate) fn apply_user_crs(&mut self, options: &ImportOptions, report: &mut ImportReport) -> Result<()> {
        if let Some(code) = options.source_epsg {
            let crs = crate::crs::Crs::try_epsg(code).map_err(|refusal| {
                let kind = ProblemKind::Crs { named_in: problem_kind::CrsNamedIn::UserChoice, refusal };
                typed_problem(self.path, None, Some("crs"), kind)
            })?;
            self.note(detected::Detection::Crs { crs, source: detected::CrsSource::UserChoice }, report);
            self.set_source_crs(crs);
        }
        Ok(())
    }

    /// Adds what was found out about this layer to the report.
    pub(crate) fn note(&self, detection: detected::Detection, report: &mut ImportReport) {
        report.notes.push(detected::ImportNote::new(&self.layer_name, detection));
    }

    /// Feature `i` of the file, prepared and stored (see [`pipeline`]).
    pub(crate) fn push(&mut self, i: usize, f: IncomingFeature, report: &mut ImportReport) -> Result<()> {
        let prepared = pipeline::prepare(self.preparing_mut(), i, f)?;
        self.store(prepared, report)?;
        drop(self.table.take_written());
        Ok(())
    }

    /// Reports progress; a false answer (the user cancelled) ends the import.
    pub(crate) fn check_cancel(&self) -> Result<()> {
        if (self.progress)(self.count, self.total_hint.max(self.count)) {
            Ok(())
        } else {
            Err(AtlasError::cancelled(format!("the import of {}", self.path.display())))
        }
    }

    pub(crate) fn finish(self, report: &mut ImportReport) -> Result<()> {
        if self.count == 0 {
            return Err(typed_problem(self.path, None, None, ProblemKind::NoFeatures));
        }
        crate::user::extents::keep(self.tx, self.table.layer_id(), self.count, self.extent)?;
        report.layers.push(self.table.finish()?);
        report.features += self.count;
        Ok(())
    }
}

/// The per-feature limits, checked before the feature is validated or stored.
fn check_limits(path: &Path, i: usize, f: &IncomingFeature, limits: &ImportLimits) -> Result<()> {
    if f.properties.len() > limits.max_columns {
        let kind = ProblemKind::TooManyColumns {
            columns: f.properties.len(),
            limit: limits.max_columns,
            of: problem_kind::ColumnsOf::Feature,
        };
        return Err(typed_limit(path, Some(i), None, kind));
    }
    let bytes = property_bytes(&f.properties);
    if bytes > limits.max_property_bytes {
        let kind = ProblemKind::PropertyBytes { bytes, limit: limits.max_property_bytes };
        return Err(typed_limit(path, Some(i), None, kind));
    }
    let (parts, holes) = parts_and_holes(&f.geometry);
    if parts > limits.max_parts || holes > limits.max_parts {
        let kind = ProblemKind::TooManyParts { parts, holes, limit: limits.max_parts };
        return Err(typed_limit(path, Some(i), Some("geometry"), kind));
    }
    Ok(())
}

/// Bytes of names and values, counting nested JSON by its leaves.
pub(crate) fn property_bytes(properties: &Map<String, Value>) -> usize {
    fn value_bytes(v: &Value) -> usize {
        match v {
            Value::String(s) => s.len(),
            Value::Array(a) => a.iter().map(value_bytes).sum::<usize>() + 1,
            Value::Object(o) => property_bytes(o) + 1,
            _ => 8,
        }
    }
    properties.iter().map(|(k, v)| k.len() + value_bytes(v)).sum()
}

/// (parts of a multi-geometry or collection, most holes of one polygon)
fn parts_and_holes(g: &geo::Geometry<f64>) -> (usize, usize) {
    use geo::Geometry::*;
    match g {
        Polygon(p) => (1, p.interiors().len()),
        MultiPolygon(mp) => (mp.0.len(), mp.0.iter().map(|p| p.interiors().len()).max().unwrap_or(0)),
        MultiPoint(m) => (m.0.len(), 0),
        MultiLineString(m) => (m.0.len(), 0),
        GeometryCollection(c) => {
            c.0.iter().map(parts_and_holes).fold((c.0.len(), 0), |(n, h), (pn, ph)| (n + pn, h.max(ph)))
        }
        _ => (1, 0),
    }
}

/// Text from a file, cut short before it goes into a message (a header or a value may be
/// huge, and messages travel to the UI).
pub(crate) fn excerpt(text: &str) -> String {
    const MAX: usize = 40;
    if text.chars().count() <= MAX {
        text.to_owned()
    } else {
        format!("{}…", text.chars().take(MAX).collect::<String>())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    GeoJson,
    GeoPackage,
    Csv,
    Shapefile,
    Zip,
}

fn format_of(path: &Path, head: &[u8]) -> Result<Format> {
    match path.extension().and_then(|e| e.to_str()).map(|e| e.to_ascii_lowercase()).as_deref() {
        Some("geojson" | "json") => Ok(Format::GeoJson),
        Some("gpkg") => Ok(Format::GeoPackage),
        Some("csv" | "txt") => Ok(Format::Csv),
        Some("shp") => Ok(Format::Shapefile),
        Some("zip") => Ok(Format::Zip),
        _ if head.starts_with(b"SQLite format 3\0") => Ok(Format::GeoPackage),
        _ if head.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{') => Ok(Format::GeoJson),
        extension => {
            let extension = extension.map(|e| excerpt(e));
            Err(typed_problem(path, None, None, ProblemKind::UnknownFormat { extension }))
        }
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
            notes: Vec::new(),
            samples: Vec::new(),
        };
        // Before the transaction, dropped after it (see store::journal).
        let journal = crate::store::journal::BulkJournal::if_alone(&self.conn);
        let tx = self.conn.unchecked_transaction()?;
        let source = path.file_name().and_then(|n| n.to_str()).unwrap_or("import").to_owned();
        match format {
            Format::GeoJson | Format::Csv => {
                let bytes = read_limited(path, options.limits.max_bytes)?;
                report.bytes = bytes.len() as u64;
                let name = options.layer_name.clone().unwrap_or_else(|| stem(path));
                if format == Format::GeoJson {
                    // Streamed: each feature is written as it is parsed, none collected.
                    let hint = geojson_file::feature_count_hint(&bytes);
                    let mut writer = LayerWriter::start(&tx, path, &name, &source, options, hint, progress)?;
                    writer.apply_user_crs(options, &mut report)?;
                    geojson_crs::apply_declared(path, &bytes, options, &mut writer, &mut report)?;
                    writer.push_from_thread(&mut report, |each| geojson_file::read_each(path, &bytes, each))?;
                    writer.finish(&mut report)?;
                } else {
                    let features = csv_file::read(path, &bytes, options)?;
                    drop(bytes);
                    let mut writer = LayerWriter::start(&tx, path, &name, &source, options, features.len(), progress)?;
                    writer.apply_user_crs(options, &mut report)?;
                    for (i, f) in features.into_iter().enumerate() {
                        writer.push(i, f, &mut report)?;
                    }
                    writer.finish(&mut report)?;
                }
            }
            Format::Shapefile | Format::Zip => {
                let shapefiles = if format == Format::Zip {
                    zip_file::shapefiles(path, &options.limits)?
                } else {
                    vec![shapefile_file::ShapefileParts::from_disk(path, &options.limits)?]
                };
                report.bytes =
                    shapefiles.iter().map(|s| (s.shp.len() + s.dbf.as_ref().map_or(0, Vec::len)) as u64).sum();
                shapefile_file::import(&tx, path, &shapefiles, options, progress, &mut report)?;
            }
            Format::GeoPackage => {
                let meta = std::fs::metadata(path).map_err(|source| AtlasError::Read { path: path.into(), source })?;
                if meta.len() > options.limits.max_bytes {
                    read_limited(path, options.limits.max_bytes)?;
                }
                let foreign = gpkg_file::ForeignGeoPackage::open(path)?;
                let chosen = foreign.chosen_layers(options.gpkg_layers.as_deref(), options.source_epsg)?;
                // Bytes read from rows count against the same limit as the file's size.
                let mut budget = options.limits.max_bytes;
                for layer in &chosen {
                    let name = match (&options.layer_name, options.gpkg_layers.as_ref().map(|l| l.len())) {
                        (Some(n), Some(1)) => n.clone(),
                        _ => layer.table.clone(),
                    };
                    let total = foreign.row_count(layer)?;
                    let layer_source = format!("{source} › {}", layer.table);
                    let mut writer = LayerWriter::start(&tx, path, &name, &layer_source, options, total, progress)?;
                    let crs = detected::Detection::Crs { crs: layer.crs.crs, source: layer.crs.source.clone() };
                    writer.note(crs, &mut report);
                    writer.set_source_crs(layer.crs.crs);
                    writer.declare_fields(&foreign.fields(layer)?)?;
                    foreign.read_layer(layer, &mut budget, |i, f| writer.push(i, f, &mut report))?;
                    writer.finish(&mut report)?;
                }
                report.bytes = options.limits.max_bytes - budget;
            }
        }
        tx.commit()?;
        drop(journal);
        progress(report.features, report.features);
        report.seconds = started.elapsed().as_secs_f64();
        Ok(report)
    }
}
