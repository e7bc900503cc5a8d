// A large own layer on the map, a viewport at a time: on every settled move or zoom it asks
// the core for what the view (plus a margin) shows at this zoom, already simplified and in
// pixels, and draws it on one canvas in a few batched paths. Only the current view is held;
// answers to requests a newer move made stale are dropped (the core stops working on them).

import L from "leaflet";
import { PaneCanvasLayer } from "./paneCanvasLayer";
import type { ViewData } from "../wire/view";

export interface ViewportSource {
  fetch: (bbox: [number, number, number, number], zoom: number, seq: number) => Promise<ViewData | null>;
}

/** The view is asked for with this margin on every side (a fraction of its size), and the
 * canvas covers the same area: what the webview holds is what is on screen plus this. */
const MARGIN = 0.15;

/** Request numbers, increasing across every streamed layer and every instance of one: the core
 * keeps the newest number per layer and refuses older ones as stale, so a layer shown again (a
 * new instance) or a reloaded page must never start below what it has seen. Starting from the
 * clock in µs keeps that true across page reloads too (still below 2^53). */
let lastSeq = Date.now() * 1000;

/** A cluster's disc on screen (px): grows with the log of its count. */
const clusterRadius = (count: number) => 9 + Math.min(16, Math.log10(count) * 5);

export class ViewportLayer extends PaneCanvasLayer {
  private data: ViewData | null = null;
  private seq = 0;
  /** Resolves each time a view has been drawn, with the time from request to paint (ms). */
  onDrawn: ((ms: number, data: ViewData) => void) | null = null;
  /** Where the last view's time went (ms): the core's answer arriving, drawing, painting. */
  lastTiming = { fetch: 0, draw: 0, paint: 0 };

  constructor(private source: ViewportSource, private colour: string, pane = "own") {
    super(pane, "viewport-canvas", "moveend zoomend resize", MARGIN);
  }

  protected onSettled(): void {
    this.request();
  }

  onRemove(map: L.Map): this {
    super.onRemove(map);
    this.data = null; // memory stays bounded: nothing kept once hidden
    this.seq = ++lastSeq; // answers still on their way are dropped
    return this;
  }

  /** Asks again for the current view (after the layer's features changed). */
  refresh(): void {
    this.request();
  }

  /** Asks for the current view; older answers still on their way will be ignored. */
  private request(): void {
    const map = this._map;
    if (!map) return;
    const b = map.getBounds().pad(MARGIN);
    const seq = (this.seq = ++lastSeq);
    const started = performance.now();
    void this.source.fetch([b.getWest(), b.getSouth(), b.getEast(), b.getNorth()], map.getZoom(), seq).then((data) => {
      if (!data || seq !== this.seq || !this._map) return; // stale
      const arrived = performance.now();
      this.data = data;
      this.draw();
      const drawn = performance.now();
      requestAnimationFrame(() => {
        const painted = performance.now();
        this.lastTiming = { fetch: arrived - started, draw: drawn - arrived, paint: painted - drawn };
        this.onDrawn?.(painted - started, data);
      });
    });
  }

