//! A district's one-page brief, for an official to hand their boss: the district highlighted
//! among its neighbours, every element the plan puts there with its location basis, the
//! city-level elements that also cover it listed apart, the key plan sentences with their
//! sections, sources and date — on one A4 page, whatever the district.

use std::path::Path;

use super::documents::today;
use super::mapframe::{draw_map, MapView};
use super::page::{flow, footer, footer_height, header, legend, north_arrow, scale_bar, Paragraph, SheetSpec, MARGIN};
use super::placement::Rect;
use super::svg::{num, Svg};
use super::{output, Lang, PageFormat, RenderData};
use crate::error::Result;
use crate::query::districts::DistrictRef;
use crate::store::atlas::ElementSummary;
use crate::store::Atlas;
use crate::style::is_city_level;

const GREY: &str = "#5d6670";
/// The longest quote printed whole; longer ones are cut at a sentence end and marked "…".
const QUOTE_MAX_CHARS: usize = 90;

/// What a district's brief lists, split by the core's rule ([`is_city_level`]).
#[derive(Debug, Clone)]
pub struct BriefContents {
    pub district: DistrictRef,
    pub bbox: [f64; 4],
    /// What the plan puts in the district, in the categories' drawing order.
    pub own: Vec<ElementSummary>,
    /// Elements that cover the district as part of the whole city or a large part of it.
    pub city_level: Vec<ElementSummary>,
}

/// The district named by `query` (name in either language, or adcode) and its elements.
pub fn brief_contents(atlas: &Atlas, query: &str) -> Result<BriefContents> {
    let report = atlas.district_report(query)?;
    let (city_level, mut own): (Vec<_>, Vec<_>) =
        report.elements.into_iter().partition(|e| is_city_level(&e.districts));
    let rank = |cat: &str| report.counts_by_category.iter().position(|(c, _)| c == cat).unwrap_or(usize::MAX);
    own.sort_by_key(|e| rank(&e.category));
    Ok(BriefContents { district: report.district, bbox: report.bbox, own, city_level })
}

/// The district's bbox widened so its neighbours show around it (at least 20 km across).
fn view_with_neighbours(bbox: [f64; 4]) -> [f64; 4] {
    let (cx, cy) = ((bbox[0] + bbox[2]) / 2.0, (bbox[1] + bbox[3]) / 2.0);
    let min_half_lat = 10.0 / 111.32;
    let half_lat = ((bbox[3] - bbox[1]) / 2.0 * 1.35).max(min_half_lat);
    let half_lon = ((bbox[2] - bbox[0]) / 2.0 * 1.35).max(min_half_lat / cy.to_radians().cos());
    [cx - half_lon, cy - half_lat, cx + half_lon, cy + half_lat]
}

/// A quote's first sentences up to [`QUOTE_MAX_CHARS`], cut at a sentence or clause end.
fn key_sentence(text: &str) -> String {
    if text.chars().count() <= QUOTE_MAX_CHARS {
        return text.to_owned();
    }
    let head: String = text.chars().take(QUOTE_MAX_CHARS).collect();
    let cut = head.rfind(['。', '；']).or_else(|| head.rfind('，')).map_or(head.len(), |i| i);
    format!("{}…", &head[..cut])
}

/// An element's location basis in a word; [`basis_key`] spells the words out.
fn basis_word(lang: Lang, basis: &str) -> &'static str {
    match (lang, basis) {
        (Lang::Zh, "boundary") => "边界",
        (Lang::Zh, "site") => "地点",
        (Lang::Zh, _) => "示意",
        (Lang::En, "boundary") => "boundary",
        (Lang::En, "site") => "site",
        (Lang::En, _) => "schematic",
    }
}

fn tag(lang: Lang, words: &str) -> String {
    match lang {
        Lang::Zh => format!("〔{words}〕"),
        Lang::En => format!(" [{words}]"),
    }
}

