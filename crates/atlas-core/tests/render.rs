//! Exports rendered from the vector data: SVG that parses, PNGs of the chosen size, PDFs whose
//! pages, text (Chinese included) and rendering check out with poppler. Rendered pages are kept
//! under test-output/exports/ to be looked at.

use std::path::{Path, PathBuf};
use std::process::Command;

use atlas_core::plan::tours::NamedView;
use atlas_core::render::documents::{
    atlas_book_pages, district_pack_pages, handout_pages, handout_pages_for, HandoutCopy,
};
use atlas_core::render::mapframe::MapView;
use atlas_core::render::page::{map_sheet, SheetSpec};
use atlas_core::render::{output, Lang, PageFormat, RenderData};
use atlas_core::store::build_atlas;
use atlas_core::{Atlas, DataDir};

fn out_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../test-output/exports");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn atlas() -> Atlas {
    let path = std::env::temp_dir().join(format!(
        "atlas-render-{}-{:?}.gpkg",
        std::process::id(),
        std::thread::current().id()
    ));
    build_atlas(&DataDir::new(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data")), &path).unwrap();
    Atlas::open(&path).unwrap()
}

fn sheet(format: PageFormat, lang: Lang, highlight: Option<&str>) -> SheetSpec {
    SheetSpec {
        format,
        title: "天津市科技创新“十四五”规划 · 空间布局".into(),
        subtitle: "测试 test".into(),
        view: MapView {
            bbox: NamedView::Tianjin.bbox(),
            layers: None,
            highlight: highlight.map(str::to_owned),
            district: None,
            lang,
        },
        date: "2026-11-21".into(),
        page_label: None,
    }
}

fn poppler(tool: &str, args: &[&str]) -> String {
    let out = Command::new(tool)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{tool} (Debian poppler-utils) must be installed: {e}"));
    assert!(out.status.success(), "{tool} {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn pdf_pages(path: &Path) -> usize {
    let info = poppler("pdfinfo", &[path.to_str().unwrap()]);
    info.lines().find(|l| l.starts_with("Pages:")).unwrap().split_whitespace().last().unwrap().parse().unwrap()
}

#[test]
fn a_map_sheet_is_svg_png_and_pdf_with_its_parts() {
    let atlas = atlas();
    let data = RenderData::load(&atlas).unwrap();
    let svg = map_sheet(&data, &sheet(PageFormat::A4Landscape, Lang::Zh, Some("xinchuang-valley")));
    // Parses as SVG, with CJK text laid out by a real font.
    let tree =
        svg2pdf::usvg::Tree::from_str(&svg, &svg2pdf::usvg::Options { fontdb: output::fonts(), ..Default::default() })
            .unwrap();
    assert!(tree.root().has_children());
    for part in ["图例", "创新标志区", "km", ">N<", "资料来源", "2026-11-21", "滨海新区"] {
        assert!(svg.contains(part), "the sheet lacks {part:?}");
    }
    let dir = out_dir();
    for (name, format, (w, h)) in [
        ("sheet-a4-landscape.png", PageFormat::A4Landscape, (1684, 1191)),
        ("sheet-slide.png", PageFormat::Slide, (1920, 1080)),
        ("sheet-a4.png", PageFormat::A4Portrait, (1191, 1684)),
    ] {
        let path = dir.join(name);
        output::write_page(&path, &map_sheet(&data, &sheet(format, Lang::Zh, None)), "sheet").unwrap();
        let bytes = std::fs::read(&path).unwrap();
        assert_eq!(&bytes[1..4], b"PNG");
        let (pw, ph) = (
            u32::from_be_bytes(bytes[16..20].try_into().unwrap()),
            u32::from_be_bytes(bytes[20..24].try_into().unwrap()),
        );
        assert!((pw as i64 - w).abs() <= 1 && (ph as i64 - h).abs() <= 1, "{name}: {pw}×{ph}, expected {w}×{h}");
    }
    let pdf = dir.join("sheet-en.pdf");
    output::write_page(&pdf, &map_sheet(&data, &sheet(PageFormat::Slide, Lang::En, None)), "sheet").unwrap();
    assert_eq!(pdf_pages(&pdf), 1);
    let info = poppler("pdfinfo", &[pdf.to_str().unwrap()]);
    assert!(info.contains("960 x 540 pts"), "{info}");
    let text = poppler("pdftotext", &[pdf.to_str().unwrap(), "-"]);
    assert!(text.contains("Legend") && text.contains("Binhai New Area"), "{text}");
    let fonts = poppler("pdffonts", &[pdf.to_str().unwrap()]);
    assert!(fonts.lines().skip(2).all(|l| l.contains(" yes yes ")), "every font embedded and subset:\n{fonts}");
}

/// The tallest run of blank rows on a page rendered at 40 dpi, as a share of the page's height
/// (pdftoppm's PGM: a text header, then one byte per pixel).
fn largest_blank_share(pdf: &Path, page: usize, stem: &str) -> f64 {
    let out = out_dir().join(stem);
    let n = page.to_string();
    poppler(
        "pdftoppm",
        &["-r", "40", "-gray", "-f", &n, "-l", &n, "-singlefile", pdf.to_str().unwrap(), out.to_str().unwrap()],
    );
    let bytes = std::fs::read(out.with_extension("pgm")).unwrap();
    let header: Vec<&[u8]> = bytes.splitn(5, |b| b.is_ascii_whitespace()).collect();
    let (w, h): (usize, usize) = (
        std::str::from_utf8(header[1]).unwrap().parse().unwrap(),
        std::str::from_utf8(header[2]).unwrap().parse().unwrap(),
    );
    let pixels = &bytes[bytes.len() - w * h..];
    let (mut run, mut longest) = (0, 0);
    for row in pixels.chunks(w) {
        // The page's margins are white; a row is blank when nothing inside them is drawn.
        run = if row[w / 20..w - w / 20].iter().all(|&p| p > 245) { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    longest as f64 / h as f64
}

/// The landmark tour's handout written as `name`.pdf: its path and its text (lines joined).
fn landmark_handout(lang: Lang, copy: HandoutCopy, name: &str) -> (PathBuf, String, usize) {
    let atlas = atlas();
    let data = RenderData::load(&atlas).unwrap();
    let tour = atlas.tour("landmark-zones").unwrap();
    let pages = handout_pages_for(&atlas, &data, &tour, lang, "2026-11-21", copy).unwrap();
    let path = out_dir().join(format!("{name}.pdf"));
    output::write_pdf(&path, &pages, "handout", &|_, _| true).unwrap();
    assert_eq!(pdf_pages(&path), tour.stops.len());
    let text = poppler("pdftotext", &[path.to_str().unwrap(), "-"]).replace('\n', " ");
    (path, text, tour.stops.len())
}

/// The map is large and no page is half empty: no blank band over 12 % of any page. Page 2 is
/// kept as a PNG to look at.
fn assert_pages_filled(path: &Path, pages: usize, stem: &str) {
    for page in 1..=pages {
        let blank = largest_blank_share(path, page, &format!("{stem}-page-{page}"));
        assert!(blank < 0.12, "page {page}: a blank band of {:.0} % of the page", blank * 100.0);
    }
    let png = out_dir().join(stem);
    poppler("pdftoppm", &["-r", "60", "-png", "-f", "2", "-l", "2", path.to_str().unwrap(), png.to_str().unwrap()]);
}

#[test]
fn a_tour_handout_has_a_page_per_stop_with_its_caption() {
    let (path, text, pages) = landmark_handout(Lang::Zh, HandoutCopy::Audience, "handout-landmark-zones");
    let atlas = atlas();
    for stop in &atlas.tour("landmark-zones").unwrap().stops {
        // pdftotext may break long captions across lines; the first characters are enough.
        let head: String = stop.caption_zh.chars().take(4).collect();
        assert!(text.contains(&head), "caption {:?} missing", stop.caption_zh);
    }
    // The audience reads the plan's words, not the speaker's notes.
    assert!(text.contains("规划原文"));
    assert!(!text.contains("讲解要点"), "no speaker notes in the audience's handout");
    assert_pages_filled(&path, pages, "handout-page");
    // Handouts are made by the same code the default `handout_pages` calls.
    let data = RenderData::load(&atlas).unwrap();
    let tour = atlas.tour("landmark-zones").unwrap();
    assert_eq!(handout_pages(&atlas, &data, &tour, Lang::Zh, "2026-11-21").unwrap().len(), pages);
}

#[test]
fn an_english_handout_renders_the_plan_and_the_speaker_copy_adds_the_notes() {
    let (path, text, pages) = landmark_handout(Lang::En, HandoutCopy::Audience, "handout-landmark-zones-en");
    assert!(text.contains("English rendering by the atlas team"), "{text}");
    assert!(!text.contains("Speaker notes"));
    // Chinese only inside the plan's quotes 「…」 and on their citation lines (—— section [whose]).
    let mut outside = text.clone();
    while let (Some(a), Some(b)) = (outside.find('「'), outside.find('」')) {
        if b < a {
            break;
        }
        outside.replace_range(a..b + '」'.len_utf8(), " ");
    }
    // After each "——", the citation runs to its "]".
    let outside: String = outside
        .split("——")
        .enumerate()
        .map(|(i, part)| if i == 0 { part } else { part.split_once(']').map_or(part, |(_, rest)| rest) })
        .collect();
    let chinese: String = outside.chars().filter(|c| ('\u{3400}'..='\u{9fff}').contains(c)).collect();
    assert!(chinese.is_empty(), "Chinese outside the plan's quotes on English pages: {chinese}");
    assert_pages_filled(&path, pages, "handout-page-en");

    let (_, text, _) = landmark_handout(Lang::En, HandoutCopy::Speaker, "handout-landmark-zones-en-speaker");
    assert!(text.contains("Speaker notes"));
}

#[test]
fn atlas_books_have_a_page_per_element_or_district() {
    let atlas = atlas();
    let data = RenderData::load(&atlas).unwrap();
    let mut seen = Vec::new();
    let pages = atlas_book_pages(&atlas, &data, Some("landmark_zone"), Lang::Zh, "2026-11-21", &mut |d, t| {
        seen.push((d, t));
        true
    })
    .unwrap();
    assert_eq!(pages.len(), 10);
    assert_eq!(seen.last(), Some(&(10, 10)), "progress reaches the end");
    let path = out_dir().join("book-landmark-zones.pdf");
    output::write_pdf(&path, &pages, "book", &|_, _| true).unwrap();
    let text = poppler("pdftotext", &[path.to_str().unwrap(), "-"]);
    for name in ["中国信创谷", "生物制造谷", "北方声谷", "国家农业科技园区"] {
        assert!(text.contains(name), "{name} missing");
    }
    let districts = district_pack_pages(&atlas, &data, Lang::Zh, "2026-11-21", &mut |_, _| true).unwrap();
    assert_eq!(districts.len(), 16);
    let path = out_dir().join("district-pack.pdf");
    output::write_pdf(&path, &districts, "districts", &|_, _| true).unwrap();
    assert_eq!(pdf_pages(&path), 16);
    assert!(poppler("pdftotext", &[path.to_str().unwrap(), "-"]).contains("滨海新区"));
    poppler(
        "pdftoppm",
        &[
            "-r",
            "60",
            "-png",
            "-f",
            "13",
            "-l",
            "13",
            path.to_str().unwrap(),
            out_dir().join("district-page").to_str().unwrap(),
        ],
    );
}

#[test]
fn cancelling_leaves_no_file_under_the_name() {
    let atlas = atlas();
    let data = RenderData::load(&atlas).unwrap();
    let cancelled = atlas_book_pages(&atlas, &data, None, Lang::Zh, "x", &mut |done, _| done < 3);
    assert!(cancelled.is_err());
    let pages = atlas_book_pages(&atlas, &data, Some("haihe_lab"), Lang::Zh, "x", &mut |_, _| true).unwrap();
    let path = out_dir().join("cancelled.pdf");
    let _ = std::fs::remove_file(&path);
    assert!(output::write_pdf(&path, &pages, "x", &|done, _| done < 2).is_err());
    assert!(!path.exists(), "a cancelled export must not leave a file");
    assert!(output::write_page(&out_dir().join("bad.docx"), "<svg/>", "x").is_err());
}
