// Grouped symbols on screen. Which crowded symbols group at which zoom is the core's rule
// (crates/atlas-core/src/render/grouping.rs, the same the printed maps follow); the core sends
// its answer for every zoom in the catalog, and this only looks it up. What the screen adds:
// hidden members are left out, and an element the user selected or is being presented stands
// apart (drawn itself); a group with fewer than two members left is no group.

import type { SymbolGroup, ZoomGroups } from "../api";

/** The core's entry for a zoom: the last one at or below it (entries start at the map's minimum). */
export function groupsAt(table: ZoomGroups[], zoom: number): ZoomGroups | null {
  let found: ZoomGroups | null = null;
  for (const e of table) if (e.zoom <= zoom + 1e-9) found = e;
  return found ?? table[0] ?? null;
}

export interface ShownGroup {
  group: SymbolGroup;
  /** The members drawn inside the grouped symbol now. */
  members: string[];
}

/** The groups to draw, with the members each holds now. */
export function shownGroups(entry: ZoomGroups | null, shown: (id: string) => boolean): ShownGroup[] {
  if (!entry) return [];
  return entry.groups.map((group) => ({ group, members: group.members.filter(shown) })).filter((g) => g.members.length >= 2);
}
