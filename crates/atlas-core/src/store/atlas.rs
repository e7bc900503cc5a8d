//! An open atlas: the GeoPackage connection plus the in-memory indexes the queries use
//! (district polygons with point-in-polygon indexes, element shapes in an R-tree).

use std::path::Path;

use geo::algorithm::indexed::IntervalTreeMultiPolygon;
use geo::{BoundingRect, MultiPolygon};
use rstar::primitives::{GeomWithData, Rectangle};
use rstar::RTree;
use rusqlite::{Connection, OpenFlags};
use serde::Serialize;

use crate::derive::local_metric::LocalMetric;
use crate::error::{AtlasError, Result};
use crate::gpkg::{self, blob};
use crate::plan::LocationBasis;
use crate::store::schema::SCHEMA_VERSION;

/// One Tianjin district, ready for point queries.
pub struct DistrictShape {
    pub adcode: String,
    pub name_zh: String,
    pub name_en: String,
    pub geometry: MultiPolygon<f64>,
    /// An interval tree over the polygon's edges: point-in-polygon in O(log n) instead of O(n).
    pub(crate) contains_index: IntervalTreeMultiPolygon<f64>,
}

/// What lists and maps need of an element; the detail query adds the rest.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ElementSummary {
    pub id: String,
    pub name_zh: String,
    pub name_en: String,
    pub category: String,
    pub location_basis: LocationBasis,
    pub districts: Vec<String>,
    /// Where to put the label / fly to: the point itself, or a point inside the area.
    pub label: [f64; 2],
    /// [min_lon, min_lat, max_lon, max_lat]
    pub bbox: [f64; 4],
}

pub(crate) type BoxEntry = GeomWithData<Rectangle<[f64; 2]>, usize>;

pub struct Atlas {
    pub(crate) conn: Connection,
    /// Where the file was backed up before this open migrated it to the current schema.
    pub migration_backup: Option<std::path::PathBuf>,
    label: String,
    pub(crate) districts: Vec<DistrictShape>,
    pub(crate) district_boxes: RTree<BoxEntry>,
    pub(crate) elements: Vec<ElementSummary>,
    /// Each element's geometry (areas, bands, points), same order as `elements`.
    pub(crate) element_shapes: Vec<geo::Geometry<f64>>,
    pub(crate) element_boxes: RTree<BoxEntry>,
    /// Point-in-polygon indexes for the elements that are areas (None for points).
    pub(crate) element_area_index: std::sync::OnceLock<Vec<Option<IntervalTreeMultiPolygon<f64>>>>,
    /// The areas' edges in the local metric plane, for nearest-edge distances in O(log n).
    pub(crate) element_edges: std::sync::OnceLock<Vec<Option<RTree<rstar::primitives::Line<[f64; 2]>>>>>,
}

impl Atlas {
    /// Opens an atlas file for reading and writing (WAL mode).
    pub fn open(path: &Path) -> Result<Atlas> {
        Self::open_with(path, false)
    }

    /// Opens an atlas file read-only.
    pub fn open_read_only(path: &Path) -> Result<Atlas> {
        Self::open_with(path, true)
    }

    fn open_with(path: &Path, read_only: bool) -> Result<Atlas> {
        let meta = std::fs::metadata(path).map_err(|source| AtlasError::Read { path: path.into(), source })?;
        if meta.is_dir() {
            return Err(AtlasError::data(path, "is a folder, not an atlas file"));
        }
        // Reading the header ourselves gives a clear "not a GeoPackage" for any other file,
        // instead of SQLite's "file is not a database" on first query.
        check_sqlite_header(path)?;
        let flags = if read_only {
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX
        } else {
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX
        };
        let mut conn = Connection::open_with_flags(path, flags)?;
        check_identity(&conn, path)?;
        // Before anything could write (journal mode, migration, backup): a file from a newer
        // program is refused and left byte for byte as it was.
        refuse_newer(&conn, path)?;
        let mut migration_backup = None;
        if !read_only {
            crate::store::journal::set_wal(&conn)?;
            // A second writer waits up to 5 s for the lock instead of failing at once.
            conn.busy_timeout(std::time::Duration::from_secs(5))?;
            gpkg::sql_functions::register(&conn)?;
            migration_backup = crate::store::migrate::migrate(&mut conn, path)?;
        }
        let mut atlas = Self::from_connection(conn, path.display().to_string(), path)?;
        atlas.migration_backup = migration_backup;
        Ok(atlas)
    }

