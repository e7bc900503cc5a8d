//! The exports in a chosen CRS (`atlas export shp`, `atlas export geojson --crs`); what
//! `--crs` means on import is in crs_arg.rs (the argument definitions' side).

use std::path::Path;

use atlas_core::crs::Crs;
use atlas_core::{AtlasError, Result};

use super::Context;

/// `atlas export shp`: an own layer, or the plan, as a zip of Shapefiles in `crs`.
pub fn export_shapefile(cx: &Context, layer: Option<&str>, crs: Crs, out: &Path) -> Result<()> {
    if out.extension().and_then(|e| e.to_str()).map(|e| e.to_ascii_lowercase()).as_deref() != Some("zip") {
        return Err(AtlasError::Invalid(format!(
            "{}: name the output .zip (the Shapefile's .shp, .shx, .dbf, .prj and .cpg go in one archive)",
            out.display()
        )));
    }
    let atlas = cx.atlas()?;
    let written = match layer {
        Some(l) => atlas.export_layer_shapefile(l, crs, out)?,
        None => atlas.export_plan_shapefile(crs, out)?,
    };
    eprintln!(
        "wrote {} features as {} in {} to {}",
        written.features,
        written.shapefiles.join(", "),
        crs.label(),
        out.display()
    );
    for note in &written.notes {
        eprintln!("  {note}");
    }
    Ok(())
}

/// `atlas export geojson --crs`: the collection in another CRS, named in its `crs` member.
pub fn export_geojson_in(cx: &Context, layer: Option<&str>, crs: Crs, out: &Path) -> Result<()> {
    let n = cx.atlas()?.export_geojson_in(layer, crs, out)?;
    eprintln!("wrote {n} features in {} to {}", crs.label(), out.display());
    Ok(())
}
