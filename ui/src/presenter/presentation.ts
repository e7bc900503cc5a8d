// Presenter mode in the main (audience) window: full screen, no chrome, the stop's zone
// highlighted, a caption readable from the back of the room, a discreet progress mark; in
// step with the presenter view window through events.

import L from "leaflet";
import * as api from "../api";
import type { ElementSummary, Tour, TourStop } from "../api";
import { h } from "../dom";
import { lang } from "../i18n";
import type { AtlasMap } from "../map/atlasMap";
import { keyToCommand, step } from "./keys";
import { frameOptions, freeArea, stopZoomLimit } from "./framing";

export class Presentation {
  private tour: Tour;
  private index = 0;
  private typed = "";
  private overlay: HTMLElement;
  private caption: HTMLElement;
  private captionBox: HTMLElement;
  private progress: HTMLElement;
  private counter: HTMLElement;
  private startedAt = Date.now();
  private savedLayers = new Map<string, boolean>();
  private keyHandler = (e: KeyboardEvent) => this.onKey(e);
  private unlisten: (() => void) | null = null;

  constructor(private map: AtlasMap, tour: Tour, private categories: string[], private elements: Map<string, ElementSummary>, private onExit: () => void) {
    this.tour = tour;
    // One language at a time: the caption in the UI's language only.
    this.caption = h("div", { class: "pres-caption", id: "pres-caption" });
    this.captionBox = h("div", { class: "pres-caption-box", id: "pres-caption-box" }, this.caption);
    this.progress = h("div", { class: "pres-progress" });
    this.counter = h("div", { class: "pres-counter", id: "pres-counter" });
    this.overlay = h("div", { class: "presentation-overlay", id: "presentation" }, this.progress, this.captionBox, this.counter);
  }

  async start(openPresenterView: boolean): Promise<void> {
    this.categories.forEach((c) => this.savedLayers.set(c, this.map.categoryVisible(c)));
    document.body.append(this.overlay);
    document.body.classList.add("presenting");
    this.map.map.invalidateSize();
    this.show(0);
    document.addEventListener("keydown", this.keyHandler, true);
    this.unlisten = await api.onPresenterCommand((command) => this.apply(command === "exit" ? { kind: "exit" } : command === "prev" ? { kind: "prev" } : command === "next" ? { kind: "next" } : { kind: "none" }));
    try {
      await api.setFullscreen(true);
    } catch {
      // Full screen may be refused (no window manager); the presentation still works.
    }
    // Full screen changed the map's size: frame the first stop again in the new free area.
    this.map.map.invalidateSize();
    this.show(this.index);
    if (openPresenterView) {
      try {
        await api.openPresenterWindow();
      } catch (e) {
        // The audience window works alone; say why the second one is missing.
        document.body.dataset.presenterError = api.errorText(e);
        this.counter.title = api.errorText(e);
      }
    }
  }

  private onKey(e: KeyboardEvent): void {
    const command = keyToCommand(e.key, this.typed);
    if (command.kind === "none") return;
    e.preventDefault();
    e.stopPropagation();
    if (command.kind === "digit") {
      this.typed += command.digit;
      this.counter.textContent = `→ ${this.typed}`;
      return;
    }
    this.typed = "";
    this.apply(command);
  }

  private apply(command: ReturnType<typeof keyToCommand>): void {
    if (command.kind === "exit") {
      void this.stop();
      return;
    }
    const next = step(this.index, this.tour.stops.length, command);
    if (next !== this.index || command.kind === "goto") this.show(next);
    else this.render();
  }

  private show(i: number): void {
    this.index = i;
    const stop = this.tour.stops[i];
    if (!stop) return;
    // Layers: a stop may show only some categories; empty means all.
    for (const c of this.categories) this.map.setCategoryVisible(c, stop.layers.length === 0 || stop.layers.includes(c));
    this.map.select(stop.element_id, false);
    this.map.setFocus(stop.element_id);
    // The caption first: its size decides where the map may put the element.
    this.render();
    this.frame(stop);
  }

  /** Flies to the stop so that its element (or saved view) fills the part of the screen the
   * caption, the progress dots and the counter leave free. Marks body[data-framed] when there. */
  private frame(stop: TourStop): void {
    const map = this.map.map;
    const e = stop.element_id ? this.elements.get(stop.element_id) : undefined;
    const box = stop.view ?? e?.bbox;
    delete document.body.dataset.framed;
    if (!box) return;
    const free = freeArea(map.getContainer().getBoundingClientRect(), [this.captionBox, this.progress, this.counter].map((el) => el.getBoundingClientRect()));
    const bounds = L.latLngBounds([box[1], box[0]], [box[3], box[2]]);
    const stopNo = this.index + 1;
    map.once("moveend", () => {
      if (this.index + 1 === stopNo) document.body.dataset.framed = String(stopNo);
    });
    map.flyToBounds(bounds, { ...frameOptions(free, map.getSize()), maxZoom: stopZoomLimit(!stop.view), duration: 1.2 });
  }

  private captionOf(s: TourStop): string {
    return lang() === "zh" ? s.caption_zh : s.caption_en;
  }

  private render(): void {
    const stop = this.tour.stops[this.index];
    const caption = this.captionOf(stop);
    this.caption.textContent = caption;
    this.caption.lang = lang() === "zh" ? "zh-CN" : "en";
    // A long caption (an official English name) in a smaller face, so it keeps to two lines.
    this.caption.classList.toggle("long", caption.length > (lang() === "zh" ? 14 : 32));
    this.counter.textContent = `${this.index + 1} / ${this.tour.stops.length}`;
    this.progress.replaceChildren(...this.tour.stops.map((_, k) => h("span", { class: k === this.index ? "dot on" : k < this.index ? "dot done" : "dot" })));
    document.body.dataset.stop = String(this.index + 1);
    const next = this.tour.stops[this.index + 1];
    void api.broadcastPresenterState({
      tour: lang() === "zh" ? this.tour.name_zh : this.tour.name_en,
      index: this.index,
      total: this.tour.stops.length,
      current: { caption, caption_other: "", notes: stop.notes },
      next: next ? { caption: this.captionOf(next) } : null,
      started_at: this.startedAt,
      presenting: true,
      lang: lang(),
    });
  }

  async stop(): Promise<void> {
    document.removeEventListener("keydown", this.keyHandler, true);
    this.unlisten?.();
    this.overlay.remove();
    document.body.classList.remove("presenting");
    delete document.body.dataset.stop;
    this.savedLayers.forEach((on, c) => this.map.setCategoryVisible(c, on));
    this.map.select(null, false);
    this.map.setFocus(null);
    delete document.body.dataset.framed;
    void api.broadcastPresenterState({ tour: "", index: 0, total: 0, current: { caption: "", caption_other: "", notes: "" }, next: null, started_at: this.startedAt, presenting: false, lang: lang() });
    try {
      await api.setFullscreen(false);
    } catch {}
    this.map.map.invalidateSize();
    this.onExit();
  }
}
