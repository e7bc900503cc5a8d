//! Exports rendered from the vector data, not from screenshots: map sheets (SVG, PNG, PDF),
//! tour handouts and atlas books (multi-page PDF). Pages are SVG built here; PNG comes from
//! resvg, PDF from svg2pdf with the fonts' used glyphs embedded, so the PDF opens anywhere
//! and its Chinese text can be searched and copied.

#[cfg(feature = "render")]
pub mod brief;
pub mod documents;
pub mod grouping;
pub mod inset;
#[cfg(feature = "render")]
pub mod jobs;
pub mod mapframe;
#[cfg(feature = "render")]
pub mod output;
pub mod page;
pub mod placement;
pub mod svg;
pub mod symbols;

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::plan::Category;
use crate::query::display::{BasemapProps, PlanFeature};
use crate::store::atlas::ElementSummary;
use crate::store::Atlas;

/// CJK-capable fonts, in order of preference on Linux, Windows and macOS. usvg falls back
/// per glyph through the system's fonts when the first is missing.
pub const FONT_FAMILY: &str =
    "Noto Sans CJK SC, Source Han Sans SC, Microsoft YaHei, PingFang SC, WenQuanYi Micro Hei, sans-serif";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    pub fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }

    pub fn parse(text: &str) -> Option<Lang> {
        match text {
            "zh" | "cn" | "zh-CN" => Some(Lang::Zh),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
}

/// Paper and slide sizes, in PDF points (1/72 in).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum PageFormat {
    A4Portrait,
    A4Landscape,
    /// 16:9, 13.33 × 7.5 in, the size of a widescreen slide.
    Slide,
}

impl PageFormat {
    pub fn size(self) -> (f64, f64) {
        match self {
            PageFormat::A4Portrait => (595.28, 841.89),
            PageFormat::A4Landscape => (841.89, 595.28),
            PageFormat::Slide => (960.0, 540.0),
        }
    }

    pub fn parse(text: &str) -> Option<PageFormat> {
        match text {
            "a4" | "a4-portrait" => Some(PageFormat::A4Portrait),
            "a4-landscape" => Some(PageFormat::A4Landscape),
            "slide" | "16:9" | "16x9" => Some(PageFormat::Slide),
            _ => None,
        }
    }
}

pub struct DistrictLabel {
    pub adcode: String,
    pub name_zh: String,
    pub name_en: String,
    pub label: [f64; 2],
    pub bbox: [f64; 4],
}

/// Everything the renderer draws from, read once from the atlas per export.
pub struct RenderData {
    pub basemap: Vec<(BasemapProps, geo::Geometry<f64>)>,
    pub features: Vec<PlanFeature>,
    pub categories: Vec<Category>,
    pub elements: Vec<ElementSummary>,
    pub districts: Vec<DistrictLabel>,
    /// District names in both languages (labels of hosts that are whole districts are skipped).
    pub district_names: BTreeSet<String>,
}

impl RenderData {
    pub fn load(atlas: &Atlas) -> Result<RenderData> {
        let catalog = atlas.plan_catalog()?;
        let districts: Vec<DistrictLabel> = catalog
            .districts
            .iter()
            .map(|d| DistrictLabel {
                adcode: d.district.adcode.clone(),
                name_zh: d.district.name_zh.clone(),
                name_en: d.district.name_en.clone(),
                label: d.label,
                bbox: d.bbox,
            })
            .collect();
        let district_names = districts.iter().flat_map(|d| [d.name_zh.clone(), d.name_en.clone()]).collect();
        Ok(RenderData {
            basemap: atlas.basemap_features()?,
            features: atlas.plan_features()?,
            categories: catalog.categories,
            elements: catalog.elements,
            districts,
            district_names,
        })
    }

    pub fn element(&self, id: &str) -> Option<&ElementSummary> {
        self.elements.iter().find(|e| e.id == id)
    }

    pub fn category(&self, id: &str) -> Option<&Category> {
        self.categories.iter().find(|c| c.id == id)
    }
}

/// A bbox around an element wide enough to show its surroundings: at least `min_km` across.
pub fn view_around(bbox: [f64; 4], min_km: f64) -> [f64; 4] {
    let (cx, cy) = ((bbox[0] + bbox[2]) / 2.0, (bbox[1] + bbox[3]) / 2.0);
    let half_lat = (min_km / 2.0 / 111.32).max((bbox[3] - bbox[1]) / 2.0 * 1.15);
    let half_lon = (min_km / 2.0 / (111.32 * cy.to_radians().cos())).max((bbox[2] - bbox[0]) / 2.0 * 1.15);
    [cx - half_lon, cy - half_lat, cx + half_lon, cy + half_lat]
}
