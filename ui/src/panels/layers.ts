// The layer list: one row per category with its legend swatch, count and a switch; plus the key
// to how location basis is drawn.

import type { Category, ElementSummary } from "../api";
import { h } from "../dom";
import { name, t } from "../i18n";
import { swatch } from "./legend";

export function renderLayers(
  root: HTMLElement,
  categories: Category[],
  elements: ElementSummary[],
  visible: (id: string) => boolean,
  setVisible: (id: string, on: boolean) => void,
): void {
  const count = (id: string) => elements.filter((e) => e.category === id).length;
  const sample = categories.find((c) => c.id === "landmark_zone") ?? categories[0];
  root.replaceChildren(
    h(
      "ul",
      { class: "layer-list" },
      ...[...categories].reverse().map((c) => {
        const box = h("input", { type: "checkbox", "data-category": c.id, checked: visible(c.id) });
        box.addEventListener("change", () => setVisible(c.id, box.checked));
        return h("li", {}, h("label", { title: name({ name_zh: c.description_zh, name_en: c.description_en }) }, box, swatch(c), h("span", { class: "layer-name" }, name(c)), h("span", { class: "count" }, String(count(c.id)))));
      }),
    ),
    h(
      "div",
      { class: "basis-key" },
      h("div", {}, swatch(sample, "site"), t("legendSite")),
      h("div", {}, swatch(sample, "schematic"), t("legendSchematic")),
      h("div", {}, swatch(categories.find((c) => c.id === "micro_centre") ?? sample, "boundary"), t("legendBoundary")),
    ),
  );
}
