//! A district's one-page brief: for every district, in both languages, one A4 page that names
//! every element the plan puts there and, apart, the city-level ones that also apply (checked
//! in the PDF's text with poppler). The pages of 津南区 and 滨海新区 are kept under
//! test-output/exports/ to be looked at.

use std::path::{Path, PathBuf};
use std::process::Command;

use atlas_core::render::brief::{brief_contents, brief_page};
use atlas_core::render::{output, Lang, RenderData};
use atlas_core::Atlas;

mod common;
use common::build_default_at;

/// The default atlas, built in `dir`.
fn built_in(dir: &Path) -> Atlas {
    let path = dir.join("atlas.gpkg");
    build_default_at(&path);
    Atlas::open(&path).unwrap()
}

/// What a poppler tool (Debian poppler-utils) prints about `pdf`, with `extra` arguments.
fn poppler(tool: &str, pdf: &Path, extra: &[&str]) -> String {
    let mut command = Command::new(tool);
    command.args(extra).arg(pdf);
    if tool == "pdftotext" {
        command.arg("-");
    }
    let out = command.output().unwrap_or_else(|e| panic!("{tool} (poppler-utils) is needed: {e}"));
    assert!(out.status.success(), "{tool} {}: {}", pdf.display(), String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Where the pages to look at are kept.
fn kept() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../test-output/exports");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Text with every blank removed: names wrap across lines in a column.
fn squeezed(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn every_district_has_a_one_page_brief_with_its_own_and_the_city_level_elements_in_both_languages() {
    let dir = tempfile::tempdir().unwrap();
    let atlas = built_in(dir.path());
    let data = RenderData::load(&atlas).unwrap();
    let mut city_level_seen = 0;
    for d in &data.districts {
        let contents = brief_contents(&atlas, &d.adcode).unwrap();
        city_level_seen += contents.city_level.len();
        for lang in [Lang::Zh, Lang::En] {
            let svg = brief_page(&atlas, &data, &d.adcode, lang, "2026-11-30").unwrap();
            let pdf = output::pdf(&[svg], "brief", &|_, _| true).unwrap();
            let tag = match lang {
                Lang::Zh => "zh",
                Lang::En => "en",
            };
            let file = dir.path().join(format!("brief-{}-{tag}.pdf", d.adcode));
            std::fs::write(&file, &pdf).unwrap();
            let info = poppler("pdfinfo", &file, &[]);
            assert!(info.lines().any(|l| l.starts_with("Pages:") && l.ends_with(" 1")), "{} {tag}: {info}", d.name_zh);
            assert!(info.contains("595.28 x 841.89") || info.contains("595.3 x 841.9"), "A4 portrait: {info}");
            if d.name_zh == "津南区" || d.name_zh == "滨海新区" {
                std::fs::copy(&file, kept().join(format!("brief-{}-{tag}.pdf", d.adcode))).unwrap();
            }
            // The lists are set in two columns: read each half of the page on its own, or
            // pdftotext interleaves lines that sit side by side.
            let half = |x: &str| {
                squeezed(&poppler("pdftotext", &file, &["-r", "72", "-x", x, "-y", "0", "-W", "298", "-H", "842"]))
            };
            let (left, right) = (half("0"), half("297"));
            let text = format!("{left}{right}");
            let pick = |zh: &str, en: &str| squeezed(lang.pick(zh, en));
            assert!(text.contains(&pick(&d.name_zh, &d.name_en)), "{} {tag}: no district name", d.name_zh);
            assert!(text.contains("2026-11-30"), "{} {tag}: no date", d.name_zh);
            assert!(text.contains(&pick("资料来源", "Sources")), "{} {tag}: no sources", d.name_zh);
            for e in &contents.own {
                let n = pick(&e.name_zh, &e.name_en);
                assert!(text.contains(&n), "{} {tag}: the brief leaves out its element {n}", d.name_zh);
            }
            // The city-level elements come after their own heading, apart from the district's.
            if !contents.city_level.is_empty() {
                let heading = pick("同样适用于本区", "Also applies here");
                let at = left.find(&heading).unwrap_or_else(|| panic!("{} {tag}: no city-level heading", d.name_zh));
                for e in &contents.city_level {
                    let n = pick(&e.name_zh, &e.name_en);
                    let found = left[at..].contains(&n) || right.contains(&n);
                    assert!(found, "{} {tag}: the city-level element {n} is not listed apart", d.name_zh);
                }
            }
            if !contents.own.is_empty() {
                assert!(text.contains("——"), "{} {tag}: no plan sentence with its section", d.name_zh);
            }
        }
    }
    assert!(city_level_seen >= 32, "the city-wide pilot zones cover every district: {city_level_seen}");
}

#[test]
fn jinnan_lists_jincheng_and_the_city_wide_pilot_zones_apart_from_its_own() {
    let dir = tempfile::tempdir().unwrap();
    let atlas = built_in(dir.path());
    let b = brief_contents(&atlas, "津南区").unwrap();
    let ids = |v: &[atlas_core::store::atlas::ElementSummary]| v.iter().map(|e| e.id.clone()).collect::<Vec<_>>();
    let city = ids(&b.city_level);
    for id in ["jincheng", "ai-pilot-zone", "kechuang-china-pilot-city"] {
        assert!(city.contains(&id.to_owned()), "{id} in {city:?}");
    }
    let own = ids(&b.own);
    assert!(own.contains(&"haihe-education-park".to_owned()) && !own.contains(&"jincheng".to_owned()), "{own:?}");
    // Also by English name and adcode, as the CLI takes it.
    assert_eq!(brief_contents(&atlas, "Jinnan").unwrap().district.adcode, "120112");
    assert!(brief_contents(&atlas, "火星区").is_err());
}
