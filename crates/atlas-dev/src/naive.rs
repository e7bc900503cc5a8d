//! The naive baselines `atlas-dev bench` measures the core's indexed queries against: the same
//! answers computed the obvious way, from the atlas's public shapes, without R-trees, interval
//! trees or edge indexes. Kept out of atlas-core because nothing at run time should call them.

use atlas_core::query::nearby::Nearby;
use atlas_core::store::atlas::ElementSummary;
use atlas_core::Atlas;
use geo::{Closest, Contains, Distance, Haversine, HaversineClosestPoint, Intersects, Point};

/// The district containing (lon, lat), by testing every district polygon directly: the adcode.
pub fn district_at(atlas: &Atlas, lon: f64, lat: f64) -> Option<&str> {
    let p = Point::new(lon, lat);
    atlas.districts().iter().find(|d| d.geometry.contains(&p)).map(|d| d.adcode.as_str())
}

/// Every element with its main geometry, collected once so the baseline below pays for the
/// distances only, as the core's zipped arrays do.
pub fn element_shapes(atlas: &Atlas) -> Vec<(&ElementSummary, &geo::Geometry<f64>)> {
    atlas.elements().iter().filter_map(|e| Some((e, atlas.element_geometry(&e.id)?))).collect()
}

/// Elements within `radius_m` of (lon, lat), nearest first, by measuring the distance on the
/// sphere to every element's shape (`shapes` from [`element_shapes`]).
pub fn elements_near(
    shapes: &[(&ElementSummary, &geo::Geometry<f64>)],
    lon: f64,
    lat: f64,
    radius_m: f64,
) -> Vec<Nearby> {
    let p = Point::new(lon, lat);
    let mut found: Vec<Nearby> = shapes
        .iter()
        .filter_map(|&(e, shape)| {
            let d = if shape.intersects(&p) {
                0.0
            } else {
                match shape.haversine_closest_point(&p) {
                    Closest::Intersection(_) => 0.0,
                    Closest::SinglePoint(q) => Haversine.distance(p, q),
                    Closest::Indeterminate => f64::INFINITY,
                }
            };
            (d <= radius_m).then(|| Nearby { element: e.clone(), distance_m: d })
        })
        .collect();
    found.sort_by(|a, b| a.distance_m.total_cmp(&b.distance_m).then_with(|| a.element.id.cmp(&b.element.id)));
    found
}
