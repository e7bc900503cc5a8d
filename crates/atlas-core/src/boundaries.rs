//! Administrative boundaries as the atlas uses them: WGS84 multipolygons with adcode, names and
//! level, read from the derived GeoJSON files in `data/boundaries` (derived by `crates/atlas-dev/src/boundary_derivation.rs`).

use std::path::Path;

use geo::MultiPolygon;
use geojson::{Feature, FeatureCollection, GeoJson};
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::error::{AtlasError, Result};

/// The administrative level of a boundary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Province,
    City,
    District,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Province => "province",
            Level::City => "city",
            Level::District => "district",
        }
    }
}

/// One administrative unit.
#[derive(Debug, Clone)]
pub struct Boundary {
    /// Six-digit administrative division code, e.g. "120116" for 滨海新区.
    pub adcode: String,
    pub name_zh: String,
    pub name_en: String,
    pub level: Level,
    /// Adcode of the unit this one belongs to ("120000" for a Tianjin district).
    pub parent: String,
    pub geometry: MultiPolygon<f64>,
}

impl Boundary {
    /// Tianjin's districts have adcodes 1201xx.
    pub fn is_tianjin_district(&self) -> bool {
        self.level == Level::District && self.adcode.starts_with("1201")
    }

    pub fn to_feature(&self) -> Feature {
        let properties = json!({
            "adcode": self.adcode,
            "name_zh": self.name_zh,
            "name_en": self.name_en,
            "level": self.level.as_str(),
            "parent": self.parent,
        });
        Feature {
            bbox: None,
            geometry: Some(geojson::Geometry::new((&self.geometry).into())),
            id: None,
            properties: properties.as_object().cloned(),
            foreign_members: None,
        }
    }

    fn from_feature(path: &Path, index: usize, feature: &Feature) -> Result<Boundary> {
        let field = |name: &str| -> Result<String> {
            feature.property(name).and_then(|v| v.as_str()).map(str::to_owned).ok_or_else(|| {
                AtlasError::data(path, format!("feature {index}: property `{name}` is missing or not a string"))
            })
        };
        let level = match field("level")?.as_str() {
            "province" => Level::Province,
            "city" => Level::City,
            "district" => Level::District,
            other => return Err(AtlasError::data(path, format!("feature {index}: unknown level {other:?}"))),
        };
        let geometry =
            feature.geometry.as_ref().ok_or_else(|| AtlasError::data(path, format!("feature {index}: no geometry")))?;
        let geometry: geo::Geometry<f64> =
            geometry.try_into().map_err(|e| AtlasError::data(path, format!("feature {index}: geometry: {e}")))?;
        let geometry = match geometry {
            geo::Geometry::MultiPolygon(mp) => mp,
            geo::Geometry::Polygon(p) => MultiPolygon::new(vec![p]),
            _ => return Err(AtlasError::data(path, format!("feature {index}: geometry must be a (Multi)Polygon"))),
        };
        Ok(Boundary {
            adcode: field("adcode")?,
            name_zh: field("name_zh")?,
            name_en: field("name_en")?,
            level,
            parent: field("parent")?,
            geometry,
        })
    }
}

/// Reads a FeatureCollection of boundaries written by [`write_boundaries`].
pub fn read_boundaries(path: &Path) -> Result<Vec<Boundary>> {
    let text = std::fs::read_to_string(path).map_err(|source| AtlasError::Read { path: path.into(), source })?;
    let geojson: GeoJson = text.parse().map_err(|e| AtlasError::data(path, format!("not valid GeoJSON: {e}")))?;
    let GeoJson::FeatureCollection(collection) = geojson else {
        return Err(AtlasError::data(path, "expected a FeatureCollection"));
    };
    collection.features.iter().enumerate().map(|(i, f)| Boundary::from_feature(path, i, f)).collect()
}

/// Writes boundaries as an RFC 7946 FeatureCollection, one feature per line so diffs stay readable.
pub fn write_boundaries(path: &Path, boundaries: &[Boundary]) -> Result<()> {
    let mut out = String::from("{\"type\":\"FeatureCollection\",\"features\":[\n");
    for (i, b) in boundaries.iter().enumerate() {
        if i > 0 {
            out.push_str(",\n");
        }
        out.push_str(&serde_json::to_string(&b.to_feature()).expect("a feature always serialises"));
    }
    out.push_str("\n]}\n");
    // Parse our own output once: a malformed file must never reach data/.
    let _: FeatureCollection = out
        .parse::<GeoJson>()
        .ok()
        .and_then(|g| g.try_into().ok())
        .ok_or_else(|| AtlasError::data(path, "internal error: produced invalid GeoJSON"))?;
    std::fs::write(path, out).map_err(|source| AtlasError::Write { path: path.into(), source })
}

/// The boundary files the atlas reads, all under `data/boundaries`.
#[derive(Debug, Clone)]
pub struct BoundarySet {
    /// Tianjin's 16 districts at full resolution: the reference for every spatial query.
    pub tianjin_districts: Vec<Boundary>,
    /// The same 16, simplified for drawing.
    pub tianjin_districts_display: Vec<Boundary>,
    /// Beijing's districts and the nearby Hebei counties, simplified, for context.
    pub context: Vec<Boundary>,
    /// Provinces and prefectures around Tianjin as outlines, simplified.
    pub outlines: Vec<Boundary>,
}

pub const TIANJIN_DISTRICTS_FILE: &str = "tianjin-districts.geojson";
pub const TIANJIN_DISTRICTS_DISPLAY_FILE: &str = "tianjin-districts-display.geojson";
pub const CONTEXT_FILE: &str = "context.geojson";
pub const OUTLINES_FILE: &str = "outlines.geojson";

impl BoundarySet {
    pub fn read(dir: &Path) -> Result<BoundarySet> {
        Ok(BoundarySet {
            tianjin_districts: read_boundaries(&dir.join(TIANJIN_DISTRICTS_FILE))?,
            tianjin_districts_display: read_boundaries(&dir.join(TIANJIN_DISTRICTS_DISPLAY_FILE))?,
            context: read_boundaries(&dir.join(CONTEXT_FILE))?,
            outlines: read_boundaries(&dir.join(OUTLINES_FILE))?,
        })
    }

    /// Finds a boundary by adcode among the full-resolution Tianjin districts, then context, then outlines.
    pub fn by_adcode(&self, adcode: &str) -> Option<&Boundary> {
        self.tianjin_districts.iter().chain(&self.context).chain(&self.outlines).find(|b| b.adcode == adcode)
    }
}
