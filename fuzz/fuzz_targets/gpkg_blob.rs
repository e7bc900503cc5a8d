#![no_main]
//! Any bytes as a GeoPackage geometry blob (what imports from QGIS files decode): a geometry,
//! an envelope, or an error — never a panic; a decoded geometry re-encodes and decodes equal.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = atlas_core::gpkg::blob::envelope(data);
    if let Ok(g) = atlas_core::gpkg::blob::decode(data) {
        if let Ok((fixed, _)) = atlas_core::import::validate::check_geometry(&g) {
            let again = atlas_core::gpkg::blob::encode(&fixed, 4326);
            assert_eq!(atlas_core::gpkg::blob::decode(&again).ok(), Some(fixed));
        }
    }
});
