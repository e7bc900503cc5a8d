// The panel of one own feature: its editable attributes, the attributes it was imported with
// (as text), its notes, and delete — all undoable.

import * as api from "../api";
import type { FeatureAttributes, UserFeature } from "../api";
import { h } from "../dom";
import { lang, t } from "../i18n";
import type { UndoStack } from "../undo";
import { attributeText, featureTitle as titleIn } from "./featureText";
import { notesSection } from "./notes";

const featureTitle = (a: Pick<FeatureAttributes, "name_zh" | "name_en">, id: number) => titleIn(a, id, lang());

const GEOMETRY_WORDS: Record<string, [string, string]> = {
  Point: ["点", "point"],
  MultiPoint: ["多点", "points"],
  LineString: ["线", "line"],
  MultiLineString: ["多线", "lines"],
  Polygon: ["面", "area"],
  MultiPolygon: ["多面", "areas"],
};
const geometryWord = (type: string) => GEOMETRY_WORDS[type]?.[lang() === "zh" ? 0 : 1] ?? type;

export async function renderFeaturePanel(container: HTMLElement, f: UserFeature, undo: UndoStack, onChanged: () => void, editGeometry: () => void): Promise<void> {
  const field = (key: keyof FeatureAttributes, label: string, multiline = false) => {
    const input = multiline ? h("textarea", { rows: 3, "data-field": key }) : h("input", { type: "text", "data-field": key });
    input.value = f.attributes[key] ?? "";
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
  const title = h("h2", { "data-feature": f.id }, featureTitle(f.attributes, f.id));
  const save = h("button", { type: "button", class: "primary", id: "save-attributes" }, t("save"));
  save.addEventListener("click", async () => {
    const read = (k: keyof FeatureAttributes) => (form.querySelector(`[data-field="${k}"]`) as HTMLInputElement).value;
    const before = f.attributes;
    const after: FeatureAttributes = { name_zh: read("name_zh"), name_en: read("name_en"), category: read("category"), description: read("description") };
    f = await api.updateFeatureAttributes(f.id, after);
    title.textContent = featureTitle(f.attributes, f.id);
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
    h("header", { class: "detail-head" }, h("div", { class: "detail-category" }, `${t("ownFeature")} · ${geometryWord(f.geometry.type)}`), title),
    form,
    h("div", { class: "tour-actions" }, save, h("button", { type: "button", onclick: editGeometry }, t("editShape")), remove),
    imported.length
      ? h("section", { class: "detail-section" }, h("h3", {}, t("importedAttributes")), h("table", { class: "props" }, ...imported.map(([k, v]) => h("tr", {}, h("th", {}, k), h("td", {}, attributeText(v))))))
      : h("span"),
  );
  await notesSection(container, "feature", String(f.id), undo);
}
