//! Shapefiles (ESRI, 1998): a `.shp` of shapes with its `.dbf` attributes, `.prj` CRS and
//! `.cpg` encoding beside it, from a folder or from a `.zip` (zip_file.rs). Each Shapefile is
//! one layer. Shapes are read with the `shapefile` crate, attributes with dbf.rs.
//!
//! Polygons: a Shapefile polygon is a bag of rings (outer rings clockwise, holes
//! counter-clockwise, in any order, several outers for a multi-part shape). Rings are put
//! together by containment, not by their order or winding, because writers get the winding
//! wrong: a ring inside an odd number of others is a hole of the smallest one around it, any
//! other ring is an outer ring. Z and M values are dropped (the atlas is 2D; the report says
//! so); multipatch (3D surfaces) is refused.

use std::io::Cursor;
use std::path::{Path, PathBuf};

use geo::{Coord, LineString, MultiLineString, MultiPoint, Polygon};

use super::dbf::Dbf;
use super::detected::{CrsSource, Detection, ImportNote};
use super::encoding::AttributeEncoding;
use super::fields::FieldDef;
use super::problem_kind::{CrsNamedIn, ProblemKind, ShpDamage, SizedPart};
use super::{excerpt, typed_limit, typed_problem, ImportLimits, ImportOptions, IncomingFeature};
use crate::crs::{wkt, Crs, DetectedCrs};
use crate::error::{AtlasError, Result};

/// The files of one Shapefile, read into memory.
pub struct ShapefileParts {
    /// The layer's name: the file stem (`parcels` for parcels.shp).
    pub name: String,
    /// Where it came from, for messages: the .shp, or "archive.zip › dir/parcels.shp".
    pub origin: PathBuf,
    pub shp: Vec<u8>,
    pub dbf: Option<Vec<u8>>,
    pub prj: Option<String>,
    pub cpg: Option<String>,
}

/// A sibling file with the same stem and another extension, in either case (QGIS writes
/// `.shp`, old ArcView `.SHP`).
fn sibling(shp: &Path, extension: &str) -> Option<PathBuf> {
    [extension.to_owned(), extension.to_ascii_uppercase()]
        .into_iter()
        .map(|e| shp.with_extension(e))
        .find(|p| p.is_file())
}

impl ShapefileParts {
    /// The .shp at `path` and its companions, within the import's size limit (all together).
    pub fn from_disk(path: &Path, limits: &ImportLimits) -> Result<ShapefileParts> {
        let read = |p: &Path| std::fs::read(p).map_err(|source| AtlasError::Read { path: p.into(), source });
        let mut total = 0u64;
        let mut sized = |p: &Path| -> Result<Vec<u8>> {
            total += std::fs::metadata(p).map_err(|source| AtlasError::Read { path: p.into(), source })?.len();
            if total > limits.max_bytes {
                let kind = ProblemKind::SizeLimit {
                    of: SizedPart::ShapefileFiles,
                    bytes: Some(total),
                    limit: limits.max_bytes,
                };
                return Err(typed_limit(path, None, None, kind));
            }
            read(p)
        };
        let shp = sized(path)?;
        let dbf = sibling(path, "dbf").map(|p| sized(&p)).transpose()?;
        let text = |e: &str| -> Result<Option<String>> {
            match sibling(path, e) {
                Some(p) if std::fs::metadata(&p).map(|m| m.len()).unwrap_or(0) <= 64 * 1024 => {
                    Ok(Some(String::from_utf8_lossy(&read(&p)?).into_owned()))
                }
                Some(_) => {
                    Err(typed_problem(path, None, None, ProblemKind::SidecarTooLarge { extension: e.to_owned() }))
                }
                None => Ok(None),
            }
        };
        let (prj, cpg) = (text("prj")?, text("cpg")?);
        let name = path.file_stem().and_then(|s| s.to_str()).unwrap_or("shapefile").to_owned();
        Ok(ShapefileParts { name, origin: path.into(), shp, dbf, prj, cpg })
    }
}

