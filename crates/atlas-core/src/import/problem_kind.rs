//! Why a layer cannot be imported as it stands, as a kind with what was found: the CRS's code
//! or name and why it is refused, the record counts that disagree, the coordinate that does
//! not fit. Like the detections (detected.rs), the app words it in the UI's language
//! (ui/src/panels/importWords.ts). Its `Display` is the English message of the one-line import
//! error the CLI prints (file, feature, field, then this), so the English is worded once, here.
//!
//! Problems not (yet) given a kind travel as [`ProblemKind::Untyped`], the importer's English
//! message: damaged files (a bad .shp record, a DBF header), a GeoPackage that cannot be read,
//! a GeoJSON syntax error, limits. They name byte offsets and parser details more than a
//! planner's choice, and each has its own wording; the dialog shows them in English.

use serde::{Deserialize, Serialize};

use crate::crs::{Crs, CrsRefusal};

/// Where a refused CRS was named.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum CrsNamedIn {
    /// The Shapefile's `.prj`.
    Prj,
    /// A GeoPackage layer's `gpkg_spatial_ref_sys` row.
    GpkgSrs,
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
    /// A problem without a kind yet: the importer's English message.
    Untyped { message: String },
}

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
            ProblemKind::Untyped { message } => f.write_str(message),
        }
    }
}

impl From<crate::crs::OutsideCrs> for ProblemKind {
    fn from(e: crate::crs::OutsideCrs) -> ProblemKind {
        ProblemKind::OutsideCrs { x: e.x, y: e.y, crs: e.crs }
    }
}
