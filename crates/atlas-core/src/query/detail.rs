//! The detail panel's content: an element with its quotes, themes, host, districts and
//! related elements; and the catalog of categories and themes.

use rusqlite::params;
use serde::Serialize;

use crate::error::{AtlasError, Result};
use crate::query::districts::DistrictRef;
use crate::store::atlas::ElementSummary;
use crate::store::Atlas;

#[derive(Debug, Clone, Serialize)]
pub struct Quote {
    pub text: String,
    /// "000" (the plan) or "002" (the news summary carrying the plan's boxes).
    pub seed: String,
    pub section_id: String,
    /// Chapter › section › subsection titles, outermost first.
    pub section_path: Vec<String>,
    /// The paragraph within the section; `None` when the quote is the section heading.
    pub paragraph_ord: Option<i64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ThemeRef {
    pub id: String,
    pub name_zh: String,
    pub name_en: String,
    pub kind: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ElementDetail {
    pub summary: ElementSummary,
    pub category_name_zh: String,
    pub category_name_en: String,
    pub location_source: String,
    pub uncertainty_km: Option<f64>,
    pub districts: Vec<DistrictRef>,
    pub host: Option<ElementSummary>,
    pub host_text: Option<String>,
    pub hosted: Vec<ElementSummary>,
    pub anchors: Vec<String>,
    pub focus: Vec<String>,
    pub note: Option<String>,
    pub themes: Vec<ThemeRef>,
    pub quotes: Vec<Quote>,
    /// Elements sharing a theme or a district, most shared first.
    pub related: Vec<ElementSummary>,
}

impl Atlas {
    pub(crate) fn quotes_of(&self, owner_kind: &str, owner_id: &str) -> Result<Vec<Quote>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT text, seed, section_id, paragraph_ord FROM plan_quotes WHERE owner_kind = ?1 AND owner_id = ?2 ORDER BY ord",
        )?;
        let rows = stmt.query_map(params![owner_kind, owner_id], |r| {
            Ok(Quote {
                text: r.get(0)?,
                seed: r.get(1)?,
                section_id: r.get(2)?,
                section_path: Vec::new(),
                paragraph_ord: r.get(3)?,
            })
        })?;
        let mut quotes: Vec<Quote> = rows.collect::<rusqlite::Result<_>>()?;
        for q in &mut quotes {
            q.section_path = self.section_path(&q.section_id)?;
        }
        Ok(quotes)
    }

