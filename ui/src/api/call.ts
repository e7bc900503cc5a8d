// The one door to the shell: commands, and the events it sends. Every rejection comes back as
// an AtlasError (see errors.ts).

import { invoke } from "@tauri-apps/api/core";
import { emit, listen } from "@tauri-apps/api/event";
import { toAtlasError } from "./errors";

export async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (e) {
    throw toAtlasError(e);
  }
}

/** Listens to an event from the shell or another window; resolves to the function that stops. */
export const on = <T>(event: string, handler: (payload: T) => void): Promise<() => void> => listen<T>(event, (e) => handler(e.payload));

export const send = (event: string, payload: unknown): Promise<void> => emit(event, payload);
