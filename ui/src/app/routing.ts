// Note and undo routing: a note takes the user to what it is attached to; undo and redo run
// from the keys and the menu alike, and a failure is shown, not swallowed.

import * as api from "../api";
import type { Note } from "../api";
import type { UndoStack } from "../undo";
import { noteTarget, type Navigation } from "./navigation";

export function goToNote(n: Note, nav: Navigation): void {
  const target = noteTarget(n);
  switch (target?.kind) {
    case "element":
      return nav.element(target.id, true);
    case "district":
      return nav.district(target.adcode);
    case "paragraph":
      return nav.reader(target.sectionId, target.ord);
    case "feature":
      void api.userFeature(target.id).then((f) => nav.feature(f));
      return;
    default:
      // A note on something this version cannot show: it stays in the notes list.
      return;
  }
}

export async function undoOrRedo(undo: UndoStack, redo: boolean): Promise<void> {
  try {
    const label = redo ? await undo.redo() : await undo.undo();
    // For the end-to-end tests: what the last undo or redo did.
    if (label) document.body.dataset.lastUndo = `${redo ? "redo" : "undo"}:${label}`;
  } catch (e) {
    await api.notify(api.errorText(e));
  }
}
