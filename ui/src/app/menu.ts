// The native menu's items (src-tauri/src/menu.rs) as a table: menu id → handler. One place
// reports a handler's failure to the user (a user's cancel is not a failure).

import { isCancel, errorText } from "../api/errors";

export type MenuTable = Record<string, () => unknown>;

/** Runs the handler for `id`; false when no item has that id. A failure is reported by its
 * message, a cancel silently. */
export async function runMenuItem(table: MenuTable, id: string, report: (message: string) => unknown): Promise<boolean> {
  const handler = Object.hasOwn(table, id) ? table[id] : undefined;
  if (!handler) return false;
  try {
    await handler();
  } catch (e) {
    if (!isCancel(e)) await report(errorText(e));
  }
  return true;
}
