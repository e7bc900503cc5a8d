// Reads renderings_en.toml: blocks of `zh = "…"` then `en = "…"`. The file keeps to basic
// one-line TOML strings (their escapes are JSON's), so a line reader is enough.

export function parseRenderings(toml: string): Map<string, string> {
  const map = new Map<string, string>();
  let zh: string | null = null;
  for (const line of toml.split("\n")) {
    const m = /^(zh|en)\s*=\s*(".*")\s*$/.exec(line.trim());
    if (!m) continue;
    const value = JSON.parse(m[2]) as string;
    if (m[1] === "zh") zh = value;
    else if (zh !== null) {
      map.set(zh, value);
      zh = null;
    }
  }
  return map;
}
