// The app around the page: native message boxes, the menu, full screen, the presenter window.

import { ask, message } from "@tauri-apps/plugin-dialog";
import { call, on, send } from "./call";

export const notify = (text: string) => message(text);
export const confirm = (text: string) => ask(text, { kind: "warning" });

/** Menu items forwarded by the shell (src-tauri/src/menu.rs). */
export function onMenu(handler: (id: string) => void): void {
  void on<string>("menu", handler);
}

/** The window menu is rebuilt in the page's language (one language at a time). */
export const setMenuLanguage = (lang: "zh" | "en") => call<void>("set_menu_language", { lang });

export async function setFullscreen(on: boolean): Promise<void> {
  const { getCurrentWindow } = await import("@tauri-apps/api/window");
  await getCurrentWindow().setFullscreen(on);
}

/** Opens (or focuses) the presenter view window; the shell creates it. */
export const openPresenterWindow = () => call<void>("open_presenter_window");

export interface PresenterState {
  tour: string;
  index: number;
  total: number;
  current: { caption: string; caption_other: string; notes: string };
  next: { caption: string } | null;
  started_at: number;
  presenting: boolean;
  /** The audience window's language: the presenter view follows it. */
  lang: "zh" | "en";
}
// The audience window broadcasts its state; the presenter view sends commands back.
export const broadcastPresenterState = (s: PresenterState) => send("presenter-state", s);
export const onPresenterState = (handler: (s: PresenterState) => void) => on<PresenterState>("presenter-state", handler);
export const sendPresenterCommand = (command: string) => send("presenter-command", command);
export const onPresenterCommand = (handler: (command: string) => void) => on<string>("presenter-command", handler);

/** Test builds only: the next choose_* command answers with these paths instead of a dialog. */
export const e2eAnswerNextDialog = (paths: string[]) => call<void>("e2e_answer_next_dialog", { paths });
