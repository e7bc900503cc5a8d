import { describe, expect, it } from "vitest";
import { notesInLanguage } from "./notesLanguage";

describe("speaker notes in one language", () => {
  const note = "依托滨海高新区,打造“中国信创谷”产业品牌。〔专栏内容,据新闻稿 box content, via news summary〕";
  it("keeps the UI's half of a bilingual whose-words tag", () => {
    expect(notesInLanguage(note, "zh")).toBe("依托滨海高新区,打造“中国信创谷”产业品牌。〔专栏内容,据新闻稿〕");
    expect(notesInLanguage(note, "en")).toBe("依托滨海高新区,打造“中国信创谷”产业品牌。 [box content, via news summary]");
    expect(notesInLanguage("〔新闻稿转述,非规划原文 news summary, not the plan's text〕", "en")).toBe(" [news summary, not the plan's text]");
  });
  it("leaves a presenter's own notes alone", () => {
    expect(notesInLanguage("Mention the 2021 start.", "zh")).toBe("Mention the 2021 start.");
    expect(notesInLanguage("注意〔示意〕位置", "en")).toBe("注意〔示意〕位置");
  });
});
