//! What the app says about the open atlas file: its path, plan edition and schema, and the
//! notice or read-only reason the file's lifecycle produced when it was opened.

use std::path::PathBuf;

use serde::Serialize;

use crate::error::Result;
use crate::store::Atlas;

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct AtlasInfo {
    #[cfg_attr(test, ts(type = "string"))]
    pub path: PathBuf,
    pub edition: Option<String>,
    pub schema_version: i64,
    pub elements: usize,
    /// Shown once: e.g. an unreadable atlas was set aside at startup.
    pub notice: Option<String>,
    /// Set while nothing can be saved (the file was made by a newer version).
    pub read_only_reason: Option<String>,
}

impl AtlasInfo {
    pub fn of(
        atlas: &Atlas,
        path: PathBuf,
        notice: Option<String>,
        read_only_reason: Option<String>,
    ) -> Result<AtlasInfo> {
        Ok(AtlasInfo {
            path,
            edition: atlas.meta("plan_edition")?,
            schema_version: atlas.schema_version(),
            elements: atlas.elements().len(),
            notice,
            read_only_reason,
        })
    }
}
