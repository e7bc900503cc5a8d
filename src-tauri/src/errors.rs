//! Errors cross to the page as `{kind, message, file?, feature?, field?}` (the core's
//! `ErrorReport`), so the UI decides by kind — cancelled, stale, busy, path_not_chosen … —
//! and shows the message; it never parses text.

use atlas_core::error::{ErrorKind, ErrorReport};

pub type CommandResult<T> = Result<T, ErrorReport>;

/// The report for a failure the shell itself finds (a panicked job, a missing window).
pub fn internal(message: impl std::fmt::Display) -> ErrorReport {
    ErrorReport::new(ErrorKind::Internal, message.to_string())
}
