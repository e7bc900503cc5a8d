//! Coordinate reference systems: the ones Chinese planning data comes in (CGCS2000 and its
//! Gauss–Krüger zones, Web Mercator, UTM), how a file names them (`.prj` WKT, a GeoPackage's
//! `gpkg_spatial_ref_sys`, GeoJSON's legacy `crs`, the user's `EPSG:4548`), and the maths to
//! and from WGS84 (delegated to `proj4rs`, a pure-Rust port of PROJ, checked against PROJ's
//! `cs2cs` in crates/atlas-core/tests/crs.rs).
//!
//! Datums: CGCS2000 and WGS84 differ by a few centimetres (both are ITRF realisations); at map
//! scale they are treated as the same, as every Chinese GIS does without a grid, and the import
//! report says so. Beijing 1954, New Beijing and Xian 1980 are refused: no official parameters
//! to CGCS2000 are published, and any guess would shift features by up to ~100 m.

mod axis;
pub mod epsg_table;
pub mod refusal;
mod reprojection;
pub mod wkt;

pub use axis::{AxisEvidence, AxisGuess, AxisOrder};
pub use refusal::{CrsMismatch, CrsRefusal};
pub use reprojection::{IncomingCrs, OutsideCrs, Reprojection};

use serde::{Deserialize, Serialize};

/// A supported CRS, by its EPSG code (every code here is a row of [`epsg_table::SUPPORTED`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Crs {
    pub epsg: u32,
}

/// What the atlas does with CGCS2000 → WGS84, for reports and SOURCES.md.
pub const CGCS2000_AS_WGS84: &str = "CGCS2000 taken as WGS84 (they differ by a few cm, below map scale)";

impl Crs {
    pub const WGS84: Crs = Crs { epsg: 4326 };
    pub const CGCS2000: Crs = Crs { epsg: 4490 };

    /// The CRS with this EPSG code, or a message saying why it cannot be used and what to do.
    pub fn from_epsg(epsg: u32) -> Result<Crs, String> {
        Crs::try_epsg(epsg).map_err(|e| e.to_string())
    }

    /// The CRS with this EPSG code, or why it cannot be used (a kind the UI words).
    pub fn try_epsg(epsg: u32) -> Result<Crs, CrsRefusal> {
        if epsg_table::SUPPORTED.iter().any(|(c, _, _)| *c == epsg) {
            return Ok(Crs { epsg });
        }
        if let Some((_, name)) = epsg_table::LEGACY_CHINESE.iter().find(|(c, _)| *c == epsg) {
            return Err(CrsRefusal::Legacy { code: Some(epsg), name: (*name).to_owned() });
        }
        Err(CrsRefusal::UnsupportedCode { code: epsg })
    }

    /// Parses what a user or a file writes: `EPSG:4548`, `epsg4548`, `4548`,
    /// `urn:ogc:def:crs:EPSG::4548`, `urn:ogc:def:crs:OGC:1.3:CRS84`, `CRS84`, `wgs84`, `cgcs2000`.
    pub fn parse(text: &str) -> Result<Crs, String> {
        let t = text.trim().to_ascii_lowercase();
        if t.ends_with("crs84") || t == "wgs84" || t == "wgs 84" {
            return Ok(Crs::WGS84);
        }
        if t == "cgcs2000" {
            return Ok(Crs::CGCS2000);
        }
        let digits = t.rsplit([':', '/']).next().unwrap_or("").trim_start_matches("epsg");
        match digits.parse::<u32>() {
            Ok(code) if t.contains("epsg") || t.chars().all(|c| c.is_ascii_digit()) => Crs::from_epsg(code),
            _ => Err(format!("{:?} is not a coordinate system name the atlas reads; write it as EPSG:<code>, e.g. EPSG:4548 (CGCS2000 / 3-degree Gauss-Kruger CM 117E)", crate::import::excerpt(text))),
        }
    }

    fn row(&self) -> &'static (u32, &'static str, &'static str) {
        epsg_table::SUPPORTED.iter().find(|(c, _, _)| *c == self.epsg).expect("a Crs is always a supported code")
    }

    /// EPSG's name, e.g. "CGCS2000 / 3-degree Gauss-Kruger CM 117E".
    pub fn name(&self) -> &'static str {
        self.row().1
    }

    /// PROJ's definition (from the generated table).
    pub fn proj_string(&self) -> &'static str {
        self.row().2
    }

    /// "EPSG:4548 (CGCS2000 / 3-degree Gauss-Kruger CM 117E)"
    pub fn label(&self) -> String {
        format!("EPSG:{} ({})", self.epsg, self.name())
    }

    /// Longitude/latitude in degrees (4326, 4490), not metres.
    pub fn is_geographic(&self) -> bool {
        self.proj_string().starts_with("+proj=longlat")
    }

    /// On the CGCS2000 datum (geographic or one of its Gauss–Krüger zones).
    pub fn is_cgcs2000(&self) -> bool {
        self.proj_string().contains("+ellps=GRS80")
    }

    /// EPSG defines northing (latitude) first for this CRS: the geographic ones and the Chinese
    /// Gauss–Krüger zones. Files almost never store them that way; see [`AxisGuess`].
    pub fn epsg_says_northing_first(&self) -> bool {
        self.is_geographic() || self.is_cgcs2000()
    }

    /// The definition GIS software writes into a `.prj` (ESRI WKT1), generated from PROJ's
    /// parameters so that GDAL and ArcGIS read the same CRS back.
    pub fn esri_wkt(&self) -> String {
        wkt::esri_wkt(*self)
    }
}

/// Which CRS the coordinates are in, and how that was found out (shown in reports and the
/// import dialog).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct DetectedCrs {
    pub crs: Crs,
    /// The `.prj`, the GeoPackage's table, the user's choice… (worded by the UI and the CLI).
    pub source: crate::import::detected::CrsSource,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_users_write_parse() {
        for (text, code) in [
            ("EPSG:4548", 4548),
            ("epsg4527", 4527),
            ("4490", 4490),
            ("urn:ogc:def:crs:EPSG::3857", 3857),
            ("urn:ogc:def:crs:OGC:1.3:CRS84", 4326),
            ("WGS84", 4326),
            ("EPSG:32650", 32650),
        ] {
            assert_eq!(Crs::parse(text).map(|c| c.epsg), Ok(code), "{text}");
        }
        assert!(Crs::parse("EPSG:2435").unwrap_err().contains("Beijing 1954"));
        assert!(Crs::parse("EPSG:4610").unwrap_err().contains("no official parameters"));
        assert!(Crs::parse("EPSG:27700").unwrap_err().contains("not a coordinate system the atlas supports"));
        assert!(Crs::parse("lambert").is_err());
    }

    #[test]
    fn kinds() {
        assert!(Crs::WGS84.is_geographic() && !Crs::WGS84.is_cgcs2000());
        let gk = Crs::from_epsg(4548).unwrap();
        assert!(!gk.is_geographic() && gk.is_cgcs2000() && gk.epsg_says_northing_first());
        assert!(!Crs::from_epsg(3857).unwrap().epsg_says_northing_first());
        assert_eq!(gk.name(), "CGCS2000 / 3-degree Gauss-Kruger CM 117E");
    }
}
