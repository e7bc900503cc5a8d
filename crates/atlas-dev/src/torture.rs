//! The crash test's child: edits and imports in a loop, printing `committed KIND ID` after each
//! commit returns, so the parent (crates/atlas-dev/tests/crash.rs) knows what must survive a
//! SIGKILL at any moment.

use std::io::Write;
use std::path::Path;

use atlas_core::user::features::FeatureAttributes;
use atlas_core::user::notes::NoteTarget;
use atlas_core::{Atlas, Result};

struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }
}

pub fn run(path: &Path, seed: u64) -> Result<()> {
    let atlas = Atlas::open(path)?;
    let mut rng = Lcg(seed);
    let layer = atlas.create_layer(&format!("torture {seed}"), "torture")?;
    let stdout = std::io::stdout();
    let import = std::env::temp_dir().join(format!("atlas-torture-{}-{seed}.geojson", std::process::id()));
    for i in 0.. {
        let mut out = stdout.lock();
        match rng.next() % 4 {
            0 => {
                let note =
                    atlas.add_note(NoteTarget::Element, "xinchuang-valley", &format!("torture note {seed}-{i}"))?;
                writeln!(out, "committed note {}", note.id).ok();
            }
            1 | 2 => {
                let (x, y) = (117.0 + (rng.next() % 1000) as f64 / 1000.0, 39.0 + (rng.next() % 1000) as f64 / 1000.0);
                let ring = geo::LineString::from(vec![(x, y), (x + 0.01, y), (x + 0.01, y + 0.01), (x, y)]);
                let g = geo::Geometry::Polygon(geo::Polygon::new(ring, vec![]));
                let f = atlas.add_feature(
                    &layer.id,
                    &g,
                    &FeatureAttributes { name_zh: format!("要素 {i}"), ..Default::default() },
                )?;
                writeln!(out, "committed feature {}", f.id).ok();
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
