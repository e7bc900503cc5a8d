// Themes: the plan's key fields and livelihood fields; choosing one filters the map to the
// elements that serve it.

import type { ElementSummary, Theme } from "../api";
import { h } from "../dom";
import { name, t } from "../i18n";

export function renderThemes(root: HTMLElement, themes: Theme[], elements: Map<string, ElementSummary>, active: string | null, choose: (id: string | null) => void, open: (id: string) => void): void {
  const group = (kind: Theme["kind"], title: string) =>
    h(
      "div",
      { class: "theme-group" },
      h("h3", {}, title),
      ...themes
        .filter((th) => th.kind === kind)
        .map((th) =>
          h(
            "div",
            { class: `theme${th.id === active ? " active" : ""}` },
            h("button", { class: "link theme-name", type: "button", "data-theme": th.id, onclick: () => choose(th.id === active ? null : th.id) }, name(th), h("span", { class: "count" }, String(th.element_ids.length))),
            th.id === active
              ? h("div", { class: "link-list" }, ...th.element_ids.map((id) => elements.get(id)).filter((e): e is ElementSummary => !!e).map((e) => h("button", { class: "link element-link", type: "button", "data-element": e.id, onclick: () => open(e.id) }, name(e))))
              : null,
          ),
        ),
    );
  root.replaceChildren(
    active ? h("button", { class: "clear-filter", type: "button", onclick: () => choose(null) }, t("clearFilter")) : h("span"),
    group("key_field", t("keyFields")),
    group("livelihood", t("livelihood")),
  );
}
