//! The committed boundary files: derived correctly from the source, complete, valid.

use std::path::{Path, PathBuf};

use atlas_core::boundaries::{BoundarySet, Level};
use atlas_core::gcj02::gcj02_to_wgs84;
use geo::{Distance, Haversine, Point, Validation};

fn data() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data")
}

fn boundaries() -> BoundarySet {
    BoundarySet::read(&data().join("boundaries")).expect("data/boundaries reads")
}

#[test]
fn committed_vertices_are_the_source_vertices_converted_to_wgs84() {
    let fixture: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/cnmaps-120116-first-vertices.json"),
        )
        .unwrap(),
    )
    .unwrap();
    let set = boundaries();
    let binhai = set.tianjin_districts.iter().find(|b| b.adcode == "120116").unwrap();
    let ring = &binhai.geometry.0[0].exterior().0;
    for (i, pair) in fixture["gcj02"].as_array().unwrap().iter().enumerate() {
        let (lon, lat) = (pair[0].as_f64().unwrap(), pair[1].as_f64().unwrap());
        let (wlon, wlat) = gcj02_to_wgs84(lon, lat);
        let committed = ring[i];
        assert!(
            (committed.x - wlon).abs() < 1e-6 && (committed.y - wlat).abs() < 1e-6,
            "vertex {i}: {committed:?} vs ({wlon}, {wlat})"
        );
        // The datum shift around Tianjin is about half a kilometre, west-south-west.
        let moved = Haversine.distance(Point::new(lon, lat), Point::new(committed.x, committed.y));
        assert!((450.0..650.0).contains(&moved), "vertex {i} moved {moved:.0} m");
        assert!(committed.x < lon && committed.y < lat);
    }
}

#[test]
fn tianjin_has_sixteen_districts_at_two_resolutions() {
    let set = boundaries();
    assert_eq!(set.tianjin_districts.len(), 16);
    assert_eq!(set.tianjin_districts_display.len(), 16);
    assert!(set.tianjin_districts.iter().all(|b| b.is_tianjin_district() && !b.name_en.is_empty()));
    let vertices = |s: &[atlas_core::boundaries::Boundary]| -> usize {
        use geo::CoordsIter;
        s.iter().map(|b| b.geometry.coords_count()).sum()
    };
    assert!(vertices(&set.tianjin_districts_display) * 2 < vertices(&set.tianjin_districts) * 3 / 2);
}

#[test]
fn context_covers_beijing_and_the_hebei_units_around_tianjin() {
    let set = boundaries();
    let has = |code: &str| set.context.iter().any(|b| b.adcode == code);
    assert_eq!(set.context.iter().filter(|b| b.adcode.starts_with("1101")).count(), 16, "Beijing's districts");
    for code in ["131002", "131082", "130209", "130983", "130629", "130632", "130638"] {
        assert!(has(code), "{code} missing from context");
    }
    for code in ["110000", "120000", "130000"] {
        assert!(set.outlines.iter().any(|b| b.adcode == code && b.level == Level::Province), "{code} outline");
    }
}

#[test]
fn every_boundary_is_a_valid_polygon() {
    let set = boundaries();
    for b in set.tianjin_districts.iter().chain(&set.tianjin_districts_display).chain(&set.context).chain(&set.outlines)
    {
        assert!(
            b.geometry.is_valid(),
            "{} {} is not valid: {:?}",
            b.adcode,
            b.name_zh,
            b.geometry.validation_errors().first()
        );
    }
}
