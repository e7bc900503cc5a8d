//! The storage half of an import: rows into the new layer's own table, the source's fields as
//! typed columns, as fast as SQLite takes them.
//!
//! - One prepared INSERT, bound in place (strings by reference, no per-row SQL or `Vec` of
//!   values), re-prepared only when a new field appears.
//! - Fields a reader declares (DBF, GeoPackage) are columns from the start; properties of a
//!   reader without a schema (GeoJSON, CSV) become columns as they first appear (`ALTER TABLE
//!   ADD COLUMN` rewrites no rows), typed from their values and widened Integer → Real → Text
//!   when later values disagree; the table's declared types are settled once at the end.
//! - No index or trigger runs per row: the R-tree is filled in one pass at the end and the
//!   triggers that keep it current are added then (see `crate::user::layer_table`).

use std::collections::HashMap;
use std::path::Path;

use rusqlite::{Statement, Transaction};
use serde_json::{Map, Value};

use super::fields::{FieldDef, FieldKind};
use super::{limit_problem, problem};
use crate::error::Result;
use crate::user::features::{insert_layer, FeatureAttributes, NewLayer};
use crate::user::layer_table::{self as tables, column_name_for, quoted};

/// App columns bound before the fields: geom, name_zh, name_en, category, description, stamp.
const FIXED_PARAMETERS: usize = 6;

pub(crate) struct TableWriter<'a> {
    tx: &'a Transaction<'a>,
    path: &'a Path,
    layer: NewLayer,
    /// The table's source fields, in column order, with the kind their values need.
    fields: Vec<FieldDef>,
    /// The kind each column was created with (declarations are settled at the end).
    declared: Vec<FieldKind>,
    /// Property name in the file → column.
    column_of: HashMap<String, usize>,
    max_columns: usize,
    /// The layer's geometry type so far: None before the first, GEOMETRY once mixed.
    geometry_type: Option<&'static str>,
    insert: Option<Statement<'a>>,
    /// Each column's value in the feature being written (reused between rows).
    slots: Vec<Option<usize>>,
    stamp: String,
}

impl<'a> TableWriter<'a> {
    pub(crate) fn start(
        tx: &'a Transaction<'a>,
        path: &'a Path,
        layer_name: &str,
        source: &str,
        max_columns: usize,
    ) -> Result<Self> {
        let layer = insert_layer(tx, layer_name, source, &[], false)?;
        Ok(TableWriter {
            tx,
            path,
            layer,
            fields: Vec::new(),
            declared: Vec::new(),
            column_of: HashMap::new(),
            max_columns,
            geometry_type: None,
            insert: None,
            slots: Vec::new(),
            stamp: crate::files::clock::now_rfc3339(),
        })
    }

    pub(crate) fn layer_id(&self) -> &str {
        &self.layer.id
    }

    /// Columns for fields a reader knows, before any row.
    pub(crate) fn declare(&mut self, fields: &[FieldDef]) -> Result<()> {
        for f in fields {
            self.add_field(&f.name, f.kind)?;
        }
        Ok(())
    }

    fn add_field(&mut self, source_name: &str, kind: FieldKind) -> Result<usize> {
        if self.fields.len() >= self.max_columns {
            return Err(limit_problem(self.path, None, Some(source_name), format!("the layer has more than {} distinct properties; remove columns you do not need (or raise --max-columns in the CLI)", self.max_columns)));
        }
        let taken: Vec<String> = self.fields.iter().map(|f| f.name.clone()).collect();
        let field = FieldDef { name: column_name_for(source_name, &taken), kind };
        tables::add_column(self.tx, &self.layer.table, &field)?;
        self.fields.push(field);
        self.declared.push(kind);
        self.column_of.insert(source_name.to_owned(), self.fields.len() - 1);
        self.insert = None; // the statement names the columns: prepare it again
        Ok(self.fields.len() - 1)
    }

