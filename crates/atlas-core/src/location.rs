//! Turns an element's authored location into geometry: a point, an area (union of districts or
//! a derived shape), or the corridor's band with its centreline.

use geo::{LineString, MultiPolygon, Point};

use crate::boundaries::BoundarySet;
use crate::derive::{corridor, twin_cities, DerivationSpecs};
use crate::error::{AtlasError, Result};
use crate::plan::{Derivation, ElementSpec, LocationBasis};

#[derive(Debug, Clone)]
pub enum Shape {
    Point(Point<f64>),
    Area(MultiPolygon<f64>),
    Band { band: MultiPolygon<f64>, centreline: LineString<f64> },
}

impl Shape {
    /// The polygonal part, if any (an area, or a band).
    pub fn area(&self) -> Option<&MultiPolygon<f64>> {
        match self {
            Shape::Area(a) | Shape::Band { band: a, .. } => Some(a),
            Shape::Point(_) => None,
        }
    }

    pub fn geometry(&self) -> geo::Geometry<f64> {
        match self {
            Shape::Point(p) => geo::Geometry::Point(*p),
            Shape::Area(a) | Shape::Band { band: a, .. } => geo::Geometry::MultiPolygon(a.clone()),
        }
    }
}

#[derive(Debug, Clone)]
pub struct ResolvedLocation {
    pub basis: LocationBasis,
    pub shape: Shape,
}

/// Everything needed to resolve locations, computed once per build.
pub struct LocationContext<'a> {
    pub boundaries: &'a BoundarySet,
    pub derivations: &'a DerivationSpecs,
}

impl LocationContext<'_> {
    fn districts_union(&self, adcodes: &[String]) -> Result<MultiPolygon<f64>> {
        let mut parts = Vec::new();
        for code in adcodes {
            let b = self
                .boundaries
                .by_adcode(code)
                .ok_or_else(|| AtlasError::Invalid(format!("unknown district adcode {code}")))?;
            parts.push(&b.geometry);
        }
        Ok(geo::unary_union(parts))
    }

    /// Resolves one element's location. Errors say which field is wrong.
    pub fn resolve(&self, element: &ElementSpec) -> Result<ResolvedLocation> {
        let loc = &element.location;
        let given = [loc.point.is_some(), loc.districts.is_some(), loc.derive.is_some()].iter().filter(|x| **x).count();
        if given != 1 {
            return Err(AtlasError::Invalid(format!(
                "location: give exactly one of `point`, `districts`, `derive` (found {given})"
            )));
        }
        let shape = if let Some([lon, lat]) = loc.point {
            if !(lon.is_finite() && lat.is_finite() && (-180.0..=180.0).contains(&lon) && (-90.0..=90.0).contains(&lat))
            {
                return Err(AtlasError::Invalid(format!("location.point: [{lon}, {lat}] is not a WGS84 lon/lat")));
            }
            Shape::Point(Point::new(lon, lat))
        } else if let Some(districts) = &loc.districts {
            Shape::Area(self.districts_union(districts)?)
        } else {
            let d = self.derivations;
            let tianjin = &self.boundaries.tianjin_districts;
            match loc.derive.expect("checked above") {
                Derivation::Jincheng => Shape::Area(twin_cities::jincheng(tianjin, &d.jincheng)?),
                Derivation::Bincheng => Shape::Area(twin_cities::bincheng(tianjin, &d.bincheng)?),
                Derivation::Corridor => {
                    let c = corridor::corridor(&d.corridor);
                    Shape::Band { band: c.band, centreline: c.centreline }
                }
            }
        };
        Ok(ResolvedLocation { basis: loc.basis, shape })
    }
}
