//! What an import found out or assumed about a layer, as kinds with their values: how its CRS
//! was found, which attribute encoding was taken and why, the axis order, the datum
//! assumption, values dropped. The core sends these, never sentences: the app words them in
//! the UI's language (ui/src/panels/importWords.ts) and the CLI in English
//! (crates/atlas-cli/src/import_words.rs), so one detection reads right in both.

use serde::{Deserialize, Serialize};

use crate::crs::{AxisEvidence, AxisOrder, Crs};

/// How a WKT definition was matched to an EPSG code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum WktMatch {
    /// The WKT carries the code itself (AUTHORITY["EPSG",…] or ID["EPSG",…]).
    EpsgCode { code: u32 },
    /// No code: its datum, projection and parameters are those of one supported CRS.
    Parameters,
}

/// Where a layer's CRS came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum CrsSource {
    /// Named by the user (`--crs`, the dialog's choice), over whatever the file says.
    UserChoice,
    /// The Shapefile's `.prj`.
    Prj { matched: WktMatch },
    /// A GeoPackage's `gpkg_spatial_ref_sys`, by its organization's EPSG code.
    GpkgEpsgCode,
    /// A GeoPackage's `gpkg_spatial_ref_sys`, by its WKT definition.
    GpkgDefinition { matched: WktMatch },
    /// No `.prj`, and the extent is within ±180°/±90°: taken as WGS84 longitude/latitude.
    NoPrjDegrees,
    /// GeoJSON's legacy (2008) `crs` member, as it names the CRS.
    #[serde(rename = "geojson_member")]
    GeoJsonMember { name: String },
    /// GeoJSON and CSV without a `crs`: WGS84 longitude/latitude by definition (RFC 7946).
    WgsByDefinition,
}

/// Why a Shapefile's attributes are read in the encoding they are.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum EncodingBasis {
    /// Chosen by the user (`--encoding`, the dialog's choice).
    UserChoice,
    /// The `.cpg` beside the `.dbf` names it (its text, e.g. "936").
    Cpg { name: String },
    /// The DBF header's language-driver byte (e.g. 0x4D: code page 936).
    LanguageByte { code: u8 },
    /// Neither says, and the text is valid UTF-8.
    ValidUtf8,
    /// Neither says, and the text is not UTF-8: read as GB18030 (Chinese); check the samples.
    FallbackGb18030,
    /// The text is plain ASCII: any encoding reads it the same.
    AsciiOnly,
}

/// One thing found out or assumed about a layer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Detection {
    /// The layer's CRS and where it came from.
    Crs { crs: Crs, source: CrsSource },
    /// The attribute encoding (its WHATWG name, e.g. "GB18030") and why.
    Encoding { encoding: String, basis: EncodingBasis },
    /// The axis order taken for `crs`, read off the first coordinate (`evidence`);
    /// `epsg_northing_first` when EPSG defines the other order for it.
    AxisOrder { crs: Crs, order: AxisOrder, epsg_northing_first: bool, evidence: AxisEvidence },
    /// CGCS2000 coordinates taken as WGS84 (they differ by a few cm, below map scale).
    Cgcs2000AsWgs84 { crs: Crs },
    /// A Shapefile without its `.dbf`: the features come without attributes.
    NoDbf,
    /// DBF memo fields (kept in a `.dbt`) come in empty.
    MemoFieldsEmpty,
    /// Z (and M) or M values dropped: the atlas is 2D.
    ValuesDropped { z: bool, m: bool },
    /// Records marked deleted in the `.dbf` were left out, with their shapes.
    DeletedRecordsLeftOut { count: usize },
}

/// A detection about one layer of an import, in its report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ImportNote {
    /// The layer's name in the file (the Shapefile's stem, the GeoPackage table, the file's stem).
    pub layer: String,
    pub detection: Detection,
}

impl ImportNote {
    pub fn new(layer: &str, detection: Detection) -> ImportNote {
        ImportNote { layer: layer.to_owned(), detection }
    }
}

/// The format an import reads, for the preview.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ImportFormat {
    Shapefile,
    ZippedShapefiles,
    #[serde(rename = "geopackage")]
    GeoPackage,
    #[serde(rename = "geojson")]
    GeoJson,
    Csv,
}
