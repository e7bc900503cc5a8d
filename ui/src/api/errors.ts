// Errors from the core, as the shell sends them: `{kind, message, file?, feature?, field?,
// problem?}`. Callers decide by `kind` (a stale view, a user's cancel, a busy atlas), never by
// the text; the text is for the user. `problem` is what is wrong with a file being imported,
// as a kind with its values: the import dialog words it in the UI's language (importWords.ts).

import type { ProblemKind } from "./generated";

export const ERROR_KINDS = [
  "cancelled",
  "stale",
  "busy",
  "not_found",
  "newer_version",
  "invalid_input",
  "import",
  "path_not_chosen",
  "limit",
  "io",
  "internal",
] as const;
export type ErrorKind = (typeof ERROR_KINDS)[number];

export interface ErrorPayload {
  kind: string;
  message: string;
  file?: string | null;
  feature?: number | null;
  field?: string | null;
  problem?: ProblemKind | null;
}

export class AtlasError extends Error {
  readonly kind: ErrorKind;
  declare readonly file?: string;
  declare readonly feature?: number;
  declare readonly field?: string;
  declare readonly problem?: ProblemKind;

  constructor(payload: ErrorPayload) {
    super(payload.message);
    this.name = "AtlasError";
    // A kind this page does not know yet (a newer shell) is still an error: treat it as internal.
    this.kind = (ERROR_KINDS as readonly string[]).includes(payload.kind) ? (payload.kind as ErrorKind) : "internal";
    if (payload.file != null) this.file = payload.file;
    if (payload.feature != null) this.feature = payload.feature;
    if (payload.field != null) this.field = payload.field;
    if (payload.problem != null) this.problem = payload.problem;
  }

  /** The message alone: what a dialog or status line shows. */
  override toString(): string {
    return this.message;
  }
}

function isPayload(x: unknown): x is ErrorPayload {
  return typeof x === "object" && x !== null && typeof (x as ErrorPayload).kind === "string" && typeof (x as ErrorPayload).message === "string";
}

/** Whatever a command rejected with, as an AtlasError. */
export function toAtlasError(raw: unknown): AtlasError {
  if (raw instanceof AtlasError) return raw;
  if (isPayload(raw)) return new AtlasError(raw);
  if (raw instanceof Error) return new AtlasError({ kind: "internal", message: raw.message });
  return new AtlasError({ kind: "internal", message: typeof raw === "string" ? raw : JSON.stringify(raw) });
}

/** The text to show for any error (an AtlasError's message, or the thing itself). */
export function errorText(e: unknown): string {
  return toAtlasError(e).message;
}

/** True when the error is the user's own cancel: nothing to report. */
export function isCancel(e: unknown): boolean {
  return toAtlasError(e).kind === "cancelled";
}
