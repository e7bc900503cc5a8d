// What an own feature's panel prints: its title and its imported values. Pure, so tested.

/** A feature's title: its saved name in the UI's language (the other if that one is empty),
 * and only without any name its kind and number. */
export function featureTitle(a: { name_zh: string; name_en: string }, id: number, language: "zh" | "en"): string {
  const first = language === "zh" ? a.name_zh || a.name_en : a.name_en || a.name_zh;
  return first.trim() ? first : `${language === "zh" ? "自有要素" : "Own feature"} #${id}`;
}

/** An imported attribute's value as text: empty for null (was printed "null"). */
export function attributeText(v: unknown): string {
  if (v === null || v === undefined) return "";
  return typeof v === "string" ? v : JSON.stringify(v);
}

