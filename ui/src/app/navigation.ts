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
  /** A layer of the plan's map (a category): its row in the layers tab, shown. */
  category(id: string): void;
  tour(id: string): void;
  /** One of the user's own layers: its row in the layers tab. */
  ownLayer(id: string): void;
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

/** Names of what notes can be on; null when it is gone (or unknown). */
export interface NoteTargetNames {
  element: (id: string) => string | null;
  district: (adcode: string) => string | null;
  feature: (id: number) => string | null;
  /** The words for a kind, in the UI's language: "own feature", "plan text". */
  kind: (kind: "feature" | "paragraph") => string;
}

/** A note's target in words for the notes list: the element's, district's or own feature's
 * name (a feature's with its kind), a paragraph by its section and number, else kind and id. */
export function describeNoteTarget(n: Pick<Note, "target_kind" | "target_id">, names: NoteTargetNames): string {
  const target = noteTarget(n);
  switch (target?.kind) {
    case "element":
      return names.element(target.id) ?? target.id;
    case "district":
      return names.district(target.adcode) ?? target.adcode;
    case "feature":
      return `${names.kind("feature")} · ${names.feature(target.id) ?? `#${target.id}`}`;
    case "paragraph":
      return `${names.kind("paragraph")} · ${target.sectionId} ¶${target.ord + 1}`;
    default:
      return `${n.target_kind} ${n.target_id}`;
  }
}
