//! Synthetic layers for benchmarks and tests, generated here so nothing is downloaded: a hexagonal
//! grid of parcels and a cloud of points over Tianjin's box.
//!
//! A crate of its own, outside atlas-core, so the runtime library and the shipped binaries carry
//! no test-data generator: atlas-core's tests use it as a dev-dependency, `atlas-dev synth` and
//! `atlas-dev bench` as a dependency.

/// A hexagonal grid of about `target` cells over Tianjin's box, as GeoJSON, with a Chinese
/// name and a number on each cell: what a planner's parcel or grid layer looks like.
pub fn hex_grid_geojson(target: usize) -> String {
    hex_grid_geojson_in((116.70, 38.55, 118.06, 40.26), target)
}

/// The same grid over any box (min_lon, min_lat, max_lon, max_lat).
pub fn hex_grid_geojson_in(bbox: (f64, f64, f64, f64), target: usize) -> String {
    let (x0, y0, x1, y1) = bbox;
    let area = (x1 - x0) * (y1 - y0) / target as f64;
    // A regular hexagon of circumradius r covers 2.598 r².
    let r = (area / 2.598).sqrt();
    let (dx, dy) = (r * 3f64.sqrt(), r * 1.5);
    let mut out = String::with_capacity(target * 330);
    out.push_str(r#"{"type":"FeatureCollection","features":["#);
    // Corners are computed on the grid's lattice (multiples of dx/2 and r/2 from the box's
    // corner), so neighbouring cells produce bit-identical shared corners.
    const CORNERS: [(i64, i64); 6] = [(1, 1), (0, 2), (-1, 1), (-1, -1), (0, -2), (1, -1)];
    let mut n = 0;
    let mut row: i64 = 0;
    while y0 + row as f64 * dy < y1 {
        let parity = row % 2;
        let mut col: i64 = 0;
        while x0 + (2 * col + parity) as f64 * dx / 2.0 < x1 {
            if n > 0 {
                out.push(',');
            }
            let ring: Vec<String> = (0..=6)
                .map(|k| {
                    let (sx, ty) = CORNERS[k % 6];
                    let x = x0 + (2 * col + parity + sx) as f64 * (dx / 2.0);
                    let y = y0 + (3 * row + ty) as f64 * (r / 2.0);
                    format!("[{x:.6},{y:.6}]")
                })
                .collect();
            out.push_str(&format!(
                r#"{{"type":"Feature","properties":{{"name":"网格{n}","value":{}}},"geometry":{{"type":"Polygon","coordinates":[[{}]]}}}}"#,
                n % 97,
                ring.join(",")
            ));
            n += 1;
            col += 1;
        }
        row += 1;
    }
    out.push_str("]}");
    out
}

/// A small deterministic generator (Knuth's MMIX linear congruential constants): the same
/// numbers every run, so tests and benchmarks measure the same data. Not for anything secret.
#[derive(Debug, Clone)]
pub struct SeededRng(u64);

impl SeededRng {
    pub fn new(seed: u64) -> Self {
        SeededRng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }

    /// A number in 0..n.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n
    }

    /// A number in [0, 1).
    pub fn next_f64(&mut self) -> f64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// `n` points spread over Tianjin's box by a fixed generator (the same points every run), as GeoJSON.
pub fn random_points_geojson(n: usize, seed: u64) -> String {
    let mut rng = SeededRng::new(seed.wrapping_mul(2862933555777941757).wrapping_add(3037000493));
    let mut next = || rng.next_f64();
    let mut out = String::with_capacity(n * 110);
    out.push_str(r#"{"type":"FeatureCollection","features":["#);
    for i in 0..n {
        if i > 0 {
            out.push(',');
        }
        let (x, y) = (116.70 + 1.36 * next(), 38.55 + 1.71 * next());
        out.push_str(&format!(r#"{{"type":"Feature","properties":{{"n":{i}}},"geometry":{{"type":"Point","coordinates":[{x:.6},{y:.6}]}}}}"#));
    }
    out.push_str("]}");
    out
}

/// A hexagonal grid like [`hex_grid_geojson`] whose edges wiggle through `per_edge` extra
/// vertices, as surveyed parcel boundaries do. Each edge's extra vertices depend only on its two
/// ends, so neighbours share them exactly (a shared edge is the same vertices in reverse).
pub fn wiggly_grid_geojson(target: usize, per_edge: usize) -> String {
    let base = hex_grid_geojson(target);
    let collection: serde_json::Value = serde_json::from_str(&base).expect("the generator writes JSON");
    let micro = |v: &serde_json::Value| (v.as_f64().unwrap_or(0.0) * 1e6).round() as i64;
    let mut out = String::with_capacity(target * (330 + per_edge * 6 * 24));
    out.push_str(r#"{"type":"FeatureCollection","features":["#);
    for (n, feature) in collection["features"].as_array().into_iter().flatten().enumerate() {
        let ring: Vec<(i64, i64)> = feature["geometry"]["coordinates"][0]
            .as_array()
            .into_iter()
            .flatten()
            .map(|c| (micro(&c[0]), micro(&c[1])))
            .collect();
        let mut coords: Vec<String> = Vec::new();
        for pair in ring.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            coords.push(format!("[{:.6},{:.6}]", a.0 as f64 / 1e6, a.1 as f64 / 1e6));
            // Walk the edge from its lesser end, so both neighbours make the same vertices.
            let (from, to, flip) = if a < b { (a, b, false) } else { (b, a, true) };
            let mut extra: Vec<(i64, i64)> = (1..=per_edge)
                .map(|i| {
                    let t = i as f64 / (per_edge + 1) as f64;
                    let seed = (from.0 * 31 + from.1 * 17 + to.0 * 13 + to.1 * 7 + i as i64).unsigned_abs();
                    let wiggle = ((seed.wrapping_mul(2654435761) % 1000) as f64 / 1000.0 - 0.5) * 0.12;
                    let (dx, dy) = ((to.0 - from.0) as f64, (to.1 - from.1) as f64);
                    (
                        (from.0 as f64 + dx * t - dy * wiggle / (per_edge as f64).sqrt()).round() as i64,
                        (from.1 as f64 + dy * t + dx * wiggle / (per_edge as f64).sqrt()).round() as i64,
                    )
                })
                .collect();
            if flip {
                extra.reverse();
            }
            coords.extend(extra.iter().map(|p| format!("[{:.6},{:.6}]", p.0 as f64 / 1e6, p.1 as f64 / 1e6)));
        }
        coords.push(coords[0].clone());
        if n > 0 {
            out.push(',');
        }
        out.push_str(&format!(
            r#"{{"type":"Feature","properties":{{"name":"地块{n}"}},"geometry":{{"type":"Polygon","coordinates":[[{}]]}}}}"#,
            coords.join(",")
        ));
    }
    out.push_str("]}");
    out
}
