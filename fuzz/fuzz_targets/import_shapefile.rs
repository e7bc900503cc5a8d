#![no_main]
//! Any bytes as a Shapefile's .shp, .dbf and .prj (split by the first two bytes): features or an
//! error, never a panic or an allocation the file's size does not justify.
//!
//! The two split bytes also choose (by their XOR) whether the CRS is named by the user or read
//! from the .prj (then the importer's own decision runs: WKT, or no .prj and degrees), and which
//! .cpg, if any, lies beside the .dbf; a value of 0 is the original mapping (CRS named, no .cpg).
use atlas_core::import::shapefile_file::ShapefileParts;
use libfuzzer_sys::fuzz_target;

/// Code-page files as QGIS, ArcGIS and Chinese tools write them.
const CPGS: [Option<&str>; 8] =
    [None, Some("UTF-8"), Some("936"), Some("GBK"), Some("GB18030"), Some("GB2312"), Some("CP936"), Some("88591")];

fuzz_target!(|data: &[u8]| {
    if data.len() < 4 {
        return;
    }
    let (a, b) = (data[0] as usize * 64 % data.len(), data[1] as usize * 64 % data.len());
    let (first, second) = (a.min(b), a.max(b));
    let choice = data[0] ^ data[1];
    let parts = ShapefileParts {
        name: "fuzz".into(),
        origin: "fuzz.shp".into(),
        shp: data[2..first.max(2)].to_vec(),
        dbf: Some(data[first.max(2)..second.max(2)].to_vec()),
        prj: Some(String::from_utf8_lossy(&data[second.max(2)..]).into_owned()).filter(|_| choice & 0x10 == 0),
        cpg: CPGS[(choice >> 1) as usize & 7].map(str::to_owned),
    };
    let _ = atlas_core::crs::wkt::identify(&String::from_utf8_lossy(&data[second.max(2)..]));
    let source_epsg = (choice & 1 == 0).then_some(4548);
    let options = atlas_core::import::ImportOptions { source_epsg, ..Default::default() };
    if let Ok(open) = parts.open(&options) {
        let _ = open.samples(3);
        let _ = open.read(|_, f| {
            let _ = atlas_core::import::validate::check_geometry(&f.geometry);
            Ok(())
        });
    }
});
