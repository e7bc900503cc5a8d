//! Why a file or a layer cannot be imported as it stands, as a kind with what was found: the
//! CRS's code or name and why it is refused, the record counts that disagree, the coordinate
//! that does not fit, the format that is unknown, the limit and the value over it, the record
//! that is damaged and how. Like the detections (detected.rs), the app words it in the UI's
//! language (ui/src/panels/importWords.ts). Its `Display` is the English message of the
//! one-line import error the CLI prints (file, feature, field, then this), so the English is
//! worded once, here.
//!
//! Whole-file errors (an unknown format, a .zip without a Shapefile, a file over the size
//! limit, one that cannot be read) reach the import dialog the same way, in the error report
//! (`ErrorReport::problem`, see [`ProblemKind::of_error`]). A parser's own words (serde_json's,
//! the zip or csv crate's, SQLite's) travel as a `detail` the dialog quotes inside a sentence
//! in its own language. GeoJSON's own troubles (not JSON, not GeoJSON, a null geometry, a
//! geometry object's structure: [`GeometryStructure`]) and geometry validation
//! ([`GeometryProblem`]) are kinds too. What has no kind travels as [`ProblemKind::Untyped`],
//! the importer's English message (only an internal error that asks to be reported).

use serde::{Deserialize, Serialize};

pub use super::geojson_geometry::GeometryStructure;
pub use super::validate::GeometryProblem;
use crate::crs::{Crs, CrsRefusal};
use crate::error::AtlasError;

/// Where a refused CRS was named.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum CrsNamedIn {
    /// The Shapefile's `.prj`.
    Prj,
    /// A GeoPackage layer's `gpkg_spatial_ref_sys` row.
    GpkgSrs,
    /// A GeoJSON file's legacy `crs` member.
    GeojsonMember,
    /// The user's choice (`--crs`, the dialog): naming another is all there is to do.
    UserChoice,
}

