//! What an import would bring in, shown before anything is written: per layer the CRS and how
//! it was found, the attribute encoding and how, the axis order assumed, the feature count,
//! the fields, decoded sample values and the first features in WGS84. The import dialog shows
//! it and lets the user correct the CRS or the encoding first; nothing is stored.
//!
//! A layer that cannot be imported as it stands (unknown CRS, Beijing 1954…) is still listed,
//! with its problem as a kind with its values (problem_kind.rs), worded by the dialog in the
//! UI's language, so it can offer the choice that fixes it.

use std::path::{Path, PathBuf};

use serde::Serialize;
use serde_json::{Map, Value};

use super::detected::{CrsSource, Detection, ImportFormat};
use super::fields::{FieldDef, FieldKind};
use super::problem_kind::ProblemKind;
use super::{format_of, gpkg_file, shapefile_file, zip_file, Format, ImportOptions, IncomingFeature};
use crate::crs::{Crs, IncomingCrs};
use crate::error::{AtlasError, Result};
use crate::store::Atlas;

/// Features shown per layer.
const FIRST_FEATURES: usize = 5;

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ImportPreview {
    pub file: PathBuf,
    pub format: ImportFormat,
    pub layers: Vec<LayerPreview>,
}

#[derive(Debug, Clone, Serialize, Default)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct LayerPreview {
    pub name: String,
    /// None when it cannot be decided (see `problem`).
    pub crs: Option<Crs>,
    /// EPSG's name of the CRS, e.g. "CGCS2000 / 3-degree Gauss-Kruger CM 117E" (a proper
    /// name, shown as it is in both languages).
    pub crs_name: String,
    /// How the CRS was found: the `.prj`, the user's choice…
    pub crs_source: Option<CrsSource>,
    /// Shapefiles: the encoding and how it was decided (a [`Detection::Encoding`]).
    pub encoding: Option<Detection>,
    /// Assumptions about the coordinates: axis order, CGCS2000 taken as WGS84.
    pub assumptions: Vec<Detection>,
    pub features: usize,
    pub fields: Vec<FieldDef>,
    /// Decoded text values, non-ASCII first (mojibake shows here).
    pub samples: Vec<String>,
    /// The first features as GeoJSON Feature objects in WGS84.
    #[cfg_attr(test, ts(type = "Array<unknown>"))]
    pub first_features: Vec<Value>,
    /// Other notes (Z dropped, no .dbf…).
    pub notes: Vec<Detection>,
    /// Why this layer would not import as it stands, and what to do (the dialog offers the
    /// CRS and encoding choices that fix the usual ones).
    pub problem: Option<LayerProblem>,
}

/// A layer's blocking problem: where, and what (a kind with its values).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct LayerProblem {
    /// The file, or "archive.zip › dir/parcels.shp" for a Shapefile in a .zip.
    pub file: PathBuf,
    pub layer: String,
    /// The feature's index in the layer, from 0, when one feature is the problem.
    pub feature: Option<usize>,
    /// The field, or the part of the file ("prj", "dbf", "geometry", the table's name…).
    pub field: Option<String>,
    /// What is wrong, with what was found, and (by its kind) what to do.
    pub what: ProblemKind,
}

impl LayerProblem {
    /// The problem an import error is for this layer (the English message as an untyped kind
    /// for errors without one).
    fn of(layer: &str, file: &Path, e: AtlasError) -> LayerProblem {
        let what = ProblemKind::of_error(&e).unwrap_or_else(|| ProblemKind::Untyped { message: e.to_string() });
        match e {
            AtlasError::Import(p) => {
                LayerProblem { file: p.file, layer: layer.to_owned(), feature: p.feature, field: p.field, what }
            }
            _ => LayerProblem { file: file.into(), layer: layer.to_owned(), feature: None, field: None, what },
        }
    }
}

/// The first features through the layer's CRS, as GeoJSON; stops reading after them.
struct FirstFeatures {
    crs: IncomingCrs,
    features: Vec<Value>,
    assumptions: Vec<Detection>,
}

