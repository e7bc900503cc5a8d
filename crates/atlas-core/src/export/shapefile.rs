//! Own layers and the plan as zipped Shapefiles, in a chosen CRS (bureaus' systems take
//! CGCS2000 Gauss–Krüger): `.shp`/`.shx` shapes, `.dbf` attributes in UTF-8 with a `.cpg`
//! saying so, and a `.prj` in ESRI WKT. A Shapefile holds one geometry type, so a layer with
//! points and polygons becomes one Shapefile per type in the same archive.
//!
//! DBF limits are kept and reported, never silently: field names are cut to 10 bytes (3
//! Chinese characters) and made unique, text to 254 bytes.

use std::io::{Cursor, Write};
use std::path::Path;

use geojson::FeatureCollection;
use serde::Serialize;
use serde_json::{Map, Value};
use shapefile::dbase::{self, FieldName, FieldValue, FieldWriter, TableWriterBuilder, WritableRecord};

use crate::crs::{Crs, Reprojection};
use crate::error::{AtlasError, Result};
use crate::store::Atlas;

/// What an export wrote.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ShapefileExport {
    pub features: usize,
    /// The Shapefiles in the archive, e.g. ["parcels.shp"] or ["plan_points.shp", "plan_polygons.shp"].
    pub shapefiles: Vec<String>,
    pub crs: Crs,
    /// Renamed fields, cut text, features left out (no geometry), the datum assumption.
    pub notes: Vec<String>,
}

/// The three kinds a Shapefile can hold (2D).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Points,
    Lines,
    Polygons,
}

impl Kind {
    fn of(g: &geo::Geometry) -> Option<Kind> {
        use geo::Geometry::*;
        match g {
            Point(_) | MultiPoint(_) => Some(Kind::Points),
            Line(_) | LineString(_) | MultiLineString(_) => Some(Kind::Lines),
            Polygon(_) | MultiPolygon(_) | Rect(_) | Triangle(_) => Some(Kind::Polygons),
            GeometryCollection(_) => None,
        }
    }

    fn suffix(self) -> &'static str {
        match self {
            Kind::Points => "points",
            Kind::Lines => "lines",
            Kind::Polygons => "polygons",
        }
    }
}

