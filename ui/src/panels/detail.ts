// The detail panel: what the plan says about one element, in its own words.

import type { Category, ElementDetail, ElementSummary, Quote } from "../api";
import { h } from "../dom";
import { lang, name, t, type StringKey } from "../i18n";
import { swatch } from "./legend";
import { markChineseNames, planWordsAttrs } from "../langMarks";
import { englishRendering } from "../renderings";

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

/** Picks the Chinese or English wording (for the plan-fidelity labels this panel adds). */
const tr = (zh: string, en: string) => (lang() === "zh" ? zh : en);

function titledSection(title: string, ...content: (Node | null)[]) {
  return h("section", { class: "detail-section" }, h("h3", {}, title), ...content);
}

/** What the core adds for plan fidelity (issue 13); optional until the generated types carry it. */
type Fidelity = {
  name_kind?: string;
  later_name_zh?: string | null;
  later_name_en?: string | null;
  located?: boolean;
  source_name?: string | null;
  hosts?: ElementSummary[];
  host_en?: string | null;
  relies_on?: ElementSummary[];
  relied_on_by?: ElementSummary[];
  anchors_en?: string[];
};

/** The mark a descriptive name of ours carries wherever it is shown. */
export const labelMark = () => tr("〔示意名称〕", "descriptive name");

/** Whose words a quote is: the plan's, a box's (via the news summary), or the news summary's rendering. */
export function quoteKindLabel(kind: string | undefined, seed: string): string {
  if (kind === "news") return tr("新闻稿转述,非规划原文", "News summary's rendering, not the plan's text");
  if (kind === "box" || (kind === undefined && seed === "002")) return t("seedNews");
  return t("seedPlan");
}

/** In English: our rendering of a plan sentence under it, said to be ours. */
function renderingOf(zh: string): HTMLElement[] {
  const en = lang() === "en" ? englishRendering(zh) : null;
  return en ? [h("p", { class: "rendering", lang: "en" }, en, h("small", {}, " — English rendering by the atlas team, not an official translation"))] : [];
}

/** A note or a location source: the atlas team's prose, written in both languages and shown in
 * the UI's, marked as ours (not the plan's words). In English, the Chinese names it cites are
 * marked as names. An atlas whose plan edition predates the Chinese texts has only the English:
 * in Chinese mode that sits behind a disclosure that says so. */
function ourProse(cls: "note" | "location-source", en: string, zh: string | null | undefined): HTMLElement {
  const mark = cls === "note" ? tr(" — 本图集的说明,非规划原文", " — the atlas team's note, not the plan's words") : tr(" — 本图集的说明", " — the atlas team's account");
  const ours = h("small", { class: "our-words" }, mark);
  if (lang() === "en") return h("p", { class: cls, "data-our-words": "" }, ...markChineseNames(en), ours);
  if (zh) return h("p", { class: cls, "data-our-words": "" }, zh, ours);
  return h("details", { class: `${cls} english-only` }, h("summary", {}, `${cls === "note" ? "说明" : "位置依据说明"}(仅有英文)`), h("p", { lang: "en", "data-english-only": "" }, en));
}

function quoteBlock(q: Quote, links: PanelLinks) {
  const kind = (q as Quote & { kind?: string }).kind;
  const source = quoteKindLabel(kind, q.seed);
  return h(
    "figure",
    { class: `quote seed-${q.seed} quote-${kind ?? "plan"}`, "data-quote-kind": kind ?? "" },
    h("blockquote", planWordsAttrs, q.text),
    ...renderingOf(q.text),
    h(
      "figcaption",
      {},
      h("button", { class: "link cite", type: "button", lang: "zh-CN", "data-plan-words": "", "data-section": q.section_id, onclick: () => links.quote(q.section_id, q.paragraph_ord) }, q.section_path.join(" › ")),
      h("span", { class: "seed-tag" }, source),
    ),
  );
}

/** A focus field: the plan's words in Chinese; in English our rendering, the plan's words on hover. */
function focusChip(zh: string): HTMLElement {
  const en = lang() === "en" ? englishRendering(zh) : null;
  return en ? h("span", { class: "chip", lang: "en", title: zh }, en) : h("span", { class: "chip", ...planWordsAttrs }, zh);
}

