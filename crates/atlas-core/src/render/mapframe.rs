//! Draws the map itself into a frame on a page: the basemap, the plan's features styled by
//! [`crate::style`], displaced symbols, labels that never overlap, and a highlight. Crowded
//! clusters are drawn as one grouped symbol with an inset of their area ([`super::inset`]).

use std::collections::BTreeSet;

use geo::{BoundingRect, Geometry};

use super::inset::{plan_insets, InsetPlan};
use super::placement::{displace, place_labels, text_width, LabelCandidate, Rect};
use super::svg::{num, Svg};
use super::{symbols, Lang, RenderData, FONT_FAMILY};
use crate::style::{DrawStyle, LabelPlacement, LabelStyle, LABEL_PRIORITY_DISTRICT};

/// Page points per screen pixel for line weights and dashes: printed lines are finer.
const WEIGHT_SCALE: f64 = 0.6;
const SYMBOL_RADIUS: f64 = 4.2;
const EARTH_RADIUS_M: f64 = 6_378_137.0;

/// What to draw.
#[derive(Debug, Clone)]
pub struct MapView {
    /// [min_lon, min_lat, max_lon, max_lat]; widened to the frame's shape.
    pub bbox: [f64; 4],
    /// Categories to show; `None` shows all.
    pub layers: Option<Vec<String>>,
    /// An element to highlight (a tour stop's zone).
    pub highlight: Option<String>,
    /// A district to outline.
    pub district: Option<String>,
    pub lang: Lang,
}

/// What was drawn, for the legend and scale bar.
#[derive(Debug, Clone)]
pub struct Drawn {
    pub categories: BTreeSet<String>,
    pub metres_per_pt: f64,
    /// Whether a grouped symbol (and its inset) was drawn: the legend explains it.
    pub grouped: bool,
    /// The insets' frames, which the scale bar keeps clear of.
    pub insets: Vec<Rect>,
}

/// Web Mercator fitted into the frame.
struct Projection {
    left: f64,
    top: f64,
    scale: f64,
    frame: Rect,
}

fn merc_y(lat: f64) -> f64 {
    let s = lat.to_radians().sin();
    0.5 * ((1.0 + s) / (1.0 - s)).ln()
}

impl Projection {
    fn fit(bbox: [f64; 4], frame: Rect) -> Projection {
        let (x0, x1) = (bbox[0].to_radians(), bbox[2].to_radians());
        let (y0, y1) = (merc_y(bbox[1]), merc_y(bbox[3]));
        let scale = (frame.w / (x1 - x0)).min(frame.h / (y1 - y0));
        let (cx, cy) = ((x0 + x1) / 2.0, (y0 + y1) / 2.0);
        Projection { left: cx - frame.w / 2.0 / scale, top: cy + frame.h / 2.0 / scale, scale, frame }
    }

    fn xy(&self, lon: f64, lat: f64) -> (f64, f64) {
        (
            self.frame.x + (lon.to_radians() - self.left) * self.scale,
            self.frame.y + (self.top - merc_y(lat)) * self.scale,
        )
    }

    /// The inverse of [`Projection::xy`].
    fn lonlat(&self, x: f64, y: f64) -> (f64, f64) {
        let lon = (self.left + (x - self.frame.x) / self.scale).to_degrees();
        let lat = (self.top - (y - self.frame.y) / self.scale).sinh().atan().to_degrees();
        (lon, lat)
    }

    fn lonlat_bounds(&self) -> [f64; 4] {
        let lon0 = self.left.to_degrees();
        let lon1 = (self.left + self.frame.w / self.scale).to_degrees();
        let inv = |y: f64| (y.sinh()).atan().to_degrees();
        [lon0, inv(self.top - self.frame.h / self.scale), lon1, inv(self.top)]
    }

    fn metres_per_pt(&self) -> f64 {
        let b = self.lonlat_bounds();
        let lat = ((b[1] + b[3]) / 2.0).to_radians();
        EARTH_RADIUS_M * lat.cos() / self.scale
    }
}

fn path_data(g: &Geometry<f64>, p: &Projection) -> String {
    let mut d = String::new();
    let mut ring = |coords: &[geo::Coord<f64>], close: bool| {
        for (i, c) in coords.iter().enumerate() {
            let (x, y) = p.xy(c.x, c.y);
            d.push_str(if i == 0 { "M" } else { "L" });
            d.push_str(&num(x));
            d.push(' ');
            d.push_str(&num(y));
        }
        if close {
            d.push('Z');
        }
    };
    match g {
        Geometry::MultiPolygon(mp) => {
            for poly in &mp.0 {
                ring(&poly.exterior().0, true);
                for i in poly.interiors() {
                    ring(&i.0, true);
                }
            }
        }
        Geometry::Polygon(poly) => ring(&poly.exterior().0, true),
        Geometry::LineString(l) => ring(&l.0, false),
        _ => {}
    }
    d
}

