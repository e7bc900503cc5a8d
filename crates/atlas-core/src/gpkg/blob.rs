//! GeoPackage geometry blobs (GeoPackage 1.3, §2.1.3): a small header — magic "GP", version,
//! flags, SRS id, optional envelope — followed by standard WKB.
//!
//! ```
//! use atlas_core::gpkg::blob::{decode, encode, envelope};
//! let g = geo::Geometry::Point(geo::Point::new(117.2, 39.1));
//! let blob = encode(&g, 4326);
//! assert_eq!(&blob[..2], b"GP");
//! assert_eq!(decode(&blob).unwrap(), g);
//! assert_eq!(envelope(&blob).unwrap(), Some([117.2, 117.2, 39.1, 39.1]));
//! ```

use geo::BoundingRect;
use geo_traits::to_geo::ToGeoGeometry;

/// Why a blob could not be read. Callers add the table and feature id.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum BlobError {
    #[error("not a GeoPackage geometry (no \"GP\" magic)")]
    NoMagic,
    #[error("GeoPackage geometry version {0} is not supported")]
    Version(u8),
    #[error("truncated GeoPackage geometry header")]
    Truncated,
    #[error("invalid envelope indicator {0}")]
    EnvelopeIndicator(u8),
    #[error("extended GeoPackage geometries are not supported")]
    Extended,
    #[error("empty geometry")]
    Empty,
    #[error("invalid WKB: {0}")]
    Wkb(String),
}

const FLAG_LITTLE_ENDIAN: u8 = 0b0000_0001;
const ENVELOPE_XY: u8 = 1 << 1;
const FLAG_EMPTY: u8 = 0b0001_0000;
const FLAG_EXTENDED: u8 = 0b0010_0000;

/// Encodes a geometry as a GeoPackage blob with little-endian header and WKB. Points carry no
/// envelope (it would only repeat the point, as GDAL also does); everything else carries [minx, maxx, miny, maxy].
pub fn encode(geometry: &geo::Geometry<f64>, srs_id: i32) -> Vec<u8> {
    let rect = match geometry {
        geo::Geometry::Point(_) => None,
        g => g.bounding_rect(),
    };
    let mut out = Vec::with_capacity(40 + wkb::writer::geometry_wkb_size(geometry));
    out.extend_from_slice(b"GP");
    out.push(0); // version 1 of the blob format is encoded as 0
    out.push(FLAG_LITTLE_ENDIAN | if rect.is_some() { ENVELOPE_XY } else { 0 });
    out.extend_from_slice(&srs_id.to_le_bytes());
    if let Some(r) = rect {
        for v in [r.min().x, r.max().x, r.min().y, r.max().y] {
            out.extend_from_slice(&v.to_le_bytes());
        }
    }
    let options = wkb::writer::WriteOptions { endianness: wkb::Endianness::LittleEndian };
    wkb::writer::write_geometry(&mut out, geometry, &options).expect("writing WKB to a Vec cannot fail");
    out
}

struct Header {
    little_endian: bool,
    envelope_len: usize,
    empty: bool,
}

fn header(blob: &[u8]) -> Result<Header, BlobError> {
    if blob.len() < 8 {
        return Err(BlobError::Truncated);
    }
    if &blob[..2] != b"GP" {
        return Err(BlobError::NoMagic);
    }
    if blob[2] != 0 {
        return Err(BlobError::Version(blob[2]));
    }
    let flags = blob[3];
    if flags & FLAG_EXTENDED != 0 {
        return Err(BlobError::Extended);
    }
    let envelope_len = match (flags >> 1) & 0b111 {
        0 => 0,
        1 => 32,
        2 | 3 => 48,
        4 => 64,
        other => return Err(BlobError::EnvelopeIndicator(other)),
    };
    if blob.len() < 8 + envelope_len {
        return Err(BlobError::Truncated);
    }
    Ok(Header { little_endian: flags & FLAG_LITTLE_ENDIAN != 0, envelope_len, empty: flags & FLAG_EMPTY != 0 })
}

/// The WKB part of a blob.
pub fn wkb_part(blob: &[u8]) -> Result<&[u8], BlobError> {
    let h = header(blob)?;
    Ok(&blob[8 + h.envelope_len..])
}

