//! Well-Known Text: reading the CRS a `.prj` or a GeoPackage's `gpkg_spatial_ref_sys`
//! definition describes (ESRI WKT1, OGC WKT1, WKT2), and writing the ESRI WKT1 a `.prj` holds.
//!
//! A file's WKT is matched to one supported EPSG code: by its EPSG authority code where it has
//! one (OGC WKT1 `AUTHORITY`, WKT2 `ID`), else by its datum and projection parameters (ESRI
//! WKT has no codes). Nothing is guessed: parameters that match no supported CRS are an error
//! that quotes what the file says.

use super::{epsg_table, Crs, CrsMismatch, CrsRefusal};
use crate::import::detected::WktMatch;

/// A parsed WKT element: `KEYWORD[value, value, ...]`.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Node(Node),
    Text(String),
    Number(f64),
    /// An unquoted word (WKT2 enumerations such as `north`, `Cartesian`).
    Word(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub keyword: String,
    pub values: Vec<Value>,
}

/// WKT nests a handful of levels; anything deeper is not a CRS (and must not blow the stack).
const MAX_DEPTH: usize = 32;

struct Parser<'a> {
    text: &'a [u8],
    at: usize,
}

impl Parser<'_> {
    fn skip_space(&mut self) {
        while self.at < self.text.len() && self.text[self.at].is_ascii_whitespace() {
            self.at += 1;
        }
    }

    fn word(&mut self) -> String {
        let start = self.at;
        while self.at < self.text.len() && (self.text[self.at].is_ascii_alphanumeric() || self.text[self.at] == b'_') {
            self.at += 1;
        }
        String::from_utf8_lossy(&self.text[start..self.at]).into_owned()
    }

    fn value(&mut self, depth: usize) -> Result<Value, String> {
        self.skip_space();
        match self.text.get(self.at) {
            None => Err("the text ends early".into()),
            Some(b'"') => {
                self.at += 1;
                let mut bytes = Vec::new();
                loop {
                    match self.text.get(self.at) {
                        None => return Err("a quoted name is not closed".into()),
                        // WKT escapes a quote by doubling it.
                        Some(b'"') if self.text.get(self.at + 1) == Some(&b'"') => {
                            bytes.push(b'"');
                            self.at += 2;
                        }
                        Some(b'"') => {
                            self.at += 1;
                            break;
                        }
                        Some(b) => {
                            bytes.push(*b);
                            self.at += 1;
                        }
                    }
                }
                Ok(Value::Text(String::from_utf8_lossy(&bytes).into_owned()))
            }
            Some(b) if b.is_ascii_digit() || *b == b'-' || *b == b'+' || *b == b'.' => {
                let start = self.at;
                while self.at < self.text.len()
                    && matches!(self.text[self.at], b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E')
                {
                    self.at += 1;
                }
                let s = String::from_utf8_lossy(&self.text[start..self.at]).into_owned();
                s.parse().map(Value::Number).map_err(|_| format!("{s:?} is not a number"))
            }
            Some(b) if b.is_ascii_alphabetic() => {
                let word = self.word();
                self.skip_space();
                if matches!(self.text.get(self.at), Some(b'[' | b'(')) {
                    self.node_after(word, depth + 1).map(Value::Node)
                } else {
                    Ok(Value::Word(word))
                }
            }
            Some(b) => Err(format!("unexpected character {:?} at byte {}", *b as char, self.at)),
        }
    }

    /// The bracketed list after a keyword.
    fn node_after(&mut self, keyword: String, depth: usize) -> Result<Node, String> {
        if depth > MAX_DEPTH {
            return Err("it is nested too deeply".into());
        }
        let close = if self.text[self.at] == b'[' { b']' } else { b')' };
        self.at += 1;
        let mut values = Vec::new();
        loop {
            self.skip_space();
            if self.text.get(self.at) == Some(&close) {
                self.at += 1;
                return Ok(Node { keyword: keyword.to_ascii_uppercase(), values });
            }
            values.push(self.value(depth)?);
            self.skip_space();
            match self.text.get(self.at) {
                Some(b',') => self.at += 1,
                Some(c) if *c == close => {}
                _ => return Err(format!("expected ',' or '{}' at byte {}", close as char, self.at)),
            }
        }
    }
}

/// Parses WKT text into its element tree.
pub fn parse(text: &str) -> Result<Node, String> {
    let text = text.trim_start_matches('\u{feff}').trim();
    let mut p = Parser { text: text.as_bytes(), at: 0 };
    match p.value(0)? {
        Value::Node(n) => Ok(n),
        _ => Err("it does not start with a keyword such as PROJCS or GEOGCS".into()),
    }
}

