// Import: a file the user chose in the shell's dialog (or dropped on the window); see a preview of
// what it holds (format, CRS, encoding, first features) and correct the CRS or encoding; say which datum its coordinates are in (GCJ-02 for
// AMap/Tencent, BD-09 for Baidu), for CSV which columns, for GeoPackage which layers; then
// watch progress, cancel if need be, and read what was repaired.

import * as api from "../api";
import type { ImportChoices, ImportReport } from "../api";
import { h } from "../dom";
import { lang, t } from "../i18n";
import { previewBlock } from "./importPreview";
import { datumChoices, encodingChoices, importCrsChoices, importErrorText } from "./importWords";

const options = (choices: [string, string][]) => choices.map(([value, label]) => h("option", { value }, label));

/** Asks the shell for files to import (its native dialog); empty when the user cancelled. */
export const chooseImportFiles = () => api.chooseImportFiles(t("import"));

/** The import dialog for one chosen file: options, progress, cancel, what was repaired. */
export async function importDialog(path: string): Promise<ImportReport | null> {
  const datum = h("select", { id: "import-datum" }, ...options(datumChoices(lang())));
  const name = h("input", { type: "text", id: "import-name", placeholder: path.split(/[\\/]/).pop() ?? "" });
  const lon = h("input", { type: "text", placeholder: t("autoDetect") });
  const lat = h("input", { type: "text", placeholder: t("autoDetect") });
  const isCsv = /\.csv$/i.test(path);
  const isGpkg = /\.gpkg$/i.test(path);
  const gpkgChoices = isGpkg ? await api.gpkgLayers(path).catch(() => [] as string[]) : [];
  const boxes = gpkgChoices.map((l) => h("input", { type: "checkbox", value: l, checked: true }));
  const crs = h("select", { id: "import-crs" }, ...options(importCrsChoices(lang())));
  const encoding = h("select", { id: "import-encoding" }, ...options(encodingChoices(lang())));
  const preview = h("div", { class: "import-preview-box" });
  const choices = () => ({ source_epsg: crs.value ? Number(crs.value) : null, encoding: encoding.value || null });
  const go = h("button", { type: "button", class: "primary", id: "import-go" }, t("import"));
  let importing = false;
  // Shown before anything is written, again whenever the CRS or the encoding choice changes.
  // Import is off while the whole file cannot be read (nothing could be imported); a problem
  // of one layer or feature leaves it on (the import then says which, and writes nothing).
  const refreshPreview = async () => {
    try {
      const shown = previewBlock(await api.previewImport(path, { layer_name: null, datum: datum.value as ImportChoices["datum"], lon_column: lon.value.trim() || null, lat_column: lat.value.trim() || null, gpkg_layers: null, ...choices() }), lang());
      preview.replaceChildren(h("h3", {}, t("importPreview")), shown);
      go.disabled = importing;
    } catch (e) {
      // A whole-file error (unknown format, a .zip without a Shapefile, over the size limit…)
      // in the dialog's language, naming the file.
      preview.replaceChildren(h("p", { class: "status error", id: "import-preview-error" }, importErrorText(lang(), e)));
      go.disabled = true;
    }
  };
  crs.addEventListener("change", () => void refreshPreview());
  encoding.addEventListener("change", () => void refreshPreview());
  return new Promise((resolve) => {
    const backdrop = h("div", { class: "modal-backdrop", role: "dialog" });
    const close = () => backdrop.remove();
    const status = h("p", { class: "status" });
    const bar = h("progress", { max: 1, value: 0, hidden: true });
    const cancel = h("button", { type: "button", onclick: () => void api.cancelJob() }, t("cancel"));
    go.addEventListener("click", async () => {
      const options: ImportChoices = {
        ...choices(),
        layer_name: name.value.trim() || null,
        datum: datum.value as ImportChoices["datum"],
        lon_column: lon.value.trim() || null,
        lat_column: lat.value.trim() || null,
        gpkg_layers: isGpkg ? boxes.filter((b) => b.checked).map((b) => b.value) : null,
      };
      importing = true;
      go.disabled = true;
      bar.hidden = false;
      const stop = await api.onImportProgress((p) => {
        bar.max = Math.max(1, p.total);
        bar.value = p.done;
        status.textContent = `${p.done} / ${p.total}`;
      });
      try {
        const report = await api.importFile(path, options);
        status.textContent = `${t("imported")} ${report.features} (${report.seconds.toFixed(2)} s)` + (report.repaired.length ? ` · ${t("repaired")}: ${report.repaired.slice(0, 5).map(([i, w]) => `#${i} ${w}`).join("; ")}` : "");
        cancel.textContent = t("close");
        cancel.onclick = () => {
          close();
          resolve(report);
        };
        if (!report.repaired.length) {
          close();
          resolve(report);
        }
      } catch (e) {
        if (api.isCancel(e)) {
          close();
          return resolve(null);
        }
        status.textContent = importErrorText(lang(), e);
        status.classList.add("error");
        importing = false;
        go.disabled = false;
        cancel.textContent = t("close");
        cancel.onclick = () => {
          close();
          resolve(null);
        };
      } finally {
        stop();
      }
    });
    backdrop.append(
      h(
        "div",
        { class: "modal" },
        h("h2", {}, t("import")),
        h("p", { class: "path" }, path),
        h("label", {}, t("importCrs"), crs),
        h("label", {}, t("importEncoding"), encoding),
        h("label", {}, t("datum"), datum),
        h("label", {}, t("layerName"), name),
        ...(isCsv ? [h("label", {}, t("lonColumn"), lon), h("label", {}, t("latColumn"), lat)] : []),
        ...(isGpkg ? [h("fieldset", {}, h("legend", {}, t("gpkgLayers")), ...boxes.map((b) => h("label", { class: "inline" }, b, b.value)))] : []),
        preview,
        bar,
        status,
        h("div", { class: "modal-buttons" }, cancel, go),
      ),
    );
    document.body.append(backdrop);
    void refreshPreview();
    cancel.onclick = () => {
      void api.cancelJob();
      if (!importing) {
        close();
        resolve(null);
      }
    };
  });
}
