//! Multi-page documents: a tour's handout, an atlas book (a page per element of a layer), and
//! a district briefing pack (a page per district). Each page is an SVG; `output` makes the PDF.

use super::mapframe::MapView;
use super::page::{map_page, map_page_sized, Paragraph, SheetSpec, MARGIN};
use super::{view_around, Lang, PageFormat, RenderData};
use crate::error::{AtlasError, Result};
use crate::store::Atlas;
use crate::user::tours::Tour;

/// Today's date as YYYY-MM-DD (UTC), for page footers.
pub fn today() -> String {
    crate::user::tours::now()[..10].to_owned()
}

fn basis_label(lang: Lang, basis: &str) -> &'static str {
    match (lang, basis) {
        (Lang::Zh, "boundary") => "行政边界",
        (Lang::Zh, "site") => "已知地点(据公开资料)",
        (Lang::Zh, "unlocated") => "全市 / 未定位",
        (Lang::Zh, _) => "示意位置",
        (Lang::En, "boundary") => "administrative boundary",
        (Lang::En, "site") => "known site (from a public source)",
        (Lang::En, "unlocated") => "city-wide / not located",
        (Lang::En, _) => "schematic location",
    }
}

/// Who a handout is for. The audience reads the caption, where the stop is, and the plan's
/// words (with our English rendering on English pages); the speaker's copy adds the notes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum HandoutCopy {
    #[default]
    Audience,
    Speaker,
}

/// Pages of a tour handout for the audience: one per stop.
pub fn handout_pages(atlas: &Atlas, data: &RenderData, tour: &Tour, lang: Lang, date: &str) -> Result<Vec<String>> {
    handout_pages_for(atlas, data, tour, lang, date, HandoutCopy::Audience)
}

/// Pages of a tour handout: one per stop, its map as large as the text leaves room for.
pub fn handout_pages_for(
    atlas: &Atlas,
    data: &RenderData,
    tour: &Tour,
    lang: Lang,
    date: &str,
    copy: HandoutCopy,
) -> Result<Vec<String>> {
    let n = tour.stops.len();
    let mut pages = Vec::with_capacity(n);
    for (i, stop) in tour.stops.iter().enumerate() {
        let element = stop.element_id.as_deref().and_then(|id| data.element(id));
        let bbox = match (stop.view, element) {
            (Some(v), _) => v,
            (None, Some(e)) => view_around(e.bbox, 30.0),
            (None, None) => {
                return Err(AtlasError::Invalid(format!(
                    "tour {}: stop {} has neither a view nor a known element",
                    tour.id,
                    i + 1
                )))
            }
        };
        let spec = SheetSpec {
            format: PageFormat::A4Portrait,
            title: lang.pick(&tour.name_zh, &tour.name_en).to_owned(),
            subtitle: match lang {
                Lang::Zh => format!("第 {} 站 / 共 {n} 站", i + 1),
                Lang::En => format!("Stop {} of {n}", i + 1),
            },
            view: MapView {
                bbox,
                layers: (!stop.layers.is_empty()).then(|| stop.layers.clone()),
                highlight: stop.element_id.clone(),
                district: None,
                lang,
            },
            date: date.to_owned(),
            page_label: Some(format!("{} / {}", i + 1, n)),
        };
        // One language a page: the caption in the page's language only.
        let mut body = vec![Paragraph::new(lang.pick(&stop.caption_zh, &stop.caption_en), 16.0).bold().gap(2.0)];
        if let Some(e) = element {
            let detail = atlas.element_detail(&e.id)?;
            let districts: Vec<&str> = detail.districts.iter().map(|d| lang.pick(&d.name_zh, &d.name_en)).collect();
            body.push(
                Paragraph::new(
                    format!(
                        "{} · {} · {}",
                        lang.pick(&detail.category_name_zh, &detail.category_name_en),
                        districts.join(lang.pick("、", ", ")),
                        basis_label(lang, e.location_basis.as_str())
                    ),
                    9.0,
                )
                .colour("#5d6670")
                .gap(4.0),
            );
            if let Some(q) = detail.quotes.first() {
                body.extend(plan_words(lang, q));
            }
        }
        if copy == HandoutCopy::Speaker && !stop.notes.is_empty() {
            body.push(
                Paragraph::new(lang.pick("讲解要点(演讲者用)", "Speaker notes (speaker's copy)"), 9.5).bold().gap(10.0),
            );
            body.push(Paragraph::new(notes_in_language(&stop.notes, lang), 10.0));
        }
        pages.push(handout_page(data, &spec, &body));
    }
    Ok(pages)
}