/// Why a layer cannot be imported as it stands.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ProblemKind {
    /// The CRS named in the file (or by the user) cannot be used; the refusal says what was
    /// found and what to do. Named in the file, the user may also name the right one.
    Crs { named_in: CrsNamedIn, refusal: CrsRefusal },
    /// A Shapefile without a `.prj` whose coordinates are not longitude/latitude: the user
    /// must name its CRS (EPSG:4548 is Tianjin's usual).
    NoPrj,
    /// A GeoPackage layer whose spatial reference system is undefined (its organization and
    /// code, e.g. "" and -1).
    UndefinedSrs { organization: String, code: i64 },
    /// Multipatch shapes (3D surfaces): export them as polygons first.
    Multipatch,
    /// The `.shp` and `.dbf` hold different numbers of records: not one layer's files.
    ShpDbfMismatch { shapes: usize, records: usize },
    /// A coordinate that is not valid in the layer's CRS (usually the CRS is wrong).
    OutsideCrs { x: f64, y: f64, crs: Crs },
    /// The file is none of the formats the atlas imports (its extension, lower case, if any).
    UnknownFormat { extension: Option<String> },
    /// The file cannot be opened or read (not there, not allowed, or the system's reason).
    Unreadable { cause: ReadCause },
    /// The file holds no bytes.
    EmptyFile,
    /// A text format (GeoJSON, CSV) that is not UTF-8: the offset of the first bad byte.
    NotUtf8 { offset: usize },
    /// Over the import's size limit: what was measured, its size when known, the limit.
    SizeLimit { of: SizedPart, bytes: Option<u64>, limit: u64 },
    /// A GeoPackage whose rows, as read, are over the import's size limit (a view or a sparse
    /// file can hold far more than its size).
    RowsOverSizeLimit,
    /// A .zip with more entries than any delivery of Shapefiles holds.
    TooManyEntries { entries: usize, limit: usize },
    /// Not a readable .zip archive (the zip reader's detail).
    NotZip { detail: String },
    /// An entry of the .zip cannot be read or unpacked (its name when known, its index, the
    /// zip reader's detail).
    ZipEntry { entry: Option<String>, index: usize, detail: String },
    /// A .zip that holds no `.shp`.
    NoShapefileInZip,
    /// A `.prj` or `.cpg` over 64 KB (its extension, without the dot).
    SidecarTooLarge { extension: String },
    /// The `.shp` is damaged: how.
    DamagedShp { damage: ShpDamage },
    /// The shapefile reader cannot read one shape (its detail).
    UnreadableShape { detail: String },
    /// A null shape: a feature without a geometry.
    NullShape,
    /// The `.dbf` is damaged: how.
    DamagedDbf { damage: DbfDamage },
    /// The encoding the user named is not one the atlas knows.
    UnknownEncoding { name: String },
    /// A number or date field holding non-ASCII bytes.
    NonAsciiNumber,
    /// A value that should be a number (CSV: `row` is the row's line in the file, from 1).
    NotANumber { value: String, row: Option<usize> },
    /// A dBase date field value that is not YYYYMMDD.
    NotADate { value: String },
    /// Not a GeoPackage: SQLite's detail when it cannot be opened, none when it has no
    /// `gpkg_geometry_columns` table.
    NotGeoPackage { detail: Option<String> },
    /// The GeoPackage's list of layers cannot be read (SQLite's detail).
    GpkgLayerList { detail: String },
    /// A chosen table that is not one of its feature tables (which are listed).
    NoSuchTable { table: String, tables: Vec<String> },
    /// A GeoPackage without feature tables.
    NoFeatureTables,
    /// `gpkg_geometry_columns` names a column the table does not have (the field says which).
    MissingGeometryColumn,
    /// A GeoPackage feature whose geometry is NULL.
    NoGeometry,
    /// A geometry value that is not a GeoPackage blob.
    NotGeometryBlob,
    /// A GeoPackage geometry blob that cannot be decoded (the decoder's detail).
    BadGeometryBlob { detail: String },
    /// CSV: the column the user named for longitude or latitude is not there (the first ten
    /// columns, and how many more).
    NoSuchColumn { axis: CoordinateAxis, asked: String, columns: Vec<String>, more: usize },
    /// CSV: no column by a usual longitude or latitude name (the names looked for).
    NoCoordinateColumn { axis: CoordinateAxis, looked_for: Vec<String> },
    /// CSV: the header row cannot be read (the csv reader's detail).
    CsvHeader { detail: String },
    /// CSV: a row cannot be read (its line in the file, from 1; the csv reader's detail).
    CsvRow { row: usize, detail: String },
    /// More columns than the limit: in a CSV header, a feature's properties, or the distinct
    /// properties of a layer's features (then `columns` is the first one over the limit).
    TooManyColumns { columns: usize, limit: usize, of: ColumnsOf },
    /// A feature's property names and values over the limit, in bytes.
    PropertyBytes { bytes: usize, limit: usize },
    /// A geometry with more parts (or one polygon with more holes) than the limit.
    TooManyParts { parts: usize, holes: usize, limit: usize },
    /// A GeoJSON `crs` member that names nothing the atlas reads (an excerpt of it).
    CrsMemberUnreadable { member: String },
    /// A GeoJSON `crs` member whose name is not a coordinate system name (e.g. "EPSG:abc").
    CrsName { name: String },
    /// A GeoJSON `crs` member found only after the features, far from the end of the file.
    CrsMemberLate { name: String },
    /// A layer without any feature.
    NoFeatures,
    /// A GeoJSON file that does not parse (its line and column, from 1; serde_json's detail).
    Json { trouble: JsonTrouble, line: usize, column: usize, detail: String },
    /// A GeoJSON Feature or geometry at the top whose members are not what GeoJSON says
    /// (serde_json's detail).
    NotGeojson { detail: String },
    /// A GeoJSON object of type FeatureCollection without a `features` array.
    NoFeaturesArray,
    /// A `features` array in an object that is not a FeatureCollection.
    FeaturesOutsideCollection,
    /// A GeoJSON feature whose `geometry` is null (or absent).
    NullGeometry,
    /// A member of `features` whose `type` is not "Feature" (what it is, if it has one).
    NotAFeature { found: Option<String> },
    /// A GeoJSON geometry object that is not built as its type needs.
    GeojsonGeometry { structure: GeometryStructure },
    /// A geometry the atlas refuses (outside WGS84, too few positions, an unrepairable polygon).
    InvalidGeometry { problem: GeometryProblem },
    /// A feature that SQLite (or the GeoPackage encoder) would not store (its detail).
    NotStored { detail: String },
    /// A problem without a kind yet: the importer's English message.
    Untyped { message: String },
}

