// Keyboard shortcuts of the main window. F5 presents (and never reloads the page, which would
// drop the user's place); Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y undo and redo outside text fields;
// "/" goes to search; Escape closes the panel.

export type Shortcut = "present" | "undo" | "redo" | "focusSearch" | "closePanel";

export interface KeyState {
  presenting: boolean;
  /** Focus is in a text field (its own Ctrl+Z belongs to it). */
  typing: boolean;
  searchFocused: boolean;
  panelOpen: boolean;
}

type Key = Pick<KeyboardEvent, "key" | "ctrlKey" | "metaKey" | "shiftKey">;

export function shortcutFor(e: Key, s: KeyState): Shortcut | null {
  if (e.key === "F5") return "present";
  // While presenting, the presentation has the keys.
  if (s.presenting) return null;
  if ((e.ctrlKey || e.metaKey) && !s.typing && (e.key === "z" || e.key === "Z" || e.key === "y")) return e.key === "y" || e.shiftKey ? "redo" : "undo";
  // Not from a text field: a "/" typed in a note, an address or a path is a character.
  if (e.key === "/" && !s.searchFocused && !s.typing) return "focusSearch";
  if (e.key === "Escape" && s.panelOpen && !s.searchFocused) return "closePanel";
  return null;
}

/** Whether the page should keep the key from the browser (Escape does its usual work too). */
export const swallows = (s: Shortcut) => s !== "closePanel";

export function installShortcuts(state: () => KeyState, run: (s: Shortcut) => void): void {
  document.addEventListener("keydown", (e) => {
    const s = shortcutFor(e, state());
    if (!s) return;
    if (swallows(s)) e.preventDefault();
    run(s);
  });
}
