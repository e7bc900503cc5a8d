//! Schema 8: the shared `user_features` table of schemas 4–7 split into one GeoPackage table
//! per own layer (`crate::user::layer_table`). Every feature keeps its row number (so its
//! new id is its layer's number and its old fid), its geometry, its editable attributes, its
//! stamps and every imported property, now a typed column; notes on features follow them to
//! their new ids. The build runs the same step on its empty tables, so a new atlas and a
//! migrated one have one shape.

use rusqlite::{params, Transaction};
use serde_json::{Map, Value};

use crate::error::Result;
use crate::import::fields::{FieldDef, FieldKind};
use crate::user::features::sql_value;
use crate::user::layer_table::{self as tables, column_name_for, feature_id, quoted};

/// The fields a layer's features carry in their JSON `properties`: (property name, field),
/// in first-seen order, each typed by all its values (widened where they disagree).
fn infer_fields(rows: &[Map<String, Value>]) -> Vec<(String, FieldDef)> {
    let mut fields: Vec<(String, FieldDef)> = Vec::new();
    for properties in rows {
        for (key, value) in properties {
            let kind = FieldKind::of_value(value);
            match fields.iter_mut().find(|(k, _)| k == key) {
                Some((_, f)) => {
                    if let Some(k) = kind {
                        f.kind = f.kind.widen(k);
                    }
                }
                None => {
                    let taken: Vec<String> = fields.iter().map(|(_, f)| f.name.clone()).collect();
                    let name = column_name_for(key, &taken);
                    fields.push((key.clone(), FieldDef { name, kind: kind.unwrap_or(FieldKind::Text) }));
                }
            }
        }
    }
    fields
}

struct OldFeature {
    fid: i64,
    geom: Option<Vec<u8>>,
    texts: [String; 6],
    properties: Map<String, Value>,
}

pub fn split_user_features(tx: &Transaction) -> Result<()> {
    let has_column = |table: &str, column: &str| -> rusqlite::Result<bool> {
        tx.query_row(&format!("SELECT count(*) FROM pragma_table_info('{table}') WHERE name = ?1"), [column], |r| {
            r.get::<_, i64>(0)
        })
        .map(|n| n > 0)
    };
    if !has_column("user_layers", "table_name")? {
        tx.execute_batch("ALTER TABLE user_layers ADD COLUMN table_name TEXT NOT NULL DEFAULT ''")?;
    }
    let shared = has_column("user_features", "layer_id")?;
    let layers: Vec<(i64, String, String)> = tx
        .prepare("SELECT fid, id, name FROM user_layers WHERE table_name = '' ORDER BY fid")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (number, layer_id, name) in layers {
        let features: Vec<OldFeature> = if shared {
            tx.prepare(
                "SELECT fid, geom, name_zh, name_en, category, description, created_at, updated_at, properties
                 FROM user_features WHERE layer_id = ?1 ORDER BY fid",
            )?
            .query_map([&layer_id], |r| {
                Ok(OldFeature {
                    fid: r.get(0)?,
                    geom: r.get(1)?,
                    texts: [r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?],
                    properties: serde_json::from_str(&r.get::<_, String>(8)?).unwrap_or_default(),
                })
            })?
            .collect::<rusqlite::Result<_>>()?
        } else {
            Vec::new()
        };
        let table = tables::table_name_for(tx, &name)?;
        tx.execute("UPDATE user_layers SET table_name = ?2 WHERE fid = ?1", params![number, table])?;
        let props: Vec<Map<String, Value>> = features.iter().map(|f| f.properties.clone()).collect();
        let fields = infer_fields(&props);
        let defs: Vec<FieldDef> = fields.iter().map(|(_, f)| f.clone()).collect();
        tables::create_layer_table(tx, &table, &name, &defs, false)?;
        let mut columns = "fid, geom, name_zh, name_en, category, description, created_at, updated_at".to_owned();
        for f in &defs {
            columns.push_str(", ");
            columns.push_str(&quoted(&f.name));
        }
        let marks = (1..=8 + defs.len()).map(|i| format!("?{i}")).collect::<Vec<_>>().join(", ");
        let mut insert = tx.prepare(&format!("INSERT INTO {} ({columns}) VALUES ({marks})", quoted(&table)))?;
        let mut geometry_type: Option<String> = None;
        for f in &features {
            let mut values: Vec<rusqlite::types::Value> = vec![f.fid.into(), f.geom.clone().into()];
            values.extend(f.texts.iter().map(|t| rusqlite::types::Value::Text(t.clone())));
            for (key, _) in &fields {
                values.push(f.properties.get(key).map(sql_value).unwrap_or(rusqlite::types::Value::Null));
            }
            insert.execute(rusqlite::params_from_iter(values))?;
            if let Some(g) = f.geom.as_deref().and_then(|b| crate::gpkg::blob::decode(b).ok()) {
                let kind = tables::geometry_type_name(&g);
                geometry_type = match geometry_type {
                    None => Some(kind.to_owned()),
                    Some(k) if k == kind => Some(k),
                    Some(_) => Some("GEOMETRY".to_owned()),
                };
            }
        }
        drop(insert);
        if let Some(kind) = geometry_type.filter(|k| k != "GEOMETRY") {
            tables::redeclare(tx, &table, &kind, &defs)?;
        }
        tables::index_layer(tx, &table, &layer_id)?;
        if shared {
            // Notes on features follow them: old fid → the layer's number and that fid.
            tx.execute(
                "UPDATE user_notes SET target_id = CAST(?1 + CAST(target_id AS INTEGER) AS TEXT)
                 WHERE target_kind = 'feature'
                   AND CAST(target_id AS INTEGER) IN (SELECT fid FROM user_features WHERE layer_id = ?2)",
                params![feature_id(number, 0), layer_id],
            )?;
        }
    }
    tx.execute_batch(
        "DROP TABLE IF EXISTS rtree_user_features_by_layer;
         DROP TABLE IF EXISTS rtree_user_features_geom;
         DROP TABLE IF EXISTS user_features;
         DELETE FROM gpkg_extensions WHERE table_name = 'user_features';
         DELETE FROM gpkg_geometry_columns WHERE table_name = 'user_features';
         DELETE FROM gpkg_contents WHERE table_name = 'user_features';
         CREATE UNIQUE INDEX IF NOT EXISTS user_layers_by_table ON user_layers(table_name);",
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn fields_are_typed_by_all_their_values() {
        let rows = vec![
            json!({"名称": "甲", "area": 3, "ok": true}).as_object().unwrap().clone(),
            json!({"area": 4.5, "Category": "x", "ok": null}).as_object().unwrap().clone(),
        ];
        let fields = infer_fields(&rows);
        let got: Vec<(&str, &str, FieldKind)> =
            fields.iter().map(|(k, f)| (k.as_str(), f.name.as_str(), f.kind)).collect();
        assert_eq!(
            got,
            // First seen first (a JSON object's keys in name order).
            vec![
                ("area", "area", FieldKind::Real),
                ("ok", "ok", FieldKind::Boolean),
                ("名称", "名称", FieldKind::Text),
                ("Category", "Category_2", FieldKind::Text)
            ]
        );
    }
}
