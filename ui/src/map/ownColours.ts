// Each own layer's colour is kept in the atlas file (user_layers.colour): the core gives a new
// layer its palette colour and keeps the user's choice, and the layer's QGIS style follows it,
// so QGIS and every desktop that opens the file draw the layer alike. This module remembers
// what the core last said, for the drawing code, which asks by layer id.

import * as api from "../api";
import type { UserLayer } from "../api";

/** Before a layer's colour is known (never for long: every layer shown comes with it). */
const UNKNOWN = "#6d28d9";
/** Where choices were kept before colours went into the file (this desktop only). */
const DESKTOP_KEY = "atlas-own-colour:";
const COLOUR = /^#[0-9a-f]{6}$/i;

const known = new Map<string, string>();

/** Remembers the colours of layers as the core listed them. */
export function rememberColours(layers: Pick<UserLayer, "id" | "colour">[]): void {
  for (const l of layers) if (COLOUR.test(l.colour)) known.set(l.id, l.colour);
}

export function layerColour(layerId: string): string {
  return known.get(layerId) ?? UNKNOWN;
}

/** Keeps a chosen colour in the atlas file; anything that is not #rrggbb is ignored. */
export async function setLayerColour(layerId: string, colour: string, keep: typeof api.setLayerColour = api.setLayerColour): Promise<void> {
  if (!COLOUR.test(colour)) return;
  rememberColours([await keep(layerId, colour)]);
}

/** Moves colours chosen on this desktop before they were kept in the file into it, once. */
export async function adoptDesktopColours(
  layers: Pick<UserLayer, "id" | "colour">[],
  store: Pick<Storage, "getItem" | "removeItem"> = localStorage,
  keep: typeof api.setLayerColour = api.setLayerColour,
): Promise<void> {
  for (const l of layers) {
    const chosen = store.getItem(DESKTOP_KEY + l.id);
    if (chosen === null) continue;
    store.removeItem(DESKTOP_KEY + l.id);
    if (COLOUR.test(chosen) && chosen.toLowerCase() !== l.colour) await setLayerColour(l.id, chosen, keep);
  }
}