impl Node {
    /// The element's name: its first quoted value.
    pub fn name(&self) -> &str {
        match self.values.first() {
            Some(Value::Text(t)) => t,
            _ => "",
        }
    }

    pub fn children(&self) -> impl Iterator<Item = &Node> {
        self.values.iter().filter_map(|v| if let Value::Node(n) = v { Some(n) } else { None })
    }

    pub fn child(&self, keywords: &[&str]) -> Option<&Node> {
        self.children().find(|n| keywords.contains(&n.keyword.as_str()))
    }

    /// The first element with one of these keywords, depth first (this one included).
    pub fn find(&self, keywords: &[&str]) -> Option<&Node> {
        if keywords.contains(&self.keyword.as_str()) {
            return Some(self);
        }
        self.children().find_map(|c| c.find(keywords))
    }

    fn number(&self, i: usize) -> Option<f64> {
        match self.values.get(i) {
            Some(Value::Number(n)) => Some(*n),
            Some(Value::Text(t)) => t.trim().parse().ok(),
            _ => None,
        }
    }

    /// This element's own EPSG code (`AUTHORITY["EPSG","4548"]`, `ID["EPSG",4548]`).
    pub fn epsg_code(&self) -> Option<u32> {
        let id = self.child(&["AUTHORITY", "ID"])?;
        if !id.name().eq_ignore_ascii_case("EPSG") {
            return None;
        }
        id.number(1).filter(|n| *n >= 1.0 && n.fract() == 0.0).map(|n| n as u32)
    }
}

/// Lower-case letters and digits only: "D_China_2000", "China 2000" and "China_2000" compare equal.
fn squash(text: &str) -> String {
    text.chars().filter(|c| c.is_ascii_alphanumeric()).map(|c| c.to_ascii_lowercase()).collect()
}

const PROJECTED: &[&str] = &["PROJCS", "PROJCRS", "PROJECTEDCRS"];
const GEOGRAPHIC: &[&str] =
    &["GEOGCS", "GEOGCRS", "GEODCRS", "GEOGRAPHICCRS", "GEODETICCRS", "BASEGEOGCRS", "BASEGEODCRS"];

/// The datum a WKT names, as one of the atlas's notions of it.
#[derive(Debug, PartialEq, Eq)]
enum DatumKind {
    Wgs84,
    Cgcs2000,
    Legacy,
    Other(String),
}

fn datum_kind(crs: &Node) -> DatumKind {
    let datum = crs.find(&["DATUM", "GEODETICDATUM", "TRF"]).map(|d| d.name().to_owned()).unwrap_or_default();
    let d = squash(&datum);
    let ellipsoid = crs.find(&["SPHEROID", "ELLIPSOID"]).map(|e| squash(e.name())).unwrap_or_default();
    if d.contains("beijing") || d.contains("xian1980") || d.contains("xian80") || ellipsoid.contains("krass") {
        DatumKind::Legacy
    } else if d.contains("china2000") || d.contains("cgcs2000") || d.contains("chinageodeticcoordinatesystem2000") {
        DatumKind::Cgcs2000
    } else if d.contains("wgs1984") || d.contains("wgs84") || d.contains("worldgeodeticsystem1984") {
        DatumKind::Wgs84
    } else {
        DatumKind::Other(datum)
    }
}

/// A projection parameter by any of its WKT1/ESRI/WKT2 names.
fn parameter(crs: &Node, names: &[&str]) -> Option<f64> {
    fn walk(n: &Node, names: &[&str]) -> Option<f64> {
        if n.keyword == "PARAMETER" && names.contains(&squash(n.name()).as_str()) {
            return n.number(1);
        }
        n.children().find_map(|c| walk(c, names))
    }
    walk(crs, names)
}

/// (lon_0, x_0, k) of a row's Transverse Mercator definition (`+proj=utm` spelled out).
fn tmerc_parameters(proj_string: &str) -> Option<(f64, f64, f64)> {
    let value = |key: &str| {
        proj_string.split_whitespace().find_map(|t| t.strip_prefix(key)).and_then(|v| v.parse::<f64>().ok())
    };
    if proj_string.starts_with("+proj=utm") {
        let zone = value("+zone=")?;
        return Some((zone * 6.0 - 183.0, 500_000.0, 0.9996));
    }
    if proj_string.starts_with("+proj=tmerc") {
        return Some((value("+lon_0=")?, value("+x_0=")?, value("+k=")?));
    }
    None
}

