//! The integrity checks `atlas validate` runs and `atlas build` insists on: every quote is the
//! plan's own words, every element sits in the district it claims, ids are unique, names and
//! styles are complete, and every element the plan's layout requires is present.

use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::path::PathBuf;

use geo::{Area, BooleanOps, Intersects};

use crate::boundaries::BoundarySet;
use crate::location::{LocationContext, ResolvedLocation, Shape};
use crate::plan::category::{is_hex_colour, KNOWN_SYMBOLS};
use crate::plan::{LocationBasis, NameKind, PlanData, QuoteSpec};

/// One thing wrong with the data, located precisely enough to fix.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub file: PathBuf,
    pub element: Option<String>,
    pub field: String,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(id) = &self.element {
            write!(f, ": {id}")?;
        }
        write!(f, ": {}: {}", self.field, self.message)
    }
}

/// Names (Chinese, as substrings of element names) the plan's spatial layout cannot do without.
/// Taken from the plan: 双城, the corridor, 专栏1–3, 第六章二 and 第三章一.
pub const REQUIRED_ELEMENTS: &[&str] = &[
    "津城",
    "滨城",
    "科技创新发展带",
    // 专栏2 and 第六章一(三)
    "滨海—中关村科技园",
    "宝坻京津中关村科技城",
    "细胞谷",
    "北辰京津医药谷",
    "通武廊",
    "雄安新区",
    // 专栏3
    "中国信创谷",
    "生物制造谷",
    "北方声谷",
    "氢能小镇",
    "中医药谷",
    "先进计算大数据创新集聚区",
    "智慧城市国家级标杆区",
    "海洋科技创新集聚区",
    "设计之都",
    "国家农业科技园区",
    // hosts the plan names
    "滨海高新区",
    "天津港保税区",
    "中新天津生态城",
    "渤海无线电文创产业园",
    "天津经济技术开发区",
    // 第六章二(二)–(四)
    "启航创新产业区",
    "天津智谷",
    "国家自主创新示范区",
    "人工智能创新发展试验区",
    // 专栏1
    "物质绿色创造与制造",
    "自主可控信息系统",
    "合成生物学",
    "现代中医药",
    "细胞生态",
    // 第三章一(一)
    "大型地震工程模拟研究设施",
    "超级计算",
    "国家合成生物技术创新中心",
    "国家先进计算产业创新中心",
    "组分中药国家重点实验室",
    "国家应用数学中心",
    "海水淡化与综合利用示范基地",
    // the institutions zones rely on (专栏2, 专栏3, 第六章二(二))
    "天津大学",
    "南开大学",
    "天津中医药大学",
    "中国科学院天津工业生物技术研究所",
    "中国医学科学院血液病医院",
    "实验血液学国家重点实验室",
    "天津药物评价中心",
    "国家干细胞工程技术研究中心",
    "天津国际生物医药联合研究院",
    "国家海洋局天津海水淡化与综合利用研究所",
];

/// The category of the institutions the plan names as what zones rely on.
pub const INSTITUTION_CATEGORY: &str = "institution";

/// The widest radius a `site` may carry: a campus or a compound, not a district.
pub const SITE_MAX_UNCERTAINTY_KM: f64 = 2.0;

/// How far an unlocated element's margin slot keeps from every district, so that on the map it
/// reads as outside them.
pub const MARGIN_SLOT_CLEARANCE_KM: f64 = 5.0;

/// A Tianjin district (1201xx), as opposed to the city as a whole (120000) or a unit outside.
fn is_tianjin_district(adcode: &str) -> bool {
    adcode.starts_with("1201")
}

/// The four districts the plan names for 京津微创新中心 (第六章一(三)).
pub const MICRO_CENTRE_DISTRICTS: [&str; 4] = ["120110", "120112", "120113", "120118"];

/// The outcome of a check: problems found, and each element's resolved location (by id) for
/// the build to reuse, so geometry is computed once.
pub struct Checked {
    pub problems: Vec<Problem>,
    pub locations: BTreeMap<String, ResolvedLocation>,
}

