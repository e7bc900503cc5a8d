//! `atlas-dev bench-import`: the GeoJSON import beside GDAL's `ogr2ogr -f GPKG` on the same
//! files in the same run, each in its own process under GNU time (`/usr/bin/time -f "%e %M"`),
//! so both are measured the same way: wall time and peak resident memory. Then the streamed
//! viewport of the imported grid (the large-layer figures the storage design is judged by).
//! Figures, not assertions.

use std::path::{Path, PathBuf};
use std::process::Command;

use atlas_core::{AtlasError, DataDir, Result};

/// (seconds, peak resident MB) of a command run under GNU time.
fn timed(program: &Path, args: &[&str]) -> Result<(f64, f64)> {
    let out =
        Command::new("/usr/bin/time").arg("-f").arg("TIMED %e %M").arg(program).args(args).output().map_err(|e| {
            AtlasError::Invalid(format!("/usr/bin/time {}: {e} (apt-get install time)", program.display()))
        })?;
    let stderr = String::from_utf8_lossy(&out.stderr);
    if !out.status.success() {
        return Err(AtlasError::Invalid(format!("{} failed: {stderr}", program.display())));
    }
    let line = stderr.lines().rev().find(|l| l.starts_with("TIMED ")).unwrap_or("TIMED 0 0");
    let mut parts = line.split_whitespace().skip(1);
    let seconds = parts.next().and_then(|s| s.parse().ok()).unwrap_or(0.0);
    let kb: f64 = parts.next().and_then(|s| s.parse().ok()).unwrap_or(0.0);
    Ok((seconds, kb / 1024.0))
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
    let write = |name: &str, text: String| -> Result<PathBuf> {
        let file = dir.join(name);
        std::fs::write(&file, text).map_err(|source| AtlasError::Write { path: file.clone(), source })?;
        Ok(file)
    };
    let files = [
        ("100k hex polygons", write("hex-100k.geojson", atlas_synthetic::hex_grid_geojson(100_000))?),
        ("points", write("points.geojson", atlas_synthetic::random_points_geojson(points, 1))?),
    ];
    println!("GeoJSON import, each in its own process (wall time, peak RSS), beside ogr2ogr -f GPKG:");
    let mut hex_db = None;
    for (label, file) in &files {
        let mb = std::fs::metadata(file).map(|m| m.len()).unwrap_or(0) as f64 / 1e6;
        let db = dir.join(format!("{}.gpkg", file.file_stem().and_then(|s| s.to_str()).unwrap_or("x")));
        std::fs::copy(&empty, &db).map_err(|source| AtlasError::Write { path: db.clone(), source })?;
        let (ours, our_mem) =
            timed(&me, &["--db", db.to_str().unwrap_or_default(), "import-once", file.to_str().unwrap_or_default()])?;
        let gdal_out = dir.join("gdal.gpkg");
        let _ = std::fs::remove_file(&gdal_out);
        let (gdal, gdal_mem) = timed(
            Path::new("ogr2ogr"),
            &["-f", "GPKG", gdal_out.to_str().unwrap_or_default(), file.to_str().unwrap_or_default()],
        )?;
        println!(
            "  {label:<18} {mb:>6.1} MB: atlas {ours:>6.2} s = {:>6.1} MB/s, peak {our_mem:>6.0} MB ({:.1}× the file) | ogr2ogr {gdal:>6.2} s, peak {gdal_mem:>6.0} MB | atlas is {:.2}× ogr2ogr's speed",
            mb / ours,
            our_mem / mb,
            gdal / ours
        );
        if hex_db.is_none() {
            hex_db = Some(db);
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
