//! The default tours as authored in `data/plan/tours.toml`.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum NamedView {
    /// Tianjin's 16 districts.
    Tianjin,
    /// Beijing, Tianjin and the Hebei units around them.
    Region,
}

impl NamedView {
    /// [min_lon, min_lat, max_lon, max_lat]
    pub fn bbox(self) -> [f64; 4] {
        match self {
            NamedView::Tianjin => [116.70, 38.55, 118.06, 40.26],
            NamedView::Region => [115.40, 38.00, 119.30, 40.70],
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StopSpec {
    pub element: Option<String>,
    pub view: Option<NamedView>,
    pub caption_zh: Option<String>,
    pub caption_en: Option<String>,
    pub notes: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TourSpec {
    pub id: String,
    pub name_zh: String,
    pub name_en: String,
    #[serde(rename = "stop")]
    pub stops: Vec<StopSpec>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ToursFile {
    #[serde(rename = "tour", default)]
    pub tours: Vec<TourSpec>,
}
