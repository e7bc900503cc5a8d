//! How each plan feature is drawn — on screen and on paper. This is the one place the atlas's
//! cartographic rules live: the UI receives a [`DrawStyle`] with every feature, and the
//! map-sheet renderer uses the same function.

use std::collections::BTreeSet;

use serde::Serialize;

use crate::plan::{Category, LocationBasis};

/// Categories whose legend is an area; the others are point symbols.
pub const AREA_CATEGORIES: [&str; 5] = ["twin_city", "corridor", "regional_cooperation", "micro_centre", "policy_zone"];

/// True for elements the plan assigns to the whole of Tianjin.
pub fn is_city_wide(districts: &[String]) -> bool {
    districts.iter().any(|d| d == "120000") || districts.iter().filter(|d| d.starts_with("1201")).count() >= 16
}

/// Tianjin districts from which an element counts as city-level rather than a district's own:
/// 津城 and the corridor span ten, the city-wide pilot zones all sixteen; the largest
/// district-level element spans two (measured on the default data).
pub const CITY_LEVEL_MIN_DISTRICTS: usize = 5;

/// True for elements that apply to a district as part of the whole city or a large part of it
/// (the city-wide pilot zones, 津城, the corridor), not as something the plan puts in that
/// district: a district's brief lists them apart.
pub fn is_city_level(districts: &[String]) -> bool {
    is_city_wide(districts) || districts.iter().filter(|d| d.starts_with("1201")).count() >= CITY_LEVEL_MIN_DISTRICTS
}

// ---- labels -----------------------------------------------------------------------------

/// Who keeps their place when labels collide: higher first. Twin cities and the corridor are
/// what the plan is about; district names are how district staff find their way; element names
/// rank by their category's order; provinces and prefectures only give context.
pub const LABEL_PRIORITY_AREA: i64 = 300;
pub const LABEL_PRIORITY_DISTRICT: i64 = 200;
pub const LABEL_PRIORITY_ELEMENT: i64 = 100;
pub const LABEL_PRIORITY_CONTEXT: i64 = 10;

/// Categories whose areas carry their name centred on the area (the others are named beside
/// their symbol).
pub const CENTRED_LABEL_CATEGORIES: [&str; 2] = ["twin_city", "corridor"];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum LabelPlacement {
    /// Beside the feature's symbol, wherever there is room around it.
    Beside,
    /// Centred on the feature's label point, moved a little when crowded.
    Centred,
}

/// A label to draw, in both languages; `None` where that language draws none (a host named
/// like its district: the district's own label already names it).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct LabelStyle {
    pub text_zh: Option<String>,
    pub text_en: Option<String>,
    pub priority: i64,
    pub placement: LabelPlacement,
}

/// The text a map labels an element with: the Haihe Laboratories drop their shared prefix
/// (their symbol already says what they are).
pub fn label_text(name: &str) -> &str {
    name.trim_start_matches("海河实验室:").trim_start_matches("Haihe Laboratory: ")
}

/// The label of a plan feature drawn with `style`, or `None` when it carries none (a corridor's
/// centreline, an area whose element is labelled at its symbol or its centre elsewhere).
pub fn feature_label(
    category: &Category,
    role: &str,
    kind: FeatureKind,
    style: &DrawStyle,
    names: [&str; 2],
    district_names: &BTreeSet<String>,
) -> Option<LabelStyle> {
    let drawn_as_symbol = kind == FeatureKind::Point || style.symbol_at_label;
    if drawn_as_symbol {
        let text = |name: &str| {
            let t = label_text(name);
            (!district_names.contains(t)).then(|| t.to_owned())
        };
        return Some(LabelStyle {
            text_zh: text(names[0]),
            text_en: text(names[1]),
            priority: LABEL_PRIORITY_ELEMENT + category.order,
            placement: LabelPlacement::Beside,
        });
    }
    (CENTRED_LABEL_CATEGORIES.contains(&category.id.as_str()) && role != "centreline").then(|| LabelStyle {
        text_zh: Some(names[0].to_owned()),
        text_en: Some(names[1].to_owned()),
        priority: LABEL_PRIORITY_AREA,
        placement: LabelPlacement::Centred,
    })
}

// ---- the basemap and the legend --------------------------------------------------------------

/// The sea: the map's background.
pub const SEA: &str = "#cfe0ea";

/// How a basemap feature is drawn; weights in screen pixels (paper scales them like the plan's).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct BasemapStyle {
    /// `None`: outline only.
    pub fill: Option<String>,
    pub fill_opacity: f64,
    pub stroke: String,
    pub weight: f64,
}

