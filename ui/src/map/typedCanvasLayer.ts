// A canvas layer that draws many polygons and lines straight from typed arrays: coordinates are
// projected once to unit Mercator, and each redraw is a multiply-add per vertex. No Leaflet
// object per feature or per vertex; it follows the map's pan and zoom (including the zoom
// animation) like Leaflet's own canvas renderer does.

import { toUnitMercator } from "./mercator";
import { PaneCanvasLayer } from "./paneCanvasLayer";

export interface TypedStyle {
  stroke?: string;
  weight?: number;
  fill?: string;
  fillOpacity?: number;
  dash?: number[];
}

export interface TypedFeature {
  /** Rings (polygons) or parts (lines) as interleaved lon/lat. */
  parts: Float32Array[];
  closed: boolean;
  style: TypedStyle;
}

interface Projected {
  parts: Float64Array[];
  closed: boolean;
  style: TypedStyle;
  box: [number, number, number, number];
}

export class TypedCanvasLayer extends PaneCanvasLayer {
  private features: Projected[] = [];

  constructor(pane: string, padding = 0.15) {
    super(pane, "typed-canvas", "moveend zoomend resize viewreset", padding);
  }

  setFeatures(features: TypedFeature[]): this {
    this.features = features.map((f) => {
      const parts = f.parts.map((p) => toUnitMercator(p));
      let box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
      for (const p of parts)
        for (let i = 0; i < p.length; i += 2) box = [Math.min(box[0], p[i]), Math.min(box[1], p[i + 1]), Math.max(box[2], p[i]), Math.max(box[3], p[i + 1])];
      return { parts, closed: f.closed, style: f.style, box };
    });
    if (this._map) this.redraw();
    return this;
  }

  protected onSettled(): void {
    this.redraw();
  }

  redraw(): void {
    const map = this._map;
    if (!map) return;
    const { min, w, h, ctx } = this.frame(map);
    // Unit Mercator → canvas pixels: scale, then shift by the pixel origin and canvas offset.
    const scale = 256 * Math.pow(2, map.getZoom());
    const origin = map.getPixelOrigin();
    const dx = -origin.x - min.x;
    const dy = -origin.y - min.y;
    const view: [number, number, number, number] = [(0 - dx) / scale, (0 - dy) / scale, (w - dx) / scale, (h - dy) / scale];
    ctx.lineJoin = "round";
    ctx.lineCap = "round";
    for (const f of this.features) {
      if (f.box[2] < view[0] || f.box[0] > view[2] || f.box[3] < view[1] || f.box[1] > view[3]) continue;
      ctx.beginPath();
      for (const part of f.parts) {
        for (let i = 0; i < part.length; i += 2) {
          const x = part[i] * scale + dx;
          const y = part[i + 1] * scale + dy;
          if (i === 0) ctx.moveTo(x, y);
          else ctx.lineTo(x, y);
        }
        if (f.closed) ctx.closePath();
      }
      const s = f.style;
      if (f.closed && s.fill) {
        ctx.globalAlpha = s.fillOpacity ?? 1;
        ctx.fillStyle = s.fill;
        ctx.fill("evenodd");
      }
      if (s.stroke && (s.weight ?? 1) > 0) {
        ctx.globalAlpha = 1;
        ctx.strokeStyle = s.stroke;
        ctx.lineWidth = s.weight ?? 1;
        ctx.setLineDash(s.dash ?? []);
        ctx.stroke();
      }
      ctx.globalAlpha = 1;
    }
  }
}
