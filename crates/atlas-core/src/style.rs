//! How each plan feature is drawn — on screen and on paper. This is the one place the atlas's
//! cartographic rules live: the UI receives a [`DrawStyle`] with every feature, and the
//! map-sheet renderer uses the same function.

use serde::Serialize;

use crate::plan::Category;

/// Categories whose legend is an area; the others are point symbols.
pub const AREA_CATEGORIES: [&str; 5] = ["twin_city", "corridor", "regional_cooperation", "micro_centre", "policy_zone"];

/// True for elements the plan assigns to the whole of Tianjin.
pub fn is_city_wide(districts: &[String]) -> bool {
    districts.iter().any(|d| d == "120000") || districts.iter().filter(|d| d.starts_with("1201")).count() >= 16
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FeatureKind {
    Area,
    Line,
    Point,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
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
pub fn draw_style(category: &Category, basis: &str, role: &str, districts: &[String], kind: FeatureKind) -> DrawStyle {
    let s = &category.style;
    let schematic = basis == "schematic";
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::CategoryStyle;

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
        let s = draw_style(&c, "schematic", "site", &["120116".into()], FeatureKind::Point);
        assert!(s.hollow && !s.dash.is_empty() && s.fill == "#ffffff");
        let s = draw_style(&c, "site", "site", &["120116".into()], FeatureKind::Point);
        assert!(!s.hollow && s.dash.is_empty() && s.fill == "#c00000");
    }

    #[test]
    fn district_areas_of_symbol_categories_are_tinted_and_carry_their_symbol() {
        let s = draw_style(&category("landmark_zone"), "boundary", "area", &["120118".into()], FeatureKind::Area);
        assert!(s.filled && s.fill_opacity <= 0.16 && s.symbol_at_label && s.dash.is_empty());
    }

    #[test]
    fn city_wide_areas_are_outlines_only() {
        let all: Vec<String> = (1..=16).map(|i| format!("1201{i:02}")).collect();
        let s = draw_style(&category("policy_zone"), "boundary", "area", &all, FeatureKind::Area);
        assert!(!s.filled && !s.symbol_at_label && !s.dash.is_empty());
        assert!(is_city_wide(&["120000".into()]));
        assert!(!is_city_wide(&["120116".into()]));
    }
}
