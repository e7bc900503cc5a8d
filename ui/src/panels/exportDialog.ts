// The export dialogs: choose what and how, pick a file (in the shell's dialog), watch progress,
// cancel. Each flow resolves with the path written, or null when nothing was.

import * as api from "../api";
import type { BookKind, Category, ExportKind, PageFormat, SheetJob } from "../api";
import { h } from "../dom";
import { lang, name, t } from "../i18n";
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

export async function exportSheetDialog(view: { bbox: [number, number, number, number]; layers: string[]; highlight: string | null }): Promise<string | null> {
  const format = h("select", { id: "sheet-format" }, h("option", { value: "a4-landscape" }, "A4 横 landscape"), h("option", { value: "a4-portrait" }, "A4 竖 portrait"), h("option", { value: "slide" }, "16:9 幻灯片 slide"));
  const type = h("select", { id: "sheet-type" }, h("option", { value: "pdf" }, "PDF"), h("option", { value: "png" }, "PNG"), h("option", { value: "svg" }, "SVG"));
  const title = h("input", { type: "text", placeholder: t("title2") });
  return askThenExport(t("exportSheet"), [h("label", {}, t("format"), format), h("label", {}, t("fileType"), type), h("label", {}, t("sheetTitle"), title)], async () => {
    const ext = type.value as ExportKind;
    const path = await api.chooseExportPath(ext, `tianjin-atlas.${ext}`, t("exportSheet"));
    if (!path) return null;
    const job: SheetJob = { subject: { kind: "bbox", value: view.bbox }, format: format.value as PageFormat, lang: lang(), title: title.value.trim() || null, layers: view.layers, highlight: view.highlight };
    return (await withProgress(t("exportSheet"), () => api.exportSheet(job, path))) ? path : null;
  });
}

/** A tour's handout: the audience's copy, or the speaker's (with the notes). */
export async function exportHandoutFlow(tourId: string, tourName: string, speakerCopy = false): Promise<string | null> {
  const path = await api.chooseExportPath("pdf", `${tourName}.pdf`, t("handout"));
  if (!path) return null;
  return (await withProgress(t("handout"), () => api.exportHandout(tourId, lang(), path, speakerCopy))) ? path : null;
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
    const path = await api.chooseExportPath("pdf", "tianjin-atlas-book.pdf", t("exportBook"));
    if (!path) return null;
    const kind: BookKind = which.value === "__districts" ? { kind: "districts" } : { kind: "elements", value: which.value === "__all" ? null : which.value };
    return (await withProgress(t("exportBook"), () => api.exportAtlasBook(kind, lang(), path))) ? path : null;
  });
}