fn is_stable_id(id: &str) -> bool {
    !id.is_empty()
        && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !id.starts_with('-')
        && !id.ends_with('-')
}

/// Runs every check.
pub fn check(plan: &PlanData, context: &LocationContext) -> Checked {
    let mut problems = Vec::new();
    let mut locations = BTreeMap::new();
    let categories_file = plan.dir.join("categories.toml");
    let themes_file = plan.dir.join("themes.toml");
    let mut problem = |file: &PathBuf, element: Option<&str>, field: &str, message: String| {
        problems.push(Problem {
            file: file.clone(),
            element: element.map(str::to_owned),
            field: field.to_owned(),
            message,
        })
    };

    // Categories: unique, named, styled.
    let mut seen = HashSet::new();
    for c in &plan.categories {
        if !seen.insert(&c.id) {
            problem(&categories_file, Some(&c.id), "id", "duplicate category id".into());
        }
        if c.name_zh.trim().is_empty() || c.name_en.trim().is_empty() {
            problem(&categories_file, Some(&c.id), "name", "both name_zh and name_en are needed".into());
        }
        for (field, colour) in [("style.stroke", &c.style.stroke), ("style.fill", &c.style.fill)] {
            if !is_hex_colour(colour) {
                problem(&categories_file, Some(&c.id), field, format!("{colour:?} is not a #rrggbb colour"));
            }
        }
        if !KNOWN_SYMBOLS.contains(&c.style.symbol.as_str()) {
            problem(
                &categories_file,
                Some(&c.id),
                "style.symbol",
                format!("{:?} is not one of {KNOWN_SYMBOLS:?}", c.style.symbol),
            );
        }
        if !(0.0..=1.0).contains(&c.style.fill_opacity) {
            problem(&categories_file, Some(&c.id), "style.fill_opacity", "must be between 0 and 1".into());
        }
    }

    // Themes: unique, named, quoted verbatim.
    let mut theme_ids = HashSet::new();
    for t in &plan.themes {
        if !theme_ids.insert(t.id.as_str()) {
            problem(&themes_file, Some(&t.id), "id", "duplicate theme id".into());
        }
        if t.name_zh.trim().is_empty() || t.name_en.trim().is_empty() {
            problem(&themes_file, Some(&t.id), "name", "both name_zh and name_en are needed".into());
        }
        for k in &t.keywords {
            if !plan.seeds.contains(k) {
                problem(&themes_file, Some(&t.id), "keywords", format!("{k:?} does not appear in the plan text"));
            }
        }
        for (i, q) in t.quotes.iter().enumerate() {
            if let Some(m) = quote_problem(plan, q) {
                problem(&themes_file, Some(&t.id), &format!("quote[{i}]"), m);
            }
        }
    }

    // Elements.
    let mut ids = HashSet::new();
    let element_ids: HashSet<&str> = plan.elements.iter().map(|e| e.spec.id.as_str()).collect();
    for authored in &plan.elements {
        let (file, e) = (&authored.file, &authored.spec);
        let id = Some(e.id.as_str());
        if !is_stable_id(&e.id) {
            problem(file, id, "id", "ids are lowercase ASCII letters, digits and dashes".into());
        }
        if !ids.insert(e.id.as_str()) {
            problem(file, id, "id", "duplicate element id; ids must be unique across all element files".into());
        }
        if e.name_zh.trim().is_empty() {
            problem(file, id, "name_zh", "missing Chinese name".into());
        }
        if e.name_en.trim().is_empty() {
            problem(file, id, "name_en", "missing English name".into());
        }
        if plan.category(&e.category).is_none() {
            problem(file, id, "category", format!("{:?} is not in categories.toml", e.category));
        }
        for t in &e.themes {
            if !theme_ids.contains(t.as_str()) {
                problem(file, id, "themes", format!("{t:?} is not in themes.toml"));
            }
        }
        if let Some(host) = &e.host {
            if !element_ids.contains(host.as_str()) {
                problem(file, id, "host", format!("{host:?} is not an element id"));
            }
        }
        for (field, words) in [("anchors", &e.anchors), ("focus", &e.focus)] {
            for w in words {
                if !plan.seeds.contains(w) {
                    problem(file, id, field, format!("{w:?} does not appear verbatim in the plan text"));
                }
            }
        }
        if let Some(h) = &e.host_text {
            if !plan.seeds.contains(h) {
                problem(file, id, "host_text", format!("{h:?} does not appear verbatim in the plan text"));
            }
        }
        if e.quotes.is_empty() {
            problem(file, id, "quote", "every element needs at least one quote from the plan".into());
        }
        for (i, q) in e.quotes.iter().enumerate() {
            if let Some(m) = quote_problem(plan, q) {
                problem(file, id, &format!("quote[{i}]"), m);
            }
        }
        if e.location.source.trim().is_empty() {
            problem(file, id, "location.source", "say where the location came from".into());
        }
        for (field, message) in e.bilingual_problems() {
            problem(file, id, field, message);
        }
        match e.location.basis {
            LocationBasis::Site => {
                if e.location.uncertainty_km.is_none_or(|u| !(0.0..=SITE_MAX_UNCERTAINTY_KM).contains(&u)) {
                    problem(
                        file,
                        id,
                        "location.uncertainty_km",
                        format!("a site carries its radius, at most {SITE_MAX_UNCERTAINTY_KM} km; otherwise use basis = \"schematic\""),
                    );
                }
                if e.location.source_name.as_deref().is_none_or(|s| s.trim().is_empty()) {
                    problem(
                        file,
                        id,
                        "location.source_name",
                        "a site names the public source that places it (the plan itself gives no sites)".into(),
                    );
                }
            }
            LocationBasis::Schematic if e.location.point.is_some() && e.location.uncertainty_km.is_none() => {
                problem(file, id, "location.uncertainty_km", "a schematic point says how far off it may be".into())
            }
            LocationBasis::Unlocated => {
                if e.location.point.is_none() {
                    problem(
                        file,
                        id,
                        "location.point",
                        "an unlocated element takes a margin slot point outside every district".into(),
                    );
                }
                if e.districts.iter().any(|d| is_tianjin_district(d)) {
                    problem(
                        file,
                        id,
                        "districts",
                        "an unlocated element claims no district (use [\"120000\"], the city as a whole)".into(),
                    );
                }
            }
            _ => {}
        }
        match (e.name_kind, plan.seeds.contains(&e.name_zh)) {
            (NameKind::Plan, false) => problem(
                file,
                id,
                "name_kind",
                format!("{:?} is not verbatim in the plan text: mark it name_kind = \"label\"", e.name_zh),
            ),
            (NameKind::Label, true) => {
                problem(file, id, "name_kind", format!("{:?} is the plan's own name: name_kind = \"plan\"", e.name_zh))
            }
            _ => {}
        }
        for (field, targets) in [("other_hosts", &e.other_hosts), ("relies_on", &e.relies_on)] {
            for t in targets {
                if !element_ids.contains(t.as_str()) {
                    problem(file, id, field, format!("{t:?} is not an element id"));
                }
            }
        }
        if !e.anchors_en.is_empty() && e.anchors_en.len() != e.anchors.len() {
            problem(file, id, "anchors_en", "one English name per anchor, in the same order".into());
        }
        if e.category == INSTITUTION_CATEGORY {
            if !plan.elements.iter().any(|o| o.spec.relies_on.contains(&e.id)) {
                problem(
                    file,
                    id,
                    "relies_on",
                    "no element relies on this institution; link it from the zone that names it".into(),
                );
            }
            let base = e.name_zh.split(['(', '(']).next().unwrap_or(&e.name_zh);
            if !e.quotes.iter().any(|q| q.text.contains(base)) {
                problem(file, id, "quote", format!("quote the plan sentence that names {base:?}"));
            }
        }
        if e.location.districts.is_some() && e.location.basis != LocationBasis::Boundary {
            problem(file, id, "location.basis", "a location given by districts has basis \"boundary\"".into());
        }
        if e.location.point.is_some() && e.location.basis == LocationBasis::Boundary {
            problem(file, id, "location.basis", "a point is a site or schematic, not a boundary".into());
        }
        if e.districts.is_empty() {
            problem(file, id, "districts", "name the host district(s) by adcode".into());
        }
        let mut known_districts = true;
        for d in &e.districts {
            if context.boundaries.by_adcode(d).is_none() {
                known_districts = false;
                problem(file, id, "districts", format!("{d:?} is not an adcode in data/boundaries"));
            }
        }
        match context.resolve(e) {
            Ok(resolved) => {
                if known_districts {
                    if let Some(m) = placement_problem(e, &resolved, context.boundaries) {
                        problem(file, id, "location", m);
                    }
                    if let Some(m) = city_only_problem(e, &resolved, context.boundaries) {
                        problem(file, id, "location", m);
                    }
                }
                locations.insert(e.id.clone(), resolved);
            }
            Err(err) => problem(file, id, "location", err.to_string()),
        }
    }

    // Default tours: every stop shows something that exists.
    let tours_file = plan.dir.join("tours.toml");
    let mut tour_ids = HashSet::new();
    for t in &plan.tours {
        if !is_stable_id(&t.id) || !tour_ids.insert(t.id.as_str()) {
            problem(&tours_file, Some(&t.id), "id", "tour ids are unique lowercase ASCII with dashes".into());
        }
        for (i, stop) in t.stops.iter().enumerate() {
            match (&stop.element, &stop.view) {
                (Some(e), None) if !element_ids.contains(e.as_str()) => problem(
                    &tours_file,
                    Some(&t.id),
                    &format!("stop[{i}].element"),
                    format!("{e:?} is not an element id"),
                ),
                (None, Some(_)) if stop.caption_zh.is_none() || stop.caption_en.is_none() => problem(
                    &tours_file,
                    Some(&t.id),
                    &format!("stop[{i}]"),
                    "a view stop needs caption_zh and caption_en".into(),
                ),
                (Some(_), Some(_)) | (None, None) => problem(
                    &tours_file,
                    Some(&t.id),
                    &format!("stop[{i}]"),
                    "give exactly one of `element` and `view`".into(),
                ),
                _ => {}
            }
        }
    }

    // Completeness against the plan.
    let elements_dir = plan.dir.join("elements");
    for name in REQUIRED_ELEMENTS {
        if !plan.elements.iter().any(|e| e.spec.name_zh.contains(name)) {
            problem(&elements_dir, None, "name_zh", format!("no element named {name:?}; the plan's layout needs it"));
        }
    }
    for d in MICRO_CENTRE_DISTRICTS {
        if !plan.elements.iter().any(|e| e.spec.category == "micro_centre" && e.spec.districts.iter().any(|x| x == d)) {
            problem(&elements_dir, None, "category", format!("no micro_centre element in district {d}"));
        }
    }
    for c in &plan.categories {
        if !plan.elements.iter().any(|e| e.spec.category == c.id) {
            problem(
                &categories_file,
                Some(&c.id),
                "id",
                "no element uses this category; remove it or add its elements".into(),
            );
        }
    }

    Checked { problems, locations }
}

