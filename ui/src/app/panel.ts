// The panel on the right: one subject at a time (an element, a district, an own feature, a
// plan paragraph), with its notes; reopened in the new language when the language changes.

import L from "leaflet";
import * as api from "../api";
import type { Category, UserFeature } from "../api";
import { h } from "../dom";
import { t } from "../i18n";
import type { AtlasMap } from "../map/atlasMap";
import { renderDetail, type PanelLinks } from "../panels/detail";
import { renderDistrict } from "../panels/district";
import { renderFeaturePanel } from "../panels/featurePanel";
import { notesSection } from "../panels/notes";
import type { UndoStack } from "../undo";
import type { Navigation } from "./navigation";

type Subject = { kind: "element"; id: string } | { kind: "district"; adcode: string } | { kind: "feature"; id: number } | null;

/** What the feature panel needs from the own-layers side. */
export interface FeatureActions {
  refresh: () => void;
  editGeometry: (id: number) => void;
}

export class PanelController {
  private body = h("div", { class: "panel-body" });
  private closeButton = h("button", { class: "panel-close", type: "button", "aria-label": t("close"), title: t("close"), onclick: () => this.close() }, "×");
  private subject: Subject = null;
  private links: PanelLinks;

  constructor(private root: HTMLElement, private map: AtlasMap, private undo: UndoStack, nav: Navigation, categories: Map<string, Category>, private features: FeatureActions) {
    root.append(this.closeButton, this.body);
    this.links = {
      element: (id) => nav.element(id, true),
      district: (adcode) => nav.district(adcode),
      quote: (sectionId, ord) => nav.reader(sectionId, ord),
      theme: (id) => nav.theme(id),
      categories,
    };
  }

  get isOpen(): boolean {
    return !this.root.hidden;
  }

  private show(kind: string): void {
    this.root.hidden = false;
    this.root.dataset.kind = kind;
  }

  /** Opens the panel on a subject of the plan: drawn by `render`, then the notes on it. */
  private showWithNotes(kind: "element" | "district" | "paragraph", noteId: string, render: () => void): void {
    this.show(kind);
    render();
    void notesSection(this.body, kind, noteId, this.undo);
  }

  async openElement(id: string, fly: boolean): Promise<void> {
    const detail = await api.elementDetail(id);
    this.subject = { kind: "element", id };
    this.root.dataset.element = id;
    this.showWithNotes("element", id, () => renderDetail(this.body, detail, this.links));
    this.map.selectDistrict(null);
    this.map.select(id, fly);
    this.map.map.invalidateSize();
  }

  async openDistrict(adcode: string): Promise<void> {
    const report = await api.districtReport(adcode);
    this.subject = { kind: "district", adcode };
    this.root.dataset.district = adcode;
    this.showWithNotes("district", adcode, () => renderDistrict(this.body, report, this.links));
    this.map.select(null, false);
    this.map.map.invalidateSize();
    this.map.selectDistrict(adcode, report.bbox);
  }

  async openFeature(f: UserFeature): Promise<void> {
    this.subject = { kind: "feature", id: f.id };
    this.show("feature");
    this.root.dataset.feature = String(f.id);
    this.map.select(null, false);
    await renderFeaturePanel(this.body, f, this.undo, () => this.features.refresh(), () => this.features.editGeometry(f.id));
    const map = this.map.map;
    map.invalidateSize();
    const bounds = L.geoJSON(f.geometry as GeoJSON.GeometryObject).getBounds();
    if (bounds.isValid() && !map.getBounds().contains(bounds)) map.flyToBounds(bounds, { maxZoom: 12, padding: [60, 60], duration: 0.8 });
  }

  /** A plan paragraph from the reader, to note on. */
  openParagraph(sectionId: string, ord: number, text: string): void {
    this.subject = null;
    const quote = h("blockquote", { class: "quote-para", lang: "zh-CN" }, text);
    this.showWithNotes("paragraph", `${sectionId}:${ord}`, () => this.body.replaceChildren(h("header", { class: "detail-head" }, h("div", { class: "detail-category" }, t("plan")), quote)));
    this.map.map.invalidateSize();
  }

  close(): void {
    this.root.hidden = true;
    this.subject = null;
    this.map.select(null, false);
    this.map.selectDistrict(null);
    this.map.map.invalidateSize();
  }

  /** After a language change: the labels, and the open element or district drawn again. */
  relabel(): void {
    this.closeButton.setAttribute("aria-label", t("close"));
    this.closeButton.title = t("close");
    if (this.subject?.kind === "element") void this.openElement(this.subject.id, false);
    if (this.subject?.kind === "district") void this.openDistrict(this.subject.adcode);
    // An own feature's panel too (its labels were left in the old language).
    if (this.subject?.kind === "feature") void api.userFeature(this.subject.id).then((f) => this.openFeature(f), () => this.close());
  }
}