/// Where columns were counted against the limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ColumnsOf {
    /// A CSV header.
    Header,
    /// One feature's properties.
    Feature,
    /// The distinct properties of a layer's features.
    Layer,
}

/// Why a GeoJSON file does not parse.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum JsonTrouble {
    /// Not JSON (or cut short).
    Syntax,
    /// Nested deeper than the parser goes (no GeoJSON is).
    TooDeep,
    /// JSON, but not GeoJSON where it was read (e.g. a string where an object belongs).
    NotGeojson,
}

/// What was measured against the import's size limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum SizedPart {
    /// The file itself.
    File,
    /// A .zip archive's size.
    Archive,
    /// A Shapefile's .shp and .dbf together.
    ShapefileFiles,
    /// What a .zip's Shapefiles unpack to.
    Unpacked,
}

/// Why a file cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ReadCause {
    NotFound,
    PermissionDenied,
    /// The system's reason, in its words.
    Other {
        detail: String,
    },
}

/// Which coordinate a CSV column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum CoordinateAxis {
    Longitude,
    Latitude,
}

/// How a `.shp` is damaged. `record` is the record's index, from 0 (the feature's). Counts
/// are as the record declares them (`parts` is None for a multipoint, which has none).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ShpDamage {
    /// It does not start with the Shapefile header (file code 9994).
    NoHeader,
    RecordPastEnd {
        record: usize,
    },
    EmptyRecord {
        record: usize,
    },
    UnknownShapeType {
        record: usize,
        shape_type: i32,
    },
    /// A point record shorter than a point (with its Z value when `z`).
    ShortPoint {
        z: bool,
        needed: usize,
        held: usize,
    },
    NegativeCounts {
        parts: Option<i64>,
        points: i64,
    },
    /// Counts whose points (and Z values when `z`) need more bytes than the record holds.
    CountsPastRecord {
        parts: Option<i64>,
        points: i64,
        needed: i64,
        held: usize,
        z: bool,
    },
    /// A part that does not start after the one before it, within the points.
    BadPartStart {
        parts: Option<i64>,
        points: i64,
        part: i64,
        start: i64,
    },
}

/// How a `.dbf` is damaged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DbfDamage {
    /// Shorter than a dBase header.
    TooShort,
    /// Header and record lengths that cannot be (in bytes).
    BadHeader { header_bytes: usize, record_bytes: usize },
    /// Fields that need more bytes per record than the header says.
    FieldsPastRecord { needed: usize, record_bytes: usize },
    /// A record the .shp has but the .dbf does not.
    MissingRecord { record: usize },
}

impl ProblemKind {
    /// The kind an error reaching the UI is, where it is about the file being imported: an
    /// import problem's kind (or its English message as [`ProblemKind::Untyped`]), a file
    /// that cannot be read. None for the rest (a cancel, a busy atlas, a database error).
    pub fn of_error(e: &AtlasError) -> Option<ProblemKind> {
        match e {
            AtlasError::Import(p) => {
                Some(p.kind.clone().unwrap_or_else(|| ProblemKind::Untyped { message: p.message.clone() }))
            }
            AtlasError::Read { source, .. } => Some(ProblemKind::Unreadable { cause: ReadCause::of(source) }),
            _ => None,
        }
    }

    /// True for the kinds that are a limit the user may raise (the CLI's flags).
    pub fn is_limit(&self) -> bool {
        matches!(
            self,
            ProblemKind::SizeLimit { .. }
                | ProblemKind::RowsOverSizeLimit
                | ProblemKind::TooManyEntries { .. }
                | ProblemKind::TooManyColumns { .. }
                | ProblemKind::PropertyBytes { .. }
                | ProblemKind::TooManyParts { .. }
        )
    }
}

impl ReadCause {
    pub fn of(e: &std::io::Error) -> ReadCause {
        match e.kind() {
            std::io::ErrorKind::NotFound => ReadCause::NotFound,
            std::io::ErrorKind::PermissionDenied => ReadCause::PermissionDenied,
            _ => ReadCause::Other { detail: e.to_string() },
        }
    }
}

