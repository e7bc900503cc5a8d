//! Any bytes as a GeoPackage from outside: opened as the importer opens it (read-only,
//! defensive, no views or triggers), its layers listed, checked and streamed with a byte
//! budget. Must never panic, hang or grow without bound.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let path = std::env::temp_dir().join(format!("atlas-fuzz-gpkg-{}.gpkg", std::process::id()));
    if std::fs::write(&path, data).is_err() {
        return;
    }
    let Ok(foreign) = atlas_core::import::gpkg_file::ForeignGeoPackage::open(&path) else { return };
    let Ok(layers) = foreign.chosen_layers(None, None) else { return };
    let mut budget: u64 = 8 << 20;
    for layer in &layers {
        let _ = foreign.row_count(layer);
        let mut n = 0usize;
        let _ = foreign.read_layer(layer, &mut budget, |_, f| {
            n += f.properties.len();
            Ok(())
        });
    }
});
