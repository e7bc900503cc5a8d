//! QGIS's `layer_styles` table (the one QGIS and GDAL create when a style is saved into a
//! GeoPackage): one default style per layer, so the atlas opens in QGIS looking like the app.
//! The plan layers' styles come from the drawing rules in `crate::style` (the same calls the
//! map and the exports make), each own layer's from its colour. Every style is written inside
//! the caller's transaction, with the change that calls for it.

use rusqlite::{params, Connection, OptionalExtension, Transaction};

use crate::error::{AtlasError, Result};
use crate::gpkg::qml::{self, Keyed, Symbol};
use crate::plan::{Category, LocationBasis};
use crate::style::{self, FeatureKind};
use crate::user::layer_table::quoted;

pub const TABLE: &str = "layer_styles";

/// Creates the table (as QGIS does, with declared types GDAL reads without warnings) and
/// registers it as an attributes table. Idempotent: a file QGIS already wrote styles into
/// keeps them.
pub fn create_table(tx: &Transaction, last_change: Option<&str>) -> rusqlite::Result<()> {
    tx.execute_batch(
        "CREATE TABLE IF NOT EXISTS layer_styles (
           id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
           f_table_catalog TEXT(256),
           f_table_schema TEXT(256),
           f_table_name TEXT(256),
           f_geometry_column TEXT(256),
           styleName TEXT(30),
           styleQML TEXT,
           styleSLD TEXT,
           useAsDefault BOOLEAN,
           description TEXT,
           owner TEXT(30),
           ui TEXT(30),
           update_time DATETIME DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')))",
    )?;
    tx.execute(
        "INSERT OR IGNORE INTO gpkg_contents (table_name, data_type, identifier, description, last_change)
         VALUES ('layer_styles', 'attributes', 'layer_styles', 'QGIS layer styles: the default look of each layer',
                 coalesce(?1, strftime('%Y-%m-%dT%H:%M:%fZ','now')))",
        [last_change],
    )?;
    Ok(())
}

fn has_table(conn: &Connection) -> rusqlite::Result<bool> {
    conn.query_row("SELECT count(*) > 0 FROM sqlite_schema WHERE type = 'table' AND name = 'layer_styles'", [], |r| {
        r.get(0)
    })
}

/// Makes `qml` the default style of `table` (replacing the atlas's earlier default; styles a
/// user saved under other names stay). `update_time` is `stamp` (the plan's date for plan
/// layers, so builds stay reproducible) or now.
pub fn put_default(tx: &Transaction, table: &str, qml: &str, description: &str, stamp: Option<&str>) -> Result<()> {
    let name = format!("{table} (atlas)");
    tx.execute(
        "DELETE FROM layer_styles WHERE f_table_name = ?1 AND (styleName = ?2 OR owner = 'atlas')",
        params![table, name],
    )?;
    tx.execute("UPDATE layer_styles SET useAsDefault = 0 WHERE f_table_name = ?1", [table])?;
    tx.execute(
        "INSERT INTO layer_styles (f_table_catalog, f_table_schema, f_table_name, f_geometry_column, styleName,
                                   styleQML, styleSLD, useAsDefault, description, owner, ui, update_time)
         VALUES ('', '', ?1, 'geom', ?2, ?3, '', 1, ?4, 'atlas', '', coalesce(?5, strftime('%Y-%m-%dT%H:%M:%fZ','now')))",
        params![table, name, qml, description, stamp],
    )?;
    Ok(())
}

/// The kind of feature a GeoPackage geometry type holds; None for GEOMETRY (mixed).
pub fn kind_of_geometry_type(geometry_type: &str) -> Option<FeatureKind> {
    match geometry_type.to_ascii_uppercase().as_str() {
        "POINT" | "MULTIPOINT" => Some(FeatureKind::Point),
        "LINESTRING" | "MULTILINESTRING" => Some(FeatureKind::Line),
        "POLYGON" | "MULTIPOLYGON" => Some(FeatureKind::Area),
        _ => None,
    }
}

/// An own layer's style document: its colour, for its geometry type (a rule per kind of
/// geometry when mixed).
pub fn own_layer_qml(colour: &str, geometry_type: &str) -> String {
    let renderer = match kind_of_geometry_type(geometry_type) {
        Some(kind) => qml::renderer(
            &["fid"],
            &[],
            &[Keyed {
                values: vec![String::new()],
                symbol: Symbol { kind, style: style::own_layer_style(colour, kind), label_symbol: None },
                label: String::new(),
            }],
        ),
        None => qml::mixed_renderer("", |kind| style::own_layer_style(colour, kind)),
    };
    let labels = qml::labeling(
        "CASE WHEN \"name_zh\" != '' THEN \"name_zh\" ELSE nullif(\"name_en\", '') END",
        kind_of_geometry_type(geometry_type).unwrap_or(FeatureKind::Point),
    );
    qml::document(&renderer, Some(&labels))
}

