//! GeoPackage layers (as QGIS or GDAL write them): every feature table, or those picked, in
//! any CRS the atlas supports (see [`crate::crs`]), found from `gpkg_spatial_ref_sys` by its
//! organization and code, else by its WKT definition; each layer is reprojected to WGS84 as
//! it is read. Beijing 1954 / Xian 1980 and unknown systems are refused with advice.
//!
//! A GeoPackage from elsewhere is a database someone else wrote, so it is opened as hostile:
//! read-only, in SQLite's defensive mode, with views and triggers switched off and schema
//! functions untrusted; only real tables are read (a "layer" that is a view can be an endless
//! recursive query); rows are streamed to the writer, and the bytes they hold count against
//! the import's size limit.

use std::path::{Path, PathBuf};

use rusqlite::config::DbConfig;
use rusqlite::{Connection, OpenFlags};
use serde_json::{Map, Value};

use super::detected::CrsSource;
use super::fields::{FieldDef, FieldKind};
use super::problem_kind::{CrsNamedIn, ProblemKind};
use super::{excerpt, typed_limit, typed_problem, IncomingFeature};
use crate::crs::{wkt, Crs, CrsRefusal, DetectedCrs};
use crate::error::Result;
use crate::gpkg::blob;

/// A feature table as `gpkg_geometry_columns` describes it.
#[derive(Debug, Clone)]
pub struct ForeignLayer {
    pub table: String,
    pub geometry_column: String,
    pub srs_organization: String,
    pub srs_code: i64,
    /// `gpkg_spatial_ref_sys.definition` (WKT), for systems without an EPSG code.
    pub srs_definition: String,
    /// The CRS the atlas reads it in: decided by [`ForeignGeoPackage::chosen_layers`].
    pub crs: DetectedCrs,
}

/// An open GeoPackage from outside the atlas.
pub struct ForeignGeoPackage {
    conn: Connection,
    path: PathBuf,
}

