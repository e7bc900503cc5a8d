//! The detail panel's content: an element with its quotes, themes, host, districts and
//! related elements; and the catalog of categories and themes.

use rusqlite::params;
use serde::{Deserialize, Serialize};

use crate::error::{AtlasError, Result};
use crate::plan::{NameKind, QuoteKind, Seed, ThemeKind};
use crate::query::districts::DistrictRef;
use crate::sql_rows::{self, json_text};
use crate::store::atlas::ElementSummary;
use crate::store::Atlas;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Quote {
    pub text: String,
    /// The plan (000) or the news summary carrying the plan's boxes (002).
    pub seed: Seed,
    /// The plan's own text (000), a box's content (carried by 002), or 002's summary of a
    /// subsection the excerpt elides (not the plan's own words).
    pub kind: QuoteKind,
    pub section_id: String,
    /// Chapter › section › subsection titles, outermost first (filled after the row is read).
    #[serde(default)]
    pub section_path: Vec<String>,
    /// The paragraph within the section; `None` when the quote is the section heading.
    pub paragraph_ord: Option<i64>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ThemeRef {
    pub id: String,
    pub name_zh: String,
    pub name_en: String,
    pub kind: ThemeKind,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ElementDetail {
    pub summary: ElementSummary,
    pub category_name_zh: String,
    pub category_name_en: String,
    /// Where the location came from (English).
    pub location_source: String,
    /// The same in Chinese, our wording (None only in an atlas built before schema 9's data).
    pub location_source_zh: Option<String>,
    /// For a site: the public source that places it (the plan gives no sites).
    pub source_name: Option<String>,
    pub uncertainty_km: Option<f64>,
    /// False for elements listed under 全市 / 未定位 (basis "unlocated"): not in any district.
    pub located: bool,
    /// The plan's own words, or our descriptive name.
    pub name_kind: NameKind,
    /// A later official name from public sources, never the plan's.
    pub later_name_zh: Option<String>,
    pub later_name_en: Option<String>,
    pub districts: Vec<DistrictRef>,
    /// The first host the plan names.
    pub host: Option<ElementSummary>,
    /// Every host the plan names, in its order (細胞谷 has two).
    pub hosts: Vec<ElementSummary>,
    pub host_text: Option<String>,
    pub host_en: Option<String>,
    pub hosted: Vec<ElementSummary>,
    /// Institutions this element relies on, as the plan names them.
    pub relies_on: Vec<ElementSummary>,
    /// Zones and platforms that rely on this one (the reverse link).
    pub relied_on_by: Vec<ElementSummary>,
    pub anchors: Vec<String>,
    pub anchors_en: Vec<String>,
    pub focus: Vec<String>,
    /// What is uncertain about the element (English).
    pub note: Option<String>,
    /// The same in Chinese, our wording.
    pub note_zh: Option<String>,
    pub themes: Vec<ThemeRef>,
    pub quotes: Vec<Quote>,
    /// Elements sharing a theme or a district, most shared first.
    pub related: Vec<ElementSummary>,
}

/// One `plan_elements` row as the detail panel reads it (JSON lists as the build wrote them).
#[derive(Deserialize)]
struct DetailRow {
    location_source: String,
    uncertainty_km: Option<f64>,
    host: Option<String>,
    host_text: Option<String>,
    #[serde(deserialize_with = "json_text")]
    anchors: Vec<String>,
    #[serde(deserialize_with = "json_text")]
    anchors_en: Vec<String>,
    #[serde(deserialize_with = "json_text")]
    focus: Vec<String>,
    note: Option<String>,
    note_zh: Option<String>,
    location_source_zh: Option<String>,
    category_name_zh: String,
    category_name_en: String,
    source_name: Option<String>,
    name_kind: NameKind,
    later_name_zh: Option<String>,
    later_name_en: Option<String>,
    #[serde(deserialize_with = "json_text")]
    hosts: Vec<String>,
    host_en: Option<String>,
    #[serde(deserialize_with = "json_text")]
    relies_on: Vec<String>,
}

impl Atlas {
    pub(crate) fn quotes_of(&self, owner_kind: &str, owner_id: &str) -> Result<Vec<Quote>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT text, seed, section_id, paragraph_ord, kind FROM plan_quotes WHERE owner_kind = ?1 AND owner_id = ?2 ORDER BY ord",
        )?;
        let mut quotes: Vec<Quote> = sql_rows::all(&mut stmt, params![owner_kind, owner_id])?;
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
    pub fn element_detail(&self, id: &str) -> Result<ElementDetail> {
        let summary = self.element(id).cloned().ok_or_else(|| AtlasError::UnknownElement { id: id.to_owned() })?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT e.location_source, e.uncertainty_km, e.host, e.host_text, e.anchors, e.anchors_en, e.focus, e.note,
                    e.note_zh, e.location_source_zh,
                    c.name_zh AS category_name_zh, c.name_en AS category_name_en, e.source_name, e.name_kind,
                    e.later_name_zh, e.later_name_en, e.hosts, e.host_en, e.relies_on
             FROM plan_elements e JOIN plan_categories c ON c.id = e.category WHERE e.id = ?1",
        )?;
        let row: DetailRow =
            sql_rows::first(&mut stmt, [id])?.ok_or_else(|| AtlasError::UnknownElement { id: id.to_owned() })?;
        let ids =
            |ids: &[String]| -> Vec<ElementSummary> { ids.iter().filter_map(|h| self.element(h).cloned()).collect() };
        let mut theme_stmt = self.conn.prepare_cached(
            "SELECT t.id, t.name_zh, t.name_en, t.kind FROM plan_element_themes et JOIN plan_themes t ON t.id = et.theme_id
             WHERE et.element_id = ?1 ORDER BY t.ord",
        )?;
        let themes: Vec<ThemeRef> = sql_rows::all(&mut theme_stmt, [id])?;
        let districts = summary
            .districts
            .iter()
            .map(|code| match self.districts.iter().find(|d| &d.adcode == code) {
                Some(d) => Ok(d.into()),
                None => self.boundary_ref(code),
            })
            .collect::<Result<_>>()?;
        // Hosted: every element naming this one among its hosts; relied on by: the reverse of relies_on.
        let mut links_stmt = self.conn.prepare_cached("SELECT id, hosts, relies_on FROM plan_elements ORDER BY fid")?;
        let links: Vec<(String, String, String)> =
            links_stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<rusqlite::Result<_>>()?;
        let naming = |pick: fn(&(String, String, String)) -> &String| -> Vec<ElementSummary> {
            links
                .iter()
                .filter(|l| serde_json::from_str::<Vec<String>>(pick(l)).unwrap_or_default().iter().any(|x| x == id))
                .filter_map(|l| self.element(&l.0).cloned())
                .collect()
        };
        let hosted = naming(|l| &l.1);
        let relied_on_by = naming(|l| &l.2);
        let related = self.related(&summary, &themes)?;
        Ok(ElementDetail {
            category_name_zh: row.category_name_zh,
            category_name_en: row.category_name_en,
            location_source: row.location_source,
            location_source_zh: row.location_source_zh,
            source_name: row.source_name,
            uncertainty_km: row.uncertainty_km,
            located: summary.location_basis != crate::plan::LocationBasis::Unlocated,
            name_kind: row.name_kind,
            later_name_zh: row.later_name_zh,
            later_name_en: row.later_name_en,
            districts,
            host: row.host.as_deref().and_then(|h| self.element(h).cloned()),
            hosts: ids(&row.hosts),
            host_text: row.host_text,
            host_en: row.host_en,
            hosted,
            relies_on: ids(&row.relies_on),
            relied_on_by,
            anchors: row.anchors,
            anchors_en: row.anchors_en,
            focus: row.focus,
            note: row.note,
            note_zh: row.note_zh,
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
