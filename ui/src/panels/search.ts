// The search box: one query over names (zh/en), themes and the plan text, results grouped,
// arrow keys to move, Enter to open (the first result if none is chosen), Escape to close.

import type { Category, SearchResults } from "../api";
import { search } from "../api";
import { h } from "../dom";
import { lang, name, t, type StringKey } from "../i18n";
import { userTextMarks } from "../langMarks";
import { labelMark } from "./detail";
import { swatch } from "./legend";

/** Something the core found by its name alone (search.rs NamedHit). */
interface NamedHit {
  id: string;
  name_zh: string;
  name_en: string;
  score: number;
}
/** The groups found by name; optional until the generated types carry them. */
type Results = SearchResults & { districts?: NamedHit[]; categories?: NamedHit[]; tours?: NamedHit[]; layers?: NamedHit[] };

export interface SearchActions {
  element: (id: string) => void;
  district: (adcode: string) => void;
  category: (id: string) => void;
  tour: (id: string) => void;
  layer: (id: string) => void;
  note: (note: import("../api").Note) => void;
  feature: (id: number, layerId: string) => void;
  theme: (id: string) => void;
  paragraph: (sectionId: string, ord: number) => void;
  categories: Map<string, Category>;
}

export class SearchBox {
  readonly input: HTMLInputElement;
  private list: HTMLElement;
  private items: { el: HTMLElement; run: () => void }[] = [];
  private active = -1;
  private seq = 0;
  private actions: SearchActions;

  constructor(host: HTMLElement, actions: SearchActions) {
    this.actions = actions;
    this.input = h("input", { id: "search", type: "search", autocomplete: "off", spellcheck: "false", placeholder: t("searchPlaceholder"), "aria-label": t("searchPlaceholder") });
    this.list = h("div", { id: "search-results", role: "listbox", hidden: true });
    host.append(h("div", { class: "search-wrap" }, this.input, this.list));
    let timer = 0;
    this.input.addEventListener("input", () => {
      clearTimeout(timer);
      timer = window.setTimeout(() => void this.run(), 120);
    });
    this.input.addEventListener("keydown", (e) => this.onKey(e));
    this.input.addEventListener("focus", () => this.items.length && (this.list.hidden = false));
    document.addEventListener("click", (e) => {
      if (!(e.target as HTMLElement).closest(".search-wrap")) this.list.hidden = true;
    });
  }

  relabel(): void {
    this.input.placeholder = t("searchPlaceholder");
  }

  private async run(): Promise<void> {
    const q = this.input.value.trim();
    const seq = ++this.seq;
    if (!q) {
      this.list.hidden = true;
      this.items = [];
      return;
    }
    const results = await search(q, 8);
    if (seq !== this.seq) return; // a newer keystroke superseded this query
    this.render(results);
  }

  /** Runs the query now (for Enter pressed before the debounce fired). */
  private async flush(): Promise<void> {
    this.seq++;
    const q = this.input.value.trim();
    if (!q) return;
    this.render(await search(q, 8));
  }

