//! How the CLI shows results: readable text by default, JSON with `--json`.

mod import_words;

use atlas_core::import::ImportReport;
use atlas_core::plan::{Category, Seed};
use atlas_core::query::detail::ElementDetail;
use atlas_core::query::districts::DistrictReport;
use atlas_core::query::nearby::Nearby;
use atlas_core::query::reader::ReaderSection;
use atlas_core::query::search::SearchResults;
use atlas_core::render::Lang;
use atlas_core::store::atlas::ElementSummary;
use atlas_core::store::BuildReport;
use atlas_core::user::features::UserLayer;
use atlas_core::user::notes::Note;
use atlas_core::user::tours::{Tour, TourSummary};
use serde::Serialize;

fn to_json<T: Serialize + ?Sized>(value: &T) {
    println!("{}", serde_json::to_string_pretty(value).expect("results serialise"));
}

pub fn value<T: Serialize>(value: &T, text: &str, json: bool) {
    if json {
        to_json(value)
    } else {
        println!("{text}")
    }
}

/// A list: as JSON, or one line per item.
fn list<T: Serialize>(items: &[T], json: bool, line: impl Fn(&T) -> String) {
    let lines: Vec<String> = items.iter().map(line).collect();
    value(&items, &lines.join("\n"), json);
}

pub fn build_report(r: &BuildReport, json: bool) {
    if json {
        to_json(&serde_json::json!({
            "path": r.path, "elements": r.elements, "sections": r.sections, "paragraphs": r.paragraphs,
            "bytes": r.bytes, "load_ms": r.load_ms, "write_ms": r.write_ms, "edition": r.edition,
        }));
    } else {
        println!(
            "built {}: {} elements, {} sections, {} paragraphs, {} KB, edition {} (load+check {:.0} ms, write {:.0} ms)",
            r.path.display(),
            r.elements,
            r.sections,
            r.paragraphs,
            r.bytes / 1024,
            r.edition,
            r.load_ms,
            r.write_ms
        );
    }
}

pub fn problems(problems: &[String], elements: usize, json: bool) {
    if json {
        to_json(&serde_json::json!({ "elements": elements, "problems": problems }));
    } else if problems.is_empty() {
        println!("ok: {elements} elements, no problems");
    } else {
        for p in problems {
            println!("{p}");
        }
    }
}

fn basis_mark(basis: &str) -> &'static str {
    match basis {
        "boundary" => "▭ boundary ",
        "site" => "● site     ",
        _ => "◌ schematic",
    }
}

pub fn zones(zones: &[ElementSummary], json: bool) {
    list(zones, json, |z| {
        format!(
            "{:<34} {:<20} {}  {} / {}",
            z.id,
            z.category,
            basis_mark(z.location_basis.as_str()),
            z.name_zh,
            z.name_en
        )
    });
    if !json {
        println!("{} element(s)", zones.len());
    }
}

/// `atlas show`: one element in `lang`. The plan's quotes are its own Chinese words in both;
/// the note and the location source are ours, in the language asked for (an atlas from before
/// schema 9's data has them in English only, and says so).
pub fn detail(d: &ElementDetail, json: bool, lang: Lang) {
    if json {
        return to_json(d);
    }
    match lang {
        Lang::Zh => detail_zh(d),
        Lang::En => detail_en(d),
    }
}

fn detail_zh(d: &ElementDetail) {
    let s = &d.summary;
    let english_only = |en: &str| format!("{en}(仅有英文)");
    println!("{}  {}", s.name_zh, s.name_en);
    println!("  编号:{}", s.id);
    println!("  类别:{}", d.category_name_zh);
    let districts: Vec<String> = d.districts.iter().map(|x| format!("{} {}", x.name_zh, x.adcode)).collect();
    println!("  所在区:{}", districts.join("、"));
    if let Some(h) = &d.host_text {
        println!("  依托:{h}{}", d.host.as_ref().map(|h| format!(" → {}", h.id)).unwrap_or_default());
    }
    let basis = match s.location_basis.as_str() {
        "boundary" => "▭ 行政边界",
        "site" => "● 已知地点",
        "unlocated" => "未定位",
        _ => "◌ 示意位置",
    };
    let uncertainty = d.uncertainty_km.map(|u| format!(",误差约 ±{u} 公里")).unwrap_or_default();
    let source = d.location_source_zh.clone().unwrap_or_else(|| english_only(&d.location_source));
    println!("  位置:{basis}{uncertainty} — {source}");
    if !d.anchors.is_empty() {
        println!("  依托机构:{}", d.anchors.join("、"));
    }
    if !d.focus.is_empty() {
        println!("  重点领域:{}", d.focus.join("、"));
    }
    if !d.themes.is_empty() {
        let t: Vec<&str> = d.themes.iter().map(|t| t.name_zh.as_str()).collect();
        println!("  主题:{}", t.join("、"));
    }
    if let Some(n) = d.note_zh.clone().or_else(|| d.note.as_deref().map(english_only)) {
        println!("  说明:{n}");
    }
    quotes(d);
    if !d.related.is_empty() {
        let r: Vec<&str> = d.related.iter().map(|r| r.id.as_str()).collect();
        println!("  相关:{}", r.join(", "));
    }
}

