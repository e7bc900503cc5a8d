import { describe, expect, it } from "vitest";
import { suggestedFileName, today } from "./exportName";

describe("suggestedFileName", () => {
  it("names the subject and the date", () => {
    expect(suggestedFileName(["津南区", "简报"], "2026-11-30", "pdf")).toBe("津南区-简报-2026-11-30.pdf");
    expect(suggestedFileName(["Jinnan", "brief"], "2026-11-30", "pdf")).toBe("Jinnan-brief-2026-11-30.pdf");
  });
  it("makes names with slashes, colons and blanks safe and skips empty parts", () => {
    expect(suggestedFileName(["China Xinchuang Valley / 信创谷", null, " "], "2026-11-30", "png")).toBe("China-Xinchuang-Valley-信创谷-2026-11-30.png");
    expect(suggestedFileName(["../../etc/passwd"], "2026-11-30", "svg")).toBe("etc-passwd-2026-11-30.svg");
  });
  it("dates in local calendar days", () => {
    expect(today(new Date(2026, 0, 5, 23, 30))).toBe("2026-01-05");
  });
});
