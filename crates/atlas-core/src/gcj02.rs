//! Conversions between WGS84 and the two obfuscated datums Chinese map data comes in:
//! GCJ-02 (AMap/Gaode, Tencent, Google China) and BD-09 (Baidu, defined on top of GCJ-02).
//!
//! GCJ-02 is WGS84 plus a smooth, deterministic offset of a few hundred metres (about 0.5 km
//! around Tianjin). The forward transform (WGS84 → GCJ-02) is public; there is no closed-form
//! inverse, so [`gcj02_to_wgs84`] inverts it by fixed-point iteration to well under a millimetre.
//! Outside mainland China the offset is not applied, as every implementation does.
//!
//! ```
//! use atlas_core::gcj02::{gcj02_to_wgs84, wgs84_to_gcj02};
//! let wgs = (117.2000, 39.1300); // central Tianjin, (lon, lat)
//! let gcj = wgs84_to_gcj02(wgs.0, wgs.1);
//! let back = gcj02_to_wgs84(gcj.0, gcj.1);
//! assert!((back.0 - wgs.0).abs() < 1e-9 && (back.1 - wgs.1).abs() < 1e-9);
//! ```

use std::f64::consts::PI;

/// Semi-major axis of the Krasovsky 1940 ellipsoid, which the GCJ-02 algorithm uses.
const KRASOVSKY_A: f64 = 6_378_245.0;
/// Eccentricity squared of the Krasovsky 1940 ellipsoid.
const KRASOVSKY_EE: f64 = 0.006_693_421_622_965_943;
/// The constant Baidu uses in its BD-09 rotation.
const BD_X_PI: f64 = PI * 3000.0 / 180.0;

/// The datum a pair of coordinates is expressed in. Imports convert everything to WGS84.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum Datum {
    Wgs84,
    Gcj02,
    Bd09,
}

impl Datum {
    /// Parses the names users type: `wgs84`, `gcj02`, `bd09` (case and dashes ignored).
    pub fn parse(text: &str) -> Option<Datum> {
        match text.to_ascii_lowercase().replace(['-', '_'], "").as_str() {
            "wgs84" | "epsg4326" => Some(Datum::Wgs84),
            "gcj02" | "amap" | "gaode" => Some(Datum::Gcj02),
            "bd09" | "baidu" => Some(Datum::Bd09),
            _ => None,
        }
    }

    /// Converts one (lon, lat) pair in this datum to WGS84.
    pub fn to_wgs84(self, lon: f64, lat: f64) -> (f64, f64) {
        match self {
            Datum::Wgs84 => (lon, lat),
            Datum::Gcj02 => gcj02_to_wgs84(lon, lat),
            Datum::Bd09 => bd09_to_wgs84(lon, lat),
        }
    }
}

/// True where the GCJ-02 offset is applied: a rough box around mainland China.
pub fn is_in_china(lon: f64, lat: f64) -> bool {
    (72.004..=137.8347).contains(&lon) && (0.8293..=55.8271).contains(&lat)
}

/// The published GCJ-02 offset, in degrees, for a WGS84 (lon, lat).
fn gcj02_offset(lon: f64, lat: f64) -> (f64, f64) {
    let x = lon - 105.0;
    let y = lat - 35.0;
    let mut d_lat = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * x.abs().sqrt();
    let mut d_lon = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * x.abs().sqrt();
    let common = (20.0 * (6.0 * x * PI).sin() + 20.0 * (2.0 * x * PI).sin()) * 2.0 / 3.0;
    d_lat += common;
    d_lon += common;
    d_lat += (20.0 * (y * PI).sin() + 40.0 * (y / 3.0 * PI).sin()) * 2.0 / 3.0;
    d_lon += (20.0 * (x * PI).sin() + 40.0 * (x / 3.0 * PI).sin()) * 2.0 / 3.0;
    d_lat += (160.0 * (y / 12.0 * PI).sin() + 320.0 * (y * PI / 30.0).sin()) * 2.0 / 3.0;
    d_lon += (150.0 * (x / 12.0 * PI).sin() + 300.0 * (x / 30.0 * PI).sin()) * 2.0 / 3.0;

    let rad_lat = lat / 180.0 * PI;
    let magic = 1.0 - KRASOVSKY_EE * rad_lat.sin().powi(2);
    let sqrt_magic = magic.sqrt();
    let d_lat_deg = (d_lat * 180.0) / ((KRASOVSKY_A * (1.0 - KRASOVSKY_EE)) / (magic * sqrt_magic) * PI);
    let d_lon_deg = (d_lon * 180.0) / (KRASOVSKY_A / sqrt_magic * rad_lat.cos() * PI);
    (d_lon_deg, d_lat_deg)
}

