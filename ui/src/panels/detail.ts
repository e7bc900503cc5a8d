// The detail panel: what the plan says about one element, in its own words.

import type { Category, ElementDetail, ElementSummary, Quote } from "../api";
import { h } from "../dom";
import { lang, name, t, type StringKey } from "../i18n";
import { swatch } from "./legend";

export interface PanelLinks {
  element: (id: string) => void;
  district: (adcode: string) => void;
  quote: (sectionId: string, paragraphOrd: number | null) => void;
  theme: (id: string) => void;
  categories: Map<string, Category>;
}

function elementLink(e: ElementSummary, links: PanelLinks) {
  const c = links.categories.get(e.category);
  return h("button", { class: "link element-link", type: "button", "data-element": e.id, onclick: () => links.element(e.id) }, c ? swatch(c, e.location_basis, 14) : null, name(e));
}

function section(titleKey: StringKey, ...content: (Node | null)[]) {
  return h("section", { class: "detail-section" }, h("h3", {}, t(titleKey)), ...content);
}

function quoteBlock(q: Quote, links: PanelLinks) {
  const source = q.seed === "000" ? t("seedPlan") : t("seedNews");
  return h(
    "figure",
    { class: `quote seed-${q.seed}` },
    h("blockquote", { lang: "zh-CN" }, q.text),
    h(
      "figcaption",
      {},
      h("button", { class: "link cite", type: "button", "data-section": q.section_id, onclick: () => links.quote(q.section_id, q.paragraph_ord) }, q.section_path.join(" › ")),
      h("span", { class: "seed-tag" }, source),
    ),
  );
}

export function renderDetail(container: HTMLElement, d: ElementDetail, links: PanelLinks): void {
  const e = d.summary;
  const category = links.categories.get(e.category);
  const basis = e.location_basis;
  const other = lang() === "zh" ? e.name_en : e.name_zh;
  const uncertainty = d.uncertainty_km ? ` · ${t("uncertainty")} ${d.uncertainty_km} ${t("km")}` : "";
  const parts: (Node | null)[] = [
    h(
      "header",
      { class: "detail-head" },
      h("div", { class: "detail-category" }, category ? swatch(category, basis) : null, lang() === "zh" ? d.category_name_zh : d.category_name_en),
      h("h2", { "data-element": e.id }, name(e)),
      h("p", { class: "other-name" }, other),
    ),
    h(
      "div",
      { class: `basis basis-${basis}`, "data-basis": basis },
      h("strong", {}, t(`basis_${basis}` as StringKey)),
      h("span", {}, t(`basisExplain_${basis}` as StringKey)),
      h("small", {}, d.location_source + uncertainty),
    ),
    d.note ? h("p", { class: "note" }, d.note) : null,
    section(
      "hostDistricts",
      h("div", { class: "chips" }, ...d.districts.map((x) => (x.adcode.startsWith("1201") ? h("button", { class: "chip link", type: "button", onclick: () => links.district(x.adcode) }, name(x)) : h("span", { class: "chip" }, name(x))))),
    ),
    d.host_text || d.host ? section("host", h("p", {}, d.host_text ?? "", " "), d.host ? elementLink(d.host, links) : null) : null,
    d.hosted.length ? section("hosted", h("div", { class: "link-list" }, ...d.hosted.map((x) => elementLink(x, links)))) : null,
    d.anchors.length ? section("anchors", h("ul", { class: "plain" }, ...d.anchors.map((a) => h("li", { lang: "zh-CN" }, a)))) : null,
    d.focus.length ? section("focus", h("div", { class: "chips" }, ...d.focus.map((f) => h("span", { class: "chip", lang: "zh-CN" }, f)))) : null,
    d.themes.length ? section("themesLabel", h("div", { class: "chips" }, ...d.themes.map((th) => h("button", { class: "chip link theme-chip", type: "button", onclick: () => links.theme(th.id) }, name(th))))) : null,
    section("planWords", ...d.quotes.map((q) => quoteBlock(q, links))),
    d.related.length ? section("related", h("div", { class: "link-list" }, ...d.related.map((x) => elementLink(x, links)))) : null,
  ];
  container.replaceChildren(...parts.filter((p): p is Node => p !== null));
  container.scrollTop = 0;
}
