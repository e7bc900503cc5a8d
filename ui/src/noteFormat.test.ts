import { describe, expect, it } from "vitest";
import { parseNote } from "./noteFormat";

describe("parseNote", () => {
  it("bold, items and plain lines", () => {
    expect(parseNote("需**核实**边界\n- 一\n普通")).toEqual([
      { kind: "paragraph", inlines: [{ text: "需", bold: false }, { text: "核实", bold: true }, { text: "边界", bold: false }] },
      { kind: "item", inlines: [{ text: "一", bold: false }] },
      { kind: "paragraph", inlines: [{ text: "普通", bold: false }] },
    ]);
  });

  it("markup is text, and an unmatched ** stays literal", () => {
    const [b] = parseNote("<script>alert(1)</script> **未闭合");
    expect(b.inlines.map((i) => i.text).join("")).toBe("<script>alert(1)</script> **未闭合");
    expect(b.inlines.every((i) => !i.bold)).toBe(true);
  });
});
