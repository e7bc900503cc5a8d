import { describe, expect, it } from "vitest";
import type { UserLayer } from "../api";
import { adoptDesktopColours, layerColour, rememberColours, setLayerColour } from "./ownColours";

/** The shell's set_layer_colour, recording what it was asked. */
function shell() {
  const asked: [string, string][] = [];
  const keep = async (id: string, colour: string) => {
    asked.push([id, colour]);
    return { id, colour: colour.toLowerCase() } as UserLayer;
  };
  return { asked, keep };
}

describe("own layer colours", () => {
  it("draws each layer in the colour the core listed it with", () => {
    rememberColours([
      { id: "layer-1", colour: "#6d28d9" },
      { id: "layer-2", colour: "#0f766e" },
    ]);
    expect(layerColour("layer-2")).toBe("#0f766e");
  });
  it("keeps a chosen colour through the shell and ignores anything that is not #rrggbb", async () => {
    const { asked, keep } = shell();
    await setLayerColour("layer-2", "#FF0000", keep);
    expect(layerColour("layer-2")).toBe("#ff0000");
    await setLayerColour("layer-3", "red; background: url(x)", keep);
    expect(asked).toEqual([["layer-2", "#FF0000"]]);
  });
  it("moves a colour chosen on this desktop into the file once", async () => {
    const m = new Map([["atlas-own-colour:layer-5", "#be185d"]]);
    const store = { getItem: (k: string) => m.get(k) ?? null, removeItem: (k: string) => void m.delete(k) };
    const { asked, keep } = shell();
    await adoptDesktopColours([{ id: "layer-5", colour: "#1d4ed8" }], store, keep);
    await adoptDesktopColours([{ id: "layer-5", colour: "#be185d" }], store, keep);
    expect(asked).toEqual([["layer-5", "#be185d"]]);
    expect(layerColour("layer-5")).toBe("#be185d");
  });
});
