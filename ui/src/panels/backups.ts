// File → Restore from backup…: the backups the atlas kept (date, why it was made, what it
// holds), and a confirmed restore. The shell backs up the current file first, and refuses
// while an import or export runs (the message says so).

import * as api from "../api";
import type { BackupInfo } from "../api";
import { h } from "../dom";
import { t, type StringKey } from "../i18n";
import { backupDate, fileSize, newestFirst } from "./backupList";
import { modal } from "./modal";

const kindLabel = (kind: string) => {
  const key = `backupKind_${kind}` as StringKey;
  try {
    return t(key) ?? kind;
  } catch {
    return kind;
  }
};

/** A count the backup could not tell (an unreadable or very old file) shows as "?". */
const count = (n: number | null) => (n === null ? "?" : String(n));

function row(b: BackupInfo, choose: () => void): HTMLElement {
  const radio = h("input", { type: "radio", name: "backup", value: b.file_name, "data-backup": b.file_name });
  radio.addEventListener("change", choose);
  const cell = (text: string, cls = "") => h("td", { class: cls }, text);
  return h("tr", {}, h("td", {}, h("label", { class: "inline" }, radio, backupDate(b.created_unix))), cell(kindLabel(b.kind)), cell(count(b.notes), "num"), cell(count(b.own_features), "num"), cell(count(b.tours), "num"), cell(fileSize(b.size_bytes), "num"));
}

/** Resolves true when a backup was restored (the caller reloads the atlas). */
export async function restoreBackupDialog(): Promise<boolean> {
  const list = newestFirst(await api.listBackups());
  return new Promise((resolve) => {
    let chosen: string | null = null;
    const status = h("p", { class: "status" });
    const go = h("button", { type: "button", class: "primary", id: "restore-go", disabled: true }, t("restore"));
    const cancel = h("button", { type: "button", onclick: () => (m.close(), resolve(false)) }, t("cancel"));
    const head = h("tr", {}, ...(["backupDate", "backupKind", "backupNotes", "backupFeatures", "backupTours", "backupSize"] as StringKey[]).map((k) => h("th", {}, t(k))));
    const table = list.length
      ? h("table", { class: "backup-list" }, h("thead", {}, head), h("tbody", {}, ...list.map((b) => row(b, () => ((chosen = b.file_name), (go.disabled = false))))))
      : h("p", {}, t("noBackups"));
    const m = modal(t("restoreBackup"), table, status, h("div", { class: "modal-buttons" }, cancel, go));
    m.root.id = "restore-dialog";
    go.addEventListener("click", async () => {
      if (!chosen || !(await api.confirm(t("restoreConfirm")))) return;
      go.disabled = true;
      try {
        await api.restoreBackup(chosen);
        m.close();
        await api.notify(`${t("restoreDone")} ${chosen}`);
        resolve(true);
      } catch (e) {
        status.textContent = api.errorText(e);
        status.classList.add("error");
        go.disabled = false;
      }
    });
  });
}