const NOT_GEOJSON: &str = "it is not GeoJSON (a FeatureCollection, a Feature or a geometry)";

/// What to say after a refused CRS the file named: the user may name the right one.
const OR_NAME_IT: &str = "or, if you know it, name the CRS (--crs EPSG:<code>, or the choice in the import dialog)";

impl std::fmt::Display for ProblemKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ProblemKind::Crs { named_in: CrsNamedIn::UserChoice, refusal } => write!(f, "{refusal}"),
            ProblemKind::Crs { refusal, .. } => write!(f, "{refusal}; {OR_NAME_IT}"),
            ProblemKind::NoPrj => f.write_str("it has no .prj and its coordinates are not longitude/latitude, so its coordinate system is unknown; name it (--crs EPSG:4548 for CGCS2000 / 3-degree Gauss-Kruger CM 117E, Tianjin's usual; or choose it in the import dialog)"),
            ProblemKind::UndefinedSrs { organization, code } => write!(
                f,
                "its spatial reference system ({}:{code}) is undefined; name the CRS (--crs EPSG:<code>, or the choice in the import dialog)",
                super::excerpt(organization)
            ),
            ProblemKind::Multipatch => f.write_str("it holds multipatch shapes (3D surfaces), which a 2D map cannot show; export it as polygons (in ArcGIS: Multipatch Footprint) and import that"),
            ProblemKind::ShpDbfMismatch { shapes, records } => write!(
                f,
                "its .shp holds {shapes} shapes but its .dbf {records} records; the two files do not belong together (export the layer again)"
            ),
            ProblemKind::OutsideCrs { x, y, crs } => write!(f, "{}", crate::crs::OutsideCrs { x: *x, y: *y, crs: *crs }),
            ProblemKind::UnknownFormat { .. } => f.write_str("unknown format; import GeoJSON (.geojson), GeoPackage (.gpkg), CSV (.csv), a Shapefile (.shp) or zipped Shapefiles (.zip)"),
            ProblemKind::Unreadable { cause } => match cause {
                ReadCause::NotFound => f.write_str("the file is not there; check the path"),
                ReadCause::PermissionDenied => f.write_str("the file may not be read (permission denied); check its permissions"),
                ReadCause::Other { detail } => write!(f, "the file cannot be read ({detail}); check that it is readable"),
            },
            ProblemKind::EmptyFile => f.write_str("the file is empty"),
            ProblemKind::NotUtf8 { offset } => write!(f, "the file is not UTF-8 (first bad byte at offset {offset}); save it as UTF-8 (GBK/GB18030 files must be converted)"),
            ProblemKind::SizeLimit { of, bytes, limit } => {
                let (mb, limit_mb) = (bytes.unwrap_or(0) as f64 / 1e6, *limit as f64 / 1e6);
                match of {
                    SizedPart::File => write!(f, "the file is {mb:.0} MB, over the import limit of {limit_mb:.0} MB; raise the limit (--max-mb in the CLI) if this is intended"),
                    SizedPart::Archive => write!(f, "the archive is {mb:.0} MB, over the import limit of {limit_mb:.0} MB; raise the limit (--max-mb in the CLI) if this is intended"),
                    SizedPart::ShapefileFiles => write!(f, "the Shapefile's files are {mb:.0} MB together, over the import limit of {limit_mb:.0} MB; raise the limit (--max-mb in the CLI) if this is intended"),
                    SizedPart::Unpacked => write!(f, "its Shapefiles unpack to more than the import limit of {limit_mb:.0} MB; raise the limit (--max-mb in the CLI) if this is intended"),
                }
            }
            ProblemKind::RowsOverSizeLimit => f.write_str("the rows read so far are over the import's size limit; raise the limit (--max-mb in the CLI) if this file is really that large"),
            ProblemKind::TooManyEntries { entries, limit } => write!(f, "the archive holds {entries} entries, over the limit of {limit}; unpack it and import the Shapefiles you need"),
            ProblemKind::NotZip { detail } => write!(f, "it is not a readable .zip archive ({detail})"),
            ProblemKind::ZipEntry { entry: Some(name), detail, .. } => write!(f, "{name} in the archive cannot be unpacked ({detail})"),
            ProblemKind::ZipEntry { entry: None, index, detail } => write!(f, "entry {index} of the archive cannot be read ({detail})"),
            ProblemKind::NoShapefileInZip => f.write_str("the archive holds no Shapefile (.shp); the atlas imports zipped Shapefiles, or GeoJSON, GeoPackage and CSV files unpacked"),
            ProblemKind::SidecarTooLarge { extension: e } => write!(f, "its .{e} is over 64 KB: it cannot be a {e} file"),
            ProblemKind::DamagedShp { damage } => write!(f, "the .shp is damaged: {damage}; export the layer again from your GIS (QGIS, ArcGIS)"),
            ProblemKind::UnreadableShape { detail } => write!(f, "the shape cannot be read ({detail}); export the layer again"),
            ProblemKind::NullShape => f.write_str("the shape is empty (a null shape); delete the feature or give it a geometry in your GIS"),
            ProblemKind::DamagedDbf { damage } => write!(f, "{damage}; export it again from your GIS"),
            ProblemKind::UnknownEncoding { name } => write!(f, "{name:?} is not an encoding the atlas knows; use UTF-8, GBK, GB18030 or BIG5"),
            ProblemKind::NonAsciiNumber => f.write_str("a number or date field holds non-ASCII bytes"),
            ProblemKind::NotANumber { value, row: Some(row) } => write!(f, "{value:?} in row {row} is not a number"),
            ProblemKind::NotANumber { value, row: None } => write!(f, "{value:?} is not a number"),
            ProblemKind::NotADate { value } => write!(f, "{value:?} is not a date (YYYYMMDD)"),
            ProblemKind::NotGeoPackage { detail: Some(detail) } => write!(f, "cannot open it as a GeoPackage: {detail}"),
            ProblemKind::NotGeoPackage { detail: None } => f.write_str("it is not a GeoPackage (no gpkg_geometry_columns table)"),
            ProblemKind::GpkgLayerList { detail } => write!(f, "its layer list cannot be read: {detail}"),
            ProblemKind::NoSuchTable { table, tables } => write!(f, "there is no feature table {table:?} (views are not imported); its tables are {tables:?}"),
            ProblemKind::NoFeatureTables => f.write_str("it has no feature tables"),
            ProblemKind::MissingGeometryColumn => f.write_str("gpkg_geometry_columns names a geometry column the table does not have"),
            ProblemKind::NoGeometry => f.write_str("the feature has no geometry"),
            ProblemKind::NotGeometryBlob => f.write_str("the geometry is not a GeoPackage blob"),
            ProblemKind::BadGeometryBlob { detail } => f.write_str(detail),
            ProblemKind::NoSuchColumn { axis, asked, columns, more } => {
                let more = if *more > 0 { format!(" and {more} more") } else { String::new() };
                write!(f, "there is no {} column named {asked:?}; the columns are {columns:?}{more}", axis.word())
            }
            ProblemKind::NoCoordinateColumn { axis, looked_for } => write!(
                f,
                "no {} column found (looked for {looked_for:?}); name it, e.g. --{}-column NAME",
                axis.word(),
                if *axis == CoordinateAxis::Longitude { "lon" } else { "lat" }
            ),
            ProblemKind::CsvHeader { detail } => write!(f, "cannot read the header row: {detail}"),
            ProblemKind::CsvRow { row, detail } => write!(f, "row {row} cannot be read: {detail}"),
            ProblemKind::TooManyColumns { columns, limit, of: ColumnsOf::Header } => write!(f, "the header has {columns} columns, over the limit of {limit}; keep the columns you need (or raise --max-columns in the CLI)"),
            ProblemKind::TooManyColumns { columns, limit, of: ColumnsOf::Feature } => write!(f, "it has {columns} properties, over the limit of {limit}; remove columns you do not need (or raise --max-columns in the CLI)"),
            ProblemKind::TooManyColumns { limit, of: ColumnsOf::Layer, .. } => write!(f, "the layer has more than {limit} distinct properties; remove columns you do not need (or raise --max-columns in the CLI)"),
            ProblemKind::PropertyBytes { bytes, limit } => write!(f, "its properties hold {bytes} bytes, over the limit of {limit} per feature (raise --max-property-kb in the CLI if this is intended)"),
            ProblemKind::TooManyParts { parts, holes, limit } => write!(f, "it has {parts} parts and up to {holes} holes in one polygon, over the limit of {limit}; split it into several features (or raise --max-parts in the CLI)"),
            ProblemKind::CrsMemberUnreadable { member } => write!(f, "its `crs` member {member:?} names no coordinate system the atlas reads; remove it if the coordinates are WGS84 longitude/latitude, or name the CRS (--crs EPSG:<code>, or the import dialog's choice)"),
            ProblemKind::CrsName { name } => write!(f, "{name:?} is not a coordinate system name the atlas reads; write it as EPSG:<code>, e.g. EPSG:4548 (CGCS2000 / 3-degree Gauss-Kruger CM 117E)"),
            ProblemKind::CrsMemberLate { name } => write!(f, "its `crs` member ({name}) stands after the features and far from the end of the file, where the atlas does not look for it; write the file again with the member first (ogr2ogr -f GeoJSON -lco RFC7946=NO out.geojson in.geojson) and import that"),
            ProblemKind::NoFeatures => f.write_str("it holds no features"),
            ProblemKind::Json { trouble, line, column, detail } => {
                let hint = match trouble {
                    JsonTrouble::Syntax => "it is not valid JSON",
                    JsonTrouble::TooDeep => "it is nested too deeply to be GeoJSON",
                    JsonTrouble::NotGeojson => NOT_GEOJSON,
                };
                write!(f, "{hint} (line {line}, column {column}: {detail})")
            }
            ProblemKind::NotGeojson { detail } => write!(f, "{NOT_GEOJSON}: {detail}"),
            ProblemKind::NoFeaturesArray => write!(f, "{NOT_GEOJSON}: a FeatureCollection needs a `features` array"),
            ProblemKind::FeaturesOutsideCollection => f.write_str("it has a `features` array but is not a FeatureCollection; set \"type\": \"FeatureCollection\""),
            ProblemKind::NullGeometry => f.write_str("it has no geometry (null); give it one or leave it out"),
            ProblemKind::NotAFeature { found: Some(found) } => write!(f, "its type is {found:?}, not \"Feature\""),
            ProblemKind::NotAFeature { found: None } => f.write_str("it has no type, so it is not a \"Feature\""),
            ProblemKind::GeojsonGeometry { structure } => write!(f, "{structure}"),
            ProblemKind::InvalidGeometry { problem } => write!(f, "{problem}"),
            ProblemKind::NotStored { detail } => write!(f, "could not be stored: {detail}"),
            ProblemKind::Untyped { message } => f.write_str(message),
        }
    }
}