impl BasemapStyle {
    /// The same look as a plan area's style (QGIS styles draw both with one symbol builder).
    pub fn as_draw_style(&self) -> DrawStyle {
        DrawStyle {
            stroke: self.stroke.clone(),
            weight: self.weight,
            dash: Vec::new(),
            filled: self.fill.is_some(),
            fill: self.fill.clone().unwrap_or_else(|| "#ffffff".into()),
            fill_opacity: self.fill_opacity,
            symbol: String::new(),
            hollow: false,
            symbol_at_label: false,
        }
    }
}

/// The basemap's palette: land (provinces and prefectures) in warm grey, context units as faint
/// lines, Tianjin's districts near-white so the plan reads on them, Tianjin's outline dark.
pub fn basemap_style(layer: &str, adcode: &str) -> BasemapStyle {
    let (fill, fill_opacity, stroke, weight) = match (layer, adcode) {
        ("outline", "120000") => (None, 0.0, "#4d4a45", 2.0),
        ("outline", _) => (Some("#f3f0e8"), 1.0, "#b9b1a0", 1.0),
        ("context", _) => (None, 0.0, "#d6cfbf", 0.7),
        _ => (Some("#ffffff"), 0.92, "#8f8a80", 1.1),
    };
    BasemapStyle { fill: fill.map(str::to_owned), fill_opacity, stroke: stroke.to_owned(), weight }
}

/// The label a basemap feature carries: districts (centred, above element names), provinces and
/// prefectures (context); none for the context units and Tianjin's outline.
pub fn basemap_label(layer: &str, adcode: &str, level: &str, names: [&str; 2]) -> Option<LabelStyle> {
    let priority = match (layer, level) {
        ("tianjin", _) => LABEL_PRIORITY_DISTRICT,
        ("outline", "province") if adcode != "120000" => LABEL_PRIORITY_CONTEXT,
        ("outline", "city") => LABEL_PRIORITY_CONTEXT,
        _ => return None,
    };
    Some(LabelStyle {
        text_zh: Some(names[0].to_owned()),
        text_en: Some(names[1].to_owned()),
        priority,
        placement: LabelPlacement::Centred,
    })
}

/// A category's legend swatch: an area (with the dash its areas are drawn with) or its symbol.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct LegendSwatch {
    pub category: String,
    pub area: bool,
    /// Dash of the swatch's outline in pixels; empty for solid. The corridor is a band along a
    /// route, dashed to say its edge is not a boundary.
    pub dash: Vec<f64>,
}

pub fn legend_swatch(category: &Category) -> LegendSwatch {
    let area = AREA_CATEGORIES.contains(&category.id.as_str());
    LegendSwatch {
        category: category.id.clone(),
        area,
        dash: if category.id == "corridor" { vec![3.0, 2.0] } else { Vec::new() },
    }
}

/// What the map needs besides its features: the sea, and the legend.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct MapStyle {
    pub sea: String,
    pub legend: Vec<LegendSwatch>,
}