fn intersects(g: &Geometry<f64>, view: [f64; 4]) -> bool {
    g.bounding_rect()
        .is_some_and(|r| r.max().x >= view[0] && r.min().x <= view[2] && r.max().y >= view[1] && r.min().y <= view[3])
}

fn style_attrs(s: &DrawStyle, filled: bool) -> Vec<(&'static str, String)> {
    let mut a = vec![
        ("stroke", s.stroke.clone()),
        ("stroke-width", num(s.weight * WEIGHT_SCALE)),
        ("stroke-linejoin", "round".into()),
        ("stroke-opacity", "0.9".into()),
    ];
    if filled && s.filled {
        a.push(("fill", s.fill.clone()));
        a.push(("fill-opacity", num(s.fill_opacity)));
        a.push(("fill-rule", "evenodd".into()));
    } else {
        a.push(("fill", "none".into()));
    }
    if !s.dash.is_empty() {
        a.push(("stroke-dasharray", s.dash.iter().map(|d| num(d * WEIGHT_SCALE)).collect::<Vec<_>>().join(" ")));
    }
    a
}

/// A label's text in the page's language, if it has one there.
fn label_in(lang: Lang, label: &LabelStyle) -> Option<String> {
    match lang {
        Lang::Zh => label.text_zh.clone(),
        Lang::En => label.text_en.clone(),
    }
}

/// Draws the map into `frame`, with insets of its crowded clusters. `clip_id` must be unique
/// within the page.
pub fn draw_map(svg: &mut Svg, data: &RenderData, view: &MapView, frame: Rect, clip_id: &str) -> Drawn {
    draw_map_with(svg, data, view, frame, clip_id, true)
}

/// The district most of an inset's members are in, by name: the inset's title.
fn inset_place(data: &RenderData, ids: &[&str], lang: Lang) -> String {
    let mut counts: std::collections::BTreeMap<&str, usize> = Default::default();
    for e in ids.iter().filter_map(|id| data.element(id)) {
        for d in &e.districts {
            *counts.entry(d.as_str()).or_default() += 1;
        }
    }
    let best = counts.iter().max_by_key(|(_, n)| **n).map(|(d, _)| *d);
    best.and_then(|d| data.districts.iter().find(|x| x.adcode == d || x.name_zh == d))
        .map(|d| lang.pick(&d.name_zh, &d.name_en).to_owned())
        .unwrap_or_default()
}

/// Draws an inset: its ground, its map (no insets of its own), scale bar and title.
fn draw_inset(
    svg: &mut Svg,
    data: &RenderData,
    view: &MapView,
    main: &Projection,
    plan: &InsetPlan,
    ids: &[&str],
    clip_id: &str,
) {
    let r = plan.region;
    let (lon0, lat0) = main.lonlat(r.x, r.y + r.h);
    let (lon1, lat1) = main.lonlat(r.x + r.w, r.y);
    let inset_view = MapView { bbox: [lon0, lat0, lon1, lat1], ..view.clone() };
    super::inset::ground(svg, plan.frame);
    svg.open("g", &[("data-inset", plan.letter.to_string())]);
    let drawn = draw_map_with(svg, data, &inset_view, plan.frame, &format!("{clip_id}-inset-{}", plan.letter), false);
    super::page::scale_bar(svg, &drawn, plan.frame);
    super::inset::title(svg, plan, &inset_place(data, ids, view.lang), view.lang);
    svg.close("g");
}

