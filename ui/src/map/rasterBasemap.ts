// Raster basemaps under the plan: each a Leaflet grid layer whose tiles come from the core as
// bytes (no tile server, no network), in a pane between the vector basemap and the plan.

import L from "leaflet";
import * as api from "../api";
import type { SavedBasemap } from "../api";

/** Sniffs the image type: tile sets hold PNG, JPEG or WebP. */
function mimeOf(bytes: Uint8Array): string {
  if (bytes[0] === 0x89 && bytes[1] === 0x50) return "image/png";
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return "image/jpeg";
  return "image/webp";
}

const RasterTiles = L.GridLayer.extend({
  createTile(this: L.GridLayer & { options: { basemapId: number } }, coords: L.Coords, done: L.DoneCallback): HTMLElement {
    const img = document.createElement("img");
    img.alt = "";
    img.setAttribute("role", "presentation");
    api
      .basemapTile(this.options.basemapId, coords.z, coords.x, coords.y)
      .then((buffer) => {
        const bytes = new Uint8Array(buffer);
        if (bytes.length === 0) return done(undefined, img);
        const url = URL.createObjectURL(new Blob([bytes], { type: mimeOf(bytes) }));
        img.onload = () => {
          URL.revokeObjectURL(url);
          img.dataset.loaded = "1";
          done(undefined, img);
        };
        img.onerror = () => {
          URL.revokeObjectURL(url);
          done(new Error("tile did not decode"), img);
        };
        img.src = url;
      })
      .catch((e: unknown) => done(e instanceof Error ? e : new Error(String(e)), img));
    return img;
  },
});

/** The raster basemaps on the map, by id. */
export class RasterBasemaps {
  private layers = new Map<number, L.GridLayer>();

  constructor(private map: L.Map) {
    const pane = map.createPane("raster");
    pane.style.zIndex = "300";
  }

  /** Shows `list` as saved: visible ones drawn at their opacity, attribution credited. */
  sync(list: SavedBasemap[]): void {
    const keep = new Set(list.map((b) => b.id));
    for (const [id, layer] of this.layers) {
      if (!keep.has(id)) {
        this.map.removeLayer(layer);
        this.layers.delete(id);
      }
    }
    for (const b of list) {
      let layer = this.layers.get(b.id);
      if (!layer) {
        const bounds = b.bounds ? L.latLngBounds([b.bounds[1], b.bounds[0]], [b.bounds[3], b.bounds[2]]) : undefined;
        layer = new (RasterTiles as unknown as new (o: L.GridLayerOptions & { basemapId: number }) => L.GridLayer)({
          basemapId: b.id,
          pane: "raster",
          minNativeZoom: b.min_zoom,
          maxNativeZoom: b.max_zoom,
          bounds,
          attribution: b.attribution || b.name,
          tileSize: 256,
          updateWhenIdle: true,
          keepBuffer: 1,
        });
        this.layers.set(b.id, layer);
      }
      layer.setOpacity(b.opacity);
      const shown = b.visible && b.available;
      if (shown && !this.map.hasLayer(layer)) layer.addTo(this.map);
      if (!shown && this.map.hasLayer(layer)) this.map.removeLayer(layer);
    }
  }

  /** Tiles drawn so far, for the tests. */
  loadedTiles(): number {
    return this.map.getPane("raster")?.querySelectorAll("img[data-loaded]").length ?? 0;
  }
}
