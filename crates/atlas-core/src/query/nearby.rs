//! Elements near a point or near another element, by great-circle distance to their shapes.

use geo::{Closest, Contains, Distance, Haversine, HaversineClosestPoint, Point};
use rstar::{PointDistance, AABB};

use crate::derive::local_metric::LocalMetric;
use serde::Serialize;

use crate::error::{AtlasError, Result};
use crate::store::atlas::ElementSummary;
use crate::store::Atlas;

#[derive(Debug, Clone, Serialize)]
pub struct Nearby {
    pub element: ElementSummary,
    /// Metres from the query point to the element's shape (0 inside an area).
    pub distance_m: f64,
}

/// Degrees of latitude per metre, and a safe (small) bound for longitude at Tianjin's latitudes.
const DEG_PER_M_LAT: f64 = 1.0 / 111_320.0;
const DEG_PER_M_LON: f64 = 1.0 / (111_320.0 * 0.7);

impl Atlas {
    /// Elements within `radius_m` of (lon, lat), nearest first. The R-tree gives candidates whose
    /// boxes reach the search square; distances to points are measured on the sphere, distances
    /// to areas to their nearest edge in the local metric plane (±1.5 %, see `LocalMetric`).
    pub fn elements_near(&self, lon: f64, lat: f64, radius_m: f64) -> Vec<Nearby> {
        let p = Point::new(lon, lat);
        let search = AABB::from_corners(
            [lon - radius_m * DEG_PER_M_LON, lat - radius_m * DEG_PER_M_LAT],
            [lon + radius_m * DEG_PER_M_LON, lat + radius_m * DEG_PER_M_LAT],
        );
        let mut found: Vec<Nearby> = self
            .element_boxes
            .locate_in_envelope_intersecting(&search)
            .filter_map(|entry| {
                let i = entry.data;
                let d = if self.area_indexes()[i].as_ref().is_some_and(|idx| idx.contains(&p.0)) {
                    0.0
                } else if let Some(edges) = &self.edge_indexes()[i] {
                    let q = LocalMetric::tianjin().to_metres(&p);
                    edges
                        .nearest_neighbor(&[q.x(), q.y()])
                        .map_or(f64::INFINITY, |l| l.distance_2(&[q.x(), q.y()]).sqrt())
                } else {
                    distance_to(&self.element_shapes[i], p)
                };
                (d <= radius_m).then(|| Nearby { element: self.elements[entry.data].clone(), distance_m: d })
            })
            .collect();
        found.sort_by(|a, b| a.distance_m.total_cmp(&b.distance_m).then_with(|| a.element.id.cmp(&b.element.id)));
        found
    }

    /// Elements near another element's label point, excluding itself.
    pub fn elements_near_element(&self, id: &str, radius_m: f64) -> Result<Vec<Nearby>> {
        let i = self.element_index(id).ok_or_else(|| AtlasError::UnknownElement { id: id.to_owned() })?;
        let [lon, lat] = self.elements[i].label;
        Ok(self.elements_near(lon, lat, radius_m).into_iter().filter(|n| n.element.id != id).collect())
    }
}

/// Distance from `p` to a shape that does not contain it.
fn distance_to(shape: &geo::Geometry<f64>, p: Point<f64>) -> f64 {
    match shape.haversine_closest_point(&p) {
        Closest::Intersection(_) => 0.0,
        Closest::SinglePoint(q) => Haversine.distance(p, q),
        Closest::Indeterminate => f64::INFINITY,
    }
}