/// The supported CRS a WKT describes, or a message quoting what it says and what to do.
pub fn identify(text: &str) -> Result<(Crs, WktMatch), CrsRefusal> {
    let root = parse(text).map_err(|detail| CrsRefusal::UnreadableWkt { detail })?;
    // A compound or bound CRS wraps the horizontal one.
    let crs = if PROJECTED.contains(&root.keyword.as_str()) || GEOGRAPHIC.contains(&root.keyword.as_str()) {
        &root
    } else {
        root.find(PROJECTED)
            .or_else(|| root.find(GEOGRAPHIC))
            .ok_or_else(|| CrsRefusal::NotHorizontal { keyword: root.keyword.clone() })?
    };
    let name = crs.name().to_owned();
    if let Some(code) = crs.epsg_code() {
        return Crs::try_epsg(code).map(|c| (c, WktMatch::EpsgCode { code }));
    }
    let datum = datum_kind(crs);
    if datum == DatumKind::Legacy {
        return Err(CrsRefusal::Legacy { code: None, name });
    }
    let unknown = |mismatch: CrsMismatch| CrsRefusal::Unsupported { name: crate::import::excerpt(&name), mismatch };
    let by_parameters = WktMatch::Parameters;
    let projected = PROJECTED.contains(&crs.keyword.as_str());
    if !projected {
        return match datum {
            DatumKind::Wgs84 => Ok((Crs::WGS84, by_parameters)),
            DatumKind::Cgcs2000 => Ok((Crs::CGCS2000, by_parameters)),
            DatumKind::Other(datum) => Err(unknown(CrsMismatch::Datum { datum })),
            DatumKind::Legacy => unreachable!(),
        };
    }
    let method = crs.find(&["PROJECTION", "METHOD"]).map(|m| squash(m.name())).unwrap_or_default();
    if method.contains("mercator") && !method.contains("transverse") {
        let web = method.contains("auxiliarysphere")
            || method.contains("pseudo")
            || squash(&name).contains("webmercator")
            || squash(&name).contains("pseudomercator");
        return if web {
            Ok((Crs { epsg: 3857 }, by_parameters))
        } else {
            Err(unknown(CrsMismatch::Projection { method }))
        };
    }
    if !(method.contains("transversemercator") || method.contains("gausskruger")) {
        return Err(unknown(CrsMismatch::Projection { method }));
    }
    let unit = crs.child(&["UNIT", "LENGTHUNIT"]).and_then(|u| u.number(1)).unwrap_or(1.0);
    if (unit - 1.0).abs() > 1e-12 {
        return Err(unknown(CrsMismatch::Unit { metres: unit }));
    }
    let lon_0 =
        parameter(crs, &["centralmeridian", "longitudeofnaturalorigin", "longitudeofcenter", "longitudeoforigin"])
            .unwrap_or(0.0);
    let x_0 = parameter(crs, &["falseeasting"]).unwrap_or(0.0);
    let y_0 = parameter(crs, &["falsenorthing"]).unwrap_or(0.0);
    let k = parameter(crs, &["scalefactor", "scalefactoratnaturalorigin"]).unwrap_or(1.0);
    let lat_0 = parameter(crs, &["latitudeoforigin", "latitudeofnaturalorigin"]).unwrap_or(0.0);
    let on_datum = |proj: &str| match &datum {
        DatumKind::Cgcs2000 => proj.contains("+ellps=GRS80"),
        DatumKind::Wgs84 => proj.contains("+datum=WGS84"),
        _ => false,
    };
    let close = |a: f64, b: f64| (a - b).abs() < 1e-6;
    let candidates: Vec<_> = epsg_table::SUPPORTED
        .iter()
        .filter(|(_, _, proj)| {
            on_datum(proj)
                && tmerc_parameters(proj).is_some_and(|(l, x, kk)| close(l, lon_0) && close(x, x_0) && close(kk, k))
                && close(y_0, 0.0)
                && close(lat_0, 0.0)
        })
        .collect();
    // A 3-degree and a 6-degree CM-only zone on the same meridian (4548 and 4509 at 117°E)
    // are the same maths; only the name tells which the file means.
    let three_degree = squash(&name).contains("3degree");
    let found =
        candidates.iter().find(|(_, n, _)| squash(n).contains("3degree") == three_degree).or(candidates.first());
    match found {
        Some((code, _, _)) => Ok((Crs { epsg: *code }, by_parameters)),
        None => Err(unknown(CrsMismatch::TransverseMercator {
            central_meridian: lon_0,
            false_easting: x_0,
            scale: k,
            datum: match datum {
                DatumKind::Other(d) => d,
                d => format!("{d:?}"),
            },
        })),
    }
}