/// A Shapefile with its CRS, encoding and fields decided, ready to read.
pub struct OpenShapefile<'a> {
    parts: &'a ShapefileParts,
    pub crs: DetectedCrs,
    pub encoding: Option<AttributeEncoding>,
    dbf: Option<Dbf<'a>>,
    pub fields: Vec<FieldDef>,
    /// Shape records in the .shp.
    pub count: usize,
    /// Where each record's content is in the .shp (checked by [`check_records`]).
    records: Vec<std::ops::Range<usize>>,
    /// What the report should say about this layer beyond CRS and encoding.
    pub notes: Vec<Detection>,
}

/// Shape types, from the specification's table.
fn shape_type_name(t: i32) -> &'static str {
    match t {
        0 => "null",
        1 | 11 | 21 => "point",
        3 | 13 | 23 => "polyline",
        5 | 15 | 25 => "polygon",
        8 | 18 | 28 => "multipoint",
        31 => "multipatch",
        _ => "unknown",
    }
}

/// Walks the record headers of a .shp, checking that every record fits in the file and that
/// its point and part counts fit in the record, before any parser allocates by them (a
/// 100-byte file could otherwise ask for gigabytes). Returns where each record's content is.
fn check_records(origin: &Path, shp: &[u8]) -> Result<Vec<std::ops::Range<usize>>> {
    let bad = |i: Option<usize>, damage: ShpDamage| {
        typed_problem(origin, i, Some("geometry"), ProblemKind::DamagedShp { damage })
    };
    if shp.len() < 100 || shp[..4] != [0, 0, 0x27, 0x0A] {
        return Err(bad(None, ShpDamage::NoHeader));
    }
    let file_type = i32::from_le_bytes(shp[32..36].try_into().expect("4 bytes"));
    if file_type == 31 {
        return Err(typed_problem(origin, None, Some("geometry"), ProblemKind::Multipatch));
    }
    let mut at = 100;
    let mut i = 0;
    let mut records = Vec::new();
    while at + 8 <= shp.len() {
        let words = i32::from_be_bytes(shp[at + 4..at + 8].try_into().expect("4 bytes"));
        let content = (words.max(0) as usize) * 2;
        let body =
            shp.get(at + 8..at + 8 + content).ok_or_else(|| bad(Some(i), ShpDamage::RecordPastEnd { record: i }))?;
        if body.len() < 4 {
            return Err(bad(Some(i), ShpDamage::EmptyRecord { record: i }));
        }
        let t = i32::from_le_bytes(body[..4].try_into().expect("4 bytes"));
        match shape_type_name(t) {
            "multipatch" => return Err(typed_problem(origin, Some(i), Some("geometry"), ProblemKind::Multipatch)),
            "unknown" => return Err(bad(Some(i), ShpDamage::UnknownShapeType { record: i, shape_type: t })),
            _ => {}
        }
        if let Some(why) = record_does_not_fit(t, body) {
            return Err(bad(Some(i), why));
        }
        records.push(at + 8..at + 8 + content);
        at += 8 + content;
        i += 1;
    }
    Ok(records)
}

/// Why a record's content cannot hold what it declares, if it cannot: its part and point
/// counts with their x/y, Z and M arrays (Z is mandatory in Z types, M optional), and its part
/// starts (each within the points, each after the one before, as shapelib requires). The
/// shapefile crate reserves memory by these numbers before it reads a byte of the points: by a
/// count, or by the gap between two part starts (a start of -1728053248 made it ask for 27 GB).
fn record_does_not_fit(shape_type: i32, body: &[u8]) -> Option<ShpDamage> {
    let int = |at: usize| body.get(at..at + 4).map(|b| i64::from(i32::from_le_bytes(b.try_into().expect("4 bytes"))));
    let z = matches!(shape_type, 11 | 13 | 15 | 18);
    // (parts, points, bytes before the part starts or the points)
    let (parts, points, header) = match shape_type_name(shape_type) {
        "null" => return None,
        "point" => {
            let needed = if z { 28 } else { 20 };
            return (body.len() < needed).then_some(ShpDamage::ShortPoint { z, needed, held: body.len() });
        }
        "multipoint" => (0, int(36)?, 40),
        _ => (int(36)?, int(40)?, 44),
    };
    // As the record declares them: a multipoint has no parts.
    let declared_parts = (shape_type_name(shape_type) != "multipoint").then_some(parts);
    if parts < 0 || points < 0 {
        return Some(ShpDamage::NegativeCounts { parts: declared_parts, points });
    }
    // In i64 a count of up to 2^31 cannot overflow these sums.
    let needed = header + 4 * parts + 16 * points + if z { 16 + 8 * points } else { 0 };
    if needed > body.len() as i64 {
        return Some(ShpDamage::CountsPastRecord { parts: declared_parts, points, needed, held: body.len(), z });
    }
    let mut previous = None;
    for part in 0..parts {
        let start = int(header as usize + 4 * part as usize)?;
        if start < 0 || start >= points.max(1) || previous.is_some_and(|p| start <= p) {
            return Some(ShpDamage::BadPartStart { parts: declared_parts, points, part, start });
        }
        previous = Some(start);
    }
    None
}

