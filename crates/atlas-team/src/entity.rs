//! What is shared, kind by kind, and the one form each row takes on the wire: a JSON object
//! whose keys are the server table's columns. The same form is built from a local row and from
//! a server row, so "did it change?" is a comparison of [`content_hash`]es.

use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

/// The kinds of shared rows, in the order a push sends them: a layer before its features, a
/// tour before its stops, features before the notes that point at them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Layer,
    Feature,
    Tour,
    Stop,
    Note,
}

pub const ALL: [Kind; 5] = [Kind::Layer, Kind::Feature, Kind::Tour, Kind::Stop, Kind::Note];

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Layer => "layer",
            Kind::Feature => "feature",
            Kind::Tour => "tour",
            Kind::Stop => "stop",
            Kind::Note => "note",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        ALL.into_iter().find(|k| k.name() == s)
    }

    /// The server table; a feature's is its layer's own table.
    pub fn server_table(self) -> Option<&'static str> {
        match self {
            Kind::Layer => Some("atlas_team.layers"),
            Kind::Feature => None,
            Kind::Tour => Some("atlas_team.tours"),
            Kind::Stop => Some("atlas_team.tour_stops"),
            Kind::Note => Some("atlas_team.notes"),
        }
    }

    /// The columns a desktop writes (the server adds owner, rev, edited_by, edited_at).
    pub fn columns(self) -> &'static [&'static str] {
        match self {
            Kind::Layer => &["name", "source", "created_at", "fields"],
            // Plus the layer's typed fields, one column each (see push.rs).
            Kind::Feature => &["geom", "name_zh", "name_en", "category", "description", "created_at", "updated_at"],
            Kind::Tour => &["name_zh", "name_en", "created_at", "updated_at"],
            Kind::Stop => &[
                "tour_gid",
                "ord",
                "element_id",
                "min_x",
                "min_y",
                "max_x",
                "max_y",
                "layers",
                "caption_zh",
                "caption_en",
                "notes",
            ],
            Kind::Note => &["target_kind", "target_id", "text", "created_at", "updated_at"],
        }
    }

    /// The local table and its key column.
    pub fn local_table(self) -> (&'static str, &'static str) {
        match self {
            Kind::Layer => ("user_layers", "id"),
            // Each layer's own table (local/features.rs); the id is the core's feature id.
            Kind::Feature => ("", "fid"),
            Kind::Tour => ("user_tours", "id"),
            Kind::Stop => ("user_tour_stops", "fid"),
            Kind::Note => ("user_notes", "fid"),
        }
    }
}

/// A row's content as the hash sees it: its columns without `updated_at` (a tour's changes
/// whenever one of its stops does; the stops carry their own changes) and with `layer` (which
/// layer a feature is in). Numbers are compared as numbers (PostgreSQL's jsonb writes 117 for
/// 117.0) and object keys in order (jsonb reorders them).
pub fn content_hash(value: &Map<String, Value>) -> String {
    let mut text = String::new();
    let mut keys: Vec<&String> = value.keys().filter(|k| k.as_str() != "updated_at").collect();
    keys.sort();
    for k in keys {
        text.push_str(k);
        text.push('=');
        canonical(&value[k], &mut text);
        text.push('\n');
    }
    let digest = Sha256::digest(text.as_bytes());
    digest[..16].iter().map(|b| format!("{b:02x}")).collect()
}

fn canonical(v: &Value, out: &mut String) {
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(&format!("{:?}", n.as_f64().unwrap_or(f64::NAN))),
        Value::String(s) => out.push_str(&serde_json::to_string(s).expect("strings serialise")),
        Value::Array(a) => {
            out.push('[');
            for x in a {
                canonical(x, out);
                out.push(',');
            }
            out.push(']');
        }
        Value::Object(o) => {
            let mut keys: Vec<&String> = o.keys().collect();
            keys.sort();
            out.push('{');
            for k in keys {
                out.push_str(&serde_json::to_string(k).expect("strings serialise"));
                out.push(':');
                canonical(&o[k], out);
                out.push(',');
            }
            out.push('}');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_hash_ignores_number_spelling_key_order_and_updated_at() {
        let a = json!({"min_x": 117.0, "layers": ["a"], "updated_at": "1", "p": {"b": 1, "a": 2.5}});
        let b = json!({"p": {"a": 2.5, "b": 1.0}, "layers": ["a"], "min_x": 117, "updated_at": "2"});
        assert_eq!(content_hash(a.as_object().unwrap()), content_hash(b.as_object().unwrap()));
        let c = json!({"min_x": 117.5, "layers": ["a"], "p": {"b": 1, "a": 2.5}});
        assert_ne!(content_hash(a.as_object().unwrap()), content_hash(c.as_object().unwrap()));
    }
}