  private render(r: Results): void {
    this.items = [];
    this.active = -1;
    const groups: Node[] = [];
    const item = (content: Node[], run: () => void, kind: string) => {
      const el = h("div", { class: `result result-${kind}`, role: "option" }, ...content);
      el.addEventListener("mousedown", (e) => {
        e.preventDefault();
        run();
        this.close();
      });
      this.items.push({ el, run });
      return el;
    };
    // Named things (a district, a layer of the map, a tour, an own layer) first when they match
    // better than any element: "津南区" means the district, not the zones in it.
    const named = (hits: NamedHit[] | undefined, key: StringKey, kind: string, run: (id: string) => void) => {
      if (!hits?.length) return [] as Node[];
      return [
        h("div", { class: "result-group" }, t(key)),
        ...hits.map((x) => {
          const el = item([h("span", {}, name(x))], () => run(x.id), kind);
          el.dataset.id = x.id;
          return el;
        }),
      ];
    };
    const bestElement = r.elements[0]?.score ?? 0;
    const districtsFirst = (r.districts?.[0]?.score ?? 0) >= bestElement;
    if (districtsFirst) groups.push(...named(r.districts, "districts", "district", this.actions.district));
    if (r.elements.length)
      groups.push(
        h("div", { class: "result-group" }, t("resultsPlaces")),
        ...r.elements.map((hit) => {
          const c = this.actions.categories.get(hit.element.category);
          const extra = hit as typeof hit & { name_kind?: string };
          const unlocated = (hit.element.location_basis as string) === "unlocated";
          const marks = [extra.name_kind === "label" ? labelMark() : "", unlocated ? (lang() === "zh" ? "全市 / 未定位" : "city-wide / not located") : ""].filter(Boolean);
          const el = item([c ? swatch(c, (unlocated ? "schematic" : hit.element.location_basis) as Parameters<typeof swatch>[1], 14) : h("span"), h("span", {}, name(hit.element)), marks.length ? h("small", { class: "result-marks" }, ` ${marks.join(" · ")}`) : null].filter((n): n is HTMLElement => n !== null), () => this.actions.element(hit.element.id), "element");
          el.dataset.element = hit.element.id;
          return el;
        }),
      );
    if (!districtsFirst) groups.push(...named(r.districts, "districts", "district", this.actions.district));
    groups.push(...named(r.categories, "layers", "category", this.actions.category), ...named(r.tours, "tours", "tour", this.actions.tour), ...named(r.layers, "myLayers", "layer", this.actions.layer));
    if (r.themes.length) groups.push(h("div", { class: "result-group" }, t("resultsThemes")), ...r.themes.map((th) => item([h("span", {}, name(th))], () => this.actions.theme(th.id), "theme")));
    if (r.paragraphs.length)
      groups.push(
        h("div", { class: "result-group" }, t("resultsText")),
        ...r.paragraphs.map((p) => {
          const kind = (p as typeof p & { text_kind?: string }).text_kind;
          const whose = kind === "news" || kind === "digest" ? (lang() === "zh" ? " · 新闻稿,非规划原文" : " · news summary, not the plan's text") : kind === "box" ? (lang() === "zh" ? " · 专栏内容(据新闻稿)" : " · box content (via news summary)") : "";
          return item([h("span", { class: "snippet", lang: "zh-CN", "data-plan-words": "" }, p.snippet), h("small", {}, h("span", { lang: "zh-CN", "data-plan-words": "" }, p.section_title), whose)], () => this.actions.paragraph(p.section_id, p.paragraph_ord), "paragraph");
        }),
      );
    if (r.features.length)
      groups.push(h("div", { class: "result-group" }, t("myLayers")), ...r.features.map((f) => item([h("span", userTextMarks(f.name), f.name)], () => this.actions.feature(f.id, f.layer_id), "feature")));
    if (r.notes.length)
      groups.push(h("div", { class: "result-group" }, t("notesTab")), ...r.notes.map((n) => item([h("span", { class: "snippet" }, n.text.slice(0, 60))], () => this.actions.note(n), "note")));
    if (!groups.length) groups.push(h("div", { class: "result-empty" }, t("noResults")));
    this.list.replaceChildren(...groups);
    this.list.hidden = false;
  }

  private highlight(i: number): void {
    this.items.forEach((it, k) => it.el.classList.toggle("active", k === i));
    this.active = i;
    this.items[i]?.el.scrollIntoView({ block: "nearest" });
  }

  private async onKey(e: KeyboardEvent): Promise<void> {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      if (!this.items.length) return;
      const n = this.items.length;
      this.highlight(e.key === "ArrowDown" ? (this.active + 1) % n : (this.active - 1 + n) % n);
    } else if (e.key === "Enter") {
      e.preventDefault();
      if (this.active < 0) await this.flush();
      const chosen = this.items[Math.max(0, this.active)];
      chosen?.run();
      this.close();
    } else if (e.key === "Escape") {
      this.close();
      this.input.blur();
    }
  }

  private close(): void {
    this.list.hidden = true;
    this.active = -1;
  }
}