impl CoordinateAxis {
    fn word(self) -> &'static str {
        match self {
            CoordinateAxis::Longitude => "longitude",
            CoordinateAxis::Latitude => "latitude",
        }
    }
}

impl std::fmt::Display for ShpDamage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let plural = |n: i64, one: &str| format!("{n} {one}{}", if n == 1 { "" } else { "s" });
        let declared = |parts: &Option<i64>, points: i64| match parts {
            None => plural(points, "point"),
            Some(parts) => format!("{} and {}", plural(*parts, "part"), plural(points, "point")),
        };
        match self {
            ShpDamage::NoHeader => f.write_str("it does not start with the Shapefile header (file code 9994)"),
            ShpDamage::RecordPastEnd { record } => write!(f, "record {record} runs past the end of the file"),
            ShpDamage::EmptyRecord { record } => write!(f, "record {record} is empty"),
            ShpDamage::UnknownShapeType { record, shape_type } => {
                write!(f, "record {record} has shape type {shape_type}, which Shapefiles do not define")
            }
            ShpDamage::ShortPoint { z, needed, held } => {
                let what = if *z { "a point with its Z value needs" } else { "a point needs" };
                write!(f, "{what} {needed} bytes, but the record holds {held} bytes")
            }
            ShpDamage::NegativeCounts { parts, points } => write!(f, "the record declares {}", declared(parts, *points)),
            ShpDamage::CountsPastRecord { parts, points, needed, held, z } => {
                let with = if *z { " with their Z values" } else { "" };
                write!(f, "the record declares {}, which need {needed} bytes{with}, but holds {held} bytes", declared(parts, *points))
            }
            ShpDamage::BadPartStart { parts, points, part, start } => write!(
                f,
                "the record declares {}, but part {part} starts at point {start} (each part must start after the one before it, from point 0 up to point {})",
                declared(parts, *points),
                (*points).max(1) - 1
            ),
        }
    }
}