    /// Writes one feature's row.
    pub(crate) fn insert(
        &mut self,
        i: usize,
        blob: &[u8],
        attrs: &FeatureAttributes,
        properties: &Map<String, Value>,
    ) -> Result<()> {
        let kind = stored_type_name(blob);
        self.geometry_type = match self.geometry_type {
            None => Some(kind),
            Some(k) if k == kind => Some(k),
            Some(_) => Some("GEOMETRY"),
        };
        self.slots.clear();
        self.slots.resize(self.fields.len(), None);
        for (n, (key, value)) in properties.iter().enumerate() {
            let column = match self.column_of.get(key) {
                Some(c) => *c,
                None => {
                    let c = self.add_field(key, FieldKind::of_value(value).unwrap_or(FieldKind::Text))?;
                    self.slots.push(None);
                    c
                }
            };
            if let Some(k) = FieldKind::of_value(value) {
                let f = &mut self.fields[column];
                if !fits(f.kind, k) {
                    f.kind = f.kind.widen(k);
                }
            }
            self.slots[column] = Some(n);
        }
        if self.insert.is_none() {
            self.insert = Some(self.prepare()?);
        }
        let stmt = self.insert.as_mut().expect("prepared above");
        stmt.raw_bind_parameter(1, blob)?;
        stmt.raw_bind_parameter(2, attrs.name_zh.as_str())?;
        stmt.raw_bind_parameter(3, attrs.name_en.as_str())?;
        stmt.raw_bind_parameter(4, attrs.category.as_str())?;
        stmt.raw_bind_parameter(5, attrs.description.as_str())?;
        stmt.raw_bind_parameter(6, self.stamp.as_str())?;
        // Properties in file order: slot n is the n-th property, found again by position.
        let values: Vec<&Value> =
            if self.slots.iter().any(Option::is_some) { properties.values().collect() } else { Vec::new() };
        for (c, slot) in self.slots.iter().enumerate() {
            let at = FIXED_PARAMETERS + c + 1;
            match slot.map(|n| values[n]) {
                None | Some(Value::Null) => stmt.raw_bind_parameter(at, rusqlite::types::Null)?,
                Some(Value::String(s)) => stmt.raw_bind_parameter(at, s.as_str())?,
                Some(Value::Bool(b)) => stmt.raw_bind_parameter(at, *b as i64)?,
                Some(Value::Number(n)) => match n.as_i64() {
                    Some(v) => stmt.raw_bind_parameter(at, v)?,
                    None => stmt.raw_bind_parameter(at, n.as_f64().unwrap_or(f64::NAN))?,
                },
                Some(nested) => stmt.raw_bind_parameter(at, nested.to_string())?,
            }
        }
        stmt.raw_execute().map_err(|e| problem(self.path, Some(i), None, format!("could not be stored: {e}")))?;
        Ok(())
    }

    fn prepare(&self) -> Result<Statement<'a>> {
        let tx: &'a Transaction<'a> = self.tx;
        let mut columns = "geom, name_zh, name_en, category, description, created_at, updated_at".to_owned();
        let mut marks = "?1, ?2, ?3, ?4, ?5, ?6, ?6".to_owned();
        for (c, f) in self.fields.iter().enumerate() {
            columns.push_str(", ");
            columns.push_str(&quoted(&f.name));
            marks.push_str(&format!(", ?{}", FIXED_PARAMETERS + c + 1));
        }
        Ok(tx.prepare(&format!("INSERT INTO {} ({columns}) VALUES ({marks})", quoted(&self.layer.table)))?)
    }

    /// Settles the declared types, indexes the table, and returns the layer's id.
    pub(crate) fn finish(mut self) -> Result<String> {
        self.insert = None;
        let geometry_type = self.geometry_type.unwrap_or("GEOMETRY");
        let kinds_moved = self.fields.iter().zip(&self.declared).any(|(f, k)| f.kind != *k);
        if geometry_type != "GEOMETRY" || kinds_moved {
            tables::redeclare(self.tx, &self.layer.table, geometry_type, &self.fields)?;
        }
        tables::index_layer(self.tx, &self.layer.table, &self.layer.id)?;
        Ok(self.layer.id)
    }
}

/// Whether a value of kind `value` belongs in a field of kind `field` as it is: dates and
/// times arrive as text from every reader.
fn fits(field: FieldKind, value: FieldKind) -> bool {
    field == value
        || (matches!(field, FieldKind::Date | FieldKind::DateTime) && value == FieldKind::Text)
        || (field == FieldKind::Real && value == FieldKind::Integer)
}

/// The GeoPackage type name of an encoded geometry, read from its WKB header: the stored
/// geometry, after any repair (a bow-tie polygon repaired is a multipolygon).
fn stored_type_name(blob: &[u8]) -> &'static str {
    // Header: "GP", version, flags, srs id (8 bytes), then the envelope the flags announce.
    let envelope = match (blob.get(3).copied().unwrap_or(0) >> 1) & 0b111 {
        1 => 32,
        2 | 3 => 48,
        4 => 64,
        _ => 0,
    };
    let at = 8 + envelope;
    let Some(bytes) = blob.get(at..at + 5) else { return "GEOMETRY" };
    let code = if bytes[0] == 1 {
        u32::from_le_bytes([bytes[1], bytes[2], bytes[3], bytes[4]])
    } else {
        u32::from_be_bytes([bytes[1], bytes[2], bytes[3], bytes[4]])
    };
    match code {
        1 => "POINT",
        2 => "LINESTRING",
        3 => "POLYGON",
        4 => "MULTIPOINT",
        5 => "MULTILINESTRING",
        6 => "MULTIPOLYGON",
        _ => "GEOMETRY",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stored_type_is_read_from_the_blob() {
        use crate::gpkg::blob::encode;
        let point = geo::Geometry::Point(geo::Point::new(117.0, 39.0));
        let square = geo::Geometry::Polygon(geo::Polygon::new(
            geo::LineString::from(vec![(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 0.0)]),
            vec![],
        ));
        assert_eq!(stored_type_name(&encode(&point, 4326)), "POINT");
        assert_eq!(stored_type_name(&encode(&square, 4326)), "POLYGON");
        assert_eq!(stored_type_name(b"GP"), "GEOMETRY");
    }
}
