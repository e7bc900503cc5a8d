//! The shared atlas measured on this machine, for BENCHMARKS.md: a 100k-feature layer shared
//! from one desktop (first sync), pulled by a second (first pull), then 100 edits synced
//! (incremental push and pull); beside the same data moved into PostGIS by `ogr2ogr`, in the
//! same run against the same throwaway PostgreSQL + PostGIS cluster.
//!
//!     cargo run --release -p atlas-team --bin atlas-team-bench [-- FEATURES]

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use atlas_core::import::ImportOptions;
use atlas_core::user::features::FeatureAttributes;
use atlas_team::throwaway::Cluster;

/// A desktop's atlas, built from the repository's data/ as atlas-default's build script builds
/// the built-in one (byte for byte: the build is reproducible); atlas-team does not link it.
fn desktop(dir: &Path, name: &str) -> std::path::PathBuf {
    let path = dir.join(name);
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data");
    atlas_core::store::build_atlas(&atlas_core::DataDir::new(data), &path).expect("build an atlas from data/");
    path
}

/// A grid of `n` small squares around Tianjin with three typed fields, as GeoJSON.
fn grid(path: &Path, n: usize) {
    let side = (n as f64).sqrt().ceil() as usize;
    let mut out = String::with_capacity(n * 260);
    out.push_str("{\"type\":\"FeatureCollection\",\"features\":[");
    for i in 0..n {
        let (x, y) = (116.8 + (i % side) as f64 * 0.004, 38.6 + (i / side) as f64 * 0.004);
        let d = 0.0035;
        if i > 0 {
            out.push(',');
        }
        out.push_str(&format!(
            "{{\"type\":\"Feature\",\"properties\":{{\"cell\":\"c{i}\",\"code\":{},\"share\":{:.3}}},\"geometry\":{{\"type\":\"Polygon\",\"coordinates\":[[[{x:.4},{y:.4}],[{:.4},{y:.4}],[{:.4},{:.4}],[{x:.4},{:.4}],[{x:.4},{y:.4}]]]}}}}",
            i % 97,
            (i % 1000) as f64 / 1000.0,
            x + d,
            x + d,
            y + d,
            y + d
        ));
    }
    out.push_str("]}");
    std::fs::write(path, out).expect("write the grid");
}

fn secs(t: Instant) -> f64 {
    t.elapsed().as_secs_f64()
}

/// What `work` returns, and the seconds it took.
fn timed<T>(work: impl FnOnce() -> T) -> (T, f64) {
    let t = Instant::now();
    let value = work();
    (value, secs(t))
}

