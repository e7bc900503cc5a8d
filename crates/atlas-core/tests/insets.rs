//! Crowded clusters on paper (issue 15): at the overview the 滨海 core is one grouped symbol
//! with its count, outlined, and enlarged in an inset with its own scale bar and title, in SVG
//! and PDF, in both languages; the screen's table groups the same core at its overview zoom.
//! Pages are kept under test-output/exports/ to be looked at.

use std::path::Path;
use std::process::Command;

use atlas_core::plan::tours::NamedView;
use atlas_core::render::mapframe::MapView;
use atlas_core::render::page::{map_sheet, SheetSpec};
use atlas_core::render::{output, Lang, PageFormat, RenderData};
use atlas_core::Atlas;

mod common;

fn sheet(bbox: [f64; 4], lang: Lang) -> SheetSpec {
    SheetSpec {
        format: PageFormat::A4Landscape,
        title: "天津 Tianjin".into(),
        subtitle: "insets".into(),
        view: MapView { bbox, layers: None, highlight: None, district: None, lang },
        date: "2026-11-30".into(),
        page_label: None,
    }
}

/// The SVG between the inset's opening tag and its end (the inset is one `<g>`; nested groups
/// inside it are counted).
fn inset_body<'a>(svg: &'a str, letter: &str) -> &'a str {
    let start = svg.find(&format!(r#"<g data-inset="{letter}""#)).unwrap_or_else(|| panic!("no inset {letter}"));
    let mut depth = 0;
    let mut i = start;
    while let Some(off) = svg[i..].find(['<']) {
        i += off;
        if svg[i..].starts_with("<g") {
            depth += 1;
        } else if svg[i..].starts_with("</g>") {
            depth -= 1;
            if depth == 0 {
                return &svg[start..i];
            }
        }
        i += 1;
    }
    panic!("inset {letter} is not closed")
}

#[test]
fn the_overview_sheet_groups_the_binhai_core_with_an_inset_in_svg_and_pdf() {
    let (_dir, path) = common::fresh_atlas_file("insets", "sheet");
    let atlas = Atlas::open(&path).unwrap();
    let data = RenderData::load(&atlas).unwrap();
    let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../test-output/exports");
    std::fs::create_dir_all(&out).unwrap();
    for (lang, title, legend, name) in
        [(Lang::Zh, "A 放大图", "标于重心", "中国信创谷"), (Lang::En, "A Inset", "at centroid", "Cell Ecosystem")]
    {
        let svg = map_sheet(&data, &sheet(NamedView::Tianjin.bbox(), lang));
        assert!(svg.contains(r#"data-inset-area="A""#), "the enlarged area is outlined on the main map");
        let inset = inset_body(&svg, "A");
        assert!(inset.contains(title), "the inset is titled: {title}");
        assert!(inset.contains(" km<") || inset.contains(" m<"), "the inset has its own scale bar");
        assert!(inset.contains(name), "the core's elements are named in the inset: {name}");
        let main_map = svg.replace(inset, "");
        assert!(!main_map.contains(&format!(">{name}<")), "and not beside a crowded symbol on the main map");
        assert!(svg.contains(legend), "the legend says the grouped symbol stands at the centroid");
        let stem = format!("inset-sheet-{}", lang.pick("zh", "en"));
        let pdf = out.join(format!("{stem}.pdf"));
        output::write_page(&pdf, &svg, "sheet").unwrap();
        output::write_page(&out.join(format!("{stem}.png")), &svg, "sheet").unwrap();
        let text = Command::new("pdftotext").args([pdf.to_str().unwrap(), "-"]).output().expect("poppler-utils");
        let text = String::from_utf8_lossy(&text.stdout).replace('\n', " ");
        assert!(text.contains(title), "the PDF carries the inset's title {title}: {text}");
    }
}

#[test]
fn a_map_of_the_core_itself_needs_no_inset_and_the_screen_groups_the_same_core() {
    let (_dir, path) = common::fresh_atlas_file("insets", "core");
    let atlas = Atlas::open(&path).unwrap();
    let data = RenderData::load(&atlas).unwrap();
    // The 滨海 core at about 1:100,000: nothing crowds, nothing is grouped.
    let svg = map_sheet(&data, &sheet([117.55, 38.95, 117.85, 39.15], Lang::Zh));
    assert!(!svg.contains("data-inset"), "no inset where the symbols have room");
    // The screen's table (sent in the catalog): at the overview zoom the same core is a group.
    let catalog = atlas.plan_catalog().unwrap();
    let at = |z: f64| catalog.symbol_groups.iter().rev().find(|e| e.zoom <= z).unwrap();
    let overview = at(8.75);
    assert!(
        overview.groups.iter().any(|g| g.members.iter().any(|m| m == "xinchuang-valley") && g.members.len() >= 5),
        "{:?}",
        overview.groups
    );
    assert!(at(14.0).groups.is_empty(), "at 1–2 km scale every symbol stands alone");
    // Unlocated elements (margin slots) are a list, never grouped.
    let unlocated: Vec<&String> = catalog.unlocated.iter().collect();
    for entry in &catalog.symbol_groups {
        for g in &entry.groups {
            assert!(g.members.iter().all(|m| !unlocated.contains(&m)), "zoom {}: {:?}", entry.zoom, g.members);
        }
    }
}
