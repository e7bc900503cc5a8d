import { describe, expect, it } from "vitest";
import type { WireGeometry } from "../wire/layer";
import { districtAnchors } from "./districtAnchors";

// A district covering 117.0–117.4 E, 38.8–39.0 N, named at its centre.
const square: WireGeometry = { kind: "multipolygon", polygons: [[new Float32Array([117.0, 38.8, 117.4, 38.8, 117.4, 39.0, 117.0, 39.0, 117.0, 38.8])]] } as WireGeometry;
const rings = new Map([["120112", square]]);
const districts = [{ adcode: "120112", label: [117.2, 38.9] as [number, number] }];

describe("districtAnchors", () => {
  it("names a district at its label point when that is in view", () => {
    expect(districtAnchors(districts, rings, { west: 116.9, south: 38.7, east: 117.5, north: 39.1 }).get("120112")).toEqual([117.2, 38.9]);
  });
  it("zoomed in away from the label point, names it at a point in view inside it", () => {
    const view = { west: 117.30, south: 38.95, east: 117.32, north: 38.96 };
    const at = districtAnchors(districts, rings, view).get("120112");
    expect(at).toBeDefined();
    const [lon, lat] = at!;
    expect(lon >= view.west && lon <= view.east && lat >= view.south && lat <= view.north).toBe(true);
  });
  it("leaves out a district the view does not touch", () => {
    expect(districtAnchors(districts, rings, { west: 118.0, south: 39.5, east: 118.1, north: 39.6 }).size).toBe(0);
  });
});