    /// Opens an atlas held in memory (the embedded default), read-only.
    pub fn from_static_bytes(bytes: &'static [u8], label: &str) -> Result<Atlas> {
        let mut conn = Connection::open_in_memory()?;
        conn.deserialize_bytes(rusqlite::MAIN_DB, bytes)?;
        Self::from_connection(conn, label.to_owned(), Path::new(label))
    }

    fn from_connection(conn: Connection, label: String, path: &Path) -> Result<Atlas> {
        check_identity(&conn, path)?;
        gpkg::sql_functions::register(&conn)?;
        let version = crate::store::migrate::recorded_version(&conn);
        if version != SCHEMA_VERSION {
            refuse_newer(&conn, path)?;
            let advice = if crate::store::migrate::can_migrate(version) {
                "It was made by an older atlas: open it in the app, or run `atlas migrate --db FILE`, which backs it up first and upgrades it.".to_owned()
            } else {
                "It was made by an older atlas and no migration exists from that version: rebuild it with `atlas build --out FILE`, or reset to the plan default in the app (your file is left untouched).".to_owned()
            };
            return Err(AtlasError::SchemaVersion {
                path: path.into(),
                found: version,
                expected: SCHEMA_VERSION,
                advice,
            });
        }
        let districts = load_districts(&conn)?;
        let district_boxes = RTree::bulk_load(
            districts
                .iter()
                .enumerate()
                .filter_map(|(i, d)| bbox_entry(&geo::Geometry::MultiPolygon(d.geometry.clone()), i))
                .collect(),
        );
        let (elements, element_shapes) = load_elements(&conn)?;
        let element_boxes =
            RTree::bulk_load(element_shapes.iter().enumerate().filter_map(|(i, g)| bbox_entry(g, i)).collect());
        // Indexes for nearby queries are built on first use: opening stays fast (the app opens
        // the atlas before its window shows).
        let element_area_index = std::sync::OnceLock::new();
        let element_edges = std::sync::OnceLock::new();
        Ok(Atlas {
            migration_backup: None,
            conn,
            label,
            districts,
            district_boxes,
            elements,
            element_shapes,
            element_boxes,
            element_area_index,
            element_edges,
        })
    }

    /// The file path, or a name for an in-memory atlas.
    pub fn label(&self) -> &str {
        &self.label
    }

    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    /// The connection, for replacing the file's content in place (files::lifecycle).
    pub(crate) fn into_connection(self) -> Connection {
        self.conn
    }

    pub fn schema_version(&self) -> i64 {
        SCHEMA_VERSION
    }

    /// A value from `atlas_meta`.
    pub fn meta(&self, key: &str) -> Result<Option<String>> {
        let mut stmt = self.conn.prepare_cached("SELECT value FROM atlas_meta WHERE key = ?1")?;
        let mut rows = stmt.query([key])?;
        Ok(match rows.next()? {
            Some(r) => Some(r.get(0)?),
            None => None,
        })
    }

    /// Copies the whole atlas to `target` with SQLite's online backup, so a file in WAL mode
    /// is copied with its latest commits, consistently, while it stays open.
    pub fn backup_to(&self, target: &Path) -> Result<()> {
        self.conn
            .backup(rusqlite::MAIN_DB, target, None::<fn(rusqlite::backup::Progress)>)
            .map_err(|e| AtlasError::Invalid(format!("backup to {} failed: {e}", target.display())))
    }

