//! `atlas-dev bench-import`: the GeoJSON import beside GDAL's `ogr2ogr -f GPKG` on the same
//! files in the same run, each in its own process under GNU time (`/usr/bin/time -f "%e %M"`),
//! so both are measured the same way: wall time and peak resident memory. Then the streamed
//! viewport of the imported grid (the large-layer figures the storage design is judged by).
//! Figures, not assertions.

use std::path::{Path, PathBuf};
use std::process::Command;

use atlas_core::{AtlasError, DataDir, Result};

/// What GNU time measured of one process.
struct Timed {
    seconds: f64,
    /// User + system CPU seconds (on a shared machine the wall time moves with the load; the
    /// CPU time much less).
    cpu: f64,
    peak_mb: f64,
}

/// A command run under GNU time.
fn timed(program: &Path, args: &[&str]) -> Result<Timed> {
    let out =
        Command::new("/usr/bin/time").arg("-f").arg("TIMED %e %U %S %M").arg(program).args(args).output().map_err(
            |e| AtlasError::Invalid(format!("/usr/bin/time {}: {e} (apt-get install time)", program.display())),
        )?;
    let stderr = String::from_utf8_lossy(&out.stderr);
    if !out.status.success() {
        return Err(AtlasError::Invalid(format!("{} failed: {stderr}", program.display())));
    }
    let line = stderr.lines().rev().find(|l| l.starts_with("TIMED ")).unwrap_or("TIMED 0 0 0 0");
    let figures: Vec<f64> = line.split_whitespace().skip(1).map(|s| s.parse().unwrap_or(0.0)).collect();
    let figure = |i: usize| figures.get(i).copied().unwrap_or(0.0);
    Ok(Timed { seconds: figure(0), cpu: figure(1) + figure(2), peak_mb: figure(3) / 1024.0 })
}

/// The child's side: one import into `db`, as the app and the CLI do it, with the size limit
/// raised for the 1M-point file.
pub fn import_once(db: &Path, file: &Path) -> Result<()> {
    let atlas = atlas_core::Atlas::open(db)?;
    let mut options = atlas_core::import::ImportOptions::default();
    options.limits.max_bytes = 4 << 30;
    let report = atlas.import_file(file, &options, &|_, _| true)?;
    println!("{} features", report.features);
    Ok(())
}

pub fn run(data: &DataDir, points: usize) -> Result<()> {
    let dir = std::env::temp_dir().join(format!("atlas-bench-import-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|source| AtlasError::Write { path: dir.clone(), source })?;
    let me = std::env::current_exe().map_err(|e| AtlasError::Invalid(format!("current_exe: {e}")))?;
    let empty = dir.join("empty.gpkg");
    atlas_core::store::build_atlas(data, &empty)?;
    // Opened once, as a user's atlas has been: in WAL mode from then on (the first open's switch
    // from the built file's rollback journal is not part of an import).
    drop(atlas_core::Atlas::open(&empty)?);
    let write = |name: &str, text: String| -> Result<PathBuf> {
        let file = dir.join(name);
        std::fs::write(&file, text).map_err(|source| AtlasError::Write { path: file.clone(), source })?;
        Ok(file)
    };
    // (label, file, rounds): the grid, quick, in three pairs (the machine is shared, one pair
    // can be unlucky); the points, long for GDAL, in one.
    let files = [
        ("100k hex polygons", write("hex-100k.geojson", atlas_synthetic::hex_grid_geojson(100_000))?, 3),
        ("points", write("points.geojson", atlas_synthetic::random_points_geojson(points, 1))?, 1),
    ];
    println!("GeoJSON import, each in its own process (wall time, CPU time, peak RSS), beside ogr2ogr -f GPKG:");
    let mut hex_db = None;
    for (label, file, rounds) in &files {
        for _ in 0..*rounds {
            let mb = std::fs::metadata(file).map(|m| m.len()).unwrap_or(0) as f64 / 1e6;
            let db = dir.join(format!("{}.gpkg", file.file_stem().and_then(|s| s.to_str()).unwrap_or("x")));
            std::fs::copy(&empty, &db).map_err(|source| AtlasError::Write { path: db.clone(), source })?;
            let ours = timed(
                &me,
                &["--db", db.to_str().unwrap_or_default(), "import-once", file.to_str().unwrap_or_default()],
            )?;
            let gdal_out = dir.join("gdal.gpkg");
            let _ = std::fs::remove_file(&gdal_out);
            let gdal = timed(
                Path::new("ogr2ogr"),
                &["-f", "GPKG", gdal_out.to_str().unwrap_or_default(), file.to_str().unwrap_or_default()],
            )?;
            println!(
            "  {label:<18} {mb:>6.1} MB: atlas {:>6.2} s = {:>6.1} MB/s (CPU {:.2} s), peak {:>6.0} MB ({:.1}× the file) | ogr2ogr {:>6.2} s (CPU {:.2} s), peak {:>6.0} MB | atlas is {:.2}× ogr2ogr's speed",
            ours.seconds,
            mb / ours.seconds,
            ours.cpu,
            ours.peak_mb,
            ours.peak_mb / mb,
            gdal.seconds,
            gdal.cpu,
            gdal.peak_mb,
            gdal.seconds / ours.seconds
        );
            if hex_db.is_none() {
                hex_db = Some(db);
            }
        }
    }
    if let Some(db) = hex_db {
        let atlas = atlas_core::Atlas::open(&db)?;
        let layer = atlas.user_layers()?.pop().map(|l| l.id).unwrap_or_default();
        crate::bench::viewports(&atlas, &layer)?;
    }
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}
