//! Large own layers, served a viewport at a time: the UI asks for what its view (plus a
//! margin) shows at its zoom, and gets it already projected to pixels, simplified for that
//! zoom, and packed as compact bytes. The whole layer never crosses to the webview.
//!
//! - Candidates come from the by-layer R-tree (`crate::user::layer_index`), not a scan;
//!   points and dots are made from the index entry alone.
//! - Coordinates are projected to Web Mercator pixels at the zoom and snapped to a ¼-pixel
//!   grid; consecutive duplicates and straight-through vertices are dropped. Snapping is a
//!   function of the coordinate alone, so two polygons sharing an edge keep sharing it: no
//!   gaps or slivers open between neighbours (topology kept without building topology).
//! - A polygon or line smaller than `DOT_PX` on screen is sent as a dot at its centre: it is
//!   still drawn, never dropped. A snapped ring that would come out invalid is sent unsnapped.
//! - Points are clustered on a `CLUSTER_PX` grid fixed to the world (clusters stay put as the
//!   view pans); a cell with one point is sent as the point.
//! - `is_stale` is polled as the work goes: a request a newer pan made stale stops early.
//!
//! Wire layout (little-endian, 4-byte aligned; decoder `ui/src/map/viewWire.ts`):
//! ```text
//! "TJV1" | f64 origin_x | f64 origin_y | f64 zoom | u32 shapes | u32 dots | u32 clusters | u32 points | u32 total_in_view
//! shape: u32 kind (1 area, 2 line) | u32 parts | per part: u32 n | n × (f32 x, f32 y)
//!        (area rings are sent open: the closing vertex is implied)
//! dot / point: f32 x, f32 y          cluster: f32 x, f32 y, u32 count
//! ```
//! x, y are pixels relative to (origin_x, origin_y), the view's top-left in world pixels.

use std::collections::HashMap;

use geo::{Coord, Geometry, LineString, Validation};
use serde::Serialize;

use crate::error::{AtlasError, Result};
use crate::gpkg::blob;
use crate::store::Atlas;

/// Below this size on screen (px), an area or line is drawn as a dot: outlines a few pixels
/// across say nothing, and drawing 100k of them cost 590 ms against ~20 ms for the dots.
pub const DOT_PX: f64 = 3.0;
/// From this zoom on, points are placed from their exact geometry rather than the index box.
const EXACT_POINTS_ZOOM: f64 = 17.0;
/// Point clustering grid (px).
pub const CLUSTER_PX: f64 = 48.0;
/// Coordinates are snapped to 1/SNAP pixel.
const SNAP: f64 = 4.0;
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

fn snap(v: f64) -> f64 {
    (v * SNAP).round() / SNAP
}

/// Projects, snaps and thins a ring or line; drops repeated and straight-through vertices.
fn thin(coords: &[Coord], origin: (f64, f64), zoom: f64, closed: bool) -> Vec<(f64, f64)> {
    let mut out: Vec<(f64, f64)> = Vec::with_capacity(coords.len());
    for c in coords {
        let (x, y) = world_px(c.x, c.y, zoom);
        let p = (snap(x - origin.0), snap(y - origin.1));
        if out.last() == Some(&p) {
            continue;
        }
        // Drop the middle of three collinear points: the same decision from either direction.
        if out.len() >= 2 {
            let (a, b) = (out[out.len() - 2], out[out.len() - 1]);
            let cross = (b.0 - a.0) * (p.1 - a.1) - (b.1 - a.1) * (p.0 - a.0);
            let between = (b.0 - a.0) * (p.0 - b.0) + (b.1 - a.1) * (p.1 - b.1) >= 0.0;
            if cross == 0.0 && between {
                out.pop();
            }
        }
        out.push(p);
    }
    if closed && out.len() > 1 && out.first() != out.last() {
        out.push(out[0]);
    }
    out
}

fn to_f32(v: Vec<(f64, f64)>) -> Vec<(f32, f32)> {
    v.into_iter().map(|(x, y)| (x as f32, y as f32)).collect()
}

/// Whether snapped rings still make a valid polygon (checked only when snapping removed vertices).
fn valid_rings(rings: &[Vec<(f64, f64)>]) -> bool {
    if rings.iter().any(|r| r.len() < 4) {
        return false;
    }
    let ls = |r: &Vec<(f64, f64)>| LineString::from(r.clone());
    let polygon = geo::Polygon::new(ls(&rings[0]), rings[1..].iter().map(ls).collect());
    polygon.is_valid()
}

