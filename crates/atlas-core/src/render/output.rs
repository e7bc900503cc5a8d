//! From page SVGs to files: SVG as is, PNG through resvg, PDF through svg2pdf (one Form
//! XObject per page, assembled with pdf-writer). Fonts come from the system (fonts-noto-cjk on
//! Linux; YaHei / PingFang elsewhere) and only the glyphs used are embedded.

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, OnceLock};

use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, TextStr};
use rayon::prelude::*;
use svg2pdf::usvg;

use crate::error::{AtlasError, Result};
use crate::export::write_atomically;

/// The system's fonts, loaded once per process (≈ 0.1 s with Noto CJK installed).
pub fn fonts() -> Arc<usvg::fontdb::Database> {
    static FONTS: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            let mut db = usvg::fontdb::Database::new();
            db.load_system_fonts();
            db.set_sans_serif_family("Noto Sans CJK SC");
            // fontdb re-reads a font file every time a face's data is needed; the CJK
            // collections are ~20 MB each, so keep the faces the atlas uses in memory instead
            // (measured: a 61-page book fell from 15 s, mostly system time, to a few seconds).
            let used: Vec<_> = db
                .faces()
                .filter(|f| f.families.iter().any(|(name, _)| name.contains("CJK") || name.contains("Source Han")))
                .map(|f| f.id)
                .collect();
            for id in used {
                // SAFETY: fontdb memory-maps the file; this is sound as long as nobody rewrites
                // the font file while the process runs, which holds for installed system fonts.
                unsafe {
                    db.make_shared_face_data(id);
                }
            }
            Arc::new(db)
        })
        .clone()
}

/// True if a font that covers Chinese is installed (the pre-flight check asks this).
pub fn has_cjk_font() -> bool {
    let db = fonts();
    let query = usvg::fontdb::Query {
        families: &[
            usvg::fontdb::Family::Name("Noto Sans CJK SC"),
            usvg::fontdb::Family::Name("Source Han Sans SC"),
            usvg::fontdb::Family::Name("Microsoft YaHei"),
            usvg::fontdb::Family::Name("PingFang SC"),
        ],
        ..Default::default()
    };
    db.query(&query).is_some()
}

fn parse(svg: &str) -> Result<usvg::Tree> {
    let options = usvg::Options { fontdb: fonts(), ..Default::default() };
    usvg::Tree::from_str(svg, &options)
        .map_err(|e| AtlasError::Invalid(format!("internal error: a page's SVG does not parse: {e}")))
}

/// usvg reads the pages' sizes in pt as CSS pixels (96 per inch, 4/3 per pt); 1.5× that is
/// 2 px per point: a 16:9 slide becomes 1920 × 1080 px, an A4 page 144 dpi (1191 × 1684 px).
pub const PNG_SCALE: f32 = 1.5;

/// Rasterises one page at `scale` × its size in points.
pub fn png(svg: &str, scale: f32) -> Result<Vec<u8>> {
    let tree = parse(svg)?;
    let size = tree.size().to_int_size().scale_by(scale).ok_or_else(|| AtlasError::Invalid("empty page".into()))?;
    let mut pixmap = resvg::tiny_skia::Pixmap::new(size.width(), size.height())
        .ok_or_else(|| AtlasError::Invalid("page too large to rasterise".into()))?;
    resvg::render(&tree, resvg::tiny_skia::Transform::from_scale(scale, scale), &mut pixmap.as_mut());
    pixmap.encode_png().map_err(|e| AtlasError::Invalid(format!("PNG encoding failed: {e}")))
}

