//! The data integrity checks pass on the committed data, and each of them fails when the data
//! is broken in the way it guards against (a check that cannot fail checks nothing).

use std::path::{Path, PathBuf};

use atlas_core::store::load_and_check;
use atlas_core::DataDir;

mod common;
use common::{copy_dir, data_dir, scratch};

/// A private copy of data/ to break.
fn copy_of_data(name: &str) -> PathBuf {
    let dir = scratch("integrity", name);
    copy_dir(&data_dir(), &dir);
    dir
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} does not contain {from:?}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

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

fn problems_after(name: &str, breakage: impl FnOnce(&Path)) -> Vec<String> {
    let dir = copy_of_data(name);
    breakage(&dir);
    let loaded = load_and_check(&DataDir::new(&dir)).expect("still parses");
    let _ = std::fs::remove_dir_all(&dir);
    loaded.problems.iter().map(|p| p.to_string()).collect()
}

/// Some problem names every one of `needles` (the element, the field, what is wrong).
fn assert_caught(breakage: &str, problems: &[String], needles: &[&str]) {
    assert!(
        problems.iter().any(|p| needles.iter().all(|n| p.contains(n))),
        "{breakage}: no problem names {needles:?}: {problems:#?}"
    );
}

#[test]
fn the_committed_data_has_no_problems() {
    let loaded = load_and_check(&DataDir::new(data_dir())).unwrap();
    let problems: Vec<String> = loaded.problems.iter().map(|p| p.to_string()).collect();
    assert!(problems.is_empty(), "{problems:#?}");
    assert!(loaded.plan.elements.len() >= 50);
}

