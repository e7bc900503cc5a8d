//! One search over element names (Chinese and English), themes and the plan text.
//!
//! Names are ranked by how well they match (exact, prefix, substring, in the English name,
//! in hosts/anchors/focus). Paragraphs come from the FTS5 trigram index, ranked by bm25, when
//! the query has three or more characters; trigram cannot index shorter strings, so one- and
//! two-character queries (信创, 氢能) fall back to LIKE over the same table, ranked by how often
//! the words occur. Both are exact substring matches, so the fallback loses nothing.
//!
//! Districts, categories (the map's layers), tours and the user's own layers and features are
//! found by name too, so that 津南区 or "Jinnan" opens the district's panel.

use serde::Serialize;

use crate::error::Result;
use crate::store::atlas::ElementSummary;
use crate::store::Atlas;

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ElementHit {
    pub element: ElementSummary,
    pub score: u32,
    /// Which field matched: name_zh, name_en, details.
    pub matched: String,
    /// "plan" or "label" (our descriptive name, shown as 〔示意名称〕).
    pub name_kind: String,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ThemeHit {
    pub id: String,
    pub name_zh: String,
    pub name_en: String,
    pub score: u32,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ParagraphHit {
    pub section_id: String,
    pub section_title: String,
    pub paragraph_ord: i64,
    /// The paragraph around the first match, with the match itself.
    pub snippet: String,
    pub text: String,
    pub occurrences: usize,
    /// Whose words: "plan" (000), "box" (a box's content via 002), "news" (002's summary of an
    /// elided subsection) or "digest" (the news summary's own introduction).
    pub text_kind: String,
}

/// SQL for a paragraph's text kind, from its seed and its section's kind (`p`, `s` aliases).
pub(crate) const TEXT_KIND_SQL: &str =
    "CASE WHEN p.seed = '000' THEN 'plan' WHEN s.kind = 'box' THEN 'box' WHEN s.kind = 'digest' THEN 'digest' ELSE 'news' END";

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct FeatureHit {
    pub id: i64,
    pub layer_id: String,
    pub name: String,
}

/// Something found by its name alone: a district (id = adcode), a category, a tour or an own
/// layer (whose one name is both name_zh and name_en).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct NamedHit {
    pub id: String,
    pub name_zh: String,
    pub name_en: String,
    pub score: u32,
}

#[derive(Debug, Clone, Serialize, Default)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct SearchResults {
    pub query: String,
    pub elements: Vec<ElementHit>,
    pub themes: Vec<ThemeHit>,
    pub paragraphs: Vec<ParagraphHit>,
    /// The user's notes containing the query.
    pub notes: Vec<crate::user::notes::Note>,
    /// The user's own features whose names contain it.
    pub features: Vec<FeatureHit>,
    pub districts: Vec<NamedHit>,
    pub categories: Vec<NamedHit>,
    pub tours: Vec<NamedHit>,
    /// The user's own layers.
    pub layers: Vec<NamedHit>,
}

/// The best of a Chinese and an English name's scores (English case-insensitively); a Chinese
/// district name also matches without its 区/新区 ("津南" finds 津南区).
fn names_score(name_zh: &str, name_en: &str, q: &str, q_lower: &str) -> u32 {
    name_score(name_zh, q).max(name_score(&name_en.to_lowercase(), q_lower))
}

/// The named things that match, best first, at most `limit`.
fn rank_named(candidates: impl Iterator<Item = (String, String, String)>, q: &str, limit: usize) -> Vec<NamedHit> {
    let q_lower = q.to_lowercase();
    let mut hits: Vec<NamedHit> = candidates
        .filter_map(|(id, name_zh, name_en)| {
            let score = names_score(&name_zh, &name_en, q, &q_lower);
            (score > 0).then_some(NamedHit { id, name_zh, name_en, score })
        })
        .collect();
    hits.sort_by(|a, b| b.score.cmp(&a.score));
    hits.truncate(limit);
    hits
}

/// Escapes LIKE's wildcards so user text matches literally.
fn like_pattern(q: &str) -> String {
    let escaped = q.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
    format!("%{escaped}%")
}

/// A double-quoted FTS5 string: the query as one literal phrase, whatever it contains.
fn fts_phrase(q: &str) -> String {
    format!("\"{}\"", q.replace('"', "\"\""))
}

/// Exact beats prefix beats substring; within each, the more of the name the query covers, the
/// better ("信创" ranks 中国信创谷 above a long laboratory name that also contains it).
fn name_score(name: &str, q: &str) -> u32 {
    let coverage = (10 * q.chars().count() / name.chars().count().max(1)) as u32;
    if name == q {
        100
    } else if name.starts_with(q) {
        80 + coverage
    } else if name.contains(q) {
        60 + coverage
    } else {
        0
    }
}

/// About 24 characters either side of the first match.
fn snippet(text: &str, q: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let Some(byte_at) = text.find(q) else { return chars.iter().take(60).collect() };
    let at = text[..byte_at].chars().count();
    let start = at.saturating_sub(24);
    let end = (at + q.chars().count() + 24).min(chars.len());
    let mut s: String = chars[start..end].iter().collect();
    if start > 0 {
        s.insert(0, '…');
    }
    if end < chars.len() {
        s.push('…');
    }
    s
}

