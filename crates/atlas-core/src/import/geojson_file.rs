//! GeoJSON: a FeatureCollection, a single Feature, or a bare geometry (RFC 7946). The legacy
//! `crs` member (2008 spec) is found before the read and applied by geojson_crs.rs.
//!
//! The whole document is walked by serde visitors: a FeatureCollection's `features` one at a
//! time (none collected), each feature's members by name without allocating, its geometry by
//! [`super::geojson_geometry`] straight into geo types, its `properties` as JSON values.

use std::path::Path;

use serde::de::{DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

use super::geojson_geometry::{GeometryResult, GeometrySeed, NameSeed, Scratch};
use super::problem_kind::{JsonTrouble, ProblemKind};
use super::validate::Repair;
use super::{typed_problem, utf8, IncomingFeature};
use crate::error::{AtlasError, Result};

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
/// occurrences of `"Feature"` in its first MB, scaled to the file's size (it is only a hint,
/// and scanning the whole file for it took as long as 2% of the import).
pub fn feature_count_hint(bytes: &[u8]) -> usize {
    const NEEDLE: &[u8] = b"\"Feature\"";
    const SAMPLE: usize = 1 << 20;
    let sample = &bytes[..bytes.len().min(SAMPLE)];
    let found = sample.windows(NEEDLE.len()).filter(|w| *w == NEEDLE).count();
    (found as f64 * bytes.len() as f64 / sample.len().max(1) as f64).round() as usize
}

/// Reads a GeoJSON file and hands each feature, with its index, to `each` as it is parsed:
/// a FeatureCollection's `features` array is walked by a serde visitor, so the file's
/// features are never all in memory at once (the whole file parsed into a collection first
/// took 5.7× the file's size at peak). A Feature or a bare geometry at the top is read whole.
///
/// The bytes are parsed as they are: serde_json checks the UTF-8 of every string it reads, and
/// outside strings JSON is ASCII. Checking the whole file first took 3% of the reading thread
/// (most of a GeoJSON file is numbers); it is done only when the parse fails, so that a file
/// that is not UTF-8 is still named as such.
pub fn read_each(path: &Path, bytes: &[u8], each: &mut dyn FnMut(usize, IncomingFeature) -> Result<()>) -> Result<()> {
    let json = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut failure: Option<AtlasError> = None;
    let mut at: Option<usize> = None;
    let top = {
        let mut de = serde_json::Deserializer::from_slice(json);
        let parsed = TopLevel { path, each, failure: &mut failure, at: &mut at }
            .deserialize(&mut de)
            .and_then(|top| de.end().map(|_| top));
        if parsed.is_err() || failure.is_some() {
            utf8(path, bytes)?;
        }
        match (parsed, failure.take()) {
            (_, Some(e)) => return Err(e),
            (Err(e), None) => return Err(json_problem(path, at, &e)),
            (Ok(top), None) => top,
        }
    };
    super::geojson_crs::check_member(path, bytes, top.members.get("crs"))?;
    let kind = top.members.get("type").and_then(Value::as_str).unwrap_or("").to_owned();
    if top.saw_features {
        if kind != "FeatureCollection" {
            return Err(typed_problem(path, None, Some("type"), ProblemKind::FeaturesOutsideCollection));
        }
        return Ok(());
    }
    // A Feature or a bare geometry: small, read from the members already parsed.
    let not_geojson =
        |e: &dyn std::fmt::Display| typed_problem(path, None, None, ProblemKind::NotGeojson { detail: e.to_string() });
    let mut scratch = Scratch::default();
    let members = Value::Object(top.members);
    let feature = match kind.as_str() {
        "Feature" => FeatureSeed { scratch: &mut scratch }.deserialize(members).map_err(|e| not_geojson(&e))?,
        "FeatureCollection" => return Err(typed_problem(path, None, None, ProblemKind::NoFeaturesArray)),
        _ => {
            let geometry = GeometrySeed { scratch: &mut scratch }.deserialize(members).map_err(|e| not_geojson(&e))?;
            RawFeature { kind: FeatureType::Feature, geometry: Some(geometry), properties: None }
        }
    };
    each(0, feature.into_incoming(path, 0)?)
}

fn json_problem(path: &Path, feature: Option<usize>, e: &serde_json::Error) -> AtlasError {
    let trouble = if e.to_string().contains("recursion limit") {
        JsonTrouble::TooDeep
    } else if e.is_syntax() || e.is_eof() {
        JsonTrouble::Syntax
    } else {
        JsonTrouble::NotGeojson
    };
    let kind = ProblemKind::Json { trouble, line: e.line(), column: e.column(), detail: e.to_string() };
    typed_problem(path, feature, None, kind)
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
    failure: &'e mut Option<AtlasError>,
    /// The feature being read, for a parse error's message.
    at: &'e mut Option<usize>,
}

impl<'de> DeserializeSeed<'de> for TopLevel<'_, '_> {
    type Value = Top;
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> std::result::Result<Top, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for TopLevel<'_, '_> {
    type Value = Top;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a GeoJSON object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<Top, A::Error> {
        let mut top = Top { members: Map::new(), saw_features: false };
        while let Some(key) = map.next_key::<String>()? {
            if key == "features" {
                top.saw_features = true;
                map.next_value_seed(Features {
                    path: self.path,
                    each: &mut *self.each,
                    failure: &mut *self.failure,
                    at: &mut *self.at,
                })?;
                *self.at = None;
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
    failure: &'e mut Option<AtlasError>,
    at: &'e mut Option<usize>,
}

impl<'de> DeserializeSeed<'de> for Features<'_, '_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> std::result::Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Features<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("an array of GeoJSON features")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<(), A::Error> {
        use serde::de::Error;
        let mut scratch = Scratch::default();
        let mut i = 0;
        loop {
            *self.at = Some(i);
            let Some(raw) = seq.next_element_seed(FeatureSeed { scratch: &mut scratch })? else { break };
            if let Err(e) = raw.into_incoming(self.path, i).and_then(|f| (self.each)(i, f)) {
                *self.failure = Some(e);
                return Err(A::Error::custom("stopped"));
            }
            i += 1;
        }
        Ok(())
    }
}

/// A feature's `type`: "Feature", or what it said instead.
enum FeatureType {
    Feature,
    Other(Option<String>),
}

/// One feature as it is in the file.
struct RawFeature {
    kind: FeatureType,
    /// None when null or absent.
    geometry: Option<GeometryResult>,
    properties: Option<Map<String, Value>>,
}

impl RawFeature {
    fn into_incoming(self, path: &Path, i: usize) -> Result<IncomingFeature> {
        match (self.kind, self.geometry) {
            (FeatureType::Feature, Some(Ok(g))) => Ok(IncomingFeature {
                geometry: g.geometry,
                properties: self.properties.unwrap_or_default(),
                repairs: if g.unclosed { vec![Repair::ClosedRing] } else { Vec::new() },
            }),
            (FeatureType::Feature, Some(Err(structure))) => {
                Err(typed_problem(path, Some(i), Some("geometry"), ProblemKind::GeojsonGeometry { structure }))
            }
            (FeatureType::Feature, None) => {
                Err(typed_problem(path, Some(i), Some("geometry"), ProblemKind::NullGeometry))
            }
            (FeatureType::Other(found), _) => {
                Err(typed_problem(path, Some(i), Some("type"), ProblemKind::NotAFeature { found }))
            }
        }
    }
}

/// Reads one feature object; its geometry goes through the shared scratch space.
struct FeatureSeed<'s> {
    scratch: &'s mut Scratch,
}

impl<'de> DeserializeSeed<'de> for FeatureSeed<'_> {
    type Value = RawFeature;
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> std::result::Result<RawFeature, D::Error> {
        d.deserialize_map(self)
    }
}

enum Member {
    Type,
    Geometry,
    Properties,
    Other,
}

impl<'de> Visitor<'de> for FeatureSeed<'_> {
    type Value = RawFeature;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a GeoJSON feature object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<RawFeature, A::Error> {
        let mut raw = RawFeature { kind: FeatureType::Other(None), geometry: None, properties: None };
        let member = |name: &str| match name {
            "type" => Member::Type,
            "geometry" => Member::Geometry,
            "properties" => Member::Properties,
            _ => Member::Other,
        };
        while let Some(key) = map.next_key_seed(NameSeed(member))? {
            match key {
                Member::Type => {
                    raw.kind = map.next_value_seed(NameSeed(|name| match name {
                        "Feature" => FeatureType::Feature,
                        other => FeatureType::Other(Some(super::excerpt(other))),
                    }))?
                }
                Member::Geometry => {
                    raw.geometry = map.next_value_seed(OptionalGeometry { scratch: &mut *self.scratch })?
                }
                Member::Properties => raw.properties = map.next_value()?,
                Member::Other => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(raw)
    }
}

/// A feature's `geometry`: an object, or null.
struct OptionalGeometry<'s> {
    scratch: &'s mut Scratch,
}

impl<'de> DeserializeSeed<'de> for OptionalGeometry<'_> {
    type Value = Option<GeometryResult>;
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> std::result::Result<Self::Value, D::Error> {
        d.deserialize_option(self)
    }
}

impl<'de> Visitor<'de> for OptionalGeometry<'_> {
    type Value = Option<GeometryResult>;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a GeoJSON geometry or null")
    }
    fn visit_none<E: serde::de::Error>(self) -> std::result::Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_unit<E: serde::de::Error>(self) -> std::result::Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> std::result::Result<Self::Value, D::Error> {
        GeometrySeed { scratch: self.scratch }.deserialize(d).map(Some)
    }
}