fn quote_problem(plan: &PlanData, q: &QuoteSpec) -> Option<String> {
    if q.text.trim().is_empty() {
        return Some("empty quote".into());
    }
    if !plan.seeds.contains(&q.text) {
        return Some(format!("not verbatim in the plan text: {:?}", q.text));
    }
    let Some(loc) = plan.text.locate(&q.text) else {
        return Some(format!("found in a seed but across a paragraph break; quote within one paragraph: {:?}", q.text));
    };
    let Some(kind) = plan.text.quote_kind(&loc) else {
        return Some(format!(
            "this is the news summary's own sentence, not the plan's words; do not quote it (say it in the note if needed): {:?}",
            q.text
        ));
    };
    let seed = loc.seed.code();
    match q.seed.as_deref() {
        None => return Some(format!("say which seed the quote is read from: seed = \"{seed}\"")),
        Some(s) if s != seed => {
            return Some(format!("the quote is read from seed {seed} (section {}), not {s:?}", loc.section_id))
        }
        _ => {}
    }
    match q.kind {
        None => Some(format!("say what kind of text the quote is: kind = \"{}\"", kind.as_str())),
        Some(k) if k != kind => {
            Some(format!("the quote is {} text (section {}), not {}", kind.as_str(), loc.section_id, k.as_str()))
        }
        _ => None,
    }
}

