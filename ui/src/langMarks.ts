// One language at a time, with honest exceptions: where the page shows words of the other
// language — the plan's own sentences, a proper name, prose that exists only in English — the
// element says so (lang="…" plus a data attribute), so readers, screen readers and the
// language test can tell. Pure DOM helpers; no strings of their own.

import { h } from "./dom";

const CJK = /[\u3400-\u9fff\uf900-\ufaff]+(?:[\u3000-\u303f\uff00-\uffef“”]*[\u3400-\u9fff\uf900-\ufaff]+)*/g;

/** English prose with Chinese names in it ("the district (南开区)"), or with the plan's words
 * quoted (“略”): each Chinese run becomes a span marked as a name, or as the plan's words. */
export function markChineseNames(text: string, as: "name" | "plan" = "name"): (Node | string)[] {
  const out: (Node | string)[] = [];
  let at = 0;
  for (const m of text.matchAll(CJK)) {
    if (m.index! > at) out.push(text.slice(at, m.index));
    out.push(h("span", { lang: "zh-CN", [as === "name" ? "data-name" : "data-plan-words"]: "" }, m[0]));
    at = m.index! + m[0].length;
  }
  if (at < text.length) out.push(text.slice(at));
  return out;
}

/** The plan's own words, in Chinese whatever the UI's language. */
export const planWordsAttrs = { lang: "zh-CN", "data-plan-words": "" } as const;

/** Marks for a name the user typed (an own layer's, an own feature's): shown as typed, in
 * whatever language that is, and said to be a name. */
export function userTextMarks(text: string): { lang: string; "data-name": "" } {
  return { lang: /[\u3400-\u9fff]/.test(text) ? "zh-CN" : "en", "data-name": "" };
}