/// The key to the tags, in the words the panels and the README use.
fn basis_key(lang: Lang) -> String {
    [
        ("boundary", lang.pick("行政边界", "administrative boundary")),
        ("site", lang.pick("已知地点(据公开资料)", "known site (from a public source)")),
        ("schematic", lang.pick("示意位置(规划未给出具体位置)", "schematic location (the plan gives no site)")),
    ]
    .iter()
    .map(|(b, label)| format!("{}{}{label}", tag(lang, basis_word(lang, b)).trim(), lang.pick("", " ")))
    .collect::<Vec<_>>()
    .join(" · ")
}

/// A paragraph per category: its name, then its elements with their basis (and, for
/// city-level ones, how much of the city they cover).
fn element_list(
    data: &RenderData,
    elements: &[ElementSummary],
    lang: Lang,
    with_extent: bool,
    size: f64,
) -> Vec<Paragraph> {
    let mut categories: Vec<&str> = Vec::new();
    for e in elements {
        if !categories.contains(&e.category.as_str()) {
            categories.push(&e.category);
        }
    }
    categories
        .into_iter()
        .map(|cat| {
            let names: Vec<String> = elements
                .iter()
                .filter(|e| e.category == cat)
                .map(|e| {
                    let mut words = basis_word(lang, e.location_basis.as_str()).to_owned();
                    if with_extent {
                        words += &if crate::style::is_city_wide(&e.districts) {
                            lang.pick(" · 全市", " · whole city").to_owned()
                        } else {
                            let n = e.districts.iter().filter(|d| d.starts_with("1201")).count();
                            match lang {
                                Lang::Zh => format!(" · 覆盖 {n} 个区"),
                                Lang::En => format!(" · {n} districts"),
                            }
                        };
                    }
                    format!("{}{}", lang.pick(&e.name_zh, &e.name_en), tag(lang, &words))
                })
                .collect();
            let c = data.category(cat).map_or(cat, |c| lang.pick(&c.name_zh, &c.name_en));
            Paragraph::new(format!("{c}{}{}", lang.pick(":", ": "), names.join(lang.pick("、", "; "))), size)
                .gap(size * 0.4)
        })
        .collect()
}

const GUTTER: f64 = 16.0;

/// Where `items` split into two columns of about equal height, and that height.
fn column_split(items: &[Paragraph], width: f64) -> (usize, f64) {
    let col_w = (width - GUTTER) / 2.0;
    let heights: Vec<f64> = items.iter().map(|p| p.height(col_w)).collect();
    let total: f64 = heights.iter().sum();
    let (mut split, mut acc) = (items.len(), 0.0);
    for (i, h) in heights.iter().enumerate() {
        if acc >= total / 2.0 {
            split = i;
            break;
        }
        acc += h;
    }
    (split, acc.max(total - acc))
}

/// Sets `items` in two columns of about equal height.
fn two_columns(svg: &mut Svg, items: &[Paragraph], x: f64, y: f64, width: f64, bottom: f64) -> f64 {
    let col_w = (width - GUTTER) / 2.0;
    let (split, _) = column_split(items, width);
    let left = flow(svg, &items[..split], x, y, col_w, bottom);
    let right = flow(svg, &items[split..], x + col_w + GUTTER, y, col_w, bottom);
    left.max(right)
}

fn heading(text: &str) -> Paragraph {
    Paragraph::new(text, 10.0).bold().gap(9.0)
}

/// How densely a page is set: the first that fits the district's lists (with room for a plan
/// sentence) is used. A district with few elements gets a large map and larger type; 滨海新区's
/// thirty elements, in English, the smallest.
const DENSITIES: [(f64, f64); 4] = [(268.0, 8.0), (240.0, 7.5), (214.0, 7.0), (190.0, 6.5)];
/// Room kept under the lists for at least one plan sentence with its section.
const QUOTE_ROOM: f64 = 48.0;

/// The text parts of a brief, ready to set.
struct Sections {
    own_heading: String,
    key: Paragraph,
    own: Vec<Paragraph>,
    city_heading: Option<Paragraph>,
    city: Vec<Paragraph>,
}

