import { describe, expect, it } from "vitest";
import type { ZoomGroups } from "../api";
import { groupsAt, shownGroups } from "./symbolGroups";

const group = (members: string[]) => ({ members, centroid: [117.7, 39.0] as [number, number], bbox: [117.6, 38.9, 117.8, 39.1] as [number, number, number, number] });
const table: ZoomGroups[] = [
  { zoom: 7, symbol_radius: 5.5, groups: [group(["a", "b", "c", "d", "e", "f"])] },
  { zoom: 9, symbol_radius: 7, groups: [group(["a", "b", "c", "d", "e"])] },
  { zoom: 11.5, symbol_radius: 7, groups: [] },
];

describe("symbol groups", () => {
  it("looks up the core's entry for a zoom, between its steps too", () => {
    expect(groupsAt(table, 8.75)?.zoom).toBe(7);
    expect(groupsAt(table, 9)?.zoom).toBe(9);
    expect(groupsAt(table, 11.25)?.groups[0].members.length).toBe(5);
    expect(groupsAt(table, 18)?.groups).toEqual([]);
    expect(groupsAt([], 9)).toBeNull();
  });

  it("leaves hidden and kept-apart members out, and no group of one", () => {
    const at9 = groupsAt(table, 9);
    expect(shownGroups(at9, (id) => id !== "c")[0].members).toEqual(["a", "b", "d", "e"]);
    expect(shownGroups(at9, (id) => id === "a")).toEqual([]);
  });
});