/// The plan's words on an element, each with where in the plan it stands.
fn quotes(d: &ElementDetail) {
    for q in &d.quotes {
        println!("  「{}」", q.text);
        println!(
            "      — {} [{}]",
            q.section_path.join(" › "),
            if q.seed == Seed::Plan { "规划原文" } else { "专栏(据新闻稿 002)" }
        );
    }
}

fn detail_en(d: &ElementDetail) {
    let s = &d.summary;
    println!("{}  {}", s.name_zh, s.name_en);
    println!("  id:        {}", s.id);
    println!("  category:  {} / {}", d.category_name_zh, d.category_name_en);
    let districts: Vec<String> = d.districts.iter().map(|x| format!("{} {}", x.name_zh, x.adcode)).collect();
    println!("  districts: {}", districts.join(", "));
    if let Some(h) = &d.host_text {
        println!("  host:      {h}{}", d.host.as_ref().map(|h| format!(" → {}", h.id)).unwrap_or_default());
    }
    let uncertainty = d.uncertainty_km.map(|u| format!(", ±{u} km")).unwrap_or_default();
    println!("  location:  {}{uncertainty} — {}", basis_mark(s.location_basis.as_str()).trim(), d.location_source);
    if !d.anchors.is_empty() {
        println!("  anchors:   {}", d.anchors.join(" · "));
    }
    if !d.focus.is_empty() {
        println!("  focus:     {}", d.focus.join(" · "));
    }
    if !d.themes.is_empty() {
        let t: Vec<&str> = d.themes.iter().map(|t| t.name_zh.as_str()).collect();
        println!("  themes:    {}", t.join(" · "));
    }
    if let Some(n) = &d.note {
        println!("  note:      {n}");
    }
    quotes(d);
    if !d.related.is_empty() {
        let r: Vec<&str> = d.related.iter().map(|r| r.id.as_str()).collect();
        println!("  related:   {}", r.join(", "));
    }
}

pub fn search(r: &SearchResults, json: bool) {
    if json {
        return to_json(r);
    }
    println!("elements ({}):", r.elements.len());
    for h in &r.elements {
        println!("  {:>3}  {:<34} {} / {}", h.score, h.element.id, h.element.name_zh, h.element.name_en);
    }
    println!("themes ({}):", r.themes.len());
    for t in &r.themes {
        println!("  {:>3}  {:<34} {} / {}", t.score, t.id, t.name_zh, t.name_en);
    }
    println!("plan text ({}):", r.paragraphs.len());
    for p in &r.paragraphs {
        println!("  {:<10} {}", p.section_id, p.snippet);
    }
    if !r.notes.is_empty() {
        println!("notes ({}):", r.notes.len());
        for n in &r.notes {
            println!("  {:>5} {}:{}  {}", n.id, n.target_kind.as_str(), n.target_id, n.text);
        }
    }
    if !r.features.is_empty() {
        println!("own features ({}):", r.features.len());
        for f in &r.features {
            println!("  {:>7} {:<10} {}", f.id, f.layer_id, f.name);
        }
    }
}

pub fn district(r: &DistrictReport, json: bool) {
    if json {
        return to_json(r);
    }
    println!("{} {} ({})", r.district.name_zh, r.district.name_en, r.district.adcode);
    let counts: Vec<String> = r.counts_by_category.iter().map(|(c, n)| format!("{c} {n}")).collect();
    println!("  {} element(s): {}", r.elements.len(), counts.join(", "));
    for z in &r.elements {
        println!("  {:<34} {:<20} {}  {}", z.id, z.category, basis_mark(z.location_basis.as_str()), z.name_zh);
    }
}

