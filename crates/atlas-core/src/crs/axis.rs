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

/// What the first coordinate pair (x, y) of a layer showed about its axis order.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum AxisEvidence {
    /// Geographic: x is a latitude (within ±90°) and y cannot be one.
    LatitudeFirst { x: f64, y: f64 },
    /// Geographic: x reads as a longitude, y as a latitude.
    LongitudeFirst { x: f64, y: f64 },
    /// Web Mercator is always x, y.
    WebMercator,
    /// Projected: x is an easting of this zone, y a northing.
    EastingFirst { x: f64, y: f64 },
    /// Projected: x is not an easting of this zone, y is.
    EastingSecond { x: f64, y: f64 },
    /// Projected: neither looks like an easting of this zone (is the CRS right?); x, y kept.
    NoEasting { x: f64, y: f64 },
}

/// The axis order assumed for a layer, and what showed it (for the report).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct AxisGuess {
    pub order: AxisOrder,
    pub evidence: AxisEvidence,
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
        use AxisEvidence::*;
        let guess = |order, evidence| AxisGuess { order, evidence };
        if crs.is_geographic() {
            return if x.abs() <= 90.0 && y.abs() > 90.0 && y.abs() <= 180.0 {
                guess(AxisOrder::NorthingFirst, LatitudeFirst { x, y })
            } else {
                guess(AxisOrder::EastingFirst, LongitudeFirst { x, y })
            };
        }
        if crs.epsg == 3857 {
            return guess(AxisOrder::EastingFirst, WebMercator);
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
            (false, true) => guess(AxisOrder::NorthingFirst, EastingSecond { x, y }),
            (true, _) => guess(AxisOrder::EastingFirst, EastingFirst { x, y }),
            (false, false) => guess(AxisOrder::EastingFirst, NoEasting { x, y }),
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
        assert_eq!(
            g,
            AxisGuess { order: AxisOrder::EastingFirst, evidence: AxisEvidence::LongitudeFirst { x: 117.2, y: 39.1 } }
        );
        assert!(Crs::CGCS2000.epsg_says_northing_first(), "the report says the file differs from EPSG");
    }
}
