//! CSV with a longitude and a latitude column (found by name, or named by the user); every
//! other column becomes a property. Numbers may use a comma or a point as decimal mark? No:
//! only a point, as GIS tools write them; anything else is refused with the row and column.

use std::path::Path;

use serde_json::{Map, Value};

use super::{problem, utf8, IncomingFeature};
use crate::error::Result;

const LON_NAMES: [&str; 7] = ["lon", "lng", "long", "longitude", "x", "经度", "lon_wgs84"];
const LAT_NAMES: [&str; 5] = ["lat", "latitude", "y", "纬度", "lat_wgs84"];

fn find(headers: &[String], asked: Option<&str>, names: &[&str], what: &str, path: &Path) -> Result<usize> {
    if let Some(a) = asked {
        return headers.iter().position(|h| h == a).ok_or_else(|| {
            problem(path, None, Some(a), format!("there is no {what} column named {a:?}; the columns are {headers:?}"))
        });
    }
    headers.iter().position(|h| names.iter().any(|n| n.eq_ignore_ascii_case(h.trim()))).ok_or_else(|| {
        problem(
            path,
            None,
            None,
            format!(
                "no {what} column found (looked for {names:?}); name it, e.g. --{}-column NAME",
                if what == "longitude" { "lon" } else { "lat" }
            ),
        )
    })
}

pub fn read(path: &Path, bytes: &[u8], lon: Option<&str>, lat: Option<&str>) -> Result<Vec<IncomingFeature>> {
    let text = utf8(path, bytes)?;
    let mut reader = csv::ReaderBuilder::new().flexible(false).from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| problem(path, None, None, format!("cannot read the header row: {e}")))?
        .iter()
        .map(str::to_owned)
        .collect();
    let lon_i = find(&headers, lon, &LON_NAMES, "longitude", path)?;
    let lat_i = find(&headers, lat, &LAT_NAMES, "latitude", path)?;
    let mut out = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| problem(path, Some(i), None, format!("row {} cannot be read: {e}", i + 2)))?;
        let number = |col: usize| -> Result<f64> {
            let raw = record.get(col).unwrap_or("").trim();
            raw.parse::<f64>().map_err(|_| {
                problem(path, Some(i), Some(&headers[col]), format!("{raw:?} in row {} is not a number", i + 2))
            })
        };
        let (x, y) = (number(lon_i)?, number(lat_i)?);
        let mut properties = Map::new();
        for (c, h) in headers.iter().enumerate() {
            if c != lon_i && c != lat_i {
                properties.insert(h.clone(), Value::String(record.get(c).unwrap_or("").to_owned()));
            }
        }
        out.push(IncomingFeature {
            geometry: geo::Geometry::Point(geo::Point::new(x, y)),
            properties,
            repairs: Vec::new(),
        });
    }
    Ok(out)
}