fn draw_map_with(svg: &mut Svg, data: &RenderData, view: &MapView, frame: Rect, clip_id: &str, insets: bool) -> Drawn {
    let p = Projection::fit(view.bbox, frame);
    let visible_box = p.lonlat_bounds();
    let shown = |category: &str| view.layers.as_ref().is_none_or(|l| l.iter().any(|c| c == category));

    svg.raw(&format!(
        r#"<defs><clipPath id="{clip_id}"><rect x="{}" y="{}" width="{}" height="{}"/></clipPath></defs>"#,
        num(frame.x),
        num(frame.y),
        num(frame.w),
        num(frame.h)
    ));
    svg.open("g", &[("clip-path", format!("url(#{clip_id})"))]);
    svg.rect(frame.x, frame.y, frame.w, frame.h, &[("fill", crate::style::SEA.into())]);

    // Basemap, in the core's drawing order and palette (crate::style::basemap_style): land,
    // context units, Tianjin's districts, Tianjin's outline.
    for (props, g) in &data.basemap {
        if !intersects(g, visible_box) {
            continue;
        }
        let st = &props.style;
        let mut attrs = vec![("d", path_data(g, &p))];
        match &st.fill {
            Some(fill) => {
                attrs.push(("fill", fill.clone()));
                if st.fill_opacity < 1.0 {
                    attrs.push(("fill-opacity", num(st.fill_opacity)));
                }
            }
            None => attrs.push(("fill", "none".into())),
        }
        attrs.push(("stroke", st.stroke.clone()));
        attrs.push(("stroke-width", num(st.weight * WEIGHT_SCALE)));
        svg.empty("path", &attrs);
    }

    // Plan: areas (bottom to top by category order), then lines; collect symbols.
    let mut drawn = BTreeSet::new();
    let order = |c: &str| data.categories.iter().find(|x| x.id == c).map(|x| x.order).unwrap_or(0);
    let mut areas: Vec<_> = data.features.iter().filter(|f| matches!(f.geometry, Geometry::MultiPolygon(_))).collect();
    areas.sort_by_key(|f| order(&f.props.category));
    let lines = data.features.iter().filter(|f| matches!(f.geometry, Geometry::LineString(_)));
    let mut symbols_to_draw: Vec<(String, (f64, f64), DrawStyle, Option<LabelStyle>)> = Vec::new();
    for f in areas.into_iter().chain(lines) {
        if !shown(&f.props.category) || !intersects(&f.geometry, visible_box) {
            continue;
        }
        drawn.insert(f.props.category.clone());
        let mut attrs = vec![("d", path_data(&f.geometry, &p))];
        attrs.extend(style_attrs(&f.props.style, true));
        if view.highlight.as_deref() == Some(f.props.element_id.as_str()) {
            svg.empty(
                "path",
                &[
                    ("d", attrs[0].1.clone()),
                    ("fill", "none".into()),
                    ("stroke", "#ffd400".into()),
                    ("stroke-width", "4".into()),
                    ("stroke-opacity", "0.8".into()),
                ],
            );
        }
        svg.empty("path", &attrs);
        if let (Some(ls), Some(e)) = (&f.props.label_style, data.element(&f.props.element_id)) {
            symbols_to_draw.push((
                f.props.element_id.clone(),
                p.xy(e.label[0], e.label[1]),
                ls.clone(),
                f.props.label.clone(),
            ));
        }
    }
    for f in &data.features {
        if let Geometry::Point(pt) = f.geometry {
            if shown(&f.props.category) && intersects(&f.geometry, visible_box) {
                drawn.insert(f.props.category.clone());
                symbols_to_draw.push((
                    f.props.element_id.clone(),
                    p.xy(pt.x(), pt.y()),
                    f.props.style.clone(),
                    f.props.label.clone(),
                ));
            }
        }
    }

    // A district page: everything outside the district is veiled, so the district stands out
    // and its neighbours stay legible as context; then its outline.
    if let Some(code) = &view.district {
        let inside: String = data
            .basemap
            .iter()
            .filter(|(props, _)| props.layer == "tianjin" && &props.adcode == code)
            .map(|(_, g)| path_data(g, &p))
            .collect();
        if !inside.is_empty() {
            let outside = format!(
                "M{x0} {y0}L{x1} {y0}L{x1} {y1}L{x0} {y1}Z",
                x0 = num(frame.x),
                y0 = num(frame.y),
                x1 = num(frame.x + frame.w),
                y1 = num(frame.y + frame.h)
            );
            svg.empty(
                "path",
                &[
                    ("d", format!("{outside}{inside}")),
                    ("fill", "#ffffff".into()),
                    ("fill-opacity", "0.55".into()),
                    ("fill-rule", "evenodd".into()),
                ],
            );
        }
        for (props, g) in &data.basemap {
            if props.layer == "tianjin" && &props.adcode == code {
                svg.empty(
                    "path",
                    &[
                        ("d", path_data(g, &p)),
                        ("fill", "none".into()),
                        ("stroke", "#0b3d91".into()),
                        ("stroke-width", "2.2".into()),
                    ],
                );
            }
        }
    }

    // Crowded clusters: one grouped symbol each, with an inset (never the highlighted element).
    let min_distance = SYMBOL_RADIUS * 2.0 + 2.5;
    let positions: Vec<(f64, f64)> = symbols_to_draw.iter().map(|s| s.1).collect();
    let plans: Vec<InsetPlan> = if insets {
        let groupable: Vec<bool> = symbols_to_draw
            .iter()
            .map(|s| {
                view.highlight.as_deref() != Some(s.0.as_str())
                    && data.element(&s.0).is_some_and(|e| super::grouping::may_group(e.location_basis))
            })
            .collect();
        // The north arrow keeps its corner (the scale bar moves aside: page.rs).
        let reserved = [Rect { x: frame.x + frame.w - 36.0, y: frame.y, w: 36.0, h: 44.0 }];
        // What an inset must not hide, by weight: symbols, then the plan's lines (the corridor
        // from Zhongguancun), then the names of districts and areas.
        let mut landmarks: Vec<((f64, f64), f64)> = positions.iter().map(|p| (*p, 10.0)).collect();
        for f in data.features.iter().filter(|f| shown(&f.props.category)) {
            if let Geometry::LineString(l) = &f.geometry {
                landmarks.extend(l.0.iter().map(|c| (p.xy(c.x, c.y), 5.0)));
            }
            if let Some(e) = data.element(&f.props.element_id) {
                landmarks.push((p.xy(e.label[0], e.label[1]), 3.0));
            }
        }
        landmarks.extend(data.districts.iter().map(|d| (p.xy(d.label[0], d.label[1]), 3.0)));
        plan_insets(&positions, &groupable, frame, min_distance, &reserved, &landmarks)
    } else {
        Vec::new()
    };
    let grouped: BTreeSet<usize> = plans.iter().flat_map(|p| p.members.iter().copied()).collect();
    let loose: Vec<usize> = (0..symbols_to_draw.len()).filter(|i| !grouped.contains(i)).collect();
    // The rest: displaced where crowded, with leader lines to where they are.
    let loose_placed = displace(&loose.iter().map(|i| positions[*i]).collect::<Vec<_>>(), min_distance);
    let placed: Vec<(usize, (f64, f64, Option<(f64, f64)>))> = loose.iter().copied().zip(loose_placed).collect();
    for (_, (x, y, anchor)) in &placed {
        if let Some((ax, ay)) = anchor {
            svg.empty(
                "path",
                &[
                    ("d", format!("M{} {}L{} {}", num(*ax), num(*ay), num(*x), num(*y))),
                    ("stroke", "#5b5b5b".into()),
                    ("stroke-width", "0.5".into()),
                    ("fill", "none".into()),
                ],
            );
        }
    }
    for (i, (x, y, _)) in &placed {
        let (id, _, style, _) = &symbols_to_draw[*i];
        if view.highlight.as_deref() == Some(id.as_str()) {
            svg.empty(
                "circle",
                &[
                    ("cx", num(*x)),
                    ("cy", num(*y)),
                    ("r", num(SYMBOL_RADIUS + 4.0)),
                    ("fill", "none".into()),
                    ("stroke", "#ffd400".into()),
                    ("stroke-width", "2.5".into()),
                ],
            );
        }
        let mut attrs = vec![("d", symbols::path(&style.symbol, SYMBOL_RADIUS, *x, *y))];
        attrs.extend(style_attrs(style, true));
        svg.empty("path", &attrs);
    }
    for plan in &plans {
        super::inset::draw_on_main_map(svg, plan, SYMBOL_RADIUS);
    }

    // Labels: twin cities, districts, elements, context — by priority, never overlapping.
    let mut candidates = Vec::new();
    let shifts: Vec<(f64, f64)> =
        vec![(0.0, 0.0), (0.0, -13.0), (0.0, 13.0), (-26.0, 0.0), (26.0, 0.0), (0.0, -26.0), (0.0, 26.0)];
    // Names beside symbols and centred on areas: text and priority from the core's label rule
    // (crate::style::feature_label), as on screen.
    for (i, (x, y, _)) in &placed {
        let (id, _, _, label) = &symbols_to_draw[*i];
        let Some(text) = label.as_ref().and_then(|l| label_in(view.lang, l)) else { continue };
        let (x, y) = (*x, *y);
        let size = 6.5;
        candidates.push(LabelCandidate {
            key: format!("e:{id}"),
            width: text_width(&text, size) + 2.0,
            height: size + 2.5,
            text,
            x,
            y,
            priority: label.as_ref().map_or(0, |l| l.priority)
                + if view.highlight.as_deref() == Some(id.as_str()) { 1000 } else { 0 },
            offset: SYMBOL_RADIUS + 0.5,
            centred: false,
            shifts: vec![],
        });
    }
    for f in &data.features {
        let Some(label) = f.props.label.as_ref().filter(|l| l.placement == LabelPlacement::Centred) else { continue };
        if !shown(&f.props.category) {
            continue;
        }
        let (Some(e), Some(text)) = (data.element(&f.props.element_id), label_in(view.lang, label)) else {
            continue;
        };
        let (x, y) = p.xy(e.label[0], e.label[1]);
        candidates.push(LabelCandidate {
            key: format!("a:{}", e.id),
            width: text_width(&text, 9.0) + 4.0,
            height: 12.0,
            text,
            x,
            y,
            priority: label.priority,
            offset: 0.0,
            centred: true,
            shifts: shifts.clone(),
        });
    }
    // A district's name may move further from its label point than an area's: district staff
    // find their way by it, and a crowded district (滨海新区) has symbols all over that point.
    let district_shifts: Vec<(f64, f64)> = shifts
        .iter()
        .copied()
        .chain([
            (0.0, -39.0),
            (0.0, 39.0),
            (-52.0, 0.0),
            (52.0, 0.0),
            (-39.0, -26.0),
            (39.0, 26.0),
            (-39.0, 26.0),
            (39.0, -26.0),
        ])
        .collect();
    for d in &data.districts {
        let (x, y) = p.xy(d.label[0], d.label[1]);
        let text = view.lang.pick(&d.name_zh, &d.name_en).to_owned();
        candidates.push(LabelCandidate {
            key: format!("d:{}", d.adcode),
            width: text_width(&text, 7.0) + 2.0,
            height: 9.5,
            text,
            x,
            y,
            priority: LABEL_PRIORITY_DISTRICT,
            offset: 0.0,
            centred: true,
            shifts: district_shifts.clone(),
        });
    }
    let badge = SYMBOL_RADIUS * 1.8;
    let obstacles: Vec<(f64, f64, f64, f64)> = placed
        .iter()
        .map(|(_, (x, y, _))| (x - SYMBOL_RADIUS, y - SYMBOL_RADIUS, 2.0 * SYMBOL_RADIUS, 2.0 * SYMBOL_RADIUS))
        .chain(plans.iter().flat_map(|p| {
            let f = p.frame;
            [
                (p.centroid.0 - badge, p.centroid.1 - badge, 2.0 * badge, 2.0 * badge),
                (f.x - 2.0, f.y - 2.0, f.w + 4.0, f.h + 4.0),
            ]
        }))
        .collect();
    let inner = Rect { x: frame.x + 2.0, y: frame.y + 2.0, w: frame.w - 4.0, h: frame.h - 4.0 };
    for l in place_labels(candidates, inner, &obstacles) {
        let (size, weight, fill, spacing) = match l.key.split(':').next() {
            Some("a") => (9.0, "bold", "#1f4e79", "0.5"),
            Some("d") => (7.0, "normal", "#6b6f76", "0.3"),
            _ => (6.5, "normal", "#1f2328", "0"),
        };
        svg.text(
            l.left + 1.0,
            l.top + l.height - (l.height - size) / 2.0 - size * 0.12,
            &l.text,
            &[
                ("font-family", FONT_FAMILY.into()),
                ("font-size", num(size)),
                ("font-weight", weight.into()),
                ("fill", fill.into()),
                ("letter-spacing", spacing.into()),
                ("stroke", "#ffffff".into()),
                ("stroke-width", num(size * 0.28)),
                ("stroke-linejoin", "round".into()),
                ("paint-order", "stroke".into()),
            ],
        );
    }
    for plan in &plans {
        let ids: Vec<&str> = plan.members.iter().map(|i| symbols_to_draw[*i].0.as_str()).collect();
        draw_inset(svg, data, view, &p, plan, &ids, clip_id);
    }
    svg.close("g");
    let outline = [("fill", "none".into()), ("stroke", "#444".into()), ("stroke-width", "0.8".into())];
    svg.rect(frame.x, frame.y, frame.w, frame.h, &outline);
    Drawn {
        categories: drawn,
        metres_per_pt: p.metres_per_pt(),
        grouped: !plans.is_empty(),
        insets: plans.iter().map(|p| p.frame).collect(),
    }
}
