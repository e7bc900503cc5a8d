//! The `atlas` command line: every command and argument, as clap definitions. Nothing here runs
//! anything; `main.rs` dispatches each [`Command`] to its function in `commands/`.

use std::path::PathBuf;

use atlas_core::gcj02::Datum;
use atlas_core::render::{Lang, PageFormat};
use clap::{CommandFactory, Parser, Subcommand, ValueEnum};

/// The whole command line, with the version text `atlas --version` prints.
pub fn command() -> clap::Command {
    // clap takes a &'static str here (without its "string" feature); one leaked string per run.
    let text: &'static str = Box::leak(atlas_default::about::version_text(env!("CARGO_PKG_VERSION")).into_boxed_str());
    Cli::command().long_version(text)
}

#[derive(Parser)]
#[command(
    name = "atlas",
    version,
    about = "Tianjin Innovation Atlas: build, check, query and export the spatial layout of Tianjin's 14th Five-Year S&T Innovation Plan"
)]
pub struct Cli {
    /// Use this atlas file instead of the embedded default.
    #[arg(long, global = true, value_name = "FILE")]
    pub db: Option<PathBuf>,
    /// Print JSON instead of text (for scripts).
    #[arg(long, global = true)]
    pub json: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
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
    /// List plan elements, optionally in one district and/or category (`atlas zones` still works).
    #[command(visible_alias = "zones")]
    Elements {
        /// District name (滨海新区, 滨海, Binhai) or adcode (120116).
        #[arg(long)]
        district: Option<String>,
        /// Category id, e.g. landmark_zone (see `atlas categories`).
        #[arg(long)]
        category: Option<String>,
    },
    /// Show one element: names, location basis, districts, quotes, themes, related.
    Show {
        id: String,
        /// The language to print in; by default the locale's (Chinese when LC_ALL, LC_MESSAGES
        /// or LANG, the first one set, starts with "zh"), else English.
        #[arg(long, value_enum)]
        lang: Option<LangArg>,
    },
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
    /// Import a GeoJSON, GeoPackage, CSV file, Shapefile (.shp) or zipped Shapefiles (.zip) into new layer(s) of the atlas named by --db.
    Import {
        file: PathBuf,
        /// Name of the new layer (GeoPackage: when importing one layer).
        #[arg(long)]
        layer: Option<String>,
        /// GeoPackage layers to import (comma-separated); all if omitted.
        #[arg(long, value_delimiter = ',')]
        layers: Option<Vec<String>>,
        /// The coordinates' system: an EPSG code (EPSG:4548, EPSG:4527, EPSG:4490, EPSG:3857…),
        /// which overrides the file's .prj; or a datum on top of longitude/latitude: wgs84, gcj02
        /// (AMap), bd09 (Baidu).
        #[arg(long, default_value = "wgs84", value_parser = crate::crs_arg::parse_crs_choice)]
        crs: crate::crs_arg::CrsChoice,
        /// Shapefile attributes: their encoding (UTF-8, GBK, GB18030, BIG5), overriding the .cpg
        /// and detection.
        #[arg(long)]
        encoding: Option<String>,
        /// CSV: the longitude and latitude columns (found by name if omitted).
        #[arg(long)]
        lon_column: Option<String>,
        #[arg(long)]
        lat_column: Option<String>,
        /// Largest file accepted, in MB.
        #[arg(long, default_value_t = 512)]
        max_mb: u64,
        /// Most properties (columns) per feature.
        #[arg(long, default_value_t = 1_000)]
        max_columns: usize,
        /// Most bytes of properties per feature, in KB.
        #[arg(long, default_value_t = 1_024)]
        max_property_kb: usize,
        /// Most parts in one multi-geometry (and holes in one polygon).
        #[arg(long, default_value_t = 10_000)]
        max_parts: usize,
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
    /// List the backups of the atlas named by --db (kept in backups/ beside it), newest first.
    Backups,
    /// Restore a backup (a name from `atlas backups`) over the --db atlas; the file as it was
    /// is backed up first, so a restore can be undone by another.
    Restore { backup: String },
    /// The bureau's shared atlas on PostgreSQL + PostGIS: prepare a server, manage members and layers.
    #[command(subcommand)]
    Team(TeamCommand),
    /// Push this atlas's changes to the team server and pull everyone else's (--db FILE).
    Sync {
        /// The server: a libpq connection string ('host=… dbname=… user=…') or a postgresql://
        /// URL; passwords from PGPASSWORD or ~/.pgpass. Default: the server last synced with.
        #[arg(long)]
        server: Option<String>,
    },
    /// List the conflicts a sync recorded (open ones; --all for resolved too), or resolve one.
    Conflicts {
        #[command(subcommand)]
        action: Option<ConflictsCommand>,
        #[arg(long)]
        all: bool,
    },
    /// List the tours, or show one; with --new, make a tour in the --db atlas.
    Tours {
        #[arg(conflicts_with = "new")]
        id: Option<String>,
        /// Make a tour with this (Chinese) name, stopping at the --stops elements in order.
        #[arg(long, value_name = "NAME_ZH", requires = "stops")]
        new: Option<String>,
        /// The new tour's English name.
        #[arg(long, requires = "new", default_value = "")]
        name_en: String,
        /// The new tour's stops: element ids, comma-separated (see `atlas elements`).
        #[arg(long, value_delimiter = ',', requires = "new")]
        stops: Option<Vec<String>>,
    },
}

#[derive(Subcommand)]
pub enum ExportCommand {
    /// Every plan element, or an own layer with --layer, as one RFC 7946 FeatureCollection (WGS84).
    Geojson {
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// An own layer's id (see `atlas layers`).
        #[arg(long)]
        layer: Option<String>,
        /// Write in another CRS (e.g. EPSG:4548), named in the file's `crs` member as GDAL and
        /// QGIS read it; RFC 7946 WGS84 without it.
        #[arg(long, value_parser = crate::crs_arg::parse_export_crs)]
        crs: Option<atlas_core::crs::Crs>,
    },
    /// Every plan element, or an own layer with --layer, as zipped Shapefiles (.shp, .shx,
    /// .dbf in UTF-8 with its .cpg, .prj) in a chosen CRS; one Shapefile per geometry type.
    Shp {
        /// The .zip to write.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// An own layer's id (see `atlas layers`).
        #[arg(long)]
        layer: Option<String>,
        /// The CRS to write: EPSG:4326, EPSG:4490 (CGCS2000), EPSG:4548 / EPSG:4527 (Tianjin's
        /// Gauss-Kruger), or any other supported EPSG code.
        #[arg(long, default_value = "EPSG:4326", value_parser = crate::crs_arg::parse_export_crs)]
        crs: atlas_core::crs::Crs,
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
        /// The page.
        #[arg(long, value_enum, default_value = "a4-landscape")]
        format: FormatArg,
        #[arg(long, value_enum, default_value = "zh")]
        lang: LangArg,
        #[arg(long)]
        title: Option<String>,
        /// Only these categories (comma-separated ids).
        #[arg(long, value_delimiter = ',')]
        layers: Option<Vec<String>>,
    },
    /// A tour's handout for the audience: a PDF page per stop with its map, caption and the
    /// plan's words (with our English rendering in English).
    Handout {
        #[arg(long)]
        tour: String,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        #[arg(long, value_enum, default_value = "zh")]
        lang: LangArg,
        /// The speaker's copy: adds each stop's speaker notes.
        #[arg(long)]
        speaker_copy: bool,
    },
    /// A district's one-page brief (A4 PDF, or .png / .svg): its map among its neighbours, what the
    /// plan puts there with each element's location basis, the city-wide elements that also apply,
    /// the key plan sentences with their sections, sources and date.
    Brief {
        /// The district: name in either language, or adcode (see `atlas district`).
        #[arg(long)]
        district: String,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        #[arg(long, value_enum, default_value = "zh")]
        lang: LangArg,
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
        #[arg(long, value_enum, default_value = "zh")]
        lang: LangArg,
    },
}

#[derive(Subcommand)]
pub enum TeamCommand {
    /// Prepare a PostGIS database for a bureau (schema, tables, indexes, roles, row-level security); idempotent.
    Init {
        #[arg(long)]
        server: String,
    },
    /// Which server this atlas syncs with, as whom, when it last did, what is pending (--db FILE).
    Status,
    /// Make a login role a viewer, editor or admin of the shared atlas (admins only).
    Member {
        member: String,
        #[arg(long, value_parser = ["viewer", "editor", "admin"])]
        role: String,
        #[arg(long)]
        server: Option<String>,
    },
    /// Let a role edit a shared layer's features (admins only); --revoke takes it back.
    Grant {
        /// The layer's name or id (see `atlas team layers`).
        #[arg(long)]
        layer: String,
        #[arg(long)]
        to: String,
        #[arg(long)]
        revoke: bool,
        #[arg(long)]
        server: Option<String>,
    },
    /// The layers shared on the server, with who may edit them.
    Layers {
        #[arg(long)]
        server: Option<String>,
    },
    /// Forget tombstones every desktop has pulled and push records no desktop needs (every sync does this too).
    Prune {
        #[arg(long)]
        server: Option<String>,
    },
}

#[derive(Subcommand)]
pub enum ConflictsCommand {
    /// Resolve a conflict: keep mine (the version that lost), theirs (the current one) or both.
    Resolve {
        id: i64,
        #[arg(long, value_enum)]
        keep: KeepArg,
    },
}

/// `--keep`: which side of a conflict stays.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum KeepArg {
    /// The version that lost (yours, if you made it).
    Mine,
    /// The version that stayed current.
    Theirs,
    /// Both: the lost version comes back as a new note, feature or stop.
    Both,
}

