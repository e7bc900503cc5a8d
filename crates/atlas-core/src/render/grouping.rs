//! Which crowded symbols are drawn as one grouped symbol: the rule the screen map and the
//! printed map share. Symbols closer than a minimum distance (transitively) form a cluster; a
//! cluster of [`MIN_GROUP`] or more, spread over more than one symbol's room, is drawn as one
//! symbol with its count, placed at the members' centroid (and said to be there). Smaller
//! clusters, and members that share one spot (schematic symbols at the same host area), keep
//! being displaced onto a ring with leader lines ([`super::placement::displace`]): the ring
//! already says they share it, and enlarging would not part them. Unlocated elements sit in
//! margin slots, a list rather than places: never grouped. On paper a group comes with an inset
//! (render/inset.rs); on screen a click on it lists and zooms to its members.
//!
//! The screen's table ([`screen_groups`]) is computed here, once per plan, for every zoom the
//! map can show, in Leaflet's pixel space; the UI only looks up its zoom.

use serde::Serialize;

use crate::plan::LocationBasis;
use crate::query::display::PlanFeature;
use crate::store::atlas::ElementSummary;

/// The fewest symbols drawn as one group; two to four crowded symbols stay legible displaced.
pub const MIN_GROUP: usize = 5;

/// Transitive clusters of points closer than `min_distance`: every index in exactly one
/// cluster, clusters ordered by their first member, members in input order.
pub fn clusters(points: &[(f64, f64)], min_distance: f64) -> Vec<Vec<usize>> {
    let n = points.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(parent: &mut [usize], i: usize) -> usize {
        let mut r = i;
        while parent[r] != r {
            r = parent[r];
        }
        parent[i] = r;
        r
    }
    for i in 0..n {
        for j in i + 1..n {
            let (a, b) = (points[i], points[j]);
            if (a.0 - b.0).hypot(a.1 - b.1) < min_distance {
                let (ri, rj) = (find(&mut parent, i), find(&mut parent, j));
                parent[rj.max(ri)] = ri.min(rj);
            }
        }
    }
    let mut by_root: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
    for i in 0..n {
        let r = find(&mut parent, i);
        by_root.entry(r).or_default().push(i);
    }
    by_root.into_values().collect()
}

/// The clusters drawn as one grouped symbol: those of at least [`MIN_GROUP`] members that do
/// not all share one spot (their extent is at least `min_distance` across).
pub fn crowded_groups(points: &[(f64, f64)], min_distance: f64) -> Vec<Vec<usize>> {
    let spread = |members: &[usize]| {
        let xs = members.iter().map(|i| points[*i].0);
        let ys = members.iter().map(|i| points[*i].1);
        let w = xs.clone().fold(f64::NEG_INFINITY, f64::max) - xs.fold(f64::INFINITY, f64::min);
        let h = ys.clone().fold(f64::NEG_INFINITY, f64::max) - ys.fold(f64::INFINITY, f64::min);
        w.hypot(h) >= min_distance
    };
    clusters(points, min_distance).into_iter().filter(|c| c.len() >= MIN_GROUP && spread(c)).collect()
}

/// Whether an element's symbol may join a group: not an unlocated one in its margin slot.
pub fn may_group(basis: LocationBasis) -> bool {
    basis != LocationBasis::Unlocated
}

/// The centroid of some of `points`.
pub fn centroid(points: &[(f64, f64)], members: &[usize]) -> (f64, f64) {
    let n = members.len() as f64;
    (members.iter().map(|i| points[*i].0).sum::<f64>() / n, members.iter().map(|i| points[*i].1).sum::<f64>() / n)
}

/// Every symbol the map draws that may group, as (element id, [lon, lat]), in the plan's order:
/// points where they are, and areas drawn with a symbol (a zone hosted in a district) at their
/// label point.
pub fn symbol_positions(features: &[PlanFeature], elements: &[ElementSummary]) -> Vec<(String, [f64; 2])> {
    let mut out = Vec::new();
    for f in features.iter().filter(|f| may_group(f.props.location_basis)) {
        match &f.geometry {
            geo::Geometry::Point(p) => out.push((f.props.element_id.clone(), [p.x(), p.y()])),
            geo::Geometry::MultiPolygon(_) if f.props.label_style.is_some() => {
                if let Some(e) = elements.iter().find(|e| e.id == f.props.element_id) {
                    out.push((f.props.element_id.clone(), e.label));
                }
            }
            _ => {}
        }
    }
    out
}

/// One grouped symbol on screen.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct SymbolGroup {
    /// Element ids, in the plan's order.
    pub members: Vec<String>,
    /// [lon, lat] of the members' centroid: where the grouped symbol is drawn, and said to be.
    pub centroid: [f64; 2],
    /// [min_lon, min_lat, max_lon, max_lat] of the members: what a click zooms to.
    pub bbox: [f64; 4],
}

/// The groups at one zoom of the screen map (from this zoom up to the next entry's).
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ZoomGroups {
    pub zoom: f64,
    /// The symbols' radius on screen at this zoom, in pixels (smaller when zoomed out).
    pub symbol_radius: f64,
    pub groups: Vec<SymbolGroup>,
}

/// The screen's zooms: Leaflet's range for the atlas (7–18) in its snap of 0.25.
const SCREEN_MIN_ZOOM: f64 = 7.0;
const SCREEN_MAX_ZOOM: f64 = 18.0;
const SCREEN_ZOOM_STEP: f64 = 0.25;

