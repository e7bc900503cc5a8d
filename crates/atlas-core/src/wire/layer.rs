//! The compact binary the desktop UI receives geometry in: one buffer holding a JSON array of
//! feature properties and the features' coordinates as 32-bit floats. One IPC call carries a
//! whole layer without JSON-in-JSON, and the UI reads coordinates straight out of a
//! `Float32Array` view (f32 is ≈ 0.7 m at Tianjin's longitudes, below a screen pixel at any
//! zoom the atlas offers).
//!
//! Layout, little-endian, every field 4-byte aligned:
//! ```text
//! "TJG1" | u32 json_len | json bytes | zero padding to 4 | u32 feature_count | features…
//! feature: u32 kind (1 point, 2 line, 3 multipolygon) and then
//!   point:        f32 lon, f32 lat
//!   line:         u32 n, n × (f32 lon, f32 lat)
//!   multipolygon: u32 polygons, per polygon u32 rings, per ring u32 n, n × (f32 lon, f32 lat)
//! ```
//! The decoder is `ui/src/wire/layer.ts`; both are tested against the same bytes.

use geo::{Geometry, LineString, MultiPolygon};
use serde::Serialize;

pub const MAGIC: &[u8; 4] = b"TJG1";
pub const KIND_POINT: u32 = 1;
pub const KIND_LINE: u32 = 2;
pub const KIND_MULTIPOLYGON: u32 = 3;

fn push_u32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn push_ring(out: &mut Vec<u8>, ring: &LineString<f64>) {
    push_u32(out, ring.0.len() as u32);
    for c in &ring.0 {
        out.extend_from_slice(&(c.x as f32).to_le_bytes());
        out.extend_from_slice(&(c.y as f32).to_le_bytes());
    }
}

fn push_multipolygon(out: &mut Vec<u8>, mp: &MultiPolygon<f64>) {
    push_u32(out, KIND_MULTIPOLYGON);
    push_u32(out, mp.0.len() as u32);
    for p in &mp.0 {
        push_u32(out, 1 + p.interiors().len() as u32);
        push_ring(out, p.exterior());
        for r in p.interiors() {
            push_ring(out, r);
        }
    }
}

/// Encodes features: `properties[i]` describes `geometries[i]`. Geometry kinds other than
/// point, line and (multi)polygon are not used by the atlas and are refused.
pub fn encode<P: Serialize>(properties: &[P], geometries: &[Geometry<f64>]) -> Result<Vec<u8>, String> {
    assert_eq!(properties.len(), geometries.len(), "one properties object per geometry");
    let json = serde_json::to_vec(properties).map_err(|e| e.to_string())?;
    let mut out = Vec::with_capacity(16 + json.len() + geometries.len() * 64);
    out.extend_from_slice(MAGIC);
    push_u32(&mut out, json.len() as u32);
    out.extend_from_slice(&json);
    while out.len() % 4 != 0 {
        out.push(0);
    }
    push_u32(&mut out, geometries.len() as u32);
    for g in geometries {
        match g {
            Geometry::Point(p) => {
                push_u32(&mut out, KIND_POINT);
                out.extend_from_slice(&(p.x() as f32).to_le_bytes());
                out.extend_from_slice(&(p.y() as f32).to_le_bytes());
            }
            Geometry::LineString(l) => {
                push_u32(&mut out, KIND_LINE);
                push_ring(&mut out, l);
            }
            Geometry::Polygon(p) => push_multipolygon(&mut out, &MultiPolygon::new(vec![p.clone()])),
            Geometry::MultiPolygon(mp) => push_multipolygon(&mut out, mp),
            other => return Err(format!("the wire format has no encoding for {other:?}")),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::{point, polygon};

    #[test]
    fn layout_is_as_documented() {
        let g = vec![
            Geometry::Point(point!(x: 117.5, y: 39.0)),
            Geometry::Polygon(polygon![(x: 0.0, y: 0.0), (x: 1.0, y: 0.0), (x: 1.0, y: 1.0), (x: 0.0, y: 0.0)]),
        ];
        let bytes = encode(&["a", "b"], &g).unwrap();
        assert_eq!(&bytes[..4], b"TJG1");
        let json_len = u32::from_le_bytes(bytes[4..8].try_into().unwrap()) as usize;
        assert_eq!(&bytes[8..8 + json_len], br#"["a","b"]"#);
        let mut at = (8 + json_len).div_ceil(4) * 4;
        let u32_at = |i: usize| u32::from_le_bytes(bytes[i..i + 4].try_into().unwrap());
        assert_eq!(u32_at(at), 2);
        at += 4;
        assert_eq!(u32_at(at), KIND_POINT);
        assert_eq!(f32::from_le_bytes(bytes[at + 4..at + 8].try_into().unwrap()), 117.5);
        at += 12;
        assert_eq!((u32_at(at), u32_at(at + 4), u32_at(at + 8), u32_at(at + 12)), (KIND_MULTIPOLYGON, 1, 1, 4));
        assert_eq!(bytes.len(), at + 16 + 4 * 8);
    }
}