// The core's enums mirrored for the command line, so atlas-core needs no clap; each converts
// into its core type with `From`. Aliases keep the spellings the CLI accepted before.

/// `--lang`: the language of a printed page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    /// 中文
    #[value(alias = "cn", alias = "zh-CN")]
    Zh,
    /// English
    En,
}

impl LangArg {
    /// The language asked for, else the locale's: the first of LC_ALL, LC_MESSAGES and LANG
    /// that is set (POSIX's order) decides; Chinese when it starts with "zh", else English.
    pub fn or_locale(lang: Option<LangArg>) -> Lang {
        if let Some(l) = lang {
            return l.into();
        }
        let locale =
            ["LC_ALL", "LC_MESSAGES", "LANG"].iter().find_map(|v| std::env::var(v).ok().filter(|s| !s.is_empty()));
        match locale {
            Some(l) if l.to_ascii_lowercase().starts_with("zh") => Lang::Zh,
            _ => Lang::En,
        }
    }
}

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Lang {
        match l {
            LangArg::Zh => Lang::Zh,
            LangArg::En => Lang::En,
        }
    }
}

/// `--format`: the page of a map sheet.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// A4 portrait
    #[value(name = "a4", alias = "a4-portrait")]
    A4,
    /// A4 landscape
    A4Landscape,
    /// A 16:9 widescreen slide
    #[value(alias = "16:9", alias = "16x9")]
    Slide,
}