impl Sections {
    fn new(data: &RenderData, b: &BriefContents, lang: Lang, size: f64) -> Sections {
        let name = lang.pick(&b.district.name_zh, &b.district.name_en);
        let n = b.own.len();
        let own = if b.own.is_empty() {
            let none = lang.pick(
                "规划未在本区单独布置要素;下列全市性与跨区要素覆盖本区。",
                "The plan places no element of its own here; the city-level elements below cover the district.",
            );
            vec![Paragraph::new(none, size).colour(GREY)]
        } else {
            element_list(data, &b.own, lang, false, size)
        };
        Sections {
            own_heading: match lang {
                Lang::Zh => format!("规划在{name}布置的要素({n} 项)"),
                Lang::En => format!("What the plan puts in {name} ({n} element{})", if n == 1 { "" } else { "s" }),
            },
            key: Paragraph::new(basis_key(lang), 7.0).colour(GREY).gap(1.0),
            own,
            city_heading: (!b.city_level.is_empty()).then(|| {
                heading(lang.pick(
                    "同样适用于本区:全市性与跨区要素(不是本区独有)",
                    "Also applies here: city-wide and multi-district elements (not the district's own)",
                ))
            }),
            city: element_list(data, &b.city_level, lang, true, size),
        }
    }

    fn height(&self, width: f64) -> f64 {
        let one = |p: &Paragraph| p.height(width);
        // Lists are always in two columns, even a single paragraph: the left one.
        let cols = |v: &[Paragraph]| column_split(v, width).1;
        heading(&self.own_heading).height(width)
            + one(&self.key)
            + cols(&self.own)
            + self.city_heading.as_ref().map_or(0.0, one)
            + cols(&self.city)
    }

    fn draw(&self, svg: &mut Svg, mut y: f64, width: f64, bottom: f64) -> f64 {
        y = flow(svg, &[heading(&self.own_heading), self.key.clone()], MARGIN, y, width, bottom);
        let set = |svg: &mut Svg, v: &[Paragraph], y: f64| two_columns(svg, v, MARGIN, y, width, bottom);
        y = set(svg, &self.own, y);
        if let Some(h) = &self.city_heading {
            y = flow(svg, std::slice::from_ref(h), MARGIN, y, width, bottom);
            y = set(svg, &self.city, y);
        }
        y
    }
}

/// The brief's page as SVG.
pub fn brief_page(atlas: &Atlas, data: &RenderData, query: &str, lang: Lang, date: &str) -> Result<String> {
    let b = brief_contents(atlas, query)?;
    let name = lang.pick(&b.district.name_zh, &b.district.name_en);
    let spec = SheetSpec {
        format: PageFormat::A4Portrait,
        title: match lang {
            Lang::Zh => format!("{name} · 科技创新“十四五”规划一页简报"),
            Lang::En => format!("{name} · one-page brief on the S&T plan"),
        },
        subtitle: lang
            .pick(
                "《天津市科技创新“十四五”规划》在本区的空间布局 · 本区高亮,周边各区为参照",
                "What Tianjin's 2021–2025 S&T Innovation Plan puts here · highlighted among its neighbours",
            )
            .to_owned(),
        view: MapView {
            bbox: view_with_neighbours(b.bbox),
            layers: None,
            highlight: None,
            district: Some(b.district.adcode.clone()),
            lang,
        },
        date: date.to_owned(),
        page_label: None,
    };
    let (w, h) = spec.format.size();
    let width = w - 2.0 * MARGIN;
    let bottom = h - MARGIN - footer_height(lang, w) - 6.0;
    // The legend's height is known only once the map is drawn: 5 rows of 12 pt under a title.
    let legend_h = 82.0;
    let mut svg = Svg::new(w, h);
    svg.empty("rect", &[("width", num(w)), ("height", num(h)), ("fill", "#ffffff".into())]);
    let top = header(&mut svg, &spec, w);
    let (map_h, sections) = DENSITIES
        .iter()
        .map(|&(map_h, size)| (map_h, Sections::new(data, &b, lang, size)))
        .find(|(map_h, s)| top + map_h + legend_h + s.height(width) + QUOTE_ROOM <= bottom)
        .unwrap_or_else(|| {
            let (map_h, size) = DENSITIES[DENSITIES.len() - 1];
            (map_h, Sections::new(data, &b, lang, size))
        });
    let frame = Rect { x: MARGIN, y: top, w: width, h: map_h };
    let drawn = draw_map(&mut svg, data, &spec.view, frame, "briefmap");
    scale_bar(&mut svg, &drawn, frame);
    north_arrow(&mut svg, frame);
    let legend_area = Rect { x: MARGIN, y: frame.y + frame.h + 4.0, w: frame.w, h: 60.0 };
    let y = legend_area.y + legend(&mut svg, data, &drawn, legend_area, 3, lang);
    let y = sections.draw(&mut svg, y, width, bottom);
    key_sentences(atlas, &mut svg, &b, lang, y, width, bottom)?;
    footer(&mut svg, &spec, w, h);
    Ok(svg.finish())
}