/// An element that claims only the city as a whole (or is unlocated) must not be drawn inside
/// any district: a district official would read it as being in their district.
fn city_only_problem(
    e: &crate::plan::ElementSpec,
    resolved: &ResolvedLocation,
    boundaries: &BoundarySet,
) -> Option<String> {
    let claims_district = e.districts.iter().any(|d| is_tianjin_district(d));
    if claims_district && e.location.basis != LocationBasis::Unlocated {
        return None;
    }
    let Shape::Point(p) = &resolved.shape else { return None };
    if let Some(b) = boundaries.tianjin_districts.iter().find(|b| b.geometry.intersects(p)) {
        return Some(format!(
            "point [{}, {}] lies in {} {}, but the element claims no district; give it a margin slot outside every district",
            p.x(),
            p.y(),
            b.adcode,
            b.name_zh
        ));
    }
    if e.location.basis == LocationBasis::Unlocated {
        // A margin slot must read as outside on the map, not sit on a district's edge.
        use geo::{Distance, Euclidean};
        let plane = crate::derive::local_metric::LocalMetric::tianjin();
        let here = plane.to_metres(p);
        if let Some(b) = boundaries
            .tianjin_districts
            .iter()
            .find(|b| Euclidean.distance(&here, &plane.to_metres(&b.geometry)) < MARGIN_SLOT_CLEARANCE_KM * 1e3)
        {
            return Some(format!(
                "margin slot [{}, {}] is within {MARGIN_SLOT_CLEARANCE_KM} km of {} {}; move it further out to sea",
                p.x(),
                p.y(),
                b.adcode,
                b.name_zh
            ));
        }
    }
    None
}