  private draw(): void {
    const map = this._map;
    const d = this.data;
    if (!map || !d) return;
    const { min, ratio, ctx } = this.frame(map);
    // View pixels (at d.zoom, from d.origin) → canvas pixels (at the map's zoom, from `min`).
    const s = Math.pow(2, map.getZoom() - d.zoom);
    const origin = map.getPixelOrigin();
    const dx = d.originX * s - origin.x - min.x;
    const dy = d.originY * s - origin.y - min.y;
    ctx.setTransform(ratio * s, 0, 0, ratio * s, ratio * dx, ratio * dy);
    const lw = 1 / s;
    // Areas: each filled on its own (even-odd within a feature, so its holes stay open, and
    // overlapping features both show); outlines gathered into one path, stroked once. One
    // fill over one path of every area cost 340 ms for 19k cells here (Cairo tessellates it
    // whole); a fill per area costs 65 ms.
    const outlines = new Path2D();
    ctx.fillStyle = this.colour;
    ctx.globalAlpha = 0.18;
    for (const shape of d.shapes) {
      if (!shape.area) continue;
      ctx.beginPath();
      for (const part of shape.parts) {
        ctx.moveTo(part[0], part[1]);
        outlines.moveTo(part[0], part[1]);
        for (let i = 2; i < part.length; i += 2) {
          ctx.lineTo(part[i], part[i + 1]);
          outlines.lineTo(part[i], part[i + 1]);
        }
        ctx.closePath();
        outlines.closePath();
      }
      ctx.fill("evenodd");
    }
    ctx.globalAlpha = 0.85;
    ctx.strokeStyle = this.colour;
    ctx.lineWidth = 0.8 * lw;
    ctx.stroke(outlines);
    // Lines.
    ctx.beginPath();
    for (const shape of d.shapes) {
      if (shape.area) continue;
      for (const part of shape.parts) {
        ctx.moveTo(part[0], part[1]);
        for (let i = 2; i < part.length; i += 2) ctx.lineTo(part[i], part[i + 1]);
      }
    }
    ctx.lineWidth = 1.5 * lw;
    ctx.stroke();
    // Features under DOT_PX (3 px) on screen: dots, never dropped.
    ctx.globalAlpha = 0.75;
    ctx.fillStyle = this.colour;
    for (let i = 0; i < d.dots.length; i += 2) ctx.fillRect(d.dots[i] - lw, d.dots[i + 1] - lw, 2 * lw, 2 * lw);
    // Single points.
    ctx.beginPath();
    for (let i = 0; i < d.points.length; i += 2) {
      ctx.moveTo(d.points[i] + 3 * lw, d.points[i + 1]);
      ctx.arc(d.points[i], d.points[i + 1], 3 * lw, 0, Math.PI * 2);
    }
    ctx.globalAlpha = 0.9;
    ctx.fill();
    // Clusters: a disc sized by count, and the count.
    ctx.globalAlpha = 1;
    ctx.textAlign = "center";
    ctx.textBaseline = "middle";
    ctx.font = `${11 * lw}px sans-serif`;
    for (const c of d.clusters) {
      const r = clusterRadius(c.count) * lw;
      ctx.beginPath();
      ctx.arc(c.x, c.y, r, 0, Math.PI * 2);
      ctx.fillStyle = this.colour;
      ctx.globalAlpha = 0.8;
      ctx.fill();
      ctx.globalAlpha = 1;
      ctx.fillStyle = "#fff";
      ctx.fillText(c.count >= 10000 ? `${Math.round(c.count / 1000)}k` : String(c.count), c.x, c.y);
    }
    ctx.globalAlpha = 1;
  }

  /** The cluster drawn under a map point, if any: its centre and count. */
  clusterAt(latlng: L.LatLng): { latlng: L.LatLng; count: number } | null {
    const map = this._map;
    const d = this.data;
    if (!map || !d) return null;
    // Cluster positions are view pixels at d.zoom from d.origin; compare at that zoom.
    const p = map.project(latlng, d.zoom);
    const scale = Math.pow(2, d.zoom - map.getZoom());
    let best: { latlng: L.LatLng; count: number } | null = null;
    let bestDistance = Infinity;
    for (const c of d.clusters) {
      const r = clusterRadius(c.count) * scale;
      const distance = Math.hypot(c.x + d.originX - p.x, c.y + d.originY - p.y);
      if (distance <= r && distance < bestDistance) {
        bestDistance = distance;
        best = { latlng: map.unproject(L.point(c.x + d.originX, c.y + d.originY), d.zoom), count: c.count };
      }
    }
    return best;
  }

  /** What is held in memory: the current view only. */
  heldFeatures(): number {
    return this.data ? this.data.shapes.length + this.data.dots.length / 2 + this.data.points.length / 2 + this.data.clusters.length : 0;
  }

  viewData(): ViewData | null {
    return this.data;
  }
}