impl FirstFeatures {
    fn new(crs: Crs) -> FirstFeatures {
        FirstFeatures { crs: IncomingCrs::new(crs), features: Vec::new(), assumptions: Vec::new() }
    }

    /// Takes one feature; an Err(cancelled) once enough are in, to end the reader early.
    fn take(&mut self, path: &Path, i: usize, f: IncomingFeature) -> Result<()> {
        if self.features.len() >= FIRST_FEATURES {
            return Err(AtlasError::cancelled("enough for a preview"));
        }
        let (g, notes) =
            self.crs.apply(f.geometry).map_err(|e| super::typed_problem(path, Some(i), Some("geometry"), e.into()))?;
        self.assumptions.extend(notes);
        let geometry = geojson::Geometry::new((&g).into());
        self.features.push(serde_json::json!({ "type": "Feature", "geometry": geometry, "properties": f.properties }));
        Ok(())
    }
}

/// Ends a read that stopped early on purpose, keeping real errors.
fn stopped_early(r: Result<()>) -> Result<()> {
    match r {
        Err(AtlasError::Cancelled { .. }) => Ok(()),
        other => other,
    }
}

fn fields_of(properties: &[&Map<String, Value>]) -> Vec<FieldDef> {
    let mut fields: Vec<FieldDef> = Vec::new();
    for p in properties {
        for (name, v) in p.iter() {
            let kind = FieldKind::of_value(v);
            match fields.iter_mut().find(|f| &f.name == name) {
                Some(f) => f.kind = kind.map_or(f.kind, |k| f.kind.widen(k)),
                None => fields.push(FieldDef { name: name.clone(), kind: kind.unwrap_or(FieldKind::Text) }),
            }
        }
    }
    fields
}

fn shapefile_preview(parts: &shapefile_file::ShapefileParts, options: &ImportOptions) -> LayerPreview {
    let mut layer = LayerPreview { name: parts.name.clone(), ..Default::default() };
    let open = match parts.open(options) {
        Ok(open) => open,
        Err(e) => {
            layer.problem = Some(LayerProblem::of(&parts.name, &parts.origin, e));
            return layer;
        }
    };
    layer.crs = Some(open.crs.crs);
    layer.crs_name = open.crs.crs.name().into();
    layer.crs_source = Some(open.crs.source.clone());
    layer.encoding = open.encoding.as_ref().map(|e| e.detection());
    layer.features = open.count;
    layer.fields = open.fields.clone();
    layer.samples = open.samples(3);
    layer.notes = open.notes.clone();
    let mut first = FirstFeatures::new(open.crs.crs);
    if let Err(e) = stopped_early(open.read(|i, f| first.take(&parts.origin, i, f)).map(|_| ())) {
        layer.problem = Some(LayerProblem::of(&parts.name, &parts.origin, e));
    }
    layer.first_features = first.features;
    layer.assumptions = first.assumptions;
    layer
}

fn geopackage_previews(path: &Path, options: &ImportOptions) -> Result<Vec<LayerPreview>> {
    let foreign = gpkg_file::ForeignGeoPackage::open(path)?;
    let mut layers = Vec::new();
    for table in foreign.layers()? {
        let mut layer = LayerPreview { name: table.table.clone(), ..Default::default() };
        match foreign.chosen_layers(Some(std::slice::from_ref(&table.table)), options.source_epsg) {
            Err(e) => layer.problem = Some(LayerProblem::of(&table.table, path, e)),
            Ok(chosen) => {
                let l = &chosen[0];
                layer.crs = Some(l.crs.crs);
                layer.crs_name = l.crs.crs.name().into();
                layer.crs_source = Some(l.crs.source.clone());
                layer.features = foreign.row_count(l)?;
                layer.fields = foreign.fields(l)?;
                let mut first = FirstFeatures::new(l.crs.crs);
                let mut budget = options.limits.max_bytes;
                if let Err(e) = stopped_early(foreign.read_layer(l, &mut budget, |i, f| first.take(path, i, f))) {
                    layer.problem = Some(LayerProblem::of(&table.table, path, e));
                }
                layer.first_features = first.features;
                layer.assumptions = first.assumptions;
            }
        }
        layers.push(layer);
    }
    Ok(layers)
}

