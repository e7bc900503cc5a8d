//! Shapes the atlas derives from district polygons rather than storing hand-drawn:
//! the twin cities (津城, 滨城) and the 中关村—滨海 corridor. Parameters live in
//! `data/plan/derivations.toml`.

pub mod corridor;
pub mod local_metric;
pub mod twin_cities;

use std::path::Path;

use serde::Deserialize;

use crate::error::{AtlasError, Result};

#[derive(Debug, Clone, Deserialize)]
pub struct JinchengSpec {
    pub core: Vec<String>,
    pub ring: Vec<String>,
    pub ring_buffer_km: f64,
}

#[derive(Debug, Clone, Deserialize)]
pub struct BinchengSpec {
    pub districts: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Waypoint {
    pub name_zh: String,
    pub name_en: String,
    pub point: [f64; 2],
}

#[derive(Debug, Clone, Deserialize)]
pub struct CorridorSpec {
    pub band_width_km: f64,
    #[serde(rename = "waypoint")]
    pub waypoints: Vec<Waypoint>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct DerivationSpecs {
    pub jincheng: JinchengSpec,
    pub bincheng: BinchengSpec,
    pub corridor: CorridorSpec,
}

impl DerivationSpecs {
    pub fn read(path: &Path) -> Result<DerivationSpecs> {
        let text = std::fs::read_to_string(path).map_err(|source| AtlasError::Read { path: path.into(), source })?;
        toml::from_str(&text).map_err(|e| AtlasError::data(path, e.to_string().replace('\n', " ")))
    }
}
