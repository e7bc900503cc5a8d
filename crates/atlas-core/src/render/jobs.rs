//! Export jobs as the CLI and the app ask for them: what to map, in which format and language,
//! to which file; with progress and cancellation for the long ones.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::documents::{atlas_book_pages, district_pack_pages, handout_pages_for, today, HandoutCopy};
use super::mapframe::MapView;
use super::page::{map_sheet, SheetSpec};
use super::{output, view_around, Lang, PageFormat, RenderData};
use crate::error::{AtlasError, Result};
use crate::plan::tours::NamedView;
use crate::store::Atlas;

/// What a map sheet shows.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case", tag = "kind", content = "value")]
pub enum SheetSubject {
    /// [min_lon, min_lat, max_lon, max_lat], e.g. the app's current view.
    Bbox([f64; 4]),
    Element(String),
    /// A Tianjin district by name or adcode.
    District(String),
    Named(NamedView),
}

impl SheetSubject {
    /// Parses what the CLI's `--of` takes: an element id, a district, "tianjin" or "region".
    pub fn parse(atlas: &Atlas, text: &str) -> Result<SheetSubject> {
        match text {
            "tianjin" => Ok(SheetSubject::Named(NamedView::Tianjin)),
            "region" => Ok(SheetSubject::Named(NamedView::Region)),
            t if atlas.element(t).is_some() => Ok(SheetSubject::Element(t.to_owned())),
            t if atlas.find_district(t).is_ok() => Ok(SheetSubject::District(t.to_owned())),
            t => Err(AtlasError::Invalid(format!(
                "{t:?} is not an element id, a Tianjin district, \"tianjin\" or \"region\""
            ))),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct SheetJob {
    pub subject: SheetSubject,
    pub format: PageFormat,
    pub lang: Lang,
    pub title: Option<String>,
    /// Only these categories; all when `None`.
    pub layers: Option<Vec<String>>,
    /// An element to highlight, e.g. the one selected in the app.
    pub highlight: Option<String>,
}

/// Writes a map sheet; the file name's extension picks SVG, PNG or PDF.
pub fn export_sheet(atlas: &Atlas, job: &SheetJob, path: &Path) -> Result<()> {
    let lang = job.lang;
    let (bbox, subtitle, highlight, district) = match &job.subject {
        SheetSubject::Bbox(b) => (*b, String::new(), job.highlight.clone(), None),
        SheetSubject::Named(v) => {
            let sub = match v {
                NamedView::Tianjin => lang.pick("全市总图", "Tianjin overview"),
                NamedView::Region => lang.pick("京津冀区域图", "Beijing–Tianjin–Hebei region"),
            };
            (v.bbox(), sub.to_owned(), job.highlight.clone(), None)
        }
        SheetSubject::Element(id) => {
            let e = atlas.element(id).ok_or_else(|| AtlasError::UnknownElement { id: id.clone() })?;
            (view_around(e.bbox, 30.0), lang.pick(&e.name_zh, &e.name_en).to_owned(), Some(e.id.clone()), None)
        }
        SheetSubject::District(q) => {
            let report = atlas.district_report(q)?;
            let d = &report.district;
            (view_around(report.bbox, 20.0), lang.pick(&d.name_zh, &d.name_en).to_owned(), None, Some(d.adcode.clone()))
        }
    };
    let data = RenderData::load(atlas)?;
    let spec = SheetSpec {
        format: job.format,
        title: job.title.clone().unwrap_or_else(|| {
            lang.pick(
                "天津市科技创新“十四五”规划 · 空间布局",
                "Tianjin 14th Five-Year S&T Innovation Plan · Spatial Layout",
            )
            .to_owned()
        }),
        subtitle,
        view: MapView { bbox, layers: job.layers.clone(), highlight, district, lang },
        date: today(),
        page_label: None,
    };
    output::write_page(path, &map_sheet(&data, &spec), &spec.title)
}

/// Progress of a long export: (pages done, pages in all, stage). Returning false cancels.
pub type Progress<'a> = &'a (dyn Fn(usize, usize, &str) -> bool + Sync);

/// A tour handout, one PDF page per stop: the audience's copy, or the speaker's (with the
/// notes). Returns the page count.
pub fn export_handout(
    atlas: &Atlas,
    tour_id: &str,
    lang: Lang,
    copy: HandoutCopy,
    path: &Path,
    progress: Progress,
) -> Result<usize> {
    let tour = atlas.tour(tour_id)?;
    let data = RenderData::load(atlas)?;
    let pages = handout_pages_for(atlas, &data, &tour, lang, &today(), copy)?;
    output::write_pdf(path, &pages, lang.pick(&tour.name_zh, &tour.name_en), &|d, t| progress(d, t, "pdf"))?;
    Ok(pages.len())
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case", tag = "kind", content = "value")]
pub enum BookKind {
    /// A page per element of this category, or of every category with `None`.
    Elements(Option<String>),
    /// A district briefing pack: a page per district.
    Districts,
    /// One district's one-page brief (name or adcode): see [`super::brief`].
    DistrictBrief(String),
}

/// An atlas book PDF. Returns the page count.
pub fn export_atlas_book(atlas: &Atlas, kind: &BookKind, lang: Lang, path: &Path, progress: Progress) -> Result<usize> {
    let data = RenderData::load(atlas)?;
    let mut layout = |d: usize, t: usize| progress(d, t, "layout");
    let (pages, title) = match kind {
        BookKind::Elements(category) => (
            atlas_book_pages(atlas, &data, category.as_deref(), lang, &today(), &mut layout)?,
            lang.pick("规划空间布局图集", "Atlas of the plan"),
        ),
        BookKind::Districts => (
            district_pack_pages(atlas, &data, lang, &today(), &mut layout)?,
            lang.pick("各区规划布局简报", "District briefing pack"),
        ),
        BookKind::DistrictBrief(district) => {
            layout(0, 1);
            let page = super::brief::brief_page(atlas, &data, district, lang, &today())?;
            layout(1, 1);
            (vec![page], lang.pick("区规划一页简报", "District brief"))
        }
    };
    output::write_pdf(path, &pages, title, &|d, t| progress(d, t, "pdf"))?;
    Ok(pages.len())
}
