// The tours tab: list, create, rename, duplicate, delete tours; edit, reorder (drag, or the
// arrow buttons), add and delete stops; pre-flight; start presenting.

import * as api from "../api";
import type { ElementSummary, PreflightProblem, StopContent, Tour, TourStop, TourSummary } from "../api";
import { h } from "../dom";
import { name, t, type StringKey } from "../i18n";

export interface ToursContext {
  currentView: () => { bbox: [number, number, number, number]; layers: string[] };
  selectedElement: () => string | null;
  elementName: (id: string) => string;
  /** The element itself: a stop takes each language's caption from its names. */
  element: (id: string) => ElementSummary | undefined;
  present: (tour: Tour, presenterView: boolean) => void;
  /** The audience's handout, or the speaker's copy (with the notes). */
  exportHandout: (tour: Tour, speakerCopy: boolean) => void;
}

/** Each language's field gets that language's words, whichever language the UI is in. */
const NEW_TOUR = ["新路线", "New tour"] as const;
const SAVED_VIEW = ["保存的视图", "Saved view"] as const;

/** A text box for one field of a stop, with its label above it; it grows with its text, so
 * nothing is cut off in the narrow sidebar. */
function stopField(labelKey: StringKey, value: string, cls: string, lang: string, minRows: number): { box: HTMLTextAreaElement; field: HTMLElement } {
  const box = h("textarea", { class: cls, lang, rows: Math.max(minRows, Math.ceil(value.length / (lang === "en" ? 28 : 14))) });
  box.value = value;
  return { box, field: h("label", { class: "stop-field" }, h("span", { class: "field-label" }, t(labelKey)), box) };
}

const contentOf = (s: TourStop): StopContent => ({ element_id: s.element_id, view: s.view, layers: s.layers, caption_zh: s.caption_zh, caption_en: s.caption_en, notes: s.notes });

export class ToursPanel {
  private list: TourSummary[] = [];
  private current: Tour | null = null;
  private renaming = false;
  private problems: PreflightProblem[] | null = null;
  private presenterView = true;
  private error = "";

  constructor(private root: HTMLElement, private ctx: ToursContext) {}

  async load(selectId?: string): Promise<void> {
    this.list = await api.tours();
    const id = selectId ?? this.current?.id ?? this.list[0]?.id;
    this.current = id && this.list.some((x) => x.id === id) ? await api.tour(id) : null;
    this.render();
  }

  /** The tour F5 presents: the one open in this tab, else the first. */
  async tourToPresent(): Promise<Tour | null> {
    if (!this.current) await this.load();
    return this.current;
  }

  private async act(work: () => Promise<Tour | void>, reloadList = true): Promise<void> {
    try {
      this.error = "";
      const tour = await work();
      if (tour) this.current = tour;
      if (reloadList) this.list = await api.tours();
    } catch (e) {
      this.error = String(e);
    }
    this.render();
  }

  render(): void {
    const c = this.current;
    const tourRows = this.list.map((tr) =>
      h(
        "li",
        { class: tr.id === c?.id ? "tour selected" : "tour" },
        h("button", { class: "link tour-name", type: "button", "data-tour": tr.id, onclick: () => void this.load(tr.id) }, name(tr), h("span", { class: "count" }, String(tr.stop_count))),
      ),
    );
    const header = c
      ? this.renaming
        ? this.renameForm(c)
        : h(
            "div",
            { class: "tour-head" },
            h("h3", { "data-tour-title": c.id }, name(c)),
            h(
              "div",
              { class: "tour-actions" },
              h("button", { type: "button", class: "primary", id: "present", onclick: () => this.ctx.present(c, this.presenterView) }, `▶ ${t("present")} (F5)`),
              h("button", { type: "button", onclick: () => { this.renaming = true; this.render(); } }, t("rename")),
              h("button", { type: "button", onclick: () => void this.act(() => api.duplicateTour(c.id)) }, t("duplicate")),
              h("button", { type: "button", id: "handout", title: t("handoutHint"), onclick: () => this.ctx.exportHandout(c, false) }, t("handout")),
              h("button", { type: "button", id: "handout-speaker", title: t("speakerCopyHint"), onclick: () => this.ctx.exportHandout(c, true) }, t("speakerCopy")),
              h("button", { type: "button", id: "preflight", onclick: () => void this.preflight(c) }, t("preflight")),
              h("button", { type: "button", class: "danger", onclick: () => void this.remove(c) }, t("delete")),
            ),
            this.presenterViewToggle(),
          )
      : null;
    this.root.replaceChildren(
      h("ul", { class: "tour-list" }, ...tourRows),
      h("button", { type: "button", class: "new-tour", id: "new-tour", onclick: () => void this.act(() => api.createTour(NEW_TOUR[0], NEW_TOUR[1])) }, `+ ${t("newTour")}`),
      ...(this.error ? [h("p", { class: "error" }, this.error)] : []),
      ...(header ? [header] : []),
      ...(this.problems ? [this.problemList()] : []),
      ...(c ? [this.stopList(c), this.addButtons(c)] : []),
    );
  }

  private presenterViewToggle(): HTMLElement {
    const box = h("input", { type: "checkbox", checked: this.presenterView });
    box.addEventListener("change", () => (this.presenterView = box.checked));
    return h("label", { class: "pv-toggle" }, box, t("withPresenterView"));
  }

