//! Axis order: which of a file's two numbers is the easting (longitude).
//!
//! EPSG defines the Chinese Gauss–Krüger CRSs (and 4326/4490) northing first, but Shapefiles,
//! GeoPackages and GeoJSON written by QGIS, ArcGIS and GDAL store easting first almost always.
//! Rather than trust either convention, the order is read off the numbers themselves, where
//! they tell: a Gauss–Krüger easting is within 1,000 km of its false easting, a northing in
//! China is millions of metres, a longitude in China is over 90°. The guess and its reason go
//! into the import report.

use serde::{Deserialize, Serialize};

use super::Crs;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum AxisOrder {
    /// x = easting / longitude (what GIS files store).
    EastingFirst,
    /// x = northing / latitude (EPSG's order for the Chinese CRSs).
    NorthingFirst,
}

/// The axis order assumed for a layer, and why (for the report).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct AxisGuess {
    pub order: AxisOrder,
    pub note: String,
}

/// The false easting of a Transverse Mercator definition (0 for anything else).
fn false_easting(crs: Crs) -> f64 {
    crs.proj_string()
        .split_whitespace()
        .find_map(|t| t.strip_prefix("+x_0="))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0.0)
}

impl AxisGuess {
    /// Reads the order off one coordinate pair of the layer (its first, or its extent's corner).
    pub fn from_sample(crs: Crs, x: f64, y: f64) -> AxisGuess {
        use AxisOrder::*;
        let epsg = crs.epsg;
        let swapped_note = |what: &str| AxisGuess {
            order: NorthingFirst,
            note: format!("EPSG:{epsg}: coordinates read northing first, as EPSG defines it ({what})"),
        };
        let normal = |what: &str| AxisGuess {
            order: EastingFirst,
            note: if crs.epsg_says_northing_first() {
                format!("EPSG:{epsg}: coordinates read easting first, as GIS files store them, though EPSG defines northing first ({what})")
            } else {
                format!("EPSG:{epsg}: coordinates read easting first ({what})")
            },
        };
        if crs.is_geographic() {
            return if x.abs() <= 90.0 && y.abs() > 90.0 && y.abs() <= 180.0 {
                swapped_note(&format!("the first number, {x:.4}, is a latitude: the second, {y:.4}, cannot be one"))
            } else {
                normal(&format!("longitude {x:.4}, latitude {y:.4}"))
            };
        }
        if epsg == 3857 {
            return normal("Web Mercator is always x, y");
        }
        let fe = false_easting(crs);
        // A zone-prefixed Gauss–Krüger easting is zone × 1,000 km + 500 km ± 500 km.
        let is_easting = |v: f64| {
            if fe >= 1_000_000.0 {
                (fe - 500_000.0..fe + 500_000.0).contains(&v)
            } else {
                (-500_000.0..1_000_000.0).contains(&v)
            }
        };
        match (is_easting(x), is_easting(y)) {
            (false, true) => swapped_note(&format!(
                "the first number, {x:.0}, is not an easting of this zone; the second, {y:.0}, is"
            )),
            (true, _) => normal(&format!("{x:.0} is an easting of this zone, {y:.0} a northing")),
            (false, false) => {
                normal(&format!("neither {x:.0} nor {y:.0} looks like an easting of this zone: is the CRS right?"))
            }
        }
    }

    /// (easting, northing) from a file's pair.
    pub fn order(&self, x: f64, y: f64) -> (f64, f64) {
        match self.order {
            AxisOrder::EastingFirst => (x, y),
            AxisOrder::NorthingFirst => (y, x),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tianjin_coordinates_tell_their_order() {
        let cm117 = Crs::from_epsg(4548).unwrap();
        assert_eq!(AxisGuess::from_sample(cm117, 517_000.0, 4_330_000.0).order, AxisOrder::EastingFirst);
        assert_eq!(AxisGuess::from_sample(cm117, 4_330_000.0, 517_000.0).order, AxisOrder::NorthingFirst);
        let zone39 = Crs::from_epsg(4527).unwrap();
        assert_eq!(AxisGuess::from_sample(zone39, 39_517_000.0, 4_330_000.0).order, AxisOrder::EastingFirst);
        assert_eq!(AxisGuess::from_sample(zone39, 4_330_000.0, 39_517_000.0).order, AxisOrder::NorthingFirst);
        assert_eq!(AxisGuess::from_sample(Crs::CGCS2000, 39.1, 117.2).order, AxisOrder::NorthingFirst);
        let g = AxisGuess::from_sample(Crs::CGCS2000, 117.2, 39.1);
        assert_eq!(g.order, AxisOrder::EastingFirst);
        assert!(g.note.contains("EPSG defines northing first"), "{}", g.note);
    }
}
