// "My layers" in the layer list: show/hide, draw into, import, export, rename, delete.

import * as api from "../api";
import type { UserLayer } from "../api";
import { h } from "../dom";
import { t } from "../i18n";
import { userTextMarks } from "../langMarks";
import { adoptDesktopColours, layerColour, rememberColours, setLayerColour } from "../map/ownColours";
import type { OwnLayers } from "../map/ownLayers";

export interface OwnLayersActions {
  importFile: () => void;
  exportLayer: (layer: UserLayer) => void;
  zoomTo: (bbox: [number, number, number, number]) => void;
}

export class OwnLayersPanel {
  private layers: UserLayer[] = [];
  private renaming: string | null = null;

  constructor(private root: HTMLElement, private map: OwnLayers, private actions: OwnLayersActions) {}

  async load(): Promise<void> {
    this.layers = await api.userLayers();
    rememberColours(this.layers);
    await adoptDesktopColours(this.layers);
    this.render();
  }

  render(): void {
    this.root.replaceChildren(
      h("h3", { class: "own-title" }, t("myLayers")),
      h(
        "ul",
        { class: "own-list" },
        ...this.layers.map((l) => {
          const box = h("input", { type: "checkbox", checked: this.map.isShown(l.id), "data-own-layer": l.id });
          box.addEventListener("change", () => void this.map.show(l, box.checked));
          const colour = h("input", { type: "color", value: layerColour(l.id), title: t("layerColour"), "aria-label": t("layerColour"), "data-layer-colour": l.id });
          colour.addEventListener("change", async () => {
            await setLayerColour(l.id, colour.value);
            await this.map.redraw(l.id);
          });
          const name =
            this.renaming === l.id
              ? this.renameBox(l)
              : h("button", { type: "button", class: "link own-name", ...userTextMarks(l.name), onclick: () => l.bbox && this.actions.zoomTo(l.bbox) }, l.name);
          return h(
            "li",
            { "data-layer": l.id },
            h("div", { class: "own-row" }, box, colour, name, h("span", { class: "count" }, String(l.feature_count))),
            h(
              "div",
              { class: "own-buttons" },
              h("button", { type: "button", title: t("drawPoint"), "aria-label": t("drawPoint"), "data-draw": "Marker", onclick: () => this.draw(l, "Marker") }, "●"),
              h("button", { type: "button", title: t("drawLine"), "aria-label": t("drawLine"), "data-draw": "Line", onclick: () => this.draw(l, "Line") }, "╱"),
              h("button", { type: "button", title: t("drawPolygon"), "aria-label": t("drawPolygon"), "data-draw": "Polygon", onclick: () => this.draw(l, "Polygon") }, "⬠"),
              h("button", { type: "button", title: t("exportGeojson"), "aria-label": t("exportGeojson"), onclick: () => this.actions.exportLayer(l) }, "⤓"),
              h("button", { type: "button", title: t("rename"), "aria-label": t("rename"), onclick: () => { this.renaming = l.id; this.render(); } }, "✎"),
              h("button", { type: "button", class: "danger", title: t("delete"), "aria-label": t("delete"), onclick: () => void this.remove(l) }, "×"),
            ),
          );
        }),
      ),
      h(
        "div",
        { class: "own-actions" },
        h("button", { type: "button", id: "new-layer", onclick: () => void this.create() }, `+ ${t("newLayer")}`),
        h("button", { type: "button", id: "import", onclick: () => this.actions.importFile() }, `⤒ ${t("import")}`),
      ),
    );
  }

  private renameBox(l: UserLayer): HTMLElement {
    const input = h("input", { type: "text", value: l.name, class: "rename-layer" });
    const done = async () => {
      this.renaming = null;
      if (input.value.trim() && input.value !== l.name) await api.renameLayer(l.id, input.value);
      await this.load();
    };
    input.addEventListener("change", () => void done());
    input.addEventListener("keydown", (e) => e.key === "Escape" && ((this.renaming = null), this.render()));
    return input;
  }

  private async draw(l: UserLayer, shape: "Marker" | "Line" | "Polygon"): Promise<void> {
    if (!this.map.isShown(l.id)) await this.map.show(l, true);
    this.map.draw(l.id, shape);
    this.render();
  }

  private async create(): Promise<void> {
    const l = await api.createLayer(t("newLayer"));
    await this.map.show(l, true);
    this.renaming = l.id;
    await this.load();
  }

  private async remove(l: UserLayer): Promise<void> {
    if (!(await api.confirm(`${t("deleteLayerQ")} ${l.name} (${l.feature_count})`))) return;
    await this.map.show(l, false);
    await api.deleteLayer(l.id);
    await this.load();
  }
}
