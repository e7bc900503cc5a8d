//! Large own layers, served a viewport at a time: the UI asks for what its view (plus a
//! margin) shows at its zoom, and gets it already projected to pixels, simplified for that
//! zoom, and packed as compact bytes. The whole layer never crosses to the webview.
//!
//! - Candidates come from the layer's own R-tree (each own layer is a table of its own:
//!   `crate::user::layer_table`), not a scan; points (in a POINT layer) and dots are made
//!   from the index entry alone.
//! - Coordinates are projected to Web Mercator pixels at the zoom and snapped to a ¼-pixel
//!   grid; consecutive duplicates and straight-through vertices are dropped. Snapping is a
//!   function of the coordinate alone, so two polygons sharing an edge keep sharing it: no
//!   gaps or slivers open between neighbours (topology kept without building topology; see
//!   `crate::stream::thinning`, and `atlas-dev bench` for geo's simplifications beside it).
//! - A polygon or line smaller than `DOT_PX` on screen is sent as a dot at its centre: it is
//!   still drawn, never dropped. A snapped ring that would come out invalid is sent unsnapped.
//! - Points are clustered on a `CLUSTER_PX` grid fixed to the world (clusters stay put as the
//!   view pans); a cell with one point is sent as the point.
//! - `is_stale` is polled as the work goes: a request a newer pan made stale stops early.
//!
//! The view goes to the UI packed by [`crate::wire::view`].

use std::collections::HashMap;

use geo::{Coord, Geometry};
use serde::Serialize;

use crate::error::{AtlasError, Result};
use crate::gpkg::blob;
use crate::store::Atlas;
use crate::stream::thinning::{to_f32, Thinning};
use crate::user::layer_table::{feature_id, quoted};

/// Below this size on screen (px), an area or line is drawn as a dot: outlines a few pixels
/// across say nothing, and drawing 100k of them cost 590 ms against ~20 ms for the dots.
pub const DOT_PX: f64 = 3.0;
/// From this zoom on, points are placed from their exact geometry rather than the index box.
const EXACT_POINTS_ZOOM: f64 = 17.0;
/// Point clustering grid (px).
pub const CLUSTER_PX: f64 = 48.0;
/// How often (in features) a request checks whether it has gone stale.
const STALE_EVERY: usize = 2048;

#[derive(Debug, Clone, Copy)]
pub struct ViewRequest {
    /// [min_lon, min_lat, max_lon, max_lat], margin included.
    pub bbox: [f64; 4],
    pub zoom: f64,
}

#[derive(Debug, Default, Clone, Serialize, PartialEq)]
pub struct ViewCounts {
    pub shapes: usize,
    pub dots: usize,
    pub clusters: usize,
    pub points: usize,
    /// Features whose boxes meet the view.
    pub in_view: usize,
}

/// Web Mercator world pixels at `zoom` (what Leaflet's `map.project` gives).
pub fn world_px(lon: f64, lat: f64, zoom: f64) -> (f64, f64) {
    let scale = 256.0 * 2f64.powf(zoom);
    let lat = lat.clamp(-85.051_128_78, 85.051_128_78);
    let s = lat.to_radians().sin();
    (scale * (0.5 + lon / 360.0), scale * (0.5 - ((1.0 + s) / (1.0 - s)).ln() / (4.0 * std::f64::consts::PI)))
}

/// The view's pieces before packing; public for tests.
#[derive(Debug, Default)]
pub struct View {
    pub origin: (f64, f64),
    pub zoom: f64,
    /// (is_area, parts of pixel coordinates)
    pub shapes: Vec<(bool, Vec<Vec<(f32, f32)>>)>,
    pub dots: Vec<(f32, f32)>,
    pub clusters: Vec<(f32, f32, u32)>,
    pub points: Vec<(f32, f32)>,
    pub in_view: usize,
    /// Feature ids in the order they were considered (for tests).
    pub ids: Vec<i64>,
}

impl Atlas {
    /// What an own layer shows in a view at a zoom. `is_stale` returning true stops the work
    /// (with an error saying so); the caller polls its own request counter there.
    pub fn layer_view(&self, layer_id: &str, request: &ViewRequest, is_stale: &dyn Fn() -> bool) -> Result<View> {
        self.layer_view_thinned(layer_id, request, is_stale, Thinning::SnapThin)
    }

