// Hooks for the end-to-end tests, in test builds only (VITE_E2E=1; see main.ts): where things
// are drawn, so a test can click them like a user would, and an answer for the next native
// file dialog, which WebDriver cannot drive. Nothing here skips a step a user takes.

import L from "leaflet";
import * as api from "../api";
import type { ElementSummary, PlanCatalog } from "../api";
import { name } from "../i18n";
import type { AtlasMap } from "../map/atlasMap";
import type { OwnLayers } from "../map/ownLayers";

export interface TestHookParts {
  atlasMap: AtlasMap;
  catalog: PlanCatalog;
  elements: Map<string, ElementSummary>;
  ownLayers: OwnLayers;
}

export function installTestHooks({ atlasMap, catalog, elements, ownLayers }: TestHookParts): void {
  (window as unknown as { atlasTest: unknown }).atlasTest = {
    screenPointOf: (id: string) => atlasMap.screenPointOf(id),
    /** The elements a click at this map point (container px) would offer. */
    elementsAt: (x: number, y: number) => atlasMap.elementsAt(x, y),
    debugMap: atlasMap,
    drawnCounts: () => atlasMap.drawnCounts(),
    visibleLabels: () => [...document.querySelectorAll(".label-pane .label")].map((el) => el.textContent),
    catalog: (): PlanCatalog => catalog,
    nameOf: (id: string) => name(elements.get(id)!),
    /** The next file dialog the shell would open answers with these paths (a test build's
     * shell command; the release shell has no such command). */
    answerNextDialog: (paths: string[]) => api.e2eAnswerNextDialog(paths),
    ownFeatureCount: () => ownLayers.featureCount(),
    // Large-layer benchmark: first draw streamed (ms from request to paint) or whole.
    showStreamed: (layerId: string) => ownLayers.showStreamed(layerId),
    showNaive: async (layerId: string) => {
      const started = performance.now();
      await ownLayers.showNaive(layerId);
      await new Promise((r) => requestAnimationFrame(() => r(null)));
      return performance.now() - started;
    },
    hideOwn: async (layerId: string) => {
      const l = (await api.userLayers()).find((x) => x.id === layerId);
      if (l) await ownLayers.show(l, false);
    },
    /** Moves the map and resolves with the streamed layer's request-to-paint time there. */
    viewStreamedAt: (layerId: string, centre: [number, number], zoom: number) =>
      new Promise<number | null>((resolve) => {
        const layer = ownLayers.streamedLayer(layerId);
        if (!layer) return resolve(null);
        layer.onDrawn = (ms) => resolve(ms);
        atlasMap.map.setView(centre, zoom, { animate: false });
      }),
    /** Where the streamed layer's clusters are on screen (container px) and their counts. */
    streamedClusters: (layerId: string) => {
      const d = ownLayers.streamedLayer(layerId)?.viewData();
      const map = atlasMap.map;
      return (d?.clusters ?? []).map((c) => {
        const p = map.latLngToContainerPoint(map.unproject(L.point(c.x + d!.originX, c.y + d!.originY), d!.zoom));
        return { x: p.x, y: p.y, count: c.count };
      });
    },
    streamedView: (layerId: string) => {
      const layer = ownLayers.streamedLayer(layerId);
      const d = layer?.viewData();
      return d && { timing: layer!.lastTiming, bytes: d.bytes, zoom: d.zoom, originX: d.originX, originY: d.originY, shapes: d.shapes.length, dots: d.dots.length / 2, clusters: d.clusters.length, points: d.points.length / 2, inView: d.inView, clusterTotal: d.clusters.reduce((n, c) => n + c.count, 0) };
    },
  };
}
