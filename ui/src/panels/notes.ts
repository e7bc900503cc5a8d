// Notes on whatever the panel shows: listed oldest first, each editable and deletable (with
// undo), and a box to add one. Formatting per noteFormat.ts, rendered as DOM, never as HTML.

import * as api from "../api";
import type { Note, NoteKind } from "../api";
import { h } from "../dom";
import { t } from "../i18n";
import { userTextMarks } from "../langMarks";
import { parseNote } from "../noteFormat";
import type { UndoStack } from "../undo";

export function renderNoteText(text: string): HTMLElement {
  // The user's own words, in whatever language they wrote them: marked as such.
  const root = h("div", { class: "note-text", ...userTextMarks(text) });
  let list: HTMLElement | null = null;
  for (const block of parseNote(text)) {
    const content = block.inlines.map((i) => (i.bold ? h("strong", {}, i.text) : document.createTextNode(i.text)));
    if (block.kind === "item") {
      list ??= root.appendChild(h("ul", {}));
      list.append(h("li", {}, ...content));
    } else {
      list = null;
      root.append(h("p", {}, ...content));
    }
  }
  return root;
}

/** Appends the notes section for a target to `container`. */
export async function notesSection(container: HTMLElement, kind: NoteKind, id: string, undo: UndoStack): Promise<void> {
  const section = h("section", { class: "detail-section notes", "data-notes": `${kind}:${id}` });
  container.append(section);
  const refresh = async () => {
    const notes = await api.notesFor(kind, id);
    const input = h("textarea", { class: "note-input", rows: 2, placeholder: t("notePlaceholder"), "aria-label": t("addNote") });
    const add = h("button", { type: "button", class: "add-note", onclick: async () => {
      if (!input.value.trim()) return;
      const note = await api.addNote(kind, id, input.value);
      let current = note;
      undo.push({
        label: t("addNote"),
        undo: async () => void (await api.deleteNote(current.id)),
        redo: async () => void (current = await api.restoreNote(current)),
      });
      await refresh();
    } }, t("addNote"));
    section.replaceChildren(h("h3", {}, `${t("notesTitle")} (${notes.length})`), ...notes.map((n) => noteView(n, refresh, undo)), input, add);
  };
  undo.onChange(() => void (section.isConnected && refresh()));
  await refresh();
}

function noteView(n: Note, refresh: () => Promise<void>, undo: UndoStack): HTMLElement {
  const root = h("div", { class: "note", "data-note": n.id });
  const view = () => {
    root.replaceChildren(
      renderNoteText(n.text),
      h(
        "div",
        { class: "note-meta" },
        h("small", {}, n.updated_at.replace("T", " ").replace("Z", " UTC")),
        h("button", { type: "button", class: "link", onclick: edit }, t("edit")),
        h("button", { type: "button", class: "link danger", onclick: async () => {
          const gone = await api.deleteNote(n.id);
          undo.push({ label: t("deleteNote"), undo: async () => void (await api.restoreNote(gone)), redo: async () => void (await api.deleteNote(gone.id)) });
          await refresh();
        } }, t("delete")),
      ),
    );
  };
  const edit = () => {
    const box = h("textarea", { class: "note-input", rows: 3 });
    box.value = n.text;
    root.replaceChildren(
      box,
      h("button", { type: "button", onclick: async () => {
        const before = n.text;
        const after = box.value;
        await api.updateNote(n.id, after);
        undo.push({ label: t("editNote"), undo: async () => void (await api.updateNote(n.id, before)), redo: async () => void (await api.updateNote(n.id, after)) });
        await refresh();
      } }, t("save")),
      h("button", { type: "button", onclick: view }, t("cancel")),
    );
  };
  view();
  return root;
}

/** The notes tab: every note, searchable, each leading to what it is about. */
export async function renderNotesView(root: HTMLElement, query: string, open: (n: Note) => void, describe: (n: Note) => string | Promise<string>): Promise<void> {
  const notes = await api.allNotes(query || null);
  const targets = await Promise.all(notes.map(describe));
  const search = h("input", { type: "search", class: "notes-search", placeholder: t("searchNotes"), value: query });
  search.addEventListener("change", () => void renderNotesView(root, search.value, open, describe));
  root.replaceChildren(
    search,
    notes.length ? h("ul", { class: "notes-list" }, ...notes.map((n, i) => h("li", {}, h("button", { type: "button", class: "link note-target", onclick: () => open(n) }, targets[i]), renderNoteText(n.text), h("small", {}, n.updated_at.replace("T", " ").replace("Z", " UTC"))))) : h("p", { class: "muted" }, t("noNotes")),
  );
}
