//! Categories: the map's layers and how each is drawn (`data/plan/categories.toml`).

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct CategoryStyle {
    pub stroke: String,
    pub fill: String,
    pub fill_opacity: f64,
    pub weight: f64,
    /// Marker shape for point geometries: circle, square, diamond, triangle, star, hexagon.
    pub symbol: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Category {
    pub id: String,
    pub name_zh: String,
    pub name_en: String,
    pub description_zh: String,
    pub description_en: String,
    /// Drawing order, bottom to top.
    pub order: i64,
    pub style: CategoryStyle,
}

/// The marker shapes the UI and the map-sheet renderer know how to draw.
pub const KNOWN_SYMBOLS: [&str; 6] = ["circle", "square", "diamond", "triangle", "star", "hexagon"];

/// True for `#rrggbb`.
pub fn is_hex_colour(text: &str) -> bool {
    text.len() == 7 && text.starts_with('#') && text[1..].chars().all(|c| c.is_ascii_hexdigit())
}
