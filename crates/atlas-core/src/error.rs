//! One error type for the core. Every variant carries what a user needs to act: the file, the
//! element or feature, the field, and what to do next. Messages are one line.

use std::path::PathBuf;

pub type Result<T, E = AtlasError> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum AtlasError {
    #[error("cannot read {path}: {source}. Check the path and that the file is readable.")]
    Read { path: PathBuf, source: std::io::Error },

    #[error("cannot write {path}: {source}. Check that the folder exists and is writable.")]
    Write { path: PathBuf, source: std::io::Error },

    #[error("{path}: {message}")]
    Data { path: PathBuf, message: String },

    #[error("{path} is not a GeoPackage (application_id is {found:?}, expected \"GPKG\"). Open an atlas built by `atlas build`, or a GeoPackage from QGIS via import.")]
    NotGeoPackage { path: PathBuf, found: String },

    #[error("{path} is not an atlas: it has no `atlas_meta` table. Build one with `atlas build --out FILE`, or import the file as a layer.")]
    NotAnAtlas { path: PathBuf },

    #[error("{path} uses atlas schema {found}, this program needs {expected}. {advice}")]
    SchemaVersion { path: PathBuf, found: i64, expected: i64, advice: String },

    #[error("no element with id {id:?}. List ids with `atlas zones`, or search with `atlas search TEXT`.")]
    UnknownElement { id: String },

    #[error("no district matches {query:?}. Use a Tianjin district name (e.g. 滨海新区, Binhai) or adcode (e.g. 120116); `atlas district` with no name lists them.")]
    UnknownDistrict { query: String },

    #[error("{0}")]
    Invalid(String),

    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
}

impl AtlasError {
    pub fn data(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        AtlasError::Data { path: path.into(), message: message.into() }
    }
}