/// A DBF column chosen from the values it will hold.
#[derive(Debug, Clone)]
struct Column {
    /// The property's name in the atlas.
    property: String,
    /// Its name in the DBF: ≤ 10 bytes, unique.
    name: String,
    kind: ColumnKind,
    length: usize,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum ColumnKind {
    Integer,
    Real,
    Logical,
    Text,
}

/// Decimals written for real numbers (sub-millimetre for coordinates in degrees).
const REAL_DECIMALS: usize = 9;
/// DBF's longest character field.
const MAX_TEXT_BYTES: usize = 254;

fn text_of(v: &Value) -> Option<String> {
    match v {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        other => Some(other.to_string()),
    }
}

/// Cuts `s` to at most `max` bytes on a character boundary.
fn cut(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

fn columns(properties: &[&Map<String, Value>], notes: &mut Vec<String>) -> Vec<Column> {
    let mut columns: Vec<Column> = Vec::new();
    for p in properties {
        for (name, v) in p.iter() {
            let kind = match v {
                Value::Null => None,
                Value::Bool(_) => Some(ColumnKind::Logical),
                Value::Number(n) if n.is_i64() => Some(ColumnKind::Integer),
                Value::Number(_) => Some(ColumnKind::Real),
                _ => Some(ColumnKind::Text),
            };
            let width = match (kind, v) {
                (Some(ColumnKind::Integer), Value::Number(n)) => n.to_string().len(),
                (Some(ColumnKind::Real), Value::Number(n)) => {
                    format!("{:.*}", REAL_DECIMALS, n.as_f64().unwrap_or(0.0)).len()
                }
                (Some(ColumnKind::Logical), _) => 1,
                _ => text_of(v).map_or(0, |t| t.len().min(MAX_TEXT_BYTES)),
            };
            match columns.iter_mut().find(|c| &c.property == name) {
                Some(c) => {
                    c.kind = match (c.kind, kind) {
                        (a, None) => a,
                        (a, Some(b)) if a == b => a,
                        (ColumnKind::Integer, Some(ColumnKind::Real))
                        | (ColumnKind::Real, Some(ColumnKind::Integer)) => ColumnKind::Real,
                        _ => ColumnKind::Text,
                    };
                    c.length = c.length.max(width);
                }
                None => columns.push(Column {
                    property: name.clone(),
                    name: String::new(),
                    kind: kind.unwrap_or(ColumnKind::Text),
                    length: width,
                }),
            }
        }
    }
    // A column that widened to text may hold longer renderings of its numbers.
    for c in &mut columns {
        if c.kind == ColumnKind::Text {
            c.length = properties
                .iter()
                .filter_map(|p| p.get(&c.property).and_then(text_of))
                .map(|t| t.len().min(MAX_TEXT_BYTES))
                .max()
                .unwrap_or(1);
        }
        c.length = c.length.clamp(1, MAX_TEXT_BYTES);
    }
    // DBF names: 10 bytes, unique regardless of case.
    let mut taken: Vec<String> = Vec::new();
    for c in &mut columns {
        let mut name = cut(&c.property, 10).to_owned();
        let mut n = 1;
        while taken.iter().any(|t| t.eq_ignore_ascii_case(&name)) {
            let suffix = format!("_{n}");
            name = format!("{}{suffix}", cut(&c.property, 10 - suffix.len()));
            n += 1;
        }
        if name != c.property {
            notes.push(format!("field {:?} is named {name:?} in the .dbf (DBF names hold 10 bytes)", c.property));
        }
        taken.push(name.clone());
        c.name = name;
    }
    columns
}

/// One feature's attributes in column order.
struct Row<'a> {
    columns: &'a [Column],
    properties: &'a Map<String, Value>,
}

impl WritableRecord for Row<'_> {
    fn write_using<W: Write>(&self, w: &mut FieldWriter<'_, W>) -> std::result::Result<(), dbase::FieldError> {
        for c in self.columns {
            let v = self.properties.get(&c.property).unwrap_or(&Value::Null);
            let value = match (c.kind, v) {
                (_, Value::Null) if c.kind == ColumnKind::Logical => FieldValue::Logical(None),
                (ColumnKind::Integer | ColumnKind::Real, Value::Null) => FieldValue::Numeric(None),
                (ColumnKind::Integer | ColumnKind::Real, Value::Number(n)) => FieldValue::Numeric(n.as_f64()),
                (ColumnKind::Logical, Value::Bool(b)) => FieldValue::Logical(Some(*b)),
                (_, v) => FieldValue::Character(text_of(v).map(|t| cut(&t, MAX_TEXT_BYTES).to_owned())),
            };
            w.write_next_field_value(&value)?;
        }
        Ok(())
    }
}

fn points(line: &geo::LineString) -> Vec<shapefile::Point> {
    line.coords().map(|c| shapefile::Point::new(c.x, c.y)).collect()
}

fn polygon_rings(p: &geo::Polygon) -> Vec<shapefile::PolygonRing<shapefile::Point>> {
    let mut rings = vec![shapefile::PolygonRing::Outer(points(p.exterior()))];
    rings.extend(p.interiors().iter().map(|r| shapefile::PolygonRing::Inner(points(r))));
    rings
}