/// Does the geometry lie in the districts the element claims?
fn placement_problem(
    e: &crate::plan::ElementSpec,
    resolved: &ResolvedLocation,
    boundaries: &BoundarySet,
) -> Option<String> {
    let claimed: Vec<_> = e.districts.iter().filter_map(|d| boundaries.by_adcode(d)).collect();
    match &resolved.shape {
        Shape::Point(_) if e.location.basis == LocationBasis::Unlocated => {}
        Shape::Point(p) => {
            // A point that claims districts must lie in one of them, not merely in the city
            // outline (120000) that may also be claimed.
            let specific: Vec<_> = claimed.iter().filter(|b| !b.adcode.ends_with("0000")).copied().collect();
            let claimed = if specific.is_empty() { claimed.clone() } else { specific };
            if !claimed.iter().any(|b| b.geometry.intersects(p)) {
                let actual = boundaries
                    .tianjin_districts
                    .iter()
                    .chain(&boundaries.context)
                    .find(|b| b.geometry.intersects(p))
                    .map(|b| format!("{} {}", b.adcode, b.name_zh))
                    .unwrap_or_else(|| "no known district".into());
                return Some(format!(
                    "point [{}, {}] is not in its districts {:?}; it lies in {actual}",
                    p.x(),
                    p.y(),
                    e.districts
                ));
            }
        }
        Shape::Area(area) => {
            if let Some(listed) = &e.location.districts {
                if let Some(d) = listed.iter().find(|d| !e.districts.contains(d)) {
                    return Some(format!("location.districts has {d}, which `districts` does not claim"));
                }
            }
            for b in &claimed {
                if !b.geometry.intersects(area) {
                    return Some(format!("the area does not reach claimed district {} {}", b.adcode, b.name_zh));
                }
            }
            let union = geo::unary_union(claimed.iter().map(|b| &b.geometry));
            let outside = area.difference(&union).unsigned_area();
            let total = area.unsigned_area();
            if total > 0.0 && outside / total > 0.01 {
                return Some(format!(
                    "{:.1} % of the area lies outside its claimed districts",
                    100.0 * outside / total
                ));
            }
        }
        Shape::Band { band, centreline } => {
            // A corridor claims the districts along it: each must be reached by the band, and
            // the line must start and end in claimed districts.
            for b in &claimed {
                if !b.geometry.intersects(band) {
                    return Some(format!("the band does not reach claimed district {} {}", b.adcode, b.name_zh));
                }
            }
            for end in [centreline.points().next(), centreline.points().last()].into_iter().flatten() {
                if !claimed.iter().any(|b| b.geometry.intersects(&end)) {
                    return Some(format!(
                        "the centreline ends at [{}, {}], outside the claimed districts",
                        end.x(),
                        end.y()
                    ));
                }
            }
        }
    }
    None
}

