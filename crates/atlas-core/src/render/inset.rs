//! Insets for crowded clusters on a printed map. Where [`super::grouping`] groups symbols (the
//! 滨海 core and the central city at the overview), the main map draws one grouped symbol with
//! its count at the members' centroid and outlines the area; a small enlarged frame of that
//! area, with its own scale bar and title, sits in the corner of the map that hides least.
//! Paper cannot be clicked, so the inset is what a click on the screen's grouped symbol does.

use super::grouping::{centroid, crowded_groups};
use super::placement::Rect;
use super::svg::{num, Svg};
use super::{Lang, FONT_FAMILY};

/// At most this many insets on one map; further groups stay displaced with leader lines.
pub const MAX_INSETS: usize = 2;
/// An inset enlarges its area at least this much, or it is not worth the paper.
const MIN_MAGNIFICATION: f64 = 2.5;
const MAX_MAGNIFICATION: f64 = 6.0;
const INK: &str = "#1f4e79";

/// One crowded cluster and where its inset goes, in page points.
#[derive(Debug, Clone)]
pub struct InsetPlan {
    /// "A", "B": ties the outline on the main map to its inset.
    pub letter: char,
    /// Indices into the symbols handed to [`plan_insets`].
    pub members: Vec<usize>,
    /// Where the grouped symbol is drawn: the members' centroid.
    pub centroid: (f64, f64),
    /// The area the inset shows, outlined on the main map.
    pub region: Rect,
    /// The inset's frame.
    pub frame: Rect,
}

fn intersect(a: Rect, b: Rect) -> bool {
    a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h
}

fn contains(r: Rect, p: (f64, f64)) -> bool {
    p.0 >= r.x && p.0 <= r.x + r.w && p.1 >= r.y && p.1 <= r.y + r.h
}

/// The groups among `symbols` (only those `groupable`: not the highlighted one, not unlocated)
/// that get an inset, largest first, each with a frame in the corner of `map` that hides the
/// least of the `landmarks` (points weighted by what covering them costs) and no group's area.
/// `reserved` are rectangles of the map already taken (the north arrow).
pub fn plan_insets(
    symbols: &[(f64, f64)],
    groupable: &[bool],
    map: Rect,
    min_distance: f64,
    reserved: &[Rect],
    landmarks: &[((f64, f64), f64)],
) -> Vec<InsetPlan> {
    let candidates: Vec<usize> = (0..symbols.len()).filter(|i| groupable[*i] && contains(map, symbols[*i])).collect();
    let points: Vec<(f64, f64)> = candidates.iter().map(|i| symbols[*i]).collect();
    let mut groups: Vec<Vec<usize>> = crowded_groups(&points, min_distance)
        .into_iter()
        .map(|g| g.into_iter().map(|k| candidates[k]).collect())
        .collect();
    groups.sort_by_key(|g| std::cmp::Reverse(g.len()));
    let (w, h) = ((map.w * 0.3).min(240.0), (map.h * 0.34).min(190.0));
    let mut plans: Vec<InsetPlan> = Vec::new();
    for members in groups {
        if plans.len() == MAX_INSETS {
            break;
        }
        let xs = members.iter().map(|i| symbols[*i].0);
        let ys = members.iter().map(|i| symbols[*i].1);
        let (x0, x1) = (xs.clone().fold(f64::INFINITY, f64::min), xs.fold(f64::NEG_INFINITY, f64::max));
        let (y0, y1) = (ys.clone().fold(f64::INFINITY, f64::min), ys.fold(f64::NEG_INFINITY, f64::max));
        // Room around the members for their symbols and names in the inset.
        let pad = min_distance * 1.2;
        let magnification = (w / (x1 - x0 + 2.0 * pad)).min(h / (y1 - y0 + 2.0 * pad)).min(MAX_MAGNIFICATION);
        if magnification < MIN_MAGNIFICATION {
            continue;
        }
        let (cx, cy) = ((x0 + x1) / 2.0, (y0 + y1) / 2.0);
        let region = Rect {
            x: cx - w / magnification / 2.0,
            y: cy - h / magnification / 2.0,
            w: w / magnification,
            h: h / magnification,
        };
        let corners = [
            (map.x + map.w - w - 6.0, map.y + map.h - h - 6.0),
            (map.x + 6.0, map.y + 6.0),
            (map.x + map.w - w - 6.0, map.y + 6.0),
            (map.x + 6.0, map.y + map.h - h - 6.0),
        ];
        let cost = |r: Rect| -> f64 {
            let covered: f64 = landmarks.iter().filter(|(p, _)| contains(r, *p)).map(|(_, w)| w).sum();
            let taken = plans.iter().any(|p| intersect(r, p.frame) || intersect(r, p.region)) || intersect(r, region);
            covered
                + if taken { 1e6 } else { 0.0 }
                + reserved.iter().filter(|q| intersect(r, **q)).count() as f64 * 25.0
        };
        let Some(frame) = corners
            .iter()
            .map(|(x, y)| Rect { x: *x, y: *y, w, h })
            .min_by(|a, b| cost(*a).total_cmp(&cost(*b)))
            .filter(|r| cost(*r) < 1e6)
        else {
            continue;
        };
        let letter = (b'A' + plans.len() as u8) as char;
        plans.push(InsetPlan { letter, centroid: centroid(symbols, &members), members, region, frame });
    }
    plans
}

