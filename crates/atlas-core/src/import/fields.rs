//! The typed fields of an own layer: what a reader with a schema (DBF, GeoPackage) declares,
//! or what the writer infers from the values of a reader without one (GeoJSON, CSV). Each
//! field becomes a column of the layer's table, typed as GeoPackage declares them (spec
//! §1.1.4.1.1: TEXT, INTEGER, REAL, DATE, DATETIME, BOOLEAN), so GDAL and QGIS show the
//! field with its type instead of "Field format '' not supported".

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// One field of an own layer, as the source file names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct FieldDef {
    pub name: String,
    pub kind: FieldKind,
}

/// A field's type. Declared order matters for inference: a field whose values disagree is
/// widened along Boolean/Integer → Real → Text (see [`FieldKind::widen`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub enum FieldKind {
    Text,
    Integer,
    Real,
    /// ISO 8601 date, stored as TEXT `YYYY-MM-DD`.
    Date,
    /// ISO 8601 date and time, stored as TEXT `YYYY-MM-DDTHH:MM:SS[.SSS]Z`.
    DateTime,
    /// Stored as INTEGER 0/1.
    Boolean,
}

impl FieldKind {
    /// The column type GeoPackage declares for it.
    pub fn sql_type(self) -> &'static str {
        match self {
            FieldKind::Text => "TEXT",
            FieldKind::Integer => "INTEGER",
            FieldKind::Real => "REAL",
            FieldKind::Date => "DATE",
            FieldKind::DateTime => "DATETIME",
            FieldKind::Boolean => "BOOLEAN",
        }
    }

    /// The kind of a declared column type (case-insensitive; GeoPackage's and SQLite's usual
    /// names). Unknown or empty types read as Text, which holds anything.
    pub fn from_sql_type(declared: &str) -> FieldKind {
        let t = declared.trim().to_ascii_uppercase();
        let base = t.split('(').next().unwrap_or("").trim();
        match base {
            "INTEGER" | "INT" | "MEDIUMINT" | "SMALLINT" | "TINYINT" | "BIGINT" => FieldKind::Integer,
            "REAL" | "FLOAT" | "DOUBLE" | "NUMERIC" | "DECIMAL" => FieldKind::Real,
            "DATE" => FieldKind::Date,
            "DATETIME" | "TIMESTAMP" => FieldKind::DateTime,
            "BOOLEAN" | "BOOL" => FieldKind::Boolean,
            _ => FieldKind::Text,
        }
    }

    /// The kind a JSON value suggests, or None for null (which fits every kind). Strings are
    /// Text even when they look like dates: a reader that knows better declares the field.
    pub fn of_value(v: &Value) -> Option<FieldKind> {
        match v {
            Value::Null => None,
            Value::Bool(_) => Some(FieldKind::Boolean),
            Value::Number(n) if n.is_i64() => Some(FieldKind::Integer),
            // u64 beyond i64 and floats both need REAL to keep their magnitude.
            Value::Number(_) => Some(FieldKind::Real),
            _ => Some(FieldKind::Text),
        }
    }

    /// The narrowest kind that holds values of both kinds: Integer and Real make Real, any
    /// other disagreement makes Text (which holds anything, so no value is ever refused).
    pub fn widen(self, other: FieldKind) -> FieldKind {
        use FieldKind::*;
        match (self, other) {
            (a, b) if a == b => a,
            (Integer, Real) | (Real, Integer) => Real,
            _ => Text,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn kinds_round_trip_through_their_sql_types() {
        use FieldKind::*;
        for k in [Text, Integer, Real, Date, DateTime, Boolean] {
            assert_eq!(FieldKind::from_sql_type(k.sql_type()), k);
        }
        assert_eq!(FieldKind::from_sql_type("TEXT(254)"), Text);
        assert_eq!(FieldKind::from_sql_type(""), Text);
        assert_eq!(FieldKind::from_sql_type("mediumint"), Integer);
    }

    #[test]
    fn disagreeing_values_widen_integer_to_real_to_text() {
        use FieldKind::*;
        assert_eq!(FieldKind::of_value(&json!(3)), Some(Integer));
        assert_eq!(FieldKind::of_value(&json!(3.5)), Some(Real));
        assert_eq!(FieldKind::of_value(&json!(null)), None);
        assert_eq!(Integer.widen(Real), Real);
        assert_eq!(Real.widen(Text), Text);
        assert_eq!(Boolean.widen(Integer), Text);
        assert_eq!(Date.widen(Date), Date);
    }
}
