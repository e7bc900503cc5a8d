// How a backup is described in the restore dialog: pure, so it is unit-tested.

import type { BackupInfo } from "../api";

const pad = (n: number) => String(n).padStart(2, "0");

/** Local date and time to the minute, e.g. "2026-11-30 04:05". */
export function backupDate(createdUnix: number): string {
  const d = new Date(createdUnix * 1000);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Newest first: the one a user most likely wants back is at the top. */
export function newestFirst(list: BackupInfo[]): BackupInfo[] {
  return [...list].sort((a, b) => b.created_unix - a.created_unix || a.file_name.localeCompare(b.file_name));
}
