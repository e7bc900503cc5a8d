//! Large layers a viewport at a time: what the view query returns (and does not), that
//! simplification keeps every feature and every polygon valid and shared edges shared, that
//! clusters add up, that stale requests stop, and that hit-testing goes through the index.

use std::path::{Path, PathBuf};

use atlas_core::stream::viewport::{world_px, ViewRequest, DOT_PX};
use atlas_core::wire::view::pack;
use atlas_core::Atlas;
use geo::{BoundingRect, Intersects, Validation};

mod common;
use common::fresh_atlas_file;

fn fresh(name: &str) -> (PathBuf, Atlas) {
    let (dir, path) = fresh_atlas_file("viewport", name);
    (dir, Atlas::open(&path).unwrap())
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
    let layer = import_text(&atlas, &dir, "grid.geojson", &atlas_synthetic::hex_grid_geojson(20_000));
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
    let layer = import_text(&atlas, &dir, "grid.geojson", &atlas_synthetic::hex_grid_geojson(20_000));
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
    let layer = import_text(&atlas, &dir, "points.geojson", &atlas_synthetic::random_points_geojson(50_000, 1));
    let bbox = [116.6, 38.5, 118.1, 40.3];
    let low = atlas.layer_view(&layer, &ViewRequest { bbox, zoom: 8.0 }, &|| false).unwrap();
    let total = |v: &atlas_core::stream::viewport::View| {
        v.points.len() + v.clusters.iter().map(|c| c.2 as usize).sum::<usize>()
    };
    assert_eq!(total(&low), low.in_view);
    assert_eq!(low.in_view, 50_000);
    assert!(low.clusters.len() < 500, "zoomed out, the points are a few clusters ({})", low.clusters.len());
    let high =
        atlas.layer_view(&layer, &ViewRequest { bbox: [117.20, 39.10, 117.22, 39.12], zoom: 16.0 }, &|| false).unwrap();
    assert_eq!(total(&high), high.in_view);
    assert!(high.points.len() > high.clusters.len(), "zoomed in, clusters expand into points");

    // A pan does not regroup: clusters well inside two overlapping views are the same.
    let zoom = 10.0;
    let a = atlas.layer_view(&layer, &ViewRequest { bbox: [117.0, 38.9, 117.4, 39.3], zoom }, &|| false).unwrap();
    let b = atlas
        .layer_view(&layer, &ViewRequest { bbox: [117.0137, 38.9071, 117.4137, 39.3071], zoom }, &|| false)
        .unwrap();
    let (lo_x, lo_y) = world_px(117.1, 39.2, zoom);
    let (hi_x, hi_y) = world_px(117.3, 39.0, zoom);
    let inner = |v: &atlas_core::stream::viewport::View| -> std::collections::BTreeSet<(i64, i64, u32)> {
        v.clusters
            .iter()
            .map(|(x, y, n)| (*x as f64 + v.origin.0, *y as f64 + v.origin.1, *n))
            .filter(|(x, y, _)| *x > lo_x && *x < hi_x && *y > lo_y && *y < hi_y)
            .map(|(x, y, n)| ((x * 4.0).round() as i64, (y * 4.0).round() as i64, n))
            .collect()
    };
    assert!(inner(&a).len() > 10);
    assert_eq!(inner(&a), inner(&b), "the clusters moved when the view panned");
}

#[test]
fn a_stale_request_stops_early() {
    let (dir, atlas) = fresh("stale");
    let layer = import_text(&atlas, &dir, "points.geojson", &atlas_synthetic::random_points_geojson(20_000, 2));
    let calls = std::cell::Cell::new(0);
    let err = atlas
        .layer_view(&layer, &ViewRequest { bbox: [116.6, 38.5, 118.1, 40.3], zoom: 9.0 }, &|| {
            calls.set(calls.get() + 1);
            true
        })
        .unwrap_err();
    assert_eq!(err.kind(), atlas_core::error::ErrorKind::Stale, "{err}");
    assert_eq!(calls.get(), 1, "it stopped at the first check");
}

#[test]
fn hit_testing_uses_the_index_and_finds_the_cell() {
    let (dir, atlas) = fresh("hit");
    let layer = import_text(&atlas, &dir, "grid.geojson", &atlas_synthetic::hex_grid_geojson(20_000));
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
    let layer = import_text(&atlas, &dir, "grid.geojson", &atlas_synthetic::hex_grid_geojson(20_000));
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

#[test]
fn the_by_layer_index_keeps_layers_apart_and_follows_every_edit() {
    let (dir, atlas) = fresh("index");
    let grid = import_text(&atlas, &dir, "grid.geojson", &atlas_synthetic::hex_grid_geojson(2_000));
    let points = import_text(&atlas, &dir, "points.geojson", &atlas_synthetic::random_points_geojson(5_000, 3));
    let whole = [116.6, 38.5, 118.1, 40.3];
    let view =
        |layer: &str, bbox: [f64; 4]| atlas.layer_view(layer, &ViewRequest { bbox, zoom: 9.0 }, &|| false).unwrap();
    // Each layer's view walks its own features only: every one of them, and nothing of the other.
    let grid_ids: std::collections::HashSet<i64> = all_features(&atlas, &grid).into_iter().map(|(id, _)| id).collect();
    let g = view(&grid, whole);
    assert_eq!(g.in_view, grid_ids.len());
    assert!(g.ids.iter().all(|id| grid_ids.contains(id)));
    assert_eq!(view(&points, whole).in_view, 5_000);

    // Added, moved, deleted: the index follows.
    let far = [118.0, 38.6, 118.05, 38.65];
    let square = geo::Geometry::Polygon(geo::Polygon::new(
        geo::LineString::from(vec![
            (118.01, 38.61),
            (118.02, 38.61),
            (118.02, 38.62),
            (118.01, 38.62),
            (118.01, 38.61),
        ]),
        vec![],
    ));
    let before = view(&grid, far).in_view;
    let added = atlas.add_feature(&grid, &square, &Default::default()).unwrap();
    assert!(view(&grid, far).ids.contains(&added.id));
    assert_eq!(view(&grid, far).in_view, before + 1);
    let moved_id = *g.ids.first().unwrap();
    atlas.update_feature_geometry(moved_id, &geo::Geometry::Point(geo::Point::new(118.03, 38.63))).unwrap();
    let after_move = view(&grid, far);
    assert!(after_move.ids.contains(&moved_id));
    assert_eq!(after_move.points.len(), 1, "the moved feature is now a point, drawn as one");
    atlas.delete_feature(added.id).unwrap();
    assert!(!view(&grid, far).ids.contains(&added.id));
    atlas.delete_layer(&points).unwrap();
    assert_eq!(view(&points, whole).in_view, 0);

    // Each layer's index holds exactly one entry per feature with a geometry.
    let c = rusqlite::Connection::open(dir.join("atlas.gpkg")).unwrap();
    for layer in atlas.user_layers().unwrap() {
        let t = layer.table_name;
        let indexed: i64 = c.query_row(&format!("SELECT count(*) FROM \"rtree_{t}_geom\""), [], |r| r.get(0)).unwrap();
        let features: i64 = c.query_row(&format!("SELECT count(*) FROM \"{t}\""), [], |r| r.get(0)).unwrap();
        assert_eq!(indexed, features, "{t}");
    }
}
