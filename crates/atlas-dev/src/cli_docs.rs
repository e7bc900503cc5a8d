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
    let app = man_dir.join("tianjin-atlas.1");
    let mut roff = Vec::new();
    clap_mangen::Man::new(app_command()).render(&mut roff).map_err(write_err(&app))?;
    std::fs::write(&app, roff).map_err(write_err(&app))?;
    let mut written: Vec<PathBuf> =
        std::fs::read_dir(&man_dir).map_err(write_err(&man_dir))?.filter_map(|e| e.ok().map(|e| e.path())).collect();
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

/// The desktop app takes no arguments; its page says what it is, where it keeps the user's
/// atlas and which variables change that, and points to `atlas`.
fn app_command() -> clap::Command {
    clap::Command::new("tianjin-atlas")
        .version(env!("CARGO_PKG_VERSION"))
        .about("Tianjin Innovation Atlas (天津科技创新图集): the desktop app")
        .long_about(
            "The spatial layout of Tianjin's 14th Five-Year S&T Innovation Plan on a map, with the plan's \
             own words, own layers, notes, tours and PDF exports. It works offline: the plan data is built in.\n\n\
             The user's atlas (plan, own layers, notes, tours) is the GeoPackage \
             ~/.local/share/cn.tianjin.innovation-atlas/atlas.gpkg, with backups beside it; removing or \
             purging the package leaves it in place. A newer package brings a newer plan edition into it \
             after a backup, keeping the user's own work.\n\n\
             The command-line face of the same atlas is atlas(1).",
        )
        .after_long_help(
            "ENVIRONMENT: TIANJIN_ATLAS_DATA_DIR=DIR keeps the user's atlas in DIR instead of the folder above.",
        )
}
