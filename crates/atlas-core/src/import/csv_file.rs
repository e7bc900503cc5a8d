//! CSV with a longitude and a latitude column (found by name, or named by the user); every
//! other column becomes a property. Numbers may use a comma or a point as decimal mark? No:
//! only a point, as GIS tools write them; anything else is refused with the row and column.

use std::path::Path;

use serde_json::{Map, Value};

use super::problem_kind::{ColumnsOf, CoordinateAxis, ProblemKind};
use super::{excerpt, typed_limit, typed_problem, utf8, ImportOptions, IncomingFeature};
use crate::error::Result;

const LON_NAMES: [&str; 7] = ["lon", "lng", "long", "longitude", "x", "经度", "lon_wgs84"];
const LAT_NAMES: [&str; 5] = ["lat", "latitude", "y", "纬度", "lat_wgs84"];

fn find(headers: &[String], asked: Option<&str>, names: &[&str], axis: CoordinateAxis, path: &Path) -> Result<usize> {
    if let Some(a) = asked {
        return headers.iter().position(|h| h == a).ok_or_else(|| {
            let columns: Vec<String> = headers.iter().take(10).map(|h| excerpt(h)).collect();
            let more = headers.len().saturating_sub(10);
            let kind = ProblemKind::NoSuchColumn { axis, asked: excerpt(a), columns, more };
            typed_problem(path, None, Some(&excerpt(a)), kind)
        });
    }
    headers.iter().position(|h| names.iter().any(|n| n.eq_ignore_ascii_case(h.trim()))).ok_or_else(|| {
        let looked_for = names.iter().map(|n| (*n).to_owned()).collect();
        typed_problem(path, None, None, ProblemKind::NoCoordinateColumn { axis, looked_for })
    })
}

pub fn read(path: &Path, bytes: &[u8], options: &ImportOptions) -> Result<Vec<IncomingFeature>> {
    let (lon, lat) = (options.lon_column.as_deref(), options.lat_column.as_deref());
    let text = utf8(path, bytes)?;
    let mut reader = csv::ReaderBuilder::new().flexible(false).from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| typed_problem(path, None, None, ProblemKind::CsvHeader { detail: e.to_string() }))?
        .iter()
        .map(str::to_owned)
        .collect();
    // Refused before any row is read: the header would be copied into every row's properties.
    if headers.len() > options.limits.max_columns + 2 {
        let kind = ProblemKind::TooManyColumns {
            columns: headers.len(),
            limit: options.limits.max_columns,
            of: ColumnsOf::Header,
        };
        return Err(typed_limit(path, None, None, kind));
    }
    let lon_i = find(&headers, lon, &LON_NAMES, CoordinateAxis::Longitude, path)?;
    let lat_i = find(&headers, lat, &LAT_NAMES, CoordinateAxis::Latitude, path)?;
    let mut out = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| {
            typed_problem(path, Some(i), None, ProblemKind::CsvRow { row: i + 2, detail: e.to_string() })
        })?;
        let number = |col: usize| -> Result<f64> {
            let raw = record.get(col).unwrap_or("").trim();
            raw.parse::<f64>().map_err(|_| {
                let kind = ProblemKind::NotANumber { value: excerpt(raw), row: Some(i + 2) };
                typed_problem(path, Some(i), Some(&excerpt(&headers[col])), kind)
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
