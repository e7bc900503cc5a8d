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
  const el = (id: string) => (id === "tcm-valley" ? "中医药谷" : null);
  const di = (code: string) => (code === "120223" ? "静海区" : null);
  it("names elements and districts, falling back to the id", () => {
    expect(describeNoteTarget({ target_kind: "element", target_id: "tcm-valley" }, el, di)).toBe("中医药谷");
    expect(describeNoteTarget({ target_kind: "element", target_id: "gone" }, el, di)).toBe("gone");
    expect(describeNoteTarget({ target_kind: "district", target_id: "120223" }, el, di)).toBe("静海区");
  });
  it("says kind and id for paragraphs and features", () => {
    expect(describeNoteTarget({ target_kind: "paragraph", target_id: "c1:2" }, el, di)).toBe("paragraph c1:2");
    expect(describeNoteTarget({ target_kind: "feature", target_id: "7" }, el, di)).toBe("feature 7");
  });
});