/// WGS84 → GCJ-02, (lon, lat) in degrees.
pub fn wgs84_to_gcj02(lon: f64, lat: f64) -> (f64, f64) {
    if !is_in_china(lon, lat) {
        return (lon, lat);
    }
    let (d_lon, d_lat) = gcj02_offset(lon, lat);
    (lon + d_lon, lat + d_lat)
}

/// GCJ-02 → WGS84, (lon, lat) in degrees, by fixed-point iteration on the forward transform.
/// Converges to below 1e-10° (≈ 0.01 mm) in a handful of steps because the offset varies slowly.
pub fn gcj02_to_wgs84(lon: f64, lat: f64) -> (f64, f64) {
    if !is_in_china(lon, lat) {
        return (lon, lat);
    }
    invert(wgs84_to_gcj02, (lon, lat), (lon, lat), 30)
}

/// The point that `forward` maps to `target`, by fixed-point iteration from `guess`: each step
/// moves the guess back by how far its image misses, until the miss is below 1e-11° or after
/// `steps` steps. Converges fast where `forward` is close to a shift, as both datum offsets are.
fn invert(forward: fn(f64, f64) -> (f64, f64), target: (f64, f64), guess: (f64, f64), steps: usize) -> (f64, f64) {
    let (mut lon, mut lat) = guess;
    for _ in 0..steps {
        let (f_lon, f_lat) = forward(lon, lat);
        let (e_lon, e_lat) = (f_lon - target.0, f_lat - target.1);
        lon -= e_lon;
        lat -= e_lat;
        if e_lon.abs() < 1e-11 && e_lat.abs() < 1e-11 {
            break;
        }
    }
    (lon, lat)
}

/// BD-09 → GCJ-02, (lon, lat) in degrees. Baidu's published inverse is only approximate
/// (off by up to ~10 cm); it is used as the first guess and refined by fixed-point iteration
/// on the forward transform, like [`gcj02_to_wgs84`].
pub fn bd09_to_gcj02(lon: f64, lat: f64) -> (f64, f64) {
    let x = lon - 0.0065;
    let y = lat - 0.006;
    let z = (x * x + y * y).sqrt() - 0.00002 * (y * BD_X_PI).sin();
    let theta = y.atan2(x) - 0.000003 * (x * BD_X_PI).cos();
    invert(gcj02_to_bd09, (lon, lat), (z * theta.cos(), z * theta.sin()), 10)
}

/// GCJ-02 → BD-09, (lon, lat) in degrees.
pub fn gcj02_to_bd09(lon: f64, lat: f64) -> (f64, f64) {
    let z = (lon * lon + lat * lat).sqrt() + 0.00002 * (lat * BD_X_PI).sin();
    let theta = lat.atan2(lon) + 0.000003 * (lon * BD_X_PI).cos();
    (z * theta.cos() + 0.0065, z * theta.sin() + 0.006)
}

