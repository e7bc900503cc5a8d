//! Raster basemaps: tile sets made here by GDAL (gdal_translate -of MBTILES / -of GPKG, and
//! gdaladdo for the lower zooms) from a small generated raster over central Tianjin, read back
//! as the map asks for them (XYZ, row 0 at the top), and remembered in an atlas file.

use std::path::{Path, PathBuf};
use std::process::Command;

use atlas_core::basemap_tiles::{TileFormat, TileSet};
use atlas_core::store::build_atlas;
use atlas_core::{Atlas, DataDir};

/// The raster: west 117.0, east 117.6, north 39.3, south 38.8; red grows eastward, green
/// southward, so a tile's colour tells where it came from.
const EXTENT: [f64; 4] = [117.0, 38.8, 117.6, 39.3];

fn gdal(tool: &str, args: &[&str]) {
    let out = Command::new(tool)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{tool} (Debian gdal-bin) must be installed: {e}"));
    assert!(out.status.success(), "{tool} {args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

fn raster(dir: &Path) -> PathBuf {
    // 1024 px over 0.6° (≈ 60 m a pixel): GDAL picks zoom 11, where the corners are tiles apart.
    let (w, h) = (1024usize, 1024usize);
    let mut ppm = format!("P6 {w} {h} 255\n").into_bytes();
    for y in 0..h {
        for x in 0..w {
            ppm.extend([(x / 4) as u8, (y / 4) as u8, 128]);
        }
    }
    let ppm_path = dir.join("r.ppm");
    std::fs::write(&ppm_path, ppm).unwrap();
    let tif = dir.join("r.tif");
    let ullr = [EXTENT[0], EXTENT[3], EXTENT[2], EXTENT[1]].map(|v| v.to_string());
    let mut args = vec!["-q", "-a_srs", "EPSG:4326", "-a_ullr"];
    args.extend(ullr.iter().map(String::as_str));
    args.extend([ppm_path.to_str().unwrap(), tif.to_str().unwrap()]);
    gdal("gdal_translate", &args);
    tif
}

fn mbtiles(dir: &Path) -> PathBuf {
    let out = dir.join("bureau.mbtiles");
    gdal(
        "gdal_translate",
        &["-q", "-of", "MBTILES", "-co", "NAME=Bureau streets", raster(dir).to_str().unwrap(), out.to_str().unwrap()],
    );
    gdal("gdaladdo", &["-q", out.to_str().unwrap(), "2", "4"]);
    // The attribution a bureau's package carries (GDAL writes none of its own).
    let conn = rusqlite::Connection::open(&out).unwrap();
    conn.execute("INSERT INTO metadata (name, value) VALUES ('attribution', '© 测绘局 Survey Bureau')", []).unwrap();
    out
}

fn gpkg(dir: &Path) -> PathBuf {
    let out = dir.join("bureau.gpkg");
    gdal(
        "gdal_translate",
        &[
            "-q",
            "-of",
            "GPKG",
            "-co",
            "TILING_SCHEME=GoogleMapsCompatible",
            "-co",
            "TILE_FORMAT=PNG",
            "-co",
            "RASTER_DESCRIPTION=© 规划院 Planning Institute",
            raster(dir).to_str().unwrap(),
            out.to_str().unwrap(),
        ],
    );
    gdal("gdaladdo", &["-q", out.to_str().unwrap(), "2", "4"]);
    out
}

/// The XYZ tile holding (lon, lat) at zoom `z`.
fn xyz(lon: f64, lat: f64, z: u8) -> (u32, u32) {
    let n = f64::from(1u32 << z);
    let x = (lon + 180.0) / 360.0 * n;
    let r = lat.to_radians();
    let y = (1.0 - (r.tan() + 1.0 / r.cos()).ln() / std::f64::consts::PI) / 2.0 * n;
    (x as u32, y as u32)
}

/// The mean (red, green) of a tile's opaque pixels.
fn mean_colour(png: &[u8]) -> (f64, f64) {
    let pixmap = resvg::tiny_skia::Pixmap::decode_png(png).expect("tiles are PNG");
    let (mut r, mut g, mut n) = (0.0, 0.0, 0.0);
    for p in pixmap.pixels() {
        if p.alpha() == 255 {
            r += f64::from(p.red());
            g += f64::from(p.green());
            n += 1.0;
        }
    }
    assert!(n > 0.0, "the tile has no opaque pixel");
    (r / n, g / n)
}

/// The tile set `make` writes with GDAL in `dir`, opened, of `format`, its tiles the right way
/// round (see [`check_orientation`]).
fn made_by_gdal(dir: &Path, make: fn(&Path) -> PathBuf, format: TileFormat) -> TileSet {
    let set = TileSet::open(&make(dir), None).unwrap();
    assert_eq!(set.info.format, format);
    check_orientation(&set);
    set
}

fn check_orientation(set: &TileSet) {
    let z = set.info.max_zoom;
    let (nw, se) = (xyz(117.05, 39.25, z), xyz(117.55, 38.85, z));
    let nw_tile = set.tile(z, nw.0, nw.1).unwrap().expect("a tile in the north-west corner");
    let se_tile = set.tile(z, se.0, se.1).unwrap().expect("a tile in the south-east corner");
    let (nw_r, nw_g) = mean_colour(&nw_tile);
    let (se_r, se_g) = mean_colour(&se_tile);
    // Red grows eastward and green southward: a flipped row or column shows here.
    assert!(se_r > nw_r + 60.0, "east is redder: {nw_r} vs {se_r}");
    assert!(se_g > nw_g + 60.0, "south is greener: {nw_g} vs {se_g}");
    // Far away (Beijing) there is nothing; outside the grid is refused.
    let bj = xyz(116.4, 39.9, z);
    assert!(set.tile(z, bj.0, bj.1).unwrap().is_none());
    assert!(set.tile(z, 1 << z, 0).is_err());
    assert!(set.tile(25, 0, 0).is_err());
    // The lower zooms gdaladdo made are there too.
    assert!(set.info.min_zoom < set.info.max_zoom, "{:?}", set.info);
    let lo = set.info.min_zoom;
    let c = xyz(117.3, 39.05, lo);
    assert!(set.tile(lo, c.0, c.1).unwrap().is_some());
}

#[test]
fn mbtiles_made_by_gdal_read_back_in_xyz_rows_with_their_attribution() {
    let dir = tempfile::tempdir().unwrap();
    let set = made_by_gdal(dir.path(), mbtiles, TileFormat::Mbtiles);
    assert_eq!(set.info.name, "Bureau streets");
    assert_eq!(set.info.attribution, "© 测绘局 Survey Bureau");
}

#[test]
fn geopackage_tiles_made_by_gdal_read_back_with_zooms_from_the_tile_matrix() {
    let dir = tempfile::tempdir().unwrap();
    let set = made_by_gdal(dir.path(), gpkg, TileFormat::Gpkg);
    assert_eq!(set.info.attribution, "© 规划院 Planning Institute");
    let b = set.info.bounds.expect("gpkg_contents has the extent");
    assert!((b[0] - 117.0).abs() < 0.01 && (b[3] - 39.3).abs() < 0.01, "{b:?}");
}

#[test]
fn tiles_off_the_web_mercator_grid_and_other_files_are_refused_with_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let geographic = dir.path().join("geographic.gpkg");
    gdal("gdal_translate", &["-q", "-of", "GPKG", raster(dir.path()).to_str().unwrap(), geographic.to_str().unwrap()]);
    let e = TileSet::open(&geographic, None).err().expect("EPSG:4326 tiles are refused").to_string();
    assert!(e.contains("EPSG:4326") && e.contains("TILING_SCHEME=GoogleMapsCompatible"), "{e}");
    let text = dir.path().join("notes.mbtiles");
    std::fs::write(&text, "not a database").unwrap();
    let e = TileSet::open(&text, None).err().expect("a text file is refused").to_string();
    assert!(e.contains("notes.mbtiles"), "{e}");
}

#[test]
fn an_added_basemap_is_remembered_in_the_atlas_file_with_its_opacity() {
    let dir = tempfile::tempdir().unwrap();
    let atlas_path = dir.path().join("atlas.gpkg");
    build_atlas(&DataDir::new(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data")), &atlas_path).unwrap();
    let tiles = mbtiles(dir.path());
    {
        let atlas = Atlas::open(&atlas_path).unwrap();
        assert!(atlas.basemaps().unwrap().is_empty());
        let b = atlas.add_basemap(&tiles).unwrap();
        assert_eq!((b.name.as_str(), b.visible, b.available), ("Bureau streets", true, true));
        atlas.update_basemap(b.id, Some(0.35), None).unwrap();
        assert!(atlas.update_basemap(b.id, Some(f64::NAN), None).is_err());
    }
    let atlas = Atlas::open(&atlas_path).unwrap();
    let saved = atlas.basemaps().unwrap();
    assert_eq!(saved.len(), 1);
    assert!((saved[0].opacity - 0.35).abs() < 1e-9);
    assert_eq!(saved[0].attribution, "© 测绘局 Survey Bureau");
    let set = atlas.open_basemap_tiles(saved[0].id).unwrap();
    let c = xyz(117.3, 39.05, set.info.max_zoom);
    assert!(set.tile(set.info.max_zoom, c.0, c.1).unwrap().is_some());
    // GDAL still reads the atlas, and sees the table as attributes.
    let out =
        Command::new("ogrinfo").args(["-ro", "-q", atlas_path.to_str().unwrap(), "user_basemaps"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    atlas.remove_basemap(saved[0].id).unwrap();
    assert!(atlas.basemaps().unwrap().is_empty());
}
