//! The storage half of an import: rows into the new layer's own table, the source's fields as
//! typed columns, as fast as SQLite takes them.
//!
//! - Rows go in batches of up to [`BATCH_ROWS`] through one multi-row INSERT, bound in place
//!   (strings by reference, no per-row SQL): SQLite's cost per statement (the AUTOINCREMENT
//!   counter written back, the statement journal, reset) is paid once a batch, not once a row.
//!   A batch that fails is retried row by row, so the error names the feature.
//! - Fields a reader declares (DBF, GeoPackage) are columns from the start; properties of a
//!   reader without a schema (GeoJSON, CSV) become columns as they first appear (`ALTER TABLE
//!   ADD COLUMN` rewrites no rows), typed from their values and widened Integer → Real → Text
//!   when later values disagree; the table's declared types are settled once at the end.
//! - No index or trigger runs per row: each row's box is kept as it passes and the R-tree is
//!   written whole at the end, its triggers added then (see `crate::user::layer_table`).

use std::path::Path;

use rusqlite::{Statement, Transaction};
use serde_json::Value;

use super::fields::{FieldDef, FieldKind};
use super::problem_kind::{ColumnsOf, ProblemKind};
use super::{problem, typed_limit, typed_problem};
use crate::error::Result;
use crate::gpkg::rtree_bulk_load::Entry;
use crate::user::features::{insert_layer, FeatureAttributes, NewLayer};
use crate::user::layer_table::{self as tables, column_name_for, quoted};

/// Rows per INSERT (fewer when a row has many columns: SQLite takes at most 32 766 parameters).
const BATCH_ROWS: usize = 64;
/// Parameters each row binds before its fields: fid, geom, name_zh, name_en, category,
/// description (the timestamp is ?1, shared by the whole batch).
const FIXED_PARAMETERS: usize = 6;
const MAX_PARAMETERS: usize = 32_000;

/// A feature's row as it comes to be written.
pub(crate) struct NewRow {
    /// The feature's index in the file (for errors).
    pub i: usize,
    /// The GeoPackage geometry blob.
    pub blob: Vec<u8>,
    /// Its [minx, maxx, miny, maxy] (None when empty): the R-tree's entry.
    pub envelope: Option<[f64; 4]>,
    /// Its GeoPackage type name ([`crate::gpkg::blob::type_name`]).
    pub geometry_type: &'static str,
    pub attrs: FeatureAttributes,
    /// The feature's property values by field number ([`super::field_numbers`]).
    pub values: Vec<(usize, Value)>,
    /// The geometry the blob was made from, kept to be freed with the row by the thread that
    /// made it ([`WrittenRows`]).
    pub source: geo::Geometry<f64>,
}

