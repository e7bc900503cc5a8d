//! GeoJSON: a FeatureCollection, a single Feature, or a bare geometry (RFC 7946). The legacy
//! `crs` member (2008 spec) is accepted when it names WGS84 and refused otherwise.

use std::path::Path;

use geojson::GeoJson;
use serde_json::{Map, Value};

use super::validate::Repair;
use super::{problem, utf8, IncomingFeature};
use crate::error::Result;

/// CRS names that mean WGS84 longitude/latitude.
const WGS84_NAMES: [&str; 5] = [
    "urn:ogc:def:crs:OGC:1.3:CRS84",
    "urn:ogc:def:crs:OGC::CRS84",
    "urn:ogc:def:crs:EPSG::4326",
    "EPSG:4326",
    "urn:ogc:def:crs:EPSG:6.6:4326",
];

fn check_crs(path: &Path, members: Option<&Map<String, Value>>) -> Result<()> {
    let Some(crs) = members.and_then(|m| m.get("crs")) else { return Ok(()) };
    let name = crs.pointer("/properties/name").and_then(Value::as_str).unwrap_or("");
    if WGS84_NAMES.iter().any(|n| n.eq_ignore_ascii_case(name)) {
        return Ok(());
    }
    Err(problem(path, None, Some("crs"), format!("the file declares CRS {name:?}; the atlas stores WGS84 (EPSG:4326): reproject it first (e.g. ogr2ogr -t_srs EPSG:4326)")))
}

/// geo closes polygon rings while converting; notice unclosed ones first, to report the repair.
fn unclosed_rings(value: &geojson::GeometryValue) -> bool {
    use geojson::GeometryValue::*;
    let open = |rings: &Vec<Vec<geojson::Position>>| rings.iter().any(|r| r.len() >= 2 && r.first() != r.last());
    match value {
        Polygon { coordinates } => open(coordinates),
        MultiPolygon { coordinates } => coordinates.iter().any(open),
        GeometryCollection { geometries } => geometries.iter().any(|g| unclosed_rings(&g.value)),
        _ => false,
    }
}

/// The first position with fewer than two numbers (the geojson crate would panic on it while
/// converting: found by fuzzing), as its count.
fn short_position(value: &geojson::GeometryValue) -> Option<usize> {
    use geojson::GeometryValue::*;
    let check = |ps: &[geojson::Position]| ps.iter().map(|p| p.len()).find(|n| *n < 2);
    match value {
        Point { coordinates } => check(std::slice::from_ref(coordinates)),
        MultiPoint { coordinates } | LineString { coordinates } => check(coordinates),
        MultiLineString { coordinates } | Polygon { coordinates } => coordinates.iter().find_map(|l| check(l)),
        MultiPolygon { coordinates } => coordinates.iter().flatten().find_map(|l| check(l)),
        GeometryCollection { geometries } => geometries.iter().find_map(|g| short_position(&g.value)),
    }
}

fn convert(path: &Path, i: usize, g: geojson::Geometry, properties: Map<String, Value>) -> Result<IncomingFeature> {
    if let Some(n) = short_position(&g.value) {
        return Err(problem(
            path,
            Some(i),
            Some("geometry"),
            format!("a position has {n} number(s); positions are [longitude, latitude]"),
        ));
    }
    let repairs = if unclosed_rings(&g.value) { vec![Repair::ClosedRing] } else { Vec::new() };
    let geometry: geo::Geometry<f64> =
        g.try_into().map_err(|e: geojson::Error| problem(path, Some(i), Some("geometry"), e))?;
    Ok(IncomingFeature { geometry, properties, repairs })
}

fn feature(path: &Path, i: usize, f: geojson::Feature) -> Result<IncomingFeature> {
    let g = f.geometry.ok_or_else(|| {
        problem(path, Some(i), Some("geometry"), "it has no geometry (null); give it one or leave it out")
    })?;
    convert(path, i, g, f.properties.unwrap_or_default())
}

pub fn read(path: &Path, bytes: &[u8]) -> Result<Vec<IncomingFeature>> {
    let text = utf8(path, bytes)?;
    let parsed: GeoJson = serde_json::from_str(text).map_err(|e| {
        let hint = if e.to_string().contains("recursion limit") {
            "it is nested too deeply to be GeoJSON"
        } else if e.is_syntax() || e.is_eof() {
            "it is not valid JSON"
        } else {
            "it is not GeoJSON (a FeatureCollection, a Feature or a geometry)"
        };
        problem(path, None, None, format!("{hint} (line {}, column {}: {e})", e.line(), e.column()))
    })?;
    match parsed {
        GeoJson::FeatureCollection(fc) => {
            check_crs(path, fc.foreign_members.as_ref())?;
            fc.features.into_iter().enumerate().map(|(i, f)| feature(path, i, f)).collect()
        }
        GeoJson::Feature(f) => {
            check_crs(path, f.foreign_members.as_ref())?;
            Ok(vec![feature(path, 0, f)?])
        }
        GeoJson::Geometry(g) => {
            check_crs(path, g.foreign_members.as_ref())?;
            Ok(vec![convert(path, 0, g, Map::new())?])
        }
    }
}
