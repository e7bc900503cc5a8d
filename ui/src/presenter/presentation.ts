// Presenter mode in the main (audience) window: full screen, no chrome, the stop's zone
// highlighted, a caption readable from the back of the room, a discreet progress mark; in
// step with the presenter view window through events.

import * as api from "../api";
import type { Tour, TourStop } from "../api";
import { h } from "../dom";
import { lang } from "../i18n";
import type { AtlasMap } from "../map/atlasMap";
import { keyToCommand, step } from "./keys";

export class Presentation {
  private tour: Tour;
  private index = 0;
  private typed = "";
  private overlay: HTMLElement;
  private caption: HTMLElement;
  private captionOther: HTMLElement;
  private progress: HTMLElement;
  private counter: HTMLElement;
  private startedAt = Date.now();
  private savedLayers = new Map<string, boolean>();
  private keyHandler = (e: KeyboardEvent) => this.onKey(e);
  private unlisten: (() => void) | null = null;

  constructor(private map: AtlasMap, tour: Tour, private categories: string[], private onExit: () => void) {
    this.tour = tour;
    this.caption = h("div", { class: "pres-caption", id: "pres-caption" });
    this.captionOther = h("div", { class: "pres-caption-other" });
    this.progress = h("div", { class: "pres-progress" });
    this.counter = h("div", { class: "pres-counter" });
    this.overlay = h("div", { class: "presentation-overlay", id: "presentation" }, this.progress, h("div", { class: "pres-caption-box" }, this.caption, this.captionOther), this.counter);
  }

  async start(openPresenterView: boolean): Promise<void> {
    this.categories.forEach((c) => this.savedLayers.set(c, this.map.categoryVisible(c)));
    document.body.append(this.overlay);
    this.show(0);
    document.body.classList.add("presenting");
    document.addEventListener("keydown", this.keyHandler, true);
    this.unlisten = await api.onPresenterCommand((command) => this.apply(command === "exit" ? { kind: "exit" } : command === "prev" ? { kind: "prev" } : command === "next" ? { kind: "next" } : { kind: "none" }));
    try {
      await api.setFullscreen(true);
    } catch {
      // Full screen may be refused (no window manager); the presentation still works.
    }
    this.map.map.invalidateSize();
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
    if (stop.view) {
      this.map.select(stop.element_id, false);
      this.map.map.flyToBounds([[stop.view[1], stop.view[0]], [stop.view[3], stop.view[2]]], { duration: 1.2 });
    } else if (stop.element_id) {
      this.map.select(stop.element_id, true);
    }
    this.render();
  }

  private captionOf(s: TourStop): [string, string] {
    return lang() === "zh" ? [s.caption_zh, s.caption_en] : [s.caption_en, s.caption_zh];
  }

  private render(): void {
    const stop = this.tour.stops[this.index];
    const [caption, other] = this.captionOf(stop);
    this.caption.textContent = caption;
    this.captionOther.textContent = other !== caption ? other : "";
    this.counter.textContent = `${this.index + 1} / ${this.tour.stops.length}`;
    this.progress.replaceChildren(...this.tour.stops.map((_, k) => h("span", { class: k === this.index ? "dot on" : k < this.index ? "dot done" : "dot" })));
    document.body.dataset.stop = String(this.index + 1);
    const next = this.tour.stops[this.index + 1];
    void api.broadcastPresenterState({
      tour: lang() === "zh" ? this.tour.name_zh : this.tour.name_en,
      index: this.index,
      total: this.tour.stops.length,
      current: { caption, caption_other: other, notes: stop.notes },
      next: next ? { caption: this.captionOf(next)[0] } : null,
      started_at: this.startedAt,
      presenting: true,
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
    void api.broadcastPresenterState({ tour: "", index: 0, total: 0, current: { caption: "", caption_other: "", notes: "" }, next: null, started_at: this.startedAt, presenting: false });
    try {
      await api.setFullscreen(false);
    } catch {}
    this.map.map.invalidateSize();
    this.onExit();
  }
}