/// Rows written, handed back to be dropped (see [`TableWriter::take_written`]).
pub(crate) struct WrittenRows(#[allow(dead_code)] Vec<PendingRow>);

/// A row waiting for its batch.
struct PendingRow {
    /// The feature's index in the file (for errors).
    i: usize,
    fid: i64,
    blob: Vec<u8>,
    attrs: FeatureAttributes,
    /// (column, value) for the properties the feature has.
    values: Vec<(usize, Value)>,
    /// Only to be freed with the row (see [`NewRow::source`]).
    _source: geo::Geometry<f64>,
}

pub(crate) struct TableWriter<'a> {
    tx: &'a Transaction<'a>,
    path: &'a Path,
    layer: NewLayer,
    /// The table's source fields, in column order, with the kind their values need.
    fields: Vec<FieldDef>,
    /// The kind each column was created with (declarations are settled at the end).
    declared: Vec<FieldKind>,
    max_columns: usize,
    /// The layer's geometry type so far: None before the first, GEOMETRY once mixed.
    geometry_type: Option<&'static str>,
    /// The INSERT for a full batch, with its row count (prepared again when a field appears).
    insert: Option<(usize, Statement<'a>)>,
    pending: Vec<PendingRow>,
    /// Rows written since [`TableWriter::take_written`]: their memory is freed by whoever takes
    /// them (in a threaded import, the thread that allocated it, where freeing is cheapest).
    written: Vec<PendingRow>,
    next_fid: i64,
    /// Each row's box, for the R-tree written at the end.
    boxes: Vec<Entry>,
    stamp: String,
}

impl<'a> TableWriter<'a> {
    pub(crate) fn start(
        tx: &'a Transaction<'a>,
        path: &'a Path,
        layer_name: &str,
        source: &str,
        max_columns: usize,
        expected_rows: usize,
    ) -> Result<Self> {
        let layer = insert_layer(tx, layer_name, source, &[], false)?;
        // Fids are given, not left to AUTOINCREMENT, so that each row's R-tree entry is known
        // as it is written; they continue the table's sequence as AUTOINCREMENT would.
        let last_fid: i64 = tx.query_row(
            &format!(
                "SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = ?1), 0),
                            coalesce((SELECT max(fid) FROM {}), 0))",
                quoted(&layer.table)
            ),
            [&layer.table],
            |r| r.get(0),
        )?;
        Ok(TableWriter {
            tx,
            path,
            layer,
            fields: Vec::new(),
            declared: Vec::new(),
            max_columns,
            geometry_type: None,
            insert: None,
            pending: Vec::with_capacity(BATCH_ROWS),
            written: Vec::new(),
            next_fid: last_fid + 1,
            boxes: Vec::with_capacity(expected_rows),
            stamp: crate::files::clock::now_rfc3339(),
        })
    }

    pub(crate) fn layer_id(&self) -> &str {
        &self.layer.id
    }

    /// Columns for fields a reader knows, before any row (numbered in this order).
    pub(crate) fn declare(&mut self, fields: &[FieldDef]) -> Result<()> {
        for f in fields {
            self.add_field(&f.name, f.kind)?;
        }
        Ok(())
    }

    /// Columns for the fields a row is the first to have (`new_fields`: number and name, in
    /// number order), typed from its values.
    pub(crate) fn add_fields(&mut self, new_fields: &[(usize, String)], values: &[(usize, Value)]) -> Result<()> {
        for (number, name) in new_fields {
            debug_assert_eq!(*number, self.fields.len(), "fields are numbered as their columns are added");
            let value = values.iter().find(|(n, _)| n == number).map(|(_, v)| v);
            self.add_field(name, value.and_then(FieldKind::of_value).unwrap_or(FieldKind::Text))?;
        }
        Ok(())
    }

    /// The rows written so far, to be dropped by the caller.
    pub(crate) fn take_written(&mut self) -> WrittenRows {
        WrittenRows(std::mem::take(&mut self.written))
    }

    fn add_field(&mut self, source_name: &str, kind: FieldKind) -> Result<usize> {
        if self.fields.len() >= self.max_columns {
            let kind = ProblemKind::TooManyColumns {
                columns: self.fields.len() + 1,
                limit: self.max_columns,
                of: ColumnsOf::Layer,
            };
            return Err(typed_limit(self.path, None, Some(source_name), kind));
        }
        // Rows already waiting were read before this field existed: they go in without it.
        self.flush()?;
        let taken: Vec<String> = self.fields.iter().map(|f| f.name.clone()).collect();
        let field = FieldDef { name: column_name_for(source_name, &taken), kind };
        tables::add_column(self.tx, &self.layer.table, &field)?;
        self.fields.push(field);
        self.declared.push(kind);
        self.insert = None; // the statement names the columns: prepare it again
        Ok(self.fields.len() - 1)
    }

    /// Writes one feature's row (in its batch: the rows of a failed import are rolled back
    /// with the transaction either way). Its fields have columns ([`TableWriter::add_fields`]).
    pub(crate) fn insert(&mut self, row: NewRow) -> Result<()> {
        let NewRow { i, blob, envelope, geometry_type, attrs, values, source } = row;
        self.geometry_type = match self.geometry_type {
            None => Some(geometry_type),
            Some(k) if k == geometry_type => Some(k),
            Some(_) => Some("GEOMETRY"),
        };
        let fid = self.next_fid;
        self.boxes.extend(envelope.map(|e| Entry::new(fid, e)));
        for (column, value) in &values {
            let Some(f) = self.fields.get_mut(*column) else {
                return Err(problem(
                    self.path,
                    Some(i),
                    None,
                    "a property has no column (an import error; please report it)",
                ));
            };
            if let Some(k) = FieldKind::of_value(value) {
                if !fits(f.kind, k) {
                    f.kind = f.kind.widen(k);
                }
            }
        }
        self.next_fid += 1;
        self.pending.push(PendingRow { i, fid, blob, attrs, values, _source: source });
        if self.pending.len() >= self.batch_rows() {
            self.flush()?;
        }
        Ok(())
    }

    fn batch_rows(&self) -> usize {
        (MAX_PARAMETERS / (FIXED_PARAMETERS + self.fields.len())).clamp(1, BATCH_ROWS)
    }

    /// Writes the waiting rows: in one statement when they make a full batch, else (at the
    /// end, before a new column) in a statement prepared for their number.
    fn flush(&mut self) -> Result<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let rows = self.pending.len();
        let result = if rows == self.batch_rows() {
            if self.insert.as_ref().is_none_or(|(n, _)| *n != rows) {
                self.insert = Some((rows, self.prepare(rows)?));
            }
            let (_, stmt) = self.insert.as_mut().expect("prepared above");
            bind_and_run(stmt, &self.stamp, self.fields.len(), &self.pending)
        } else {
            let mut stmt = self.prepare(rows)?;
            bind_and_run(&mut stmt, &self.stamp, self.fields.len(), &self.pending)
        };
        if result.is_err() {
            // The failed statement changed nothing (SQLite aborts a statement whole): find the
            // row at fault by writing them one at a time.
            let mut one = self.prepare(1)?;
            for row in &self.pending {
                bind_and_run(&mut one, &self.stamp, self.fields.len(), std::slice::from_ref(row)).map_err(|e| {
                    typed_problem(self.path, Some(row.i), None, ProblemKind::NotStored { detail: e.to_string() })
                })?;
            }
        }
        self.written.append(&mut self.pending);
        Ok(())
    }

    fn prepare(&self, rows: usize) -> Result<Statement<'a>> {
        let tx: &'a Transaction<'a> = self.tx;
        let mut columns = "fid, geom, name_zh, name_en, category, description, created_at, updated_at".to_owned();
        for f in &self.fields {
            columns.push_str(", ");
            columns.push_str(&quoted(&f.name));
        }
        let per_row = FIXED_PARAMETERS + self.fields.len();
        let mut values = String::new();
        for r in 0..rows {
            let base = 2 + r * per_row;
            values.push_str(if r == 0 { "(" } else { ", (" });
            for p in 0..per_row {
                if p == FIXED_PARAMETERS {
                    values.push_str("?1, ?1, ");
                }
                values.push_str(&format!("?{}", base + p));
                if p + 1 < per_row {
                    values.push_str(", ");
                }
            }
            if per_row == FIXED_PARAMETERS {
                values.push_str(", ?1, ?1");
            }
            values.push(')');
        }
        Ok(tx.prepare(&format!("INSERT INTO {} ({columns}) VALUES {values}", quoted(&self.layer.table)))?)
    }

    /// Settles the declared types, indexes the table, and returns the layer's id.
    pub(crate) fn finish(mut self) -> Result<String> {
        self.flush()?;
        self.insert = None;
        let geometry_type = self.geometry_type.unwrap_or("GEOMETRY");
        let kinds_moved = self.fields.iter().zip(&self.declared).any(|(f, k)| f.kind != *k);
        if geometry_type != "GEOMETRY" || kinds_moved {
            tables::redeclare(self.tx, &self.layer.table, geometry_type, &self.fields)?;
        }
        // The rows are in the file (unsynced): their writeback overlaps the R-tree's build.
        if let Some(file) = self.tx.path() {
            crate::files::writeback::start(Path::new(file));
        }
        let boxes = std::mem::take(&mut self.boxes);
        tables::index_layer_with(self.tx, &self.layer.table, &self.layer.id, boxes)?;
        Ok(self.layer.id)
    }
}

