//! How a view's rings and lines are thinned for its zoom, after projection to pixels.
//!
//! The atlas snaps every vertex to a ¼-pixel grid and drops repeated and straight-through
//! vertices (`SnapThin`). Snapping is a function of the coordinate alone, so two polygons that
//! share an edge keep sharing it at every zoom: no gaps or slivers between neighbours, without
//! building topology. geo's simplifications (Ramer–Douglas–Peucker, and Visvalingam–Whyatt in
//! its topology-preserving form) work one feature at a time, so neighbours can simplify their
//! common edge differently; they are here so `atlas bench` can measure them side by side.

use geo::{Coord, LineString, Simplify, SimplifyVwPreserve};

use crate::stream::viewport::world_px;

/// Coordinates are snapped to 1/SNAP pixel.
const SNAP: f64 = 4.0;

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Thinning {
    /// The atlas's way: ¼-px snapping, repeated and collinear vertices dropped.
    SnapThin,
    /// Projected only: every vertex sent.
    Exact,
    /// geo's Ramer–Douglas–Peucker per feature, tolerance ε px.
    Rdp(f64),
    /// geo's topology-preserving Visvalingam–Whyatt per feature, tolerance ε px².
    VwPreserve(f64),
}

fn snap(v: f64) -> f64 {
    (v * SNAP).round() / SNAP
}

/// Projects, snaps and thins a ring or line; drops repeated and straight-through vertices.
pub(crate) fn thin(coords: &[Coord], origin: (f64, f64), zoom: f64, closed: bool) -> Vec<(f64, f64)> {
    let mut out: Vec<(f64, f64)> = Vec::with_capacity(coords.len());
    for c in coords {
        let (x, y) = world_px(c.x, c.y, zoom);
        let p = (snap(x - origin.0), snap(y - origin.1));
        if out.last() == Some(&p) {
            continue;
        }
        // Drop the middle of three collinear points: the same decision from either direction.
        if out.len() >= 2 {
            let (a, b) = (out[out.len() - 2], out[out.len() - 1]);
            let cross = (b.0 - a.0) * (p.1 - a.1) - (b.1 - a.1) * (p.0 - a.0);
            let between = (b.0 - a.0) * (p.0 - b.0) + (b.1 - a.1) * (p.1 - b.1) >= 0.0;
            if cross == 0.0 && between {
                out.pop();
            }
        }
        out.push(p);
    }
    if closed && out.len() > 1 && out.first() != out.last() {
        out.push(out[0]);
    }
    out
}

pub(crate) fn to_f32(v: Vec<(f64, f64)>) -> Vec<(f32, f32)> {
    v.into_iter().map(|(x, y)| (x as f32, y as f32)).collect()
}

fn orient(a: (f64, f64), b: (f64, f64), c: (f64, f64)) -> f64 {
    (b.0 - a.0) * (c.1 - a.1) - (b.1 - a.1) * (c.0 - a.0)
}

fn within(a: (f64, f64), b: (f64, f64), p: (f64, f64)) -> bool {
    p.0 >= a.0.min(b.0) && p.0 <= a.0.max(b.0) && p.1 >= a.1.min(b.1) && p.1 <= a.1.max(b.1)
}

/// Closed segments meet (cross, touch, or overlap).
fn segments_meet(p1: (f64, f64), p2: (f64, f64), q1: (f64, f64), q2: (f64, f64)) -> bool {
    let (d1, d2) = (orient(q1, q2, p1), orient(q1, q2, p2));
    let (d3, d4) = (orient(p1, p2, q1), orient(p1, p2, q2));
    if ((d1 > 0.0 && d2 < 0.0) || (d1 < 0.0 && d2 > 0.0)) && ((d3 > 0.0 && d4 < 0.0) || (d3 < 0.0 && d4 > 0.0)) {
        return true;
    }
    (d1 == 0.0 && within(q1, q2, p1))
        || (d2 == 0.0 && within(q1, q2, p2))
        || (d3 == 0.0 && within(p1, p2, q1))
        || (d4 == 0.0 && within(p1, p2, q2))
}

/// Whether rings make a valid polygon, strictly: each ring closed with at least three corners,
/// no spikes, and no two edges meeting except neighbours at their shared corner (rings that
/// touch count as invalid; they are then sent unsnapped, which is always safe). A sweep over the
/// edges sorted by x: ~50× cheaper than `geo::Validation::is_valid` on 54-vertex parcels, so
/// every snapped polygon is checked. Snapped coordinates are ¼-px multiples, which keeps the
/// orientation tests exact in f64.
pub(crate) fn simple_rings(rings: &[Vec<(f64, f64)>]) -> bool {
    struct Edge {
        min_x: f64,
        max_x: f64,
        min_y: f64,
        max_y: f64,
        ring: usize,
        index: usize,
        a: (f64, f64),
        b: (f64, f64),
    }
    let mut edges = Vec::new();
    for (ring, r) in rings.iter().enumerate() {
        if r.len() < 4 || r.first() != r.last() {
            return false;
        }
        let n = r.len() - 1;
        for i in 0..n {
            let (a, b, c) = (r[i], r[i + 1], r[(i + 2) % n]);
            if a == b {
                return false;
            }
            // A spike: the ring turns straight back on itself.
            if orient(a, b, c) == 0.0 && (c.0 - b.0) * (a.0 - b.0) + (c.1 - b.1) * (a.1 - b.1) > 0.0 {
                return false;
            }
            edges.push(Edge {
                min_x: a.0.min(b.0),
                max_x: a.0.max(b.0),
                min_y: a.1.min(b.1),
                max_y: a.1.max(b.1),
                ring,
                index: i,
                a,
                b,
            });
        }
    }
    edges.sort_by(|e, f| e.min_x.total_cmp(&f.min_x));
    for (i, e) in edges.iter().enumerate() {
        for f in edges[i + 1..].iter().take_while(|f| f.min_x <= e.max_x) {
            if f.min_y > e.max_y || f.max_y < e.min_y {
                continue;
            }
            if e.ring == f.ring {
                let n = rings[e.ring].len() - 1;
                let (lo, hi) = (e.index.min(f.index), e.index.max(f.index));
                if hi == lo + 1 || (lo == 0 && hi == n - 1) {
                    continue; // neighbours share a corner (spikes were refused above)
                }
            }
            if segments_meet(e.a, e.b, f.a, f.b) {
                return false;
            }
        }
    }
    true
}