/// GeoJSON and CSV: read as the import reads them (WGS84 by definition, unless the user names
/// a CRS or a GeoJSON's legacy `crs` member declares one).
fn text_preview(path: &Path, format: Format, options: &ImportOptions) -> Result<LayerPreview> {
    let bytes = super::read_limited(path, options.limits.max_bytes)?;
    let features = if format == Format::GeoJson {
        super::geojson_file::read(path, &bytes)?
    } else {
        super::csv_file::read(path, &bytes, options)?
    };
    let declared = if format == Format::GeoJson { super::geojson_crs::declared(path, &bytes)? } else { None };
    let (crs, source) = match (options.source_epsg, declared) {
        (Some(code), _) => {
            let crs = Crs::try_epsg(code).map_err(|refusal| {
                let kind = ProblemKind::Crs { named_in: super::problem_kind::CrsNamedIn::UserChoice, refusal };
                super::typed_problem(path, None, Some("crs"), kind)
            })?;
            (crs, CrsSource::UserChoice)
        }
        (None, Some(d)) => (d.crs, CrsSource::GeoJsonMember { name: d.name }),
        (None, None) => (Crs::WGS84, CrsSource::WgsByDefinition),
    };
    let mut layer = LayerPreview {
        name: options.layer_name.clone().unwrap_or_else(|| super::stem(path)),
        crs: Some(crs),
        crs_name: crs.name().into(),
        crs_source: Some(source),
        features: features.len(),
        ..Default::default()
    };
    layer.fields = fields_of(&features.iter().take(100).map(|f| &f.properties).collect::<Vec<_>>());
    let mut first = FirstFeatures::new(crs);
    for (i, f) in features.into_iter().take(FIRST_FEATURES).enumerate() {
        if let Err(e) = first.take(path, i, f) {
            layer.problem = Some(LayerProblem::of(&layer.name, path, e));
            break;
        }
    }
    layer.first_features = first.features;
    layer.assumptions = first.assumptions;
    Ok(layer)
}

/// What importing `path` with `options` would bring in; nothing is written.
pub fn preview(path: &Path, options: &ImportOptions) -> Result<ImportPreview> {
    let mut head = [0u8; 16];
    {
        use std::io::Read;
        let mut f = std::fs::File::open(path).map_err(|source| AtlasError::Read { path: path.into(), source })?;
        let _ = f.read(&mut head);
    }
    let format = format_of(path, &head)?;
    let (format, layers) = match format {
        Format::Shapefile => {
            let parts = shapefile_file::ShapefileParts::from_disk(path, &options.limits)?;
            (ImportFormat::Shapefile, vec![shapefile_preview(&parts, options)])
        }
        Format::Zip => {
            let all = zip_file::shapefiles(path, &options.limits)?;
            (ImportFormat::ZippedShapefiles, all.iter().map(|p| shapefile_preview(p, options)).collect())
        }
        Format::GeoPackage => (ImportFormat::GeoPackage, geopackage_previews(path, options)?),
        Format::GeoJson => (ImportFormat::GeoJson, vec![text_preview(path, format, options)?]),
        Format::Csv => (ImportFormat::Csv, vec![text_preview(path, format, options)?]),
    };
    Ok(ImportPreview { file: path.into(), format, layers })
}

impl Atlas {
    /// See [`preview`]; on the atlas for symmetry with [`Atlas::import_file`] (it reads nothing
    /// of the atlas and writes nothing).
    pub fn preview_import(&self, path: &Path, options: &ImportOptions) -> Result<ImportPreview> {
        preview(path, options)
    }
}
