//! A plan element as authored in `data/plan/elements/*.toml`: what the plan names, where, and in
//! whose words. See `data/plan/README.md` for the authoring guide.

use serde::{Deserialize, Serialize};

/// How much a location can be trusted. Shown to the user on every element.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum LocationBasis {
    /// An administrative polygon the plan names (a district, a group of districts).
    Boundary,
    /// A known site, placed to about 1 km.
    Site,
    /// A symbol at the host area the plan names; the plan gives no site.
    Schematic,
    /// Neither the plan nor a public source the team can name places it. Its point is a slot in
    /// the map's margin (the sea east of the coast), outside every district, and it is listed
    /// under 全市 / 未定位; it is never drawn or counted inside a district.
    Unlocated,
}

impl LocationBasis {
    pub fn as_str(self) -> &'static str {
        match self {
            LocationBasis::Boundary => "boundary",
            LocationBasis::Site => "site",
            LocationBasis::Schematic => "schematic",
            LocationBasis::Unlocated => "unlocated",
        }
    }

    pub fn parse(text: &str) -> Option<LocationBasis> {
        match text {
            "boundary" => Some(LocationBasis::Boundary),
            "site" => Some(LocationBasis::Site),
            "schematic" => Some(LocationBasis::Schematic),
            "unlocated" => Some(LocationBasis::Unlocated),
            _ => None,
        }
    }

    /// The label a planning map prints beside such a location.
    pub fn label_zh(self) -> &'static str {
        match self {
            LocationBasis::Boundary => "行政边界",
            LocationBasis::Site => "已知地点(据公开资料)",
            LocationBasis::Schematic => "示意位置",
            LocationBasis::Unlocated => "全市 / 未定位",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            LocationBasis::Boundary => "administrative boundary",
            LocationBasis::Site => "known site (from a public source)",
            LocationBasis::Schematic => "schematic location",
            LocationBasis::Unlocated => "city-wide / not located",
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
    /// For a site: the public source that places it, named so a reader can look it up
    /// (e.g. "天津大学官网 校区地址 (雅观路135号)"). The plan itself never gives a site.
    pub source_name: Option<String>,
    pub uncertainty_km: Option<f64>,
}

/// Whether an element's Chinese name is the plan's own words or a label the atlas team wrote.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum NameKind {
    /// The name appears verbatim in a seed.
    #[default]
    Plan,
    /// A descriptive name of ours (shown as 〔示意名称〕 / "descriptive name").
    Label,
}

impl NameKind {
    pub fn as_str(self) -> &'static str {
        match self {
            NameKind::Plan => "plan",
            NameKind::Label => "label",
        }
    }
}

/// What kind of text a quote is, which decides how it is labelled everywhere it is shown.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// The plan's own text (seed 000).
    Plan,
    /// The content of a box 专栏1–3, carried by the news summary (seed 002).
    Box,
    /// The news summary's rendering of a subsection the excerpt elides (seed 002): the
    /// journalist's summary of plan text, not the plan's own words.
    News,
}

impl QuoteKind {
    pub fn as_str(self) -> &'static str {
        match self {
            QuoteKind::Plan => "plan",
            QuoteKind::Box => "box",
            QuoteKind::News => "news",
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuoteSpec {
    /// Verbatim text from a seed.
    pub text: String,
    /// "000" or "002": the seed the quote is read from (checked).
    pub seed: Option<String>,
    /// plan / box / news (checked against where the text is found).
    pub kind: Option<QuoteKind>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ElementSpec {
    pub id: String,
    pub name_zh: String,
    pub name_en: String,
    /// Is `name_zh` the plan's own name or our label? (checked: a plan name is verbatim in a seed)
    #[serde(default)]
    pub name_kind: NameKind,
    /// A later official name from public sources (e.g. a Haihe Laboratory as launched), shown
    /// as a later name, never as the plan's.
    pub later_name_zh: Option<String>,
    pub later_name_en: Option<String>,
    pub category: String,
    pub districts: Vec<String>,
    /// The first host the plan names (an element id).
    pub host: Option<String>,
    /// Further hosts the plan names for the same element (element ids), e.g. 细胞谷's 滨海高新区.
    #[serde(default)]
    pub other_hosts: Vec<String>,
    pub host_text: Option<String>,
    /// English for `host_text`.
    pub host_en: Option<String>,
    /// Institutions (element ids) the plan says this element relies on (依托, 技术依托, 围绕) or
    /// works with; the reverse link is computed.
    #[serde(default)]
    pub relies_on: Vec<String>,
    #[serde(default)]
    pub anchors: Vec<String>,
    /// English for `anchors`, same order.
    #[serde(default)]
    pub anchors_en: Vec<String>,
    #[serde(default)]
    pub focus: Vec<String>,
    #[serde(default)]
    pub themes: Vec<String>,
    pub note: Option<String>,
    pub location: LocationSpec,
    #[serde(default, rename = "quote")]
    pub quotes: Vec<QuoteSpec>,
}
