import { describe, expect, it } from "vitest";
import { UndoStack } from "./undo";

function counter() {
  const state = { value: 0 };
  const edit = (by: number) => ({ label: `+${by}`, undo: async () => void (state.value -= by), redo: async () => void (state.value += by) });
  return { state, edit };
}

describe("UndoStack", () => {
  it("undoes and redoes in order, across many edits", async () => {
    const { state, edit } = counter();
    const stack = new UndoStack();
    for (const by of [1, 2, 3]) {
      state.value += by;
      stack.push(edit(by));
    }
    expect(await stack.undo()).toBe("+3");
    expect(await stack.undo()).toBe("+2");
    expect(state.value).toBe(1);
    expect(await stack.redo()).toBe("+2");
    expect(state.value).toBe(3);
    expect(stack.canRedo()).toBe(true);
  });

  it("a new edit clears the redo list; nothing to undo returns null", async () => {
    const { state, edit } = counter();
    const stack = new UndoStack();
    state.value += 5;
    stack.push(edit(5));
    await stack.undo();
    stack.push(edit(1));
    expect(stack.canRedo()).toBe(false);
    await stack.undo();
    expect(await stack.undo()).toBe(null);
  });

  it("a failed undo keeps the edit undoable", async () => {
    const stack = new UndoStack();
    stack.push({ label: "x", undo: async () => Promise.reject(new Error("gone")), redo: async () => {} });
    await expect(stack.undo()).rejects.toThrow("gone");
    expect(stack.canUndo()).toBe(true);
  });
});