/// One Shapefile's bytes: (.shp, .shx, .dbf).
fn write_one(
    kind: Kind,
    features: &[(geo::Geometry, &Map<String, Value>)],
    columns: &[Column],
) -> std::result::Result<(Vec<u8>, Vec<u8>, Vec<u8>), String> {
    let (mut shp, mut shx, mut dbf) = (Cursor::new(Vec::new()), Cursor::new(Vec::new()), Cursor::new(Vec::new()));
    {
        let mut table = TableWriterBuilder::with_encoding(dbase::encoding::Unicode);
        for c in columns {
            let name = FieldName::try_from(c.name.as_str()).map_err(|e| e.to_string())?;
            table = match c.kind {
                ColumnKind::Integer => table.add_numeric_field(name, c.length.max(1) as u8, 0),
                ColumnKind::Real => table.add_numeric_field(name, c.length.max(3) as u8, REAL_DECIMALS as u8),
                ColumnKind::Logical => table.add_logical_field(name),
                ColumnKind::Text => table.add_character_field(name, c.length as u8),
            };
        }
        let table = table.build_with_dest(&mut dbf);
        let shapes = shapefile::ShapeWriter::with_shx(&mut shp, &mut shx);
        let mut writer = shapefile::Writer::new(shapes, table);
        let any_multi = features.iter().any(|(g, _)| matches!(g, geo::Geometry::MultiPoint(_)));
        for (g, properties) in features {
            let row = Row { columns, properties };
            let result = match (kind, g) {
                (Kind::Points, geo::Geometry::Point(p)) if !any_multi => {
                    writer.write_shape_and_record(&shapefile::Point::new(p.x(), p.y()), &row)
                }
                (Kind::Points, geo::Geometry::Point(p)) => writer.write_shape_and_record(
                    &shapefile::Multipoint::new(vec![shapefile::Point::new(p.x(), p.y())]),
                    &row,
                ),
                (Kind::Points, geo::Geometry::MultiPoint(m)) => writer.write_shape_and_record(
                    &shapefile::Multipoint::new(m.iter().map(|p| shapefile::Point::new(p.x(), p.y())).collect()),
                    &row,
                ),
                (Kind::Lines, geo::Geometry::LineString(l)) => {
                    writer.write_shape_and_record(&shapefile::Polyline::new(points(l)), &row)
                }
                (Kind::Lines, geo::Geometry::MultiLineString(m)) => writer
                    .write_shape_and_record(&shapefile::Polyline::with_parts(m.iter().map(points).collect()), &row),
                (Kind::Polygons, geo::Geometry::Polygon(p)) => {
                    writer.write_shape_and_record(&shapefile::Polygon::with_rings(polygon_rings(p)), &row)
                }
                (Kind::Polygons, geo::Geometry::MultiPolygon(m)) => writer.write_shape_and_record(
                    &shapefile::Polygon::with_rings(m.iter().flat_map(polygon_rings).collect()),
                    &row,
                ),
                (_, other) => return Err(format!("a {other:?} cannot be written to a Shapefile")),
            };
            result.map_err(|e| e.to_string())?;
        }
    }
    Ok((shp.into_inner(), shx.into_inner(), dbf.into_inner()))
}

