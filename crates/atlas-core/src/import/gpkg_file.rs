//! GeoPackage layers (as QGIS or GDAL write them): every feature table, or those picked, in
//! WGS84 (EPSG:4326); other spatial reference systems are refused with advice.

use std::path::Path;

use rusqlite::{Connection, OpenFlags};
use serde_json::{Map, Value};

use super::{problem, IncomingFeature};
use crate::error::Result;
use crate::gpkg::blob;

/// Feature tables of a GeoPackage: (table, geometry column, srs organisation, srs code).
pub fn layers(path: &Path) -> Result<Vec<(String, String, String, i64)>> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|e| problem(path, None, None, format!("cannot open it: {e}")))?;
    let mut stmt = conn
        .prepare(
            "SELECT g.table_name, g.column_name, coalesce(s.organization, ''), coalesce(s.organization_coordsys_id, g.srs_id)
             FROM gpkg_geometry_columns g LEFT JOIN gpkg_spatial_ref_sys s ON s.srs_id = g.srs_id ORDER BY g.table_name",
        )
        .map_err(|_| problem(path, None, None, "it is not a GeoPackage (no gpkg_geometry_columns table)"))?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn value(v: rusqlite::types::ValueRef) -> Value {
    use rusqlite::types::ValueRef::*;
    match v {
        Null => Value::Null,
        Integer(i) => Value::from(i),
        Real(f) => serde_json::Number::from_f64(f).map(Value::Number).unwrap_or(Value::Null),
        Text(t) => Value::String(String::from_utf8_lossy(t).into_owned()),
        Blob(_) => Value::Null,
    }
}

/// Reads the chosen layers (all if `chosen` is None).
pub fn read(path: &Path, chosen: Option<&[String]>) -> Result<Vec<(String, Vec<IncomingFeature>)>> {
    let available = layers(path)?;
    if let Some(chosen) = chosen {
        for c in chosen {
            if !available.iter().any(|(t, ..)| t == c) {
                let names: Vec<&str> = available.iter().map(|(t, ..)| t.as_str()).collect();
                return Err(problem(path, None, None, format!("there is no layer {c:?}; its layers are {names:?}")));
            }
        }
    }
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let mut out = Vec::new();
    for (table, column, org, code) in available.into_iter().filter(|(t, ..)| chosen.is_none_or(|c| c.contains(t))) {
        if !(org.eq_ignore_ascii_case("EPSG") && code == 4326) && !(org.is_empty() && code == 4326) {
            return Err(problem(path, None, Some(&table), format!("the layer is in {org}:{code}; the atlas stores WGS84: reproject it to EPSG:4326 first (QGIS: Export › Save Features As…, CRS EPSG:4326)")));
        }
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{}\"", table.replace('"', "\"\"")))?;
        let names: Vec<String> = stmt.column_names().into_iter().map(str::to_owned).collect();
        let geom_i = names.iter().position(|n| n == &column).expect("the geometry column exists");
        let mut rows = stmt.query([])?;
        let mut features = Vec::new();
        let mut i = 0;
        while let Some(row) = rows.next()? {
            let bytes: Option<Vec<u8>> = row.get(geom_i)?;
            let Some(bytes) = bytes else {
                return Err(problem(path, Some(i), Some(&format!("{table}.{column}")), "the feature has no geometry"));
            };
            let geometry =
                blob::decode(&bytes).map_err(|e| problem(path, Some(i), Some(&format!("{table}.{column}")), e))?;
            let mut properties = Map::new();
            for (c, name) in names.iter().enumerate() {
                if c != geom_i {
                    properties.insert(name.clone(), value(row.get_ref(c)?));
                }
            }
            features.push(IncomingFeature { geometry, properties, repairs: Vec::new() });
            i += 1;
        }
        out.push((table, features));
    }
    if out.is_empty() {
        return Err(problem(path, None, None, "it has no feature layers"));
    }
    Ok(out)
}
