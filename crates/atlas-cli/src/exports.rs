//! The CLI's export commands: argument parsing to the core's renderer, with progress on stderr.

use std::io::Write;
use std::path::Path;

use atlas_core::plan::tours::NamedView;
use atlas_core::render::documents::{atlas_book_pages, district_pack_pages, handout_pages, today};
use atlas_core::render::mapframe::MapView;
use atlas_core::render::page::{map_sheet, SheetSpec};
use atlas_core::render::{output, view_around, Lang, PageFormat, RenderData};
use atlas_core::{Atlas, AtlasError, Result};

pub struct SheetRequest {
    pub of: String,
    pub bbox: Option<Vec<f64>>,
    pub format: String,
    pub lang: String,
    pub title: Option<String>,
    pub layers: Option<Vec<String>>,
}

fn lang(text: &str) -> Result<Lang> {
    Lang::parse(text).ok_or_else(|| AtlasError::Invalid(format!("--lang {text:?}: use zh or en")))
}

fn progress_line(done: usize, total: usize) -> bool {
    eprint!("\r{done}/{total} pages");
    if done == total {
        eprintln!();
    }
    let _ = std::io::stderr().flush();
    true
}

pub fn sheet(atlas: &Atlas, r: &SheetRequest, out: &Path) -> Result<()> {
    let lang = lang(&r.lang)?;
    let format = PageFormat::parse(&r.format)
        .ok_or_else(|| AtlasError::Invalid(format!("--format {:?}: use a4, a4-landscape or slide", r.format)))?;
    let (bbox, subtitle, highlight, district) = if let Some(b) = &r.bbox {
        ([b[0], b[1], b[2], b[3]], String::new(), None, None)
    } else if r.of == "tianjin" || r.of == "region" {
        let v = if r.of == "tianjin" { NamedView::Tianjin } else { NamedView::Region };
        (
            v.bbox(),
            if r.of == "tianjin" {
                lang.pick("全市总图", "Tianjin overview")
            } else {
                lang.pick("京津冀区域图", "Jing-Jin-Ji region")
            }
            .to_owned(),
            None,
            None,
        )
    } else if let Some(e) = atlas.element(&r.of) {
        (view_around(e.bbox, 30.0), lang.pick(&e.name_zh, &e.name_en).to_owned(), Some(e.id.clone()), None)
    } else {
        let d = atlas.find_district(&r.of).map_err(|_| {
            AtlasError::Invalid(format!(
                "--of {:?} is not an element id, a Tianjin district, \"tianjin\" or \"region\"",
                r.of
            ))
        })?;
        let report = atlas.district_report(&d.adcode)?;
        (view_around(report.bbox, 20.0), lang.pick(&d.name_zh, &d.name_en).to_owned(), None, Some(d.adcode.clone()))
    };
    let data = RenderData::load(atlas)?;
    let spec = SheetSpec {
        format,
        title: r.title.clone().unwrap_or_else(|| {
            lang.pick(
                "天津市科技创新“十四五”规划 · 空间布局",
                "Tianjin 14th Five-Year S&T Innovation Plan · Spatial Layout",
            )
            .to_owned()
        }),
        subtitle,
        view: MapView { bbox, layers: r.layers.clone(), highlight, district, lang },
        date: today(),
        page_label: None,
    };
    output::write_page(out, &map_sheet(&data, &spec), &spec.title)
}

pub fn handout(atlas: &Atlas, tour: &str, lang_text: &str, out: &Path) -> Result<usize> {
    let lang = lang(lang_text)?;
    let tour = atlas.tour(tour)?;
    let data = RenderData::load(atlas)?;
    let pages = handout_pages(atlas, &data, &tour, lang, &today())?;
    output::write_pdf(out, &pages, lang.pick(&tour.name_zh, &tour.name_en), &|d, t| progress_line(d, t))?;
    Ok(pages.len())
}

pub fn atlas_book(
    atlas: &Atlas,
    category: Option<&str>,
    districts: bool,
    lang_text: &str,
    out: &Path,
) -> Result<usize> {
    let lang = lang(lang_text)?;
    let data = RenderData::load(atlas)?;
    let mut ignore = |_: usize, _: usize| true;
    let pages = if districts {
        district_pack_pages(atlas, &data, lang, &today(), &mut ignore)?
    } else {
        atlas_book_pages(atlas, &data, category, lang, &today(), &mut ignore)?
    };
    let title = if districts {
        lang.pick("各区规划布局简报", "District briefing pack")
    } else {
        lang.pick("规划空间布局图集", "Atlas of the plan")
    };
    output::write_pdf(out, &pages, title, &|d, t| progress_line(d, t))?;
    Ok(pages.len())
}
