//! The plan text, cut into sections and paragraphs for the reader, search and quote lookup.
//!
//! Seed 000 is cut by its own headings (第X章, 一、, (一)). Seed 002 supplies the boxes 专栏1–3
//! and the subsections 000 elides with "(略)", as `data/plan/text.toml` lays out. Paragraph text
//! is the seed's line with surrounding whitespace trimmed and nothing else changed, so a quote
//! that is a substring of a paragraph is a substring of the seed.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{AtlasError, Result};

/// Which source text a section comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub enum Seed {
    /// 000: the plan, excerpted by its publisher.
    #[serde(rename = "000")]
    Plan,
    /// 002: a news summary carrying the plan's boxes.
    #[serde(rename = "002")]
    NewsSummary,
}

impl Seed {
    pub fn code(self) -> &'static str {
        match self {
            Seed::Plan => "000",
            Seed::NewsSummary => "002",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum SectionKind {
    /// The issuing notice before the plan.
    Notice,
    /// The plan's preamble before chapter 1.
    Preface,
    Chapter,
    Section,
    Subsection,
    /// A box (专栏) whose content comes from seed 002.
    Box,
    /// The news summary's own introduction.
    Digest,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ParagraphKind {
    Body,
    /// A short heading line inside a box or supplement (e.g. 中国信创谷).
    Heading,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Paragraph {
    pub kind: ParagraphKind,
    pub text: String,
    /// Which seed this paragraph's words come from (a section of 000 may carry 002 supplements).
    pub seed: Seed,
}

/// A section's heading and what is said about it: what the reader lists (with its depth) and
/// what a section of text carries above its paragraphs.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct SectionHead {
    /// Stable id: "c6" chapter, "c6.2" section, "c6.2.1" subsection, "box3", "preface", "notice", "digest".
    pub id: String,
    pub parent: Option<String>,
    pub kind: SectionKind,
    /// The heading as the text has it, e.g. "第六章 强化以京津冀为引领的开放协同创新".
    pub title_zh: String,
    pub title_en: Option<String>,
    pub seed: Seed,
    /// True where 000 marks the subsection "(略)" (elided by the publisher).
    #[serde(deserialize_with = "crate::sql_rows::bool_or_int")]
    pub elided_in_plan: bool,
    /// What the reader says about the section's text (e.g. that it is partial), from text.toml.
    pub note_zh: Option<String>,
    pub note_en: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Section {
    #[serde(flatten)]
    pub head: SectionHead,
    pub paragraphs: Vec<Paragraph>,
}

/// A section reads as its head (`section.id`, `section.kind` …).
impl std::ops::Deref for Section {
    type Target = SectionHead;
    fn deref(&self) -> &SectionHead {
        &self.head
    }
}

impl std::ops::DerefMut for Section {
    fn deref_mut(&mut self) -> &mut SectionHead {
        &mut self.head
    }
}

/// The whole plan text in reading order.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct PlanText {
    pub sections: Vec<Section>,
}

/// Where a quote was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuoteLocation {
    pub section_id: String,
    /// The paragraph holding the quote; `None` when the quote is the section's heading itself.
    pub paragraph_index: Option<usize>,
    pub seed: Seed,
}

#[derive(Debug, Deserialize)]
struct TextLayout {
    block: Vec<BlockSpec>,
    #[serde(default)]
    chapter_titles_en: BTreeMap<String, String>,
    #[serde(default)]
    section_note: Vec<SectionNote>,
}

/// A note the reader shows at the head of a section (text.toml `[[section_note]]`).
#[derive(Debug, Deserialize)]
struct SectionNote {
    id: String,
    zh: String,
    en: String,
}

#[derive(Debug, Deserialize)]
struct BlockSpec {
    id: String,
    title_zh: Option<String>,
    title_en: Option<String>,
    attach_to: BlockAttachment,
    start: String,
    end: String,
}

#[derive(Debug, Deserialize, PartialEq, Eq, Clone, Copy)]
#[serde(rename_all = "snake_case")]
enum BlockAttachment {
    Front,
    Elided,
    Box,
}

const CHINESE_NUMERALS: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

fn numeral_value(text: &str) -> Option<usize> {
    CHINESE_NUMERALS.iter().position(|n| *n == text).map(|i| i + 1)
}

/// "第六章 强化…" → (6, whole line)
fn chapter_heading(line: &str) -> Option<usize> {
    let rest = line.strip_prefix('第')?;
    let (numeral, _) = rest.split_once('章')?;
    numeral_value(numeral)
}

/// "二、打造创新空间新格局" → 2
fn section_heading(line: &str) -> Option<usize> {
    let (numeral, _) = line.split_once('、')?;
    numeral_value(numeral)
}

/// "(二)打造科技创新聚集区" → 2
fn subsection_heading(line: &str) -> Option<usize> {
    let rest = line.strip_prefix('(')?;
    let (numeral, _) = rest.split_once(')')?;
    numeral_value(numeral)
}

/// Lines that are the publisher's web page chrome, not the document.
fn is_page_chrome(line: &str) -> bool {
    line.starts_with('•')
        || line.contains("JavaScript")
        || line.contains("Air Conditioning")
        || line.starts_with("联系热线")
}

/// The seeds end where the publisher's page was cut; a trailing replacement character is the cut.
fn strip_truncation(line: &str) -> &str {
    line.trim_end_matches('\u{FFFD}')
}

impl PlanText {
    /// Cuts the two seeds as `layout_path` (data/plan/text.toml) says.
    pub fn parse(plan_seed: &str, news_seed: &str, layout_path: &Path) -> Result<PlanText> {
        let layout_text = std::fs::read_to_string(layout_path)
            .map_err(|source| AtlasError::Read { path: layout_path.into(), source })?;
        let layout: TextLayout =
            toml::from_str(&layout_text).map_err(|e| AtlasError::data(layout_path, e.to_string()))?;
        let mut text = parse_plan_seed(plan_seed, &layout.chapter_titles_en);
        let blocks = cut_news_seed(news_seed, &layout.block).map_err(|m| AtlasError::data(layout_path, m))?;
        for (spec, paragraphs) in layout.block.iter().zip(blocks) {
            match spec.attach_to {
                BlockAttachment::Elided => {
                    let section = text.sections.iter_mut().find(|s| s.id == spec.id).ok_or_else(|| {
                        AtlasError::data(layout_path, format!("block {}: no such section in seed 000", spec.id))
                    })?;
                    if !section.elided_in_plan {
                        return Err(AtlasError::data(
                            layout_path,
                            format!("block {}: section is not marked (略) in 000", spec.id),
                        ));
                    }
                    section.paragraphs.extend(paragraphs);
                }
                BlockAttachment::Box | BlockAttachment::Front => {
                    let title_zh = spec.title_zh.clone().unwrap_or_else(|| spec.id.clone());
                    // A box belongs to the section whose text says "专栏N".
                    let parent = if spec.attach_to == BlockAttachment::Box {
                        let marker = title_zh.split_whitespace().next().unwrap_or_default().to_owned();
                        text.sections
                            .iter()
                            .find(|s| s.seed == Seed::Plan && s.paragraphs.iter().any(|p| p.text.starts_with(&marker)))
                            .map(|s| s.id.clone())
                    } else {
                        None
                    };
                    let head = SectionHead {
                        id: spec.id.clone(),
                        parent: parent.clone(),
                        kind: if spec.attach_to == BlockAttachment::Box {
                            SectionKind::Box
                        } else {
                            SectionKind::Digest
                        },
                        title_zh,
                        title_en: spec.title_en.clone(),
                        seed: Seed::NewsSummary,
                        elided_in_plan: false,
                        note_zh: None,
                        note_en: None,
                    };
                    let section = Section { head, paragraphs };
                    // Boxes go right after their parent's subtree, in reading order; the digest goes last.
                    let at = match &parent {
                        Some(p) => text.end_of_subtree(p),
                        None => text.sections.len(),
                    };
                    text.sections.insert(at, section);
                }
            }
        }
        for note in &layout.section_note {
            let section =
                text.sections.iter_mut().find(|s| s.id == note.id).ok_or_else(|| {
                    AtlasError::data(layout_path, format!("section_note {}: no such section", note.id))
                })?;
            section.note_zh = Some(note.zh.clone());
            section.note_en = Some(note.en.clone());
        }
        Ok(text)
    }

    /// Index just past the last descendant of `id`.
    fn end_of_subtree(&self, id: &str) -> usize {
        let start = self.sections.iter().position(|s| s.id == id).unwrap_or(self.sections.len());
        let mut end = start + 1;
        while end < self.sections.len() && self.is_descendant(&self.sections[end].id, id) {
            end += 1;
        }
        end
    }

    fn is_descendant(&self, id: &str, ancestor: &str) -> bool {
        let mut current = self.section(id).and_then(|s| s.parent.clone());
        while let Some(p) = current {
            if p == ancestor {
                return true;
            }
            current = self.section(&p).and_then(|s| s.parent.clone());
        }
        false
    }

    pub fn section(&self, id: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.id == id)
    }

    /// Finds where `quote` appears: the plan's own sections first, then boxes and supplements,
    /// then the news digest, then section headings. `None` means the quote is not verbatim in
    /// any one paragraph or heading.
    pub fn locate(&self, quote: &str) -> Option<QuoteLocation> {
        let rank = |s: &Section, p: &Paragraph| match (s.kind, p.seed) {
            (SectionKind::Digest, _) => 2,
            (_, Seed::Plan) => 0,
            (_, Seed::NewsSummary) => 1,
        };
        self.sections
            .iter()
            .flat_map(|s| s.paragraphs.iter().enumerate().map(move |(i, p)| (s, i, p)))
            .filter(|(_, _, p)| p.text.contains(quote))
            .min_by_key(|(s, _, p)| rank(s, p))
            .map(|(s, i, p)| QuoteLocation { section_id: s.id.clone(), paragraph_index: Some(i), seed: p.seed })
            .or_else(|| {
                self.sections.iter().find(|s| s.title_zh.contains(quote)).map(|s| QuoteLocation {
                    section_id: s.id.clone(),
                    paragraph_index: None,
                    seed: s.seed,
                })
            })
    }

    /// What kind of text a located quote is: the plan's own words (000), a box's content (002,
    /// inside 专栏1–3), or the news summary's rendering of an elided subsection (002). `None` for
    /// the news summary's own introduction (the digest): the journalist's sentences are not the
    /// plan's and are never quoted as such.
    pub fn quote_kind(&self, loc: &QuoteLocation) -> Option<crate::plan::QuoteKind> {
        use crate::plan::QuoteKind;
        if loc.seed == Seed::Plan {
            return Some(QuoteKind::Plan);
        }
        let mut section = self.section(&loc.section_id);
        while let Some(s) = section {
            match s.kind {
                SectionKind::Box => return Some(QuoteKind::Box),
                SectionKind::Digest => return None,
                _ => section = s.parent.as_deref().and_then(|p| self.section(p)),
            }
        }
        Some(QuoteKind::News)
    }

    /// Chapter → section → subsection path of a section, for display ("第六章 … › 二、… › (二)…").
    pub fn breadcrumb(&self, id: &str) -> Vec<&Section> {
        let mut path = Vec::new();
        let mut current = self.section(id);
        while let Some(s) = current {
            path.push(s);
            current = s.parent.as_deref().and_then(|p| self.section(p));
        }
        path.reverse();
        path
    }
}

fn parse_plan_seed(seed: &str, chapter_titles_en: &BTreeMap<String, String>) -> PlanText {
    let mut sections: Vec<Section> = Vec::new();
    let (mut chapter, mut section) = (0usize, 0usize);
    let new_section = |id: String, parent: Option<String>, kind, title: &str| Section {
        head: SectionHead {
            id,
            parent,
            kind,
            title_zh: title.to_owned(),
            title_en: None,
            seed: Seed::Plan,
            elided_in_plan: title.ends_with("(略)"),
            note_zh: None,
            note_en: None,
        },
        paragraphs: Vec::new(),
    };
    let mut started = false;
    for raw in seed.lines() {
        let line = strip_truncation(raw.trim());
        if line.is_empty() || is_page_chrome(line) {
            continue;
        }
        if !started {
            // Everything before the notice's title is the publisher's page header.
            if line.starts_with("关于印发") {
                started = true;
                sections.push(new_section("notice".into(), None, SectionKind::Notice, line));
            }
            continue;
        }
        if line.contains("规划(节选)") && sections.last().map(|s| s.kind) == Some(SectionKind::Notice) {
            sections.push(new_section("preface".into(), None, SectionKind::Preface, line));
            continue;
        }
        if let Some(n) = chapter_heading(line) {
            chapter = n;
            section = 0;
            let mut s = new_section(format!("c{n}"), None, SectionKind::Chapter, line);
            s.title_en = chapter_titles_en.get(&s.id).cloned();
            sections.push(s);
            continue;
        }
        if chapter > 0 {
            if let Some(n) = section_heading(line) {
                section = n;
                sections.push(new_section(
                    format!("c{chapter}.{n}"),
                    Some(format!("c{chapter}")),
                    SectionKind::Section,
                    line,
                ));
                continue;
            }
            if let Some(n) = subsection_heading(line) {
                // Subsection lines are headings when short; a few carry their title only.
                let parent = if section > 0 { format!("c{chapter}.{section}") } else { format!("c{chapter}") };
                sections.push(new_section(format!("{parent}.{n}"), Some(parent), SectionKind::Subsection, line));
                continue;
            }
        }
        if let Some(current) = sections.last_mut() {
            current.paragraphs.push(Paragraph { kind: ParagraphKind::Body, text: line.to_owned(), seed: Seed::Plan });
        }
    }
    PlanText { sections }
}

/// Cuts seed 002 into the blocks `specs` name, in order; each block's lines become paragraphs.
fn cut_news_seed(seed: &str, specs: &[BlockSpec]) -> Result<Vec<Vec<Paragraph>>, String> {
    let lines: Vec<&str> = seed.lines().map(|l| l.trim()).filter(|l| !l.is_empty()).collect();
    let find = |needle: &str, from: usize| -> Option<usize> {
        if needle.is_empty() {
            return Some(0);
        }
        lines.iter().skip(from).position(|l| *l == needle).map(|p| p + from)
    };
    let mut blocks = Vec::new();
    let mut cursor = 0;
    for spec in specs {
        let start = find(&spec.start, cursor)
            .ok_or_else(|| format!("block {}: start line {:?} not found in 002", spec.id, spec.start))?;
        let end = find(&spec.end, start + 1)
            .ok_or_else(|| format!("block {}: end line {:?} not found in 002", spec.id, spec.end))?;
        // A block's first line is its own title when it is the box heading or the elided section's
        // name; keep it out of the paragraphs so the title is not shown twice.
        let first = if spec.start.is_empty() { start } else { start + 1 };
        let paragraphs = lines[first..end]
            .iter()
            .map(|l| Paragraph {
                kind: if is_heading_line(l) { ParagraphKind::Heading } else { ParagraphKind::Body },
                text: (*l).to_owned(),
                seed: Seed::NewsSummary,
            })
            .collect();
        blocks.push(paragraphs);
        cursor = end;
    }
    Ok(blocks)
}

/// 002's sub-headings are short lines without sentence punctuation.
fn is_heading_line(line: &str) -> bool {
    line.chars().count() <= 24 && !line.contains('。') && !line.contains(',')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn data_dir() -> std::path::PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/plan")
    }

