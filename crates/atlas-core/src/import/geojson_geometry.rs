//! A GeoJSON geometry object read straight into geo types by a serde visitor: the parser's
//! numbers go into one buffer of positions reused from feature to feature, and from there into
//! the geometry's lines and rings. The geojson crate built a JSON object per geometry and a
//! vector per position before converting (a third of the hex grid's import time went there).
//!
//! Coordinates are read before the geometry's `type` is known (members come in any order), so
//! the reader records only the shape of the nesting: each position at its depth, and each
//! list as it closes, with how many positions had been read by then. The type then says how
//! deep positions must sit and which closing lists are lines, rings or polygons.
//!
//! What is wrong with the coordinates (a short position, a Polygon nested like a LineString,
//! an unknown type) comes back as a message for the feature, not as a parse error, so the
//! import can name the feature; what is not JSON, or not numbers where numbers belong, stops
//! the parse.

use geo::{Coord, Geometry, GeometryCollection, LineString, MultiLineString, MultiPoint, MultiPolygon, Point, Polygon};
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};

/// A geometry as read, and whether a ring had to be closed (geo closes it; the import reports
/// the repair).
pub(crate) struct ReadGeometry {
    pub geometry: Geometry<f64>,
    pub unclosed: bool,
}

/// A geometry, or what is wrong with it (the import adds the file and the feature).
pub(crate) type GeometryResult = Result<ReadGeometry, GeometryStructure>;

/// What is wrong with a geometry object's structure, with what was found (the geometry type
/// as the file names it, or as the reader knows it). Carried to the UI in
/// [`super::problem_kind::ProblemKind::GeojsonGeometry`]; its `Display` is the CLI's English.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum GeometryStructure {
    NoType,
    /// A `type` that is no GeoJSON geometry type (an excerpt of it).
    UnknownType {
        name: String,
    },
    NoCoordinates {
        geometry_type: String,
    },
    /// A position with fewer than two numbers: how many.
    ShortPosition {
        numbers: usize,
    },
    WrongNesting {
        geometry_type: String,
    },
    SingleNumber {
        geometry_type: String,
    },
    NoGeometries,
}

impl std::fmt::Display for GeometryStructure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            GeometryStructure::NoType => {
                f.write_str("it has no `type`; a geometry is a Point, LineString, Polygon or one of their Multi- forms")
            }
            GeometryStructure::UnknownType { name } => write!(f, "{name:?} is not a GeoJSON geometry type"),
            GeometryStructure::NoCoordinates { geometry_type } => write!(f, "the {geometry_type} has no `coordinates`"),
            GeometryStructure::ShortPosition { numbers } => {
                write!(f, "a position has {numbers} number(s); positions are [longitude, latitude]")
            }
            GeometryStructure::WrongNesting { geometry_type } => {
                write!(f, "its coordinates are not nested as a {geometry_type}'s are")
            }
            GeometryStructure::SingleNumber { geometry_type } => {
                write!(f, "its coordinates are a single number, not a {geometry_type}'s arrays")
            }
            GeometryStructure::NoGeometries => f.write_str("the GeometryCollection has no `geometries`"),
        }
    }
}

/// GeoJSON nests positions at most this deep (a MultiPolygon: polygons, rings, positions).
const MAX_LEVEL: u8 = 3;

/// Space reused from one geometry to the next.
#[derive(Default)]
pub(crate) struct Scratch {
    xy: Vec<Coord>,
    /// Each list that closed, other than a position: its depth from the top (0) and the number
    /// of positions read when it closed.
    closes: Vec<(u8, usize)>,
    /// The depth the positions were found at (None before the first).
    position_level: Option<u8>,
    mixed_levels: bool,
    /// The first position with fewer than two numbers: how many it had.
    short: Option<usize>,
    /// The depths at which an empty array was found, one bit each.
    empty_levels: u8,
}

impl Scratch {
    fn clear(&mut self) {
        self.xy.clear();
        self.closes.clear();
        self.position_level = None;
        self.mixed_levels = false;
        self.short = None;
        self.empty_levels = 0;
    }
}

/// Reads one geometry object into the scratch space.
pub(crate) struct GeometrySeed<'s> {
    pub scratch: &'s mut Scratch,
}

impl<'de> DeserializeSeed<'de> for GeometrySeed<'_> {
    type Value = GeometryResult;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<GeometryResult, D::Error> {
        d.deserialize_map(self)
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Point,
    MultiPoint,
    LineString,
    MultiLineString,
    Polygon,
    MultiPolygon,
    GeometryCollection,
}

impl Kind {
    fn of(name: &str) -> Option<Kind> {
        Some(match name {
            "Point" => Kind::Point,
            "MultiPoint" => Kind::MultiPoint,
            "LineString" => Kind::LineString,
            "MultiLineString" => Kind::MultiLineString,
            "Polygon" => Kind::Polygon,
            "MultiPolygon" => Kind::MultiPolygon,
            "GeometryCollection" => Kind::GeometryCollection,
            _ => return None,
        })
    }