/// True if the numbers can only be degrees.
fn looks_like_degrees(min: (f64, f64), max: (f64, f64)) -> bool {
    [min.0, max.0].iter().all(|x| x.abs() <= 180.0) && [min.1, max.1].iter().all(|y| y.abs() <= 90.0)
}

/// The CRS of a layer: the user's choice first, then the .prj, then — with no .prj — WGS84 if
/// the extent can only be degrees; anything else is an error saying what to do.
pub(crate) fn decide_crs(
    origin: &Path,
    chosen: Option<u32>,
    prj: Option<&str>,
    extent: Option<((f64, f64), (f64, f64))>,
) -> Result<DetectedCrs> {
    if let Some(code) = chosen {
        let crs = Crs::try_epsg(code).map_err(|refusal| {
            typed_problem(origin, None, Some("crs"), ProblemKind::Crs { named_in: CrsNamedIn::UserChoice, refusal })
        })?;
        return Ok(DetectedCrs { crs, source: CrsSource::UserChoice });
    }
    if let Some(text) = prj.filter(|t| !t.trim().is_empty()) {
        let (crs, matched) = wkt::identify(text).map_err(|refusal| {
            typed_problem(origin, None, Some("prj"), ProblemKind::Crs { named_in: CrsNamedIn::Prj, refusal })
        })?;
        return Ok(DetectedCrs { crs, source: CrsSource::Prj { matched } });
    }
    match extent {
        Some((min, max)) if looks_like_degrees(min, max) => {
            Ok(DetectedCrs { crs: Crs::WGS84, source: CrsSource::NoPrjDegrees })
        }
        _ => Err(typed_problem(origin, None, Some("prj"), ProblemKind::NoPrj)),
    }
}

impl ShapefileParts {
    /// Decides CRS, encoding and fields without reading the shapes.
    pub fn open(&self, options: &ImportOptions) -> Result<OpenShapefile<'_>> {
        let origin = &self.origin;
        let records = check_records(origin, &self.shp)?;
        let count = records.len();
        let f = |at: usize| f64::from_le_bytes(self.shp[at..at + 8].try_into().expect("8 bytes"));
        let extent = ((f(36), f(44)), (f(52), f(60)));
        let crs = decide_crs(origin, options.source_epsg, self.prj.as_deref(), (count > 0).then_some(extent))?;
        let mut notes = Vec::new();
        let (encoding, dbf) = match &self.dbf {
            None => {
                notes.push(Detection::NoDbf);
                (None, None)
            }
            Some(bytes) => {
                // The only refusal: an encoding the user named that the atlas does not know.
                let e = AttributeEncoding::decide(bytes, self.cpg.as_deref(), options.encoding.as_deref()).map_err(
                    |_| {
                        let name = excerpt(options.encoding.as_deref().unwrap_or(""));
                        typed_problem(origin, None, Some("encoding"), ProblemKind::UnknownEncoding { name })
                    },
                )?;
                let dbf = Dbf::parse(bytes, e.clone())
                    .map_err(|damage| typed_problem(origin, None, Some("dbf"), ProblemKind::DamagedDbf { damage }))?;
                if dbf.record_count != count {
                    let kind = ProblemKind::ShpDbfMismatch { shapes: count, records: dbf.record_count };
                    return Err(typed_problem(origin, None, Some("dbf"), kind));
                }
                if dbf.fields.iter().any(|f| f.letter == b'M') {
                    notes.push(Detection::MemoFieldsEmpty);
                }
                (Some(e), Some(dbf))
            }
        };
        let fields = dbf.as_ref().map(|d| d.field_defs()).unwrap_or_default();
        let file_type = i32::from_le_bytes(self.shp[32..36].try_into().expect("4 bytes"));
        if file_type > 10 {
            // Types 11–18 carry Z and M, 21–28 M only.
            notes.push(Detection::ValuesDropped { z: file_type < 20, m: true });
        }
        Ok(OpenShapefile { parts: self, crs, encoding, dbf, fields, count, records, notes })
    }
}