/// (Re)writes the default style of the own layer held in `table` from its colour and its
/// current geometry type. Does nothing in a file from before styles (a migration step that
/// runs before the one that adds them).
pub fn restyle_own_table(tx: &Transaction, table: &str) -> Result<()> {
    let colour_kept: bool =
        tx.query_row("SELECT count(*) > 0 FROM pragma_table_info('user_layers') WHERE name = 'colour'", [], |r| {
            r.get(0)
        })?;
    if !has_table(tx)? || !colour_kept {
        return Ok(());
    }
    let Some((name, colour)) = tx
        .query_row("SELECT name, colour FROM user_layers WHERE table_name = ?1", [table], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })
        .optional()?
    else {
        return Ok(());
    };
    let geometry_type = crate::user::layer_table::layer_geometry_type(tx, table)?;
    put_default(tx, table, &own_layer_qml(&colour, &geometry_type), &format!("{name}: own layer"), None)
}

/// Writes every own layer's style (the migration that adds styles).
pub fn restyle_own_layers(tx: &Transaction) -> Result<()> {
    let tables: Vec<String> = tx
        .prepare("SELECT table_name FROM user_layers ORDER BY fid")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for t in tables {
        restyle_own_table(tx, &t)?;
    }
    Ok(())
}

fn categories(conn: &Connection) -> Result<Vec<Category>> {
    let mut stmt = conn.prepare(
        "SELECT json_object('id', id, 'name_zh', name_zh, 'name_en', name_en, 'description_zh', description_zh,
                'description_en', description_en, 'order', draw_order,
                'style', json_object('stroke', stroke, 'fill', fill, 'fill_opacity', fill_opacity, 'weight', weight, 'symbol', symbol))
         FROM plan_categories ORDER BY draw_order",
    )?;
    let rows: Vec<crate::sql_rows::Json<Category>> = crate::sql_rows::all(&mut stmt, [])?;
    Ok(rows.into_iter().map(|c| c.0).collect())
}

/// The key fields of the plan's feature tables, and the sets of them a rule's filter may use,
/// most readable first.
const PLAN_FIELDS: [&str; 5] = ["category", "location_basis", "role", "element_id", "fid"];
const PLAN_FILTERS: [&[usize]; 5] = [&[0], &[0, 1], &[0, 2], &[0, 1, 2], &[3]];

/// The style of one plan feature table, from `crate::style`'s rules applied to every feature.
fn plan_table_qml(conn: &Connection, table: &str, kind: FeatureKind, categories: &[Category]) -> Result<String> {
    let district_names: std::collections::BTreeSet<String> = conn
        .prepare("SELECT name_zh, name_en FROM districts")?
        .query_map([], |r| Ok([r.get::<_, String>(0)?, r.get::<_, String>(1)?]))?
        .collect::<rusqlite::Result<Vec<_>>>()?
        .into_iter()
        .flatten()
        .collect();
    let mut stmt = conn.prepare(&format!(
        "SELECT f.fid, f.category, f.location_basis, f.role, f.element_id, e.districts, e.name_zh, e.name_en
         FROM {} f JOIN plan_elements e ON e.id = f.element_id ORDER BY f.fid",
        quoted(table)
    ))?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            [r.get::<_, String>(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?],
        ))
    })?;
    let mut features = Vec::new();
    // Label text by feature where it is not the name as stored (None: no label).
    let mut labels: Vec<(String, Option<String>, String)> = Vec::new();
    for row in rows {
        let (fid, [category, basis, role, element_id, districts, name_zh, name_en]) = row?;
        let c = categories
            .iter()
            .find(|c| c.id == category)
            .ok_or_else(|| AtlasError::Invalid(format!("{table} {fid}: unknown category {category}")))?;
        let location_basis = LocationBasis::parse(&basis)
            .ok_or_else(|| AtlasError::Invalid(format!("{table} {fid}: unknown location basis {basis}")))?;
        let districts: Vec<String> = serde_json::from_str(&districts).unwrap_or_default();
        let draw = style::draw_style(c, location_basis, &role, &districts, kind);
        let label_symbol =
            draw.symbol_at_label.then(|| style::draw_style(c, location_basis, "label", &districts, FeatureKind::Point));
        let label = style::feature_label(c, &role, kind, &draw, [&name_zh, &name_en], &district_names);
        labels.push((element_id.clone(), label.and_then(|l| l.text_zh), name_zh));
        features.push(Keyed {
            values: vec![category, basis, role, element_id, fid.to_string()],
            symbol: Symbol { kind, style: draw, label_symbol },
            label: format!("{} · {}", c.name_zh, location_basis.label_zh()),
        });
    }
    let renderer = qml::renderer(&PLAN_FIELDS, &PLAN_FILTERS, &features);
    Ok(qml::document(&renderer, Some(&qml::labeling(&label_expression(&labels), kind))))
}