impl std::fmt::Display for DbfDamage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DbfDamage::TooShort => f.write_str("its .dbf is too short to be a dBase table"),
            DbfDamage::BadHeader { header_bytes, record_bytes } => {
                write!(f, "its .dbf header is damaged (header {header_bytes} bytes, records {record_bytes} bytes)")
            }
            DbfDamage::FieldsPastRecord { needed, record_bytes } => {
                write!(f, "its .dbf fields need {needed} bytes per record but its header says {record_bytes}")
            }
            DbfDamage::MissingRecord { record } => write!(f, "the .dbf has no record {record}"),
        }
    }
}

impl From<crate::crs::OutsideCrs> for ProblemKind {
    fn from(e: crate::crs::OutsideCrs) -> ProblemKind {
        ProblemKind::OutsideCrs { x: e.x, y: e.y, crs: e.crs }
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::import::preview::preview;
    use crate::import::{ImportLimits, ImportOptions};

    /// The kind an error for `file` carries to the UI (the report's `problem`), after checking
    /// the report names the file.
    fn reported(e: AtlasError, file: &Path) -> ProblemKind {
        let report = e.report();
        assert_eq!(report.file.as_deref(), Some(file), "{}", report.message);
        report.problem.expect("a problem kind")
    }

    fn write(dir: &Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }

    #[test]
    fn whole_file_errors_are_kinds_with_what_was_found() {
        let dir = tempfile::tempdir().unwrap();
        let options = ImportOptions::default();
        let docx = write(dir.path(), "plan.docx", b"PK\x03\x04 not a format the atlas reads");
        let e = preview(&docx, &options).unwrap_err();
        assert!(e.to_string().contains("plan.docx: unknown format; import GeoJSON"), "{e}");
        assert_eq!(reported(e, &docx), ProblemKind::UnknownFormat { extension: Some("docx".into()) });

        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        zip.start_file("readme.txt", zip::write::SimpleFileOptions::default()).unwrap();
        std::io::Write::write_all(&mut zip, b"parcels are in the other mail").unwrap();
        let zipped = write(dir.path(), "parcels.zip", &zip.finish().unwrap().into_inner());
        let e = preview(&zipped, &options).unwrap_err();
        assert!(e.to_string().contains("holds no Shapefile (.shp)"), "{e}");
        assert_eq!(reported(e, &zipped), ProblemKind::NoShapefileInZip);

        let fake_zip = write(dir.path(), "mail.zip", b"not a zip at all");
        match reported(preview(&fake_zip, &options).unwrap_err(), &fake_zip) {
            ProblemKind::NotZip { detail } => assert!(!detail.is_empty()),
            other => panic!("{other:?}"),
        }

        let missing = dir.path().join("gone.geojson");
        let e = preview(&missing, &options).unwrap_err();
        assert!(e.to_string().starts_with("cannot read"), "{e}");
        assert_eq!(reported(e, &missing), ProblemKind::Unreadable { cause: ReadCause::NotFound });

        let empty = write(dir.path(), "empty.geojson", b"");
        assert_eq!(reported(preview(&empty, &options).unwrap_err(), &empty), ProblemKind::EmptyFile);

        let gbk = write(dir.path(), "gbk.csv", b"lon,lat,name\n117,39,\xCC\xEC\n");
        assert_eq!(reported(preview(&gbk, &options).unwrap_err(), &gbk), ProblemKind::NotUtf8 { offset: 20 });

        let big = write(dir.path(), "big.geojson", &[b' '; 2048]);
        let small = ImportOptions { limits: ImportLimits { max_bytes: 1000, ..ImportLimits::default() }, ..options };
        let e = preview(&big, &small).unwrap_err();
        assert_eq!(e.kind(), crate::error::ErrorKind::Limit);
        let kind = reported(e, &big);
        assert_eq!(kind, ProblemKind::SizeLimit { of: SizedPart::File, bytes: Some(2048), limit: 1000 });
        assert!(kind.is_limit());
    }

    #[test]
    fn a_report_sends_the_kind_to_the_ui_as_json() {
        let e = crate::import::typed_problem(
            Path::new("/d/a.docx"),
            None,
            None,
            ProblemKind::UnknownFormat { extension: Some("docx".into()) },
        );
        let json = serde_json::to_value(e.report()).unwrap();
        assert_eq!(json["kind"], "import");
        assert_eq!(json["file"], "/d/a.docx");
        assert_eq!(json["problem"], serde_json::json!({ "kind": "unknown_format", "extension": "docx" }));
        // Errors that are not about a file being imported carry none.
        let busy = serde_json::to_value(AtlasError::Busy("an export runs".into()).report()).unwrap();
        assert!(busy.get("problem").is_none());
    }

    #[test]
    fn damaged_and_refused_content_is_a_kind_with_the_values() {
        let dir = tempfile::tempdir().unwrap();
        let options = ImportOptions::default();
        let layer_problem = |path: &Path| {
            let p = preview(path, &options).map(|p| p.layers[0].problem.clone());
            p.unwrap().expect("a problem")
        };
        // A .shp that is not one.
        let shp = write(dir.path(), "broken.shp", &[0u8; 120]);
        let p = layer_problem(&shp);
        assert_eq!(p.what, ProblemKind::DamagedShp { damage: ShpDamage::NoHeader });
        assert_eq!(p.field.as_deref(), Some("geometry"));
        // A CSV whose coordinate is not a number: the value, its row and column.
        let csv = write(dir.path(), "sites.csv", b"lon,lat\n117.2,39.1\n117.3,abc\n");
        let e = preview(&csv, &options).unwrap_err();
        assert!(e.to_string().contains("feature 1: lat: \"abc\" in row 3 is not a number"), "{e}");
        assert_eq!(reported(e, &csv), ProblemKind::NotANumber { value: "abc".into(), row: Some(3) });
        // A CSV without coordinate columns: the names looked for.
        let csv = write(dir.path(), "names.csv", b"name,addr\na,b\n");
        match reported(preview(&csv, &options).unwrap_err(), &csv) {
            ProblemKind::NoCoordinateColumn { axis: CoordinateAxis::Longitude, looked_for } => {
                assert!(looked_for.contains(&"经度".to_owned()))
            }
            other => panic!("{other:?}"),
        }
        // A GeoJSON crs member naming Beijing 1954 by its code: the refusal, named in the file.
        let json = write(dir.path(), "bj54.geojson", br#"{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::2436"}},"features":[]}"#);
        match reported(preview(&json, &options).unwrap_err(), &json) {
            ProblemKind::Crs {
                named_in: CrsNamedIn::GeojsonMember,
                refusal: CrsRefusal::Legacy { code: Some(2436), .. },
            } => {}
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn the_english_of_the_new_kinds_is_the_cli_message_as_before() {
        let damage = ShpDamage::CountsPastRecord { parts: Some(1), points: 5, needed: 124, held: 60, z: false };
        assert_eq!(
            damage.to_string(),
            "the record declares 1 part and 5 points, which need 124 bytes, but holds 60 bytes"
        );
        let damage = ShpDamage::BadPartStart { parts: None, points: 1, part: 0, start: 3 };
        assert_eq!(damage.to_string(), "the record declares 1 point, but part 0 starts at point 3 (each part must start after the one before it, from point 0 up to point 0)");
        let kind =
            ProblemKind::SizeLimit { of: SizedPart::Archive, bytes: Some(600_000_000), limit: 512 * 1024 * 1024 };
        assert_eq!(kind.to_string(), "the archive is 600 MB, over the import limit of 537 MB; raise the limit (--max-mb in the CLI) if this is intended");
        let kind = ProblemKind::NoSuchColumn {
            axis: CoordinateAxis::Latitude,
            asked: "y".into(),
            columns: vec!["a".into()],
            more: 2,
        };
        assert_eq!(kind.to_string(), "there is no latitude column named \"y\"; the columns are [\"a\"] and 2 more");
    }
}
