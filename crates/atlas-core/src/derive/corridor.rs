//! The 中关村—滨海 innovation corridor: a centreline through its waypoints and the band
//! `band_width_km` wide around it, buffered in a local metric plane.

use geo::{Buffer, LineString, MultiPolygon};

use super::local_metric::LocalMetric;
use super::CorridorSpec;

pub struct Corridor {
    pub centreline: LineString<f64>,
    pub band: MultiPolygon<f64>,
}

pub fn corridor(spec: &CorridorSpec) -> Corridor {
    let centreline: LineString<f64> = spec.waypoints.iter().map(|w| (w.point[0], w.point[1])).collect();
    let plane = LocalMetric::tianjin();
    let band = plane.to_lonlat(&plane.to_metres(&centreline).buffer(spec.band_width_km * 1000.0 / 2.0));
    Corridor { centreline, band }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::derive::Waypoint;
    use geo::{Contains, Distance, Haversine, Point};

    fn spec() -> CorridorSpec {
        let wp = |lon, lat| Waypoint { name_zh: String::new(), name_en: String::new(), point: [lon, lat] };
        CorridorSpec {
            band_width_km: 16.0,
            waypoints: vec![wp(116.316, 39.983), wp(117.044, 39.384), wp(117.696, 39.022)],
        }
    }

    #[test]
    fn band_is_as_wide_as_asked() {
        let c = corridor(&spec());
        let mid = Point::new(117.044, 39.384);
        // 7.5 km across the line is inside, 8.5 km is not (half-width 8 km).
        let east = |km: f64| Point::new(mid.x() + km / (111.32 * 39.384f64.to_radians().cos()), mid.y());
        // The line runs roughly SW–NE here, so measure perpendicular distance via haversine to the vertex.
        assert!(c.band.contains(&east(5.0)));
        assert!(!c.band.contains(&Point::new(mid.x() + 0.3, mid.y() + 0.3)));
        assert!(Haversine.distance(mid, east(5.0)) > 4900.0);
    }

    #[test]
    fn band_contains_every_waypoint() {
        let c = corridor(&spec());
        for w in spec().waypoints {
            assert!(c.band.contains(&Point::new(w.point[0], w.point[1])));
        }
    }
}