impl OpenShapefile<'_> {
    /// Up to `n` decoded text values, for the user to see mojibake before it is stored.
    pub fn samples(&self, n: usize) -> Vec<String> {
        let (Some(dbf), Some(e)) = (&self.dbf, &self.encoding) else { return Vec::new() };
        let mut out: Vec<String> = Vec::new();
        // Values with non-ASCII bytes first: those are the ones an encoding can get wrong.
        for want_non_ascii in [true, false] {
            for i in 0..dbf.record_count.min(2000) {
                for raw in dbf.raw_text(i) {
                    let text = e.decode(raw).into_owned();
                    if out.len() < n && raw.is_ascii() != want_non_ascii && !out.contains(&text) {
                        out.push(text);
                    }
                }
            }
        }
        out
    }

    /// Reads every feature in order and hands it to `each` with its index in the file.
    /// Records marked deleted in the .dbf are left out, with their shapes (as GDAL does).
    pub fn read(&self, mut each: impl FnMut(usize, IncomingFeature) -> Result<()>) -> Result<usize> {
        let origin = &self.parts.origin;
        let mut deleted = 0;
        // Each record is parsed from its own bytes only, so a record that says less or more
        // than its shape needs cannot pull the parser into the next one.
        for (i, range) in self.records.iter().enumerate() {
            let content = &self.parts.shp[range.clone()];
            let shape = <shapefile::Shape as shapefile::ReadableShape>::read_from(
                &mut Cursor::new(content),
                content.len() as i32,
            )
            .map_err(|e| {
                typed_problem(origin, Some(i), Some("geometry"), ProblemKind::UnreadableShape { detail: e.to_string() })
            })?;
            let properties = match &self.dbf {
                None => serde_json::Map::new(),
                Some(dbf) => match dbf.record(i) {
                    Ok(Some(p)) => p,
                    Ok(None) => {
                        deleted += 1;
                        continue;
                    }
                    Err((field, why)) => return Err(typed_problem(origin, Some(i), Some(&excerpt(&field)), why)),
                },
            };
            let geometry = geometry_of(shape).map_err(|why| typed_problem(origin, Some(i), Some("geometry"), why))?;
            each(i, IncomingFeature { geometry, properties, repairs: Vec::new() })?;
        }
        Ok(deleted)
    }
}

/// Imports each Shapefile as a layer of its own, inside the caller's transaction.
pub(crate) fn import(
    tx: &rusqlite::Transaction<'_>,
    path: &Path,
    shapefiles: &[ShapefileParts],
    options: &ImportOptions,
    progress: &dyn Fn(usize, usize) -> bool,
    report: &mut super::ImportReport,
) -> Result<()> {
    for parts in shapefiles {
        let open = parts.open(options)?;
        let name = match (&options.layer_name, shapefiles.len()) {
            (Some(n), 1) => n.clone(),
            _ => parts.name.clone(),
        };
        let source = parts.origin.file_name().and_then(|n| n.to_str()).unwrap_or("shapefile").to_owned();
        let source = if parts.origin.starts_with(path) && parts.origin != path {
            format!("{} › {source}", path.file_name().and_then(|n| n.to_str()).unwrap_or("archive"))
        } else {
            source
        };
        let mut writer = super::LayerWriter::start(tx, &parts.origin, &name, &source, options, open.count, progress)?;
        let note = |d: Detection| ImportNote::new(&parts.name, d);
        report.notes.push(note(Detection::Crs { crs: open.crs.crs, source: open.crs.source.clone() }));
        report.notes.extend(open.encoding.iter().map(|e| note(e.detection())));
        report.notes.extend(open.notes.iter().cloned().map(note));
        report.samples.extend(open.samples(3));
        writer.set_source_crs(open.crs.crs);
        writer.declare_fields(&open.fields)?;
        let deleted = open.read(|i, f| writer.push(i, f, report))?;
        if deleted > 0 {
            report.notes.push(ImportNote::new(&parts.name, Detection::DeletedRecordsLeftOut { count: deleted }));
        }
        writer.finish(report)?;
    }
    Ok(())
}

