//! One error type for the core. Every variant carries what a user needs to act: the file, the
//! element or feature, the field, and what to do next. Messages are one line.
//!
//! Callers that must decide what to do (the UI: retry a view, stay quiet on a cancel, offer an
//! update) decide by [`ErrorKind`], never by message text: [`AtlasError::report`] gives the
//! kind, the message and, for import problems, where in the file it is.

use std::path::PathBuf;

use serde::Serialize;

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

    /// A file written by a newer program: never migrated "down", never written to.
    #[error("{path} was made by a newer version of the atlas (schema {found}; this program knows up to {supported}): update the atlas to open it. The file was not changed.")]
    NewerVersion { path: PathBuf, found: i64, supported: i64 },

    #[error("no element with id {id:?}. List ids with `atlas elements`, or search with `atlas search TEXT`.")]
    UnknownElement { id: String },

    #[error("no district matches {query:?}. Use a Tianjin district name (e.g. 滨海新区, Binhai) or adcode (e.g. 120116); `atlas district` with no name lists them.")]
    UnknownDistrict { query: String },

    #[error("{0}")]
    NotFound(String),

    /// A problem in a file being imported, pointing at the exact place.
    #[error("{0}")]
    Import(ImportProblem),

    /// The user cancelled a long job; nothing was written.
    #[error("{what} cancelled; nothing was written")]
    Cancelled { what: String },

    /// A newer request replaced this one before it finished (e.g. a map view after a pan).
    #[error("stale request: a newer one replaced it")]
    Stale,

    /// Another job holds the file (e.g. a reset while an import runs).
    #[error("{0}")]
    Busy(String),

    #[error("{0}")]
    Invalid(String),

    /// A geometry refused by validation (drawn or imported): the import carries the reason
    /// to the UI as a kind.
    #[error("geometry: {0}")]
    Geometry(crate::import::validate::GeometryProblem),

    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),

    /// A row did not read into its struct (a column missing or of another type): a query and
    /// its struct disagree, or the file was edited by hand.
    #[error("database row: {0}")]
    Row(#[from] serde_rusqlite::Error),
}

/// Where in an imported file a problem is, and whether it was a limit (which the user may
/// raise) or bad content.
#[derive(Debug, Clone, Serialize)]
pub struct ImportProblem {
    pub file: PathBuf,
    /// The feature's index in the file, from 0.
    pub feature: Option<usize>,
    pub field: Option<String>,
    pub message: String,
    pub limit: bool,
    /// The problem as a kind with its values, where it has one (`message` is its English
    /// wording): the import dialog words it in the UI's language.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<crate::import::problem_kind::ProblemKind>,
}

impl std::fmt::Display for ImportProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(i) = self.feature {
            write!(f, ": feature {i}")?;
        }
        if let Some(field) = &self.field {
            write!(f, ": {field}")?;
        }
        write!(f, ": {}. Nothing was imported.", self.message)
    }
}

/// What kind of failure this is, for callers that act on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    Cancelled,
    Stale,
    Busy,
    NotFound,
    NewerVersion,
    /// An atlas file of an older or unknown schema, or not an atlas at all.
    WrongFile,
    Import,
    /// An import limit was hit; the user may raise it.
    Limit,
    InvalidInput,
    /// The webview named a path the user did not choose in a dialog (refused by the shell).
    PathNotChosen,
    Io,
    Internal,
}

/// An error as it crosses to a caller that is not Rust (the webview, `--json`).
#[derive(Debug, Clone, Serialize)]
pub struct ErrorReport {
    pub kind: ErrorKind,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<PathBuf>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub feature: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// What is wrong with a file being imported, as a kind with its values (the import
    /// dialog words it in the UI's language; `message` is its English).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub problem: Option<crate::import::problem_kind::ProblemKind>,
}

impl ErrorReport {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        ErrorReport { kind, message: message.into(), file: None, feature: None, field: None, problem: None }
    }
}

impl From<AtlasError> for ErrorReport {
    fn from(e: AtlasError) -> Self {
        e.report()
    }
}

impl AtlasError {
    pub fn data(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        AtlasError::Data { path: path.into(), message: message.into() }
    }

    pub fn cancelled(what: impl Into<String>) -> Self {
        AtlasError::Cancelled { what: what.into() }
    }

    pub fn kind(&self) -> ErrorKind {
        match self {
            AtlasError::Cancelled { .. } => ErrorKind::Cancelled,
            AtlasError::Stale => ErrorKind::Stale,
            AtlasError::Busy(_) => ErrorKind::Busy,
            AtlasError::UnknownElement { .. } | AtlasError::UnknownDistrict { .. } | AtlasError::NotFound(_) => {
                ErrorKind::NotFound
            }
            AtlasError::NewerVersion { .. } => ErrorKind::NewerVersion,
            AtlasError::NotGeoPackage { .. } | AtlasError::NotAnAtlas { .. } | AtlasError::SchemaVersion { .. } => {
                ErrorKind::WrongFile
            }
            AtlasError::Import(p) if p.limit => ErrorKind::Limit,
            AtlasError::Import(_) => ErrorKind::Import,
            AtlasError::Invalid(_) | AtlasError::Geometry(_) | AtlasError::Data { .. } => ErrorKind::InvalidInput,
            AtlasError::Read { .. } | AtlasError::Write { .. } => ErrorKind::Io,
            AtlasError::Sqlite(_) | AtlasError::Row(_) => ErrorKind::Internal,
        }
    }

    /// The error as a caller outside Rust receives it.
    pub fn report(&self) -> ErrorReport {
        let mut r = ErrorReport::new(self.kind(), self.to_string());
        r.problem = crate::import::problem_kind::ProblemKind::of_error(self);
        match self {
            AtlasError::Import(p) => {
                r.file = Some(p.file.clone());
                r.feature = p.feature;
                r.field = p.field.clone();
            }
            AtlasError::Read { path, .. }
            | AtlasError::Write { path, .. }
            | AtlasError::Data { path, .. }
            | AtlasError::NotGeoPackage { path, .. }
            | AtlasError::NotAnAtlas { path }
            | AtlasError::SchemaVersion { path, .. }
            | AtlasError::NewerVersion { path, .. } => r.file = Some(path.clone()),
            _ => {}
        }
        r
    }
}
