//! `--crs` on the command line: on import a datum or the file's EPSG system, on export the
//! EPSG system to write.

use atlas_core::crs::Crs;
use atlas_core::gcj02::Datum;

/// What `--crs` names on import: a datum on top of longitude/latitude (wgs84, gcj02, bd09),
/// or the EPSG system of the file's coordinates, which overrides its .prj.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum CrsChoice {
    Datum(Datum),
    Epsg(u32),
}

/// Parses `--crs`: a datum name, else an EPSG code (`EPSG:4548`, `4548`).
pub fn parse_crs_choice(text: &str) -> std::result::Result<CrsChoice, String> {
    if let Some(datum) = Datum::parse(text) {
        return Ok(CrsChoice::Datum(datum));
    }
    Crs::parse(text).map(|c| CrsChoice::Epsg(c.epsg))
}

/// Parses an export's `--crs` (an EPSG system only: a datum is not a CRS to write).
pub fn parse_export_crs(text: &str) -> std::result::Result<Crs, String> {
    Crs::parse(text)
}