fn coords<P: shapefile::record::traits::HasXY>(points: &[P]) -> Vec<Coord> {
    points.iter().map(|p| Coord { x: p.x(), y: p.y() }).collect()
}

/// A shape as a geo geometry (Z and M dropped).
fn geometry_of(shape: shapefile::Shape) -> std::result::Result<geo::Geometry, ProblemKind> {
    use shapefile::Shape::*;
    fn lines<P: shapefile::record::traits::HasXY>(parts: &[Vec<P>]) -> geo::Geometry {
        let mut lines: Vec<LineString> = parts.iter().map(|p| LineString::new(coords(p))).collect();
        if lines.len() == 1 {
            geo::Geometry::LineString(lines.remove(0))
        } else {
            geo::Geometry::MultiLineString(MultiLineString::new(lines))
        }
    }
    fn rings<P: shapefile::record::traits::HasXY>(rings: &[shapefile::PolygonRing<P>]) -> geo::Geometry {
        assemble_polygons(rings.iter().map(|r| LineString::new(coords(r.points()))).collect())
    }
    fn points<P: shapefile::record::traits::HasXY>(ps: &[P]) -> geo::Geometry {
        geo::Geometry::MultiPoint(MultiPoint::new(coords(ps).into_iter().map(geo::Point::from).collect()))
    }
    Ok(match shape {
        NullShape => return Err(ProblemKind::NullShape),
        Point(p) => geo::Geometry::Point(geo::Point::new(p.x, p.y)),
        PointM(p) => geo::Geometry::Point(geo::Point::new(p.x, p.y)),
        PointZ(p) => geo::Geometry::Point(geo::Point::new(p.x, p.y)),
        Polyline(l) => lines(l.parts()),
        PolylineM(l) => lines(l.parts()),
        PolylineZ(l) => lines(l.parts()),
        Polygon(p) => rings(p.rings()),
        PolygonM(p) => rings(p.rings()),
        PolygonZ(p) => rings(p.rings()),
        Multipoint(m) => points(m.points()),
        MultipointM(m) => points(m.points()),
        MultipointZ(m) => points(m.points()),
        Multipatch(_) => return Err(ProblemKind::Multipatch),
    })
}

/// Shapefile rings → polygons by containment (see the module comment). Rings are taken
/// largest first, so each one's container, if any, is already placed.
pub fn assemble_polygons(rings: Vec<LineString>) -> geo::Geometry {
    use geo::{Area, BoundingRect};
    if rings.len() == 1 {
        return geo::Geometry::Polygon(Polygon::new(rings.into_iter().next().expect("one ring"), vec![]));
    }
    let mut order: Vec<(usize, f64, Option<geo::Rect>)> = rings
        .iter()
        .enumerate()
        .map(|(i, r)| (i, Polygon::new(r.clone(), vec![]).unsigned_area(), r.bounding_rect()))
        .collect();
    order.sort_by(|a, b| b.1.total_cmp(&a.1));
    // For each placed ring: (ring index, depth, the polygon it belongs to)
    let mut placed: Vec<(usize, usize, usize)> = Vec::new();
    let mut polygons: Vec<(usize, Vec<usize>)> = Vec::new();
    for &(i, _, rect) in &order {
        let container = placed.iter().rev().find(|(j, _, _)| {
            let (Some(inner), Some(outer)) = (rect, order.iter().find(|o| o.0 == *j).and_then(|o| o.2)) else {
                return false;
            };
            inner.min().x >= outer.min().x
                && inner.min().y >= outer.min().y
                && inner.max().x <= outer.max().x
                && inner.max().y <= outer.max().y
                && ring_inside(&rings[i], &rings[*j])
        });
        match container {
            Some(&(_, depth, polygon)) if depth % 2 == 0 => {
                polygons[polygon].1.push(i);
                placed.push((i, depth + 1, polygon));
            }
            other => {
                let depth = other.map_or(0, |c| c.1 + 1);
                polygons.push((i, Vec::new()));
                placed.push((i, depth, polygons.len() - 1));
            }
        }
    }
    let mut built: Vec<Polygon> = polygons
        .into_iter()
        .map(|(outer, holes)| Polygon::new(rings[outer].clone(), holes.into_iter().map(|h| rings[h].clone()).collect()))
        .collect();
    if built.len() == 1 {
        geo::Geometry::Polygon(built.remove(0))
    } else {
        geo::Geometry::MultiPolygon(geo::MultiPolygon::new(built))
    }
}

