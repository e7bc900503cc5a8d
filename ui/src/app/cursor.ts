// The status line over the map: the cursor's coordinates and the district under it. One
// district lookup at a time; moves in between only update the coordinates. The district is
// kept, not its name, so a language switch names it in the new language at the next move.

import * as api from "../api";
import { h } from "../dom";
import { name, onLangChange } from "../i18n";

export function createCursorReadout(mapEl: HTMLElement) {
  const el = h("div", { class: "cursor-readout", id: "cursor" });
  mapEl.append(el);
  let pending: [number, number] | null = null;
  let busy = false;
  let district: { name_zh: string; name_en: string } | null = null;
  let last: [number, number] | null = null;
  const show = (lon: number, lat: number) => {
    last = [lon, lat];
    el.textContent = `${lon.toFixed(4)}°E ${lat.toFixed(4)}°N${district ? " · " + name(district) : ""}`;
  };
  // A language switch names the district under the cursor again, without waiting for a move.
  onLangChange(() => last && show(...last));
  const tick = async () => {
    if (!pending || busy) return;
    const [lon, lat] = pending;
    pending = null;
    busy = true;
    try {
      const d = await api.districtAt(lon, lat);
      district = d;
    } finally {
      busy = false;
    }
    show(lon, lat);
  };
  return {
    update(lon: number, lat: number) {
      pending = [lon, lat];
      show(lon, lat);
      void tick();
    },
  };
}
