// The layer list: one row per category with its legend swatch, count and a switch; plus the key
// to how location basis is drawn.

import type { Category, ElementSummary } from "../api";
import { h } from "../dom";
import { lang, name, t } from "../i18n";
import { swatch } from "./legend";

export function renderLayers(
  root: HTMLElement,
  categories: Category[],
  elements: ElementSummary[],
  visible: (id: string) => boolean,
  setVisible: (id: string, on: boolean) => void,
  openElement?: (id: string) => void,
): void {
  // Elements nothing places: listed in their own group, never inside a district.
  const unlocated = elements.filter((e) => (e.location_basis as string) === "unlocated");
  const zh = lang() === "zh";
  const count = (id: string) => elements.filter((e) => e.category === id).length;
  const sample = categories.find((c) => c.id === "landmark_zone") ?? categories[0];
  const parts: (Node | null)[] = [
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
    unlocated.length
      ? h(
          "details",
          { class: "unlocated-group", "data-group": "unlocated" },
          h("summary", {}, zh ? "全市 / 未定位" : "City-wide / not located", h("span", { class: "count" }, String(unlocated.length))),
          h("p", { class: "hint" }, zh ? "规划未给出位置、也无可列明来源的要素:不画在任何区内,符号只在图边海域的空位。" : "Elements nothing places: not drawn in any district; their symbols only take slots in the sea margin."),
          h(
            "ul",
            { class: "plain" },
            ...unlocated.map((e) => {
              const c = categories.find((x) => x.id === e.category);
              return h("li", {}, h("button", { class: "link element-link", type: "button", "data-element": e.id, onclick: () => openElement?.(e.id) }, c ? swatch(c, "schematic", 14) : null, name(e)));
            }),
          ),
        )
      : null,
  ];
  root.replaceChildren(...parts.filter((p): p is Node => p !== null));
}
