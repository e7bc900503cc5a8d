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
    assert!(problems.iter().any(|p| p.contains("xinchuang-valley") && p.contains("120101")), "{problems:#?}");
}

#[test]
fn duplicate_ids_missing_names_and_unknown_categories_are_caught() {
    let problems = problems_after("ids", |d| {
        let path = d.join("plan/elements/landmark-zones.toml");
        edit(&path, "id = \"biomanufacturing-valley\"", "id = \"xinchuang-valley\"");
        edit(&path, "name_en = \"China Xinchuang Valley\"", "name_en = \"\"");
        edit(&path, "category = \"landmark_zone\"", "category = \"landmark\"");
    });
    assert!(problems.iter().any(|p| p.contains("duplicate element id")), "{problems:#?}");
    assert!(problems.iter().any(|p| p.contains("name_en")), "{problems:#?}");
    assert!(problems.iter().any(|p| p.contains("\"landmark\" is not in categories.toml")), "{problems:#?}");
}

#[test]
fn a_category_without_a_valid_style_is_caught() {
    let problems = problems_after("style", |d| {
        edit(&d.join("plan/categories.toml"), "symbol = \"diamond\"", "symbol = \"blob\"");
        edit(&d.join("plan/categories.toml"), "stroke = \"#8b0000\"", "stroke = \"darkred\"");
    });
    assert!(problems.iter().any(|p| p.contains("style.symbol")), "{problems:#?}");
    assert!(problems.iter().any(|p| p.contains("style.stroke")), "{problems:#?}");
}

#[test]
fn a_missing_required_element_is_caught() {
    let problems = problems_after("required", |d| {
        edit(&d.join("plan/elements/landmark-zones.toml"), "name_zh = \"北方声谷\"", "name_zh = \"声谷\"");
    });
    assert!(problems.iter().any(|p| p.contains("北方声谷") && p.contains("needs it")), "{problems:#?}");
}

#[test]
fn anchors_must_be_the_plans_words() {
    let problems = problems_after("anchor", |d| {
        edit(&d.join("plan/elements/landmark-zones.toml"), "\"国家合成生物技术创新中心\"", "\"合成生物国家中心\"");
    });
    assert!(problems.iter().any(|p| p.contains("anchors") && p.contains("合成生物国家中心")), "{problems:#?}");
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