    /// Every element, in authored order.
    pub fn elements(&self) -> &[ElementSummary] {
        &self.elements
    }

    pub fn element(&self, id: &str) -> Option<&ElementSummary> {
        self.elements.iter().find(|e| e.id == id)
    }

    pub(crate) fn area_indexes(&self) -> &[Option<IntervalTreeMultiPolygon<f64>>] {
        self.element_area_index.get_or_init(|| {
            self.element_shapes
                .iter()
                .map(|g| match g {
                    geo::Geometry::MultiPolygon(mp) => Some(IntervalTreeMultiPolygon::new(mp)),
                    _ => None,
                })
                .collect()
        })
    }

    pub(crate) fn edge_indexes(&self) -> &[Option<RTree<rstar::primitives::Line<[f64; 2]>>>] {
        self.element_edges.get_or_init(|| self.element_shapes.iter().map(edge_index).collect())
    }

    /// An element's main geometry: its area (or band), else its point.
    pub fn element_geometry(&self, id: &str) -> Option<&geo::Geometry<f64>> {
        self.element_index(id).map(|i| &self.element_shapes[i])
    }

    pub(crate) fn element_index(&self, id: &str) -> Option<usize> {
        self.elements.iter().position(|e| e.id == id)
    }

    /// Tianjin's 16 districts.
    pub fn districts(&self) -> &[DistrictShape] {
        &self.districts
    }
}

/// An R-tree over an area's edges, in metres (see [`LocalMetric`]); `None` for points.
fn edge_index(g: &geo::Geometry<f64>) -> Option<RTree<rstar::primitives::Line<[f64; 2]>>> {
    use geo::LinesIter;
    let geo::Geometry::MultiPolygon(mp) = g else { return None };
    let plane = LocalMetric::tianjin();
    let metric = plane.to_metres(mp);
    Some(RTree::bulk_load(
        metric.lines_iter().map(|l| rstar::primitives::Line::new([l.start.x, l.start.y], [l.end.x, l.end.y])).collect(),
    ))
}

/// Files written by a newer program are never opened: not migrated "down", not written to.
pub(crate) fn refuse_newer(conn: &Connection, path: &Path) -> Result<()> {
    let found = crate::store::migrate::recorded_version(conn);
    if found > SCHEMA_VERSION {
        return Err(AtlasError::NewerVersion { path: path.into(), found, supported: SCHEMA_VERSION });
    }
    Ok(())
}

/// The schema version of an atlas file, checked to be one this program can open (after
/// migrating it, for older ones), without changing the file.
pub fn inspect(path: &Path) -> Result<i64> {
    check_sqlite_header(path)?;
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    check_identity(&conn, path)?;
    refuse_newer(&conn, path)?;
    let version = crate::store::migrate::recorded_version(&conn);
    if version != SCHEMA_VERSION && !crate::store::migrate::can_migrate(version) {
        return Err(AtlasError::SchemaVersion {
            path: path.into(),
            found: version,
            expected: SCHEMA_VERSION,
            advice: "No migration exists from that version.".into(),
        });
    }
    Ok(version)
}

/// Is this a GeoPackage, and an atlas?
fn check_identity(conn: &Connection, path: &Path) -> Result<()> {
    let app_id: i32 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    if app_id != gpkg::APPLICATION_ID {
        let found = String::from_utf8_lossy(&app_id.to_be_bytes()).into_owned();
        return Err(AtlasError::NotGeoPackage { path: path.into(), found });
    }
    let has_meta: bool = conn.query_row(
        "SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = 'atlas_meta'",
        [],
        |r| r.get(0),
    )?;
    if !has_meta {
        return Err(AtlasError::NotAnAtlas { path: path.into() });
    }
    Ok(())
}

