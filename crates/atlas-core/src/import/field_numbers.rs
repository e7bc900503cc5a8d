//! A layer's property names numbered in the order they first appear: the number is the
//! field's position among the layer table's source fields ([`super::table_writer`] adds a
//! column for each new number, in the same order).
//!
//! Why a numbering of its own: it runs where features are prepared (the reading thread in a
//! threaded import), so the thread that writes rows handles each value by number, without
//! hashing its name, and the names the file repeats for every feature are dropped where
//! they were allocated.

use std::collections::HashMap;

use serde_json::{Map, Value};

#[derive(Default)]
pub(crate) struct FieldNumbers {
    number_of: HashMap<String, usize>,
}

/// A feature's property values by field number, and the fields it named first.
#[derive(Default)]
pub(crate) struct NumberedValues {
    pub values: Vec<(usize, Value)>,
    /// (number, name) of each field this feature is the first to have, in number order.
    pub new_fields: Vec<(usize, String)>,
}

impl FieldNumbers {
    /// Numbers for fields a reader declares before any feature (DBF, GeoPackage), in order.
    pub fn declare<'a>(&mut self, names: impl IntoIterator<Item = &'a str>) {
        for name in names {
            self.number(name.to_owned());
        }
    }

    /// The number of `name`, given a new one (the next) when it is new.
    fn number(&mut self, name: String) -> (usize, Option<String>) {
        if let Some(n) = self.number_of.get(name.as_str()) {
            return (*n, None);
        }
        let n = self.number_of.len();
        self.number_of.insert(name.clone(), n);
        (n, Some(name))
    }

    /// A feature's properties as (number, value) pairs.
    pub fn values_of(&mut self, properties: Map<String, Value>) -> NumberedValues {
        let mut out = NumberedValues { values: Vec::with_capacity(properties.len()), new_fields: Vec::new() };
        for (name, value) in properties {
            let (n, new) = self.number(name);
            if let Some(name) = new {
                out.new_fields.push((n, name));
            }
            out.values.push((n, value));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn props(v: Value) -> Map<String, Value> {
        v.as_object().expect("an object").clone()
    }

    #[test]
    fn names_are_numbered_once_in_order_of_first_appearance_after_the_declared_ones() {
        let mut numbers = FieldNumbers::default();
        numbers.declare(["NAME", "AREA"]);
        let first = numbers.values_of(props(json!({"AREA": 2.5, "名称": "甲"})));
        assert_eq!(first.values, vec![(1, json!(2.5)), (2, json!("甲"))]);
        assert_eq!(first.new_fields, vec![(2, "名称".to_owned())]);
        // (Written in key order: the order a Map gives them back in, whether or not it keeps
        // the file's order.)
        let second = numbers.values_of(props(json!({"NAME": "x", "zz": null, "名称": "乙"})));
        assert_eq!(second.values, vec![(0, json!("x")), (3, Value::Null), (2, json!("乙"))]);
        assert_eq!(second.new_fields, vec![(3, "zz".to_owned())]);
    }
}
