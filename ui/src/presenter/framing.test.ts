import { describe, expect, it } from "vitest";
import { frameOptions, freeArea } from "./framing";

const map = { left: 0, top: 0, right: 1280, bottom: 800 };

describe("the free area a stop frames its element in", () => {
  it("ends above the caption box and below the progress dots and the counter", () => {
    const caption = { left: 300, top: 560, right: 980, bottom: 752 };
    const dots = { left: 560, top: 10, right: 720, bottom: 19 };
    const counter = { left: 1180, top: 12, right: 1262, bottom: 44 };
    const free = freeArea(map, [caption, dots, counter], 40);
    expect(free.top).toBe(44 + 40);
    expect(free.bottom).toBe(800 - 560 + 40);
  });

  it("ignores hidden (empty) overlays", () => {
    expect(freeArea(map, [{ left: 0, top: 0, right: 0, bottom: 0 }], 10)).toEqual({ top: 10, bottom: 10, left: 10, right: 10 });
  });

  it("scales the padding down when a huge caption would leave no room", () => {
    const o = frameOptions({ top: 100, bottom: 700, left: 40, right: 40 }, { x: 1280, y: 800 });
    expect(o.paddingTopLeft[1] + o.paddingBottomRight[1]).toBeLessThanOrEqual(740);
  });
});
