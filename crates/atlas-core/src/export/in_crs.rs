//! GeoJSON in a CRS other than WGS84, for systems that take CGCS2000 Gauss–Krüger: the
//! coordinates reprojected and the CRS named in the (2008, pre-RFC 7946) `crs` member, which
//! GDAL and QGIS read. In WGS84 (EPSG:4326) the collection is left as RFC 7946 has it.

use geo::MapCoords;
use geojson::FeatureCollection;
use serde_json::json;

use crate::crs::{Crs, Reprojection};
use crate::error::{AtlasError, Result};

/// `fc` (WGS84) with every coordinate in `crs`, rounded to the millimetre (or 1e-9°).
pub fn reproject_collection(mut fc: FeatureCollection, crs: Crs) -> Result<FeatureCollection> {
    if crs == Crs::WGS84 {
        return Ok(fc);
    }
    let reprojection = Reprojection::from_wgs84(crs);
    let step = if crs.is_geographic() { 1e9 } else { 1e3 };
    for (i, f) in fc.features.iter_mut().enumerate() {
        let Some(g) = f.geometry.take() else { continue };
        let g: geo::Geometry =
            g.try_into().map_err(|e: geojson::Error| AtlasError::Invalid(format!("feature {i}: {e}")))?;
        let g = g
            .try_map_coords(|c| {
                reprojection
                    .apply(c.x, c.y)
                    .map(|(x, y)| geo::coord! { x: (x * step).round() / step, y: (y * step).round() / step })
            })
            .map_err(|e| AtlasError::Invalid(format!("feature {i}: {e}")))?;
        f.geometry = Some(geojson::Geometry::new((&g).into()));
    }
    let member = json!({ "type": "name", "properties": { "name": format!("urn:ogc:def:crs:EPSG::{}", crs.epsg) } });
    fc.foreign_members.get_or_insert_with(Default::default).insert("crs".into(), member);
    Ok(fc)
}

impl crate::store::Atlas {
    /// An own layer (or, with None, the plan) as GeoJSON in `crs`, written atomically to
    /// `path`; the number of features.
    pub fn export_geojson_in(&self, layer_id: Option<&str>, crs: Crs, path: &std::path::Path) -> Result<usize> {
        let fc = match layer_id {
            Some(l) => self.layer_feature_collection(l, None)?,
            None => self.plan_feature_collection()?,
        };
        let n = fc.features.len();
        let fc = reproject_collection(fc, crs)?;
        crate::files::atomic::write_atomically(path, |w| {
            serde_json::to_writer(&mut *w, &fc).map_err(std::io::Error::other)?;
            w.write_all(b"\n")
        })?;
        Ok(n)
    }
}
