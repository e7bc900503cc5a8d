// One language at a time, with honest exceptions: where the page shows words of the other
// language — the plan's own sentences, a proper name, prose that exists only in English — the
// element says so (lang="…" plus a data attribute), so readers, screen readers and the
// language test can tell. Pure DOM helpers; no strings of their own.

import { h } from "./dom";

const CJK = /[\u3400-\u9fff\uf900-\ufaff]+(?:[\u3000-\u303f\uff00-\uffef“”]*[\u3400-\u9fff\uf900-\ufaff]+)*/g;

/** English prose with Chinese names in it ("the district (南开区)"): each Chinese run becomes a
 * span marked as a name in Chinese. */
export function markChineseNames(text: string): (Node | string)[] {
  const out: (Node | string)[] = [];
  let at = 0;
  for (const m of text.matchAll(CJK)) {
    if (m.index! > at) out.push(text.slice(at, m.index));
    out.push(h("span", { lang: "zh-CN", "data-name": "" }, m[0]));
    at = m.index! + m[0].length;
  }
  if (at < text.length) out.push(text.slice(at));
  return out;
}

/** The plan's own words, in Chinese whatever the UI's language. */
export const planWordsAttrs = { lang: "zh-CN", "data-plan-words": "" } as const;
