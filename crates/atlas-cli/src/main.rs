//! `atlas`: the headless, scriptable face of the atlas. Every command reads the embedded default
//! atlas unless `--db FILE` names another; every error is one line on stderr and a non-zero exit.
//!
//! The arguments are defined in `cli.rs` (a library, so the man page and completions are
//! generated from it); each command is one function in `commands/`, and `print.rs` shows results.

mod commands;
mod print;

use std::process::ExitCode;

use atlas_cli::cli::{self, Cli, Command, ConflictsCommand, ExportCommand, KeepArg, LangArg, TeamCommand};
use atlas_core::Result;
use clap::FromArgMatches;

use commands::Context;

/// One line per command: which function runs it.
fn dispatch(cx: &Context, command: Command) -> Result<()> {
    use commands::{export, files, query, team, user};
    match command {
        Command::Build { out, data } => files::build(cx, &data, &out),
        Command::Validate { data } => files::validate(cx, data.as_deref()),
        Command::Migrate => files::migrate(cx),
        Command::Backups => files::backups(cx),
        Command::Restore { backup } => files::restore(cx, &backup),
        Command::Elements { district, category } => query::elements(cx, district.as_deref(), category.as_deref()),
        Command::Show { id, lang } => query::show(cx, &id, LangArg::or_locale(lang)),
        Command::Search { text, limit } => query::search(cx, &text, limit),
        Command::District { name } => query::district(cx, name.as_deref()),
        Command::At { lon, lat } => query::at(cx, lon, lat),
        Command::Near { lon, lat, radius_m } => query::near(cx, lon, lat, radius_m),
        Command::Categories => query::categories(cx),
        Command::Text { section } => query::text(cx, section.as_deref()),
        Command::Import {
            file,
            layer,
            layers,
            crs,
            encoding,
            lon_column,
            lat_column,
            max_mb,
            max_columns,
            max_property_kb,
            max_parts,
        } => {
            let limits = atlas_core::import::ImportLimits {
                max_bytes: max_mb * 1_000_000,
                max_columns,
                max_property_bytes: max_property_kb * 1_024,
                max_parts,
            };
            user::import(cx, &file, {
                use atlas_cli::crs_arg::CrsChoice;
                let (datum, source_epsg) = match crs {
                    CrsChoice::Datum(d) => (d, None),
                    CrsChoice::Epsg(code) => (atlas_core::gcj02::Datum::Wgs84, Some(code)),
                };
                user::ImportArgs { layer, layers, datum, source_epsg, encoding, lon_column, lat_column, limits }
            })
        }
        Command::Layers => user::layers(cx),
        Command::Notes { text, on } => user::notes(cx, text.as_deref(), on.as_deref()),
        Command::Tours { new: Some(name_zh), name_en, stops, .. } => {
            user::new_tour(cx, &name_zh, &name_en, &stops.unwrap_or_default())
        }
        Command::Tours { id, .. } => user::tours(cx, id.as_deref()),
        Command::Team(TeamCommand::Init { server }) => team::init(cx, &server),
        Command::Team(TeamCommand::Status) => team::status(cx),
        Command::Team(TeamCommand::Member { member, role, server }) => team::member(cx, server, &member, &role),
        Command::Team(TeamCommand::Grant { layer, to, revoke, server }) => team::grant(cx, server, &layer, &to, revoke),
        Command::Team(TeamCommand::Layers { server }) => team::layers(cx, server),
        Command::Team(TeamCommand::Prune { server }) => team::prune(cx, server),
        Command::Sync { server } => team::sync(cx, server),
        Command::Conflicts { action: None, all } => team::list(cx, all),
        Command::Conflicts { action: Some(ConflictsCommand::Resolve { id, keep }), .. } => team::resolve(
            cx,
            id,
            match keep {
                KeepArg::Mine => atlas_team::conflicts::Keep::Mine,
                KeepArg::Theirs => atlas_team::conflicts::Keep::Theirs,
                KeepArg::Both => atlas_team::conflicts::Keep::Both,
            },
        ),
        Command::Export(ExportCommand::Geojson { out, layer, crs: None }) => {
            export::geojson(cx, layer.as_deref(), &out)
        }
        Command::Export(ExportCommand::Geojson { out, layer, crs: Some(crs) }) => {
            commands::import_crs::export_geojson_in(cx, layer.as_deref(), crs, &out)
        }
        Command::Export(ExportCommand::Shp { out, layer, crs }) => {
            commands::import_crs::export_shapefile(cx, layer.as_deref(), crs, &out)
        }
        Command::Export(ExportCommand::Gpkg { out }) => export::gpkg(cx, &out),
        Command::Export(ExportCommand::Csv { out }) => export::csv(cx, &out),
        Command::Export(ExportCommand::Sheet { out, of, bbox, format, lang, title, layers }) => export::sheet(
            cx,
            &export::SheetRequest { of, bbox, format: format.into(), lang: lang.into(), title, layers },
            &out,
        ),
        Command::Export(ExportCommand::Handout { tour, out, lang, speaker_copy }) => {
            export::handout(cx, &tour, lang.into(), speaker_copy, &out)
        }
        Command::Export(ExportCommand::Brief { district, out, lang }) => {
            export::brief(cx, &district, lang.into(), &out)
        }
        Command::Export(ExportCommand::AtlasBook { out, category, districts, lang }) => {
            export::atlas_book(cx, category.as_deref(), districts, lang.into(), &out)
        }
    }
}

/// mimalloc, not glibc's malloc: why is said once, beside the dependency in the workspace Cargo.toml.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let matches = cli::command().get_matches();
    let cli = Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
    let cx = Context { db: cli.db, json: cli.json };
    match dispatch(&cx, cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("atlas: {e}");
            ExitCode::FAILURE
        }
    }
}
