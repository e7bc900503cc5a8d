//! Core queries against the built atlas, checked against independent computations.

use std::path::Path;
use std::sync::OnceLock;

use atlas_core::store::build_atlas;
use atlas_core::{Atlas, DataDir};
use geo::{Contains, InteriorPoint};

fn atlas() -> &'static Atlas {
    static PATH: OnceLock<std::path::PathBuf> = OnceLock::new();
    let path = PATH.get_or_init(|| {
        let path = std::env::temp_dir().join(format!("atlas-queries-{}.gpkg", std::process::id()));
        build_atlas(&DataDir::new(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data")), &path).unwrap();
        path
    });
    // One Atlas per thread would be tidier; a leaked one per test binary is simplest.
    thread_local! { static A: &'static Atlas = Box::leak(Box::new(Atlas::open_read_only(PATH.get().unwrap()).unwrap())); }
    let _ = path;
    A.with(|a| *a)
}

#[test]
fn every_district_contains_its_own_interior_point() {
    let a = atlas();
    for d in a.districts() {
        let p = d.geometry.interior_point().unwrap();
        let found = a.district_at(p.x(), p.y()).unwrap();
        assert_eq!(found.adcode, d.adcode, "{}", d.name_zh);
    }
}

#[test]
fn indexed_and_naive_point_in_district_agree_everywhere() {
    let a = atlas();
    let mut inside = 0;
    for i in 0..60 {
        for j in 0..60 {
            let (lon, lat) = (116.65 + 1.45 * i as f64 / 59.0, 38.5 + 1.8 * j as f64 / 59.0);
            let fast = a.district_at(lon, lat).map(|d| d.adcode);
            // The naive answer: every district polygon tested directly, without the R-tree and
            // interval trees.
            let p = geo::Point::new(lon, lat);
            let naive = a.districts().iter().find(|d| d.geometry.contains(&p)).map(|d| d.adcode.clone());
            assert_eq!(fast, naive, "at ({lon}, {lat})");
            inside += fast.is_some() as usize;
        }
    }
    assert!(inside > 1000, "the grid should mostly fall in Tianjin ({inside})");
    assert!(a.district_at(116.39, 39.91).is_none(), "Tiananmen is in Beijing");
}

#[test]
fn districts_resolve_from_names_and_codes() {
    let a = atlas();
    for q in ["滨海新区", "滨海", "Binhai New Area", "binhai", "120116"] {
        assert_eq!(a.find_district(q).unwrap().adcode, "120116", "{q}");
    }
    assert_eq!(a.find_district("和平").unwrap().adcode, "120101");
    assert!(a.find_district("朝阳").is_err(), "not a Tianjin district");
}

#[test]
fn zones_in_district_are_exactly_the_elements_claiming_it() {
    let a = atlas();
    let zones = a.zones_in_district("120116");
    let expected: Vec<&str> =
        a.elements().iter().filter(|e| e.districts.contains(&"120116".to_owned())).map(|e| e.id.as_str()).collect();
    assert_eq!(zones.iter().map(|z| z.id.as_str()).collect::<Vec<_>>(), expected);
    assert!(zones.iter().any(|z| z.id == "xinchuang-valley"));
    let report = a.district_report("滨海新区").unwrap();
    assert_eq!(report.counts_by_category.iter().map(|(_, n)| n).sum::<usize>(), zones.len());
    assert_eq!(
        report.counts_by_category.iter().find(|(c, _)| c == "landmark_zone").map(|(_, n)| *n),
        Some(zones.iter().filter(|z| z.category == "landmark_zone").count())
    );
}

#[test]
fn every_point_element_lies_in_a_district_it_claims() {
    let a = atlas();
    for e in a.elements() {
        let Some(geo::Geometry::Point(p)) = a.element_geometry(&e.id) else { continue };
        if e.districts.iter().all(|d| d.starts_with("1201")) {
            let d = a.district_at(p.x(), p.y()).unwrap_or_else(|| panic!("{} is outside Tianjin", e.id));
            assert!(e.districts.contains(&d.adcode), "{} lies in {} but claims {:?}", e.id, d.adcode, e.districts);
        }
    }
}

#[test]
fn nearby_finds_the_closest_first_and_measures_sensibly() {
    let a = atlas();
    let target = a.element("xinchuang-valley").unwrap();
    let [lon, lat] = target.label;
    let near = a.elements_near(lon, lat, 3000.0);
    let first_point = near
        .iter()
        .find(|n| a.element_geometry(&n.element.id).is_some_and(|g| matches!(g, geo::Geometry::Point(_))))
        .unwrap();
    assert_eq!(first_point.distance_m, 0.0);
    assert!(near.windows(2).all(|w| w[0].distance_m <= w[1].distance_m));
    assert!(near.iter().all(|n| n.distance_m <= 3000.0));
    // 滨城 (all of 滨海新区) contains the point.
    assert!(near.iter().any(|n| n.element.id == "bincheng" && n.distance_m == 0.0));
    let around = a.elements_near_element("xinchuang-valley", 3000.0).unwrap();
    assert!(around.iter().all(|n| n.element.id != "xinchuang-valley"));
}

#[test]
fn detail_carries_verbatim_quotes_with_their_place_in_the_plan() {
    let a = atlas();
    let plan =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/plan/seeds/000.txt")).unwrap();
    let news =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/plan/seeds/002.txt")).unwrap();
    for e in a.elements() {
        let d = a.element_detail(&e.id).unwrap();
        assert!(!d.quotes.is_empty(), "{}", e.id);
        for q in &d.quotes {
            let seed = if q.seed == atlas_core::plan::Seed::Plan { &plan } else { &news };
            assert!(seed.contains(&q.text), "{}: {:?}", e.id, q.text);
            assert!(!q.section_path.is_empty());
        }
    }
    let d = a.element_detail("xinchuang-valley").unwrap();
    assert_eq!(d.quotes[0].section_id, "box3");
    assert!(d.quotes[0].section_path[0].starts_with("第六章"), "{:?}", d.quotes[0].section_path);
    assert_eq!(d.host.as_ref().map(|h| h.id.as_str()), Some("binhai-hi-tech-zone"));
    assert!(a.element_detail("no-such-zone").is_err());
}

#[test]
fn search_ranks_names_first_and_finds_short_chinese_words() {
    let a = atlas();
    let r = a.search("信创", 10).unwrap();
    assert_eq!(r.elements[0].element.id, "xinchuang-valley");
    assert!(r.paragraphs.iter().all(|p| p.text.contains("信创")));
    assert!(r.paragraphs.len() >= 5);
    // Three or more characters go through the trigram index; same answer as a scan would give.
    let r = a.search("海河实验室", 50).unwrap();
    let scanned = a
        .plan_text()
        .unwrap()
        .iter()
        .flat_map(|s| s.paragraphs.iter())
        .filter(|p| p.text.contains("海河实验室"))
        .count();
    assert_eq!(r.paragraphs.len(), scanned);
    assert!(r.elements.iter().filter(|h| h.element.category == "haihe_lab").count() == 5);
    // English names, case-insensitively.
    assert!(a.search("eco-city", 5).unwrap().elements.iter().any(|h| h.element.id.contains("eco")));
    // Wildcards and quotes are literal.
    assert!(a.search("%", 5).unwrap().paragraphs.is_empty());
    assert!(a.search("\"", 5).is_ok());
}

#[test]
fn search_finds_districts_categories_and_tours_by_name() {
    let a = atlas();
    // 津南区 was "no results" (issue 15): districts are found in both languages and by short name.
    for q in ["津南区", "津南", "Jinnan", "jinnan"] {
        let r = a.search(q, 8).unwrap();
        assert_eq!(r.districts.first().map(|d| d.id.as_str()), Some("120112"), "{q}");
    }
    let r = a.search("海河实验室", 8).unwrap();
    assert!(r.categories.iter().any(|c| c.id == "haihe_lab"), "{:?}", r.categories);
    let r = a.search("landmark", 8).unwrap();
    assert!(r.tours.iter().any(|t| t.id == "landmark-zones"), "{:?}", r.tours);
    assert!(a.search("信创", 8).unwrap().districts.is_empty());
}

#[test]
fn the_reader_links_paragraphs_to_elements_both_ways() {
    let a = atlas();
    let text = a.plan_text().unwrap();
    let box3 = text.iter().find(|s| s.header.id == "box3").unwrap();
    let p = box3.paragraphs.iter().find(|p| p.text.contains("打造“中国信创谷”产业品牌")).unwrap();
    assert!(p.mentions.contains(&"xinchuang-valley".to_owned()));
    let d = a.element_detail("xinchuang-valley").unwrap();
    let q = &d.quotes[0];
    let cited =
        &text.iter().find(|s| s.header.id == q.section_id).unwrap().paragraphs[q.paragraph_ord.unwrap() as usize];
    assert!(cited.text.contains(&q.text));
    assert!(cited.mentions.contains(&"xinchuang-valley".to_owned()));
}

#[test]
fn geojson_export_is_rfc7946_and_gdal_reads_it() {
    let a = atlas();
    let out = std::env::temp_dir().join(format!("atlas-export-{}.geojson", std::process::id()));
    let n = a.export_plan_geojson(&out).unwrap();
    assert_eq!(n, a.elements().len());
    let fc: geojson::FeatureCollection =
        std::fs::read_to_string(&out).unwrap().parse::<geojson::GeoJson>().unwrap().try_into().unwrap();
    assert_eq!(fc.features.len(), n);
    for f in &fc.features {
        for key in ["id", "name_zh", "name_en", "category", "location_basis", "located", "name_kind"] {
            assert!(f.property(key).is_some_and(|v| !v.is_null()), "{key} missing on {:?}", f.id);
        }
        // Unlocated elements (全市 / 未定位) export with null geometry and no district; the rest
        // carry both.
        let located = f.property("located").and_then(|v| v.as_bool()).unwrap();
        assert_eq!(located, f.geometry.is_some(), "{:?}", f.id);
        assert_eq!(located, f.property("district").is_some_and(|v| !v.is_null()), "{:?}", f.id);
        assert_eq!(!located, f.property("location_basis").and_then(|v| v.as_str()) == Some("unlocated"), "{:?}", f.id);
    }
    assert!(fc.features.iter().any(|f| f.geometry.is_none()), "the unlocated elements are exported");
    let raw = std::fs::read_to_string(&out).unwrap();
    assert!(!raw.contains("\"crs\""), "RFC 7946 has no crs member");
    // Exterior rings counter-clockwise (RFC 7946 §3.1.6).
    use geo::Winding;
    for f in fc.features.iter().filter(|f| f.geometry.is_some()) {
        if let Ok(geo::Geometry::MultiPolygon(mp)) = geo::Geometry::<f64>::try_from(f.geometry.clone().unwrap()) {
            assert!(mp.0.iter().all(|p| p.exterior().is_ccw()));
        }
    }
    let info =
        std::process::Command::new("ogrinfo").args(["-ro", "-so", "-al", out.to_str().unwrap()]).output().unwrap();
    let info = String::from_utf8_lossy(&info.stdout);
    assert!(info.contains(&format!("Feature Count: {n}")), "{info}");
    assert!(info.contains("name_zh: String"), "{info}");
    exports_carry_the_chinese_note_and_source(a, &out);
}

/// ogrinfo's listing of one element's feature in `source` (all its layers).
fn ogrinfo_feature(source: &str, id: &str) -> String {
    let out = std::process::Command::new("ogrinfo")
        .args(["-ro", "-al", "-q", source, "-where", &format!("id = '{id}'")])
        .output()
        .expect("ogrinfo (gdal-bin) is installed by scripts/setup.sh --test");
    assert!(out.status.success(), "ogrinfo {source}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The GeoJSON (at `geojson`) and the Shapefile export carry each element's note and location
/// source in Chinese beside the English, as GDAL reads them back.
fn exports_carry_the_chinese_note_and_source(a: &Atlas, geojson: &Path) {
    let (element, detail) = a
        .elements()
        .iter()
        .map(|e| (e, a.element_detail(&e.id).unwrap()))
        .find(|(e, d)| d.note_zh.is_some() && e.location_basis != atlas_core::plan::LocationBasis::Unlocated)
        .expect("a located element with a note");
    let (note_zh, source_zh) = (detail.note_zh.unwrap(), detail.location_source_zh.unwrap());
    let listed = ogrinfo_feature(geojson.to_str().unwrap(), &element.id);
    for needle in [format!("note_zh (String) = {note_zh}"), format!("location_source_zh (String) = {source_zh}")] {
        assert!(listed.contains(&needle), "GeoJSON: {needle} in {listed}");
    }
    // The Shapefile: DBF names of 10 bytes at most, text cut to a DBF field's 254 bytes.
    let zip = geojson.with_extension("zip");
    let written = a.export_plan_shapefile(atlas_core::crs::Crs::WGS84, &zip).unwrap();
    let listed: String = written
        .shapefiles
        .iter()
        .map(|shp| ogrinfo_feature(&format!("/vsizip/{}/{shp}", zip.display()), &element.id))
        .collect();
    let start = |s: &str| s.chars().take(40).collect::<String>();
    for needle in
        [format!("note_zh (String) = {}", start(&note_zh)), format!("loc_src_zh (String) = {}", start(&source_zh))]
    {
        assert!(listed.contains(&needle), "Shapefile: {needle} in {listed}");
    }
    assert!(listed.contains(&format!("loc_src (String) = {}", start(&detail.location_source))), "{listed}");
}