/// The plan's key sentences about the district's own elements, as many as fit whole, and how
/// many more there are.
fn key_sentences(
    atlas: &Atlas,
    svg: &mut Svg,
    b: &BriefContents,
    lang: Lang,
    mut y: f64,
    width: f64,
    bottom: f64,
) -> Result<()> {
    let mut quotes: Vec<[Paragraph; 2]> = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for e in &b.own {
        let detail = atlas.element_detail(&e.id)?;
        let Some(q) = detail.quotes.first() else { continue };
        if !seen.insert(q.text.clone()) {
            continue;
        }
        quotes.push([
            Paragraph::new(format!("{}:「{}」", lang.pick(&e.name_zh, &e.name_en), key_sentence(&q.text)), 8.0)
                .gap(3.0),
            Paragraph::new(
                format!("—— {} [{}]", q.section_path.join(" › "), super::documents::whose_words(lang, q.kind)),
                6.5,
            )
            .colour(GREY)
            .gap(0.5),
        ]);
    }
    if quotes.is_empty() {
        return Ok(());
    }
    let title = heading(lang.pick("规划原文要句(含所在章节)", "Key sentences in the plan, with their sections"));
    y = flow(svg, &[title], MARGIN, y, width, bottom);
    let more_h = 14.0;
    let (mut fitted, mut used) = (0, 0.0);
    for q in &quotes {
        let need: f64 = q.iter().map(|p| p.height(width)).sum();
        let reserve = if fitted + 1 < quotes.len() { more_h } else { 0.0 };
        if y + used + need + reserve > bottom {
            break;
        }
        used += need;
        fitted += 1;
    }
    let body: Vec<Paragraph> = quotes[..fitted].iter().flatten().cloned().collect();
    y = flow(svg, &body, MARGIN, y, width, bottom);
    if fitted < quotes.len() {
        let rest = quotes.len() - fitted;
        let code = &b.district.adcode;
        let more = match lang {
            Lang::Zh => format!("另有 {rest} 条规划原文未列出:见应用中本区面板,或 atlas district {code}"),
            Lang::En => format!("{rest} more quotes: see the district panel in the app, or atlas district {code}"),
        };
        flow(svg, &[Paragraph::new(more, 7.0).colour(GREY).gap(3.0)], MARGIN, y, width, bottom);
    }
    Ok(())
}

/// Writes a district's brief (PDF, or PNG / SVG by the file name). Returns the district.
pub fn export_brief(atlas: &Atlas, query: &str, lang: Lang, path: &Path) -> Result<DistrictRef> {
    let data = RenderData::load(atlas)?;
    let district = atlas.find_district(query)?;
    let district = DistrictRef::from(district);
    let page = brief_page(atlas, &data, &district.adcode, lang, &today())?;
    let title =
        format!("{} · {}", lang.pick(&district.name_zh, &district.name_en), lang.pick("规划一页简报", "plan brief"));
    output::write_page(path, &page, &title)?;
    Ok(district)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_quotes_are_cut_at_a_sentence_end_and_marked() {
        let long = format!("{}。{}", "甲".repeat(40), "乙".repeat(80));
        let cut = key_sentence(&long);
        assert_eq!(cut, format!("{}…", "甲".repeat(40)));
        assert_eq!(key_sentence("短句。"), "短句。");
    }
}