impl From<FormatArg> for PageFormat {
    fn from(f: FormatArg) -> PageFormat {
        match f {
            FormatArg::A4 => PageFormat::A4Portrait,
            FormatArg::A4Landscape => PageFormat::A4Landscape,
            FormatArg::Slide => PageFormat::Slide,
        }
    }
}

/// `--crs`: the datum an imported file's coordinates are in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum CrsArg {
    /// WGS84 (GPS, OpenStreetMap, EPSG:4326)
    #[value(alias = "epsg4326", alias = "epsg:4326", alias = "wgs-84")]
    Wgs84,
    /// GCJ-02 (AMap/高德, Tencent)
    #[value(alias = "amap", alias = "gaode", alias = "gcj-02")]
    Gcj02,
    /// BD-09 (Baidu)
    #[value(alias = "baidu", alias = "bd-09")]
    Bd09,
}

impl From<CrsArg> for Datum {
    fn from(c: CrsArg) -> Datum {
        match c {
            CrsArg::Wgs84 => Datum::Wgs84,
            CrsArg::Gcj02 => Datum::Gcj02,
            CrsArg::Bd09 => Datum::Bd09,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn every_old_spelling_still_parses() {
        for (text, want) in [("zh", LangArg::Zh), ("cn", LangArg::Zh), ("zh-CN", LangArg::Zh), ("en", LangArg::En)] {
            assert_eq!(LangArg::from_str(text, false).unwrap(), want, "{text}");
        }
        for text in ["a4", "a4-portrait", "a4-landscape", "slide", "16:9", "16x9"] {
            let f = PageFormat::from(FormatArg::from_str(text, false).unwrap());
            assert_eq!(Some(f), PageFormat::parse(text), "{text}");
        }
        for text in ["wgs84", "WGS84", "epsg4326", "gcj02", "amap", "gaode", "bd09", "baidu", "GCJ-02"] {
            let d = Datum::from(CrsArg::from_str(text, true).unwrap());
            assert_eq!(Some(d), Datum::parse(text), "{text}");
        }
    }
}
