//! Help → About: the program's version, the plan edition the app carries and the sources of its
//! data; the same facts `atlas --version` prints (both read `atlas_default::about`).

use atlas_default::about::{DataSource, DATA_SOURCES, PLAN_EDITION, PLAN_TITLE};
use serde::Serialize;

#[derive(Serialize)]
pub struct About {
    pub version: &'static str,
    pub plan_title: &'static str,
    /// The edition built into this program; the user's atlas is brought up to it at startup.
    pub plan_edition: &'static str,
    pub sources: &'static [DataSource],
}

#[tauri::command]
pub fn about() -> About {
    About {
        version: env!("CARGO_PKG_VERSION"),
        plan_title: PLAN_TITLE,
        plan_edition: PLAN_EDITION,
        sources: DATA_SOURCES,
    }
}