export function renderDetail(container: HTMLElement, d: ElementDetail, links: PanelLinks): void {
  const e = d.summary;
  const f = d as ElementDetail & Fidelity;
  const category = links.categories.get(e.category);
  const basis = e.location_basis;
  const other = lang() === "zh" ? e.name_en : e.name_zh;
  const uncertainty = d.uncertainty_km ? ` · ${t("uncertainty")} ${d.uncertainty_km} ${t("km")}` : "";
  const isLabel = f.name_kind === "label";
  const unlocated = (basis as string) === "unlocated";
  const basisBlock = unlocated
    ? h(
        "div",
        { class: "basis basis-unlocated", "data-basis": basis },
        h("strong", {}, tr("全市 / 未定位", "City-wide / not located")),
        h("span", {}, tr("规划未给出位置,也无可列明的公开资料来源;不在任何区内绘出,也不计入任何区。", "The plan gives no location and there is no public source to name; it is not drawn in, or counted for, any district.")),
        ourProse("location-source", d.location_source, d.location_source_zh),
      )
    : h(
        "div",
        { class: `basis basis-${basis}`, "data-basis": basis },
        h("strong", {}, basis === "site" ? tr("已知地点(据公开资料)", "Known site (from a public source)") : t(`basis_${basis}` as StringKey)),
        h("span", {}, basis === "site" ? tr("规划本身未说明位置;位置取自下列公开资料,非测绘成果。", "The plan itself does not say where it is; the position comes from the public source below, not a survey.") : t(`basisExplain_${basis}` as StringKey)),
        f.source_name ? h("small", { class: "site-source", "data-source-name": "" }, `${tr("来源", "Source")}: `, ...markChineseNames(f.source_name)) : null,
        ourProse("location-source", d.location_source, d.location_source_zh),
        uncertainty ? h("small", {}, uncertainty.replace(/^ · /, "")) : null,
      );
  const hosts = f.hosts && f.hosts.length ? f.hosts : d.host ? [d.host] : [];
  const hostText = lang() === "en" && f.host_en ? f.host_en : d.host_text;
  const anchors = lang() === "en" && f.anchors_en && f.anchors_en.length === d.anchors.length ? f.anchors_en : d.anchors;
  const parts: (Node | null)[] = [
    h(
      "header",
      { class: "detail-head" },
      h("div", { class: "detail-category" }, category ? swatch(category, basis as Parameters<typeof swatch>[1]) : null, lang() === "zh" ? d.category_name_zh : d.category_name_en),
      h("h2", { "data-element": e.id, "data-name-kind": f.name_kind ?? "plan" }, name(e), isLabel ? h("span", { class: "label-mark", title: tr("此名称为本图集的描述性名称,非规划原文。", "This name is the atlas's descriptive label, not the plan's words.") }, ` ${labelMark()}`) : null),
      // The name in the other language: a proper name, marked as such.
      h("p", { class: "other-name", lang: lang() === "zh" ? "en" : "zh-CN", "data-name": "" }, other),
      f.later_name_zh ? h("p", { class: "later-name" }, `${tr("后来的正式名称(公开资料,非规划原文)", "Later official name (public sources, not the plan)")}:${lang() === "zh" ? f.later_name_zh : f.later_name_en ?? f.later_name_zh}`) : null,
    ),
    basisBlock,
    d.note ? ourProse("note", d.note, d.note_zh) : null,
    section(
      "hostDistricts",
      h("div", { class: "chips" }, ...d.districts.map((x) => (x.adcode.startsWith("1201") ? h("button", { class: "chip link", type: "button", onclick: () => links.district(x.adcode) }, name(x)) : h("span", { class: "chip" }, name(x))))),
    ),
    hostText || hosts.length ? section("host", h("p", {}, hostText ?? "", " "), ...hosts.map((x) => elementLink(x, links))) : null,
    d.hosted.length ? section("hosted", h("div", { class: "link-list" }, ...d.hosted.map((x) => elementLink(x, links)))) : null,
    f.relies_on?.length ? titledSection(tr("依托机构", "Relies on"), h("div", { class: "link-list relies-on" }, ...f.relies_on.map((x) => elementLink(x, links)))) : null,
    f.relied_on_by?.length ? titledSection(tr("依托于此的创新区与平台", "Relied on by"), h("div", { class: "link-list relied-on-by" }, ...f.relied_on_by.map((x) => elementLink(x, links)))) : null,
    anchors.length ? section("anchors", h("ul", { class: "plain" }, ...anchors.map((a) => h("li", { lang: anchors === d.anchors ? "zh-CN" : "en" }, a)))) : null,
    d.focus.length ? section("focus", h("div", { class: "chips" }, ...d.focus.map(focusChip))) : null,
    d.themes.length ? section("themesLabel", h("div", { class: "chips" }, ...d.themes.map((th) => h("button", { class: "chip link theme-chip", type: "button", onclick: () => links.theme(th.id) }, name(th))))) : null,
    section("planWords", ...d.quotes.map((q) => quoteBlock(q, links))),
    d.related.length ? section("related", h("div", { class: "link-list" }, ...d.related.map((x) => elementLink(x, links)))) : null,
  ];
  container.replaceChildren(...parts.filter((p): p is Node => p !== null));
  container.scrollTop = 0;
}
