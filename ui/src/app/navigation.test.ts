import { describe, expect, it } from "vitest";
import { describeNoteTarget, noteTarget } from "./navigation";

describe("noteTarget", () => {
  it("splits a paragraph target at its last colon", () => {
    expect(noteTarget({ target_kind: "paragraph", target_id: "c2.2.5:3" })).toEqual({ kind: "paragraph", sectionId: "c2.2.5", ord: 3 });
  });
  it("reads features by number and keeps element and district ids", () => {
    expect(noteTarget({ target_kind: "feature", target_id: "42" })).toEqual({ kind: "feature", id: 42 });
    expect(noteTarget({ target_kind: "element", target_id: "tcm-valley" })).toEqual({ kind: "element", id: "tcm-valley" });
    expect(noteTarget({ target_kind: "district", target_id: "120223" })).toEqual({ kind: "district", adcode: "120223" });
  });
});

describe("describeNoteTarget", () => {
  const names = {
    element: (id: string) => (id === "tcm-valley" ? "中医药谷" : null),
    district: (code: string) => (code === "120223" ? "静海区" : null),
    feature: (id: number) => (id === 7 ? "东丽湖地块" : null),
    kind: (k: "feature" | "paragraph") => (k === "feature" ? "自有要素" : "规划原文"),
  };
  it("names elements and districts, falling back to the id", () => {
    expect(describeNoteTarget({ target_kind: "element", target_id: "tcm-valley" }, names)).toBe("中医药谷");
    expect(describeNoteTarget({ target_kind: "element", target_id: "gone" }, names)).toBe("gone");
    expect(describeNoteTarget({ target_kind: "district", target_id: "120223" }, names)).toBe("静海区");
  });
  it("names the own feature a note is on, and a paragraph by section and number", () => {
    expect(describeNoteTarget({ target_kind: "feature", target_id: "7" }, names)).toBe("自有要素 · 东丽湖地块");
    expect(describeNoteTarget({ target_kind: "feature", target_id: "8" }, names)).toBe("自有要素 · #8");
    expect(describeNoteTarget({ target_kind: "paragraph", target_id: "c1:2" }, names)).toBe("规划原文 · c1 ¶3");
  });
});
