//! Writing the atlas out in formats other tools read.

pub mod csv;
pub mod geojson;
pub mod gpkg;

use std::io::Write;
use std::path::Path;

use crate::error::{AtlasError, Result};

/// Writes `bytes` to `path` through a temporary file in the same folder, renamed into place
/// only when complete: an export never leaves a half-written file under the chosen name.
pub fn write_atomically(path: &Path, write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> Result<()> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().ok_or_else(|| AtlasError::Invalid(format!("{} is not a file name", path.display())))?;
    let tmp = dir.join(format!(".{}.partial", name.to_string_lossy()));
    let result = (|| {
        let file = std::fs::File::create(&tmp)?;
        let mut out = std::io::BufWriter::new(file);
        write(&mut out)?;
        out.flush()?;
        out.get_ref().sync_all()?;
        drop(out);
        std::fs::rename(&tmp, path)
    })();
    result.map_err(|source| {
        let _ = std::fs::remove_file(&tmp);
        AtlasError::Write { path: path.into(), source }
    })
}
