//! The atlas as a file on disk: written whole or not at all, backed up before every
//! destructive act, restorable, and never downgraded.
//!
//! One owner for each rule about files, used by the desktop app, the CLI and the tests alike:
//! - [`atomic`]: every file the atlas writes goes through a fresh temporary beside it, synced,
//!   then renamed into place (a crash leaves the old file or the new one, never half of one);
//! - [`backups`]: copies kept per kind (reset, restore, migration, plan edition), listed with
//!   what is in them, restored;
//! - [`lifecycle`]: the user's atlas file: install the default, open, upgrade the plan
//!   edition, reset, restore — refusing files made by a newer program;
//! - [`jobs`]: long jobs (imports, exports) and destructive acts (reset, restore) do not overlap;
//! - [`clock`]: timestamps for rows and file names;
//! - [`info`]: what the app shows about the open file;
//! - [`writeback`]: a big write's pages sent to disk before its sync waits for them.

pub mod atomic;
pub mod backups;
pub mod clock;
pub mod info;
pub mod jobs;
pub mod lifecycle;
pub(crate) mod writeback;