/// A symbol's radius on screen, in pixels: smaller when zoomed out, so a city's worth fits.
pub fn screen_symbol_radius(zoom: f64) -> f64 {
    if zoom < 9.0 {
        5.5
    } else {
        7.0
    }
}

/// How close (centre to centre, pixels) two screen symbols may come before they crowd.
pub fn screen_min_distance(zoom: f64) -> f64 {
    screen_symbol_radius(zoom) * 2.0 + 3.0
}

/// Leaflet's pixel position (EPSG:3857, 256-pixel tiles) of a point at a zoom.
fn leaflet_pixel(lon: f64, lat: f64, zoom: f64) -> (f64, f64) {
    let size = 256.0 * 2f64.powf(zoom);
    let s = lat.to_radians().sin().clamp(-0.9999, 0.9999);
    let y = 0.5 - ((1.0 + s) / (1.0 - s)).ln() / (4.0 * std::f64::consts::PI);
    (size * (lon + 180.0) / 360.0, size * y)
}

/// The groups of `symbols` at every screen zoom; entries only where the groups change.
pub fn screen_groups(symbols: &[(String, [f64; 2])]) -> Vec<ZoomGroups> {
    let mut out: Vec<ZoomGroups> = Vec::new();
    let steps = ((SCREEN_MAX_ZOOM - SCREEN_MIN_ZOOM) / SCREEN_ZOOM_STEP).round() as usize;
    for step in 0..=steps {
        let zoom = SCREEN_MIN_ZOOM + step as f64 * SCREEN_ZOOM_STEP;
        let pixels: Vec<(f64, f64)> = symbols.iter().map(|(_, p)| leaflet_pixel(p[0], p[1], zoom)).collect();
        let lonlat: Vec<(f64, f64)> = symbols.iter().map(|(_, p)| (p[0], p[1])).collect();
        let groups: Vec<SymbolGroup> = crowded_groups(&pixels, screen_min_distance(zoom))
            .into_iter()
            .map(|members| {
                let (lon, lat) = centroid(&lonlat, &members);
                let fold = |f: fn(f64, f64) -> f64, init: f64, pick: fn(&(f64, f64)) -> f64| {
                    members.iter().map(|i| pick(&lonlat[*i])).fold(init, f)
                };
                SymbolGroup {
                    members: members.iter().map(|i| symbols[*i].0.clone()).collect(),
                    centroid: [lon, lat],
                    bbox: [
                        fold(f64::min, f64::INFINITY, |p| p.0),
                        fold(f64::min, f64::INFINITY, |p| p.1),
                        fold(f64::max, f64::NEG_INFINITY, |p| p.0),
                        fold(f64::max, f64::NEG_INFINITY, |p| p.1),
                    ],
                }
            })
            .collect();
        let radius = screen_symbol_radius(zoom);
        if out.last().is_some_and(|last| last.groups == groups && last.symbol_radius == radius) {
            continue;
        }
        out.push(ZoomGroups { zoom, symbol_radius: radius, groups });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(n: usize, x0: f64, gap: f64) -> Vec<(f64, f64)> {
        (0..n).map(|i| (x0 + i as f64 * gap, 50.0)).collect()
    }

    #[test]
    fn five_crowded_symbols_group_and_four_do_not() {
        assert_eq!(crowded_groups(&row(5, 0.0, 3.0), 10.0), vec![vec![0, 1, 2, 3, 4]]);
        assert!(crowded_groups(&row(4, 0.0, 3.0), 10.0).is_empty());
        // Apart by more than the distance: no cluster at all.
        assert!(crowded_groups(&row(8, 0.0, 10.5), 10.0).is_empty());
        // Seven sharing one spot (one host area): their ring says so; no group.
        assert!(crowded_groups(&row(7, 0.0, 0.5), 10.0).is_empty());
    }

    #[test]
    fn clusters_are_transitive_and_separate() {
        let mut pts = row(6, 0.0, 8.0); // a chain: each within 10 of the next, ends 40 apart
        pts.extend(row(5, 500.0, 3.0));
        pts.push((250.0, 250.0));
        let groups = crowded_groups(&pts, 10.0);
        assert_eq!(groups, vec![(0..6).collect::<Vec<_>>(), (6..11).collect::<Vec<_>>()]);
        assert_eq!(clusters(&pts, 10.0).len(), 3, "the lone point is its own cluster");
    }

    #[test]
    fn screen_groups_come_apart_when_zoomed_in() {
        // Six sites within about 5 km of each other in Binhai, one far away in Jixian.
        let mut symbols: Vec<(String, [f64; 2])> =
            (0..6).map(|i| (format!("s{i}"), [117.70 + i as f64 * 0.01, 39.02 + (i % 2) as f64 * 0.003])).collect();
        symbols.push(("far".into(), [117.40, 40.04]));
        let table = screen_groups(&symbols);
        let at = |z: f64| table.iter().rev().find(|e| e.zoom <= z).unwrap();
        let overview = at(9.0);
        assert_eq!(overview.groups.len(), 1);
        assert_eq!(overview.groups[0].members.len(), 6);
        let c = overview.groups[0].centroid;
        assert!((c[0] - 117.725).abs() < 1e-9 && (c[1] - 39.0215).abs() < 1e-9, "{c:?}");
        assert!(at(16.0).groups.is_empty(), "at street scale every symbol stands alone");
        assert!(table.windows(2).all(|w| w[0].zoom < w[1].zoom));
    }
}