pub fn district_list(reports: &[DistrictReport], json: bool) {
    list(reports, json, |r| {
        let d = &r.district;
        format!("{}  {:<6} {:<16} {:>3} element(s)", d.adcode, d.name_zh, d.name_en, r.elements.len())
    });
}

pub fn nearby(found: &[Nearby], json: bool) {
    list(found, json, |n| format!("{:>8.0} m  {:<34} {}", n.distance_m, n.element.id, n.element.name_zh));
}

pub fn categories(categories: &[Category], json: bool) {
    list(categories, json, |c| {
        let s = &c.style;
        format!("{:<22} {:<10} {:<8} {}  {} / {}", c.id, s.symbol, s.fill, s.stroke, c.name_zh, c.name_en)
    });
}

pub fn text(sections: &[ReaderSection], json: bool) {
    if json {
        return to_json(sections);
    }
    for s in sections {
        let h = &s.header;
        let source = if h.seed == Seed::NewsSummary { "  [据新闻稿 002]" } else { "" };
        println!("\n{}{} [{}]{source}", "  ".repeat(h.depth), h.title_zh, h.id);
        for p in &s.paragraphs {
            println!("{}  {}", "  ".repeat(h.depth), p.text);
        }
    }
}

pub fn migration(path: &std::path::Path, schema: i64, backup: Option<&std::path::Path>) {
    match backup {
        Some(b) => {
            println!("migrated {} to schema {schema}; the old file is backed up at {}", path.display(), b.display())
        }
        None => println!("{} is already at schema {schema}", path.display()),
    }
}

pub fn backups(entries: &[atlas_core::files::backups::BackupEntry], json: bool) {
    if json {
        println!("{}", serde_json::to_string_pretty(entries).unwrap_or_default());
        return;
    }
    if entries.is_empty() {
        println!("no backups yet (one is made before every reset, restore, migration and plan update)");
    }
    let n = |c: Option<i64>| c.map(|c| c.to_string()).unwrap_or_else(|| "?".into());
    for b in entries {
        println!(
            "{}  {:<20} notes {:>4}  own features {:>7}  tours {:>3}  {}",
            b.created,
            format!("{:?}", b.kind).to_lowercase(),
            n(b.notes),
            n(b.own_features),
            n(b.tours),
            b.file_name
        );
    }
}

pub fn restored(r: &atlas_core::files::lifecycle::Restored) {
    println!("restored {}; the file as it was is kept at {}", r.restored.display(), r.safety_backup.display());
    for n in &r.notices {
        println!("{n}");
    }
}

pub fn import_report(report: &ImportReport, json: bool) {
    let repaired = if report.repaired.is_empty() {
        String::new()
    } else {
        let first: Vec<String> = report.repaired.iter().take(5).map(|(i, w)| format!("feature {i}: {w}")).collect();
        format!("; repaired {}: {}", report.repaired.len(), first.join("; "))
    };
    let text = format!(
        "imported {} feature(s) into {} in {:.2} s ({:.1} MB/s){repaired}",
        report.features,
        report.layers.join(", "),
        report.seconds,
        report.bytes as f64 / 1e6 / report.seconds.max(1e-9),
    );
    // What was detected or assumed (CRS, axis order, encoding), and decoded samples to check.
    let mut text = text;
    for note in &report.notes {
        text.push_str(&format!("\n  {}", import_words::note(note)));
    }
    if !report.samples.is_empty() {
        text.push_str(&format!("\n  sample values: {}", report.samples.join(" | ")));
    }
    value(report, &text, json);
}

pub fn layers(layers: &[UserLayer], json: bool) {
    list(layers, json, |l| format!("{:<12} {:>7} features  {}  ({})", l.id, l.feature_count, l.name, l.source));
}

pub fn notes(notes: &[Note], json: bool) {
    list(notes, json, |n| {
        format!("{:>5} {}:{}  {}  {}", n.id, n.target_kind.as_str(), n.target_id, n.updated_at, n.text)
    });
}

pub fn tours(tours: &[TourSummary], json: bool) {
    list(tours, json, |t| format!("{:<24} {:>3} stops  {} / {}", t.id, t.stop_count, t.name_zh, t.name_en));
}

pub fn tour(tour: &Tour, json: bool) {
    let stops: Vec<String> = tour
        .stops
        .iter()
        .enumerate()
        .map(|(i, s)| format!("{:>2}. {} / {}", i + 1, s.caption_zh, s.caption_en))
        .collect();
    value(tour, &format!("{} / {}\n{}", tour.name_zh, tour.name_en, stops.join("\n")), json);
}
