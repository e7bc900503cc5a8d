// The plan reader: the plan by chapter; paragraphs that mention an element link to it on the
// map, and the detail panel's quotes open the reader at their paragraph.

import type { ElementSummary, ReaderSection } from "../api";
import { h } from "../dom";
import { lang, name, t } from "../i18n";
import { markChineseNames } from "../langMarks";

export class PlanReader {
  private root: HTMLElement;
  private toc: HTMLElement;
  private body: HTMLElement;
  private sections: ReaderSection[] = [];
  private elements: Map<string, ElementSummary>;
  private onElement: (id: string) => void;

  /** Set by the app: opens the notes of a paragraph ("section:ord"). */
  onNote: ((sectionId: string, ord: number, text: string) => void) | null = null;

  constructor(root: HTMLElement, elements: Map<string, ElementSummary>, onElement: (id: string) => void) {
    this.root = root;
    this.elements = elements;
    this.onElement = onElement;
    this.toc = h("nav", { class: "reader-toc" });
    // The plan's own text, in Chinese whatever the UI's language; marked so.
    this.body = h("div", { class: "reader-body", lang: "zh-CN", "data-plan-words": "" });
    root.replaceChildren(this.toc, this.body);
  }

  load(sections: ReaderSection[]): void {
    this.sections = sections;
    this.render();
  }

  render(): void {
    this.toc.replaceChildren(
      ...this.sections
        .filter((s) => s.header.depth === 0)
        .map((s) =>
          lang() === "en" && s.header.title_en
            ? h("button", { class: "link toc-item", type: "button", onclick: () => this.show(s.header.id, null) }, s.header.title_en)
            : h("button", { class: "link toc-item", type: "button", lang: "zh-CN", "data-plan-words": "", onclick: () => this.show(s.header.id, null) }, s.header.title_zh.replace(/^(第.章)\s*/, "$1 ")),
        ),
    );
    const nodes: Node[] = [];
    for (const s of this.sections) {
      const hd = s.header;
      const level = Math.min(4, 2 + hd.depth) as 2 | 3 | 4;
      const heading = h(`h${level}` as "h2", { id: `sec-${hd.id}`, class: `reader-heading kind-${hd.kind}` }, hd.title_zh);
      if (hd.seed === "002") heading.append(h("span", { class: "seed-tag" }, t("fromNews")));
      if (hd.elided_in_plan) heading.append(h("span", { class: "seed-tag elided" }, t("elided")));
      nodes.push(heading);
      // What the reader must know about this section's text (partial, table missing, excerpt ends).
      const note = (hd as typeof hd & { note_zh?: string | null; note_en?: string | null });
      const noteText = lang() === "en" ? note.note_en : note.note_zh;
      if (noteText) nodes.push(h("p", { class: "reader-section-note", "data-section-note": hd.id, lang: lang() === "en" ? "en" : "zh-CN" }, ...(lang() === "en" ? markChineseNames(noteText, "plan") : [noteText])));
      s.paragraphs.forEach((p) => {
        const kind = (p as typeof p & { text_kind?: string }).text_kind;
        const mentions = p.mentions.map((id) => this.elements.get(id)).filter((e): e is ElementSummary => !!e);
        nodes.push(
          h(
            "p",
            { id: `par-${hd.id}-${p.ord}`, class: `reader-p kind-${p.kind}${p.seed === "002" ? " from-news" : ""}`, "data-text-kind": kind ?? "" },
            kind === "news" && p.kind !== "heading" ? h("span", { class: "seed-tag news-summary", lang: lang() === "en" ? "en" : "zh-CN" }, lang() === "en" ? "News summary, not the plan's text" : "新闻稿转述,非规划原文") : null,
            p.text,
            mentions.length
              ? h("span", { class: "mentions", lang: lang() === "en" ? "en" : "zh-CN" }, ...mentions.map((e) => h("button", { class: "mention link", type: "button", "data-element": e.id, onclick: () => this.onElement(e.id), title: t("onMap") }, "◉ ", name(e))))
              : null,
            h("button", { class: "link note-button", type: "button", title: t("addNote"), onclick: () => this.onNote?.(hd.id, p.ord, p.text) }, "✎"),
          ),
        );
      });
    }
    this.body.replaceChildren(...nodes);
  }

  /** Scrolls to a section (and paragraph), and flashes it. */
  show(sectionId: string, paragraphOrd: number | null): void {
    const target = (paragraphOrd !== null && document.getElementById(`par-${sectionId}-${paragraphOrd}`)) || document.getElementById(`sec-${sectionId}`);
    if (!target) return;
    target.scrollIntoView({ block: "center" });
    target.classList.remove("flash");
    void (target as HTMLElement).offsetWidth;
    target.classList.add("flash");
    this.root.dataset.shown = `${sectionId}:${paragraphOrd ?? ""}`;
  }
}