    /// [`Atlas::layer_view`] with another way of thinning shapes (for the benchmark).
    pub fn layer_view_thinned(
        &self,
        layer_id: &str,
        request: &ViewRequest,
        is_stale: &dyn Fn() -> bool,
        thinning: Thinning,
    ) -> Result<View> {
        let [w, s, e, n] = request.bbox;
        if !(w.is_finite() && s.is_finite() && e.is_finite() && n.is_finite())
            || w > e
            || s > n
            || !request.zoom.is_finite()
        {
            return Err(AtlasError::Invalid(format!("view {:?} at zoom {} is not a box", request.bbox, request.zoom)));
        }
        let zoom = request.zoom.clamp(0.0, 22.0);
        let origin = world_px(w, n, zoom);
        let mut view = View { origin, zoom, ..Default::default() };
        let Some((layer_no, table)) = crate::user::layer_table::layer_table_of(&self.conn, layer_id)? else {
            return Ok(view); // deleted while the request was on its way: nothing to show
        };
        // In a layer of points every entry is a point: placed from its box, no row read. In a
        // mixed layer a box too small to be anything but a point is read to make sure.
        let points_layer = crate::user::layer_table::layer_geometry_type(&self.conn, &table)? == "POINT";
        // Candidates from the layer's own R-tree: only its entries are walked, each with its
        // box, so points and dots need no row read.
        let mut candidates = self.conn.prepare_cached(&format!(
            "SELECT id, minx, maxx, miny, maxy FROM {} WHERE maxx >= ?1 AND minx <= ?2 AND maxy >= ?3 AND miny <= ?4",
            quoted(&format!("rtree_{table}_geom"))
        ))?;
        let mut geometry = self.conn.prepare_cached(&format!("SELECT geom FROM {} WHERE fid = ?1", quoted(&table)))?;
        let mut rows = candidates.query(rusqlite::params![w, e, s, n])?;
        let mut point_cells: HashMap<(i64, i64), (f64, f64, u32)> = HashMap::new();
        let cell = CLUSTER_PX;
        let mut add_point = |c: Coord| {
            let (wx, wy) = world_px(c.x, c.y, zoom);
            // Cells on the world's pixel grid, not the view's: a pan does not regroup them.
            let key = ((wx / cell).floor() as i64, (wy / cell).floor() as i64);
            let (x, y) = (wx - origin.0, wy - origin.1);
            let entry = point_cells.entry(key).or_insert((0.0, 0.0, 0));
            entry.0 += x;
            entry.1 += y;
            entry.2 += 1;
        };
        while let Some(row) = rows.next()? {
            view.in_view += 1;
            if view.in_view % STALE_EVERY == 0 && is_stale() {
                return Err(AtlasError::Stale);
            }
            let fid: i64 = row.get(0)?;
            let (minx, maxx, miny, maxy): (f64, f64, f64, f64) = (row.get(1)?, row.get(2)?, row.get(3)?, row.get(4)?);
            let is_point = points_layer;
            view.ids.push(feature_id(layer_no, fid));
            // The index's boxes are f32 rounded outward (within 0.4 m here): exact enough to
            // place a point or a dot until a pixel is a metre or so.
            if is_point && zoom < EXACT_POINTS_ZOOM {
                add_point(Coord { x: (minx + maxx) / 2.0, y: (miny + maxy) / 2.0 });
                continue;
            }
            let (x0, y1) = world_px(minx, miny, zoom);
            let (x1, y0) = world_px(maxx, maxy, zoom);
            // The R-tree keeps f32 boxes rounded outward: a point's box is up to two f32 steps
            // wide (3e-5° near longitude 118). A box that small is read, not drawn as a dot.
            let point_sized = maxx - minx < 5e-5 && maxy - miny < 5e-5;
            if !is_point && !point_sized && x1 - x0 < DOT_PX && y1 - y0 < DOT_PX {
                view.dots.push((((x0 + x1) / 2.0 - origin.0) as f32, ((y0 + y1) / 2.0 - origin.1) as f32));
                continue;
            }
            let g = geometry.query_row([fid], |r| {
                let bytes = r.get_ref(0)?.as_blob()?;
                Ok(blob::decode(bytes))
            })?;
            let g = g.map_err(|err| AtlasError::Invalid(format!("{table} feature {fid}: {err}")))?;
            match &g {
                Geometry::Point(p) => add_point(p.0),
                Geometry::MultiPoint(mp) => mp.0.iter().for_each(|p| add_point(p.0)),
                Geometry::Polygon(p) => {
                    view.shapes.push((true, thinning.area(p, origin, zoom).into_iter().map(to_f32).collect()))
                }
                Geometry::MultiPolygon(mp) => view
                    .shapes
                    .push((true, mp.0.iter().flat_map(|p| thinning.area(p, origin, zoom)).map(to_f32).collect())),
                Geometry::LineString(l) => view.shapes.push((false, vec![to_f32(thinning.line(&l.0, origin, zoom))])),
                Geometry::MultiLineString(ml) => {
                    view.shapes.push((false, ml.0.iter().map(|l| to_f32(thinning.line(&l.0, origin, zoom))).collect()))
                }
                _ => {}
            }
        }
        drop(add_point);
        let mut cells: Vec<_> = point_cells.into_iter().collect();
        cells.sort_by_key(|(k, _)| *k);
        for (_, (sx, sy, count)) in cells {
            let (x, y) = ((sx / count as f64) as f32, (sy / count as f64) as f32);
            if count == 1 {
                view.points.push((x, y));
            } else {
                view.clusters.push((x, y, count));
            }
        }
        Ok(view)
    }