/// BD-09 → WGS84, (lon, lat) in degrees.
pub fn bd09_to_wgs84(lon: f64, lat: f64) -> (f64, f64) {
    let (g_lon, g_lat) = bd09_to_gcj02(lon, lat);
    gcj02_to_wgs84(g_lon, g_lat)
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::{Distance, Haversine, Point};

    /// Reference pairs published with googollee/eviltransform's test suite
    /// (wgs lat, wgs lon, gcj lat, gcj lon).
    const WGS_GCJ_PAIRS: [(f64, f64, f64, f64); 3] = [
        (31.1774276, 121.5272106, 31.17530398364597, 121.531541859215), // Shanghai
        (22.543847, 113.912316, 22.540796131694766, 113.9171764808363), // Shenzhen
        (39.911954, 116.377817, 39.91334545536069, 116.38404722455657), // Beijing
    ];

    /// BD-09 reference pairs from wandergis/coordtransform's README, (lon, lat) → (lon, lat):
    /// bd09togcj02(116.404, 39.915) and gcj02tobd09(116.404, 39.915).
    /// (eviltransform's BD pairs come from Baidu's service, not the published formula, and
    /// differ from every formula implementation by 10–40 m, so they are not used.)
    const BD_TO_GCJ: ((f64, f64), (f64, f64)) = ((116.404, 39.915), (116.39762729119315, 39.90865673957631));
    const GCJ_TO_BD: ((f64, f64), (f64, f64)) = ((116.404, 39.915), (116.41036949371029, 39.92133699351021));

    fn metres_between(a: (f64, f64), b: (f64, f64)) -> f64 {
        Haversine.distance(Point::new(a.0, a.1), Point::new(b.0, b.1))
    }

    #[test]
    fn forward_and_inverse_match_published_pairs_to_a_metre() {
        for (w_lat, w_lon, g_lat, g_lon) in WGS_GCJ_PAIRS {
            let err = metres_between(wgs84_to_gcj02(w_lon, w_lat), (g_lon, g_lat));
            assert!(err < 1.0, "wgs84→gcj02 at ({w_lon},{w_lat}) is {err:.3} m off");
            let err = metres_between(gcj02_to_wgs84(g_lon, g_lat), (w_lon, w_lat));
            assert!(err < 1.0, "gcj02→wgs84 at ({g_lon},{g_lat}) is {err:.3} m off");
        }
    }

    #[test]
    fn bd09_matches_published_pairs_to_a_decimetre() {
        let ((from, to), (back_from, back_to)) = (BD_TO_GCJ, GCJ_TO_BD);
        assert!(metres_between(bd09_to_gcj02(from.0, from.1), to) < 0.1);
        assert!(metres_between(gcj02_to_bd09(back_from.0, back_from.1), back_to) < 0.1);
    }

    #[test]
    fn round_trips_over_tianjin_are_sub_millimetre() {
        for i in 0..20 {
            for j in 0..20 {
                let lon = 116.7 + 1.4 * i as f64 / 19.0;
                let lat = 38.55 + 1.5 * j as f64 / 19.0;
                let g = wgs84_to_gcj02(lon, lat);
                let back = gcj02_to_wgs84(g.0, g.1);
                assert!(metres_between(back, (lon, lat)) < 0.001);
                let b = gcj02_to_bd09(g.0, g.1);
                let back = bd09_to_wgs84(b.0, b.1);
                assert!(metres_between(back, (lon, lat)) < 0.001);
            }
        }
    }

    #[test]
    fn a_tianjin_vertex_moves_about_half_a_kilometre() {
        // The Haihe at Jiefang Bridge, as AMap (GCJ-02) gives it.
        let gcj = (117.2033, 39.1348);
        let wgs = gcj02_to_wgs84(gcj.0, gcj.1);
        let shift = metres_between(gcj, wgs);
        assert!((400.0..650.0).contains(&shift), "shift {shift:.0} m");
        // GCJ-02 shifts Tianjin east and north, so WGS84 lies west and south of it.
        assert!(wgs.0 < gcj.0 && wgs.1 < gcj.1);
    }

    #[test]
    fn outside_china_nothing_moves() {
        assert_eq!(wgs84_to_gcj02(2.35, 48.85), (2.35, 48.85));
        assert_eq!(gcj02_to_wgs84(2.35, 48.85), (2.35, 48.85));
    }

    #[test]
    fn datum_names_parse() {
        assert_eq!(Datum::parse("GCJ-02"), Some(Datum::Gcj02));
        assert_eq!(Datum::parse("bd09"), Some(Datum::Bd09));
        assert_eq!(Datum::parse("WGS84"), Some(Datum::Wgs84));
        assert_eq!(Datum::parse("utm"), None);
    }
}
