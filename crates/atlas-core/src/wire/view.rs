//! One viewport of a large own layer as the UI receives it ([`crate::stream::viewport`] makes
//! the view): pixels relative to the view's corner, so f32 is exact enough, and no JSON.
//!
//! Layout (little-endian, 4-byte aligned; decoder `ui/src/wire/view.ts`):
//! ```text
//! "TJV1" | f64 origin_x | f64 origin_y | f64 zoom | u32 shapes | u32 dots | u32 clusters | u32 points | u32 total_in_view
//! shape: u32 kind (1 area, 2 line) | u32 parts | per part: u32 n | n × (f32 x, f32 y)
//!        (area rings are sent open: the closing vertex is implied)
//! dot / point: f32 x, f32 y          cluster: f32 x, f32 y, u32 count
//! ```
//! x, y are pixels relative to (origin_x, origin_y), the view's top-left in world pixels.

use crate::stream::viewport::View;

fn push_u32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn push_xy(out: &mut Vec<u8>, (x, y): (f32, f32)) {
    out.extend_from_slice(&x.to_le_bytes());
    out.extend_from_slice(&y.to_le_bytes());
}

/// Packs a view (layout in the module doc).
pub fn pack(v: &View) -> Vec<u8> {
    let vertices: usize = v.shapes.iter().flat_map(|(_, parts)| parts.iter().map(|p| p.len())).sum();
    let mut out = Vec::with_capacity(
        48 + vertices * 8 + v.shapes.len() * 16 + (v.dots.len() + v.points.len()) * 8 + v.clusters.len() * 12,
    );
    out.extend_from_slice(b"TJV1");
    out.extend_from_slice(&[0u8; 4]); // keeps the f64s 8-byte aligned
    for f in [v.origin.0, v.origin.1, v.zoom] {
        out.extend_from_slice(&f.to_le_bytes());
    }
    for n in [v.shapes.len(), v.dots.len(), v.clusters.len(), v.points.len(), v.in_view] {
        push_u32(&mut out, n as u32);
    }
    for (is_area, parts) in &v.shapes {
        push_u32(&mut out, if *is_area { 1 } else { 2 });
        push_u32(&mut out, parts.len() as u32);
        for part in parts {
            // Rings go without their closing vertex: the canvas closes paths itself.
            let open = if *is_area && part.len() > 1 && part.first() == part.last() {
                &part[..part.len() - 1]
            } else {
                &part[..]
            };
            push_u32(&mut out, open.len() as u32);
            for p in open {
                push_xy(&mut out, *p);
            }
        }
    }
    for d in &v.dots {
        push_xy(&mut out, *d);
    }
    for (x, y, n) in &v.clusters {
        push_xy(&mut out, (*x, *y));
        push_u32(&mut out, *n);
    }
    for p in &v.points {
        push_xy(&mut out, *p);
    }
    out
}