/// Binds `rows` into `stmt` (prepared for that many rows and `fields` fields) and runs it.
fn bind_and_run(stmt: &mut Statement, stamp: &str, fields: usize, rows: &[PendingRow]) -> rusqlite::Result<()> {
    stmt.raw_bind_parameter(1, stamp)?;
    let per_row = FIXED_PARAMETERS + fields;
    for (r, row) in rows.iter().enumerate() {
        let base = 2 + r * per_row;
        stmt.raw_bind_parameter(base, row.fid)?;
        stmt.raw_bind_parameter(base + 1, row.blob.as_slice())?;
        stmt.raw_bind_parameter(base + 2, row.attrs.name_zh.as_str())?;
        stmt.raw_bind_parameter(base + 3, row.attrs.name_en.as_str())?;
        stmt.raw_bind_parameter(base + 4, row.attrs.category.as_str())?;
        stmt.raw_bind_parameter(base + 5, row.attrs.description.as_str())?;
        for c in 0..fields {
            stmt.raw_bind_parameter(base + FIXED_PARAMETERS + c, rusqlite::types::Null)?;
        }
        for (c, value) in &row.values {
            let at = base + FIXED_PARAMETERS + c;
            match value {
                Value::Null => {}
                Value::String(s) => stmt.raw_bind_parameter(at, s.as_str())?,
                Value::Bool(b) => stmt.raw_bind_parameter(at, *b as i64)?,
                Value::Number(n) => match n.as_i64() {
                    Some(v) => stmt.raw_bind_parameter(at, v)?,
                    None => stmt.raw_bind_parameter(at, n.as_f64().unwrap_or(f64::NAN))?,
                },
                nested => stmt.raw_bind_parameter(at, nested.to_string())?,
            }
        }
    }
    stmt.raw_execute().map(|_| ())
}

/// Whether a value of kind `value` belongs in a field of kind `field` as it is: dates and
/// times arrive as text from every reader.
fn fits(field: FieldKind, value: FieldKind) -> bool {
    field == value
        || (matches!(field, FieldKind::Date | FieldKind::DateTime) && value == FieldKind::Text)
        || (field == FieldKind::Real && value == FieldKind::Integer)
}