/// Writes a FeatureCollection (WGS84) as a zip of Shapefiles in `crs`.
pub fn write_zip(fc: &FeatureCollection, base: &str, crs: Crs, path: &Path) -> Result<ShapefileExport> {
    let reprojection = Reprojection::from_wgs84(crs);
    let mut notes = Vec::new();
    let mut groups: std::collections::BTreeMap<Kind, Vec<(geo::Geometry, &Map<String, Value>)>> = Default::default();
    let empty = Map::new();
    let (mut without, mut collections) = (0, 0);
    for (i, f) in fc.features.iter().enumerate() {
        let Some(g) = &f.geometry else {
            without += 1;
            continue;
        };
        let g: geo::Geometry =
            g.clone().try_into().map_err(|e: geojson::Error| AtlasError::Invalid(format!("feature {i}: {e}")))?;
        let Some(kind) = Kind::of(&g) else {
            collections += 1;
            continue;
        };
        use geo::MapCoords;
        let g = g
            .try_map_coords(|c| reprojection.apply(c.x, c.y).map(|(x, y)| geo::coord! { x: x, y: y }))
            .map_err(|e| AtlasError::Invalid(format!("feature {i}: {e}")))?;
        groups.entry(kind).or_default().push((g, f.properties.as_ref().unwrap_or(&empty)));
    }
    if without > 0 {
        notes.push(format!("{without} features without a location were left out (a Shapefile needs a shape)"));
    }
    if collections > 0 {
        notes.push(format!("{collections} geometry collections were left out (a Shapefile holds one kind of shape)"));
    }
    if crs.is_cgcs2000() {
        notes.push(format!("EPSG:{}: {}", crs.epsg, crate::crs::CGCS2000_AS_WGS84));
    }
    let all: Vec<&Map<String, Value>> = groups.values().flatten().map(|(_, p)| *p).collect();
    let columns = columns(&all, &mut notes);
    let cut_texts =
        all.iter().flat_map(|p| p.values()).filter_map(text_of).filter(|t| t.len() > MAX_TEXT_BYTES).count();
    if cut_texts > 0 {
        notes.push(format!("{cut_texts} text values were cut to 254 bytes (the longest a DBF field holds)"));
    }
    let mut archive = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let mut shapefiles = Vec::new();
    let features = groups.values().map(Vec::len).sum();
    let single = groups.len() == 1;
    let zip_error =
        |e: zip::result::ZipError| AtlasError::Write { path: path.into(), source: std::io::Error::other(e) };
    let io_error = |e: std::io::Error| AtlasError::Write { path: path.into(), source: e };
    for (kind, features) in &groups {
        let name = if single { base.to_owned() } else { format!("{base}_{}", kind.suffix()) };
        let (shp, shx, dbf) = write_one(*kind, features, &columns)
            .map_err(|e| AtlasError::Invalid(format!("{name}.shp cannot be written: {e}")))?;
        for (extension, bytes) in
            [("shp", shp), ("shx", shx), ("dbf", dbf), ("prj", crs.esri_wkt().into_bytes()), ("cpg", b"UTF-8".to_vec())]
        {
            archive.start_file(format!("{name}.{extension}"), options).map_err(zip_error)?;
            archive.write_all(&bytes).map_err(io_error)?;
        }
        shapefiles.push(format!("{name}.shp"));
    }
    if shapefiles.is_empty() {
        return Err(AtlasError::Invalid("there is nothing with a location to write as a Shapefile".into()));
    }
    let bytes = archive.finish().map_err(zip_error)?.into_inner();
    super::write_atomically(path, |out| out.write_all(&bytes))?;
    Ok(ShapefileExport { features, shapefiles, crs, notes })
}

/// The plan's property names longer than a DBF field name's 10 bytes, named for the .dbf so
/// that each English/Chinese pair stays a pair (cut, `location_source` and
/// `location_source_zh` would become `location_s` and `location_1`).
const PLAN_DBF_NAMES: [(&str, &str); 6] = [
    ("location_source", "loc_src"),
    ("location_source_zh", "loc_src_zh"),
    ("location_basis", "loc_basis"),
    ("uncertainty_km", "uncert_km"),
    ("source_name", "src_name"),
    ("quote_section", "quote_sect"),
];

/// A file-name-safe stem for the Shapefiles inside the archive.
fn base_name(name: &str) -> String {
    let cleaned: String =
        name.chars().map(|c| if c.is_alphanumeric() || c == '-' || c == '_' { c } else { '_' }).collect();
    if cleaned.is_empty() {
        "layer".into()
    } else {
        cleaned
    }
}

impl Atlas {
    /// An own layer as a zip of Shapefiles in `crs`.
    pub fn export_layer_shapefile(&self, layer_id: &str, crs: Crs, path: &Path) -> Result<ShapefileExport> {
        let name = self.user_layer(layer_id)?.name;
        let fc = self.layer_feature_collection(layer_id, None)?;
        write_zip(&fc, &base_name(&name), crs, path)
    }

    /// The plan's elements as a zip of Shapefiles (points and polygons) in `crs`, their long
    /// property names shortened as [`PLAN_DBF_NAMES`] says.
    pub fn export_plan_shapefile(&self, crs: Crs, path: &Path) -> Result<ShapefileExport> {
        let mut fc = self.plan_feature_collection()?;
        for properties in fc.features.iter_mut().filter_map(|f| f.properties.as_mut()) {
            for (long, short) in PLAN_DBF_NAMES {
                if let Some(v) = properties.remove(long) {
                    properties.insert(short.to_owned(), v);
                }
            }
        }
        write_zip(&fc, "plan", crs, path)
    }
}
