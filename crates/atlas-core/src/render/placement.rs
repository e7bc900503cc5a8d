//! Where labels and crowded symbols go on a printed map: greedy label placement by priority and
//! displacement of overlapping symbols onto a ring (clusters from [`super::grouping`]). The same rules as the screen map
//! (ui/src/map/labels.ts and displacement.ts), in page points.

/// A label to place; `centred` labels sit on their point (or one of `shifts`), the others try
/// right, left, above and below their anchor.
#[derive(Debug, Clone)]
pub struct LabelCandidate {
    pub key: String,
    pub text: String,
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
    pub priority: i64,
    pub offset: f64,
    pub centred: bool,
    pub shifts: Vec<(f64, f64)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    pub key: String,
    pub text: String,
    pub left: f64,
    pub top: f64,
    pub width: f64,
    pub height: f64,
}

#[derive(Debug, Clone, Copy)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

fn overlaps(a: &Placed, b: (f64, f64, f64, f64), pad: f64) -> bool {
    a.left < b.0 + b.2 + pad && b.0 < a.left + a.width + pad && a.top < b.1 + b.3 + pad && b.1 < a.top + a.height + pad
}

/// Places candidates inside `frame`, none overlapping another or an obstacle (x, y, w, h).
pub fn place_labels(
    mut candidates: Vec<LabelCandidate>,
    frame: Rect,
    obstacles: &[(f64, f64, f64, f64)],
) -> Vec<Placed> {
    candidates.sort_by(|a, b| b.priority.cmp(&a.priority).then_with(|| a.key.cmp(&b.key)));
    let mut placed: Vec<Placed> = Vec::new();
    for c in candidates {
        let positions: Vec<(f64, f64)> = if c.centred {
            let shifts = if c.shifts.is_empty() { vec![(0.0, 0.0)] } else { c.shifts.clone() };
            shifts.iter().map(|(dx, dy)| (c.x + dx - c.width / 2.0, c.y + dy - c.height / 2.0)).collect()
        } else {
            vec![
                (c.x + c.offset + 2.0, c.y - c.height / 2.0),
                (c.x - c.offset - 2.0 - c.width, c.y - c.height / 2.0),
                (c.x - c.width / 2.0, c.y - c.offset - 1.5 - c.height),
                (c.x - c.width / 2.0, c.y + c.offset + 1.5),
            ]
        };
        for (left, top) in positions {
            let inside = left >= frame.x
                && top >= frame.y
                && left + c.width <= frame.x + frame.w
                && top + c.height <= frame.y + frame.h;
            if !inside {
                continue;
            }
            let candidate = (left, top, c.width, c.height);
            let blocked = placed.iter().any(|p| overlaps(p, candidate, 1.5))
                || obstacles.iter().any(|o| {
                    let as_placed = Placed {
                        key: String::new(),
                        text: String::new(),
                        left: o.0,
                        top: o.1,
                        width: o.2,
                        height: o.3,
                    };
                    overlaps(&as_placed, candidate, 0.0)
                });
            if blocked {
                continue;
            }
            placed.push(Placed {
                key: c.key.clone(),
                text: c.text.clone(),
                left,
                top,
                width: c.width,
                height: c.height,
            });
            break;
        }
    }
    placed
}

/// Ring sizes (times the smallest) and turns (fractions of the spacing) tried, in order, until
/// a ring clears every symbol already placed; else the ring that comes least close.
const RING_SCALES: [f64; 6] = [1.0, 1.3, 1.6, 2.0, 2.5, 3.0];
const RING_TURNS: [f64; 4] = [0.0, 0.5, 0.25, 0.75];

