import { describe, expect, it } from "vitest";
import text from "../../data/plan/renderings_en.toml?raw";
import { parseRenderings } from "./renderingsParse";

describe("the English renderings file", () => {
  const map = parseRenderings(text);
  it("pairs each plan sentence and focus field with our English", () => {
    expect(map.get("深化“通武廊”科技合作。")).toMatch(/Tong-Wu-Lang/);
    expect(map.get("基础硬件")).toBe("basic hardware");
    // As many pairs as the file has `zh =` lines: nothing is lost to the line reader.
    expect(map.size).toBe(text.split("\n").filter((l: string) => l.startsWith("zh = ")).length);
  });
});
