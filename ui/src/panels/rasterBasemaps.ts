// The layer panel's raster basemaps: add a tile set (chosen in Rust's dialog), show or hide
// it, set its opacity, see whose tiles they are, remove it. What is set is kept in the atlas
// file and drawn by the map's RasterBasemaps.

import * as api from "../api";
import type { SavedBasemap } from "../api";
import { h } from "../dom";
import { t } from "../i18n";
import type { RasterBasemaps } from "../map/rasterBasemap";

export function rasterBasemapSection(rasters: RasterBasemaps, zoomTo: (bounds: [number, number, number, number]) => void): HTMLElement {
  const list = h("ul", { class: "basemap-list plain" });
  const fail = (e: unknown) => void api.notify(api.errorText(e));

  const refresh = async () => {
    const all = await api.basemaps();
    rasters.sync(all);
    list.replaceChildren(...(all.length ? all.map(row) : [h("li", { class: "hint" }, t("basemapNone"))]));
  };
  const change = (id: number, c: { opacity?: number; visible?: boolean }) => void api.updateBasemap(id, c).then(refresh, fail);

  function row(b: SavedBasemap): HTMLElement {
    const box = h("input", { type: "checkbox", checked: b.visible, disabled: !b.available });
    box.addEventListener("change", () => change(b.id, { visible: box.checked }));
    const slider = h("input", { type: "range", min: "0", max: "100", step: "5", value: String(Math.round(b.opacity * 100)), "aria-label": `${t("opacity")} · ${b.name}`, title: t("opacity") });
    // Live while dragging; saved when let go.
    slider.addEventListener("input", () => rasters.sync([{ ...b, opacity: Number(slider.value) / 100 }]));
    slider.addEventListener("change", () => change(b.id, { opacity: Number(slider.value) / 100 }));
    const remove = h("button", { type: "button", class: "icon", "aria-label": t("removeBasemap"), title: t("removeBasemap"), onclick: () => void api.removeBasemap(b.id).then(refresh, fail) }, "×");
    return h(
      "li",
      { "data-basemap": String(b.id) },
      h("div", { class: "basemap-head" }, h("label", {}, box, h("span", { class: "layer-name" }, b.name)), remove),
      h("label", { class: "opacity" }, h("span", {}, t("opacity")), slider),
      b.attribution ? h("small", { class: "attribution" }, b.attribution) : null,
      b.available ? null : h("small", { class: "error" }, `${t("basemapMissing")}: ${b.path}`),
    );
  }

  const add = async () => {
    const path = await api.chooseBasemapFile(t("addBasemap"));
    if (!path) return;
    const b = await api.addBasemap(path);
    await refresh();
    // No modal: the new row says it arrived, and the map goes to where its tiles are.
    if (b.bounds) zoomTo(b.bounds);
    list.querySelector(`[data-basemap="${b.id}"]`)?.setAttribute("title", `${t("basemapAdded")}: ${b.name} (z ${b.min_zoom}–${b.max_zoom})`);
  };
  void refresh().catch(fail);
  return h(
    "section",
    { class: "basemap-section", "data-testid": "raster-basemaps" },
    h("h3", {}, t("rasterBasemaps")),
    list,
    h("button", { type: "button", class: "add-basemap", onclick: () => void add().catch(fail) }, t("addBasemap")),
  );
}
