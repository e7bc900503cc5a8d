// The frame shared by the atlas's own canvas layers: one canvas in a pane, covering the map's
// view plus a padding on every side, at the screen's pixel ratio.

import L from "leaflet";

/** A canvas for a layer, added to a pane; Leaflet scales it during zoom animations. */
export function addCanvas(map: L.Map, pane: string, className: string): HTMLCanvasElement {
  const canvas = L.DomUtil.create("canvas", `leaflet-zoom-animated ${className}`) as HTMLCanvasElement;
  map.getPane(pane)!.appendChild(canvas);
  return canvas;
}

export interface CanvasFrame {
  /** The canvas's top-left in layer pixels. */
  min: L.Point;
  bounds: L.Bounds;
  w: number;
  h: number;
  ratio: number;
  ctx: CanvasRenderingContext2D;
}

/** Sizes and places `canvas` over the view plus `padding` (a fraction of the view's size) on
 * every side, clears it, and returns a context in CSS pixels from its top-left. */
export function fitCanvas(map: L.Map, canvas: HTMLCanvasElement, padding: number): CanvasFrame {
  const size = map.getSize();
  const pad = size.multiplyBy(padding);
  const min = map.containerPointToLayerPoint(pad.multiplyBy(-1)).round();
  const bounds = new L.Bounds(min, min.add(size.add(pad.multiplyBy(2))).round());
  const w = bounds.getSize().x;
  const h = bounds.getSize().y;
  const ratio = window.devicePixelRatio || 1;
  if (canvas.width !== Math.round(w * ratio) || canvas.height !== Math.round(h * ratio)) {
    canvas.width = Math.round(w * ratio);
    canvas.height = Math.round(h * ratio);
    canvas.style.width = `${w}px`;
    canvas.style.height = `${h}px`;
  }
  L.DomUtil.setPosition(canvas, min);
  const ctx = canvas.getContext("2d")!;
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, w, h);
  return { min, bounds, w, h, ratio, ctx };
}