fn area_parts(p: &geo::Polygon, origin: (f64, f64), zoom: f64) -> Vec<Vec<(f64, f64)>> {
    let raw: Vec<&LineString> = std::iter::once(p.exterior()).chain(p.interiors()).collect();
    let thinned: Vec<Vec<(f64, f64)>> = raw.iter().map(|r| thin(&r.0, origin, zoom, true)).collect();
    let removed = raw.iter().zip(&thinned).any(|(r, t)| t.len() < r.0.len());
    if !removed || valid_rings(&thinned) {
        return thinned;
    }
    // Snapping would make it invalid: send it exactly as it is, only projected.
    raw.iter()
        .map(|r| {
            r.0.iter()
                .map(|c| {
                    let (x, y) = world_px(c.x, c.y, zoom);
                    (x - origin.0, y - origin.1)
                })
                .collect()
        })
        .collect()
}

impl Atlas {
    /// What an own layer shows in a view at a zoom. `is_stale` returning true stops the work
    /// (with an error saying so); the caller polls its own request counter there.
    pub fn layer_view(&self, layer_id: &str, request: &ViewRequest, is_stale: &dyn Fn() -> bool) -> Result<View> {
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
        let Some(layer_no) = self.layer_number(layer_id)? else {
            return Ok(view); // deleted while the request was on its way: nothing to show
        };
        // Candidates from the by-layer R-tree: only this layer's entries are walked, and each
        // comes with its box and whether it is a point, so points and dots need no row read.
        let mut candidates = self.conn.prepare_cached(
            "SELECT id, minx, maxx, miny, maxy, point_lo FROM rtree_user_features_by_layer
             WHERE layer_lo <= ?1 AND layer_hi >= ?1 AND maxx >= ?2 AND minx <= ?3 AND maxy >= ?4 AND miny <= ?5",
        )?;
        let mut geometry = self.conn.prepare_cached("SELECT geom FROM user_features WHERE fid = ?1")?;
        let mut rows = candidates.query(rusqlite::params![layer_no, w, e, s, n])?;
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
                return Err(AtlasError::Invalid("stale: a newer view was requested".into()));
            }
            let fid: i64 = row.get(0)?;
            let (minx, maxx, miny, maxy): (f64, f64, f64, f64) = (row.get(1)?, row.get(2)?, row.get(3)?, row.get(4)?);
            let is_point = row.get::<_, f64>(5)? > 0.5;
            view.ids.push(fid);
            // The index's boxes are f32 rounded outward (within 0.4 m here): exact enough to
            // place a point or a dot until a pixel is a metre or so.
            if is_point && zoom < EXACT_POINTS_ZOOM {
                add_point(Coord { x: (minx + maxx) / 2.0, y: (miny + maxy) / 2.0 });
                continue;
            }
            let (x0, y1) = world_px(minx, miny, zoom);
            let (x1, y0) = world_px(maxx, maxy, zoom);
            if !is_point && x1 - x0 < DOT_PX && y1 - y0 < DOT_PX {
                view.dots.push((((x0 + x1) / 2.0 - origin.0) as f32, ((y0 + y1) / 2.0 - origin.1) as f32));
                continue;
            }
            let g = geometry.query_row([fid], |r| {
                let bytes = r.get_ref(0)?.as_blob()?;
                Ok(blob::decode(bytes))
            })?;
            let g = g.map_err(|err| AtlasError::Invalid(format!("user_features {fid}: {err}")))?;
            match &g {
                Geometry::Point(p) => add_point(p.0),
                Geometry::MultiPoint(mp) => mp.0.iter().for_each(|p| add_point(p.0)),
                Geometry::Polygon(p) => {
                    view.shapes.push((true, area_parts(p, origin, zoom).into_iter().map(to_f32).collect()))
                }
                Geometry::MultiPolygon(mp) => view
                    .shapes
                    .push((true, mp.0.iter().flat_map(|p| area_parts(p, origin, zoom)).map(to_f32).collect())),
                Geometry::LineString(l) => view.shapes.push((false, vec![to_f32(thin(&l.0, origin, zoom, false))])),
                Geometry::MultiLineString(ml) => {
                    view.shapes.push((false, ml.0.iter().map(|l| to_f32(thin(&l.0, origin, zoom, false))).collect()))
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

    /// The layer's number in the by-layer index (its row in user_layers), if it exists.
    fn layer_number(&self, layer_id: &str) -> Result<Option<i64>> {
        use rusqlite::OptionalExtension;
        Ok(self
            .conn
            .prepare_cached("SELECT fid FROM user_layers WHERE id = ?1")?
            .query_row([layer_id], |r| r.get(0))
            .optional()?)
    }

    /// [`Atlas::layer_view`] packed in the view wire format.
    pub fn layer_view_wire(
        &self,
        layer_id: &str,
        request: &ViewRequest,
        is_stale: &dyn Fn() -> bool,
    ) -> Result<Vec<u8>> {
        Ok(pack(&self.layer_view(layer_id, request, is_stale)?))
    }

    /// The feature of a layer at (lon, lat), within `tolerance_m` for points and lines; through
    /// the R-tree, then exact tests on the few candidates.
    pub fn layer_feature_at(&self, layer_id: &str, lon: f64, lat: f64, tolerance_m: f64) -> Result<Option<i64>> {
        use geo::{Contains, Distance, Euclidean};
        let d_lat = tolerance_m / 111_320.0;
        let d_lon = tolerance_m / (111_320.0 * lat.to_radians().cos().max(0.1));
        let Some(layer_no) = self.layer_number(layer_id)? else { return Ok(None) };
        let mut stmt = self.conn.prepare_cached(
            "SELECT f.fid, f.geom FROM rtree_user_features_by_layer r CROSS JOIN user_features f ON f.fid = r.id
             WHERE r.layer_lo <= ?1 AND r.layer_hi >= ?1 AND r.maxx >= ?2 AND r.minx <= ?3 AND r.maxy >= ?4 AND r.miny <= ?5
             ORDER BY f.fid DESC",
        )?;
        let mut rows = stmt.query(rusqlite::params![layer_no, lon - d_lon, lon + d_lon, lat - d_lat, lat + d_lat])?;
        let p = geo::Point::new(lon, lat);
        let mut best: Option<(f64, i64)> = None;
        while let Some(row) = rows.next()? {
            let fid: i64 = row.get(0)?;
            let g = blob::decode(row.get_ref(1)?.as_blob().map_err(rusqlite::Error::from)?)
                .map_err(|e| AtlasError::Invalid(format!("user_features {fid}: {e}")))?;
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
        Ok(best.map(|(_, fid)| fid))
    }
}

fn push_u32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn push_xy(out: &mut Vec<u8>, (x, y): (f32, f32)) {
    out.extend_from_slice(&x.to_le_bytes());
    out.extend_from_slice(&y.to_le_bytes());
}

/// Packs a view (see the module doc for the layout).
pub fn pack(v: &View) -> Vec<u8> {
    let vertices: usize = v.shapes.iter().flat_map(|(_, parts)| parts.iter().map(|p| p.len())).sum();
    let mut out = Vec::with_capacity(
        48 + vertices * 8 + v.shapes.len() * 16 + (v.dots.len() + v.points.len()) * 8 + v.clusters.len() * 12,
    );
    out.extend_from_slice(b"TJV1");
    out.extend_from_slice(&[0u8; 4]); // keeps the f64s 8-byte aligned
    for f in [v.origin.0, v.origin.1, v.zoom] {
        out.extend_from_slice(&f.to_le_bytes());
    }
    for n in [v.shapes.len(), v.dots.len(), v.clusters.len(), v.points.len(), v.in_view] {
        push_u32(&mut out, n as u32);
    }
    for (is_area, parts) in &v.shapes {
        push_u32(&mut out, if *is_area { 1 } else { 2 });
        push_u32(&mut out, parts.len() as u32);
        for part in parts {
            // Rings go without their closing vertex: the canvas closes paths itself.
            let open = if *is_area && part.len() > 1 && part.first() == part.last() {
                &part[..part.len() - 1]
            } else {
                &part[..]
            };
            push_u32(&mut out, open.len() as u32);
            for p in open {
                push_xy(&mut out, *p);
            }
        }
    }
    for d in &v.dots {
        push_xy(&mut out, *d);
    }
    for (x, y, n) in &v.clusters {
        push_xy(&mut out, (*x, *y));
        push_u32(&mut out, *n);
    }
    for p in &v.points {
        push_xy(&mut out, *p);
    }
    out
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

    #[test]
    fn thinning_is_the_same_in_either_direction() {
        let coords: Vec<Coord> =
            (0..50).map(|i| Coord { x: 117.0 + i as f64 * 1e-5, y: 39.0 + (i % 3) as f64 * 1e-6 }).collect();
        let mut reversed = coords.clone();
        reversed.reverse();
        let a = thin(&coords, (0.0, 0.0), 12.0, false);
        let mut b = thin(&reversed, (0.0, 0.0), 12.0, false);
        b.reverse();
        assert_eq!(a, b);
        assert!(a.len() < coords.len());
    }
}
