// The import dialog's preview: for each layer of the chosen file, the detected format, CRS and
// how it was found, the attribute encoding and how, the assumptions made (axis order, CGCS2000
// taken as WGS84), decoded sample values (mojibake shows here, before anything is stored) and a
// small table of the first features and their fields. Built from the core's ImportPreview.

import type { ImportPreview, LayerPreview } from "../api";
import { h } from "../dom";

/** The CRSs offered when a file's own cannot be read or is wrong (any supported EPSG code can be typed). */
export const CRS_CHOICES: [string, string][] = [
  ["", "自动识别 / detect (.prj, GeoPackage)"],
  ["4548", "EPSG:4548 CGCS2000 / 3° GK CM 117E (天津)"],
  ["4527", "EPSG:4527 CGCS2000 / 3° GK zone 39 (天津, 带号)"],
  ["4490", "EPSG:4490 CGCS2000 经纬度"],
  ["4326", "EPSG:4326 WGS84 经纬度"],
  ["3857", "EPSG:3857 Web Mercator"],
  ["32650", "EPSG:32650 UTM 50N"],
];

export const ENCODING_CHOICES: [string, string][] = [
  ["", "自动识别 / detect (.cpg, DBF)"],
  ["UTF-8", "UTF-8"],
  ["GBK", "GBK / CP936"],
  ["GB18030", "GB18030"],
  ["BIG5", "Big5"],
];

function layerBlock(l: LayerPreview): HTMLElement {
  const lines = [
    h("p", {}, h("strong", {}, l.name), ` · ${l.features} · ${l.crs_label || "?"}`, l.crs_how ? ` (${l.crs_how})` : ""),
    ...(l.encoding ? [h("p", { class: "preview-encoding" }, l.encoding)] : []),
    ...[...l.assumptions, ...l.notes].map((a) => h("p", { class: "preview-note" }, a)),
    ...(l.samples.length ? [h("p", { class: "preview-samples" }, l.samples.join(" | "))] : []),
    ...(l.problem ? [h("p", { class: "status error" }, l.problem)] : []),
  ];
  const names = l.fields.map((f) => f.name).slice(0, 6);
  const table = h(
    "table",
    { class: "preview-table" },
    h("tr", {}, ...names.map((n) => h("th", {}, n))),
    ...l.first_features.map((f) => h("tr", {}, ...names.map((n) => h("td", {}, String(f.properties?.[n] ?? ""))))),
  );
  return h("div", { class: "import-preview-layer" }, ...lines, ...(names.length && l.first_features.length ? [table] : []));
}

/** The preview as shown in the dialog. */
export function previewBlock(p: ImportPreview): HTMLElement {
  return h("div", { class: "import-preview", id: "import-preview" }, h("p", { class: "preview-format" }, p.format), ...p.layers.map(layerBlock));
}
