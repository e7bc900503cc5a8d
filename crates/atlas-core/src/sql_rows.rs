//! Reading query rows into structs by column name.
//!
//! Why: a struct filled as `field: r.get(3)?` depends on the SELECT's column order, and the same
//! dozen-line mapping was written again for every query. Here the SELECT names its columns (with
//! `AS` where a field is named otherwise) and serde fills the struct by name (serde_rusqlite), so
//! the query is the one place that says which column fills which field. Text columns holding
//! enums read into the enum through its serde names; JSON text columns use [`json_text`].

use rusqlite::{Params, Statement};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};

use crate::error::Result;

/// Every row of `stmt` with `params`, each read into a `T`.
pub fn all<T: DeserializeOwned>(stmt: &mut Statement, params: impl Params) -> Result<Vec<T>> {
    let rows = serde_rusqlite::from_rows::<T>(stmt.query(params)?);
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}

/// The first row, or `None` when there is none.
pub fn first<T: DeserializeOwned>(stmt: &mut Statement, params: impl Params) -> Result<Option<T>> {
    let mut rows = serde_rusqlite::from_rows::<T>(stmt.query(params)?);
    Ok(rows.next().transpose()?)
}

/// A row whose one column is a JSON object the query builds (`json_object(…)`): for a struct with
/// nested parts, which a flat row cannot fill by name.
#[derive(Deserialize)]
pub struct Json<T: DeserializeOwned>(#[serde(deserialize_with = "json_text")] pub T);

/// A JSON text column (a list of ids, of names …) read as its value. Written by the build from
/// checked data, so text that does not parse is an error, not an empty list.
pub fn json_text<'de, D: Deserializer<'de>, T: DeserializeOwned>(d: D) -> std::result::Result<T, D::Error> {
    let text = String::deserialize(d)?;
    serde_json::from_str(&text).map_err(serde::de::Error::custom)
}

/// An INTEGER 0/1 column read as a bool (SQLite has no boolean type).
pub fn int_bool<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<bool, D::Error> {
    Ok(i64::deserialize(d)? != 0)
}

/// A bool from a row (0/1) or from a data file (true/false), for a type read from both.
pub fn bool_or_int<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<bool, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Either {
        Bool(bool),
        Int(i64),
    }
    Ok(match Either::deserialize(d)? {
        Either::Bool(b) => b,
        Either::Int(i) => i != 0,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize, PartialEq)]
    struct Row {
        id: String,
        #[serde(deserialize_with = "json_text")]
        tags: Vec<String>,
        #[serde(deserialize_with = "int_bool")]
        flag: bool,
        note: Option<String>,
    }

    fn conn() -> rusqlite::Connection {
        let c = rusqlite::Connection::open_in_memory().unwrap();
        c.execute_batch(
            "CREATE TABLE t (id TEXT, tags TEXT, flag INTEGER, note TEXT);
             INSERT INTO t VALUES ('a', '[\"x\",\"y\"]', 1, NULL), ('b', '[]', 0, 'n');",
        )
        .unwrap();
        c
    }

    #[test]
    fn rows_are_read_by_column_name_not_position() {
        let c = conn();
        // Columns in another order than the struct's fields.
        let mut stmt = c.prepare("SELECT note, flag, tags, id FROM t ORDER BY id").unwrap();
        let rows: Vec<Row> = all(&mut stmt, []).unwrap();
        assert_eq!(rows[0], Row { id: "a".into(), tags: vec!["x".into(), "y".into()], flag: true, note: None });
        assert_eq!(rows[1], Row { id: "b".into(), tags: vec![], flag: false, note: Some("n".into()) });
        let none: Option<Row> =
            first(&mut c.prepare("SELECT id, tags, flag, note FROM t WHERE id = 'z'").unwrap(), []).unwrap();
        assert!(none.is_none());
    }

    #[derive(Debug, Deserialize, PartialEq)]
    struct Nested {
        id: String,
        inner: Inner,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    struct Inner {
        flag: bool,
    }

    #[test]
    fn a_nested_struct_reads_from_a_json_object_column() {
        let c = conn();
        let mut stmt = c
            .prepare("SELECT json_object('id', id, 'inner', json_object('flag', json(iif(flag, 'true', 'false')))) FROM t ORDER BY id")
            .unwrap();
        let rows: Vec<Json<Nested>> = all(&mut stmt, []).unwrap();
        assert_eq!(rows[0].0, Nested { id: "a".into(), inner: Inner { flag: true } });
        assert_eq!(rows[1].0, Nested { id: "b".into(), inner: Inner { flag: false } });
    }

    #[test]
    fn a_missing_column_or_bad_json_is_an_error_not_a_default() {
        let c = conn();
        let missing = all::<Row>(&mut c.prepare("SELECT id, tags, note FROM t").unwrap(), []);
        assert!(missing.is_err(), "a struct field without a column must fail");
        c.execute("UPDATE t SET tags = 'not json' WHERE id = 'a'", []).unwrap();
        let bad = all::<Row>(&mut c.prepare("SELECT id, tags, flag, note FROM t").unwrap(), []);
        assert!(bad.unwrap_err().to_string().contains("database row"));
    }
}
