#![no_main]
//! Any bytes into the CSV importer (columns found by name): features or an error, never a panic.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let path = std::path::Path::new("fuzz.csv");
    if let Ok(features) = atlas_core::import::csv_file::read(path, data, &atlas_core::import::ImportOptions::default()) {
        for f in features {
            let _ = atlas_core::import::validate::check_geometry(&f.geometry);
        }
    }
});
