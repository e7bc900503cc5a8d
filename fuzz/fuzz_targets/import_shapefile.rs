#![no_main]
//! Any bytes as a Shapefile's .shp, .dbf and .prj (split by the first two bytes): features or an
//! error, never a panic or an allocation the file's size does not justify.
use atlas_core::import::shapefile_file::ShapefileParts;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if data.len() < 4 {
        return;
    }
    let (a, b) = (data[0] as usize * 64 % data.len(), data[1] as usize * 64 % data.len());
    let (first, second) = (a.min(b), a.max(b));
    let parts = ShapefileParts {
        name: "fuzz".into(),
        origin: "fuzz.shp".into(),
        shp: data[2..first.max(2)].to_vec(),
        dbf: Some(data[first.max(2)..second.max(2)].to_vec()),
        prj: Some(String::from_utf8_lossy(&data[second.max(2)..]).into_owned()),
        cpg: None,
    };
    let _ = atlas_core::crs::wkt::identify(parts.prj.as_deref().unwrap_or(""));
    let options = atlas_core::import::ImportOptions { source_epsg: Some(4548), ..Default::default() };
    if let Ok(open) = parts.open(&options) {
        let _ = open.samples(3);
        let _ = open.read(|_, f| {
            let _ = atlas_core::import::validate::check_geometry(&f.geometry);
            Ok(())
        });
    }
});