fn check_sqlite_header(path: &Path) -> Result<()> {
    use std::io::Read;
    let mut header = [0u8; 16];
    let mut file = std::fs::File::open(path).map_err(|source| AtlasError::Read { path: path.into(), source })?;
    let n = file.read(&mut header).map_err(|source| AtlasError::Read { path: path.into(), source })?;
    if n < 16 || &header != b"SQLite format 3\0" {
        return Err(AtlasError::NotGeoPackage { path: path.into(), found: "not an SQLite file".into() });
    }
    Ok(())
}

fn bbox_entry(g: &geo::Geometry<f64>, i: usize) -> Option<BoxEntry> {
    let r = g.bounding_rect()?;
    Some(GeomWithData::new(Rectangle::from_corners([r.min().x, r.min().y], [r.max().x, r.max().y]), i))
}

fn decode_blob(table: &str, key: &str, bytes: &[u8]) -> Result<geo::Geometry<f64>> {
    blob::decode(bytes).map_err(|e| AtlasError::Invalid(format!("{table} {key}: geometry cannot be read: {e}")))
}

fn load_districts(conn: &Connection) -> Result<Vec<DistrictShape>> {
    let mut stmt = conn.prepare("SELECT adcode, name_zh, name_en, geom FROM districts ORDER BY adcode")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get(1)?, r.get(2)?, r.get::<_, Vec<u8>>(3)?)))?;
    let mut out = Vec::new();
    for row in rows {
        let (adcode, name_zh, name_en, bytes) = row?;
        let geometry = match decode_blob("districts", &adcode, &bytes)? {
            geo::Geometry::MultiPolygon(mp) => mp,
            geo::Geometry::Polygon(p) => MultiPolygon::new(vec![p]),
            _ => return Err(AtlasError::Invalid(format!("districts {adcode}: geometry is not a polygon"))),
        };
        let contains_index = IntervalTreeMultiPolygon::new(&geometry);
        out.push(DistrictShape { adcode, name_zh, name_en, geometry, contains_index });
    }
    Ok(out)
}

fn load_elements(conn: &Connection) -> Result<(Vec<ElementSummary>, Vec<geo::Geometry<f64>>)> {
    let mut stmt = conn.prepare(
        "SELECT id, name_zh, name_en, category, location_basis, districts, label_lon, label_lat, min_x, min_y, max_x, max_y
         FROM plan_elements ORDER BY fid",
    )?;
    let elements = stmt
        .query_map([], |r| {
            let districts: String = r.get(5)?;
            Ok(ElementSummary {
                id: r.get(0)?,
                name_zh: r.get(1)?,
                name_en: r.get(2)?,
                category: r.get(3)?,
                location_basis: {
                    let text: String = r.get(4)?;
                    LocationBasis::parse(&text).ok_or_else(|| {
                        rusqlite::Error::FromSqlConversionFailure(
                            4,
                            rusqlite::types::Type::Text,
                            format!("unknown location basis {text:?}").into(),
                        )
                    })?
                },
                districts: serde_json::from_str(&districts).unwrap_or_default(),
                label: [r.get(6)?, r.get(7)?],
                bbox: [r.get(8)?, r.get(9)?, r.get(10)?, r.get(11)?],
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    // The element's main shape: its area (or band) if it has one, else its point.
    let mut shapes: Vec<Option<geo::Geometry<f64>>> = vec![None; elements.len()];
    for table in ["plan_points", "plan_areas"] {
        let mut stmt = conn.prepare(&format!("SELECT element_id, geom FROM {table}"))?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, Vec<u8>>(1)?)))?;
        for row in rows {
            let (id, bytes) = row?;
            if let Some(i) = elements.iter().position(|e| e.id == id) {
                shapes[i] = Some(decode_blob(table, &id, &bytes)?);
            }
        }
    }
    let shapes = shapes
        .into_iter()
        .zip(&elements)
        .map(|(s, e)| s.ok_or_else(|| AtlasError::Invalid(format!("plan element {} has no geometry", e.id))))
        .collect::<Result<Vec<_>>>()?;
    Ok((elements, shapes))
}
