//! Marker shapes as SVG paths; the same geometry as the screen map's (ui/src/map/symbols.ts).

use super::svg::num;

pub fn vertices(symbol: &str, r: f64) -> Vec<(f64, f64)> {
    use std::f64::consts::PI;
    let regular = |n: usize, radius: f64, rotation: f64| -> Vec<(f64, f64)> {
        (0..n)
            .map(|i| {
                let a = rotation + i as f64 * 2.0 * PI / n as f64;
                (radius * a.cos(), radius * a.sin())
            })
            .collect()
    };
    match symbol {
        "square" => regular(4, r * 1.15, PI / 4.0),
        "diamond" => regular(4, r * 1.3, -PI / 2.0),
        "triangle" => regular(3, r * 1.35, -PI / 2.0).into_iter().map(|(x, y)| (x, y + r * 0.2)).collect(),
        "hexagon" => regular(6, r * 1.12, 0.0),
        "star" => (0..10)
            .map(|i| {
                let outer = r * 1.45;
                let radius = if i % 2 == 0 { outer } else { outer * 0.45 };
                let a = -PI / 2.0 + i as f64 * PI / 5.0;
                (radius * a.cos(), radius * a.sin())
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// An SVG path `d` for a symbol of radius `r` centred on (cx, cy).
pub fn path(symbol: &str, r: f64, cx: f64, cy: f64) -> String {
    let v = vertices(symbol, r);
    if v.is_empty() {
        return format!(
            "M {} {} a {r2} {r2} 0 1 0 {d} 0 a {r2} {r2} 0 1 0 -{d} 0 Z",
            num(cx - r),
            num(cy),
            r2 = num(r),
            d = num(2.0 * r)
        );
    }
    let mut d = String::new();
    for (i, (x, y)) in v.iter().enumerate() {
        d.push_str(if i == 0 { "M " } else { " L " });
        d.push_str(&format!("{} {}", num(cx + x), num(cy + y)));
    }
    d.push_str(" Z");
    d
}
