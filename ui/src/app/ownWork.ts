// The planner's own layers on the map and in the layer list, imports, and their undo.

import L from "leaflet";
import * as api from "../api";
import type { UserFeature } from "../api";
import { h } from "../dom";
import type { AtlasMap } from "../map/atlasMap";
import { OwnLayers } from "../map/ownLayers";
import { chooseImportFiles, importDialog } from "../panels/importDialog";
import { lang, t } from "../i18n";
import { previewWords } from "../panels/importWords";
import { OwnLayersPanel } from "../panels/ownLayersPanel";
import { mapNotice } from "./mapNotice";
import type { UndoStack } from "../undo";
import { exportLayerFlow } from "./exports";

export class OwnWork {
  readonly layers: OwnLayers;
  readonly host = h("div", { class: "own-layers" });
  readonly panel: OwnLayersPanel;

  constructor(private atlasMap: AtlasMap, undo: UndoStack, openFeature: (f: UserFeature) => void) {
    this.layers = new OwnLayers(atlasMap.map, undo, openFeature, (on) => atlasMap.setDrawing(on));
    this.panel = new OwnLayersPanel(this.host, this.layers, {
      importFile: () => void this.runImport(),
      exportLayer: (l) => void exportLayerFlow(l),
      zoomTo: (b) => atlasMap.zoomTo(L.latLngBounds([b[1], b[0]], [b[3], b[2]])),
    });
    undo.onChange(() => void this.refresh());
    // Files dropped on the window open the same import dialog (the shell has accepted them).
    void api.onFilesDropped((paths) => void this.importPaths(paths));
  }

  async refresh(): Promise<void> {
    await this.panel.load();
    await this.layers.reloadAll();
  }

  /** The shell's open dialog, then the import dialog for each file chosen; new layers shown. */
  async runImport(): Promise<void> {
    await this.importPaths(await chooseImportFiles());
  }

  /** The import dialog for each path (chosen in the open dialog, or dropped on the window). */
  async importPaths(paths: string[]): Promise<void> {
    for (const path of paths) {
      const report = await importDialog(path);
      if (!report) continue;
      const layers = await api.userLayers();
      const arrived = layers.filter((l) => report.layers.includes(l.id));
      for (const l of arrived) await this.layers.show(l, true);
      await this.panel.load();
      // Show where the new features are, and how many arrived.
      const boxes = arrived.flatMap((l) => (l.bbox ? [L.latLngBounds([l.bbox[1], l.bbox[0]], [l.bbox[3], l.bbox[2]])] : []));
      if (boxes.length) this.atlasMap.zoomTo(boxes.reduce((a, b) => a.extend(b), L.latLngBounds(boxes[0].getSouthWest(), boxes[0].getNorthEast())));
      mapNotice(`${t("importArrived")} ${previewWords.features(lang(), report.features)} ${t("importArrivedInto")} ${arrived.map((l) => `“${l.name}”`).join(", ")}`);
    }
  }

  /** A click on a large (streamed) layer: a cluster zooms in until it comes apart, a feature
   * is found through the core. True when the click was theirs. */
  async clickAt(lon: number, lat: number, open: (f: UserFeature) => void): Promise<boolean> {
    const at = L.latLng(lat, lon);
    const cluster = this.layers.streamedClusterAt(at);
    if (cluster) {
      const map = this.atlasMap.map;
      map.setView(cluster.latlng, Math.min(map.getMaxZoom(), map.getZoom() + 2));
      return true;
    }
    const f = await this.layers.streamedFeatureAt(at);
    if (f) open(f);
    return f !== null;
  }

  /** Shows a feature's layer if hidden and opens it (search results). */
  async revealFeature(id: number, layerId: string, open: (f: UserFeature) => Promise<void>): Promise<void> {
    const f = (await api.layerFeatures(layerId)).find((x) => x.id === id);
    if (!f) return;
    const l = (await api.userLayers()).find((x) => x.id === layerId);
    if (l && !this.layers.isShown(l.id)) await this.layers.show(l, true);
    await open(f);
  }
}
