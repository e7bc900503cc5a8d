//! `atlas build`: `data/` → one GeoPackage.
//!
//! The build refuses data that fails [`crate::integrity::check`], writes everything in one
//! transaction into a temporary file beside the target, and renames it into place only when
//! complete, so a failed or interrupted build never leaves a half-written atlas under the name.
//! The output is byte-for-byte reproducible for the same inputs.

use std::path::{Path, PathBuf};
use std::time::Instant;

use geo::{BoundingRect, InteriorPoint};
use rusqlite::{params, Connection, Transaction};
use sha2::{Digest, Sha256};

use crate::boundaries::{Boundary, BoundarySet};
use crate::derive::DerivationSpecs;
use crate::error::{AtlasError, Result};
use crate::gpkg::{self, blob, tables};
use crate::integrity::{self, Problem};
use crate::location::{LocationContext, ResolvedLocation, Shape};
use crate::plan::PlanData;
use crate::store::schema;

/// Paths of the inputs, all under one `data/` folder.
#[derive(Debug, Clone)]
pub struct DataDir {
    pub root: PathBuf,
}

impl DataDir {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        DataDir { root: root.into() }
    }
    pub fn plan(&self) -> PathBuf {
        self.root.join("plan")
    }
    pub fn boundaries(&self) -> PathBuf {
        self.root.join("boundaries")
    }
}

/// Everything read from `data/`, checked.
pub struct LoadedData {
    pub plan: PlanData,
    pub boundaries: BoundarySet,
    pub derivations: DerivationSpecs,
    pub problems: Vec<Problem>,
    pub locations: std::collections::BTreeMap<String, ResolvedLocation>,
}

/// Reads and checks `data/`. Problems are returned, not raised, so `atlas validate` can list them all.
pub fn load_and_check(data: &DataDir) -> Result<LoadedData> {
    let plan = PlanData::load(&data.plan())?;
    let boundaries = BoundarySet::read(&data.boundaries())?;
    let derivations = DerivationSpecs::read(&data.plan().join("derivations.toml"))?;
    let context = LocationContext { boundaries: &boundaries, derivations: &derivations };
    let checked = integrity::check(&plan, &context);
    Ok(LoadedData { plan, boundaries, derivations, problems: checked.problems, locations: checked.locations })
}

#[derive(Debug)]
pub struct BuildReport {
    pub path: PathBuf,
    pub elements: usize,
    pub sections: usize,
    pub paragraphs: usize,
    pub bytes: u64,
    pub load_ms: f64,
    pub write_ms: f64,
    pub edition: String,
}

/// Builds the atlas at `out`.
pub fn build_atlas(data: &DataDir, out: &Path) -> Result<BuildReport> {
    let started = Instant::now();
    let loaded = load_and_check(data)?;
    if let Some(first) = loaded.problems.first() {
        return Err(AtlasError::Invalid(format!(
            "the plan data has {} problem(s); the first: {first}. Run `atlas validate` to list them all.",
            loaded.problems.len()
        )));
    }
    let load_ms = started.elapsed().as_secs_f64() * 1e3;
    let written = Instant::now();

    let file = crate::files::atomic::AtomicFile::new(out)?;
    write_atlas(&loaded, file.temp_path())?;
    file.commit()?;
    let bytes = std::fs::metadata(out).map(|m| m.len()).unwrap_or(0);
    Ok(BuildReport {
        path: out.into(),
        elements: loaded.plan.elements.len(),
        sections: loaded.plan.text.sections.len(),
        paragraphs: loaded.plan.text.sections.iter().map(|s| s.paragraphs.len()).sum(),
        bytes,
        load_ms,
        write_ms: written.elapsed().as_secs_f64() * 1e3,
        edition: plan_edition(&loaded),
    })
}

/// A fingerprint of the plan content, recorded in `atlas_meta` so an app can tell whether its
/// copy carries the newest edition of the plan data.
fn plan_edition(loaded: &LoadedData) -> String {
    let mut h = Sha256::new();
    h.update(&loaded.plan.seeds.plan);
    h.update(&loaded.plan.seeds.news);
    for e in &loaded.plan.elements {
        h.update(format!("{:?}", e.spec));
    }
    for c in &loaded.plan.categories {
        h.update(format!("{c:?}"));
    }
    for t in &loaded.plan.themes {
        h.update(format!("{t:?}"));
    }
    for b in &loaded.boundaries.tianjin_districts {
        h.update(format!("{}{:?}", b.adcode, b.geometry.bounding_rect()));
    }
    h.update(format!("{:?}", loaded.derivations));
    let digest = h.finalize();
    digest.iter().take(8).map(|b| format!("{b:02x}")).collect()
}

