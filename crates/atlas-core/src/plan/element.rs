//! A plan element as authored in `data/plan/elements/*.toml`: what the plan names, where, and in
//! whose words. See `data/plan/README.md` for the authoring guide.

use serde::{Deserialize, Serialize};

/// How much a location can be trusted. Shown to the user on every element.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "lowercase")]
pub enum LocationBasis {
    /// An administrative polygon the plan names (a district, a group of districts).
    Boundary,
    /// A known site, placed to about 1 km.
    Site,
    /// A symbol at the host area the plan names; the plan gives no site.
    Schematic,
}

impl LocationBasis {
    pub fn as_str(self) -> &'static str {
        match self {
            LocationBasis::Boundary => "boundary",
            LocationBasis::Site => "site",
            LocationBasis::Schematic => "schematic",
        }
    }

    pub fn parse(text: &str) -> Option<LocationBasis> {
        match text {
            "boundary" => Some(LocationBasis::Boundary),
            "site" => Some(LocationBasis::Site),
            "schematic" => Some(LocationBasis::Schematic),
            _ => None,
        }
    }

    /// The label a planning map prints beside such a location.
    pub fn label_zh(self) -> &'static str {
        match self {
            LocationBasis::Boundary => "行政边界",
            LocationBasis::Site => "已知地点(约±1公里)",
            LocationBasis::Schematic => "示意位置",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            LocationBasis::Boundary => "administrative boundary",
            LocationBasis::Site => "known site (about ±1 km)",
            LocationBasis::Schematic => "schematic location",
        }
    }
}

/// Shapes the core computes from district polygons instead of storing them.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Derivation {
    /// 津城: the central city (see `derive::twin_cities`).
    Jincheng,
    /// 滨城: 滨海新区.
    Bincheng,
    /// The 中关村—滨海 innovation corridor (see `derive::corridor`).
    Corridor,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LocationSpec {
    pub basis: LocationBasis,
    /// [lon, lat] in WGS84, for site and schematic.
    pub point: Option<[f64; 2]>,
    /// Union of these districts' polygons (basis boundary).
    pub districts: Option<Vec<String>>,
    pub derive: Option<Derivation>,
    /// Where the location came from, in plain words.
    pub source: String,
    pub uncertainty_km: Option<f64>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuoteSpec {
    /// Verbatim text from a seed.
    pub text: String,
    /// "000" or "002"; found automatically when absent.
    pub seed: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ElementSpec {
    pub id: String,
    pub name_zh: String,
    pub name_en: String,
    pub category: String,
    pub districts: Vec<String>,
    pub host: Option<String>,
    pub host_text: Option<String>,
    #[serde(default)]
    pub anchors: Vec<String>,
    #[serde(default)]
    pub focus: Vec<String>,
    #[serde(default)]
    pub themes: Vec<String>,
    pub note: Option<String>,
    pub location: LocationSpec,
    #[serde(default, rename = "quote")]
    pub quotes: Vec<QuoteSpec>,
}