/// Spreads symbols closer than `min_distance` (transitively grouped) on a ring about their
/// centroid; a ring that would land on a symbol already placed (a lone one, an earlier ring)
/// is widened and turned until it clears them. Returns (x, y, Some(true position)) per input,
/// in input order. The screen's rule is the same (ui/src/map/displacement.ts).
pub fn displace(points: &[(f64, f64)], min_distance: f64) -> Vec<(f64, f64, Option<(f64, f64)>)> {
    use std::f64::consts::{FRAC_PI_2, PI};
    let mut out: Vec<(f64, f64, Option<(f64, f64)>)> = points.iter().map(|p| (p.0, p.1, None)).collect();
    let clusters = super::grouping::clusters(points, min_distance);
    let mut taken: Vec<(f64, f64)> = clusters.iter().filter(|m| m.len() == 1).map(|m| points[m[0]]).collect();
    for members in clusters.iter().filter(|m| m.len() > 1) {
        let (cx, cy) = super::grouping::centroid(points, members);
        let n = members.len() as f64;
        let base = min_distance.max(n * min_distance / (2.0 * PI));
        let (mut ring, mut best) = (Vec::new(), f64::NEG_INFINITY);
        'search: for scale in RING_SCALES {
            for turn in RING_TURNS {
                let candidate: Vec<(f64, f64)> = (0..members.len())
                    .map(|k| {
                        let a = -FRAC_PI_2 + 2.0 * PI * (k as f64 + turn) / n;
                        (cx + base * scale * a.cos(), cy + base * scale * a.sin())
                    })
                    .collect();
                // How close the ring comes to anything placed, as a share of the room needed.
                let margin = candidate
                    .iter()
                    .flat_map(|r| taken.iter().map(move |t| (r.0 - t.0).hypot(r.1 - t.1) / min_distance))
                    .fold(f64::INFINITY, f64::min);
                if margin > best {
                    (best, ring) = (margin, candidate);
                }
                if best >= 1.0 {
                    break 'search;
                }
            }
        }
        for (i, r) in members.iter().zip(&ring) {
            out[*i] = (r.0, r.1, Some(points[*i]));
            taken.push(*r);
        }
    }
    out
}

/// Approximate advance width: CJK characters one em, others 0.56 em.
pub fn text_width(text: &str, size: f64) -> f64 {
    text.chars().map(|c| if is_wide(c) { size } else { size * 0.56 }).sum()
}

pub fn is_wide(c: char) -> bool {
    matches!(c as u32, 0x2E80..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cand(key: &str, x: f64, y: f64, priority: i64) -> LabelCandidate {
        LabelCandidate {
            key: key.into(),
            text: key.into(),
            x,
            y,
            width: 40.0,
            height: 10.0,
            priority,
            offset: 4.0,
            centred: false,
            shifts: vec![],
        }
    }

    #[test]
    fn placed_labels_never_overlap() {
        let many: Vec<_> = (0..30)
            .map(|i| cand(&format!("l{i}"), 100.0 + (i % 5) as f64 * 5.0, 100.0 + (i / 5) as f64 * 4.0, i))
            .collect();
        let frame = Rect { x: 0.0, y: 0.0, w: 500.0, h: 400.0 };
        let out = place_labels(many, frame, &[]);
        for (i, a) in out.iter().enumerate() {
            for b in &out[i + 1..] {
                assert!(!overlaps(a, (b.left, b.top, b.width, b.height), 0.0), "{a:?} {b:?}");
            }
        }
        assert!(out.len() > 3 && out.len() < 30);
    }

    #[test]
    fn a_ring_clears_a_lone_symbol_it_would_land_on() {
        let out = displace(&[(0.0, 0.0), (1.0, 0.0), (0.5, -22.0)], 20.0);
        assert_eq!(out[2], (0.5, -22.0, None));
        for i in 0..3 {
            for j in i + 1..3 {
                let d = (out[i].0 - out[j].0).hypot(out[i].1 - out[j].1);
                assert!(d >= 19.99, "{i} {j} {d}");
            }
        }
    }

    #[test]
    fn displaced_symbols_keep_their_distance() {
        let pts: Vec<(f64, f64)> = (0..5).map(|i| (50.0 + i as f64 * 0.3, 50.0)).collect();
        let out = displace(&pts, 10.0);
        for i in 0..5 {
            assert!(out[i].2.is_some());
            for j in i + 1..5 {
                let d = ((out[i].0 - out[j].0).powi(2) + (out[i].1 - out[j].1).powi(2)).sqrt();
                assert!(d >= 9.99, "{d}");
            }
        }
    }
}
