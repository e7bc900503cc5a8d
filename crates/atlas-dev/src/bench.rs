//! `atlas-dev bench`: figures for BENCHMARKS.md, each beside its naive counterpart where one exists.
//! Figures, not assertions: nothing here fails on a slow machine.

use std::hint::black_box;
use std::time::Instant;

use atlas_core::{DataDir, Result};

use crate::naive;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// Runs `f` `n` times and returns the mean time per call in microseconds.
fn per_call_us(n: usize, mut f: impl FnMut(usize)) -> f64 {
    let t = Instant::now();
    for i in 0..n {
        f(i);
    }
    t.elapsed().as_secs_f64() * 1e6 / n as f64
}

pub fn run(data: &DataDir) -> Result<()> {
    println!(
        "atlas-dev bench — {} cores, release build: {}",
        std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1),
        !cfg!(debug_assertions)
    );

    // Build: data/ → GeoPackage, median of 5.
    let dir = std::env::temp_dir().join(format!("atlas-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).ok();
    let out = dir.join("bench.gpkg");
    let mut builds = Vec::new();
    let mut report = None;
    for _ in 0..5 {
        let t = Instant::now();
        report = Some(atlas_core::store::build_atlas(data, &out)?);
        builds.push(t.elapsed().as_secs_f64() * 1e3);
    }
    let report = report.expect("ran five times");
    println!(
        "build GeoPackage           median {:>8.1} ms  (load+check {:.1} ms, write {:.1} ms; {} elements, {} KB)",
        median(builds),
        report.load_ms,
        report.write_ms,
        report.elements,
        report.bytes / 1024
    );

    let t = Instant::now();
    let atlas = atlas_core::Atlas::open_read_only(&out)?;
    println!("open atlas (indexes)              {:>8.2} ms", t.elapsed().as_secs_f64() * 1e3);

    // Point → district over random points in Tianjin's box (about 70 % fall inside a district).
    let mut rng = atlas_synthetic::SeededRng::new(42);
    let points: Vec<(f64, f64)> =
        (0..100_000).map(|_| (116.70 + 1.36 * rng.next_f64(), 38.55 + 1.70 * rng.next_f64())).collect();
    let mut hits = 0usize;
    let indexed = per_call_us(points.len(), |i| {
        if black_box(atlas.district_at(points[i].0, points[i].1)).is_some() {
            hits += 1;
        }
    });
    let naive = per_call_us(points.len(), |i| {
        black_box(naive::district_at(&atlas, points[i].0, points[i].1));
    });
    println!(
        "point → district           indexed {:>7.2} µs   naive (contains on all 16) {:>7.2} µs   ({:.1}× ; {} of {} points in a district)",
        indexed,
        naive,
        naive / indexed,
        hits,
        points.len()
    );

    for (label, f) in [
        ("plan catalog (startup IPC)", &(|| atlas.plan_catalog().map(|_| ())) as &dyn Fn() -> Result<()>),
        ("plan geometry, wire format", &|| atlas.plan_wire().map(|_| ())),
        ("basemap geometry, wire format", &|| atlas.basemap_wire().map(|_| ())),
    ] {
        let t = Instant::now();
        for _ in 0..5 {
            f()?;
        }
        println!("{label:<34}{:>8.2} ms", t.elapsed().as_secs_f64() * 1e3 / 5.0);
    }

    let codes: Vec<String> = atlas.districts().iter().map(|d| d.adcode.clone()).collect();
    let zones = per_call_us(100_000, |i| {
        black_box(atlas.zones_in_district(&codes[i % codes.len()]));
    });
    println!("zones in district                 {:>8.2} µs", zones);
    let report_us = per_call_us(2_000, |i| {
        black_box(atlas.district_report(&codes[i % codes.len()]).ok());
    });
    println!("district report (view)            {:>8.2} µs", report_us);

    for q in ["信创", "中国信创谷", "海河实验室", "Binhai", "合成生物", "京津冀协同创新"] {
        let us = per_call_us(500, |_| {
            black_box(atlas.search(q, 20).ok());
        });
        let r = atlas.search(q, 20)?;
        println!(
            "search {:<14}             {:>8.1} µs   ({} elements, {} paragraphs)",
            format!("{q:?}"),
            us,
            r.elements.len(),
            r.paragraphs.len()
        );
    }
    let near = per_call_us(20_000, |i| {
        let (lon, lat) = points[i % points.len()];
        black_box(atlas.elements_near(lon, lat, 5_000.0));
    });
    let shapes = naive::element_shapes(&atlas);
    let near_naive = per_call_us(300, |i| {
        let (lon, lat) = points[i % points.len()];
        black_box(naive::elements_near(&shapes, lon, lat, 5_000.0));
    });
    println!(
        "zones near a point (5 km) indexed {:>8.2} µs   naive (every shape, on the sphere) {:>9.1} µs   ({:.0}×)",
        near,
        near_naive,
        near_naive / near
    );
    let detail = per_call_us(2_000, |i| {
        black_box(atlas.element_detail(&atlas.elements()[i % atlas.elements().len()].id).ok());
    });
    println!("zone detail                       {:>8.2} µs", detail);
    exports(&atlas, &dir)?;
    imports(&dir, data)?;
    drop(atlas);
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

/// Export timings: the handout of the ten landmark zones, the 16-page district pack, and a page
/// per plan element. Layout (SVG pages) is timed alone, then PDF conversion on all cores beside
/// the same conversion on one core.
fn exports(atlas: &atlas_core::Atlas, dir: &std::path::Path) -> Result<()> {
    use atlas_core::render::documents::{atlas_book_pages, district_pack_pages, handout_pages};
    use atlas_core::render::{output, Lang, RenderData};
    let t = Instant::now();
    output::fonts();
    println!("load system fonts (once)          {:>8.0} ms", t.elapsed().as_secs_f64() * 1e3);
    let data = RenderData::load(atlas)?;
    let tour = atlas.tour("landmark-zones")?;
    let jobs: Vec<(&str, Box<dyn Fn() -> Result<Vec<String>>>)> = vec![
        ("handout 十大创新标志区", Box::new(|| handout_pages(atlas, &data, &tour, Lang::Zh, "bench"))),
        ("district briefing pack", Box::new(|| district_pack_pages(atlas, &data, Lang::Zh, "bench", &mut |_, _| true))),
        (
            "atlas book, every element",
            Box::new(|| atlas_book_pages(atlas, &data, None, Lang::Zh, "bench", &mut |_, _| true)),
        ),
    ];
    let one_core = rayon::ThreadPoolBuilder::new().num_threads(1).build().expect("a thread pool");
    for (label, layout) in jobs {
        let t = Instant::now();
        let pages = layout()?;
        let layout_s = t.elapsed().as_secs_f64();
        let t = Instant::now();
        let pdf = output::pdf(&pages, label, &|_, _| true)?;
        let all_s = t.elapsed().as_secs_f64();
        std::fs::write(dir.join("bench.pdf"), &pdf).ok();
        let t = Instant::now();
        one_core.install(|| output::pdf(&pages, label, &|_, _| true))?;
        let one_s = t.elapsed().as_secs_f64();
        println!(
            "export {label:<26} {:>3} pages: layout {:>5.2} s + PDF {:>5.2} s on {} threads = {:>5.2} s  (PDF on one thread {:>5.2} s); {:.1} MB",
            pages.len(),
            layout_s,
            all_s,
            rayon::current_num_threads(),
            layout_s + all_s,
            one_s,
            pdf.len() as f64 / 1e6
        );
    }
    Ok(())
}

/// Import and export of a large layer: the full import (parse, validate, write with R-tree)
/// beside parsing the same bytes with serde_json alone.
fn imports(dir: &std::path::Path, data: &DataDir) -> Result<()> {
    let db = dir.join("import-bench.gpkg");
    atlas_core::store::build_atlas(data, &db)?;
    let atlas = atlas_core::Atlas::open(&db)?;
    let t = Instant::now();
    let text = atlas_synthetic::hex_grid_geojson(100_000);
    let file = dir.join("hex-100k.geojson");
    std::fs::write(&file, &text).map_err(|source| atlas_core::AtlasError::Write { path: file.clone(), source })?;
    let mb = text.len() as f64 / 1e6;
    println!("generate hex grid GeoJSON                 {:>8.2} s  ({mb:.1} MB)", t.elapsed().as_secs_f64());
    let t = Instant::now();
    let value: serde_json::Value = serde_json::from_str(&text).expect("generated JSON parses");
    let parse_s = t.elapsed().as_secs_f64();
    let cells = value["features"].as_array().map(|a| a.len()).unwrap_or(0);
    drop(value);
    let t = Instant::now();
    let report = atlas.import_file(&file, &Default::default(), &|_, _| true)?;
    let import_s = t.elapsed().as_secs_f64();
    println!(
        "import {cells} polygons: {:>6.2} s = {:>5.1} MB/s   (serde_json parse alone {:.2} s = {:.1} MB/s; import is {:.1}× that)",
        import_s,
        mb / import_s,
        parse_s,
        mb / parse_s,
        import_s / parse_s
    );
    assert_eq!(report.features, cells);
    viewports(&atlas, &report.layers[0])?;
    thinnings(&atlas, &dir)?;
    let out = dir.join("hex-export.geojson");
    let t = Instant::now();
    atlas.export_layer_geojson(&report.layers[0], None, &out)?;
    let s = t.elapsed().as_secs_f64();
    let size = std::fs::metadata(&out).map(|m| m.len()).unwrap_or(0) as f64 / 1e6;
    println!("export that layer as GeoJSON              {:>8.2} s  ({size:.1} MB, {:.1} MB/s)", s, size / s);
    let t = Instant::now();
    atlas.export_geopackage(&dir.join("export.gpkg"))?;
    println!("export the whole atlas as GeoPackage      {:>8.2} s", t.elapsed().as_secs_f64());
    Ok(())
}

/// A 1280×800 view of the 100k-cell layer at several zooms: the viewport query (R-tree, pixel
/// projection, snapping, dots) beside sending the same features as GeoJSON (what the naive
/// path ships), in time and bytes.
pub(crate) fn viewports(atlas: &atlas_core::Atlas, layer: &str) -> Result<()> {
    use atlas_core::stream::viewport::{world_px, ViewRequest};
    let centre = (117.20, 39.13);
    println!("viewport of the 100k-cell layer, 1280×800 px + 15% margin (as the app asks):");
    for zoom in [8.0, 10.0, 12.0, 14.0] {
        let (cx, cy) = world_px(centre.0, centre.1, zoom);
        let (hw, hh) = (640.0 * 1.3, 400.0 * 1.3);
        let unproject = |x: f64, y: f64| {
            let scale = 256.0 * 2f64.powf(zoom);
            let lon = x / scale * 360.0 - 180.0;
            let lat = (std::f64::consts::PI * (1.0 - 2.0 * y / scale)).sinh().atan().to_degrees();
            (lon, lat)
        };
        let (w, n) = unproject(cx - hw, cy - hh);
        let (e, s) = unproject(cx + hw, cy + hh);
        let request = ViewRequest { bbox: [w, s, e, n], zoom };
        let mut bytes = 0;
        let view_ms = median(
            (0..5)
                .map(|_| {
                    let t = Instant::now();
                    bytes = atlas.layer_view_wire(layer, &request, &|| false).map(|b| b.len()).unwrap_or(0);
                    t.elapsed().as_secs_f64() * 1e3
                })
                .collect(),
        );
        let view = atlas.layer_view(layer, &request, &|| false)?;
        let t = Instant::now();
        let mut naive_bytes = 0;
        for id in &view.ids {
            let f = atlas.user_feature(*id)?;
            naive_bytes += serde_json::to_vec(&f).map(|v| v.len()).unwrap_or(0);
        }
        let naive_ms = t.elapsed().as_secs_f64() * 1e3;
        println!(
            "  zoom {zoom:>2}: {:>6} features in view → {:>6} shapes + {:>6} dots, {:>7.1} ms, {:>8.1} kB   (as GeoJSON features: {:>7.1} ms, {:>8.1} kB)",
            view.in_view,
            view.shapes.len(),
            view.dots.len(),
            view_ms,
            bytes as f64 / 1e3,
            naive_ms,
            naive_bytes as f64 / 1e3
        );
    }
    Ok(())
}

/// The atlas's snapping beside geo's simplifications, on a 20k-parcel grid whose edges wiggle
/// through 8 extra vertices each (neighbours share them exactly): time, vertices sent, polygons
/// sent invalid, and edge segments that lost their twin in the neighbouring parcel (a gap or an
/// overlap on screen).
fn thinnings(atlas: &atlas_core::Atlas, dir: &std::path::Path) -> Result<()> {
    use atlas_core::stream::thinning::Thinning;
    use atlas_core::stream::viewport::{world_px, ViewRequest};
    use geo::Validation;
    let file = dir.join("parcels.geojson");
    let text = atlas_synthetic::wiggly_grid_geojson(20_000, 8);
    std::fs::write(&file, &text).map_err(|source| atlas_core::AtlasError::Write { path: file.clone(), source })?;
    let report = atlas.import_file(&file, &Default::default(), &|_, _| true)?;
    let layer = &report.layers[0];
    println!(
        "thinning a view of {} parcels ({:.1} MB, 54 vertices each), 1280×800 px + 15%:",
        report.features,
        text.len() as f64 / 1e6
    );
    let centre = (117.20, 39.13);
    for zoom in [10.0, 12.0, 14.0] {
        let (cx, cy) = world_px(centre.0, centre.1, zoom);
        let scale = 256.0 * 2f64.powf(zoom);
        let unproject = |x: f64, y: f64| {
            (x / scale * 360.0 - 180.0, (std::f64::consts::PI * (1.0 - 2.0 * y / scale)).sinh().atan().to_degrees())
        };
        let (w, n) = unproject(cx - 640.0 * 1.3, cy - 400.0 * 1.3);
        let (e, s) = unproject(cx + 640.0 * 1.3, cy + 400.0 * 1.3);
        let request = ViewRequest { bbox: [w, s, e, n], zoom };
        for (label, thinning) in [
            ("snap ¼ px + collinear (atlas)", Thinning::SnapThin),
            ("exact projection", Thinning::Exact),
            ("geo RDP ε 0.5 px", Thinning::Rdp(0.5)),
            ("geo VW-preserve ε 0.25 px²", Thinning::VwPreserve(0.25)),
        ] {
            let ms = median(
                (0..3)
                    .map(|_| {
                        let t = Instant::now();
                        black_box(
                            atlas.layer_view_thinned(layer, &request, &|| false, thinning).map(|v| v.in_view).ok(),
                        );
                        t.elapsed().as_secs_f64() * 1e3
                    })
                    .collect(),
            );
            let view = atlas.layer_view_thinned(layer, &request, &|| false, thinning)?;
            let mut vertices = 0;
            let mut invalid = 0;
            // Shapes whose snapped form failed the ring check and went unsnapped.
            let unsnapped = view
                .shapes
                .iter()
                .filter(|(_, parts)| {
                    parts.iter().flatten().any(|(x, y)| (x * 4.0).fract() != 0.0 || (y * 4.0).fract() != 0.0)
                })
                .count();
            let mut segments: std::collections::HashMap<[u32; 4], u32> = std::collections::HashMap::new();
            for (_, parts) in &view.shapes {
                let ring = |p: &Vec<(f32, f32)>| {
                    geo::LineString::from(p.iter().map(|(x, y)| (*x as f64, *y as f64)).collect::<Vec<_>>())
                };
                invalid +=
                    !geo::Polygon::new(ring(&parts[0]), parts[1..].iter().map(ring).collect()).is_valid() as usize;
                for part in parts {
                    vertices += part.len();
                    for pair in part.windows(2) {
                        let (a, b) =
                            ([pair[0].0.to_bits(), pair[0].1.to_bits()], [pair[1].0.to_bits(), pair[1].1.to_bits()]);
                        let key = if a < b { [a[0], a[1], b[0], b[1]] } else { [b[0], b[1], a[0], a[1]] };
                        *segments.entry(key).or_default() += 1;
                    }
                }
            }
            // Away from the view's edges (the middle half each way), every parcel edge has a
            // neighbour: a segment there without its twin is a gap or an overlap on screen.
            let (vw, vh) = ((1280.0 * 1.3) as f32, (800.0 * 1.3) as f32);
            let middle = |x: u32, y: u32| {
                let (x, y) = (f32::from_bits(x), f32::from_bits(y));
                x > vw * 0.25 && x < vw * 0.75 && y > vh * 0.25 && y < vh * 0.75
            };
            let inner: Vec<&u32> =
                segments.iter().filter(|(k, _)| middle(k[0], k[1]) && middle(k[2], k[3])).map(|(_, n)| n).collect();
            let lonely = inner.iter().filter(|n| ***n == 1).count();
            // A twinless segment with another parcel's vertex exactly on it is a T-junction (a
            // corner one side kept and the other dropped as collinear): nothing opens on screen.
            let mut vertex_cells: std::collections::HashMap<(i32, i32), Vec<(f32, f32)>> = Default::default();
            for (_, parts) in &view.shapes {
                for &(x, y) in parts.iter().flatten() {
                    vertex_cells.entry((x.floor() as i32, y.floor() as i32)).or_default().push((x, y));
                }
            }
            let t_junctions = segments
                .iter()
                .filter(|(k, n)| **n == 1 && middle(k[0], k[1]) && middle(k[2], k[3]))
                .filter(|(k, _)| {
                    let (a, b) =
                        ((f32::from_bits(k[0]), f32::from_bits(k[1])), (f32::from_bits(k[2]), f32::from_bits(k[3])));
                    let (x0, x1) = (a.0.min(b.0).floor() as i32, a.0.max(b.0).floor() as i32);
                    let (y0, y1) = (a.1.min(b.1).floor() as i32, a.1.max(b.1).floor() as i32);
                    (x0..=x1).flat_map(|x| (y0..=y1).map(move |y| (x, y))).any(|cell| {
                        vertex_cells.get(&cell).is_some_and(|vs| {
                            vs.iter().any(|&p| {
                                p != a && p != b && {
                                    let cross = (b.0 as f64 - a.0 as f64) * (p.1 as f64 - a.1 as f64)
                                        - (b.1 as f64 - a.1 as f64) * (p.0 as f64 - a.0 as f64);
                                    cross == 0.0
                                        && p.0 >= a.0.min(b.0)
                                        && p.0 <= a.0.max(b.0)
                                        && p.1 >= a.1.min(b.1)
                                        && p.1 <= a.1.max(b.1)
                                }
                            })
                        })
                    })
                })
                .count();
            println!(
                "  zoom {zoom:>2} {label:<30} {:>7.1} ms  {:>5} shapes + {:>5} dots  {:>8} vertices  {:>3} invalid, {:>4} unsnapped  {:>6} of {:>7} inner segments without a twin ({} of them T-junctions)",
                ms,
                view.shapes.len(),
                view.dots.len(),
                vertices,
                invalid,
                if thinning == Thinning::SnapThin { unsnapped } else { 0 },
                lonely,
                inner.len(),
                t_junctions
            );
        }
    }
    Ok(())
}
