//! GeoJSON: a FeatureCollection, a single Feature, or a bare geometry (RFC 7946). The legacy
//! `crs` member (2008 spec) is found before the read and applied by geojson_crs.rs.

use std::path::Path;

use geojson::GeoJson;
use serde_json::{Map, Value};

use super::validate::Repair;
use super::{problem, utf8, IncomingFeature};
use crate::error::Result;

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

/// Every feature of a GeoJSON file, collected (for previews and the fuzz target; imports use
/// [`read_each`], which holds one feature at a time).
pub fn read(path: &Path, bytes: &[u8]) -> Result<Vec<IncomingFeature>> {
    let mut features = Vec::new();
    read_each(path, bytes, &mut |_, f| {
        features.push(f);
        Ok(())
    })?;
    Ok(features)
}

/// A rough count of the features in a file, for the progress bar before they are read: the
/// occurrences of `"Feature"` (a property value spelled so counts too; it is only a hint).
pub fn feature_count_hint(bytes: &[u8]) -> usize {
    const NEEDLE: &[u8] = b"\"Feature\"";
    bytes.windows(NEEDLE.len()).filter(|w| *w == NEEDLE).count()
}

/// Reads a GeoJSON file and hands each feature, with its index, to `each` as it is parsed:
/// a FeatureCollection's `features` array is walked by a serde visitor, so the file's
/// features are never all in memory at once (the whole file parsed into a collection first
/// took 5.7× the file's size at peak). A Feature or a bare geometry at the top is read whole.
pub fn read_each(path: &Path, bytes: &[u8], each: &mut dyn FnMut(usize, IncomingFeature) -> Result<()>) -> Result<()> {
    let text = utf8(path, bytes)?;
    let mut failure: Option<crate::error::AtlasError> = None;
    let top = {
        let mut de = serde_json::Deserializer::from_str(text);
        let parsed = serde::de::DeserializeSeed::deserialize(TopLevel { path, each, failure: &mut failure }, &mut de)
            .and_then(|top| de.end().map(|_| top));
        match (parsed, failure.take()) {
            (_, Some(e)) => return Err(e),
            (Err(e), None) => return Err(json_problem(path, &e)),
            (Ok(top), None) => top,
        }
    };
    super::geojson_crs::check_member(path, bytes, top.members.get("crs"))?;
    if top.saw_features {
        if top.members.get("type").and_then(Value::as_str) != Some("FeatureCollection") {
            return Err(problem(
                path,
                None,
                Some("type"),
                "it has a `features` array but is not a FeatureCollection; set \"type\": \"FeatureCollection\"",
            ));
        }
        return Ok(());
    }
    // A Feature or a bare geometry: small, read through the geojson crate as before.
    let parsed = serde_json::from_value::<GeoJson>(Value::Object(top.members)).map_err(|e| {
        problem(path, None, None, format!("it is not GeoJSON (a FeatureCollection, a Feature or a geometry): {e}"))
    })?;
    match parsed {
        GeoJson::FeatureCollection(_) => Ok(()), // an empty collection without `features` cannot parse
        GeoJson::Feature(f) => each(0, feature(path, 0, f)?),
        GeoJson::Geometry(g) => each(0, convert(path, 0, g, Map::new())?),
    }
}

fn json_problem(path: &Path, e: &serde_json::Error) -> crate::error::AtlasError {
    let hint = if e.to_string().contains("recursion limit") {
        "it is nested too deeply to be GeoJSON"
    } else if e.is_syntax() || e.is_eof() {
        "it is not valid JSON"
    } else {
        "it is not GeoJSON (a FeatureCollection, a Feature or a geometry)"
    };
    problem(path, None, None, format!("{hint} (line {}, column {}: {e})", e.line(), e.column()))
}

/// What the top-level object held besides its features.
struct Top {
    members: Map<String, Value>,
    saw_features: bool,
}

struct TopLevel<'p, 'e> {
    path: &'p Path,
    each: &'e mut dyn FnMut(usize, IncomingFeature) -> Result<()>,
    /// The import's own error, when a feature stopped the parse (serde only carries text).
    failure: &'e mut Option<crate::error::AtlasError>,
}

impl<'de> serde::de::DeserializeSeed<'de> for TopLevel<'_, '_> {
    type Value = Top;
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> std::result::Result<Top, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> serde::de::Visitor<'de> for TopLevel<'_, '_> {
    type Value = Top;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a GeoJSON object")
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> std::result::Result<Top, A::Error> {
        let mut top = Top { members: Map::new(), saw_features: false };
        while let Some(key) = map.next_key::<String>()? {
            if key == "features" {
                top.saw_features = true;
                map.next_value_seed(Features { path: self.path, each: &mut *self.each, failure: &mut *self.failure })?;
            } else {
                let value: Value = map.next_value()?;
                top.members.insert(key, value);
            }
        }
        Ok(top)
    }
}

struct Features<'p, 'e> {
    path: &'p Path,
    each: &'e mut dyn FnMut(usize, IncomingFeature) -> Result<()>,
    failure: &'e mut Option<crate::error::AtlasError>,
}

impl<'de> serde::de::DeserializeSeed<'de> for Features<'_, '_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> std::result::Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

/// One member of `features` as it is in the file; the geometry is checked by the geojson crate.
#[derive(serde::Deserialize)]
struct RawFeature {
    #[serde(rename = "type")]
    kind: Option<String>,
    geometry: Option<geojson::Geometry>,
    properties: Option<Map<String, Value>>,
}

impl<'de> serde::de::Visitor<'de> for Features<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("an array of GeoJSON features")
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<(), A::Error> {
        use serde::de::Error;
        let mut i = 0;
        while let Some(raw) = seq.next_element::<RawFeature>()? {
            let result = match (raw.kind.as_deref(), raw.geometry) {
                (Some("Feature"), Some(g)) => convert(self.path, i, g, raw.properties.unwrap_or_default()),
                (Some("Feature"), None) => Err(problem(
                    self.path,
                    Some(i),
                    Some("geometry"),
                    "it has no geometry (null); give it one or leave it out",
                )),
                (other, _) => Err(problem(self.path, Some(i), Some("type"), format!("it is {other:?}, not a Feature"))),
            }
            .and_then(|f| (self.each)(i, f));
            if let Err(e) = result {
                *self.failure = Some(e);
                return Err(A::Error::custom("stopped"));
            }
            i += 1;
        }
        Ok(())
    }
}
