// Undo and redo for every edit in this session. Each entry knows how to reverse itself and
// how to do itself again, both through the core (so undo is as safe as the edit was).

export interface Edit {
  label: string;
  undo: () => Promise<void>;
  redo: () => Promise<void>;
}

export class UndoStack {
  private done: Edit[] = [];
  private undone: Edit[] = [];
  private busy = false;
  private listeners = new Set<() => void>();

  /** Records an edit that has just been made. A new edit clears what could be redone. */
  push(edit: Edit): void {
    this.done.push(edit);
    this.undone = [];
    this.changed();
  }

  async undo(): Promise<string | null> {
    return this.move(this.done, this.undone, "undo");
  }

  async redo(): Promise<string | null> {
    return this.move(this.undone, this.done, "redo");
  }

  private async move(from: Edit[], to: Edit[], how: "undo" | "redo"): Promise<string | null> {
    if (this.busy || from.length === 0) return null;
    this.busy = true;
    const edit = from.pop()!;
    try {
      await edit[how]();
      to.push(edit);
      return edit.label;
    } catch (e) {
      // The reversal failed (e.g. the thing was changed elsewhere): keep it where it was.
      from.push(edit);
      throw e;
    } finally {
      this.busy = false;
      this.changed();
    }
  }

  canUndo(): boolean {
    return this.done.length > 0;
  }

  canRedo(): boolean {
    return this.undone.length > 0;
  }

  onChange(listener: () => void): void {
    this.listeners.add(listener);
  }

  private changed(): void {
    this.listeners.forEach((l) => l());
  }
}
