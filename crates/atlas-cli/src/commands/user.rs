//! Commands on the user's own work in an atlas: imports and own layers, notes, tours.

use std::path::Path;

use atlas_core::gcj02::Datum;
use atlas_core::import::{ImportLimits, ImportOptions};
use atlas_core::user::notes::NoteTarget;
use atlas_core::user::tours::StopContent;
use atlas_core::{AtlasError, Result};

use super::Context;
use crate::print;

/// `atlas import`'s options, beside the file.
pub struct ImportArgs {
    pub layer: Option<String>,
    pub layers: Option<Vec<String>>,
    pub datum: Datum,
    /// `--crs EPSG:…`: the file's CRS, overriding its own.
    pub source_epsg: Option<u32>,
    /// `--encoding`: the Shapefile attributes' encoding.
    pub encoding: Option<String>,
    pub lon_column: Option<String>,
    pub lat_column: Option<String>,
    pub limits: ImportLimits,
}

/// `atlas import FILE`: new own layer(s) in the --db atlas.
pub fn import(cx: &Context, file: &Path, args: ImportArgs) -> Result<()> {
    let atlas = cx.writable("import into")?;
    let options = ImportOptions {
        layer_name: args.layer,
        datum: args.datum,
        limits: args.limits,
        lon_column: args.lon_column,
        lat_column: args.lat_column,
        gpkg_layers: args.layers,
        encoding: args.encoding,
        source_epsg: args.source_epsg,
    };
    let report = atlas.import_file(file, &options, &|_, _| true)?;
    print::import_report(&report, cx.json);
    Ok(())
}

/// `atlas layers`: the own layers.
pub fn layers(cx: &Context) -> Result<()> {
    print::layers(&cx.atlas()?.user_layers()?, cx.json);
    Ok(())
}

/// `atlas notes [TEXT] [--on KIND:ID]`: add a note with --on, else list the notes containing TEXT.
pub fn notes(cx: &Context, text: Option<&str>, on: Option<&str>) -> Result<()> {
    let Some(target) = on else {
        print::notes(&cx.atlas()?.notes(text)?, cx.json);
        return Ok(());
    };
    let atlas = cx.writable("add a note to")?;
    let text = text.ok_or_else(|| AtlasError::Invalid("give the note's text".into()))?;
    let (kind, id) = target
        .split_once(':')
        .ok_or_else(|| AtlasError::Invalid("--on KIND:ID, e.g. element:xinchuang-valley".into()))?;
    let kind: NoteTarget = serde_json::from_value(serde_json::Value::String(kind.into()))
        .map_err(|_| AtlasError::Invalid(format!("{kind:?} is not element, district, paragraph or feature")))?;
    let note = atlas.add_note(kind, id, text)?;
    print::value(&note, &format!("note {} added", note.id), cx.json);
    Ok(())
}

/// `atlas tours [ID]`: the tours, or one tour's stops.
pub fn tours(cx: &Context, id: Option<&str>) -> Result<()> {
    let atlas = cx.atlas()?;
    match id {
        Some(id) => print::tour(&atlas.tour(id)?, cx.json),
        None => print::tours(&atlas.tours()?, cx.json),
    }
    Ok(())
}

/// `atlas tours --new NAME_ZH --stops ID,ID`: a tour through plan elements, in the --db atlas.
pub fn new_tour(cx: &Context, name_zh: &str, name_en: &str, stops: &[String]) -> Result<()> {
    let atlas = cx.writable("add a tour to")?;
    // Every stop is checked before the tour is made, so a typo leaves no half-made tour.
    let stops = stops
        .iter()
        .map(|id| {
            let element = atlas.element(id).ok_or_else(|| {
                AtlasError::Invalid(format!("no element {id:?} for a stop; `atlas elements` lists them"))
            })?;
            Ok(StopContent {
                element_id: Some(id.clone()),
                view: None,
                layers: Vec::new(),
                caption_zh: element.name_zh.clone(),
                caption_en: element.name_en.clone(),
                notes: String::new(),
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let mut tour = atlas.create_tour(name_zh, name_en)?;
    for stop in &stops {
        tour = atlas.add_stop(&tour.id, stop)?;
    }
    print::value(&tour, &format!("tour {} added with {} stop(s)", tour.id, tour.stops.len()), cx.json);
    Ok(())
}
