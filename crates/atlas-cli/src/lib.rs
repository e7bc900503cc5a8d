//! The `atlas` command's definition, as a library so that tools can read it without running it:
//! `atlas-dev cli-docs` generates the man page and the shell completions from [`cli::command`],
//! so they can never drift from the arguments the binary accepts.

pub mod cli;
pub mod crs_arg;
