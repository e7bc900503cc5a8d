//! Commands on atlas files as wholes: build one from data/, check one, migrate one, list its
//! backups and restore one.

use std::path::Path;

use atlas_core::{Atlas, AtlasError, DataDir, Result};

use super::Context;
use crate::print;

/// `atlas build`: data/ → a GeoPackage atlas.
pub fn build(cx: &Context, data: &Path, out: &Path) -> Result<()> {
    let report = atlas_core::store::build_atlas(&DataDir::new(data), out)?;
    print::build_report(&report, cx.json);
    Ok(())
}

/// `atlas validate`: the source data with --data, else the atlas (embedded or --db).
pub fn validate(cx: &Context, data: Option<&Path>) -> Result<()> {
    let (problems, elements, label) = match data {
        Some(dir) => {
            let loaded = atlas_core::store::load_and_check(&DataDir::new(dir))?;
            let problems = loaded.problems.iter().map(|p| p.to_string()).collect::<Vec<_>>();
            (problems, loaded.plan.elements.len(), dir.display().to_string())
        }
        None => {
            let atlas = cx.atlas()?;
            (atlas_core::integrity::check_atlas(&atlas)?, atlas.elements().len(), atlas.label().to_string())
        }
    };
    print::problems(&problems, elements, cx.json);
    if !problems.is_empty() {
        return Err(AtlasError::Invalid(format!("{} problem(s) in {label}", problems.len())));
    }
    Ok(())
}

/// `atlas migrate`: upgrade the --db file to this program's schema (backed up first).
pub fn migrate(cx: &Context) -> Result<()> {
    let path = cx.db.as_ref().ok_or_else(|| AtlasError::Invalid("name the atlas to migrate with --db FILE".into()))?;
    let atlas = Atlas::open(path)?;
    print::migration(path, atlas.schema_version(), atlas.migration_backup.as_deref());
    Ok(())
}

/// The --db file, for commands that only make sense on a file.
fn file_of(cx: &Context, what: &str) -> Result<atlas_core::files::lifecycle::AtlasFile> {
    let path = cx.db.as_ref().ok_or_else(|| AtlasError::Invalid(format!("name the atlas to {what} with --db FILE")))?;
    Ok(atlas_core::files::lifecycle::AtlasFile::new(path, atlas_default::DEFAULT_ATLAS))
}

/// `atlas backups`: what is in backups/ beside the --db file.
pub fn backups(cx: &Context) -> Result<()> {
    print::backups(&file_of(cx, "list the backups of")?.backups(), cx.json);
    Ok(())
}

/// `atlas restore NAME`: the backup over the --db file, after backing that up.
pub fn restore(cx: &Context, name: &str) -> Result<()> {
    let file = file_of(cx, "restore")?;
    let mut atlas = Atlas::open(file.path())?;
    let restored = file.restore(&mut atlas, name)?;
    print::restored(&restored);
    Ok(())
}