/// The labels of a table as one expression: the most common case (the stored name, or none)
/// as the default, every other feature by its element id.
fn label_expression(labels: &[(String, Option<String>, String)]) -> String {
    let as_name = labels.iter().filter(|(_, label, name)| label.as_deref() == Some(name.as_str())).count();
    let default_is_name = as_name * 2 >= labels.len();
    let mut cases = String::new();
    for (id, label, name) in labels {
        let fits_default = if default_is_name { label.as_deref() == Some(name.as_str()) } else { label.is_none() };
        if !fits_default {
            let value = label.as_deref().map(qml::literal).unwrap_or_else(|| "NULL".into());
            cases.push_str(&format!(" WHEN \"element_id\" = {} THEN {value}", qml::literal(id)));
        }
    }
    let default = if default_is_name { "\"name_zh\"" } else { "NULL" };
    if cases.is_empty() {
        default.to_owned()
    } else {
        format!("CASE{cases} ELSE {default} END")
    }
}

const BASEMAP_FIELDS: [&str; 3] = ["layer", "adcode", "fid"];
const BASEMAP_FILTERS: [&[usize]; 2] = [&[0], &[0, 1]];

/// The basemap's style: `crate::style::basemap_style` for every feature, labels where
/// `basemap_label` gives one.
fn basemap_qml(conn: &Connection) -> Result<String> {
    let mut stmt = conn.prepare("SELECT fid, layer, adcode, level, name_zh, name_en FROM basemap ORDER BY fid")?;
    let rows = stmt.query_map([], |r| {
        Ok((r.get::<_, i64>(0)?, [r.get::<_, String>(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?]))
    })?;
    let mut features = Vec::new();
    let mut labelled: Vec<String> = Vec::new();
    for row in rows {
        let (fid, [layer, adcode, level, name_zh, name_en]) = row?;
        let draw = style::basemap_style(&layer, &adcode).as_draw_style();
        if style::basemap_label(&layer, &adcode, &level, [&name_zh, &name_en]).is_some() {
            labelled.push(fid.to_string());
        }
        features.push(Keyed {
            values: vec![layer.clone(), adcode, fid.to_string()],
            symbol: Symbol { kind: FeatureKind::Area, style: draw, label_symbol: None },
            label: layer,
        });
    }
    let renderer = qml::renderer(&BASEMAP_FIELDS, &BASEMAP_FILTERS, &features);
    let labels = format!("CASE WHEN \"fid\" IN ({}) THEN \"name_zh\" END", labelled.join(", "));
    Ok(qml::document(&renderer, Some(&qml::labeling(&labels, FeatureKind::Area))))
}

/// The plan's feature tables and the kind of feature each holds.
const PLAN_TABLES: [(&str, FeatureKind); 3] =
    [("plan_areas", FeatureKind::Area), ("plan_lines", FeatureKind::Line), ("plan_points", FeatureKind::Point)];

/// Writes the default styles of the plan's layers and the basemap from the plan rows in the
/// file (the build, a new plan edition, the migration that adds styles).
pub fn write_plan_styles(tx: &Transaction, stamp: Option<&str>) -> Result<()> {
    let categories = categories(tx)?;
    for (table, kind) in &PLAN_TABLES {
        let qml = plan_table_qml(tx, table, *kind, &categories)?;
        put_default(tx, table, &qml, "The plan's layer as the atlas draws it (crate::style)", stamp)?;
    }
    // Districts at full resolution: drawn as the basemap draws Tianjin's districts.
    let district_style = style::basemap_style("tianjin", "").as_draw_style();
    let renderer = qml::renderer(
        &["fid"],
        &[],
        &[Keyed {
            values: vec![String::new()],
            symbol: Symbol { kind: FeatureKind::Area, style: district_style, label_symbol: None },
            label: String::new(),
        }],
    );
    let labels = qml::labeling("\"name_zh\"", FeatureKind::Area);
    put_default(tx, "districts", &qml::document(&renderer, Some(&labels)), "Tianjin's districts", stamp)?;
    put_default(tx, "basemap", &basemap_qml(tx)?, "The basemap as the atlas draws it (crate::style)", stamp)?;
    Ok(())
}
