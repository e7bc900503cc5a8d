// The base of the atlas's own canvas layers (the basemap's typed features, a streamed own
// layer): one canvas in a pane, drawn again when the map settles, and carried along while a
// zoom animates with the transform Leaflet's own renderers apply (Renderer._updateTransform).

import L from "leaflet";
import { addCanvas, fitCanvas, type CanvasFrame } from "./canvasFrame";

export abstract class PaneCanvasLayer extends L.Layer {
  protected canvas!: HTMLCanvasElement;
  /** The canvas's top-left when last drawn, in absolute pixels at `drawnZoom`. */
  private drawnOrigin: L.Point | null = null;
  private drawnZoom = 0;

  /** `padding`: how far the canvas reaches beyond the view on every side (a fraction of its
   * size); `settleEvents`: the map events after which the layer draws the view again. */
  constructor(private paneName: string, private className: string, private settleEvents: string, protected padding: number) {
    super();
  }

  /** The map has settled on a new view (or the layer was added): draw it, now or when its data arrives. */
  protected abstract onSettled(): void;

  onAdd(map: L.Map): this {
    this.canvas = addCanvas(map, this.paneName, this.className);
    map.on(this.settleEvents, this.onSettled, this);
    map.on("zoomanim", this.animateZoom, this);
    this.onSettled();
    return this;
  }

  onRemove(map: L.Map): this {
    map.off(this.settleEvents, this.onSettled, this);
    map.off("zoomanim", this.animateZoom, this);
    this.canvas.remove();
    this.drawnOrigin = null;
    return this;
  }

  /** Sizes, places and clears the canvas over the current view (see `fitCanvas`), to draw on. */
  protected frame(map: L.Map): CanvasFrame {
    const frame = fitCanvas(map, this.canvas, this.padding);
    this.drawnOrigin = frame.min.add(map.getPixelOrigin());
    this.drawnZoom = map.getZoom();
    return frame;
  }

  private animateZoom(e: L.ZoomAnimEvent): void {
    const map = this._map as L.Map & { _getNewPixelOrigin(center: L.LatLng, zoom: number): L.Point };
    if (!this.drawnOrigin) return;
    const scale = map.getZoomScale(e.zoom, this.drawnZoom);
    const topLeft = this.drawnOrigin.multiplyBy(scale).subtract(map._getNewPixelOrigin(e.center, e.zoom));
    L.DomUtil.setTransform(this.canvas, topLeft, scale);
  }
}