fn quoted(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

fn quoted_literal(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

impl ForeignGeoPackage {
    pub fn open(path: &Path) -> Result<ForeignGeoPackage> {
        let cannot = |e: rusqlite::Error| {
            typed_problem(path, None, None, ProblemKind::NotGeoPackage { detail: Some(e.to_string()) })
        };
        let conn =
            Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
                .map_err(cannot)?;
        for (setting, on) in [
            (DbConfig::SQLITE_DBCONFIG_DEFENSIVE, true),
            (DbConfig::SQLITE_DBCONFIG_TRUSTED_SCHEMA, false),
            (DbConfig::SQLITE_DBCONFIG_ENABLE_TRIGGER, false),
            (DbConfig::SQLITE_DBCONFIG_ENABLE_VIEW, false),
        ] {
            conn.set_db_config(setting, on).map_err(cannot)?;
        }
        Ok(ForeignGeoPackage { conn, path: path.into() })
    }

    /// The feature layers that are real tables (views and virtual tables are left out).
    pub fn layers(&self) -> Result<Vec<ForeignLayer>> {
        let path = &self.path;
        let mut stmt = self
            .conn
            .prepare(
                "SELECT g.table_name, g.column_name, coalesce(s.organization, ''), coalesce(s.organization_coordsys_id, g.srs_id),
                        coalesce(s.definition, '')
                 FROM gpkg_geometry_columns g LEFT JOIN gpkg_spatial_ref_sys s ON s.srs_id = g.srs_id
                 JOIN sqlite_master m ON m.type = 'table' AND m.name = g.table_name
                   AND m.sql NOT LIKE 'CREATE VIRTUAL%'
                 ORDER BY g.table_name",
            )
            .map_err(|_| typed_problem(path, None, None, ProblemKind::NotGeoPackage { detail: None }))?;
        let rows = stmt.query_map([], |r| {
            Ok(ForeignLayer {
                table: r.get(0)?,
                geometry_column: r.get(1)?,
                srs_organization: r.get(2)?,
                srs_code: r.get(3)?,
                srs_definition: r.get(4)?,
                crs: DetectedCrs { crs: Crs::WGS84, source: CrsSource::WgsByDefinition },
            })
        });
        let layers = rows
            .and_then(|r| r.collect::<rusqlite::Result<Vec<_>>>())
            .map_err(|e| typed_problem(path, None, None, ProblemKind::GpkgLayerList { detail: e.to_string() }))?;
        Ok(layers)
    }

    /// The layers asked for (all if None), each checked to be importable and its CRS decided
    /// (`user_epsg`, when the user named one, overrides the file's).
    pub fn chosen_layers(&self, chosen: Option<&[String]>, user_epsg: Option<u32>) -> Result<Vec<ForeignLayer>> {
        let available = self.layers()?;
        let names: Vec<String> = available.iter().map(|l| excerpt(&l.table)).collect();
        if let Some(chosen) = chosen {
            for c in chosen {
                if !available.iter().any(|l| &l.table == c) {
                    let kind = ProblemKind::NoSuchTable { table: excerpt(c), tables: names.clone() };
                    return Err(typed_problem(&self.path, None, None, kind));
                }
            }
        }
        let picked: Vec<ForeignLayer> =
            available.into_iter().filter(|l| chosen.is_none_or(|c| c.contains(&l.table))).collect();
        if picked.is_empty() {
            return Err(typed_problem(&self.path, None, None, ProblemKind::NoFeatureTables));
        }
        let mut picked = picked;
        for l in &mut picked {
            l.crs = self.layer_crs(l, user_epsg)?;
        }
        Ok(picked)
    }

    /// A layer's CRS: by EPSG code where the organization is EPSG, else from its WKT.
    fn layer_crs(&self, l: &ForeignLayer, user_epsg: Option<u32>) -> Result<DetectedCrs> {
        let table = excerpt(&l.table);
        let refuse = |kind: ProblemKind| typed_problem(&self.path, None, Some(&table), kind);
        let refused = |named_in: CrsNamedIn| move |refusal: CrsRefusal| ProblemKind::Crs { named_in, refusal };
        if let Some(code) = user_epsg {
            let crs = Crs::try_epsg(code).map_err(refused(CrsNamedIn::UserChoice)).map_err(refuse)?;
            return Ok(DetectedCrs { crs, source: CrsSource::UserChoice });
        }
        let organization = l.srs_organization.trim();
        let undefined = || ProblemKind::UndefinedSrs { organization: organization.to_owned(), code: l.srs_code };
        if organization.eq_ignore_ascii_case("EPSG") || (organization.is_empty() && l.srs_code == 4326) {
            // A negative or huge "EPSG" code is no code at all.
            let code = u32::try_from(l.srs_code).map_err(|_| refuse(undefined()))?;
            let crs = Crs::try_epsg(code).map_err(refused(CrsNamedIn::GpkgSrs)).map_err(refuse)?;
            return Ok(DetectedCrs { crs, source: CrsSource::GpkgEpsgCode });
        }
        if !l.srs_definition.trim().is_empty() && !l.srs_definition.trim().eq_ignore_ascii_case("undefined") {
            let (crs, matched) =
                wkt::identify(&l.srs_definition).map_err(refused(CrsNamedIn::GpkgSrs)).map_err(refuse)?;
            return Ok(DetectedCrs { crs, source: CrsSource::GpkgDefinition { matched } });
        }
        Err(refuse(undefined()))
    }

    /// The layer's columns other than its geometry, typed as the table declares them.
    pub fn fields(&self, layer: &ForeignLayer) -> Result<Vec<FieldDef>> {
        let mut stmt = self
            .conn
            .prepare(&format!("SELECT name, type FROM pragma_table_info({})", quoted_literal(&layer.table)))?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        let mut fields = Vec::new();
        for row in rows {
            let (name, declared) = row?;
            if !name.eq_ignore_ascii_case(&layer.geometry_column) {
                fields.push(FieldDef { name, kind: FieldKind::from_sql_type(&declared) });
            }
        }
        Ok(fields)
    }

    /// Rows in a layer, for progress.
    pub fn row_count(&self, layer: &ForeignLayer) -> Result<usize> {
        let n: i64 =
            self.conn.query_row(&format!("SELECT count(*) FROM {}", quoted(&layer.table)), [], |r| r.get(0))?;
        Ok(n.max(0) as usize)
    }

    /// Streams the layer's features to `each`; the bytes of every row are taken from `budget`,
    /// and running out of it ends the import with a limit error.
    pub fn read_layer(
        &self,
        layer: &ForeignLayer,
        budget: &mut u64,
        mut each: impl FnMut(usize, IncomingFeature) -> Result<()>,
    ) -> Result<()> {
        let path = &self.path;
        let field = format!("{}.{}", excerpt(&layer.table), excerpt(&layer.geometry_column));
        let mut stmt = self.conn.prepare(&format!("SELECT * FROM {}", quoted(&layer.table)))?;
        let names: Vec<String> = stmt.column_names().into_iter().map(str::to_owned).collect();
        // Column names are case-insensitive in SQLite; gpkg_geometry_columns may spell it otherwise.
        let geom_i = names
            .iter()
            .position(|n| n.eq_ignore_ascii_case(&layer.geometry_column))
            .ok_or_else(|| typed_problem(path, None, Some(&field), ProblemKind::MissingGeometryColumn))?;
        let mut rows = stmt.query([])?;
        let mut i = 0;
        while let Some(row) = rows.next()? {
            let mut row_bytes = 0u64;
            let geometry = match row.get_ref(geom_i)? {
                rusqlite::types::ValueRef::Blob(bytes) => {
                    row_bytes += bytes.len() as u64;
                    blob::decode(bytes).map_err(|e| {
                        typed_problem(
                            path,
                            Some(i),
                            Some(&field),
                            ProblemKind::BadGeometryBlob { detail: e.to_string() },
                        )
                    })?
                }
                rusqlite::types::ValueRef::Null => {
                    return Err(typed_problem(path, Some(i), Some(&field), ProblemKind::NoGeometry))
                }
                _ => return Err(typed_problem(path, Some(i), Some(&field), ProblemKind::NotGeometryBlob)),
            };
            let mut properties = Map::new();
            for (c, name) in names.iter().enumerate() {
                if c != geom_i {
                    let v = row.get_ref(c)?;
                    row_bytes += name.len() as u64 + value_bytes(&v);
                    properties.insert(name.clone(), value(v));
                }
            }
            if row_bytes > *budget {
                return Err(typed_limit(path, Some(i), Some(&excerpt(&layer.table)), ProblemKind::RowsOverSizeLimit));
            }
            *budget -= row_bytes;
            each(i, IncomingFeature { geometry, properties, repairs: Vec::new() })?;
            i += 1;
        }
        Ok(())
    }
}

fn value_bytes(v: &rusqlite::types::ValueRef) -> u64 {
    use rusqlite::types::ValueRef::*;
    match v {
        Text(t) | Blob(t) => t.len() as u64,
        _ => 8,
    }
}

fn value(v: rusqlite::types::ValueRef) -> Value {
    use rusqlite::types::ValueRef::*;
    match v {
        Null => Value::Null,
        Integer(i) => Value::from(i),
        Real(f) => serde_json::Number::from_f64(f).map(Value::Number).unwrap_or(Value::Null),
        Text(t) => Value::String(String::from_utf8_lossy(t).into_owned()),
        Blob(_) => Value::Null,
    }
}

/// The feature tables of a GeoPackage the user is about to import, to pick from.
pub fn layers(path: &Path) -> Result<Vec<ForeignLayer>> {
    ForeignGeoPackage::open(path)?.layers()
}
