// The export dialogs: choose what and how, pick a file (in the shell's dialog), watch progress,
// cancel. Each flow resolves with the path written, or null when nothing was.

import * as api from "../api";
import type { BookKind, Category, DataFormat, ExportKind, PageFormat, SheetJob, UserLayer } from "../api";
import { h } from "../dom";
import { lang, name, t } from "../i18n";
import { suggestedFileName, today } from "./exportName";
import { crsLabel, EXPORT_CRS, previewWords } from "./importWords";
import { modal } from "./modal";

/** A dialog of `fields` with Cancel and Export; Export closes it and runs `run`, whose answer
 * (the path written, or null) the returned promise resolves with. Cancel resolves null. */
function askThenExport(title: string, fields: Node[], run: () => Promise<string | null>): Promise<string | null> {
  return new Promise((resolve) => {
    const m = modal(
      title,
      ...fields,
      h(
        "div",
        { class: "modal-buttons" },
        h("button", { type: "button", onclick: () => { m.close(); resolve(null); } }, t("cancel")),
        h("button", { type: "button", class: "primary", onclick: () => { m.close(); void run().then(resolve); } }, t("export")),
      ),
    );
  });
}

/** Runs an export with a progress bar and a cancel button; true when it wrote its file. A
 * user's cancel closes quietly; a failure stays on screen with its message until closed. */
async function withProgress(title: string, run: () => Promise<unknown>): Promise<boolean> {
  const bar = h("progress", { max: 1, value: 0 });
  const status = h("p", { class: "status" }, t("exporting"));
  const cancel = h("button", { type: "button", onclick: () => void api.cancelJob() }, t("cancel"));
  const m = modal(title, bar, status, cancel);
  const stop = await api.onExportProgress((p) => {
    bar.max = Math.max(1, p.total);
    bar.value = p.done;
    status.textContent = `${p.stage === "pdf" ? "PDF" : t("layout")} ${p.done} / ${p.total}`;
  });
  try {
    await run();
    m.close();
    return true;
  } catch (e) {
    if (api.isCancel(e)) {
      m.close();
      return false;
    }
    status.textContent = api.errorText(e);
    status.classList.add("error");
    cancel.textContent = t("close");
    cancel.onclick = () => m.close();
    return false;
  } finally {
    stop();
  }
}

/** The view a map sheet exports, described for the dialog and the suggested file name. */
export interface SheetView {
  bbox: [number, number, number, number];
  layers: string[];
  highlight: string | null;
  /** The selected element's or district's name, if one is; the file name starts with it. */
  subject: string | null;
  /** The highlighted element's name, to say so. */
  highlightName: string | null;
  layerTotal: number;
  /** True when the view holds all of Tianjin. */
  wholeCity: boolean;
}

const degrees = (a: number, b: number) => `${a.toFixed(2)}–${b.toFixed(2)}`;

/** What the dialog says it exports: the current view, by name, its layers and its extent. */
function describeView(view: SheetView): HTMLElement {
  const what = view.subject ?? (view.wholeCity ? t("viewWhole") : null);
  const [w, s, e, n] = view.bbox;
  return h(
    "div",
    { class: "export-what", "data-testid": "export-what" },
    h("p", {}, h("strong", {}, `${t("exportsWhat")}: `), t("currentView"), what ? ` — ${what}` : ""),
    h("p", { class: "status" }, `${t("layersShown")}: ${view.layers.length} / ${view.layerTotal}`, view.highlightName ? ` · ${t("highlighted")}: ${view.highlightName}` : ""),
    h("p", { class: "status" }, `${t("viewArea")}: ${degrees(w, e)}°E, ${degrees(s, n)}°N`),
  );
}

export async function exportSheetDialog(view: SheetView): Promise<string | null> {
  const format = h("select", { id: "sheet-format" }, h("option", { value: "a4-landscape" }, lang() === "zh" ? "A4 横向" : "A4 landscape"), h("option", { value: "a4-portrait" }, lang() === "zh" ? "A4 竖向" : "A4 portrait"), h("option", { value: "slide" }, lang() === "zh" ? "16:9 幻灯片" : "16:9 slide"));
  const type = h("select", { id: "sheet-type" }, h("option", { value: "pdf" }, "PDF"), h("option", { value: "png" }, "PNG"), h("option", { value: "svg" }, "SVG"));
  const title = h("input", { type: "text", placeholder: t("title2") });
  const fileName = () => suggestedFileName([view.subject ?? (view.wholeCity ? t("viewWhole") : t("zoomTianjin")), t("mapWord")], today(), type.value);
  const suggestion = h("p", { class: "status", "data-testid": "export-file-name" }, `${t("fileNameSuggested")}: ${fileName()}`);
  type.addEventListener("change", () => (suggestion.textContent = `${t("fileNameSuggested")}: ${fileName()}`));
  return askThenExport(t("exportSheet"), [describeView(view), h("label", {}, t("format"), format), h("label", {}, t("fileType"), type), h("label", {}, t("sheetTitle"), title), suggestion], async () => {
    const ext = type.value as ExportKind;
    const path = await api.chooseExportPath(ext, fileName(), t("exportSheet"));
    if (!path) return null;
    const job: SheetJob = { subject: { kind: "bbox", value: view.bbox }, format: format.value as PageFormat, lang: lang(), title: title.value.trim() || null, layers: view.layers, highlight: view.highlight };
    return (await withProgress(t("exportSheet"), () => api.exportSheet(job, path))) ? path : null;
  });
}