pub fn map_style(categories: &[Category]) -> MapStyle {
    MapStyle { sea: SEA.to_owned(), legend: categories.iter().map(legend_swatch).collect() }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FeatureKind {
    Area,
    Line,
    Point,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct DrawStyle {
    pub stroke: String,
    pub weight: f64,
    /// Dash pattern in pixels (points on paper); empty for solid.
    pub dash: Vec<f64>,
    pub filled: bool,
    pub fill: String,
    pub fill_opacity: f64,
    /// Marker shape, for points and for `symbol_at_label`.
    pub symbol: String,
    /// Points: drawn hollow (schematic locations).
    pub hollow: bool,
    /// Areas in symbol categories also get their symbol at the label point, so the legend's
    /// symbol stays true (a landmark zone that is a whole district is still a diamond).
    pub symbol_at_label: bool,
}

/// The style of one feature of `category` with this location basis, role and districts.
pub fn draw_style(
    category: &Category,
    basis: LocationBasis,
    role: &str,
    districts: &[String],
    kind: FeatureKind,
) -> DrawStyle {
    let s = &category.style;
    // An unlocated element's symbol (in the sea margin) is as hollow as a schematic one: neither is a site.
    let schematic = matches!(basis, LocationBasis::Schematic | LocationBasis::Unlocated);
    let base = DrawStyle {
        stroke: s.stroke.clone(),
        weight: s.weight,
        dash: Vec::new(),
        filled: true,
        fill: s.fill.clone(),
        fill_opacity: s.fill_opacity,
        symbol: s.symbol.clone(),
        hollow: false,
        symbol_at_label: false,
    };
    match kind {
        FeatureKind::Area => {
            let area_category = AREA_CATEGORIES.contains(&category.id.as_str());
            let city_wide = is_city_wide(districts);
            DrawStyle {
                // A whole-city fill would tint all of Tianjin: outline only.
                filled: !city_wide,
                weight: if city_wide { 2.5 } else { s.weight },
                // Symbol categories' areas are tinted lightly: the symbol carries the colour.
                fill_opacity: if area_category { s.fill_opacity } else { s.fill_opacity.min(0.16) },
                dash: if city_wide {
                    vec![10.0, 5.0, 2.0, 5.0]
                } else if schematic && role == "band" {
                    vec![2.0, 6.0]
                } else if schematic {
                    vec![7.0, 5.0]
                } else {
                    Vec::new()
                },
                symbol_at_label: !area_category && !city_wide,
                ..base
            }
        }
        FeatureKind::Line => DrawStyle { weight: 3.5, dash: vec![12.0, 7.0], filled: false, ..base },
        FeatureKind::Point => DrawStyle {
            hollow: schematic,
            weight: if schematic { 2.0 } else { 1.5 },
            dash: if schematic { vec![3.0, 2.5] } else { Vec::new() },
            fill: if schematic { "#ffffff".into() } else { s.fill.clone() },
            fill_opacity: if schematic { 0.95 } else { s.fill_opacity },
            ..base
        },
    }
}

// ---- own layers ------------------------------------------------------------------------------

/// Own layers' colours, given in turn as layers are made (by layer number), so two imports side
/// by side differ at a glance: eight colours apart from the plan's categories and from each
/// other, dark enough for lines. The user may choose another (kept in `user_layers.colour`).
pub const OWN_LAYER_PALETTE: [&str; 8] =
    ["#6d28d9", "#0f766e", "#b45309", "#be185d", "#1d4ed8", "#4d7c0f", "#9f1239", "#0e7490"];

/// The palette colour of the layer numbered `number` (1, 2, …).
pub fn own_layer_colour(number: i64) -> &'static str {
    OWN_LAYER_PALETTE[(number - 1).rem_euclid(OWN_LAYER_PALETTE.len() as i64) as usize]
}

/// True for a colour the atlas keeps: `#rrggbb`.
pub fn is_colour(text: &str) -> bool {
    text.len() == 7 && text.starts_with('#') && text[1..].chars().all(|c| c.is_ascii_hexdigit())
}

/// How an own layer's features are drawn in its colour: outlines 2 px with a light tint of the
/// colour, lines 2 px, points as white dots ringed in the colour (as the app's map draws them).
pub fn own_layer_style(colour: &str, kind: FeatureKind) -> DrawStyle {
    let point = kind == FeatureKind::Point;
    DrawStyle {
        stroke: colour.to_owned(),
        weight: 2.0,
        dash: Vec::new(),
        filled: kind != FeatureKind::Line,
        fill: if point { "#ffffff".to_owned() } else { colour.to_owned() },
        fill_opacity: if point { 0.9 } else { 0.15 },
        symbol: "circle".to_owned(),
        hollow: false,
        symbol_at_label: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::CategoryStyle;
    use std::collections::BTreeSet;

    fn category(id: &str) -> Category {
        Category {
            id: id.into(),
            name_zh: String::new(),
            name_en: String::new(),
            description_zh: String::new(),
            description_en: String::new(),
            order: 0,
            style: CategoryStyle {
                stroke: "#8b0000".into(),
                fill: "#c00000".into(),
                fill_opacity: 0.9,
                weight: 2.0,
                symbol: "diamond".into(),
            },
        }
    }

    #[test]
    fn schematic_points_are_hollow_and_dashed_sites_solid() {
        let c = category("landmark_zone");
        let s = draw_style(&c, LocationBasis::Schematic, "site", &["120116".into()], FeatureKind::Point);
        assert!(s.hollow && !s.dash.is_empty() && s.fill == "#ffffff");
        let s = draw_style(&c, LocationBasis::Site, "site", &["120116".into()], FeatureKind::Point);
        assert!(!s.hollow && s.dash.is_empty() && s.fill == "#c00000");
    }

    /// A landmark zone drawn as the area of the district it lies in (静海区, 120118).
    fn landmark_zone_as_district() -> DrawStyle {
        draw_style(&category("landmark_zone"), LocationBasis::Boundary, "area", &["120118".into()], FeatureKind::Area)
    }

    #[test]
    fn district_areas_of_symbol_categories_are_tinted_and_carry_their_symbol() {
        let s = landmark_zone_as_district();
        assert!(s.filled && s.fill_opacity <= 0.16 && s.symbol_at_label && s.dash.is_empty());
    }

    #[test]
    fn symbols_are_labelled_beside_without_the_haihe_prefix_and_hosts_named_like_districts_are_not() {
        let c = category("haihe_lab");
        let point = draw_style(&c, LocationBasis::Site, "site", &["120116".into()], FeatureKind::Point);
        let districts: BTreeSet<String> = ["滨海新区".to_string(), "Binhai New Area".to_string()].into();
        let l = feature_label(
            &c,
            "site",
            FeatureKind::Point,
            &point,
            ["海河实验室:先进计算与关键软件(信创)", "Haihe Laboratory: Advanced Computing"],
            &districts,
        )
        .unwrap();
        assert_eq!(l.text_zh.as_deref(), Some("先进计算与关键软件(信创)"));
        assert_eq!(l.text_en.as_deref(), Some("Advanced Computing"));
        assert_eq!((l.priority, l.placement), (LABEL_PRIORITY_ELEMENT, LabelPlacement::Beside));
        let host =
            feature_label(&c, "site", FeatureKind::Point, &point, ["滨海新区", "Binhai New Area"], &districts).unwrap();
        assert_eq!((host.text_zh, host.text_en), (None, None));
    }

    #[test]
    fn twin_cities_are_labelled_centred_and_centrelines_not_at_all() {
        let c = category("corridor");
        let area = draw_style(&c, LocationBasis::Schematic, "band", &["120116".into()], FeatureKind::Area);
        let none = BTreeSet::new();
        let l = feature_label(&c, "band", FeatureKind::Area, &area, ["京津走廊", "Corridor"], &none).unwrap();
        assert_eq!((l.priority, l.placement), (LABEL_PRIORITY_AREA, LabelPlacement::Centred));
        let line = draw_style(&c, LocationBasis::Schematic, "centreline", &[], FeatureKind::Line);
        assert!(feature_label(&c, "centreline", FeatureKind::Line, &line, ["京津走廊", "Corridor"], &none).is_none());
        // An area of a symbol category is named at its symbol, not centred.
        let zone = landmark_zone_as_district();
        assert_eq!(
            feature_label(&category("landmark_zone"), "area", FeatureKind::Area, &zone, ["a", "b"], &none)
                .unwrap()
                .placement,
            LabelPlacement::Beside
        );
    }

    #[test]
    fn basemap_draws_tianjin_outline_dark_and_labels_districts_above_context() {
        assert_eq!(basemap_style("outline", "120000").fill, None);
        assert_eq!(basemap_style("tianjin", "120101").fill.as_deref(), Some("#ffffff"));
        let district = basemap_label("tianjin", "120101", "district", ["和平区", "Heping"]).unwrap();
        let province = basemap_label("outline", "130000", "province", ["河北省", "Hebei"]).unwrap();
        assert!(district.priority > province.priority);
        assert!(basemap_label("outline", "120000", "province", ["天津市", "Tianjin"]).is_none());
        assert!(basemap_label("context", "130100", "district", ["x", "y"]).is_none());
        assert_eq!(legend_swatch(&category("corridor")).dash, vec![3.0, 2.0]);
        assert!(!legend_swatch(&category("landmark_zone")).area);
    }

    #[test]
    fn own_layers_take_the_palette_in_turn_and_only_rrggbb_colours() {
        assert_eq!(own_layer_colour(1), OWN_LAYER_PALETTE[0]);
        assert_eq!(own_layer_colour(9), OWN_LAYER_PALETTE[0]);
        assert_ne!(own_layer_colour(2), own_layer_colour(3));
        assert!(is_colour("#0f766e") && !is_colour("red") && !is_colour("#12345g") && !is_colour("#1234567"));
        assert_eq!(own_layer_style("#0f766e", FeatureKind::Area).fill, "#0f766e");
        assert_eq!(own_layer_style("#0f766e", FeatureKind::Point).stroke, "#0f766e");
    }

    #[test]
    fn city_wide_areas_are_outlines_only() {
        let all: Vec<String> = (1..=16).map(|i| format!("1201{i:02}")).collect();
        let s = draw_style(&category("policy_zone"), LocationBasis::Boundary, "area", &all, FeatureKind::Area);
        assert!(!s.filled && !s.symbol_at_label && !s.dash.is_empty());
        assert!(is_city_wide(&["120000".into()]));
        assert!(!is_city_wide(&["120116".into()]));
        let ten: Vec<String> = (1..=10).map(|i| format!("1201{i:02}")).collect();
        assert!(is_city_level(&ten) && !is_city_wide(&ten));
        assert!(!is_city_level(&["120112".into(), "120113".into()]));
    }
}