fn text_attrs(size: f64, weight: &str, fill: &str) -> Vec<(&'static str, String)> {
    vec![
        ("font-family", FONT_FAMILY.into()),
        ("font-size", num(size)),
        ("font-weight", weight.into()),
        ("fill", fill.into()),
    ]
}

/// The grouped symbol: a ringed disc with the members' count, at their centroid.
pub fn grouped_symbol(svg: &mut Svg, at: (f64, f64), count: usize, radius: f64) {
    let ring = [("fill", "#ffffff".into()), ("stroke", INK.into()), ("stroke-width", "1.3".into())];
    svg.empty("circle", &[vec![("cx", num(at.0)), ("cy", num(at.1)), ("r", num(radius))], ring.to_vec()].concat());
    let mut attrs = text_attrs(radius * 1.05, "bold", INK);
    attrs.push(("text-anchor", "middle".into()));
    svg.text(at.0, at.1 + radius * 0.37, &count.to_string(), &attrs);
}

/// On the main map: the area an inset enlarges, outlined and lettered, and its grouped symbol.
pub fn draw_on_main_map(svg: &mut Svg, plan: &InsetPlan, symbol_radius: f64) {
    let r = plan.region;
    svg.open("g", &[("data-inset-area", plan.letter.to_string())]);
    svg.rect(
        r.x,
        r.y,
        r.w,
        r.h,
        &[
            ("fill", "none".into()),
            ("stroke", INK.into()),
            ("stroke-width", "0.9".into()),
            ("stroke-dasharray", "3 2".into()),
        ],
    );
    svg.rect(r.x, r.y - 9.0, 9.0, 9.0, &[("fill", INK.into())]);
    let mut attrs = text_attrs(7.0, "bold", "#ffffff");
    attrs.push(("text-anchor", "middle".into()));
    svg.text(r.x + 4.5, r.y - 2.2, &plan.letter.to_string(), &attrs);
    grouped_symbol(svg, plan.centroid, plan.members.len(), symbol_radius * 1.8);
    svg.close("g");
}

/// The inset's white ground, drawn before its map.
pub fn ground(svg: &mut Svg, frame: Rect) {
    svg.rect(frame.x - 2.0, frame.y - 2.0, frame.w + 4.0, frame.h + 4.0, &[("fill", "#ffffff".into())]);
}

/// The inset's title tab, drawn after its map: its letter and what it enlarges.
pub fn title(svg: &mut Svg, plan: &InsetPlan, place: &str, lang: Lang) {
    let text = match lang {
        Lang::Zh => format!("{} 放大图 · {place}", plan.letter),
        Lang::En => format!("{} Inset · {place}", plan.letter),
    };
    let width = super::placement::text_width(&text, 7.0) + 8.0;
    let f = plan.frame;
    svg.rect(f.x, f.y, width, 12.0, &[("fill", INK.into())]);
    svg.text(f.x + 4.0, f.y + 9.0, &text, &text_attrs(7.0, "bold", "#ffffff"));
}

/// The legend's words for the grouped symbol: what the number is, and where it stands.
pub fn legend_text(lang: Lang) -> &'static str {
    lang.pick("聚合:要素数,标于重心,见放大图", "n elements at centroid; see inset")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_crowded_cluster_gets_an_inset_in_a_free_corner() {
        let map = Rect { x: 0.0, y: 0.0, w: 800.0, h: 500.0 };
        // Six symbols crowded near the middle-right, a few spread over the left.
        let mut symbols: Vec<(f64, f64)> =
            (0..6).map(|i| (520.0 + i as f64 * 4.0, 260.0 + (i % 2) as f64 * 4.0)).collect();
        symbols.extend([(100.0, 100.0), (150.0, 400.0), (300.0, 250.0)]);
        let landmarks: Vec<_> = symbols.iter().map(|p| (*p, 10.0)).collect();
        let plans = plan_insets(&symbols, &[true; 9], map, 10.9, &[], &landmarks);
        assert_eq!(plans.len(), 1);
        let p = &plans[0];
        assert_eq!(p.members, (0..6).collect::<Vec<_>>());
        assert!(!intersect(p.frame, p.region), "the inset does not cover what it enlarges");
        assert!(symbols.iter().all(|s| !contains(p.frame, *s)), "nor any symbol: {:?}", p.frame);
        assert!(p.frame.w / p.region.w >= MIN_MAGNIFICATION);
        for m in &p.members {
            assert!(contains(p.region, symbols[*m]), "every member is inside the enlarged area");
        }
    }

    #[test]
    fn the_highlighted_symbol_is_never_grouped() {
        let map = Rect { x: 0.0, y: 0.0, w: 800.0, h: 500.0 };
        let symbols: Vec<(f64, f64)> = (0..5).map(|i| (400.0 + i as f64 * 3.0, 250.0)).collect();
        let mut groupable = [true; 5];
        assert_eq!(plan_insets(&symbols, &groupable, map, 10.0, &[], &[]).len(), 1);
        groupable[2] = false;
        assert!(plan_insets(&symbols, &groupable, map, 10.0, &[], &[]).is_empty(), "four left: displaced, not grouped");
    }
}