    fn load() -> PlanText {
        let dir = data_dir();
        let plan = std::fs::read_to_string(dir.join("seeds/000.txt")).unwrap();
        let news = std::fs::read_to_string(dir.join("seeds/002.txt")).unwrap();
        PlanText::parse(&plan, &news, &dir.join("text.toml")).unwrap()
    }

    #[test]
    fn all_eight_chapters_are_found_in_order() {
        let text = load();
        let chapters: Vec<&str> =
            text.sections.iter().filter(|s| s.kind == SectionKind::Chapter).map(|s| s.id.as_str()).collect();
        assert_eq!(chapters, ["c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8"]);
        assert!(text.section("c6").unwrap().title_zh.contains("京津冀"));
    }

    #[test]
    fn sections_and_subsections_nest() {
        let text = load();
        let s = text.section("c6.2.2").expect("第六章 二、(二)");
        assert_eq!(s.title_zh, "(二)打造科技创新聚集区");
        assert_eq!(s.parent.as_deref(), Some("c6.2"));
        let crumbs: Vec<&str> = text.breadcrumb("c6.2.2").iter().map(|s| s.id.as_str()).collect();
        assert_eq!(crumbs, ["c6", "c6.2", "c6.2.2"]);
    }

    #[test]
    fn boxes_come_from_002_and_sit_under_the_section_that_cites_them() {
        let text = load();
        let box3 = text.section("box3").unwrap();
        assert_eq!(box3.parent.as_deref(), Some("c6.2.1"));
        let headings: Vec<&str> =
            box3.paragraphs.iter().filter(|p| p.kind == ParagraphKind::Heading).map(|p| p.text.as_str()).collect();
        assert_eq!(headings.len(), 10, "ten landmark zones: {headings:?}");
        assert_eq!(headings[0], "中国信创谷");
        assert_eq!(text.section("box1").unwrap().parent.as_deref(), Some("c3.1.2"));
        assert_eq!(text.section("box2").unwrap().parent.as_deref(), Some("c6.1.3"));
    }