/// The page size of a new atlas, in bytes (SQLite's default is 4096). Why larger: an import
/// makes one system call per page written (and in WAL, where the app's imports run, writes each
/// page twice: into the WAL, then into the file at the checkpoint); measured in WAL, at 32 KiB the 100k-cell grid's import took 0.44 s (median of 10)
/// against 0.49 s at 4 KiB, 16 and 64 KiB within 0.01 s of 32 (BENCHMARKS.md). The price: each
/// table or index takes at least one page, so the empty atlas is 4.8 MB instead of 2.9 MB.
/// Files made with other sizes keep theirs.
pub const PAGE_SIZE: i64 = 32_768;

fn write_atlas(loaded: &LoadedData, path: &Path) -> Result<()> {
    let mut conn = Connection::open(path)?;
    conn.pragma_update(None, "page_size", PAGE_SIZE)?;
    gpkg::sql_functions::register(&conn)?;
    conn.pragma_update(None, "application_id", gpkg::APPLICATION_ID)?;
    conn.pragma_update(None, "user_version", gpkg::USER_VERSION)?;
    let tx = conn.transaction()?;
    tables::create_core_tables(&tx)?;
    schema::create_meta_table(&tx)?;
    schema::create_plan_tables(&tx)?;
    crate::user::schema::create_user_tables(&tx, Some(tables::PLAN_LAST_CHANGE))?;
    crate::user::schema::create_planner_tables(&tx, Some(tables::PLAN_LAST_CHANGE))?;
    crate::user::extents::create_extent_table(&tx)?;
    // The schema-4 tables above, taken to schema 8 by the migration's own step: one shape
    // for a new atlas and a migrated one.
    crate::user::split_layers::split_user_features(&tx)?;
    crate::user::schema::add_layer_colours(&tx)?;
    gpkg::layer_styles::create_table(&tx, Some(tables::PLAN_LAST_CHANGE))?;
    write_plan(&tx, loaded)?;
    gpkg::layer_styles::write_plan_styles(&tx, Some(tables::PLAN_LAST_CHANGE))?;
    write_default_tours(&tx, loaded)?;
    write_display_geometry(&tx)?;
    tx.execute(
        "INSERT INTO atlas_meta (key, value) VALUES ('schema_version', ?1), ('plan_edition', ?2), ('plan_title', '天津市科技创新“十四五”规划'), ('plan_made_by', ?3)",
        params![schema::SCHEMA_VERSION.to_string(), plan_edition(loaded), crate::store::edition::PROGRAM_VERSION],
    )?;
    for t in schema::PLAN_GEOMETRY_TABLES.iter().chain(&["districts", "basemap"]) {
        tables::update_extent(&tx, t)?;
    }
    tx.commit()?;
    // One self-contained, compact file in rollback-journal mode, so it can also be opened from
    // memory (the embedded default). Whoever opens it for writing switches it to WAL.
    conn.execute_batch("VACUUM;")?;
    let integrity: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
    if integrity != "ok" {
        return Err(AtlasError::Invalid(format!("the new atlas failed PRAGMA integrity_check: {integrity}")));
    }
    conn.close().map_err(|(_, e)| e)?;
    Ok(())
}

