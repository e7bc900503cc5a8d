import { describe, expect, it } from "vitest";
import { attributeText, featureTitle } from "./featureText";

describe("an own feature's panel", () => {
  it("is titled by the saved name in the UI's language, else the other, else kind and number", () => {
    expect(featureTitle({ name_zh: "东丽湖地块", name_en: "Dongli Lake parcel" }, 4, "zh")).toBe("东丽湖地块");
    expect(featureTitle({ name_zh: "东丽湖地块", name_en: "Dongli Lake parcel" }, 4, "en")).toBe("Dongli Lake parcel");
    expect(featureTitle({ name_zh: "东丽湖地块", name_en: "" }, 4, "en")).toBe("东丽湖地块");
    expect(featureTitle({ name_zh: " ", name_en: "" }, 4, "en")).toBe("Own feature #4");
  });
  it("shows an imported null as empty, not \"null\"", () => {
    expect(attributeText(null)).toBe("");
    expect(attributeText("备注")).toBe("备注");
    expect(attributeText(3.5)).toBe("3.5");
  });
});