/// Default speaker notes end with a whose-words tag in both languages ("〔专栏内容,据新闻稿 box
/// content, via news summary〕", written by the build): a page keeps its own language's half.
/// The UI's presenter view does the same (ui/src/presenter/notesLanguage.ts).
fn notes_in_language(notes: &str, lang: Lang) -> String {
    let mut out = String::with_capacity(notes.len());
    let mut rest = notes;
    while let Some(open) = rest.find('〔') {
        let Some(close) = rest[open..].find('〕').map(|c| open + c) else { break };
        let inner = &rest[open + '〔'.len_utf8()..close];
        out.push_str(&rest[..open]);
        // Chinese first, then English from the first Latin letter on.
        match inner.find(|c: char| c.is_ascii_alphabetic()) {
            Some(at) if at > 0 && inner[..at].chars().any(|c| ('\u{3400}'..='\u{9fff}').contains(&c)) => {
                let (zh, en) = (inner[..at].trim_end(), inner[at..].trim());
                match lang {
                    Lang::Zh => out.push_str(&format!("〔{zh}〕")),
                    Lang::En => out.push_str(&format!(" [{en}]")),
                }
            }
            _ => out.push_str(&rest[open..close + '〕'.len_utf8()]),
        }
        rest = &rest[close + '〕'.len_utf8()..];
    }
    out.push_str(rest);
    out
}

/// Whose words a quote is, by its kind, as every page (handouts, packs, briefs) labels it.
pub(super) fn whose_words(lang: Lang, kind: crate::plan::QuoteKind) -> &'static str {
    use crate::plan::QuoteKind;
    match kind {
        QuoteKind::Plan => lang.pick("规划原文", "plan text"),
        QuoteKind::Box => lang.pick("专栏内容,据新闻稿", "box content, via news summary"),
        QuoteKind::News => lang.pick("新闻稿转述,非规划原文", "news summary's rendering, not the plan's text"),
    }
}

/// "In the plan's words": the quote as the plan has it (Chinese), where it stands and whose
/// words they are; on an English page, our English rendering under it, said to be ours.
fn plan_words(lang: Lang, q: &crate::query::detail::Quote) -> Vec<Paragraph> {
    let whose = whose_words(lang, q.kind);
    let mut out = vec![
        Paragraph::new(lang.pick("规划原文", "In the plan's words"), 10.0).bold().gap(10.0),
        Paragraph::new(format!("「{}」", q.text), 11.0).gap(3.0),
        Paragraph::new(format!("—— {} [{whose}]", q.section_path.join(" › ")), 8.0).colour("#5d6670"),
    ];
    if lang == Lang::En {
        match crate::plan::renderings::english_rendering(&q.text) {
            Some(en) => {
                out.push(Paragraph::new(en.to_owned(), 11.0).gap(6.0));
                out.push(
                    Paragraph::new("English rendering by the atlas team; not an official translation.", 7.5)
                        .colour("#5d6670"),
                );
            }
            None => out.push(
                Paragraph::new("(No English rendering of this sentence yet; the plan's Chinese is above.)", 8.0)
                    .colour("#5d6670")
                    .gap(4.0),
            ),
        }
    }
    out
}

/// Room kept under the map for its legend (the legend takes at most this much).
const LEGEND_ROOM: f64 = 80.0;

/// A handout page: the map takes every point the text below it does not need (within 40–70 %
/// of the page), so no page is half empty, and no text is cut off unless it would push the map
/// under 40 %.
fn handout_page(data: &RenderData, spec: &SheetSpec, body: &[Paragraph]) -> String {
    let (w, h) = spec.format.size();
    let width = w - 2.0 * MARGIN;
    let text: f64 = body.iter().map(|p| p.height(width)).sum();
    map_page_sized(data, spec, body, |top, bottom| (bottom - top - LEGEND_ROOM - 12.0 - text).clamp(h * 0.40, h * 0.70))
}

