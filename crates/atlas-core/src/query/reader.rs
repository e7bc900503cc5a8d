//! The plan reader: the text by chapter, each paragraph with the elements it mentions, so the
//! reader links to the map and the map's quotes link back to their paragraph.

use serde::{Deserialize, Serialize};

use crate::error::{AtlasError, Result};
use crate::plan::text::{ParagraphKind, SectionHead, Seed};
use crate::sql_rows;
use crate::store::Atlas;

/// A section as the reader lists it: its head and how deep it sits.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct SectionHeader {
    #[serde(flatten)]
    pub head: SectionHead,
    /// 0 for chapters and front matter, 1 for sections, 2 for subsections and boxes (worked out
    /// from the parents after the rows are read).
    #[serde(default)]
    pub depth: usize,
}

impl std::ops::Deref for SectionHeader {
    type Target = SectionHead;
    fn deref(&self) -> &SectionHead {
        &self.head
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ReaderParagraph {
    pub ord: i64,
    pub kind: ParagraphKind,
    pub seed: Seed,
    pub text: String,
    /// Whose words: "plan" (000), "box" (a box's content via 002), "news" (002's summary of an
    /// elided subsection, not the plan's own text) or "digest" (the news summary's introduction).
    pub text_kind: String,
    /// Ids of elements this paragraph names or quotes (a space-separated list in the row).
    #[serde(deserialize_with = "space_separated")]
    pub mentions: Vec<String>,
}

/// `group_concat(…, ' ')` of ids, NULL when there are none.
fn space_separated<'de, D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Vec<String>, D::Error> {
    let text = Option::<String>::deserialize(d)?;
    Ok(text.map(|t| t.split(' ').map(str::to_owned).collect()).unwrap_or_default())
}

/// A paragraph row with the section it belongs to.
#[derive(Deserialize)]
struct ParagraphRow {
    section_id: String,
    #[serde(flatten)]
    paragraph: ReaderParagraph,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ReaderSection {
    pub header: SectionHeader,
    pub paragraphs: Vec<ReaderParagraph>,
}

impl Atlas {
    /// Every section heading in reading order.
    pub fn plan_outline(&self) -> Result<Vec<SectionHeader>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, parent, kind, title_zh, title_en, seed, elided_in_plan, note_zh, note_en FROM plan_sections ORDER BY ord",
        )?;
        let mut headers: Vec<SectionHeader> = sql_rows::all(&mut stmt, [])?;
        let parents: Vec<(String, Option<String>)> = headers.iter().map(|h| (h.id.clone(), h.parent.clone())).collect();
        for h in &mut headers {
            let mut depth = 0;
            let mut p = h.parent.clone();
            while let Some(id) = p {
                depth += 1;
                p = parents.iter().find(|(i, _)| *i == id).and_then(|(_, pp)| pp.clone());
            }
            h.depth = depth;
        }
        Ok(headers)
    }

    /// The whole plan text, section by section, with mentions.
    pub fn plan_text(&self) -> Result<Vec<ReaderSection>> {
        let outline = self.plan_outline()?;
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT p.section_id, p.ord, p.kind, p.seed, p.text,
                    (SELECT group_concat(m.element_id, ' ') FROM plan_mentions m WHERE m.paragraph_fid = p.fid) AS mentions,
                    {} AS text_kind
             FROM plan_paragraphs p JOIN plan_sections s ON s.id = p.section_id ORDER BY p.fid",
            crate::query::search::TEXT_KIND_SQL
        ))?;
        let mut by_section: std::collections::HashMap<String, Vec<ReaderParagraph>> = Default::default();
        for row in sql_rows::all::<ParagraphRow>(&mut stmt, [])? {
            by_section.entry(row.section_id).or_default().push(row.paragraph);
        }
        Ok(outline
            .into_iter()
            .map(|header| {
                let paragraphs = by_section.remove(&header.id).unwrap_or_default();
                ReaderSection { header, paragraphs }
            })
            .collect())
    }

    /// One section with its paragraphs.
    pub fn plan_section(&self, id: &str) -> Result<ReaderSection> {
        self.plan_text()?
            .into_iter()
            .find(|s| s.header.id == id)
            .ok_or_else(|| AtlasError::Invalid(format!("no plan section {id:?}; `atlas text` lists the sections")))
    }
}
