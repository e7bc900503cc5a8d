#![no_main]
//! Any bytes into the GeoJSON importer: it must return features or an error, never panic,
//! and every feature it accepts must pass (or be refused by) the geometry check.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let path = std::path::Path::new("fuzz.geojson");
    if let Ok(features) = atlas_core::import::geojson_file::read(path, data) {
        for f in features {
            let _ = atlas_core::import::validate::check_geometry(&f.geometry);
        }
    }
});