/// The body text of an element's page: districts, host, anchors, focus, note, quotes.
fn element_body(atlas: &Atlas, id: &str, lang: Lang) -> Result<Vec<Paragraph>> {
    let d = atlas.element_detail(id)?;
    let e = &d.summary;
    // A name of ours is marked as such wherever it is printed.
    let label_mark = if d.name_kind == crate::plan::NameKind::Label {
        lang.pick(" 〔示意名称〕", " [descriptive name]")
    } else {
        ""
    };
    let mut body = vec![
        Paragraph::new(format!("{}{label_mark}", lang.pick(&e.name_zh, &e.name_en)), 15.0).bold().gap(2.0),
        Paragraph::new(lang.pick(&e.name_en, &e.name_zh), 9.5).colour("#5d6670"),
    ];
    if let (Some(zh), Some(en)) = (&d.later_name_zh, &d.later_name_en) {
        body.push(
            Paragraph::new(
                format!(
                    "{}:{}",
                    lang.pick(
                        "后来的正式名称(公开资料,非规划原文)",
                        "Later official name (public sources, not the plan)"
                    ),
                    lang.pick(zh, en)
                ),
                8.5,
            )
            .colour("#5d6670"),
        );
    }
    if !d.located {
        body.push(
            Paragraph::new(
                lang.pick(
                    "全市 / 未定位:规划未给出位置,也无可列明的公开资料来源;图上不在任何区内绘出,符号仅置于图边海域的空位。",
                    "City-wide / not located: the plan gives no location and there is no public source to name; it is not drawn in any district — its symbol only takes a slot in the map's sea margin.",
                ),
                9.0,
            )
            .bold()
            .colour("#8a5a00")
            .gap(4.0),
        );
    }
    let districts: Vec<&str> = d.districts.iter().map(|x| lang.pick(&x.name_zh, &x.name_en)).collect();
    let uncertainty = d.uncertainty_km.map(|u| format!(" (±{u} km)")).unwrap_or_default();
    body.push(
        Paragraph::new(
            format!(
                "{} · {} · {}{uncertainty}",
                lang.pick(&d.category_name_zh, &d.category_name_en),
                districts.join("、"),
                basis_label(lang, e.location_basis.as_str())
            ),
            8.5,
        )
        .colour("#5d6670")
        .gap(4.0),
    );
    if let Some(source) = &d.source_name {
        body.push(
            Paragraph::new(
                format!(
                    "{}:{source}",
                    lang.pick("位置来源(规划本身未说明)", "Location source (the plan itself does not say)")
                ),
                8.5,
            )
            .colour("#5d6670"),
        );
    }
    if let Some(h) = &d.host_text {
        let h = if lang == Lang::En { d.host_en.as_ref().unwrap_or(h) } else { h };
        body.push(Paragraph::new(format!("{}:{h}", lang.pick("依托", "Host")), 9.0).gap(4.0));
    }
    if !d.anchors.is_empty() {
        let anchors =
            if lang == Lang::En && d.anchors_en.len() == d.anchors.len() { &d.anchors_en } else { &d.anchors };
        body.push(Paragraph::new(format!("{}:{}", lang.pick("依托机构与平台", "Anchors"), anchors.join("、")), 9.0));
    }
    for (label, list) in
        [(lang.pick("依托", "Relies on"), &d.relies_on), (lang.pick("被依托于", "Relied on by"), &d.relied_on_by)]
    {
        if !list.is_empty() {
            let names: Vec<&str> = list.iter().map(|x| lang.pick(&x.name_zh, &x.name_en)).collect();
            body.push(Paragraph::new(format!("{label}:{}", names.join("、")), 9.0));
        }
    }
    if !d.focus.is_empty() {
        body.push(Paragraph::new(format!("{}:{}", lang.pick("重点方向", "Focus"), d.focus.join("、")), 9.0));
    }
    // The note is the atlas team's wording in either language, and says so.
    let note = match lang {
        Lang::Zh => d.note_zh.as_deref(),
        Lang::En => d.note.as_deref(),
    };
    if let Some(n) = note {
        let whose = lang.pick("本图集说明(非规划原文)", "Atlas note (our wording, not the plan's)");
        body.push(Paragraph::new(format!("{whose}{}{n}", lang.pick(":", ": ")), 8.0).colour("#8a5a00").gap(4.0));
    }
    body.push(Paragraph::new(lang.pick("规划原文", "In the plan's words"), 9.0).bold().gap(8.0));
    for q in &d.quotes {
        body.push(Paragraph::new(format!("「{}」", q.text), 10.0).gap(3.0));
        let source = whose_words(lang, q.kind);
        body.push(Paragraph::new(format!("—— {} [{source}]", q.section_path.join(" › ")), 7.5).colour("#5d6670"));
    }
    Ok(body)
}