/** A tour's handout: the audience's copy, or the speaker's (with the notes). */
export async function exportHandoutFlow(tourId: string, tourName: string, speakerCopy = false): Promise<string | null> {
  const path = await api.chooseExportPath("pdf", suggestedFileName([tourName, t(speakerCopy ? "speakerCopyWord" : "handoutWord")], today(), "pdf"), t("handout"));
  if (!path) return null;
  return (await withProgress(t("handout"), () => api.exportHandout(tourId, lang(), path, speakerCopy))) ? path : null;
}

/** A district's one-page brief (PDF), named after the district and the day. */
export async function exportDistrictBriefFlow(district: { adcode: string; name_zh: string; name_en: string }): Promise<string | null> {
  const path = await api.chooseExportPath("pdf", suggestedFileName([name(district), t("briefWord")], today(), "pdf"), t("exportBrief"));
  if (!path) return null;
  const kind: BookKind = { kind: "district_brief", value: district.adcode };
  return (await withProgress(t("exportBrief"), () => api.exportAtlasBook(kind, lang(), path))) ? path : null;
}

export async function exportBookDialog(categories: Category[]): Promise<string | null> {
  const which = h(
    "select",
    { id: "book-kind" },
    h("option", { value: "__districts" }, t("districtPack")),
    h("option", { value: "__all" }, t("allElements")),
    ...categories.map((c) => h("option", { value: c.id }, name(c))),
  );
  return askThenExport(t("exportBook"), [h("label", {}, t("pages"), which)], async () => {
    const what = which.value === "__districts" ? t("districtPack").split(/[(（]/)[0] : which.value === "__all" ? t("atlasBookWord") : (which.selectedOptions[0]?.textContent ?? which.value);
    const path = await api.chooseExportPath("pdf", suggestedFileName([what, which.value === "__all" ? null : t("atlasBookWord")], today(), "pdf"), t("exportBook"));
    if (!path) return null;
    const kind: BookKind = which.value === "__districts" ? { kind: "districts" } : { kind: "elements", value: which.value === "__all" ? null : which.value };
    return (await withProgress(t("exportBook"), () => api.exportAtlasBook(kind, lang(), path))) ? path : null;
  });
}

const FORMATS: [DataFormat, ExportKind, [string, string]][] = [
  ["geojson", "geojson", ["GeoJSON", "GeoJSON"]],
  ["shapefile_zip", "zip", ["Shapefile(.zip,含 .prj 和 UTF-8 .cpg)", "Shapefile (.zip, with .prj and UTF-8 .cpg)"]],
  ["geopackage", "gpkg", ["GeoPackage(整个图集:规划和我的图层,WGS 84)", "GeoPackage (the whole atlas: plan and my layers, WGS 84)"]],
];

/** Data out for other GIS: an own layer (or, with null, the plan's elements) as GeoJSON or
 * zipped Shapefiles in a CRS bureaus' systems take, or the whole atlas as a GeoPackage. The
 * shell checks the format, the CRS and the path it is given. */
export async function exportDataDialog(layer: UserLayer | null): Promise<string | null> {
  const zh = lang() === "zh";
  const title = zh ? "导出数据" : "Export data";
  const count = layer ? previewWords.features(lang(), layer.feature_count) : "";
  const what = layer ? (zh ? `图层“${layer.name}”(${count})` : `layer “${layer.name}” (${count})`) : zh ? "规划要素(全部)" : "the plan's elements (all)";
  const format = h("select", { id: "data-format" }, ...FORMATS.map(([v, , w]) => h("option", { value: v }, zh ? w[0] : w[1])));
  const crs = h("select", { id: "data-crs" }, ...EXPORT_CRS.map((c) => h("option", { value: String(c) }, crsLabel(lang(), c))));
  const kind = () => FORMATS.find(([v]) => v === format.value)![1];
  const fileName = () => suggestedFileName([layer?.name ?? (zh ? "天津规划要素" : "tianjin-plan"), format.value === "geopackage" ? null : `EPSG${crs.value}`], today(), kind());
  const suggestion = h("p", { class: "status", "data-testid": "export-file-name" });
  const update = () => {
    // A GeoPackage is the atlas as stored: WGS 84 only.
    if (format.value === "geopackage") crs.value = "4326";
    crs.disabled = format.value === "geopackage";
    suggestion.textContent = `${t("fileNameSuggested")}: ${fileName()}`;
  };
  format.addEventListener("change", update);
  crs.addEventListener("change", update);
  update();
  const fields = [h("p", { "data-testid": "export-what" }, h("strong", {}, `${t("exportsWhat")}: `), what), h("label", {}, t("fileType"), format), h("label", {}, zh ? "坐标参照系" : "Coordinate system", crs), suggestion];
  return askThenExport(title, fields, async () => {
    const path = await api.chooseExportPath(kind(), fileName(), title);
    if (!path) return null;
    const f = format.value as DataFormat;
    return (await withProgress(title, () => api.exportData(f === "geopackage" ? null : (layer?.id ?? null), f, Number(crs.value), path))) ? path : null;
  });
}
