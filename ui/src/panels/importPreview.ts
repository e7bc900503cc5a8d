// The import dialog's preview: for each layer of the chosen file, the detected format, CRS and
// how it was found, the attribute encoding and how, the assumptions made (axis order, CGCS2000
// taken as WGS84), decoded sample values (mojibake shows here, before anything is stored) and a
// small table of the first features and their fields. Built from the core's ImportPreview,
// whose detections and blocking problems are kinds with values: the sentences come from
// importWords.ts, in the UI's language.

import type { ImportPreview, LayerPreview } from "../api";
import { h } from "../dom";
import type { Lang } from "../i18n";
import { crsLabel, crsSourceText, detectionText, formatName, previewWords, problemText } from "./importWords";

type FirstFeature = { properties?: Record<string, unknown> | null };

function layerBlock(lang: Lang, l: LayerPreview): HTMLElement {
  const crs = l.crs ? crsLabel(lang, l.crs.epsg, l.crs_name) : previewWords.unknownCrs(lang);
  const how = l.crs_source ? (lang === "zh" ? `(${crsSourceText(lang, l.crs_source)})` : ` (${crsSourceText(lang, l.crs_source)})`) : "";
  const lines = [
    // A layer refused before its shapes were counted says nothing of a count (not "0 features").
    h("p", {}, h("strong", {}, l.name), l.problem && !l.features ? "" : ` · ${previewWords.features(lang, l.features)}`, ` · ${crs}`, how),
    ...(l.encoding ? [h("p", { class: "preview-encoding" }, detectionText(lang, l.encoding))] : []),
    ...[...l.assumptions, ...l.notes].map((a) => h("p", { class: "preview-note" }, detectionText(lang, a))),
    ...(l.samples.length ? [h("p", { class: "preview-samples" }, `${previewWords.samples(lang)}: ${l.samples.join(" | ")}`)] : []),
    ...(l.problem ? [h("p", { class: "status error" }, problemText(lang, l.problem))] : []),
  ];
  const names = l.fields.map((f) => f.name).slice(0, 6);
  const rows = l.first_features as FirstFeature[];
  const table = h(
    "table",
    { class: "preview-table" },
    h("tr", {}, ...names.map((n) => h("th", {}, n))),
    ...rows.map((f) => h("tr", {}, ...names.map((n) => h("td", {}, String(f.properties?.[n] ?? ""))))),
  );
  return h("div", { class: "import-preview-layer" }, ...lines, ...(names.length && rows.length ? [table] : []));
}

/** The preview as shown in the dialog, in `lang`. */
export function previewBlock(p: ImportPreview, lang: Lang): HTMLElement {
  return h("div", { class: "import-preview", id: "import-preview" }, h("p", { class: "preview-format" }, formatName(lang, p.format)), ...p.layers.map((l) => layerBlock(lang, l)));
}
