//! 津城 and 滨城, derived from district polygons with boolean operations.
//!
//! 津城 = the six central districts ∪ (the four ring districts ∩ the six buffered by
//! `ring_buffer_km`). 滨城 = 滨海新区. Both are unions, so shared district edges disappear and
//! what remains is the outline a planning map would draw.

use geo::{BooleanOps, Buffer, MultiPolygon};

use super::local_metric::LocalMetric;
use super::{BinchengSpec, JinchengSpec};
use crate::boundaries::Boundary;
use crate::error::{AtlasError, Result};

/// Union of the named districts' polygons.
pub fn union_of(districts: &[Boundary], adcodes: &[String]) -> Result<MultiPolygon<f64>> {
    let mut parts = Vec::new();
    for code in adcodes {
        let b = districts.iter().find(|b| &b.adcode == code).ok_or_else(|| {
            AtlasError::Invalid(format!("derivation names district {code}, which the boundaries do not have"))
        })?;
        parts.push(&b.geometry);
    }
    Ok(geo::unary_union(parts))
}

/// The central city: see the module doc.
pub fn jincheng(districts: &[Boundary], spec: &JinchengSpec) -> Result<MultiPolygon<f64>> {
    let core = union_of(districts, &spec.core)?;
    let ring = union_of(districts, &spec.ring)?;
    let plane = LocalMetric::tianjin();
    let reach = plane.to_lonlat(&plane.to_metres(&core).buffer(spec.ring_buffer_km * 1000.0));
    let urbanised_ring = ring.intersection(&reach);
    Ok(core.union(&urbanised_ring))
}

pub fn bincheng(districts: &[Boundary], spec: &BinchengSpec) -> Result<MultiPolygon<f64>> {
    union_of(districts, &spec.districts)
}