    /// The depth its positions sit at (0: the coordinates are one position).
    fn position_level(self) -> u8 {
        match self {
            Kind::Point | Kind::GeometryCollection => 0,
            Kind::MultiPoint | Kind::LineString => 1,
            Kind::MultiLineString | Kind::Polygon => 2,
            Kind::MultiPolygon => 3,
        }
    }
}

/// The members of a geometry object this reader looks at.
enum Member {
    Type,
    Coordinates,
    Geometries,
    Other,
}

/// A member's name, matched without allocating.
pub(crate) struct NameSeed<T>(pub fn(&str) -> T);

impl<'de, T> DeserializeSeed<'de> for NameSeed<T> {
    type Value = T;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<T, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de, T> Visitor<'de> for NameSeed<T> {
    type Value = T;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a string")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
        Ok((self.0)(v))
    }
}

fn member(name: &str) -> Member {
    match name {
        "type" => Member::Type,
        "coordinates" => Member::Coordinates,
        "geometries" => Member::Geometries,
        _ => Member::Other,
    }
}

/// The `type` as written: known or not.
enum TypeName {
    Known(Kind),
    Unknown(String),
}

impl<'de> Visitor<'de> for GeometrySeed<'_> {
    type Value = GeometryResult;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a GeoJSON geometry object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<GeometryResult, A::Error> {
        let scratch = self.scratch;
        scratch.clear();
        let mut kind: Option<TypeName> = None;
        let mut saw_coordinates = false;
        let mut members: Option<Vec<GeometryResult>> = None;
        while let Some(key) = map.next_key_seed(NameSeed(member))? {
            match key {
                Member::Type => {
                    kind = Some(map.next_value_seed(NameSeed(|name| match Kind::of(name) {
                        Some(k) => TypeName::Known(k),
                        None => TypeName::Unknown(super::excerpt(name)),
                    }))?)
                }
                Member::Coordinates => {
                    saw_coordinates = true;
                    map.next_value_seed(Level { scratch: &mut *scratch, level: 0 })?;
                }
                Member::Geometries => members = Some(map.next_value_seed(Members)?),
                Member::Other => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(match kind {
            None => Err(GeometryStructure::NoType),
            Some(TypeName::Unknown(name)) => Err(GeometryStructure::UnknownType { name }),
            Some(TypeName::Known(Kind::GeometryCollection)) => collection(members),
            Some(TypeName::Known(kind)) if saw_coordinates => build(kind, scratch),
            Some(TypeName::Known(kind)) => Err(GeometryStructure::NoCoordinates { geometry_type: format!("{kind:?}") }),
        })
    }
}

/// A GeometryCollection's `geometries`, each read with scratch space of its own.
struct Members;

impl<'de> DeserializeSeed<'de> for Members {
    type Value = Vec<GeometryResult>;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Members {
    type Value = Vec<GeometryResult>;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("an array of geometries")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut out = Vec::new();
        let mut scratch = Scratch::default();
        while let Some(g) = seq.next_element_seed(GeometrySeed { scratch: &mut scratch })? {
            out.push(g);
        }
        Ok(out)
    }
}

fn collection(members: Option<Vec<GeometryResult>>) -> GeometryResult {
    let members = members.ok_or(GeometryStructure::NoGeometries)?;
    let mut unclosed = false;
    let mut geometries = Vec::with_capacity(members.len());
    for m in members {
        let m = m?;
        unclosed |= m.unclosed;
        geometries.push(m.geometry);
    }
    Ok(ReadGeometry { geometry: Geometry::GeometryCollection(GeometryCollection(geometries)), unclosed })
}

/// What one value inside `coordinates` was.
enum Read {
    Number(f64),
    Position,
    List,
}

/// A value inside `coordinates` at a depth.
struct Level<'s> {
    scratch: &'s mut Scratch,
    level: u8,
}

