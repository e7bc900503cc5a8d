//! The CLI's export commands: arguments to the core's export jobs, progress on stderr.

use std::io::Write;
use std::path::Path;

use atlas_core::render::jobs::{export_atlas_book, export_handout, export_sheet, BookKind, SheetJob, SheetSubject};
use atlas_core::render::{Lang, PageFormat};
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

fn progress_line(done: usize, total: usize, stage: &str) -> bool {
    eprint!("\r{stage}: {done}/{total} pages ");
    if done == total {
        eprintln!();
    }
    let _ = std::io::stderr().flush();
    true
}

pub fn sheet(atlas: &Atlas, r: &SheetRequest, out: &Path) -> Result<()> {
    let subject = match &r.bbox {
        Some(b) => SheetSubject::Bbox([b[0], b[1], b[2], b[3]]),
        None => SheetSubject::parse(atlas, &r.of)?,
    };
    let format = PageFormat::parse(&r.format)
        .ok_or_else(|| AtlasError::Invalid(format!("--format {:?}: use a4, a4-landscape or slide", r.format)))?;
    let job = SheetJob {
        subject,
        format,
        lang: lang(&r.lang)?,
        title: r.title.clone(),
        layers: r.layers.clone(),
        highlight: None,
    };
    export_sheet(atlas, &job, out)
}

pub fn handout(atlas: &Atlas, tour: &str, lang_text: &str, out: &Path) -> Result<usize> {
    export_handout(atlas, tour, lang(lang_text)?, out, &progress_line)
}

pub fn atlas_book(
    atlas: &Atlas,
    category: Option<&str>,
    districts: bool,
    lang_text: &str,
    out: &Path,
) -> Result<usize> {
    let kind = if districts { BookKind::Districts } else { BookKind::Elements(category.map(str::to_owned)) };
    export_atlas_book(atlas, &kind, lang(lang_text)?, out, &progress_line)
}
