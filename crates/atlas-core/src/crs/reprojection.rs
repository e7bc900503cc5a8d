//! Moving coordinates between a supported CRS and the WGS84 longitude/latitude the atlas
//! stores, with `proj4rs` (Poder/Engsager Transverse Mercator, as PROJ's default).
//!
//! No datum shift is ever applied: every supported CRS is on WGS84, on CGCS2000 (taken as
//! WGS84, see [`super::CGCS2000_AS_WGS84`]) or on Web Mercator's sphere (whose longitude and
//! latitude are WGS84's by definition). So a projected CRS is inverted onto longitude/latitude
//! of its own ellipsoid and those numbers are used as WGS84.

use proj4rs::proj::Proj;

use super::{AxisGuess, AxisOrder, Crs};
use crate::import::detected::Detection;

/// A coordinate pair that is not valid in a CRS: outside its projection's domain, not a number,
/// or a result that is not on the Earth (usually the file is in another CRS).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct OutsideCrs {
    pub x: f64,
    pub y: f64,
    pub crs: Crs,
}

impl std::fmt::Display for OutsideCrs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "the coordinates ({}, {}) are not valid in {}; check the file's CRS (or name the right one)",
            self.x,
            self.y,
            self.crs.label()
        )
    }
}

impl std::error::Error for OutsideCrs {}

/// One direction of one CRS's conversion, built once per layer.
pub struct Reprojection {
    crs: Crs,
    /// None for geographic CRSs: degrees in, degrees out.
    projected: Option<(Proj, Proj)>,
    axis: AxisOrder,
    inverse: bool,
}

/// Longitude/latitude on the ellipsoid a PROJ definition names (its +ellps/+datum/+a/+b).
fn geographic_of(proj_string: &str) -> String {
    let ellipsoid: Vec<&str> = proj_string
        .split_whitespace()
        .filter(|t| ["+ellps=", "+datum=", "+a=", "+b="].iter().any(|p| t.starts_with(p)))
        .collect();
    format!("+proj=longlat {} +no_defs", ellipsoid.join(" "))
}

fn projs(crs: Crs) -> Option<(Proj, Proj)> {
    if crs.is_geographic() {
        return None;
    }
    // Web Mercator's +nadgrids=@null only says "no datum shift", which is what happens anyway.
    let definition = crs.proj_string().replace(" +nadgrids=@null", "").replace(" +wktext", "");
    let projected = Proj::from_proj_string(&definition).expect("the generated table holds valid PROJ strings");
    let geographic =
        Proj::from_proj_string(&geographic_of(&definition)).expect("the generated table holds valid ellipsoids");
    Some((projected, geographic))
}

impl Reprojection {
    /// From `crs` (pairs in the order `axis` says) to WGS84 longitude/latitude.
    pub fn to_wgs84(crs: Crs, axis: &AxisGuess) -> Reprojection {
        Reprojection { crs, projected: projs(crs), axis: axis.order, inverse: true }
    }

    /// From WGS84 longitude/latitude to `crs`, easting first (as GIS files store them).
    pub fn from_wgs84(crs: Crs) -> Reprojection {
        Reprojection { crs, projected: projs(crs), axis: AxisOrder::EastingFirst, inverse: false }
    }

    pub fn crs(&self) -> Crs {
        self.crs
    }

    /// Converts one pair, or says why it cannot be (outside the projection's domain, not a
    /// number, or a result that is not on the Earth: usually a wrong CRS).
    pub fn apply(&self, x: f64, y: f64) -> Result<(f64, f64), OutsideCrs> {
        let bad = || OutsideCrs { x, y, crs: self.crs };
        if !x.is_finite() || !y.is_finite() {
            return Err(bad());
        }
        if self.inverse {
            let (e, n) = match self.axis {
                AxisOrder::EastingFirst => (x, y),
                AxisOrder::NorthingFirst => (y, x),
            };
            let (lon, lat) = match &self.projected {
                None => (e, n),
                Some((projected, geographic)) => {
                    let mut p = (e, n, 0.0);
                    proj4rs::transform::transform(projected, geographic, &mut p).map_err(|_| bad())?;
                    (p.0.to_degrees(), p.1.to_degrees())
                }
            };
            if !(lon.is_finite() && lat.is_finite() && lon.abs() <= 180.0 && lat.abs() <= 90.0) {
                return Err(bad());
            }
            Ok((lon, lat))
        } else {
            if x.abs() > 180.0 || y.abs() > 90.0 {
                return Err(bad());
            }
            match &self.projected {
                None => Ok((x, y)),
                Some((projected, geographic)) => {
                    let mut p = (x.to_radians(), y.to_radians(), 0.0);
                    proj4rs::transform::transform(geographic, projected, &mut p).map_err(|_| bad())?;
                    if p.0.is_finite() && p.1.is_finite() {
                        Ok((p.0, p.1))
                    } else {
                        Err(bad())
                    }
                }
            }
        }
    }
}

/// A layer's source CRS, applied to every geometry on its way into the atlas. The axis order
/// is read off the layer's first coordinate (see [`AxisGuess`]) and then kept for the layer.
pub struct IncomingCrs {
    crs: Crs,
    active: Option<(AxisGuess, Reprojection)>,
}

impl IncomingCrs {
    pub fn new(crs: Crs) -> IncomingCrs {
        IncomingCrs { crs, active: None }
    }

    /// The geometry in WGS84 longitude/latitude; the first call also returns the axis
    /// assumption (and, for CGCS2000, the datum one) for the report.
    pub fn apply(&mut self, g: geo::Geometry) -> Result<(geo::Geometry, Vec<Detection>), OutsideCrs> {
        use geo::{CoordsIter, MapCoords};
        let mut notes = Vec::new();
        if self.active.is_none() {
            let Some(first) = g.coords_iter().next() else { return Ok((g, notes)) };
            let guess = AxisGuess::from_sample(self.crs, first.x, first.y);
            // Plain WGS84 in the usual order says nothing worth reporting.
            if !(self.crs == Crs::WGS84 && guess.order == AxisOrder::EastingFirst) {
                notes.push(Detection::AxisOrder {
                    crs: self.crs,
                    order: guess.order,
                    epsg_northing_first: self.crs.epsg_says_northing_first(),
                    evidence: guess.evidence,
                });
            }
            if self.crs.is_cgcs2000() {
                notes.push(Detection::Cgcs2000AsWgs84 { crs: self.crs });
            }
            let reprojection = Reprojection::to_wgs84(self.crs, &guess);
            self.active = Some((guess, reprojection));
        }
        let (guess, reprojection) = self.active.as_ref().expect("set above");
        if self.crs.is_geographic() && guess.order == AxisOrder::EastingFirst {
            return Ok((g, notes));
        }
        let g = g.try_map_coords(|c| reprojection.apply(c.x, c.y).map(|(x, y)| geo::coord! { x: x, y: y }))?;
        Ok((g, notes))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_in_tianjin() {
        for code in [4548, 4527, 4490, 3857, 32650, 4509, 4500] {
            let crs = Crs::from_epsg(code).unwrap();
            let there = Reprojection::from_wgs84(crs).apply(117.2, 39.13).unwrap();
            let guess = AxisGuess::from_sample(crs, there.0, there.1);
            let back = Reprojection::to_wgs84(crs, &guess).apply(there.0, there.1).unwrap();
            assert!((back.0 - 117.2).abs() < 1e-9 && (back.1 - 39.13).abs() < 1e-9, "{code}: {back:?}");
        }
    }
}
