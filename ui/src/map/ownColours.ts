// Each own layer's colour: from a palette by the layer's number, so two imports side by side
// differ at a glance, unless the user chose another in the layer list. The choice is kept on
// this desktop (localStorage, keyed by layer id), not in the atlas file.

/** Eight colours apart from the plan's categories and from each other; dark enough for lines. */
export const PALETTE = ["#6d28d9", "#0f766e", "#b45309", "#be185d", "#1d4ed8", "#4d7c0f", "#9f1239", "#0e7490"] as const;

const KEY = "atlas-own-colour:";

/** The palette colour for `layer-N` (ids are numbered as layers are made). */
export function defaultColour(layerId: string): string {
  const n = Number(/(\d+)$/.exec(layerId)?.[1] ?? 0);
  return PALETTE[(n + PALETTE.length - 1) % PALETTE.length];
}

export function layerColour(layerId: string, store: Pick<Storage, "getItem"> = localStorage): string {
  const chosen = store.getItem(KEY + layerId);
  return chosen && /^#[0-9a-f]{6}$/i.test(chosen) ? chosen : defaultColour(layerId);
}

export function setLayerColour(layerId: string, colour: string, store: Pick<Storage, "setItem"> = localStorage): void {
  if (/^#[0-9a-f]{6}$/i.test(colour)) store.setItem(KEY + layerId, colour);
}