/// Checks an atlas file as stored (the embedded default, or a user's copy): SQLite and
/// GeoPackage structure, spatial indexes in step with their tables, quotes still verbatim in
/// the stored plan text, and points inside the districts they claim. Returns one line per problem.
pub fn check_atlas(atlas: &crate::store::Atlas) -> crate::Result<Vec<String>> {
    use geo::Intersects;
    let conn = atlas.connection();
    let mut problems = Vec::new();
    let integrity: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
    if integrity != "ok" {
        problems.push(format!("PRAGMA integrity_check: {integrity}"));
    }
    let fk: i64 = conn.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0))?;
    if fk > 0 {
        problems.push(format!("{fk} row(s) fail PRAGMA foreign_key_check"));
    }
    let user_version: i32 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if user_version != crate::gpkg::USER_VERSION {
        problems
            .push(format!("PRAGMA user_version is {user_version}, a GeoPackage 1.3 has {}", crate::gpkg::USER_VERSION));
    }
    let mut stmt = conn.prepare("SELECT table_name FROM gpkg_geometry_columns ORDER BY table_name")?;
    let tables: Vec<String> = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    for t in tables {
        let (features, indexed): (i64, i64) = conn.query_row(
            &format!("SELECT (SELECT count(*) FROM \"{t}\" WHERE geom IS NOT NULL), (SELECT count(*) FROM \"rtree_{t}_geom\")"),
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        if features != indexed {
            problems
                .push(format!("{t}: {features} geometries but {indexed} R-tree entries; the spatial index is stale"));
        }
    }
    let mut stmt = conn.prepare(
        "SELECT q.owner_kind, q.owner_id, q.text, coalesce(p.text, s.title_zh) FROM plan_quotes q
         LEFT JOIN plan_paragraphs p ON p.section_id = q.section_id AND p.ord = q.paragraph_ord
         LEFT JOIN plan_sections s ON s.id = q.section_id AND q.paragraph_ord IS NULL",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, Option<String>>(3)?))
    })?;
    for row in rows {
        let (kind, id, quote, paragraph) = row?;
        if !paragraph.is_some_and(|p| p.contains(&quote)) {
            problems.push(format!("{kind} {id}: quote is not in the paragraph it cites: {quote:?}"));
        }
    }
    for (e, shape) in atlas.elements().iter().zip(&atlas.element_shapes) {
        let geo::Geometry::Point(p) = shape else { continue };
        if e.location_basis == crate::plan::LocationBasis::Unlocated
            || !e.districts.iter().any(|d| is_tianjin_district(d))
        {
            // Claims no district: must not be drawn inside one.
            if let Some(d) = atlas.districts().iter().find(|d| d.geometry.intersects(p)) {
                problems.push(format!(
                    "{}: claims no district but its point [{}, {}] lies in {} {}",
                    e.id,
                    p.x(),
                    p.y(),
                    d.adcode,
                    d.name_zh
                ));
            }
            continue;
        }
        let tianjin_claims: Vec<_> = atlas.districts().iter().filter(|d| e.districts.contains(&d.adcode)).collect();
        if !tianjin_claims.is_empty()
            && e.districts.iter().all(|d| d.starts_with("1201"))
            && !tianjin_claims.iter().any(|d| d.geometry.intersects(p))
        {
            problems.push(format!("{}: point [{}, {}] is outside its districts {:?}", e.id, p.x(), p.y(), e.districts));
        }
    }
    Ok(problems)
}
