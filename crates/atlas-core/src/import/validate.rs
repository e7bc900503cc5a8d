//! Checks every geometry that enters the atlas — imported or drawn — and repairs what can be
//! repaired without guessing, saying what it did.
//!
//! - coordinates must be finite WGS84 longitudes/latitudes;
//! - rings that are not closed are closed (by geo as the polygon is built; the GeoJSON reader
//!   reports it as the repair "closed ring");
//! - rings with fewer than 4 positions, lines with fewer than 2, are refused;
//! - self-intersecting polygons are repaired with geo's `MakeValid` (repair: "made valid").

use geo::{Coord, Geometry, LineString, MultiPolygon, Polygon, Validation};

/// What was done to a geometry to make it valid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Repair {
    ClosedRing,
    MadeValid,
}

impl Repair {
    pub fn describe(&self) -> &'static str {
        match self {
            Repair::ClosedRing => "an unclosed ring was closed",
            Repair::MadeValid => "a self-intersecting polygon was repaired",
        }
    }
}

/// Why a geometry was refused.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum GeometryProblem {
    #[error("coordinate {0} is not a number")]
    NotFinite(String),
    #[error("coordinate [{0}, {1}] is outside WGS84 (longitude −180…180, latitude −90…90); if it is projected, reproject it to EPSG:4326 first")]
    OutOfRange(f64, f64),
    #[error("a ring has {0} positions; a polygon ring needs at least 4")]
    ShortRing(usize),
    #[error("a line has {0} positions; it needs at least 2")]
    ShortLine(usize),
    #[error("empty geometry")]
    Empty,
    #[error("geometry collections are not supported; split them into separate features")]
    Collection,
    #[error("the polygon is invalid and could not be repaired: {0}")]
    Unrepairable(String),
}

fn check_coord(c: &Coord) -> Result<(), GeometryProblem> {
    if !c.x.is_finite() || !c.y.is_finite() {
        return Err(GeometryProblem::NotFinite(format!("[{}, {}]", c.x, c.y)));
    }
    if !(-180.0..=180.0).contains(&c.x) || !(-90.0..=90.0).contains(&c.y) {
        return Err(GeometryProblem::OutOfRange(c.x, c.y));
    }
    Ok(())
}

/// Checks a ring's coordinates and length. (geo closes rings when a polygon is built, so an
/// unclosed ring never reaches here; the GeoJSON reader notices and reports it beforehand.)
fn fix_ring(ring: &LineString) -> Result<LineString, GeometryProblem> {
    ring.0.iter().try_for_each(check_coord)?;
    if ring.0.len() < 4 {
        return Err(GeometryProblem::ShortRing(ring.0.len()));
    }
    Ok(ring.clone())
}

fn fix_polygon(p: &Polygon) -> Result<Polygon, GeometryProblem> {
    let exterior = fix_ring(p.exterior())?;
    let interiors = p.interiors().iter().map(fix_ring).collect::<Result<Vec<_>, _>>()?;
    Ok(Polygon::new(exterior, interiors))
}

fn make_valid(mp: MultiPolygon, repairs: &mut Vec<Repair>) -> Result<MultiPolygon, GeometryProblem> {
    if mp.is_valid() {
        return Ok(mp);
    }
    use geo::algorithm::repair_polygon::MakeValid;
    let fixed = mp.make_valid().map_err(|e| GeometryProblem::Unrepairable(format!("{e:?}")))?;
    if fixed.0.is_empty() {
        return Err(GeometryProblem::Unrepairable("nothing is left after repair".into()));
    }
    repairs.push(Repair::MadeValid);
    Ok(fixed)
}

/// Checks and repairs; returns the geometry to store and what was repaired.
pub fn check_geometry(g: &Geometry) -> Result<(Geometry, Vec<Repair>), GeometryProblem> {
    let mut repairs = Vec::new();
    let out = match g {
        Geometry::Point(p) => {
            check_coord(&p.0)?;
            Geometry::Point(*p)
        }
        Geometry::MultiPoint(mp) => {
            if mp.0.is_empty() {
                return Err(GeometryProblem::Empty);
            }
            mp.0.iter().try_for_each(|p| check_coord(&p.0))?;
            Geometry::MultiPoint(mp.clone())
        }
        Geometry::LineString(l) => {
            l.0.iter().try_for_each(check_coord)?;
            if l.0.len() < 2 {
                return Err(GeometryProblem::ShortLine(l.0.len()));
            }
            Geometry::LineString(l.clone())
        }
        Geometry::MultiLineString(ml) => {
            if ml.0.is_empty() {
                return Err(GeometryProblem::Empty);
            }
            for l in &ml.0 {
                l.0.iter().try_for_each(check_coord)?;
                if l.0.len() < 2 {
                    return Err(GeometryProblem::ShortLine(l.0.len()));
                }
            }
            Geometry::MultiLineString(ml.clone())
        }
        Geometry::Polygon(p) => {
            let p = fix_polygon(p)?;
            let mp = make_valid(MultiPolygon::new(vec![p]), &mut repairs)?;
            if mp.0.len() == 1 {
                Geometry::Polygon(mp.0.into_iter().next().expect("one"))
            } else {
                Geometry::MultiPolygon(mp)
            }
        }
        Geometry::MultiPolygon(mp) => {
            if mp.0.is_empty() {
                return Err(GeometryProblem::Empty);
            }
            let fixed = mp.0.iter().map(fix_polygon).collect::<Result<Vec<_>, _>>()?;
            Geometry::MultiPolygon(make_valid(MultiPolygon::new(fixed), &mut repairs)?)
        }
        Geometry::Rect(r) => Geometry::Polygon(r.to_polygon()),
        Geometry::Triangle(t) => Geometry::Polygon(t.to_polygon()),
        Geometry::Line(l) => Geometry::LineString(LineString(vec![l.start, l.end])),
        Geometry::GeometryCollection(_) => return Err(GeometryProblem::Collection),
    };
    Ok((out, repairs))
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::{line_string, point, polygon};

    #[test]
    fn bow_ties_are_made_valid() {
        let bow = polygon![(x: 117.0, y: 39.0), (x: 117.1, y: 39.1), (x: 117.1, y: 39.0), (x: 117.0, y: 39.1), (x: 117.0, y: 39.0)];
        let (g, repairs) = check_geometry(&Geometry::Polygon(bow)).unwrap();
        assert!(repairs.contains(&Repair::MadeValid));
        assert!(g.is_valid());
    }

    #[test]
    fn out_of_range_and_degenerate_geometry_is_refused() {
        assert!(matches!(
            check_geometry(&Geometry::Point(point!(x: 500000.0, y: 4300000.0))),
            Err(GeometryProblem::OutOfRange(..))
        ));
        assert!(matches!(
            check_geometry(&Geometry::Point(point!(x: f64::NAN, y: 1.0))),
            Err(GeometryProblem::NotFinite(_))
        ));
        assert!(matches!(
            check_geometry(&Geometry::LineString(line_string![(x: 1.0, y: 1.0)])),
            Err(GeometryProblem::ShortLine(1))
        ));
        let tiny = Polygon::new(line_string![(x: 1.0, y: 1.0), (x: 2.0, y: 2.0)], vec![]);
        assert!(matches!(check_geometry(&Geometry::Polygon(tiny)), Err(GeometryProblem::ShortRing(_))));
    }
}
