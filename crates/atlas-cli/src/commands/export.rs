//! The export commands: arguments to the core's export jobs, progress on stderr, and a line
//! saying what was written.

use std::io::Write;
use std::path::Path;

use atlas_core::render::brief::export_brief;
use atlas_core::render::documents::HandoutCopy;
use atlas_core::render::jobs::{export_atlas_book, export_handout, export_sheet, BookKind, SheetJob, SheetSubject};
use atlas_core::render::{Lang, PageFormat};
use atlas_core::Result;

use super::Context;

/// `atlas export sheet`'s options, beside the output file.
pub struct SheetRequest {
    pub of: String,
    pub bbox: Option<Vec<f64>>,
    pub format: PageFormat,
    pub lang: Lang,
    pub title: Option<String>,
    pub layers: Option<Vec<String>>,
}

fn progress_line(done: usize, total: usize, stage: &str) -> bool {
    eprint!("\r{stage}: {done}/{total} pages ");
    if done == total {
        eprintln!();
    }
    let _ = std::io::stderr().flush();
    true
}

/// `atlas export geojson`: the plan, or one own layer with --layer.
pub fn geojson(cx: &Context, layer: Option<&str>, out: &Path) -> Result<()> {
    let atlas = cx.atlas()?;
    let n = match layer {
        Some(l) => atlas.export_layer_geojson(l, None, out)?,
        None => atlas.export_plan_geojson(out)?,
    };
    eprintln!("wrote {n} features to {}", out.display());
    Ok(())
}

/// `atlas export gpkg`: the whole atlas for QGIS.
pub fn gpkg(cx: &Context, out: &Path) -> Result<()> {
    cx.atlas()?.export_geopackage(out)?;
    eprintln!("wrote {}", out.display());
    Ok(())
}

/// `atlas export csv`: the plan elements and their attributes.
pub fn csv(cx: &Context, out: &Path) -> Result<()> {
    let n = cx.atlas()?.export_zones_csv(out)?;
    eprintln!("wrote {n} rows to {}", out.display());
    Ok(())
}

/// `atlas export sheet`: one map sheet.
pub fn sheet(cx: &Context, r: &SheetRequest, out: &Path) -> Result<()> {
    let atlas = cx.atlas()?;
    let subject = match &r.bbox {
        Some(b) => SheetSubject::Bbox([b[0], b[1], b[2], b[3]]),
        None => SheetSubject::parse(&atlas, &r.of)?,
    };
    let job = SheetJob {
        subject,
        format: r.format,
        lang: r.lang,
        title: r.title.clone(),
        layers: r.layers.clone(),
        highlight: None,
    };
    export_sheet(&atlas, &job, out)?;
    eprintln!("wrote {}", out.display());
    Ok(())
}

/// `atlas export handout`: a tour's handout PDF (the audience's, or with `speaker_copy` the
/// speaker's, which adds the notes).
pub fn handout(cx: &Context, tour: &str, lang: Lang, speaker_copy: bool, out: &Path) -> Result<()> {
    let copy = if speaker_copy { HandoutCopy::Speaker } else { HandoutCopy::Audience };
    let pages = export_handout(&cx.atlas()?, tour, lang, copy, out, &progress_line)?;
    eprintln!("wrote {pages} page(s) to {}", out.display());
    Ok(())
}

/// `atlas export atlas-book`: a page per element (of a category), or per district.
pub fn atlas_book(cx: &Context, category: Option<&str>, districts: bool, lang: Lang, out: &Path) -> Result<()> {
    let kind = if districts { BookKind::Districts } else { BookKind::Elements(category.map(str::to_owned)) };
    let pages = export_atlas_book(&cx.atlas()?, &kind, lang, out, &progress_line)?;
    eprintln!("wrote {pages} page(s) to {}", out.display());
    Ok(())
}

/// `atlas export brief`: a district's one-page brief.
pub fn brief(cx: &Context, district: &str, lang: Lang, out: &Path) -> Result<()> {
    let d = export_brief(&cx.atlas()?, district, lang, out)?;
    eprintln!("wrote the brief for {} ({}) to {}", d.name_zh, d.name_en, out.display());
    Ok(())
}