    /// Titles from the chapter down to `section_id`.
    pub fn section_path(&self, section_id: &str) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached("SELECT parent, title_zh FROM plan_sections WHERE id = ?1")?;
        let mut path = Vec::new();
        let mut current = Some(section_id.to_owned());
        while let Some(id) = current {
            let row: Option<(Option<String>, String)> =
                stmt.query_row([&id], |r| Ok((r.get(0)?, r.get(1)?))).map(Some).or_else(|e| match e {
                    rusqlite::Error::QueryReturnedNoRows => Ok(None),
                    e => Err(e),
                })?;
            let Some((parent, title)) = row else { break };
            path.push(title);
            current = parent;
        }
        path.reverse();
        Ok(path)
    }

    /// Everything the detail panel shows about one element.
    pub fn zone_detail(&self, id: &str) -> Result<ElementDetail> {
        let summary = self.element(id).cloned().ok_or_else(|| AtlasError::UnknownElement { id: id.to_owned() })?;
        let (location_source, uncertainty_km, host, host_text, anchors, focus, note, category_name_zh, category_name_en) =
            self.conn.query_row(
                "SELECT e.location_source, e.uncertainty_km, e.host, e.host_text, e.anchors, e.focus, e.note, c.name_zh, c.name_en
                 FROM plan_elements e JOIN plan_categories c ON c.id = e.category WHERE e.id = ?1",
                [id],
                |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, Option<f64>>(1)?,
                        r.get::<_, Option<String>>(2)?,
                        r.get::<_, Option<String>>(3)?,
                        r.get::<_, String>(4)?,
                        r.get::<_, String>(5)?,
                        r.get::<_, Option<String>>(6)?,
                        r.get::<_, String>(7)?,
                        r.get::<_, String>(8)?,
                    ))
                },
            )?;
        let mut theme_stmt = self.conn.prepare_cached(
            "SELECT t.id, t.name_zh, t.name_en, t.kind FROM plan_element_themes et JOIN plan_themes t ON t.id = et.theme_id
             WHERE et.element_id = ?1 ORDER BY t.ord",
        )?;
        let themes: Vec<ThemeRef> = theme_stmt
            .query_map([id], |r| {
                Ok(ThemeRef { id: r.get(0)?, name_zh: r.get(1)?, name_en: r.get(2)?, kind: r.get(3)? })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let districts = summary
            .districts
            .iter()
            .map(|code| match self.districts.iter().find(|d| &d.adcode == code) {
                Some(d) => Ok(d.into()),
                None => self.boundary_ref(code),
            })
            .collect::<Result<_>>()?;
        let mut hosted_stmt = self.conn.prepare_cached("SELECT id FROM plan_elements WHERE host = ?1 ORDER BY fid")?;
        let hosted: Vec<String> = hosted_stmt.query_map([id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        let related = self.related(&summary, &themes)?;
        Ok(ElementDetail {
            category_name_zh,
            category_name_en,
            location_source,
            uncertainty_km,
            districts,
            host: host.as_deref().and_then(|h| self.element(h).cloned()),
            host_text,
            hosted: hosted.iter().filter_map(|h| self.element(h).cloned()).collect(),
            anchors: serde_json::from_str(&anchors).unwrap_or_default(),
            focus: serde_json::from_str(&focus).unwrap_or_default(),
            note,
            quotes: self.quotes_of("element", id)?,
            themes,
            related,
            summary,
        })
    }

    fn related(&self, e: &ElementSummary, themes: &[ThemeRef]) -> Result<Vec<ElementSummary>> {
        let theme_ids: Vec<&str> = themes.iter().map(|t| t.id.as_str()).collect();
        let mut stmt = self.conn.prepare_cached("SELECT element_id, theme_id FROM plan_element_themes")?;
        let links: Vec<(String, String)> =
            stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
        let shared_themes =
            |other: &str| links.iter().filter(|(el, th)| el == other && theme_ids.contains(&th.as_str())).count();
        // Whole-city elements share every district with everything; count only specific districts.
        let specific = |districts: &[String]| districts.len() <= 4;
        let mut scored: Vec<(usize, &ElementSummary)> = self
            .elements
            .iter()
            .filter(|o| o.id != e.id)
            .map(|o| {
                let district_score = if specific(&o.districts) && specific(&e.districts) {
                    o.districts.iter().filter(|d| e.districts.contains(d)).count()
                } else {
                    0
                };
                (2 * shared_themes(&o.id) + district_score, o)
            })
            .filter(|(s, _)| *s > 0)
            .collect();
        // Stable: among equal scores, authored order.
        scored.sort_by(|a, b| b.0.cmp(&a.0));
        Ok(scored.into_iter().take(8).map(|(_, o)| o.clone()).collect())
    }
}

impl Atlas {
    /// Names of any boundary in the basemap (context counties, Tianjin as a whole).
    fn boundary_ref(&self, adcode: &str) -> Result<DistrictRef> {
        let mut stmt = self.conn.prepare_cached("SELECT name_zh, name_en FROM basemap WHERE adcode = ?1 LIMIT 1")?;
        let (name_zh, name_en) = stmt
            .query_row([adcode], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap_or_else(|_| (adcode.to_owned(), adcode.to_owned()));
        Ok(DistrictRef { adcode: adcode.to_owned(), name_zh, name_en })
    }
}
