// The district view: everything the plan puts in one district, and a chart of counts by category.

import * as api from "../api";
import type { DistrictReport } from "../api";
import { h } from "../dom";
import { isCityWide } from "../drawingRules";
import { name, t } from "../i18n";
import type { PanelLinks } from "./detail";
import { exportDistrictBriefFlow } from "./exportDialog";
import { swatch } from "./legend";

// A bar per category; HTML rather than SVG so long (English) names wrap instead of clipping.
function chart(report: DistrictReport, links: PanelLinks): HTMLElement {
  const max = Math.max(1, ...report.counts_by_category.map(([, n]) => n));
  return h(
    "div",
    { class: "bar-chart", role: "img", "aria-label": t("byCategory") },
    ...report.counts_by_category.map(([id, n]) => {
      const c = links.categories.get(id);
      const bar = h("span", { class: "bar" });
      // Sized and coloured through the CSSOM: the CSP forbids inline style attributes.
      bar.style.width = `${Math.max(2, (100 * n) / max)}%`;
      bar.style.background = c?.style.fill ?? "#888";
      bar.style.borderColor = c?.style.stroke ?? "#555";
      return h("div", { class: "bar-row", "data-category": id }, h("span", { class: "bar-label" }, c ? name(c) : id), h("span", { class: "bar-track" }, bar), h("span", { class: "bar-value" }, String(n)));
    }),
  );
}

/** "Export this district's brief": one A4 page for the district, written by the core. */
function briefButton(report: DistrictReport): HTMLElement {
  const button = h("button", { type: "button", class: "brief-export", "data-testid": "export-brief" }, t("exportBrief"));
  button.onclick = () =>
    void exportDistrictBriefFlow(report.district)
      .then((path) => path && api.notify(`${t("exportDone")}: ${path}`))
      .catch((e) => api.notify(api.errorText(e)));
  return button;
}

export function renderDistrict(container: HTMLElement, report: DistrictReport, links: PanelLinks): void {
  const byCategory = new Map<string, typeof report.elements>();
  for (const e of report.elements) byCategory.set(e.category, [...(byCategory.get(e.category) ?? []), e]);
  container.replaceChildren(
    h("header", { class: "detail-head" }, h("div", { class: "detail-category" }, `${report.district.adcode}`), h("h2", { "data-district": report.district.adcode }, name(report.district)), h("p", { class: "other-name" }, `${report.elements.length} ${t("elementsCount")}`), briefButton(report)),
    h("section", { class: "detail-section" }, h("h3", {}, t("byCategory")), chart(report, links)),
    h(
      "section",
      { class: "detail-section" },
      h("h3", {}, t("elementsInDistrict")),
      ...report.counts_by_category.map(([id]) => {
        const c = links.categories.get(id);
        return h(
          "div",
          { class: "district-group" },
          h("h4", {}, c ? swatch(c) : null, c ? name(c) : id),
          h(
            "div",
            { class: "link-list" },
            ...(byCategory.get(id) ?? []).map((e) =>
              h("button", { class: "link element-link", type: "button", "data-element": e.id, onclick: () => links.element(e.id) }, c ? swatch(c, e.location_basis, 14) : null, name(e), isCityWide(e.id) ? h("small", {}, ` (${t("cityWide")})`) : null),
            ),
          ),
        );
      }),
    ),
  );
  container.scrollTop = 0;
}
