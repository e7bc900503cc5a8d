//! The atlas's coordinate systems against PROJ itself (Debian `proj-bin`, installed by
//! scripts/setup.sh --test): the generated table must say what `projinfo` says, and every
//! conversion must agree with `cs2cs` to 1 cm (forward) and 1e-7° (≈ 1 cm, inverse).

use std::io::Write;
use std::process::{Command, Stdio};

use atlas_core::crs::{epsg_table, AxisGuess, AxisOrder, Crs, Reprojection};

fn run(program: &str, args: &[&str], input: &str) -> String {
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{program} (Debian proj-bin, scripts/setup.sh --test) must be installed: {e}"));
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{program} {args:?} failed");
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn crs_table_matches_proj() {
    for (code, name, proj) in epsg_table::SUPPORTED {
        let said = run("projinfo", &["-o", "PROJ", "-q", &format!("EPSG:{code}")], "");
        assert_eq!(said.trim().trim_end_matches(" +type=crs"), *proj, "EPSG:{code} {name}");
    }
}

/// Points around each CRS's central meridian (or Tianjin), within the zone.
fn sample_points(crs: Crs) -> Vec<(f64, f64)> {
    let centre = crs
        .proj_string()
        .split_whitespace()
        .find_map(|t| t.strip_prefix("+lon_0="))
        .and_then(|v| v.parse::<f64>().ok())
        .or_else(|| {
            crs.proj_string()
                .split_whitespace()
                .find_map(|t| t.strip_prefix("+zone="))
                .map(|z| z.parse::<f64>().unwrap() * 6.0 - 183.0)
        })
        .unwrap_or(117.2);
    let half = if crs.name().contains("3-degree") { 1.45 } else { 2.9 };
    let mut points = Vec::new();
    for dx in [-1.0, -0.3, 0.0, 0.5, 1.0] {
        for lat in [22.5, 39.13, 49.0] {
            points.push((centre + dx * half, lat));
        }
    }
    points
}

#[test]
fn every_supported_crs_agrees_with_cs2cs_to_a_centimetre() {
    let mut worst_m: f64 = 0.0;
    let mut worst_deg: f64 = 0.0;
    for (code, _, _) in epsg_table::SUPPORTED {
        let crs = Crs::from_epsg(*code).unwrap();
        let points = sample_points(crs);
        // cs2cs takes and gives EPSG's axis order: latitude first for 4326.
        let input: String = points.iter().map(|(lon, lat)| format!("{lat} {lon}\n")).collect();
        let out = run("cs2cs", &["-f", "%.10f", "EPSG:4326", &format!("EPSG:{code}")], &input);
        let forward = Reprojection::from_wgs84(crs);
        for ((lon, lat), line) in points.iter().zip(out.lines()) {
            let v: Vec<f64> = line.split_whitespace().take(2).map(|t| t.parse().unwrap()).collect();
            let (e, n) = if crs.epsg_says_northing_first() { (v[1], v[0]) } else { (v[0], v[1]) };
            let (x, y) = forward.apply(*lon, *lat).unwrap();
            let (dx, dy) = (x - e, y - n);
            if crs.is_geographic() {
                assert!(
                    dx.abs() < 1e-9 && dy.abs() < 1e-9,
                    "EPSG:{code} at ({lon}, {lat}): ours ({x}, {y}), PROJ ({e}, {n})"
                );
            } else {
                let d = dx.hypot(dy);
                worst_m = worst_m.max(d);
                assert!(
                    d < 0.01,
                    "EPSG:{code} at ({lon}, {lat}): ours ({x:.4}, {y:.4}), PROJ ({e:.4}, {n:.4}): {d:.4} m apart"
                );
            }
            // And back from PROJ's numbers, in the order files store them.
            let guess = AxisGuess::from_sample(crs, e, n);
            let (back_lon, back_lat) = Reprojection::to_wgs84(crs, &guess).apply(e, n).unwrap();
            let d = (back_lon - lon).abs().max((back_lat - lat).abs());
            worst_deg = worst_deg.max(d);
            assert!(d < 1e-7, "EPSG:{code}: ({e}, {n}) came back as ({back_lon}, {back_lat}), not ({lon}, {lat})");
        }
    }
    eprintln!("worst forward difference from cs2cs: {worst_m:.2e} m; worst inverse: {worst_deg:.2e}°");
}

#[test]
fn northing_first_files_are_read_the_right_way_round() {
    // What cs2cs prints for EPSG:4548 is northing first; a file written that way imports.
    let out = run("cs2cs", &["-f", "%.4f", "EPSG:4326", "EPSG:4548"], "39.13 117.2\n");
    let v: Vec<f64> = out.split_whitespace().take(2).map(|t| t.parse().unwrap()).collect();
    let crs = Crs::from_epsg(4548).unwrap();
    let guess = AxisGuess::from_sample(crs, v[0], v[1]);
    assert_eq!(guess.order, AxisOrder::NorthingFirst, "{guess:?}");
    let (lon, lat) = Reprojection::to_wgs84(crs, &guess).apply(v[0], v[1]).unwrap();
    assert!((lon - 117.2).abs() < 1e-7 && (lat - 39.13).abs() < 1e-7, "({lon}, {lat})");
}
