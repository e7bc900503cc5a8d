// Marker shapes for point features, drawn on Leaflet's canvas renderer. The shape outlines are
// pure geometry (tested); the Leaflet glue below adds them to the canvas renderer.

import L from "leaflet";

export type SymbolName = "circle" | "square" | "diamond" | "triangle" | "star" | "hexagon";

/** Vertices of a symbol of "radius" r centred on 0,0 (screen pixels, y down); empty for circle. */
export function symbolVertices(symbol: string, r: number): [number, number][] {
  const regular = (n: number, radius: number, rotation: number) =>
    Array.from({ length: n }, (_, i): [number, number] => {
      const a = rotation + (i * 2 * Math.PI) / n;
      return [radius * Math.cos(a), radius * Math.sin(a)];
    });
  switch (symbol) {
    case "square":
      return regular(4, r * 1.15, Math.PI / 4);
    case "diamond":
      return regular(4, r * 1.3, -Math.PI / 2);
    case "triangle":
      return regular(3, r * 1.35, -Math.PI / 2).map(([x, y]): [number, number] => [x, y + r * 0.2]);
    case "hexagon":
      return regular(6, r * 1.12, 0);
    case "star": {
      const outer = r * 1.45;
      const inner = outer * 0.45;
      return Array.from({ length: 10 }, (_, i): [number, number] => {
        const a = -Math.PI / 2 + (i * Math.PI) / 5;
        const radius = i % 2 === 0 ? outer : inner;
        return [radius * Math.cos(a), radius * Math.sin(a)];
      });
    }
    default:
      return [];
  }
}

export interface SymbolMarkerOptions extends L.CircleMarkerOptions {
  symbol: string;
}

/** A CircleMarker that draws itself as a symbol; hit-testing stays the circle of its radius. */
export const SymbolMarker = L.CircleMarker.extend({
  _updatePath(this: any) {
    this._renderer._updateSymbol(this);
  },
}) as unknown as new (latlng: L.LatLngExpression, options: SymbolMarkerOptions) => L.CircleMarker;

// The canvas renderer learns to draw symbols; everything else (fill, stroke, dash, opacity)
// goes through its own _fillStroke, so symbols style exactly like other vector layers.
(L.Canvas as any).include({
  _updateSymbol(this: any, layer: any) {
    if (!this._drawing || layer._empty()) return;
    const p = layer._point;
    const ctx: CanvasRenderingContext2D = this._ctx;
    const r = Math.max(layer._radius, 1);
    ctx.beginPath();
    const vertices = symbolVertices(layer.options.symbol, r);
    if (vertices.length === 0) {
      ctx.arc(p.x, p.y, r, 0, Math.PI * 2, false);
    } else {
      vertices.forEach(([x, y], i) => (i === 0 ? ctx.moveTo(p.x + x, p.y + y) : ctx.lineTo(p.x + x, p.y + y)));
      ctx.closePath();
    }
    this._fillStroke(ctx, layer);
  },
});

/** The same symbol as a small SVG for legends and panels. */
export function symbolSvgPath(symbol: string, r: number, cx: number, cy: number): string {
  const v = symbolVertices(symbol, r);
  if (v.length === 0) return `M ${cx - r} ${cy} a ${r} ${r} 0 1 0 ${2 * r} 0 a ${r} ${r} 0 1 0 ${-2 * r} 0 Z`;
  return v.map(([x, y], i) => `${i === 0 ? "M" : "L"} ${(cx + x).toFixed(2)} ${(cy + y).toFixed(2)}`).join(" ") + " Z";
}
