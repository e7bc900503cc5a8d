// The panel of one own feature: its editable attributes, the attributes it was imported with
// (as text), its notes, and delete — all undoable.

import * as api from "../api";
import type { FeatureAttributes, UserFeature } from "../api";
import { h } from "../dom";
import { t } from "../i18n";
import type { UndoStack } from "../undo";
import { notesSection } from "./notes";

export async function renderFeaturePanel(container: HTMLElement, f: UserFeature, undo: UndoStack, onChanged: () => void, editGeometry: () => void): Promise<void> {
  const field = (key: keyof FeatureAttributes, label: string, multiline = false) => {
    const input = multiline ? h("textarea", { rows: 3, "data-field": key }) : h("input", { type: "text", "data-field": key });
    input.value = f.attributes[key];
    return h("label", { class: "attr" }, label, input);
  };
  const form = h(
    "form",
    { class: "attributes" },
    field("name_zh", t("nameZh")),
    field("name_en", t("nameEn")),
    field("category", t("category")),
    field("description", t("description"), true),
  );
  const save = h("button", { type: "button", class: "primary", id: "save-attributes" }, t("save"));
  save.addEventListener("click", async () => {
    const read = (k: keyof FeatureAttributes) => (form.querySelector(`[data-field="${k}"]`) as HTMLInputElement).value;
    const before = f.attributes;
    const after: FeatureAttributes = { name_zh: read("name_zh"), name_en: read("name_en"), category: read("category"), description: read("description") };
    f = await api.updateFeatureAttributes(f.id, after);
    undo.push({ label: t("editAttributes"), undo: async () => void (await api.updateFeatureAttributes(f.id, before)), redo: async () => void (await api.updateFeatureAttributes(f.id, after)) });
    onChanged();
  });
  const remove = h("button", { type: "button", class: "danger", id: "delete-feature" }, t("delete"));
  remove.addEventListener("click", async () => {
    const gone = await api.deleteFeature(f.id);
    undo.push({ label: t("delete"), undo: async () => void (await api.restoreFeature(gone)), redo: async () => void (await api.deleteFeature(gone.id)) });
    container.replaceChildren(h("p", { class: "muted" }, t("deleted")));
    onChanged();
  });
  const imported = Object.entries(f.properties);
  container.replaceChildren(
    h("header", { class: "detail-head" }, h("div", { class: "detail-category" }, `${t("ownFeature")} · ${f.geometry.type}`), h("h2", { "data-feature": f.id }, f.attributes.name_zh || f.attributes.name_en || `#${f.id}`)),
    form,
    h("div", { class: "tour-actions" }, save, h("button", { type: "button", onclick: editGeometry }, t("editShape")), remove),
    imported.length
      ? h("section", { class: "detail-section" }, h("h3", {}, t("importedAttributes")), h("table", { class: "props" }, ...imported.map(([k, v]) => h("tr", {}, h("th", {}, k), h("td", {}, typeof v === "string" ? v : JSON.stringify(v))))))
      : h("span"),
  );
  await notesSection(container, "feature", String(f.id), undo);
}