fn area_parts(p: &geo::Polygon, origin: (f64, f64), zoom: f64) -> Vec<Vec<(f64, f64)>> {
    let raw: Vec<&LineString> = std::iter::once(p.exterior()).chain(p.interiors()).collect();
    let thinned: Vec<Vec<(f64, f64)>> = raw.iter().map(|r| thin(&r.0, origin, zoom, true)).collect();
    if simple_rings(&thinned) {
        return thinned;
    }
    // Snapping would make it invalid: send it exactly as it is, only projected.
    raw.iter()
        .map(|r| {
            r.0.iter()
                .map(|c| {
                    let (x, y) = world_px(c.x, c.y, zoom);
                    (x - origin.0, y - origin.1)
                })
                .collect()
        })
        .collect()
}

fn project(coords: &[Coord], origin: (f64, f64), zoom: f64) -> Vec<(f64, f64)> {
    coords
        .iter()
        .map(|c| {
            let (x, y) = world_px(c.x, c.y, zoom);
            (x - origin.0, y - origin.1)
        })
        .collect()
}

fn rings_of(p: &geo::Polygon<f64>) -> Vec<Vec<(f64, f64)>> {
    std::iter::once(p.exterior()).chain(p.interiors()).map(|r| r.0.iter().map(|c| (c.x, c.y)).collect()).collect()
}

impl Thinning {
    /// A polygon's rings in view pixels, thinned.
    pub fn area(self, p: &geo::Polygon, origin: (f64, f64), zoom: f64) -> Vec<Vec<(f64, f64)>> {
        let projected = || {
            let ls = |r: &LineString| LineString::from(project(&r.0, origin, zoom));
            geo::Polygon::new(ls(p.exterior()), p.interiors().iter().map(ls).collect())
        };
        match self {
            Thinning::SnapThin => area_parts(p, origin, zoom),
            Thinning::Exact => rings_of(&projected()),
            Thinning::Rdp(eps) => rings_of(&projected().simplify(eps)),
            Thinning::VwPreserve(eps) => rings_of(&projected().simplify_vw_preserve(eps)),
        }
    }

    /// A line in view pixels, thinned.
    pub fn line(self, coords: &[Coord], origin: (f64, f64), zoom: f64) -> Vec<(f64, f64)> {
        let projected = || LineString::from(project(coords, origin, zoom));
        let points = |l: LineString| l.0.iter().map(|c| (c.x, c.y)).collect();
        match self {
            Thinning::SnapThin => thin(coords, origin, zoom, false),
            Thinning::Exact => project(coords, origin, zoom),
            Thinning::Rdp(eps) => points(projected().simplify(eps)),
            Thinning::VwPreserve(eps) => points(projected().simplify_vw_preserve(eps)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thinning_is_the_same_in_either_direction() {
        let coords: Vec<Coord> =
            (0..50).map(|i| Coord { x: 117.0 + i as f64 * 1e-5, y: 39.0 + (i % 3) as f64 * 1e-6 }).collect();
        let mut reversed = coords.clone();
        reversed.reverse();
        let a = thin(&coords, (0.0, 0.0), 12.0, false);
        let mut b = thin(&reversed, (0.0, 0.0), 12.0, false);
        b.reverse();
        assert_eq!(a, b);
        assert!(a.len() < coords.len());
    }

    #[test]
    fn the_ring_check_agrees_with_geo_on_small_polygons() {
        use geo::Validation;
        let mut rng = atlas_synthetic::SeededRng::new(7);
        let mut next = |n: u64| rng.below(n);
        let (mut valid, mut invalid) = (0, 0);
        for _ in 0..20_000 {
            let corners = 3 + next(4) as usize;
            let mut ring: Vec<(f64, f64)> = Vec::new();
            while ring.len() < corners {
                let p = (next(5) as f64 * 0.25, next(5) as f64 * 0.25);
                if ring.last() != Some(&p) {
                    ring.push(p);
                }
            }
            if ring[0] == ring[corners - 1] {
                continue;
            }
            ring.push(ring[0]);
            let geo_says = geo::Polygon::new(LineString::from(ring.clone()), vec![]).is_valid();
            let we_say = simple_rings(std::slice::from_ref(&ring));
            // Stricter is allowed (the polygon is then sent unsnapped); laxer never.
            assert!(!we_say || geo_says, "{ring:?} passed our check but geo finds it invalid");
            if geo_says {
                valid += 1;
            } else {
                invalid += 1;
            }
            if geo_says && !we_say {
                // Only collinear corners (which OGC allows and the thinning removes) may differ.
                let n = ring.len() - 1;
                assert!(
                    (0..n).any(|i| orient(ring[i], ring[i + 1], ring[(i + 2) % n]) == 0.0),
                    "{ring:?} is valid but we refused it"
                );
            }
        }
        assert!(valid > 1000 && invalid > 1000, "both kinds were tried ({valid} valid, {invalid} invalid)");
    }
}