/// Writes all plan rows. Also used when a new plan edition replaces an old one in place.
pub fn write_plan(tx: &Transaction, loaded: &LoadedData) -> Result<()> {
    let plan = &loaded.plan;
    write_boundaries(tx, &loaded.boundaries)?;

    let mut stmt = tx.prepare(
        "INSERT INTO plan_categories (id, name_zh, name_en, description_zh, description_en, draw_order, stroke, fill, fill_opacity, weight, symbol)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?;
    for c in &plan.categories {
        let s = &c.style;
        stmt.execute(params![
            c.id,
            c.name_zh,
            c.name_en,
            c.description_zh,
            c.description_en,
            c.order,
            s.stroke,
            s.fill,
            s.fill_opacity,
            s.weight,
            s.symbol
        ])?;
    }

    let mut stmt = tx.prepare(
        "INSERT INTO plan_themes (id, name_zh, name_en, kind, keywords, ord) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for (i, t) in plan.themes.iter().enumerate() {
        stmt.execute(params![t.id, t.name_zh, t.name_en, t.kind.as_str(), json(&t.keywords), i as i64])?;
    }

    // The text first: quotes and mentions point into it.
    let mut section_stmt = tx.prepare(
        "INSERT INTO plan_sections (id, parent, kind, ord, title_zh, title_en, seed, elided_in_plan, note_zh, note_en) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?;
    let mut paragraph_stmt =
        tx.prepare("INSERT INTO plan_paragraphs (section_id, ord, kind, seed, text) VALUES (?1, ?2, ?3, ?4, ?5)")?;
    let mut search_stmt = tx.prepare("INSERT INTO plan_search (kind, ref, title, body) VALUES (?1, ?2, ?3, ?4)")?;
    let mut paragraph_fids: Vec<(i64, &str)> = Vec::new();
    for (i, s) in plan.text.sections.iter().enumerate() {
        section_stmt.execute(params![
            s.id,
            s.parent,
            serde_plain(&s.kind),
            i as i64,
            s.title_zh,
            s.title_en,
            s.seed.code(),
            s.elided_in_plan as i64,
            s.note_zh,
            s.note_en
        ])?;
        search_stmt.execute(params!["section", s.id, s.title_zh, ""])?;
        for (j, p) in s.paragraphs.iter().enumerate() {
            paragraph_stmt.execute(params![s.id, j as i64, serde_plain(&p.kind), p.seed.code(), p.text])?;
            let fid = tx.last_insert_rowid();
            paragraph_fids.push((fid, &p.text));
            search_stmt.execute(params!["paragraph", fid.to_string(), s.title_zh, p.text])?;
        }
    }

    let mut element_stmt = tx.prepare(
        "INSERT INTO plan_elements (id, name_zh, name_en, category, location_basis, location_source, uncertainty_km, districts,
           host, host_text, anchors, focus, note, label_lon, label_lat, min_x, min_y, max_x, max_y, source_file,
           name_kind, later_name_zh, later_name_en, hosts, host_en, relies_on, anchors_en, source_name, note_zh, location_source_zh)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30)",
    )?;
    let mut district_stmt = tx.prepare("INSERT INTO plan_element_districts (element_id, adcode) VALUES (?1, ?2)")?;
    let mut theme_stmt = tx.prepare("INSERT INTO plan_element_themes (element_id, theme_id) VALUES (?1, ?2)")?;
    let mut quote_stmt = tx.prepare(
        "INSERT INTO plan_quotes (owner_kind, owner_id, ord, text, seed, section_id, paragraph_ord, kind) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    let mut mention_stmt = tx.prepare("INSERT INTO plan_mentions (paragraph_fid, element_id) VALUES (?1, ?2)")?;
    let mut feature_stmts = [
        tx.prepare("INSERT INTO plan_areas (geom, element_id, role, name_zh, name_en, category, location_basis) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")?,
        tx.prepare("INSERT INTO plan_lines (geom, element_id, role, name_zh, name_en, category, location_basis) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")?,
        tx.prepare("INSERT INTO plan_points (geom, element_id, role, name_zh, name_en, category, location_basis) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")?,
    ];
    let source_root = plan.dir.parent().and_then(Path::parent).unwrap_or(&plan.dir);

    for authored in &plan.elements {
        let e = &authored.spec;
        let resolved = loaded.locations.get(&e.id).expect("checked elements all resolve");
        let geometry = resolved.shape.geometry();
        let bbox = geometry.bounding_rect().expect("resolved shapes are never empty");
        let label = match &resolved.shape {
            Shape::Point(p) => *p,
            Shape::Band { centreline, .. } => centreline.interior_point().expect("non-empty"),
            Shape::Area(a) => a.interior_point().expect("non-empty"),
        };
        let source_file = authored.file.strip_prefix(source_root).unwrap_or(&authored.file).display().to_string();
        element_stmt.execute(params![
            e.id,
            e.name_zh,
            e.name_en,
            e.category,
            resolved.basis.as_str(),
            e.location.source,
            e.location.uncertainty_km,
            json(&e.districts),
            e.host,
            e.host_text,
            json(&e.anchors),
            json(&e.focus),
            e.note,
            label.x(),
            label.y(),
            bbox.min().x,
            bbox.min().y,
            bbox.max().x,
            bbox.max().y,
            source_file,
            e.name_kind.as_str(),
            e.later_name_zh,
            e.later_name_en,
            json(&e.host.iter().chain(&e.other_hosts).collect::<Vec<_>>()),
            e.host_en,
            json(&e.relies_on),
            json(&e.anchors_en),
            e.location.source_name,
            e.note_zh,
            e.location.source_zh,
        ])?;
        for d in &e.districts {
            district_stmt.execute(params![e.id, d])?;
        }
        for t in &e.themes {
            theme_stmt.execute(params![e.id, t])?;
        }
        let basis = resolved.basis.as_str();
        let mut insert = |table: usize, g: geo::Geometry<f64>, role: &str| {
            feature_stmts[table].execute(params![
                blob::encode(&g, gpkg::WGS84),
                e.id,
                role,
                e.name_zh,
                e.name_en,
                e.category,
                basis
            ])
        };
        match &resolved.shape {
            Shape::Point(p) => insert(POINTS, geo::Geometry::Point(*p), "site")?,
            Shape::Area(area) => insert(AREAS, geo::Geometry::MultiPolygon(area.clone()), "area")?,
            Shape::Band { band, centreline } => {
                insert(AREAS, geo::Geometry::MultiPolygon(band.clone()), "band")?;
                insert(LINES, geo::Geometry::LineString(centreline.clone()), "centreline")?
            }
        };
        search_stmt.execute(params![
            "element",
            e.id,
            format!("{} {}", e.name_zh, e.name_en),
            [
                e.host_text.clone().unwrap_or_default(),
                e.host_en.clone().unwrap_or_default(),
                e.anchors.join(" "),
                e.anchors_en.join(" "),
                e.focus.join(" "),
                e.later_name_zh.clone().unwrap_or_default(),
                e.later_name_en.clone().unwrap_or_default()
            ]
            .join(" ")
        ])?;
        for (i, q) in e.quotes.iter().enumerate() {
            write_quote(&mut quote_stmt, plan, "element", &e.id, i, &q.text)?;
        }
        // Paragraphs that mention the element by its Chinese name (the part after a colon for
        // names like "海河实验室:合成生物学"), or that hold one of its quotes.
        let short_name = e.name_zh.rsplit(':').next().unwrap_or(&e.name_zh);
        let mut mentioned: Vec<i64> = paragraph_fids
            .iter()
            .filter(|(_, text)| text.contains(short_name) || e.quotes.iter().any(|q| text.contains(q.text.as_str())))
            .map(|(fid, _)| *fid)
            .collect();
        mentioned.dedup();
        for fid in mentioned {
            mention_stmt.execute(params![fid, e.id])?;
        }
    }
    for t in &plan.themes {
        search_stmt.execute(params!["theme", t.id, format!("{} {}", t.name_zh, t.name_en), t.keywords.join(" ")])?;
        for (i, q) in t.quotes.iter().enumerate() {
            write_quote(&mut quote_stmt, plan, "theme", &t.id, i, &q.text)?;
        }
    }
    Ok(())
}

/// Simplified copies of every plan area, for drawing.
fn write_display_geometry(tx: &Transaction) -> Result<()> {
    let rows: Vec<(i64, Vec<u8>)> = {
        let mut stmt = tx.prepare("SELECT fid, geom FROM plan_areas ORDER BY fid")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let mut insert =
        tx.prepare("INSERT INTO plan_display (feature_table, feature_fid, geom) VALUES ('plan_areas', ?1, ?2)")?;
    for (fid, bytes) in rows {
        let g = blob::decode(&bytes).map_err(|e| AtlasError::Invalid(format!("plan_areas {fid}: {e}")))?;
        insert.execute(params![fid, blob::encode(&crate::query::display::for_display(g), gpkg::WGS84)])?;
    }
    Ok(())
}

/// Installs the default tours: captions default to the element's names, notes to its first
/// quote (the plan's words). Timestamps are the plan's date, for a reproducible build.
fn write_default_tours(tx: &Transaction, loaded: &LoadedData) -> Result<()> {
    use crate::user::tours::{insert_stop, insert_tour, StopContent};
    for t in &loaded.plan.tours {
        insert_tour(tx, &t.id, &t.name_zh, &t.name_en, "default", tables::PLAN_LAST_CHANGE)?;
        for s in &t.stops {
            let element = s.element.as_deref().and_then(|id| loaded.plan.element(id));
            let content = StopContent {
                element_id: s.element.clone(),
                view: s.view.map(|v| v.bbox()),
                layers: Vec::new(),
                caption_zh: s.caption_zh.clone().or_else(|| element.map(|e| e.name_zh.clone())).unwrap_or_default(),
                caption_en: s.caption_en.clone().or_else(|| element.map(|e| e.name_en.clone())).unwrap_or_default(),
                notes: s
                    .notes
                    .clone()
                    .or_else(|| element.and_then(|e| e.quotes.first().map(tour_note_from)))
                    .unwrap_or_default(),
            };
            insert_stop(tx, &t.id, &content)?;
        }
    }
    Ok(())
}

/// A default tour stop's speaker note is the element's first quote; when that quote is not
/// the plan's own text, the note says whose words they are, as every other place that shows
/// seed-002 text does.
fn tour_note_from(q: &crate::plan::element::QuoteSpec) -> String {
    use crate::plan::element::QuoteKind;
    match q.kind {
        Some(QuoteKind::Box) => format!("{}〔专栏内容,据新闻稿 box content, via news summary〕", q.text),
        Some(QuoteKind::News) => format!("{}〔新闻稿转述,非规划原文 news summary, not the plan's text〕", q.text),
        _ => q.text.clone(),
    }
}

const AREAS: usize = 0;
const LINES: usize = 1;
const POINTS: usize = 2;

fn write_quote(
    stmt: &mut rusqlite::Statement,
    plan: &PlanData,
    owner_kind: &str,
    owner_id: &str,
    ord: usize,
    text: &str,
) -> Result<()> {
    let loc = plan
        .text
        .locate(text)
        .ok_or_else(|| AtlasError::Invalid(format!("{owner_kind} {owner_id}: quote {ord} is not in the plan text")))?;
    // The kind is where the text is found (checked against the authored kind by `integrity`);
    // the news summary's own sentences never get this far.
    let kind = plan.text.quote_kind(&loc).ok_or_else(|| {
        AtlasError::Invalid(format!("{owner_kind} {owner_id}: quote {ord} is the news summary's own sentence"))
    })?;
    stmt.execute(params![
        owner_kind,
        owner_id,
        ord as i64,
        text,
        loc.seed.code(),
        loc.section_id,
        loc.paragraph_index.map(|i| i as i64),
        kind.as_str()
    ])?;
    Ok(())
}

fn write_boundaries(tx: &Transaction, boundaries: &BoundarySet) -> Result<()> {
    let mut full = tx.prepare(
        "INSERT INTO districts (geom, adcode, name_zh, name_en, level, parent) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for b in &boundaries.tianjin_districts {
        full.execute(params![geometry_blob(b), b.adcode, b.name_zh, b.name_en, b.level.as_str(), b.parent])?;
    }
    let mut display =
        tx.prepare("INSERT INTO basemap (geom, layer, adcode, name_zh, name_en, level, parent) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")?;
    for (layer, set) in [
        ("outline", &boundaries.outlines),
        ("context", &boundaries.context),
        ("tianjin", &boundaries.tianjin_districts_display),
    ] {
        for b in set {
            display.execute(params![
                geometry_blob(b),
                layer,
                b.adcode,
                b.name_zh,
                b.name_en,
                b.level.as_str(),
                b.parent
            ])?;
        }
    }
    Ok(())
}

fn geometry_blob(b: &Boundary) -> Vec<u8> {
    blob::encode(&geo::Geometry::MultiPolygon(b.geometry.clone()), gpkg::WGS84)
}

fn json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("plain data serialises")
}

/// The snake_case name serde gives a unit enum variant.
fn serde_plain<T: serde::Serialize>(value: &T) -> String {
    json(value).trim_matches('"').to_owned()
}
