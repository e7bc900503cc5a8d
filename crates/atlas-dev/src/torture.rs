//! The crash test's child: edits, imports, tour edits and (with `--whole-file`) restores in a
//! loop, printing `committed KIND …` after each commit returns, so the parent
//! (crates/atlas-dev/tests/crash.rs) knows what must survive a SIGKILL at any moment. It opens
//! the file the way the app does (`AtlasFile`), so a migration the parent set up runs — and may
//! be killed — here too.

use std::io::Write;
use std::path::Path;

use atlas_core::files::backups::{self, BackupKind};
use atlas_core::files::lifecycle::AtlasFile;
use atlas_core::user::features::FeatureAttributes;
use atlas_core::user::notes::NoteTarget;
use atlas_core::user::tours::StopContent;
use atlas_core::Result;

pub fn run(path: &Path, seed: u64, whole_file: bool) -> Result<()> {
    let file = AtlasFile::new(path, atlas_default::DEFAULT_ATLAS);
    let mut atlas = file.open_or_install()?.atlas;
    let mut rng = atlas_synthetic::SeededRng::new(seed);
    let layer = atlas.create_layer(&format!("torture {seed}"), "torture")?;
    let stdout = std::io::stdout();
    let import = std::env::temp_dir().join(format!("atlas-torture-{}-{seed}.geojson", std::process::id()));
    for i in 0.. {
        let mut out = stdout.lock();
        match rng.next_u64() % 12 {
            0..=2 => {
                let note =
                    atlas.add_note(NoteTarget::Element, "xinchuang-valley", &format!("torture note {seed}-{i}"))?;
                writeln!(out, "committed note {}", note.id).ok();
            }
            3..=6 => {
                let (x, y) =
                    (117.0 + (rng.next_u64() % 1000) as f64 / 1000.0, 39.0 + (rng.next_u64() % 1000) as f64 / 1000.0);
                let ring = geo::LineString::from(vec![(x, y), (x + 0.01, y), (x + 0.01, y + 0.01), (x, y)]);
                let g = geo::Geometry::Polygon(geo::Polygon::new(ring, vec![]));
                let f = atlas.add_feature(
                    &layer.id,
                    &g,
                    &FeatureAttributes { name_zh: format!("要素 {i}"), ..Default::default() },
                )?;
                writeln!(out, "committed feature {}", f.id).ok();
            }
            7..=8 => {
                let tour = atlas.create_tour(&format!("巡览 {seed}-{i}"), &format!("Tour {seed}-{i}"))?;
                let stop = StopContent {
                    element_id: Some("xinchuang-valley".into()),
                    view: None,
                    layers: Vec::new(),
                    caption_zh: format!("第 {i} 站"),
                    caption_en: format!("Stop {i}"),
                    notes: String::new(),
                };
                atlas.add_stop(&tour.id, &stop)?;
                let tour = atlas.add_stop(&tour.id, &stop)?;
                writeln!(out, "committed tour {} {}", tour.id, tour.stops.len()).ok();
            }
            9 if whole_file => {
                // A restore of a copy of the file as it is: every committed change must
                // survive it, and a kill in the middle must leave the old file or the new one.
                let copy = backups::back_up(atlas.connection(), path, BackupKind::Restore)?;
                let name = copy.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_owned();
                file.restore(&mut atlas, &name)?;
                writeln!(out, "committed restore {name}").ok();
            }
            _ => {
                // An import of 50 features: all or nothing.
                let features: Vec<String> = (0..50)
                    .map(|k| format!(r#"{{"type":"Feature","properties":{{"name":"导入 {i}-{k}"}},"geometry":{{"type":"Point","coordinates":[117.{k:02},39.{k:02}]}}}}"#))
                    .collect();
                std::fs::write(
                    &import,
                    format!(r#"{{"type":"FeatureCollection","features":[{}]}}"#, features.join(",")),
                )
                .ok();
                let report = atlas.import_file(&import, &Default::default(), &|_, _| true)?;
                writeln!(out, "committed import {} {}", report.layers[0], report.features).ok();
            }
        }
        out.flush().ok();
    }
    Ok(())
}