/// Whether ring `inner` lies inside ring `outer`: decided by its first vertex that is not on
/// `outer`'s boundary (holes may touch their outer ring at a vertex).
fn ring_inside(inner: &LineString, outer: &LineString) -> bool {
    use geo::coordinate_position::{coord_pos_relative_to_ring, CoordPos};
    for c in inner.coords() {
        match coord_pos_relative_to_ring(*c, outer) {
            CoordPos::Inside => return true,
            CoordPos::Outside => return false,
            CoordPos::OnBoundary => {}
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn square(x: f64, y: f64, size: f64, clockwise: bool) -> LineString {
        let mut c = vec![(x, y), (x + size, y), (x + size, y + size), (x, y + size), (x, y)];
        if clockwise {
            c.reverse();
        }
        LineString::from(c)
    }

    #[test]
    fn rings_nest_by_containment_whatever_their_order_or_winding() {
        // Two islands, the first with a lake that holds an islet; the hole comes first and
        // every ring is wound the "wrong" way.
        let rings = vec![
            square(2.0, 2.0, 6.0, true),
            square(0.0, 0.0, 10.0, false),
            square(4.0, 4.0, 1.0, false),
            square(20.0, 0.0, 5.0, false),
        ];
        let geo::Geometry::MultiPolygon(mp) = assemble_polygons(rings) else { panic!("a multipolygon") };
        assert_eq!(mp.0.len(), 3);
        let big = mp.0.iter().find(|p| p.exterior().0[0] == Coord { x: 0.0, y: 0.0 }).unwrap();
        assert_eq!(big.interiors().len(), 1);
        assert!(mp.0.iter().any(|p| p.exterior().0.contains(&Coord { x: 4.0, y: 4.0 }) && p.interiors().is_empty()));
    }

    #[test]
    fn damaged_files_are_refused_before_parsing() {
        let mut shp = vec![0u8; 100];
        shp[..4].copy_from_slice(&[0, 0, 0x27, 0x0A]);
        assert_eq!(check_records(Path::new("x.shp"), &shp).unwrap().len(), 0);
        // A polygon record claiming 2^30 points in 48 bytes.
        shp.extend_from_slice(&[0, 0, 0, 1, 0, 0, 0, 24]);
        let mut body = vec![0u8; 48];
        body[0] = 5;
        body[36] = 1;
        body[40..44].copy_from_slice(&(1i32 << 30).to_le_bytes());
        shp.extend_from_slice(&body);
        let e = check_records(Path::new("x.shp"), &shp).unwrap_err().to_string();
        assert!(e.contains("declares 1 part and 1073741824 points"), "{e}");
        assert!(e.contains("but holds 48 bytes"), "{e}");
    }

    /// A multi-part record's content: shape type, a zero bounding box, the part starts, `points`
    /// zero points, then `extra` zero bytes (Z and M ranges and arrays).
    fn multi_part_record(shape_type: i32, part_starts: &[i32], points: i32, extra: usize) -> Vec<u8> {
        let mut body = shape_type.to_le_bytes().to_vec();
        body.extend_from_slice(&[0; 32]);
        body.extend_from_slice(&(part_starts.len() as i32).to_le_bytes());
        body.extend_from_slice(&points.to_le_bytes());
        part_starts.iter().for_each(|s| body.extend_from_slice(&s.to_le_bytes()));
        body.resize(body.len() + 16 * points as usize + extra, 0);
        body
    }

    /// Opens a .shp of these records (no .dbf, CRS named) as the importer does; on success also
    /// reads it, so a test that expects a refusal shows what happened instead.
    fn open_records(records: &[Vec<u8>]) -> std::result::Result<(), String> {
        let mut shp = vec![0u8; 100];
        shp[..4].copy_from_slice(&[0, 0, 0x27, 0x0A]);
        shp[32..36].copy_from_slice(&records[0][..4]);
        for (i, body) in records.iter().enumerate() {
            shp.extend_from_slice(&(i as i32 + 1).to_be_bytes());
            shp.extend_from_slice(&((body.len() / 2) as i32).to_be_bytes());
            shp.extend_from_slice(body);
        }
        let parts = ShapefileParts { name: "t".into(), origin: "t.shp".into(), shp, dbf: None, prj: None, cpg: None };
        let options = ImportOptions { source_epsg: Some(4548), ..Default::default() };
        let open = parts.open(&options).map_err(|e| e.to_string())?;
        match open.read(|_, _| Ok(())) {
            Ok(_) => Ok(()),
            Err(e) => panic!("opened, then reading failed: {e}"),
        }
    }

    #[test]
    fn part_starts_outside_the_record_points_are_refused_before_the_parser_reserves_for_them() {
        // Found by fuzzing (fuzz/corpus/import_shapefile/regression-part-start-27gb): 1 part,
        // 5 points, all in 128 bytes, but the part starts at point -1728053248, so the shapefile
        // crate reserved 5 - (-1728053248) points (27.6 GB) for it.
        let e = open_records(&[multi_part_record(5, &[0x9900_0000_u32 as i32], 5, 0)]).unwrap_err();
        for needle in ["t.shp: feature 0: geometry", "part 0 starts at point -1728053248", "5 points", "QGIS"] {
            assert!(e.contains(needle), "{e:?} should say {needle:?}");
        }
        assert!(!e.contains('\n'), "one line: {e}");
        // Starts past the points, or going backwards (as shapelib, i.e. GDAL and QGIS, refuses).
        let e = open_records(&[multi_part_record(3, &[0, 7], 5, 0)]).unwrap_err();
        assert!(e.contains("part 1 starts at point 7"), "{e}");
        let e = open_records(&[multi_part_record(5, &[0, 3, 2], 5, 0)]).unwrap_err();
        assert!(e.contains("part 2 starts at point 2"), "{e}");
        // The second record is the damaged one: nothing is read (the import would write nothing).
        let good = multi_part_record(5, &[0, 2], 5, 0);
        let e = open_records(&[good.clone(), multi_part_record(5, &[0, -1], 5, 0)]).unwrap_err();
        assert!(e.contains("feature 1") && e.contains("part 1 starts at point -1"), "{e}");
        open_records(&[good]).unwrap();
    }

    #[test]
    fn z_records_must_hold_their_z_values() {
        // A PolylineZ with its x/y but without the Z range and values it must carry.
        let e = open_records(&[multi_part_record(13, &[0], 2, 0)]).unwrap_err();
        for needle in
            ["feature 0", "declares 1 part and 2 points", "need 112 bytes with their Z values", "holds 80 bytes"]
        {
            assert!(e.contains(needle), "{e:?} should say {needle:?}");
        }
        let e = open_records(&[[11i32.to_le_bytes().as_slice(), &[0; 16]].concat()]).unwrap_err();
        assert!(e.contains("holds 20 bytes"), "{e}");
        // With Z (M is optional), or with Z and M, it is read.
        open_records(&[multi_part_record(13, &[0], 2, 16 + 2 * 8)]).unwrap();
        open_records(&[multi_part_record(15, &[0], 4, 2 * (16 + 4 * 8))]).unwrap();
    }
}