/// The GeoPackage type name of a blob's geometry, from its WKB header: the geometry as stored,
/// after any repair (a bow-tie polygon repaired is a multipolygon). GEOMETRY for another type
/// code or a blob this cannot read.
pub fn type_name(blob: &[u8]) -> &'static str {
    let Some(bytes) = wkb_part(blob).ok().and_then(|wkb| wkb.get(..5)) else { return "GEOMETRY" };
    let code = if bytes[0] == 1 {
        u32::from_le_bytes([bytes[1], bytes[2], bytes[3], bytes[4]])
    } else {
        u32::from_be_bytes([bytes[1], bytes[2], bytes[3], bytes[4]])
    };
    match code {
        1 => "POINT",
        2 => "LINESTRING",
        3 => "POLYGON",
        4 => "MULTIPOINT",
        5 => "MULTILINESTRING",
        6 => "MULTIPOLYGON",
        _ => "GEOMETRY",
    }
}

/// Decodes a blob into a geometry.
pub fn decode(blob: &[u8]) -> Result<geo::Geometry<f64>, BlobError> {
    let h = header(blob)?;
    if h.empty {
        return Err(BlobError::Empty);
    }
    let wkb = &blob[8 + h.envelope_len..];
    // The crate panics on some malformed blobs rather than failing: checked first.
    super::wkb_check::check(wkb).map_err(BlobError::Wkb)?;
    let wkb = wkb::reader::read_wkb(wkb).map_err(|e| BlobError::Wkb(e.to_string()))?;
    wkb.try_to_geometry().ok_or(BlobError::Empty)
}

/// [minx, maxx, miny, maxy] from the header's envelope, or computed from the WKB when the
/// header has none. `None` for empty geometries (the R-tree skips them, as the spec says).
pub fn envelope(blob: &[u8]) -> Result<Option<[f64; 4]>, BlobError> {
    let h = header(blob)?;
    if h.empty {
        return Ok(None);
    }
    if h.envelope_len >= 32 {
        let read = |i: usize| {
            let bytes: [u8; 8] = blob[8 + 8 * i..16 + 8 * i].try_into().expect("length checked");
            if h.little_endian {
                f64::from_le_bytes(bytes)
            } else {
                f64::from_be_bytes(bytes)
            }
        };
        return Ok(Some([read(0), read(1), read(2), read(3)]));
    }
    let g = decode(blob)?;
    Ok(g.bounding_rect().map(|r| [r.min().x, r.max().x, r.min().y, r.max().y]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::{polygon, MultiPolygon};

    #[test]
    fn the_type_name_is_read_from_the_blob() {
        let point = geo::Geometry::Point(geo::Point::new(117.0, 39.0));
        let square =
            geo::Geometry::Polygon(polygon![(x: 0.0, y: 0.0), (x: 1.0, y: 0.0), (x: 1.0, y: 1.0), (x: 0.0, y: 0.0)]);
        assert_eq!(type_name(&encode(&point, 4326)), "POINT");
        assert_eq!(type_name(&encode(&square, 4326)), "POLYGON");
        assert_eq!(type_name(b"GP"), "GEOMETRY");
    }

    #[test]
    fn polygons_round_trip_with_their_envelope() {
        let p = polygon![(x: 117.0, y: 39.0), (x: 117.5, y: 39.0), (x: 117.5, y: 39.4), (x: 117.0, y: 39.0)];
        let g = geo::Geometry::MultiPolygon(MultiPolygon::new(vec![p]));
        let blob = encode(&g, 4326);
        assert_eq!(blob[3], FLAG_LITTLE_ENDIAN | ENVELOPE_XY);
        assert_eq!(i32::from_le_bytes(blob[4..8].try_into().unwrap()), 4326);
        assert_eq!(envelope(&blob).unwrap(), Some([117.0, 117.5, 39.0, 39.4]));
        assert_eq!(decode(&blob).unwrap(), g);
    }

    #[test]
    fn garbage_is_refused_with_a_reason() {
        assert_eq!(decode(b"XX\0\x01\0\0\0\0").unwrap_err(), BlobError::NoMagic);
        assert_eq!(decode(b"GP").unwrap_err(), BlobError::Truncated);
        assert!(matches!(decode(b"GP\0\x01\xe6\x10\0\0\x01\x63").unwrap_err(), BlobError::Wkb(_)));
    }
}
