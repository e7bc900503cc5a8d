//! Plan fidelity in a built atlas (issue 13): what the district views, the catalog, the detail
//! panel, the reader and the exports say about unlocated elements, label names, quote kinds and
//! sites; and that a schema-6 file migrates to the new plan columns and takes the new edition.

use atlas_core::plan::text::ParagraphKind::Body;
use atlas_core::plan::LocationBasis;
use atlas_core::plan::{NameKind, QuoteKind};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use atlas_core::Atlas;

mod common;
use common::{fresh_atlas_file, scratch};

fn built() -> &'static Path {
    static PATH: OnceLock<PathBuf> = OnceLock::new();
    PATH.get_or_init(|| fresh_atlas_file("fidelity", "built").1)
}

fn atlas() -> Atlas {
    Atlas::open_read_only(built()).unwrap()
}

#[test]
fn no_district_view_shows_or_counts_an_unlocated_element() {
    let a = atlas();
    let unlocated = a.unlocated_ids();
    assert!(unlocated.len() >= 8, "{unlocated:?}");
    for d in a.districts() {
        let report = a.district_report(&d.adcode).unwrap();
        assert!(report.elements.iter().all(|e| !unlocated.contains(&e.id)), "{}", d.name_zh);
    }
    // 和平区 no longer holds the eight placeholders: the points that remain there are real sites.
    let heping = a.district_report("120101").unwrap();
    for e in heping.elements.iter().filter(|e| e.bbox[0] == e.bbox[2] && e.bbox[1] == e.bbox[3]) {
        assert_eq!(e.location_basis, LocationBasis::Site, "{} in 和平区", e.id);
    }
    // Their margin slots are outside every district, and the atlas check agrees.
    for id in &unlocated {
        let e = a.element(id).unwrap();
        assert!(a.district_at(e.label[0], e.label[1]).is_none(), "{id} is drawn in a district");
    }
    assert!(atlas_core::integrity::check_atlas(&a).unwrap().is_empty());
    let catalog = a.plan_catalog().unwrap();
    assert_eq!(catalog.unlocated, unlocated);
    assert_eq!(
        catalog.districts.iter().find(|d| d.district.adcode == "120101").unwrap().element_count,
        heping.elements.len()
    );
}

#[test]
fn detail_says_whose_words_whose_name_and_where_from() {
    let a = atlas();
    let d = a.element_detail("haihe-lab-green-matter").unwrap();
    assert!(!d.located && d.name_kind == NameKind::Label && d.later_name_zh.is_some());
    assert!(d.quotes.iter().all(|q| !q.text.contains("明确了包括")), "the journalist's sentence is not quoted");
    let d = a.element_detail("seismic-simulation-facility").unwrap();
    assert_eq!(d.summary.location_basis, LocationBasis::Site);
    assert!(d.source_name.as_deref().is_some_and(|s| s.contains("天津大学")));
    assert_eq!(d.districts[0].adcode, "120112");
    // Several hosts, and institutions linked both ways.
    let cell = a.element_detail("cell-valley").unwrap();
    assert_eq!(cell.hosts.iter().map(|h| h.id.as_str()).collect::<Vec<_>>(), ["teda", "binhai-hi-tech-zone"]);
    assert!(cell.relies_on.iter().any(|x| x.id == "pumc-blood-hospital"));
    let hospital = a.element_detail("pumc-blood-hospital").unwrap();
    assert!(hospital.relied_on_by.iter().any(|x| x.id == "cell-valley"));
    assert!(a.element_detail("binhai-hi-tech-zone").unwrap().hosted.iter().any(|x| x.id == "cell-valley"));
    // Quote kinds: box content and plan text, read from where the build finds them.
    let valley = a.element_detail("tcm-valley").unwrap();
    assert_eq!((valley.quotes[0].seed.code(), valley.quotes[0].kind.as_str()), ("002", "box"));
    assert_eq!(
        valley.summary.location_basis,
        LocationBasis::Schematic,
        "a hosted zone is a symbol, not its host district"
    );
    let themes = a.themes().unwrap();
    let news: Vec<_> = themes.iter().flat_map(|t| &t.quotes).filter(|q| q.kind == QuoteKind::News).collect();
    assert_eq!(news.len(), 3, "the three elided subsections quoted from the news summary");
}