    #[test]
    fn elided_subsections_are_filled_from_002() {
        let text = load();
        let aero = text.section("c2.2.7").unwrap();
        assert!(aero.elided_in_plan);
        assert!(aero.paragraphs.iter().any(|p| p.text.contains("无人机") && p.seed == Seed::NewsSummary));
        // Agriculture stays elided: 002 has nothing for it.
        assert!(text.section("c2.3.1").unwrap().paragraphs.is_empty());
    }

    #[test]
    fn every_paragraph_is_verbatim_in_its_seed() {
        let dir = data_dir();
        let plan = std::fs::read_to_string(dir.join("seeds/000.txt")).unwrap();
        let news = std::fs::read_to_string(dir.join("seeds/002.txt")).unwrap();
        for s in &load().sections {
            for p in &s.paragraphs {
                let seed = if p.seed == Seed::Plan { &plan } else { &news };
                assert!(seed.contains(&p.text), "{}: {:?}", s.id, p.text);
            }
        }
    }

    #[test]
    fn quotes_resolve_to_the_plan_before_the_summary() {
        let text = load();
        // This sentence is in both seeds; the plan's own section wins.
        let loc = text.locate("支持东丽、津南、北辰、静海等区打造京津微创新中心").unwrap();
        assert_eq!((loc.section_id.as_str(), loc.seed), ("c6.1.3", Seed::Plan));
        let loc = text.locate("打造“中国信创谷”产业品牌").unwrap();
        assert_eq!(loc.section_id, "box3");
        assert!(text.locate("这句话不在规划里").is_none());
    }

    #[test]
    fn page_chrome_and_truncation_marks_are_dropped() {
        let text = load();
        let all: String = text.sections.iter().flat_map(|s| s.paragraphs.iter().map(|p| p.text.as_str())).collect();
        assert!(!all.contains("JavaScript"));
        assert!(!all.contains('\u{FFFD}'));
    }
}
