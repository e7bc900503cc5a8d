//! The `atlas` man page and shell completions, generated from the command's clap definition
//! (`atlas_cli::cli::command`) so they always describe the arguments the binary accepts.
//! scripts/package.sh runs `atlas-dev cli-docs --out target/cli-docs` and ships the results.

use std::path::{Path, PathBuf};

use atlas_core::{AtlasError, Result};
use clap_complete::Shell;

/// Writes the man pages into `out/man1` (`atlas.1`, and `atlas-zones.1` etc. for each command,
/// which atlas.1 lists by name, git-style) and `atlas.bash`, `_atlas` (zsh) into `out`.
/// Returns the paths written.
pub fn write(out: &Path) -> Result<Vec<PathBuf>> {
    let write_err = |path: &Path| {
        let path = path.to_owned();
        move |source| AtlasError::Write { path, source }
    };
    std::fs::create_dir_all(out).map_err(write_err(out))?;
    let command = atlas_cli::cli::command();

    let man_dir = out.join("man1");
    let _ = std::fs::remove_dir_all(&man_dir);
    std::fs::create_dir_all(&man_dir).map_err(write_err(&man_dir))?;
    clap_mangen::generate_to(command.clone(), &man_dir).map_err(write_err(&man_dir))?;
    let mut written: Vec<PathBuf> = std::fs::read_dir(&man_dir)
        .map_err(write_err(&man_dir))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    written.sort();
    for (shell, name) in [(Shell::Bash, "atlas.bash"), (Shell::Zsh, "_atlas")] {
        let path = out.join(name);
        let mut text = Vec::new();
        clap_complete::generate(shell, &mut command.clone(), "atlas", &mut text);
        std::fs::write(&path, text).map_err(write_err(&path))?;
        written.push(path);
    }
    Ok(written)
}
