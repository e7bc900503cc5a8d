//! The whole atlas — plan and the user's work — as a standalone GeoPackage for QGIS.

use std::path::Path;

use crate::error::Result;
use crate::files::atomic::AtomicFile;
use crate::store::Atlas;

impl Atlas {
    /// Writes a consistent copy with `VACUUM INTO` (readable while the app writes), to a
    /// temporary name renamed into place when complete.
    pub fn export_geopackage(&self, path: &Path) -> Result<()> {
        let file = AtomicFile::new(path)?;
        self.conn.execute("VACUUM INTO ?1", [file.temp_path().to_string_lossy()])?;
        file.commit()
    }
}
