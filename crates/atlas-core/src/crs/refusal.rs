//! Why a coordinate system cannot be used, as a kind with what was found (the code, the WKT's
//! name, its datum or projection). The import dialog words it in the UI's language
//! (ui/src/panels/importWords.ts); its `Display` is the English one-line message the CLI and
//! the logs print.

use serde::{Deserialize, Serialize};

/// What a WKT definition says that matches no supported CRS.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum CrsMismatch {
    /// A geographic CRS on a datum other than WGS84 or CGCS2000 (its name in the WKT).
    Datum { datum: String },
    /// A projection other than Transverse Mercator / Gauss–Krüger or Web Mercator (its name
    /// squashed to lowercase letters and digits, e.g. "lambertconformalconic").
    Projection { method: String },
    /// A projected CRS whose unit is not the metre (the unit's size in metres).
    Unit { metres: f64 },
    /// Transverse Mercator with parameters no supported zone has.
    TransverseMercator { central_meridian: f64, false_easting: f64, scale: f64, datum: String },
}

/// Why a CRS is refused.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum CrsRefusal {
    /// Beijing 1954 / New Beijing / Xian 1980: no official parameters to CGCS2000 are
    /// published. `code` when it was named by its EPSG code; `name` is EPSG's or the WKT's.
    Legacy { code: Option<u32>, name: String },
    /// An EPSG code that is not in the supported table.
    UnsupportedCode { code: u32 },
    /// A WKT definition matching no supported CRS: its name, and what does not match.
    Unsupported { name: String, mismatch: CrsMismatch },
    /// The WKT cannot be parsed (the parser's technical detail, e.g. "unexpected character
    /// '}' at byte 12").
    UnreadableWkt { detail: String },
    /// The WKT is not a geographic or projected CRS (its keyword, e.g. VERT_CS).
    NotHorizontal { keyword: String },
}

/// The supported systems and what to do, for every refusal but the legacy one.
const SUPPORTED_HINT: &str = "the atlas reads WGS84 (EPSG:4326), CGCS2000 (EPSG:4490) and its Gauss-Kruger zones (EPSG:4491-4554), Web Mercator (EPSG:3857) and UTM 49N-51N (EPSG:32649-32651); reproject the file to one of them in your GIS (e.g. ogr2ogr -t_srs EPSG:4490)";

impl std::fmt::Display for CrsMismatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CrsMismatch::Datum { datum } => write!(f, "datum {datum:?}"),
            CrsMismatch::Projection { method } => write!(f, "projection {method:?}"),
            CrsMismatch::Unit { metres } => write!(f, "its unit is not the metre but {metres} m"),
            CrsMismatch::TransverseMercator { central_meridian, false_easting, scale, datum } => write!(
                f,
                "Transverse Mercator, central meridian {central_meridian}, false easting {false_easting}, scale {scale}, datum {datum:?}"
            ),
        }
    }
}

impl std::fmt::Display for CrsRefusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CrsRefusal::Legacy { code, name } => {
                match code {
                    Some(code) => write!(f, "EPSG:{code} ({name})")?,
                    None => write!(f, "{name:?}")?,
                }
                write!(f, " is a Beijing 1954 / Xian 1980 system: no official parameters from it to CGCS2000 or WGS84 are published, so the atlas cannot place it without a guess of up to ~100 m; reproject it in your GIS with your bureau's own transformation parameters to CGCS2000 (EPSG:4490, or Gauss-Kruger EPSG:4527/4548 for Tianjin) and import that")
            }
            CrsRefusal::UnsupportedCode { code } => {
                write!(f, "EPSG:{code} is not a coordinate system the atlas supports; {SUPPORTED_HINT}")
            }
            CrsRefusal::Unsupported { name, mismatch } => {
                write!(f, "its CRS {name:?} is not one the atlas supports ({mismatch}); {SUPPORTED_HINT}")
            }
            CrsRefusal::UnreadableWkt { detail } => write!(f, "its WKT cannot be read ({detail})"),
            CrsRefusal::NotHorizontal { keyword } => {
                write!(f, "its WKT ({keyword}) is not a geographic or projected CRS")
            }
        }
    }
}

impl std::error::Error for CrsRefusal {}