impl<'de> DeserializeSeed<'de> for Level<'_> {
    type Value = Read;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Read, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Level<'_> {
    type Value = Read;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("coordinates (numbers in nested arrays)")
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Read, E> {
        Ok(Read::Number(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Read, E> {
        Ok(Read::Number(v as f64))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Read, E> {
        Ok(Read::Number(v as f64))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Read, A::Error> {
        use de::Error;
        let (scratch, level) = (self.scratch, self.level);
        if level > MAX_LEVEL + 1 {
            return Err(A::Error::custom("coordinates nested deeper than any GeoJSON geometry"));
        }
        let mixed = || A::Error::custom("a coordinate array mixes numbers and arrays");
        match seq.next_element_seed(Level { scratch: &mut *scratch, level: level + 1 })? {
            Some(Read::Number(x)) => {
                let mut numbers = 1;
                let mut y = f64::NAN;
                while let Some(next) = seq.next_element_seed(Level { scratch: &mut *scratch, level: level + 1 })? {
                    let Read::Number(v) = next else { return Err(mixed()) };
                    if numbers == 1 {
                        y = v;
                    }
                    numbers += 1;
                }
                if numbers < 2 {
                    scratch.short.get_or_insert(numbers);
                } else {
                    scratch.xy.push(Coord { x, y });
                }
                match scratch.position_level {
                    None => scratch.position_level = Some(level),
                    Some(l) if l != level => scratch.mixed_levels = true,
                    Some(_) => {}
                }
                Ok(Read::Position)
            }
            first => {
                if first.is_none() {
                    scratch.empty_levels |= 1 << level;
                } else {
                    while let Some(next) = seq.next_element_seed(Level { scratch: &mut *scratch, level: level + 1 })? {
                        if let Read::Number(_) = next {
                            return Err(mixed());
                        }
                    }
                }
                scratch.closes.push((level, scratch.xy.len()));
                Ok(Read::List)
            }
        }
    }
}

/// The geometry of type `kind` from what the scratch space recorded.
fn build(kind: Kind, s: &Scratch) -> GeometryResult {
    let depth = kind.position_level();
    if s.closes.is_empty() && s.position_level.is_none() && s.short.is_none() {
        return Err(GeometryStructure::SingleNumber { geometry_type: format!("{kind:?}") });
    }
    if let Some(n) = s.short {
        return Err(GeometryStructure::ShortPosition { numbers: n });
    }
    if s.mixed_levels || s.position_level.is_some_and(|l| l != depth) || s.closes.iter().any(|(l, _)| *l > depth) {
        return Err(GeometryStructure::WrongNesting { geometry_type: format!("{kind:?}") });
    }
    // An empty array where a position belongs is a position with no numbers.
    if s.empty_levels & (1 << depth) != 0 {
        return Err(GeometryStructure::ShortPosition { numbers: 0 });
    }
    let mut unclosed = false;
    // The lists that closed at `level`, as ranges of positions, and at the level above, as
    // ranges of those lists.
    let ends = |level: u8| s.closes.iter().filter(move |(l, _)| *l == level).map(|(_, end)| *end);
    let ranges = |level: u8| {
        let mut start = 0;
        ends(level).map(move |end| {
            let r = start..end;
            start = end;
            r
        })
    };
    let mut ring = |r: std::ops::Range<usize>| {
        let points = &s.xy[r];
        let mut v = Vec::with_capacity(points.len() + 1);
        v.extend_from_slice(points);
        if v.len() >= 2 && v.first() != v.last() {
            unclosed = true;
            v.push(v[0]);
        }
        LineString(v)
    };
    let polygon = |rings: &mut dyn Iterator<Item = LineString>| {
        let exterior = rings.next().unwrap_or_else(|| LineString(Vec::new()));
        Polygon::new(exterior, rings.collect())
    };
    let geometry = match kind {
        Kind::Point => Geometry::Point(Point(s.xy[0])),
        Kind::MultiPoint => Geometry::MultiPoint(MultiPoint(s.xy.iter().map(|c| Point(*c)).collect())),
        Kind::LineString => Geometry::LineString(LineString(s.xy.clone())),
        Kind::MultiLineString => {
            Geometry::MultiLineString(MultiLineString(ranges(1).map(|r| LineString(s.xy[r].to_vec())).collect()))
        }
        Kind::Polygon => {
            let rings: Vec<LineString> = ranges(1).map(&mut ring).collect();
            Geometry::Polygon(polygon(&mut rings.into_iter()))
        }
        Kind::MultiPolygon => {
            let rings: Vec<LineString> = ranges(2).map(&mut ring).collect();
            // Each polygon's end, counted in rings: the rings closed before it closed.
            let mut polygons = Vec::new();
            let mut rings = rings.into_iter();
            let mut done = 0;
            let mut ring_count = 0;
            for (level, _) in &s.closes {
                match level {
                    2 => ring_count += 1,
                    1 => {
                        let mut own = rings.by_ref().take(ring_count - done);
                        polygons.push(polygon(&mut own));
                        done = ring_count;
                    }
                    _ => {}
                }
            }
            Geometry::MultiPolygon(MultiPolygon(polygons))
        }
        Kind::GeometryCollection => unreachable!("read by collection()"),
    };
    Ok(ReadGeometry { geometry, unclosed })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(json: &str) -> Result<ReadGeometry, String> {
        let mut scratch = Scratch::default();
        let mut de = serde_json::Deserializer::from_str(json);
        GeometrySeed { scratch: &mut scratch }
            .deserialize(&mut de)
            .map_err(|e| e.to_string())?
            .map_err(|e| e.to_string())
    }

    /// What the geojson crate makes of the same text (the reader this one replaced).
    fn by_geojson_crate(json: &str) -> Geometry<f64> {
        let g: geojson::Geometry = serde_json::from_str(json).unwrap();
        g.try_into().unwrap()
    }

    #[test]
    fn every_geometry_type_reads_as_the_geojson_crate_reads_it() {
        for json in [
            r#"{"type":"Point","coordinates":[117.2,39.1]}"#,
            r#"{"coordinates":[117,39,5],"type":"Point"}"#,
            r#"{"type":"MultiPoint","coordinates":[[117,39],[117.5,39.5]]}"#,
            r#"{"type":"LineString","coordinates":[[117,39],[117.5,39.5],[118,39]],"bbox":[117,39,118,39.5]}"#,
            r#"{"type":"MultiLineString","coordinates":[[[117,39],[117.5,39.5]],[[118,39],[118,40],[118.5,40]]]}"#,
            r#"{"type":"Polygon","coordinates":[[[117,39],[118,39],[118,40],[117,39]],[[117.2,39.1],[117.3,39.1],[117.3,39.2],[117.2,39.1]]]}"#,
            r#"{"type":"MultiPolygon","coordinates":[[[[117,39],[118,39],[118,40],[117,39]]],[[[119,39],[120,39],[120,40],[119,39]],[[119.2,39.1],[119.3,39.1],[119.3,39.2],[119.2,39.1]]],[[[121,39],[122,39],[122,40],[121,39]]]]}"#,
            r#"{"type":"GeometryCollection","geometries":[{"type":"Point","coordinates":[1,2]},{"type":"LineString","coordinates":[[1,2],[3,4]]}]}"#,
        ] {
            let ours = read(json).unwrap_or_else(|e| panic!("{json}: {e}"));
            assert_eq!(ours.geometry, by_geojson_crate(json), "{json}");
            assert!(!ours.unclosed, "{json}");
        }
    }

    #[test]
    fn an_unclosed_ring_is_closed_and_said() {
        let g = read(r#"{"type":"Polygon","coordinates":[[[117,39],[118,39],[118,40]]]}"#).unwrap();
        assert!(g.unclosed);
        let Geometry::Polygon(p) = g.geometry else { panic!() };
        assert_eq!(p.exterior().0.len(), 4);
    }

    #[test]
    fn wrong_coordinates_are_named_for_the_feature() {
        let msg = |json: &str| read(json).err().unwrap_or_default();
        assert!(msg(r#"{"type":"Polygon","coordinates":[[[117,39],[117.1,39],[1179.02]]]}"#).contains("1 number"));
        assert!(msg(r#"{"type":"Point","coordinates":[]}"#).contains("0 number"));
        assert!(msg(r#"{"type":"Polygon","coordinates":[[117,39],[118,39]]}"#).contains("not nested as a Polygon"));
        assert!(msg(r#"{"type":"Point","coordinates":[[117,39]]}"#).contains("not nested"));
        assert!(
            msg(r#"{"type":"Circle","coordinates":[117,39]}"#).contains("\"Circle\" is not a GeoJSON geometry type")
        );
        assert!(msg(r#"{"coordinates":[117,39]}"#).contains("no `type`"));
        assert!(msg(r#"{"type":"Point"}"#).contains("no `coordinates`"));
        assert!(msg(r#"{"type":"Point","coordinates":[117,[39]]}"#).contains("mixes numbers and arrays"));
        assert!(msg(r#"{"type":"Point","coordinates":"x"}"#).contains("invalid type"));
        assert!(msg(r#"{"type":"Point","coordinates":[[[[[[1,2]]]]]]}"#).contains("nested deeper"));
        assert!(msg(r#"{"type":"Point","coordinates":5}"#).contains("single number"));
    }

    #[test]
    fn empty_parts_read_as_empty_for_the_validator_to_refuse() {
        let Geometry::Polygon(p) = read(r#"{"type":"Polygon","coordinates":[[]]}"#).unwrap().geometry else { panic!() };
        assert!(p.exterior().0.is_empty());
        let Geometry::MultiPolygon(mp) = read(r#"{"type":"MultiPolygon","coordinates":[]}"#).unwrap().geometry else {
            panic!()
        };
        assert!(mp.0.is_empty());
        let Geometry::MultiPolygon(mp) =
            read(r#"{"type":"MultiPolygon","coordinates":[[],[[[1,1],[2,1],[2,2],[1,1]]]]}"#).unwrap().geometry
        else {
            panic!()
        };
        assert_eq!(mp.0.len(), 2);
        assert!(mp.0[0].exterior().0.is_empty());
        assert_eq!(mp.0[1].exterior().0.len(), 4);
    }
}
