//! Synthetic layers for benchmarks and tests, generated here so nothing is downloaded: a hexagonal
//! grid of parcels and a cloud of points over Tianjin's box.

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
    let mut n = 0;
    let mut row = 0;
    let mut y = y0;
    while y < y1 {
        let mut x = x0 + if row % 2 == 1 { dx / 2.0 } else { 0.0 };
        while x < x1 {
            if n > 0 {
                out.push(',');
            }
            let ring: Vec<String> = (0..=6)
                .map(|k| {
                    let a = std::f64::consts::PI / 6.0 + (k % 6) as f64 * std::f64::consts::PI / 3.0;
                    format!("[{:.6},{:.6}]", x + r * a.cos(), y + r * a.sin())
                })
                .collect();
            out.push_str(&format!(
                r#"{{"type":"Feature","properties":{{"name":"网格{n}","value":{}}},"geometry":{{"type":"Polygon","coordinates":[[{}]]}}}}"#,
                n % 97,
                ring.join(",")
            ));
            n += 1;
            x += dx;
        }
        y += dy;
        row += 1;
    }
    out.push_str("]}");
    out
}

/// `n` points spread over Tianjin's box by a fixed generator (the same points every run), as GeoJSON.
pub fn random_points_geojson(n: usize, seed: u64) -> String {
    let mut state = seed.wrapping_mul(2862933555777941757).wrapping_add(3037000493);
    let mut next = || {
        state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (state >> 11) as f64 / (1u64 << 53) as f64
    };
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