/// The ESRI WKT1 of a supported CRS, as ArcGIS and GDAL write it into a `.prj` (the names
/// follow the pattern `projinfo -o WKT1_ESRI` prints; tests read it back with GDAL).
pub fn esri_wkt(crs: Crs) -> String {
    const WGS84_GEOGCS: &str = r#"GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]"#;
    const CGCS2000_GEOGCS: &str = r#"GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]"#;
    match crs.epsg {
        4326 => WGS84_GEOGCS.to_owned(),
        4490 => CGCS2000_GEOGCS.to_owned(),
        3857 => format!(
            r#"PROJCS["WGS_1984_Web_Mercator_Auxiliary_Sphere",{WGS84_GEOGCS},PROJECTION["Mercator_Auxiliary_Sphere"],PARAMETER["False_Easting",0.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",0.0],PARAMETER["Standard_Parallel_1",0.0],PARAMETER["Auxiliary_Sphere_Type",0.0],UNIT["Meter",1.0]]"#
        ),
        _ => {
            let (lon_0, x_0, k) =
                tmerc_parameters(crs.proj_string()).expect("every other supported CRS is Transverse Mercator");
            let (geogcs, projection, name) = if crs.is_cgcs2000() {
                let name = crs
                    .name()
                    .replace(" / ", "_")
                    .replace("3-degree", "3_Degree")
                    .replace("Gauss-Kruger", "GK")
                    .replace("zone", "Zone")
                    .replace(' ', "_");
                (CGCS2000_GEOGCS, "Gauss_Kruger", name)
            } else {
                (
                    WGS84_GEOGCS,
                    "Transverse_Mercator",
                    crs.name()
                        .replace(" / ", "_")
                        .replace("WGS 84", "WGS_1984")
                        .replace("zone", "Zone")
                        .replace(' ', "_"),
                )
            };
            format!(
                r#"PROJCS["{name}",{geogcs},PROJECTION["{projection}"],PARAMETER["False_Easting",{x_0:.1}],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",{lon_0:.1}],PARAMETER["Scale_Factor",{k}],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]"#
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn esri_ogc_and_wkt2_spellings_identify() {
        // As ArcGIS/GDAL write .prj files (no codes), and as PROJ writes WKT1 and WKT2 (codes).
        let esri = r#"PROJCS["CGCS2000_3_Degree_GK_CM_117E",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",117.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]"#;
        assert_eq!(identify(esri).unwrap().0.epsg, 4548);
        assert_eq!(identify(&esri.replace("3_Degree_", "")).unwrap().0.epsg, 4509);
        let wkt2 = r#"PROJCRS["CGCS2000 / 3-degree Gauss-Kruger zone 39",BASEGEOGCRS["China Geodetic Coordinate System 2000",DATUM["China 2000",ELLIPSOID["CGCS2000",6378137,298.257222101]]],CONVERSION["x",METHOD["Transverse Mercator"],PARAMETER["Longitude of natural origin",117],PARAMETER["False easting",39500000],PARAMETER["Scale factor at natural origin",1]],CS[Cartesian,2],AXIS["northing (X)",north,ORDER[1]],AXIS["easting (Y)",east,ORDER[2]]]"#;
        assert_eq!(identify(wkt2).unwrap().0.epsg, 4527);
        let with_id = r#"PROJCS["x",GEOGCS["y",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563]]],PROJECTION["Transverse_Mercator"],AUTHORITY["EPSG","32650"]]"#;
        assert_eq!(identify(with_id).unwrap().0.epsg, 32650);
        for code in [4326, 4490, 4548, 4527, 4491, 4502, 3857, 32651] {
            let crs = Crs::from_epsg(code).unwrap();
            assert_eq!(identify(&esri_wkt(crs)).unwrap().0, crs, "{code}");
        }
    }

    #[test]
    fn legacy_and_unknown_are_refused_with_reasons() {
        let beijing = r#"PROJCS["Beijing_1954_3_Degree_GK_CM_117E",GEOGCS["GCS_Beijing_1954",DATUM["D_Beijing_1954",SPHEROID["Krasovsky_1940",6378245.0,298.3]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",500000.0],PARAMETER["Central_Meridian",117.0],PARAMETER["Scale_Factor",1.0],UNIT["Meter",1.0]]"#;
        assert!(identify(beijing).unwrap_err().to_string().contains("no official parameters"));
        let lambert = r#"PROJCS["x",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]]],PROJECTION["Lambert_Conformal_Conic"],UNIT["Meter",1.0]]"#;
        assert!(identify(lambert).unwrap_err().to_string().contains("lambertconformalconic"));
        let off_zone = esri_wkt(Crs::from_epsg(4548).unwrap()).replace("117.0", "117.5");
        assert!(identify(&off_zone).unwrap_err().to_string().contains("central meridian 117.5"));
        assert!(identify("PROJCS[\"x\"").is_err());
        assert!(identify(&"A[".repeat(100)).unwrap_err().to_string().contains("nested too deeply"));
    }
}