fn main() {
    let n: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let pg = Cluster::start();
    pg.bureau("bureau", &["ana", "ben"]);
    let dir = tempfile::tempdir().expect("temp folder");
    let geojson = dir.path().join("cells.geojson");
    grid(&geojson, n);
    let a = desktop(dir.path(), "a.gpkg");
    let b = desktop(dir.path(), "b.gpkg");
    let options = ImportOptions { layer_name: Some("cells".into()), ..Default::default() };
    let (_, import_s) =
        timed(|| atlas_core::Atlas::open(&a).unwrap().import_file(&geojson, &options, &|_, _| true).expect("import"));
    let (ana, ben) = (pg.url("ana", "bureau"), pg.url("ben", "bureau"));
    let sync = |atlas: &Path, url: &str, what: &str| timed(|| atlas_team::sync::sync(atlas, url).expect(what));

    let (first, first_s) = sync(&a, &ana, "first sync");
    let (pull, pull_s) = sync(&b, &ben, "first pull");

    // 100 edits on the first desktop: names of features spread over the layer.
    {
        let atlas = atlas_core::Atlas::open(&a).unwrap();
        let layer = atlas.user_layers().unwrap().into_iter().find(|l| l.name == "cells").unwrap();
        let ids: Vec<i64> = atlas.layer_features(&layer.id).unwrap().iter().map(|f| f.id).collect();
        for k in 0..100 {
            let id = ids[k * ids.len() / 100];
            atlas
                .update_feature_attributes(id, &FeatureAttributes { name_zh: format!("改 {k}"), ..Default::default() })
                .unwrap();
        }
    }
    let (inc, inc_s) = sync(&a, &ana, "incremental sync");
    let (inc_pull, inc_pull_s) = sync(&b, &ben, "incremental pull");
    let (_, idle_s) = sync(&a, &ana, "idle sync");

    // The same data by ogr2ogr: the GeoJSON file, and the desktop's own GeoPackage layer.
    let pg_dsn = format!("PG:host={} port={} user=postgres dbname=bureau", pg.socket_dir().display(), pg.port);
    let ogr = |src: &Path, layer: Option<&str>, name: &str| {
        let t = Instant::now();
        let mut cmd = Command::new("ogr2ogr");
        cmd.args(["-f", "PostgreSQL", &pg_dsn]).arg(src).args([
            "-nln",
            name,
            "-lco",
            "SPATIAL_INDEX=GIST",
            "-lco",
            "GEOMETRY_NAME=geom",
            "--config",
            "PG_USE_COPY",
            "YES",
        ]);
        if let Some(l) = layer {
            cmd.arg(l);
        }
        let out = cmd.output().expect("ogr2ogr (gdal-bin)");
        assert!(out.status.success(), "ogr2ogr: {}", String::from_utf8_lossy(&out.stderr));
        secs(t)
    };
    let ogr_geojson_s = ogr(&geojson, None, "ogr_from_geojson");
    let ogr_gpkg_s = ogr(&a, Some("cells"), "ogr_from_gpkg");

    let mut db = pg.admin("bureau");
    let size = |db: &mut postgres::Client, t: &str| -> i64 {
        db.query_one(&format!("SELECT pg_total_relation_size('{t}')"), &[]).unwrap().get(0)
    };
    let table: String = db.query_one("SELECT 'atlas_team.' || table_name FROM atlas_team.layers", &[]).unwrap().get(0);
    let ours = size(&mut db, &table);
    let ogr_size = size(&mut db, "public.ogr_from_geojson");
    let batches: i64 = db
        .query_one("SELECT coalesce(sum(pg_column_size(results)), 0)::bigint FROM atlas_team.batches", &[])
        .unwrap()
        .get(0);
    let mb = |b: usize| b as f64 / 1e6;

    println!(
        "features: {n}; GeoJSON {:.1} MB; import into the desktop {import_s:.2} s",
        std::fs::metadata(&geojson).unwrap().len() as f64 / 1e6
    );
    println!("| step | time | rows | payload |");
    println!("|---|---|---|---|");
    println!("| first sync (push {n} features + layer) | {first_s:.2} s (push {} ms, pull {} ms) | {} pushed | {:.1} MB sent |", first.push_ms, first.pull_ms, first.pushed, mb(first.bytes_sent));
    println!(
        "| first pull on a second desktop | {pull_s:.2} s | {} pulled | {:.1} MB received |",
        pull.pulled,
        mb(pull.bytes_received)
    );
    println!(
        "| incremental sync (100 edits) | {inc_s:.3} s (push {} ms) | {} pushed | {:.1} KB sent |",
        inc.push_ms,
        inc.pushed,
        inc.bytes_sent as f64 / 1e3
    );
    println!(
        "| incremental pull (100 edits) | {inc_pull_s:.3} s | {} pulled | {:.1} KB received |",
        inc_pull.pulled,
        inc_pull.bytes_received as f64 / 1e3
    );
    println!("| sync with nothing to do | {idle_s:.3} s | 0 | 0 |");
    println!("| ogr2ogr GeoJSON → PostGIS (COPY, GiST) | {ogr_geojson_s:.2} s | {n} | |");
    println!("| ogr2ogr desktop GeoPackage layer → PostGIS | {ogr_gpkg_s:.2} s | {n} | |");
    println!("server table: ours {:.1} MB (with rev/who/when columns and two indexes), ogr2ogr's {:.1} MB; push records (batches) {:.1} MB", mb(ours as usize), mb(ogr_size as usize), mb(batches as usize));
}
