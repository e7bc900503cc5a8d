// File names an export suggests: what it shows and the day it was made, so a folder of exports
// sorts and reads without opening them ("津南区-简报-2026-11-30.pdf").

/** Characters no file name may hold on Linux, Windows or macOS, and runs of blanks. */
const UNSAFE = /[\\/:*?"<>|\u0000-\u001f]+|\s+/g;

/** Today as YYYY-MM-DD in local time (the user's calendar day, not UTC's). */
export function today(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** `parts` joined by "-", made safe for a file name, with the date and extension added. */
export function suggestedFileName(parts: (string | null | undefined)[], date: string, ext: string): string {
  const words = parts
    .filter((p): p is string => !!p && p.trim() !== "")
    .map((p) => p.replace(UNSAFE, "-").replace(/-{2,}/g, "-").replace(/^[-.]+|[-.]+$/g, ""))
    .filter((p) => p !== "");
  const stem = [...words, date].join("-").slice(0, 120);
  return `${stem}.${ext}`;
}