/// One PDF with a page per SVG. Pages convert in parallel; `progress(done, total)` returning
/// false cancels.
pub fn pdf(pages: &[String], title: &str, progress: &(dyn Fn(usize, usize) -> bool + Sync)) -> Result<Vec<u8>> {
    let done = std::sync::atomic::AtomicUsize::new(0);
    let total = pages.len();
    let converted: Vec<Result<(pdf_writer::Chunk, Ref, f32, f32)>> = pages
        .par_iter()
        .map(|svg| {
            let tree = parse(svg)?;
            // usvg measures in CSS px (96/in); PDF pages are in pt (72/in).
            let (w, h) = (tree.size().width() * 0.75, tree.size().height() * 0.75);
            let (chunk, id) = svg2pdf::to_chunk(&tree, svg2pdf::ConversionOptions::default())
                .map_err(|e| AtlasError::Invalid(format!("PDF conversion failed: {e}")))?;
            let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
            if !progress(n, total) {
                return Err(AtlasError::cancelled("export"));
            }
            Ok((chunk, id, w, h))
        })
        .collect();
    let mut alloc = Ref::new(1);
    let catalog_id = alloc.bump();
    let tree_id = alloc.bump();
    let info_id = alloc.bump();
    let mut pdf = Pdf::new();
    let mut page_ids = Vec::with_capacity(total);
    let mut chunks = Vec::with_capacity(total);
    for item in converted {
        let (chunk, svg_id, w, h) = item?;
        let mut map = HashMap::new();
        let chunk = chunk.renumber(|old| *map.entry(old).or_insert_with(|| alloc.bump()));
        let svg_id = map[&svg_id];
        let page_id = alloc.bump();
        let content_id = alloc.bump();
        let name = Name(b"S1");
        let mut page = pdf.page(page_id);
        page.media_box(Rect::new(0.0, 0.0, w, h));
        page.parent(tree_id);
        page.contents(content_id);
        page.resources().x_objects().pair(name, svg_id);
        page.finish();
        let mut content = Content::new();
        content.transform([w, 0.0, 0.0, h, 0.0, 0.0]).x_object(name);
        pdf.stream(content_id, &content.finish());
        page_ids.push(page_id);
        chunks.push(chunk);
    }
    pdf.catalog(catalog_id).pages(tree_id);
    pdf.pages(tree_id).kids(page_ids.iter().copied()).count(page_ids.len() as i32);
    pdf.document_info(info_id).title(TextStr(title)).producer(TextStr("Tianjin Innovation Atlas"));
    for chunk in &chunks {
        pdf.extend(chunk);
    }
    Ok(pdf.finish())
}

/// Output formats, from the file name's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Svg,
    Png,
    Pdf,
}

impl FileKind {
    pub fn of(path: &Path) -> Result<FileKind> {
        match path.extension().and_then(|e| e.to_str()).map(|e| e.to_ascii_lowercase()).as_deref() {
            Some("svg") => Ok(FileKind::Svg),
            Some("png") => Ok(FileKind::Png),
            Some("pdf") => Ok(FileKind::Pdf),
            _ => Err(AtlasError::Invalid(format!("{}: the file name must end in .svg, .png or .pdf", path.display()))),
        }
    }
}

/// Writes a one-page export in the format the file name asks for.
pub fn write_page(path: &Path, svg: &str, title: &str) -> Result<()> {
    let bytes = match FileKind::of(path)? {
        FileKind::Svg => svg.as_bytes().to_vec(),
        FileKind::Png => png(svg, PNG_SCALE)?,
        FileKind::Pdf => pdf(std::slice::from_ref(&svg.to_owned()), title, &|_, _| true)?,
    };
    write_atomically(path, |out| out.write_all(&bytes))
}

/// Writes a multi-page PDF.
pub fn write_pdf(
    path: &Path,
    pages: &[String],
    title: &str,
    progress: &(dyn Fn(usize, usize) -> bool + Sync),
) -> Result<()> {
    if FileKind::of(path)? != FileKind::Pdf {
        return Err(AtlasError::Invalid(format!(
            "{}: handouts and atlas books are PDF; end the name in .pdf",
            path.display()
        )));
    }
    let bytes = pdf(pages, title, progress)?;
    write_atomically(path, |out| out.write_all(&bytes))
}
