//! The whole atlas — plan and the user's work — as a standalone GeoPackage for QGIS.

use std::path::Path;

use crate::error::{AtlasError, Result};
use crate::store::Atlas;

impl Atlas {
    /// Writes a consistent copy with `VACUUM INTO` (readable while the app writes), to a
    /// temporary name renamed into place when complete.
    pub fn export_geopackage(&self, path: &Path) -> Result<()> {
        let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        let tmp = dir.join(format!(".{}.partial", path.file_name().and_then(|n| n.to_str()).unwrap_or("atlas.gpkg")));
        let _ = std::fs::remove_file(&tmp);
        let result =
            self.conn.execute("VACUUM INTO ?1", [tmp.to_string_lossy()]).map_err(AtlasError::from).and_then(|_| {
                std::fs::rename(&tmp, path).map_err(|source| AtlasError::Write { path: path.into(), source })
            });
        if result.is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
        result
    }
}
