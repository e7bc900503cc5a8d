//! Large layers a viewport at a time: what the view query returns (and does not), that
//! simplification keeps every feature and every polygon valid and shared edges shared, that
//! clusters add up, that stale requests stop, and that hit-testing goes through the index.

use std::path::{Path, PathBuf};

use atlas_core::query::viewport::{pack, world_px, ViewRequest, DOT_PX};
use atlas_core::store::build_atlas;
use atlas_core::{Atlas, DataDir};
use geo::{BoundingRect, Intersects, Validation};

fn fresh(name: &str) -> (PathBuf, Atlas) {
    let dir = std::env::temp_dir().join(format!("atlas-viewport-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("atlas.gpkg");
    build_atlas(&DataDir::new(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data")), &path).unwrap();
    let atlas = Atlas::open(&path).unwrap();
    (dir, atlas)
}

fn import_text(atlas: &Atlas, dir: &Path, name: &str, text: &str) -> String {
    let file = dir.join(name);
    std::fs::write(&file, text).unwrap();
    atlas.import_file(&file, &Default::default(), &|_, _| true).unwrap().layers[0].clone()
}

/// Every feature of the layer with its geometry, by brute force (the answer key).
fn all_features(atlas: &Atlas, layer: &str) -> Vec<(i64, geo::Geometry<f64>)> {
    atlas.layer_features(layer).unwrap().into_iter().map(|f| (f.id, (&f.geometry).try_into().unwrap())).collect()
}

const VIEW: [f64; 4] = [117.10, 39.00, 117.35, 39.20];

#[test]
fn the_view_holds_what_meets_it_and_nothing_beyond_it() {
    let (dir, atlas) = fresh("query");
    let layer = import_text(&atlas, &dir, "grid.geojson", &atlas_core::synthetic::hex_grid_geojson(20_000));
    let view = atlas.layer_view(&layer, &ViewRequest { bbox: VIEW, zoom: 11.0 }, &|| false).unwrap();
    let rect = geo::Rect::new(geo::coord! { x: VIEW[0], y: VIEW[1] }, geo::coord! { x: VIEW[2], y: VIEW[3] });
    let all = all_features(&atlas, &layer);
    let ids: std::collections::HashSet<i64> = view.ids.iter().copied().collect();
    let mut straddling = 0;
    for (id, g) in &all {
        let b = g.bounding_rect().unwrap();
        let meets = g.intersects(&rect);
        if meets {
            assert!(ids.contains(id), "feature {id} meets the view but was not returned");
            let inside = b.min().x >= VIEW[0] && b.max().x <= VIEW[2] && b.min().y >= VIEW[1] && b.max().y <= VIEW[3];
            straddling += (!inside) as usize;
        }
        if ids.contains(id) {
            // Nothing outside: every returned feature's box meets the view.
            assert!(
                b.max().x >= VIEW[0] && b.min().x <= VIEW[2] && b.max().y >= VIEW[1] && b.min().y <= VIEW[3],
                "feature {id} is outside the view"
            );
        }
    }
    assert!(straddling > 10, "cells across the view's edges are returned ({straddling})");
    assert_eq!(view.in_view, ids.len());
    assert!(view.in_view < all.len() / 5, "the view is a small part of the layer");
}

#[test]
fn simplification_keeps_every_feature_and_valid_polygons() {
    let (dir, atlas) = fresh("simplify");
    let layer = import_text(&atlas, &dir, "grid.geojson", &atlas_core::synthetic::hex_grid_geojson(20_000));
    for zoom in [7.0, 9.0, 11.0, 14.0] {
        let view =
            atlas.layer_view(&layer, &ViewRequest { bbox: [116.6, 38.5, 118.1, 40.3], zoom }, &|| false).unwrap();
        assert_eq!(
            view.shapes.len() + view.dots.len(),
            view.in_view,
            "zoom {zoom}: a shape or a dot for every feature"
        );
        for (is_area, parts) in &view.shapes {
            assert!(*is_area);
            let ring = |p: &Vec<(f32, f32)>| {
                geo::LineString::from(p.iter().map(|(x, y)| (*x as f64, *y as f64)).collect::<Vec<_>>())
            };
            let polygon = geo::Polygon::new(ring(&parts[0]), parts[1..].iter().map(ring).collect());
            assert!(polygon.is_valid(), "zoom {zoom}: an invalid polygon was sent");
        }
        if zoom <= 7.0 {
            assert!(view.dots.len() > view.shapes.len(), "at zoom 7 most cells are under {DOT_PX} px and become dots");
        }
        if zoom >= 11.0 {
            assert!(view.dots.is_empty(), "at zoom {zoom} cells are drawn as polygons");
        }
    }
}

#[test]
fn neighbours_keep_their_shared_edge() {
    let (dir, atlas) = fresh("edges");
    // Two parcels sharing a wiggly edge of many vertices.
    let edge: Vec<(f64, f64)> =
        (0..=40).map(|i| (117.2 + (i % 2) as f64 * 0.00002, 39.1 + i as f64 * 0.00025)).collect();
    let coords = |pts: &[(f64, f64)]| pts.iter().map(|(x, y)| format!("[{x},{y}]")).collect::<Vec<_>>().join(",");
    let mut west: Vec<(f64, f64)> = vec![(117.19, 39.1)];
    west.extend(edge.iter().copied());
    west.push((117.19, 39.11));
    west.push((117.19, 39.1));
    let mut east: Vec<(f64, f64)> = edge.iter().rev().copied().collect();
    east.push((117.21, 39.1));
    east.push(edge[edge.len() - 1]);
    let east = {
        let mut e = vec![(117.21, 39.11)];
        e.extend(edge.iter().rev().copied());
        e.push((117.21, 39.1));
        e.push((117.21, 39.11));
        e
    };
    let text = format!(
        r#"{{"type":"FeatureCollection","features":[{{"type":"Feature","properties":{{}},"geometry":{{"type":"Polygon","coordinates":[[{}]]}}}},{{"type":"Feature","properties":{{}},"geometry":{{"type":"Polygon","coordinates":[[{}]]}}}}]}}"#,
        coords(&west),
        coords(&east)
    );
    let layer = import_text(&atlas, &dir, "pair.geojson", &text);
    for zoom in [12.0, 14.0, 16.0] {
        let view =
            atlas.layer_view(&layer, &ViewRequest { bbox: [117.18, 39.09, 117.22, 39.12], zoom }, &|| false).unwrap();
        assert_eq!(view.shapes.len(), 2);
        let vertex_set = |i: usize| -> std::collections::BTreeSet<(i64, i64)> {
            view.shapes[i].1[0].iter().map(|(x, y)| ((*x * 4.0) as i64, (*y * 4.0) as i64)).collect()
        };
        let (a, b) = (vertex_set(0), vertex_set(1));
        // The shared edge's vertices that survive in one polygon survive, identical, in the other.
        let (ex, ey) = world_px(117.2, 39.1, zoom);
        let near_edge = |s: &std::collections::BTreeSet<(i64, i64)>| -> std::collections::BTreeSet<(i64, i64)> {
            s.iter().copied().filter(|(x, _)| ((*x as f64 / 4.0) - (ex - view.origin.0)).abs() < 2.0).collect()
        };
        let _ = ey;
        assert_eq!(near_edge(&a), near_edge(&b), "zoom {zoom}: the shared edge differs between neighbours");
        assert!(near_edge(&a).len() >= 2);
    }
}

#[test]
fn point_clusters_add_up_and_expand_with_zoom() {
    let (dir, atlas) = fresh("points");
    let layer = import_text(&atlas, &dir, "points.geojson", &atlas_core::synthetic::random_points_geojson(50_000, 1));
    let bbox = [116.6, 38.5, 118.1, 40.3];
    let low = atlas.layer_view(&layer, &ViewRequest { bbox, zoom: 8.0 }, &|| false).unwrap();
    let total =
        |v: &atlas_core::query::viewport::View| v.points.len() + v.clusters.iter().map(|c| c.2 as usize).sum::<usize>();
    assert_eq!(total(&low), low.in_view);
    assert_eq!(low.in_view, 50_000);
    assert!(low.clusters.len() < 500, "zoomed out, the points are a few clusters ({})", low.clusters.len());
    let high =
        atlas.layer_view(&layer, &ViewRequest { bbox: [117.20, 39.10, 117.22, 39.12], zoom: 16.0 }, &|| false).unwrap();
    assert_eq!(total(&high), high.in_view);
    assert!(high.points.len() > high.clusters.len(), "zoomed in, clusters expand into points");
}

#[test]
fn a_stale_request_stops_early() {
    let (dir, atlas) = fresh("stale");
    let layer = import_text(&atlas, &dir, "points.geojson", &atlas_core::synthetic::random_points_geojson(20_000, 2));
    let calls = std::cell::Cell::new(0);
    let err = atlas
        .layer_view(&layer, &ViewRequest { bbox: [116.6, 38.5, 118.1, 40.3], zoom: 9.0 }, &|| {
            calls.set(calls.get() + 1);
            true
        })
        .unwrap_err();
    assert!(err.to_string().contains("stale"));
    assert_eq!(calls.get(), 1, "it stopped at the first check");
}

#[test]
fn hit_testing_uses_the_index_and_finds_the_cell() {
    let (dir, atlas) = fresh("hit");
    let layer = import_text(&atlas, &dir, "grid.geojson", &atlas_core::synthetic::hex_grid_geojson(20_000));
    let all = all_features(&atlas, &layer);
    let (id, g) = &all[all.len() / 2];
    use geo::InteriorPoint;
    let p = g.interior_point().unwrap();
    assert_eq!(atlas.layer_feature_at(&layer, p.x(), p.y(), 5.0).unwrap(), Some(*id));
    assert_eq!(atlas.layer_feature_at(&layer, 100.0, 10.0, 5.0).unwrap(), None);
    // The same answer a scan gives.
    use geo::Contains;
    let scanned: Vec<i64> = all.iter().filter(|(_, g)| g.contains(&p)).map(|(id, _)| *id).collect();
    assert_eq!(scanned, vec![*id]);
}

#[test]
fn the_packed_view_is_compact_and_well_formed() {
    let (dir, atlas) = fresh("pack");
    let layer = import_text(&atlas, &dir, "grid.geojson", &atlas_core::synthetic::hex_grid_geojson(20_000));
    let view = atlas.layer_view(&layer, &ViewRequest { bbox: VIEW, zoom: 11.0 }, &|| false).unwrap();
    let bytes = pack(&view);
    assert_eq!(&bytes[..4], b"TJV1");
    // Area rings travel open (without the repeated closing vertex).
    let vertices: usize = view.shapes.iter().flat_map(|(_, p)| p.iter().map(|r| r.len() - 1)).sum();
    assert_eq!(
        bytes.len(),
        8 + 24
            + 20
            + view.shapes.len() * 12
            + vertices * 8
            + view.dots.len() * 8
            + view.clusters.len() * 12
            + view.points.len() * 8
    );
    // 12 bytes of structure and six vertices of 8 bytes: 60 bytes a hexagon, plus the header.
    assert!(bytes.len() < 61 * view.in_view, "about 60 bytes per hexagon ({} for {})", bytes.len(), view.in_view);
}
