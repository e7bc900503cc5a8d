// Where the user can be taken: every panel, list and search result moves the user through
// this one interface, so no module needs to know which other module shows what.

import type { Note, UserFeature } from "../api";

export interface Navigation {
  element(id: string, fly: boolean): void;
  district(adcode: string): void;
  feature(feature: UserFeature): void;
  reader(sectionId: string, ord: number | null): void;
  theme(id: string | null): void;
  note(note: Note): void;
}

/** What a note is attached to, as a place to go. */
export type NoteTarget =
  | { kind: "element"; id: string }
  | { kind: "district"; adcode: string }
  | { kind: "paragraph"; sectionId: string; ord: number }
  | { kind: "feature"; id: number };

/** Where a note leads; null for a kind this page does not know (a newer file's). */
export function noteTarget(n: Pick<Note, "target_kind" | "target_id">): NoteTarget | null {
  switch (n.target_kind) {
    case "element":
      return { kind: "element", id: n.target_id };
    case "district":
      return { kind: "district", adcode: n.target_id };
    case "paragraph": {
      // "c2.2.5:3": the section id may itself hold no colon; the paragraph number follows the last.
      const at = n.target_id.lastIndexOf(":");
      return { kind: "paragraph", sectionId: n.target_id.slice(0, at), ord: Number(n.target_id.slice(at + 1)) };
    }
    case "feature":
      return { kind: "feature", id: Number(n.target_id) };
    default:
      return null;
  }
}

/** A note's target in words for the notes list: the element's or district's name, else kind and id. */
export function describeNoteTarget(n: Pick<Note, "target_kind" | "target_id">, nameOfElement: (id: string) => string | null, nameOfDistrict: (adcode: string) => string | null): string {
  const named = n.target_kind === "element" ? nameOfElement(n.target_id) : n.target_kind === "district" ? nameOfDistrict(n.target_id) : null;
  if (n.target_kind === "element" || n.target_kind === "district") return named ?? n.target_id;
  return `${n.target_kind} ${n.target_id}`;
}
