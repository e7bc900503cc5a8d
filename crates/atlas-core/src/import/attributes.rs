//! The editable attributes (name, English name, category, description) picked out of a
//! feature's properties, by the names files usually give them.

use serde_json::{Map, Value};

use crate::user::features::{FeatureAttributes, MAX_ATTRIBUTE_CHARS};

/// The attribute a property name fills and its rank among the names for it (0 wins).
fn attribute_of(key: &str) -> Option<(usize, u8)> {
    Some(match key {
        "name_zh" => (0, 0),
        "名称" => (0, 1),
        "name" => (0, 2),
        "NAME" => (0, 3),
        "Name" => (0, 4),
        "name_en" => (1, 0),
        "NAME_EN" => (1, 1),
        "english_name" => (1, 2),
        "category" => (2, 0),
        "类别" => (2, 1),
        "type" => (2, 2),
        "class" => (2, 3),
        "description" => (3, 0),
        "描述" => (3, 1),
        "desc" => (3, 2),
        "note" => (3, 3),
        _ => return None,
    })
}

/// Picks the editable attributes out of a file's properties: for each, the best-ranked name
/// present (a null value gives an empty attribute), cut to [`MAX_ATTRIBUTE_CHARS`]. One pass
/// over the properties, not a lookup per candidate name: this runs for every imported feature.
pub fn attributes_from(properties: &Map<String, Value>) -> FeatureAttributes {
    let mut chosen: [Option<(u8, &Value)>; 4] = [None; 4];
    for (key, value) in properties {
        if let Some((attribute, rank)) = attribute_of(key) {
            if chosen[attribute].is_none_or(|(best, _)| rank < best) {
                chosen[attribute] = Some((rank, value));
            }
        }
    }
    let [name_zh, name_en, category, description] = chosen.map(|c| c.map(|(_, v)| text(v)).unwrap_or_default());
    FeatureAttributes { name_zh, name_en, category, description }
}

fn text(value: &Value) -> String {
    let s = match value {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    };
    match s.char_indices().nth(MAX_ATTRIBUTE_CHARS) {
        Some((cut, _)) => s[..cut].to_owned(),
        None => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn attrs(v: Value) -> FeatureAttributes {
        attributes_from(v.as_object().expect("an object"))
    }

    #[test]
    fn the_best_ranked_name_wins_whatever_the_order() {
        let a =
            attrs(json!({"Name": "c", "name": "b", "名称": "a", "type": "t", "class": "k", "note": 5, "desc": null}));
        assert_eq!(a.name_zh, "a");
        assert_eq!(a.category, "t");
        assert_eq!(a.description, "", "desc (null) outranks note");
        assert_eq!(a.name_en, "");
    }

    #[test]
    fn values_that_are_not_text_are_written_out_and_long_ones_cut() {
        let long = "长".repeat(MAX_ATTRIBUTE_CHARS + 5);
        let a = attrs(json!({"name_en": 12.5, "description": long}));
        assert_eq!(a.name_en, "12.5");
        assert_eq!(a.description.chars().count(), MAX_ATTRIBUTE_CHARS);
    }
}
