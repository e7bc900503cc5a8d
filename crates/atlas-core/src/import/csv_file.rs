//! CSV with a longitude and a latitude column (found by name, or named by the user); every
//! other column becomes a property. Numbers may use a comma or a point as decimal mark? No:
//! only a point, as GIS tools write them; anything else is refused with the row and column.

use std::path::Path;

use serde_json::{Map, Value};

use super::{excerpt, limit_problem, problem, utf8, ImportOptions, IncomingFeature};
use crate::error::Result;

const LON_NAMES: [&str; 7] = ["lon", "lng", "long", "longitude", "x", "经度", "lon_wgs84"];
const LAT_NAMES: [&str; 5] = ["lat", "latitude", "y", "纬度", "lat_wgs84"];

fn find(headers: &[String], asked: Option<&str>, names: &[&str], what: &str, path: &Path) -> Result<usize> {
    if let Some(a) = asked {
        return headers.iter().position(|h| h == a).ok_or_else(|| {
            let some: Vec<String> = headers.iter().take(10).map(|h| excerpt(h)).collect();
            let more = if headers.len() > 10 { format!(" and {} more", headers.len() - 10) } else { String::new() };
            problem(
                path,
                None,
                Some(&excerpt(a)),
                format!("there is no {what} column named {:?}; the columns are {some:?}{more}", excerpt(a)),
            )
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

pub fn read(path: &Path, bytes: &[u8], options: &ImportOptions) -> Result<Vec<IncomingFeature>> {
    let (lon, lat) = (options.lon_column.as_deref(), options.lat_column.as_deref());
    let text = utf8(path, bytes)?;
    let mut reader = csv::ReaderBuilder::new().flexible(false).from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| problem(path, None, None, format!("cannot read the header row: {e}")))?
        .iter()
        .map(str::to_owned)
        .collect();
    // Refused before any row is read: the header would be copied into every row's properties.
    if headers.len() > options.limits.max_columns + 2 {
        return Err(limit_problem(path, None, None, format!("the header has {} columns, over the limit of {}; keep the columns you need (or raise --max-columns in the CLI)", headers.len(), options.limits.max_columns)));
    }
    let lon_i = find(&headers, lon, &LON_NAMES, "longitude", path)?;
    let lat_i = find(&headers, lat, &LAT_NAMES, "latitude", path)?;
    let mut out = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| problem(path, Some(i), None, format!("row {} cannot be read: {e}", i + 2)))?;
        let number = |col: usize| -> Result<f64> {
            let raw = record.get(col).unwrap_or("").trim();
            raw.parse::<f64>().map_err(|_| {
                problem(
                    path,
                    Some(i),
                    Some(&excerpt(&headers[col])),
                    format!("{:?} in row {} is not a number", excerpt(raw), i + 2),
                )
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