impl Atlas {
    /// Searches everything; `limit` caps each group.
    pub fn search(&self, query: &str, limit: usize) -> Result<SearchResults> {
        let q = query.trim();
        let mut results = SearchResults { query: q.to_owned(), ..Default::default() };
        if q.is_empty() {
            return Ok(results);
        }
        let q_lower = q.to_lowercase();

        // Elements and themes: a handful of rows, scored here.
        let mut stmt = self.conn.prepare_cached(
            "SELECT kind, ref, body FROM plan_search WHERE kind IN ('element', 'theme') AND (title LIKE ?1 ESCAPE '\\' OR body LIKE ?1 ESCAPE '\\')",
        )?;
        let rows = stmt.query_map([like_pattern(q)], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?))
        })?;
        for row in rows {
            let (kind, id, body) = row?;
            if kind == "element" {
                let Some(e) = self.element(&id) else { continue };
                let (zh, en) = (name_score(&e.name_zh, q), name_score(&e.name_en.to_lowercase(), &q_lower));
                let (score, matched) = if zh >= en && zh > 0 {
                    (zh, "name_zh")
                } else if en > 0 {
                    (en - 5, "name_en")
                } else if body.to_lowercase().contains(&q_lower) {
                    (40, "details")
                } else {
                    continue;
                };
                let name_kind: String =
                    self.conn.query_row("SELECT name_kind FROM plan_elements WHERE id = ?1", [&id], |r| r.get(0))?;
                results.elements.push(ElementHit { element: e.clone(), score, matched: matched.into(), name_kind });
            } else {
                let (name_zh, name_en): (String, String) =
                    self.conn.query_row("SELECT name_zh, name_en FROM plan_themes WHERE id = ?1", [&id], |r| {
                        Ok((r.get(0)?, r.get(1)?))
                    })?;
                let score = name_score(&name_zh, q).max(name_score(&name_en.to_lowercase(), &q_lower)).max(40);
                results.themes.push(ThemeHit { id, name_zh, name_en, score });
            }
        }
        // Best first; among equals, the landmark zones and centres before hosts and whole-city areas.
        let order = |e: &ElementSummary| self.elements.iter().position(|x| x.id == e.id).unwrap_or(usize::MAX);
        results.elements.sort_by(|a, b| {
            b.score
                .cmp(&a.score)
                .then(a.element.districts.len().cmp(&b.element.districts.len()))
                .then(order(&a.element).cmp(&order(&b.element)))
        });
        results.elements.truncate(limit);
        results.themes.sort_by(|a, b| b.score.cmp(&a.score));
        results.themes.truncate(limit);

        // Paragraphs.
        let use_fts = q.chars().count() >= 3;
        let sql = if use_fts {
            format!(
                "SELECT p.section_id, s.title_zh, p.ord, p.text, {TEXT_KIND_SQL} FROM plan_search f
                 JOIN plan_paragraphs p ON p.fid = CAST(f.ref AS INTEGER)
                 JOIN plan_sections s ON s.id = p.section_id
                 WHERE f.kind = 'paragraph' AND plan_search MATCH ?1 ORDER BY bm25(plan_search), p.fid"
            )
        } else {
            format!(
                "SELECT p.section_id, s.title_zh, p.ord, p.text, {TEXT_KIND_SQL} FROM plan_search f
                 JOIN plan_paragraphs p ON p.fid = CAST(f.ref AS INTEGER)
                 JOIN plan_sections s ON s.id = p.section_id
                 WHERE f.kind = 'paragraph' AND f.body LIKE ?1 ESCAPE '\\' ORDER BY p.fid"
            )
        };
        let param = if use_fts { format!("body : {}", fts_phrase(q)) } else { like_pattern(q) };
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([param], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
            ))
        })?;
        for row in rows {
            let (section_id, section_title, paragraph_ord, text, text_kind) = row?;
            let occurrences = text.to_lowercase().matches(&q_lower).count();
            results.paragraphs.push(ParagraphHit {
                snippet: snippet(&text, q),
                section_id,
                section_title,
                paragraph_ord,
                text,
                occurrences,
                text_kind,
            });
        }
        if !use_fts {
            // Stable sort keeps reading order among equals.
            results.paragraphs.sort_by(|a, b| b.occurrences.cmp(&a.occurrences));
        }
        results.paragraphs.truncate(limit);

        // The user's own work is searched with the plan.
        results.notes = self.notes(Some(q))?;
        results.notes.truncate(limit);
        results.features = self
            .own_features_named(&like_pattern(q), limit)?
            .into_iter()
            .map(|(id, layer_id, name)| FeatureHit { id, layer_id, name })
            .collect();

        results.districts = rank_named(
            self.districts.iter().map(|d| (d.adcode.clone(), d.name_zh.clone(), d.name_en.clone())),
            q,
            limit,
        );
        results.categories = rank_named(self.categories()?.into_iter().map(|c| (c.id, c.name_zh, c.name_en)), q, limit);
        results.tours = rank_named(self.tours()?.into_iter().map(|t| (t.id, t.name_zh, t.name_en)), q, limit);
        results.layers = rank_named(self.user_layers()?.into_iter().map(|l| (l.id, l.name.clone(), l.name)), q, limit);
        Ok(results)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets_centre_on_the_match() {
        let text = "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十中国信创谷一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十";
        let s = snippet(text, "中国信创谷");
        assert!(s.starts_with('…') && s.ends_with('…') && s.contains("中国信创谷"));
        assert_eq!(s.chars().count(), 24 + 5 + 24 + 2);
    }

    #[test]
    fn user_text_is_literal_in_like_and_fts() {
        assert_eq!(like_pattern("50%_x"), "%50\\%\\_x%");
        assert_eq!(fts_phrase("a\"b"), "\"a\"\"b\"");
    }
}