    /// [`Atlas::layer_view`] packed in the view wire format.
    pub fn layer_view_wire(
        &self,
        layer_id: &str,
        request: &ViewRequest,
        is_stale: &dyn Fn() -> bool,
    ) -> Result<Vec<u8>> {
        Ok(crate::wire::view::pack(&self.layer_view(layer_id, request, is_stale)?))
    }

    /// The feature of a layer at (lon, lat), within `tolerance_m` for points and lines; through
    /// the R-tree, then exact tests on the few candidates.
    pub fn layer_feature_at(&self, layer_id: &str, lon: f64, lat: f64, tolerance_m: f64) -> Result<Option<i64>> {
        use geo::{Contains, Distance, Euclidean};
        let d_lat = tolerance_m / 111_320.0;
        let d_lon = tolerance_m / (111_320.0 * lat.to_radians().cos().max(0.1));
        let Some((layer_no, table)) = crate::user::layer_table::layer_table_of(&self.conn, layer_id)? else {
            return Ok(None);
        };
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT f.fid, f.geom FROM {} r CROSS JOIN {} f ON f.fid = r.id
             WHERE r.maxx >= ?1 AND r.minx <= ?2 AND r.maxy >= ?3 AND r.miny <= ?4
             ORDER BY f.fid DESC",
            quoted(&format!("rtree_{table}_geom")),
            quoted(&table)
        ))?;
        let mut rows = stmt.query(rusqlite::params![lon - d_lon, lon + d_lon, lat - d_lat, lat + d_lat])?;
        let p = geo::Point::new(lon, lat);
        let mut best: Option<(f64, i64)> = None;
        while let Some(row) = rows.next()? {
            let fid: i64 = row.get(0)?;
            let g = blob::decode(row.get_ref(1)?.as_blob().map_err(rusqlite::Error::from)?)
                .map_err(|e| AtlasError::Invalid(format!("{table} feature {fid}: {e}")))?;
            let inside = matches!(g, Geometry::Polygon(_) | Geometry::MultiPolygon(_)) && g.contains(&p);
            // Degrees scaled to metres along each axis: good enough to rank a handful of candidates.
            let d = if inside {
                0.0
            } else {
                let scaled = |c: Coord| geo::Point::new(c.x / d_lon * tolerance_m, c.y / d_lat * tolerance_m);
                let q = scaled(p.0);
                use geo::CoordsIter;
                g.coords_iter().map(|c| Euclidean.distance(q, scaled(c))).fold(f64::INFINITY, f64::min)
            };
            if d <= tolerance_m && best.is_none_or(|(bd, _)| d < bd) {
                best = Some((d, fid));
            }
        }
        Ok(best.map(|(_, fid)| feature_id(layer_no, fid)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn world_pixels_match_leaflet() {
        // Leaflet's EPSG:3857 (R·λ, R·ln tan(π/4 + φ/2)) scaled by 256·2^z, computed independently.
        let (x, y) = world_px(117.2, 39.13, 10.0);
        assert!((x - 216_414.4356).abs() < 0.001, "{x}");
        assert!((y - 100_064.0566).abs() < 0.001, "{y}");
    }
}