#[test]
fn the_reader_labels_borrowed_text_and_says_what_is_missing() {
    let a = atlas();
    let text = a.plan_text().unwrap();
    let section = |id: &str| text.iter().find(|s| s.header.id == id).unwrap();
    for id in ["c2.2.2", "c2.2.5", "c2.2.7"] {
        let s = section(id);
        assert!(s.header.note_zh.as_deref().is_some_and(|n| n.contains("新闻稿")), "{id}");
        assert!(s.paragraphs.iter().all(|p| p.text_kind == "news"), "{id}");
    }
    assert_eq!(
        section("c2.2.2").paragraphs.iter().filter(|p| p.kind == Body).count()
            + section("c2.2.5").paragraphs.iter().filter(|p| p.kind == Body).count()
            + section("c2.2.7").paragraphs.iter().filter(|p| p.kind == Body).count()
            + section("c2.2.2").paragraphs.iter().filter(|p| p.kind != Body).count()
            + section("c2.2.5").paragraphs.iter().filter(|p| p.kind != Body).count()
            + section("c2.2.7").paragraphs.iter().filter(|p| p.kind != Body).count(),
        15
    );
    assert!(section("c2.2.2").header.note_zh.as_deref().unwrap().contains("药物、医疗器械、生物制造、健康"));
    assert!(section("c1.2.2").header.note_zh.as_deref().unwrap().contains("表1"));
    assert!(section("c8.1.2").header.note_zh.as_deref().unwrap().contains("建立公开提名等机制。"));
    assert!(section("box3").paragraphs.iter().all(|p| p.text_kind == "box"));
    assert!(section("c6.2.2").paragraphs.iter().all(|p| p.text_kind == "plan"));
    let hits = a.search("无人机", 10).unwrap();
    assert!(hits.paragraphs.iter().any(|p| p.text_kind == "news"));
}

#[test]
fn a_schema_6_atlas_migrates_and_takes_the_new_edition() {
    let dir = scratch("fidelity", "schema6");
    let path = dir.join("atlas.gpkg");
    std::fs::copy(built(), &path).unwrap();
    {
        // Make it look like schema 6: the plan tables without the schema-7 columns and CHECKs.
        let c = rusqlite::Connection::open(&path).unwrap();
        let v6: Vec<String> = atlas_core::store::schema::PLAN_ELEMENT_COLUMNS
            .iter()
            .take_while(|c| !c.starts_with("name_kind "))
            .map(|c| c.replace(",'unlocated'", ""))
            .collect();
        let list: Vec<&str> = v6.iter().map(|c| c.split(' ').next().unwrap()).collect();
        let list = list.join(", ");
        c.execute_batch(&format!(
            "PRAGMA foreign_keys = OFF;
             CREATE TABLE v6 ({});
             INSERT INTO v6 SELECT {list} FROM plan_elements WHERE location_basis != 'unlocated';
             DROP TABLE plan_elements; ALTER TABLE v6 RENAME TO plan_elements;
             ALTER TABLE plan_quotes DROP COLUMN kind; ALTER TABLE plan_sections DROP COLUMN note_zh; ALTER TABLE plan_sections DROP COLUMN note_en;
             UPDATE atlas_meta SET value = 'old' WHERE key = 'plan_edition';
             UPDATE atlas_meta SET value = '6' WHERE key = 'schema_version';",
            v6.join(", ")
        ))
        .unwrap();
    }
    let atlas = Atlas::open(&path).unwrap();
    assert!(atlas.migration_backup.is_some());
    // Migrated rows read as before: plan names and plan quotes until the new edition arrives.
    assert_eq!(atlas.element_detail("xinchuang-valley").unwrap().name_kind, NameKind::Plan);
    drop(atlas);
    let report = atlas_core::store::edition::install_plan_edition(&path, built()).unwrap().expect("editions differ");
    assert_eq!(report.from, "old");
    let atlas = Atlas::open(&path).unwrap();
    assert_eq!(atlas.element_detail("hongqiao-cluster").unwrap().name_kind, NameKind::Label);
    assert!(atlas.element_detail("city-of-design").map(|d| !d.located).unwrap());
    assert!(atlas_core::integrity::check_atlas(&atlas).unwrap().is_empty());
}