  private renameForm(c: Tour): HTMLElement {
    const zh = h("input", { type: "text", value: c.name_zh, lang: "zh-CN", "aria-label": t("nameZh") });
    const en = h("input", { type: "text", value: c.name_en, lang: "en", "aria-label": t("nameEn") });
    const save = () => {
      this.renaming = false;
      void this.act(() => api.renameTour(c.id, zh.value, en.value));
    };
    return h("div", { class: "rename" }, h("label", { class: "stop-field" }, h("span", { class: "field-label" }, t("nameZh")), zh), h("label", { class: "stop-field" }, h("span", { class: "field-label" }, t("nameEn")), en), h("button", { type: "button", class: "primary", onclick: save }, t("save")), h("button", { type: "button", onclick: () => { this.renaming = false; this.render(); } }, t("cancel")));
  }

  private problemList(): HTMLElement {
    const p = this.problems!;
    return h(
      "div",
      { class: p.length ? "preflight bad" : "preflight ok", id: "preflight-result" },
      p.length ? h("ul", {}, ...p.map((x) => h("li", {}, x.stop ? `${t("stop")} ${x.stop}: ${x.message}` : x.message))) : h("p", {}, t("preflightOk")),
    );
  }

  private async preflight(c: Tour): Promise<void> {
    this.problems = await api.tourPreflight(c.id);
    if (!document.fonts.check('16px "Noto Sans CJK SC"') && !document.fonts.check('16px "Microsoft YaHei"') && !document.fonts.check('16px "PingFang SC"')) {
      this.problems.push({ stop: 0, message: t("noCjkFont") });
    }
    this.render();
  }

  private async remove(c: Tour): Promise<void> {
    if (!(await api.confirm(`${t("deleteTourQ")} ${name(c)}`))) return;
    await this.act(async () => {
      await api.deleteTour(c.id);
      this.current = null;
    });
    await this.load();
  }

  private stopList(c: Tour): HTMLElement {
    let dragged: number | null = null;
    return h(
      "ol",
      { class: "stop-list" },
      ...c.stops.map((s, i) => {
        const zh = stopField("captionZh", s.caption_zh, "caption-zh", "zh-CN", 1);
        const en = stopField("captionEn", s.caption_en, "caption-en", "en", 1);
        const notes = stopField("notes", s.notes, "notes", /[\u3400-\u9fff]/.test(s.notes) ? "zh-CN" : "en", 2);
        const saveIfChanged = () => {
          if (zh.box.value === s.caption_zh && en.box.value === s.caption_en && notes.box.value === s.notes) return;
          void this.act(() => api.updateStop(s.id, { ...contentOf(s), caption_zh: zh.box.value, caption_en: en.box.value, notes: notes.box.value }), false);
        };
        [zh, en, notes].forEach((f) => f.box.addEventListener("change", saveIfChanged));
        const li = h(
          "li",
          { class: "stop", draggable: "true", "data-stop": s.id },
          h("div", { class: "stop-row" }, h("span", { class: "drag", title: t("drag") }, "≡"), h("span", { class: "stop-target" }, s.element_id ? this.ctx.elementName(s.element_id) : t("savedView"))),
          zh.field,
          en.field,
          notes.field,
          h(
            "div",
            { class: "stop-buttons" },
            h("button", { type: "button", title: t("moveUp"), "aria-label": t("moveUp"), disabled: i === 0, onclick: () => void this.act(() => api.moveStop(s.id, i - 1), false) }, "↑"),
            h("button", { type: "button", title: t("moveDown"), "aria-label": t("moveDown"), disabled: i === c.stops.length - 1, onclick: () => void this.act(() => api.moveStop(s.id, i + 1), false) }, "↓"),
            h("button", { type: "button", class: "danger", title: t("delete"), "aria-label": t("delete"), onclick: () => void this.act(() => api.deleteStop(s.id)) }, "×"),
          ),
        );
        li.addEventListener("dragstart", (e) => {
          dragged = i;
          e.dataTransfer?.setData("text/plain", String(s.id));
        });
        li.addEventListener("dragover", (e) => e.preventDefault());
        li.addEventListener("drop", (e) => {
          e.preventDefault();
          if (dragged !== null && dragged !== i) void this.act(() => api.moveStop(c.stops[dragged!].id, i), false);
        });
        return li;
      }),
    );
  }

  private addButtons(c: Tour): HTMLElement {
    const addView = () => {
      const v = this.ctx.currentView();
      return this.act(() => api.addStop(c.id, { element_id: null, view: v.bbox, layers: v.layers, caption_zh: SAVED_VIEW[0], caption_en: SAVED_VIEW[1], notes: "" }));
    };
    const addSelected = () => {
      const id = this.ctx.selectedElement();
      if (!id) {
        this.error = t("selectFirst");
        this.render();
        return;
      }
      const e = this.ctx.element(id);
      return this.act(() => api.addStop(c.id, { element_id: id, view: null, layers: [], caption_zh: e?.name_zh ?? id, caption_en: e?.name_en ?? id, notes: "" }));
    };
    return h(
      "div",
      { class: "add-stop" },
      h("button", { type: "button", id: "add-view", onclick: () => void addView() }, `+ ${t("addView")}`),
      h("button", { type: "button", id: "add-selected", onclick: () => void addSelected() }, `+ ${t("addSelected")}`),
    );
  }
}
