// What a key means during a presentation. Presentation clickers send PageDown / PageUp (some
// send arrows, B or period for "black screen"); a number typed then Enter jumps to that stop.

export type Command = { kind: "next" } | { kind: "prev" } | { kind: "first" } | { kind: "last" } | { kind: "goto"; stop: number } | { kind: "exit" } | { kind: "digit"; digit: string } | { kind: "none" };

export function keyToCommand(key: string, typed: string): Command {
  switch (key) {
    case "ArrowRight":
    case "ArrowDown":
    case "PageDown":
    case " ":
    case "Spacebar":
    case "Enter":
      if (key === "Enter" && typed) return { kind: "goto", stop: Number(typed) };
      return { kind: "next" };
    case "ArrowLeft":
    case "ArrowUp":
    case "PageUp":
    case "Backspace":
      return { kind: "prev" };
    case "Home":
      return { kind: "first" };
    case "End":
      return { kind: "last" };
    case "Escape":
      return { kind: "exit" };
    default:
      return /^[0-9]$/.test(key) ? { kind: "digit", digit: key } : { kind: "none" };
  }
}

/** The stop index (0-based) a command leads to from `index` in a tour of `total` stops. */
export function step(index: number, total: number, command: Command): number {
  switch (command.kind) {
    case "next":
      return Math.min(total - 1, index + 1);
    case "prev":
      return Math.max(0, index - 1);
    case "first":
      return 0;
    case "last":
      return total - 1;
    case "goto":
      return Number.isFinite(command.stop) && command.stop >= 1 && command.stop <= total ? command.stop - 1 : index;
    default:
      return index;
  }
}