/// One way of breaking the committed data, and what the checks must then report.
struct Breakage {
    /// Names the broken copy and any failure.
    name: &'static str,
    /// Breaks the copy of data/ it is given.
    edit: fn(&Path),
    /// For each problem that must be reported, the words it names (see [`assert_caught`]).
    caught: &'static [&'static [&'static str]],
}

const BREAKAGES: &[Breakage] = &[
    Breakage {
        name: "quote not in the plan",
        edit: |d| {
            edit(&d.join("plan/elements/landmark-zones.toml"), "打造“中国信创谷”产业品牌", "打造“中国信创谷”世界品牌")
        },
        caught: &[&["landmark-zones.toml", "xinchuang-valley", "quote["]],
    },
    // 中国信创谷 (claims 滨海新区) moved to the middle of 和平区.
    Breakage {
        name: "point outside its district",
        edit: |d| move_point(d, "landmark-zones.toml", "xinchuang-valley", "[117.2000, 39.1200]"),
        caught: &[&["xinchuang-valley", "120101"]],
    },
    Breakage {
        name: "duplicate id, missing name, unknown category",
        edit: |d| {
            let path = d.join("plan/elements/landmark-zones.toml");
            edit(&path, "id = \"biomanufacturing-valley\"", "id = \"xinchuang-valley\"");
            edit(&path, "name_en = \"China Xinchuang Valley\"", "name_en = \"\"");
            edit(&path, "category = \"landmark_zone\"", "category = \"landmark\"");
        },
        caught: &[&["duplicate element id"], &["name_en"], &["\"landmark\" is not in categories.toml"]],
    },
    Breakage {
        name: "category without a valid style",
        edit: |d| {
            edit(&d.join("plan/categories.toml"), "symbol = \"diamond\"", "symbol = \"blob\"");
            edit(&d.join("plan/categories.toml"), "stroke = \"#8b0000\"", "stroke = \"darkred\"");
        },
        caught: &[&["style.symbol"], &["style.stroke"]],
    },
    Breakage {
        name: "required element missing",
        edit: |d| edit(&d.join("plan/elements/landmark-zones.toml"), "name_zh = \"北方声谷\"", "name_zh = \"声谷\""),
        caught: &[&["北方声谷", "needs it"]],
    },
    Breakage {
        name: "anchor not in the plan's words",
        edit: |d| {
            let path = d.join("plan/elements/landmark-zones.toml");
            edit(&path, "\"国家合成生物技术创新中心\"", "\"合成生物国家中心\"");
        },
        caught: &[&["anchors", "合成生物国家中心"]],
    },
    // Plan fidelity (issue 13).
    // The old placeholder: 国家应用数学中心 back in the middle of 和平区.
    Breakage {
        name: "claiming only the city, drawn inside a district",
        edit: |d| move_point(d, "platforms.toml", "national-applied-math-centre", "[117.190, 39.114]"),
        caught: &[&["national-applied-math-centre", "120101", "claims no district"]],
    },
    // Claiming the city as well as 津南区 does not let the seismic facility sit in 和平区.
    Breakage {
        name: "in the city outline but not in its claimed district",
        edit: |d| {
            let (file, id) = ("platforms.toml", "seismic-simulation-facility");
            edit_element(d, file, id, "districts = [\"120112\"]", "districts = [\"120000\", \"120112\"]");
            move_point(d, file, id, "[117.190, 39.114]");
        },
        caught: &[&["seismic-simulation-facility", "120101 和平区"]],
    },
    // Just off the coast (outside every polygon, but within a kilometre or two of 滨海新区).
    Breakage {
        name: "margin slot on a district's edge",
        edit: |d| move_point(d, "platforms.toml", "national-applied-math-centre", "[117.98, 39.185]"),
        caught: &[&["national-applied-math-centre", "margin slot", "120116"]],
    },
    Breakage {
        name: "unlocated element claiming a district",
        edit: |d| {
            let (file, id) = ("platforms.toml", "national-applied-math-centre");
            edit_element(d, file, id, "districts = [\"120000\"]", "districts = [\"120104\"]");
        },
        caught: &[&["national-applied-math-centre", "districts", "claims no district"]],
    },
    // A box's content passed off as the plan's own text, and as read from the plan seed.
    Breakage {
        name: "quote with the wrong seed or kind",
        edit: |d| {
            let file = "landmark-zones.toml";
            let (as_box, as_plan) = ("seed = \"002\"\nkind = \"box\"", "seed = \"002\"\nkind = \"plan\"");
            edit_element(d, file, "xinchuang-valley", as_box, as_plan);
            edit_element(d, file, "northern-voice-valley", "seed = \"002\"", "seed = \"000\"");
        },
        caught: &[&["xinchuang-valley", "is box text"], &["northern-voice-valley", "read from seed 002"]],
    },
    // The journalist's own sentence cannot be quoted as the plan.
    Breakage {
        name: "news summary's sentence quoted",
        edit: |d| {
            let quote = "[[element.quote]]\ntext = \"对标国家实验室建设海河实验室,明确了包括“物质绿色创造与制造”在内的5个重点领域方向。\"\nseed = \"002\"\nkind = \"news\"\n\n[[element.quote]]";
            edit_element(d, "haihe-labs.toml", "haihe-lab-green-matter", "[[element.quote]]", quote);
        },
        caught: &[&["haihe-lab-green-matter", "news summary's own sentence"]],
    },
    Breakage {
        name: "site without a named source or with a wide radius",
        edit: |d| {
            edit_element(d, "platforms.toml", "seismic-simulation-facility", "source_name = ", "# source_name = ");
            edit_element(d, "institutions.toml", "tcm-university", "uncertainty_km = 2.0", "uncertainty_km = 8.0");
        },
        caught: &[
            &["seismic-simulation-facility", "location.source_name"],
            &["tcm-university", "location.uncertainty_km"],
        ],
    },
    Breakage {
        name: "unmarked label name, plan name marked as label",
        edit: |d| {
            edit_element(d, "clusters.toml", "hongqiao-cluster", "name_kind = \"label\"\n", "");
            let marked = "name_kind = \"label\"\nname_en = ";
            edit_element(d, "landmark-zones.toml", "xinchuang-valley", "name_en = ", marked);
        },
        caught: &[&["hongqiao-cluster", "name_kind", "label"], &["xinchuang-valley", "the plan's own name"]],
    },
    Breakage {
        name: "institution no zone relies on",
        edit: |d| {
            let both = "relies_on = [\"tianjin-university\", \"nankai-university\"]";
            edit_element(d, "clusters.toml", "qihang-innovation-zone", both, "relies_on = [\"nankai-university\"]");
        },
        caught: &[&["tianjin-university", "no element relies on"]],
    },
];

#[test]
fn each_breakage_is_caught_with_what_is_wrong_and_where() {
    // Each on its own copy of data/, side by side (a check of one copy takes about a second).
    std::thread::scope(|s| {
        for b in BREAKAGES {
            s.spawn(move || {
                let problems = problems_after(&b.name.replace([' ', ',', '\''], "-"), b.edit);
                for needles in b.caught {
                    assert_caught(b.name, &problems, needles);
                }
            });
        }
    });
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
        let a = std::fs::read(data_dir().join("plan/seeds").join(copy)).unwrap();
        let b = std::fs::read(shared.join(original)).unwrap();
        assert!(a == b, "data/plan/seeds/{copy} differs from shared/seeds/{original}");
    }
}

#[test]
fn seed_checksums_match_sources_md() {
    use sha2::{Digest, Sha256};
    let sources = std::fs::read_to_string(data_dir().join("SOURCES.md")).unwrap();
    for name in ["000.txt", "002.txt"] {
        let digest = Sha256::digest(std::fs::read(data_dir().join("plan/seeds").join(name)).unwrap());
        let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
        assert!(sources.contains(&hex), "SOURCES.md does not record sha256 {hex} of seeds/{name}");
    }
}

#[test]
fn the_committed_data_keeps_its_fidelity_promises() {
    let loaded = load_and_check(&DataDir::new(data_dir())).unwrap();
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
