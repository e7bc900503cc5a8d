import { describe, expect, it } from "vitest";
import { defaultColour, layerColour, PALETTE, setLayerColour } from "./ownColours";

function memory() {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v) };
}

describe("own layer colours", () => {
  it("gives consecutive layers different colours, the first the app's violet", () => {
    const colours = ["layer-1", "layer-2", "layer-3", "layer-4"].map(defaultColour);
    expect(new Set(colours).size).toBe(4);
    expect(colours[0]).toBe(PALETTE[0]);
    expect(defaultColour("layer-9")).toBe(PALETTE[0]);
  });
  it("keeps a chosen colour and ignores anything that is not #rrggbb", () => {
    const store = memory();
    setLayerColour("layer-2", "#ff0000", store);
    expect(layerColour("layer-2", store)).toBe("#ff0000");
    setLayerColour("layer-3", "red; background: url(x)", store);
    expect(layerColour("layer-3", store)).toBe(defaultColour("layer-3"));
  });
});
