// The list of Tianjin's 16 districts with how many plan elements each has; a click opens the
// district view.

import type { DistrictEntry } from "../api";
import { h } from "../dom";
import { name } from "../i18n";

// Sized through the CSSOM: the CSP forbids inline style attributes.
function bar(width: number): HTMLElement {
  const el = h("span", { class: "mini-bar" });
  el.style.width = `${width}px`;
  return el;
}

export function renderDistrictList(root: HTMLElement, districts: DistrictEntry[], open: (adcode: string) => void): void {
  const max = Math.max(1, ...districts.map((d) => d.element_count));
  root.replaceChildren(
    h(
      "ul",
      { class: "district-list" },
      ...districts.map((d) =>
        h(
          "li",
          {},
          h(
            "button",
            { class: "link district-item", type: "button", "data-district": d.district.adcode, onclick: () => open(d.district.adcode) },
            h("span", { class: "district-name" }, name(d.district)),
            bar(Math.round((60 * d.element_count) / max)),
            h("span", { class: "count" }, String(d.element_count)),
          ),
        ),
      ),
    ),
  );
}
