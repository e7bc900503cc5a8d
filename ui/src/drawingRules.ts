// What the core decided about drawing that more than the map needs: the legend's swatches
// (crates/atlas-core/src/style.rs) and which elements the plan assigns to all of Tianjin. Set
// once at startup from the catalog and the plan layer; nothing here is decided in the UI.

import type { LegendSwatch } from "./api";

let legend = new Map<string, LegendSwatch>();
let cityWide = new Set<string>();

export function setLegend(swatches: LegendSwatch[]): void {
  legend = new Map(swatches.map((s) => [s.category, s]));
}

export function legendSwatch(category: string): LegendSwatch | undefined {
  return legend.get(category);
}

export function setCityWide(ids: Iterable<string>): void {
  cityWide = new Set(ids);
}

/** True for elements the plan assigns to the whole of Tianjin (the core's rule). */
export function isCityWide(elementId: string): boolean {
  return cityWide.has(elementId);
}
