//! The data integrity checks pass on the committed data, and each of them fails when the data
//! is broken in the way it guards against (a check that cannot fail checks nothing).

use std::path::{Path, PathBuf};

use atlas_core::store::load_and_check;
use atlas_core::DataDir;

mod common;
use common::copy_dir;

fn data() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data")
}

/// A private copy of data/ to break.
fn copy_of_data(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("atlas-integrity-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    copy_dir(&data(), &dir);
    dir
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} does not contain {from:?}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

fn problems_after(name: &str, breakage: impl FnOnce(&Path)) -> Vec<String> {
    let dir = copy_of_data(name);
    breakage(&dir);
    let loaded = load_and_check(&DataDir::new(&dir)).expect("still parses");
    let _ = std::fs::remove_dir_all(&dir);
    loaded.problems.iter().map(|p| p.to_string()).collect()
}

/// Some problem names every one of `needles` (the element, the field, what is wrong).
fn assert_caught(problems: &[String], needles: &[&str]) {
    assert!(
        problems.iter().any(|p| needles.iter().all(|n| p.contains(n))),
        "no problem names {needles:?}: {problems:#?}"
    );
}

#[test]
fn the_committed_data_has_no_problems() {
    let loaded = load_and_check(&DataDir::new(data())).unwrap();
    let problems: Vec<String> = loaded.problems.iter().map(|p| p.to_string()).collect();
    assert!(problems.is_empty(), "{problems:#?}");
    assert!(loaded.plan.elements.len() >= 50);
}

#[test]
fn a_quote_not_in_the_plan_is_caught_with_file_element_and_field() {
    let problems = problems_after("quote", |d| {
        edit(&d.join("plan/elements/landmark-zones.toml"), "打造“中国信创谷”产业品牌", "打造“中国信创谷”世界品牌");
    });
    assert!(
        problems
            .iter()
            .any(|p| p.contains("landmark-zones.toml") && p.contains("xinchuang-valley") && p.contains("quote[")),
        "{problems:#?}"
    );
}

#[test]
fn a_point_outside_its_district_is_caught() {
    // Move 中国信创谷 (claims 滨海新区) to the middle of 和平区.
    let problems = problems_after("point", |d| {
        let path = d.join("plan/elements/landmark-zones.toml");
        let text = std::fs::read_to_string(&path).unwrap();
        let start = text.find("id = \"xinchuang-valley\"").unwrap();
        let point_at = start + text[start..].find("point = [").unwrap();
        let end = point_at + text[point_at..].find(']').unwrap() + 1;
        let moved = format!("{}point = [117.2000, 39.1200]{}", &text[..point_at], &text[end..]);
        std::fs::write(&path, moved).unwrap();
    });
    assert_caught(&problems, &["xinchuang-valley", "120101"]);
}

#[test]
fn duplicate_ids_missing_names_and_unknown_categories_are_caught() {
    let problems = problems_after("ids", |d| {
        let path = d.join("plan/elements/landmark-zones.toml");
        edit(&path, "id = \"biomanufacturing-valley\"", "id = \"xinchuang-valley\"");
        edit(&path, "name_en = \"China Xinchuang Valley\"", "name_en = \"\"");
        edit(&path, "category = \"landmark_zone\"", "category = \"landmark\"");
    });
    assert_caught(&problems, &["duplicate element id"]);
    assert_caught(&problems, &["name_en"]);
    assert_caught(&problems, &["\"landmark\" is not in categories.toml"]);
}

#[test]
fn a_category_without_a_valid_style_is_caught() {
    let problems = problems_after("style", |d| {
        edit(&d.join("plan/categories.toml"), "symbol = \"diamond\"", "symbol = \"blob\"");
        edit(&d.join("plan/categories.toml"), "stroke = \"#8b0000\"", "stroke = \"darkred\"");
    });
    assert_caught(&problems, &["style.symbol"]);
    assert_caught(&problems, &["style.stroke"]);
}

#[test]
fn a_missing_required_element_is_caught() {
    let problems = problems_after("required", |d| {
        edit(&d.join("plan/elements/landmark-zones.toml"), "name_zh = \"北方声谷\"", "name_zh = \"声谷\"");
    });
    assert_caught(&problems, &["北方声谷", "needs it"]);
}

#[test]
fn anchors_must_be_the_plans_words() {
    let problems = problems_after("anchor", |d| {
        edit(&d.join("plan/elements/landmark-zones.toml"), "\"国家合成生物技术创新中心\"", "\"合成生物国家中心\"");
    });
    assert_caught(&problems, &["anchors", "合成生物国家中心"]);
}

#[test]
fn seeds_in_the_repository_match_the_shared_originals_when_present() {
    // CI has ../shared beside the checkout: the committed copies must not drift from it.
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seeds");
    if !shared.exists() {
        eprintln!("{} not present; checked against SOURCES.md checksums only", shared.display());
        return;
    }
    for (copy, original) in [("000.txt", "000_74686b48728b06a6.txt"), ("002.txt", "002_0e8391b47bb11ed5.txt")] {
        let a = std::fs::read(data().join("plan/seeds").join(copy)).unwrap();
        let b = std::fs::read(shared.join(original)).unwrap();
        assert!(a == b, "data/plan/seeds/{copy} differs from shared/seeds/{original}");
    }
}

#[test]
fn seed_checksums_match_sources_md() {
    use sha2::{Digest, Sha256};
    let sources = std::fs::read_to_string(data().join("SOURCES.md")).unwrap();
    for name in ["000.txt", "002.txt"] {
        let digest = Sha256::digest(std::fs::read(data().join("plan/seeds").join(name)).unwrap());
        let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
        assert!(sources.contains(&hex), "SOURCES.md does not record sha256 {hex} of seeds/{name}");
    }
}

// ---------------------------------------------------------------- plan fidelity (issue 13)

/// Replaces the `point = [...]` of element `id` in `file`.
fn move_point(d: &Path, file: &str, id: &str, to: &str) {
    let path = d.join("plan/elements").join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    let start = text.find(&format!("id = \"{id}\"")).unwrap();
    let point_at = start + text[start..].find("point = [").unwrap();
    let end = point_at + text[point_at..].find(']').unwrap() + 1;
    std::fs::write(&path, format!("{}point = {to}{}", &text[..point_at], &text[end..])).unwrap();
}

/// Replaces the first `from` after element `id`'s header in `file`.
fn edit_element(d: &Path, file: &str, id: &str, from: &str, to: &str) {
    let path = d.join("plan/elements").join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    let start = text.find(&format!("id = \"{id}\"")).unwrap();
    let at = start + text[start..].find(from).unwrap_or_else(|| panic!("{id} has no {from:?} after it"));
    std::fs::write(&path, format!("{}{to}{}", &text[..at], &text[at + from.len()..])).unwrap();
}

#[test]
fn an_element_claiming_only_the_city_drawn_inside_a_district_is_caught() {
    // The old placeholder: 国家应用数学中心 back in the middle of 和平区.
    let problems = problems_after("city-only", |d| {
        move_point(d, "platforms.toml", "national-applied-math-centre", "[117.190, 39.114]");
    });
    assert!(
        problems.iter().any(|p| p.contains("national-applied-math-centre")
            && p.contains("120101")
            && p.contains("claims no district")),
        "{problems:#?}"
    );
}

#[test]
fn a_point_in_the_city_outline_but_not_in_its_claimed_district_is_caught() {
    // Claiming the city as well as 津南区 does not let the seismic facility sit in 和平区.
    let problems = problems_after("city-and-district", |d| {
        edit_element(
            d,
            "platforms.toml",
            "seismic-simulation-facility",
            "districts = [\"120112\"]",
            "districts = [\"120000\", \"120112\"]",
        );
        move_point(d, "platforms.toml", "seismic-simulation-facility", "[117.190, 39.114]");
    });
    assert_caught(&problems, &["seismic-simulation-facility", "120101 和平区"]);
}

#[test]
fn a_margin_slot_on_a_districts_edge_is_caught() {
    // Just off the coast (outside every polygon, but within a kilometre or two of 滨海新区).
    let problems = problems_after("slot-edge", |d| {
        move_point(d, "platforms.toml", "national-applied-math-centre", "[117.98, 39.185]");
    });
    assert!(
        problems
            .iter()
            .any(|p| p.contains("national-applied-math-centre") && p.contains("margin slot") && p.contains("120116")),
        "{problems:#?}"
    );
}

#[test]
fn an_unlocated_element_claiming_a_district_is_caught() {
    let problems = problems_after("unlocated-district", |d| {
        edit_element(
            d,
            "platforms.toml",
            "national-applied-math-centre",
            "districts = [\"120000\"]",
            "districts = [\"120104\"]",
        );
    });
    assert!(
        problems.iter().any(|p| p.contains("national-applied-math-centre")
            && p.contains("districts")
            && p.contains("claims no district")),
        "{problems:#?}"
    );
}

#[test]
fn a_quote_with_the_wrong_seed_or_kind_is_caught() {
    let problems = problems_after("quote-kind", |d| {
        // A box's content passed off as the plan's own text, and as read from the plan seed.
        edit_element(
            d,
            "landmark-zones.toml",
            "xinchuang-valley",
            "seed = \"002\"\nkind = \"box\"",
            "seed = \"002\"\nkind = \"plan\"",
        );
        edit_element(d, "landmark-zones.toml", "northern-voice-valley", "seed = \"002\"", "seed = \"000\"");
    });
    assert_caught(&problems, &["xinchuang-valley", "is box text"]);
    assert_caught(&problems, &["northern-voice-valley", "read from seed 002"]);
}

#[test]
fn the_journalists_own_sentence_cannot_be_quoted_as_the_plan() {
    let problems = problems_after("digest", |d| {
        edit_element(
            d,
            "haihe-labs.toml",
            "haihe-lab-green-matter",
            "[[element.quote]]",
            "[[element.quote]]\ntext = \"对标国家实验室建设海河实验室,明确了包括“物质绿色创造与制造”在内的5个重点领域方向。\"\nseed = \"002\"\nkind = \"news\"\n\n[[element.quote]]",
        );
    });
    assert_caught(&problems, &["haihe-lab-green-matter", "news summary's own sentence"]);
}

#[test]
fn a_site_without_a_named_source_or_with_a_wide_radius_is_caught() {
    let problems = problems_after("site", |d| {
        edit_element(d, "platforms.toml", "seismic-simulation-facility", "source_name = ", "# source_name = ");
        edit_element(d, "institutions.toml", "tcm-university", "uncertainty_km = 2.0", "uncertainty_km = 8.0");
    });
    assert_caught(&problems, &["seismic-simulation-facility", "location.source_name"]);
    assert_caught(&problems, &["tcm-university", "location.uncertainty_km"]);
}

#[test]
fn an_unmarked_label_name_and_a_plan_name_marked_as_label_are_caught() {
    let problems = problems_after("labels", |d| {
        edit_element(d, "clusters.toml", "hongqiao-cluster", "name_kind = \"label\"\n", "");
        edit_element(d, "landmark-zones.toml", "xinchuang-valley", "name_en = ", "name_kind = \"label\"\nname_en = ");
    });
    assert_caught(&problems, &["hongqiao-cluster", "name_kind", "label"]);
    assert_caught(&problems, &["xinchuang-valley", "the plan's own name"]);
}

#[test]
fn an_institution_no_zone_relies_on_is_caught() {
    let problems = problems_after("institution", |d| {
        edit_element(
            d,
            "clusters.toml",
            "qihang-innovation-zone",
            "relies_on = [\"tianjin-university\", \"nankai-university\"]",
            "relies_on = [\"nankai-university\"]",
        );
    });
    assert_caught(&problems, &["tianjin-university", "no element relies on"]);
}

#[test]
fn the_committed_data_keeps_its_fidelity_promises() {
    let loaded = load_and_check(&DataDir::new(data())).unwrap();
    let el = |id: &str| loaded.plan.element(id).unwrap_or_else(|| panic!("{id}"));
    // Hosts are not zones: the three 依托X区 zones are symbols, not their host's polygon.
    for id in ["tcm-valley", "national-agri-sci-park", "dongli-rd-cluster"] {
        assert!(el(id).location.point.is_some(), "{id} is drawn as its host district");
    }
    // Several hosts are all kept.
    assert_eq!(el("cell-valley").other_hosts, ["binhai-hi-tech-zone"]);
    assert_eq!(el("hydrogen-town").other_hosts, ["airport-area"]);
    // The two indirectly located platforms are sites with a named source.
    for (id, district) in [("seismic-simulation-facility", "120112"), ("tcm-components-skl", "120118")] {
        let e = el(id);
        assert_eq!(e.location.basis, atlas_core::plan::LocationBasis::Site, "{id}");
        assert!(e.location.source_name.is_some() && e.districts == [district], "{id}");
    }
    // Nothing claims only the city and sits in 和平区 any more.
    let unlocated: Vec<&str> = loaded
        .plan
        .elements
        .iter()
        .filter(|e| e.spec.location.basis == atlas_core::plan::LocationBasis::Unlocated)
        .map(|e| e.spec.id.as_str())
        .collect();
    assert!(unlocated.contains(&"city-of-design") && unlocated.contains(&"haihe-lab-green-matter"), "{unlocated:?}");
}