/// One page per element of `category` (or of every category with `None`).
pub fn atlas_book_pages(
    atlas: &Atlas,
    data: &RenderData,
    category: Option<&str>,
    lang: Lang,
    date: &str,
    progress: &mut dyn FnMut(usize, usize) -> bool,
) -> Result<Vec<String>> {
    if let Some(c) = category {
        if data.category(c).is_none() {
            return Err(AtlasError::Invalid(format!("no category {c:?}; `atlas categories` lists them")));
        }
    }
    let elements: Vec<_> = data.elements.iter().filter(|e| category.is_none_or(|c| e.category == c)).collect();
    let n = elements.len();
    let mut pages = Vec::with_capacity(n);
    for (i, e) in elements.iter().enumerate() {
        if !progress(i, n) {
            return Err(AtlasError::cancelled("export"));
        }
        let c = data.category(&e.category).expect("elements have categories");
        let spec = SheetSpec {
            format: PageFormat::A4Portrait,
            title: lang
                .pick("天津市科技创新“十四五”规划 · 空间布局图集", "Tianjin S&T Innovation Plan · Atlas")
                .to_owned(),
            subtitle: lang.pick(&c.name_zh, &c.name_en).to_owned(),
            view: MapView {
                bbox: view_around(e.bbox, 30.0),
                layers: None,
                highlight: Some(e.id.clone()),
                district: None,
                lang,
            },
            date: date.to_owned(),
            page_label: Some(format!("{} / {}", i + 1, n)),
        };
        pages.push(map_page(data, &spec, &element_body(atlas, &e.id, lang)?));
    }
    progress(n, n);
    Ok(pages)
}

/// One page per Tianjin district: its map, and what the plan puts there with the plan's words.
pub fn district_pack_pages(
    atlas: &Atlas,
    data: &RenderData,
    lang: Lang,
    date: &str,
    progress: &mut dyn FnMut(usize, usize) -> bool,
) -> Result<Vec<String>> {
    let n = data.districts.len();
    let mut pages = Vec::with_capacity(n);
    for (i, d) in data.districts.iter().enumerate() {
        if !progress(i, n) {
            return Err(AtlasError::cancelled("export"));
        }
        let report = atlas.district_report(&d.adcode)?;
        let spec = SheetSpec {
            format: PageFormat::A4Portrait,
            title: format!(
                "{} · {}",
                lang.pick(&d.name_zh, &d.name_en),
                lang.pick("规划布局简报", "district briefing")
            ),
            subtitle: lang
                .pick(
                    "天津市科技创新“十四五”规划在本区的空间布局",
                    "What Tianjin's S&T Innovation Plan puts in this district",
                )
                .to_owned(),
            view: MapView {
                bbox: view_around(d.bbox, 20.0),
                layers: None,
                highlight: None,
                district: Some(d.adcode.clone()),
                lang,
            },
            date: date.to_owned(),
            page_label: Some(format!("{} / {}", i + 1, n)),
        };
        let mut body = vec![Paragraph::new(
            format!(
                "{} {} {}",
                lang.pick(&d.name_zh, &d.name_en),
                report.elements.len(),
                lang.pick("个规划要素", "plan elements")
            ),
            13.0,
        )
        .bold()];
        for (cat, _) in &report.counts_by_category {
            let c = data.category(cat).expect("known category");
            let names: Vec<&str> = report
                .elements
                .iter()
                .filter(|e| &e.category == cat)
                .map(|e| lang.pick(&e.name_zh, &e.name_en))
                .collect();
            body.push(
                Paragraph::new(format!("{}:{}", lang.pick(&c.name_zh, &c.name_en), names.join("、")), 8.5).gap(2.0),
            );
        }
        // The plan's words about what is specific to this district (whole-city items are skipped).
        body.push(Paragraph::new(lang.pick("规划原文", "In the plan's words"), 9.0).bold().gap(7.0));
        for e in report.elements.iter().filter(|e| !crate::style::is_city_wide(&e.districts) && e.districts.len() <= 4)
        {
            let detail = atlas.element_detail(&e.id)?;
            if let Some(q) = detail.quotes.first() {
                body.push(
                    Paragraph::new(format!("{}:「{}」", lang.pick(&e.name_zh, &e.name_en), q.text), 8.5).gap(2.5),
                );
            }
        }
        pages.push(map_page(data, &spec, &body));
    }
    progress(n, n);
    Ok(pages)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn speaker_notes_keep_their_pages_half_of_a_bilingual_tag() {
        let note = "打造“中国信创谷”产业品牌。〔专栏内容,据新闻稿 box content, via news summary〕";
        assert_eq!(notes_in_language(note, Lang::Zh), "打造“中国信创谷”产业品牌。〔专栏内容,据新闻稿〕");
        assert_eq!(notes_in_language(note, Lang::En), "打造“中国信创谷”产业品牌。 [box content, via news summary]");
        // A presenter's own brackets and plain notes are left alone.
        assert_eq!(notes_in_language("注意〔示意〕位置", Lang::En), "注意〔示意〕位置");
        assert_eq!(notes_in_language("Mention 2021.", Lang::Zh), "Mention 2021.");
    }
}
