import { describe, expect, it } from "vitest";
import { besideText, estimateTextWidth, placeLabels, type LabelCandidate } from "./labels";

const c = (id: string, x: number, y: number, priority: number, extra: Partial<LabelCandidate> = {}): LabelCandidate => ({
  id, x, y, width: 60, height: 14, priority, offset: 6, centred: false, ...extra,
});

describe("placeLabels", () => {
  it("never returns overlapping labels", () => {
    const many = Array.from({ length: 40 }, (_, i) => c(`l${i}`, 100 + (i % 5) * 7, 100 + Math.floor(i / 5) * 5, i));
    const out = placeLabels(many, 800, 600);
    for (let i = 0; i < out.length; i++)
      for (let j = i + 1; j < out.length; j++) {
        const [a, b] = [out[i], out[j]];
        const disjoint = a.left + a.width <= b.left || b.left + b.width <= a.left || a.top + a.height <= b.top || b.top + b.height <= a.top;
        expect(disjoint).toBe(true);
      }
    expect(out.length).toBeGreaterThan(3);
    expect(out.length).toBeLessThan(40);
  });

  it("gives the higher priority label its first choice", () => {
    const out = placeLabels([c("low", 100, 100, 1), c("high", 100, 100, 9)], 800, 600);
    expect(out[0].id).toBe("high");
    expect(out[0].left).toBeGreaterThan(100); // to the right of its anchor
    expect(out.find((b) => b.id === "low")!.left).toBeLessThan(100); // moved left
  });

  it("keeps labels inside the viewport and off obstacles", () => {
    expect(placeLabels([c("edge", 790, 300, 1)], 800, 600)[0].left + 60).toBeLessThanOrEqual(800);
    const blocked = placeLabels([c("x", 100, 100, 1, { centred: true })], 800, 600, [{ id: "sym", left: 60, top: 90, width: 80, height: 20 }]);
    expect(blocked).toEqual([]);
  });
});

describe("centred labels", () => {
  it("move to the first free shift when their centre is taken", () => {
    const obstacle = { id: "sym", left: 90, top: 90, width: 20, height: 20 };
    const [box] = placeLabels([c("d", 100, 100, 1, { centred: true, width: 40, shifts: [[0, 0], [0, -30]] })], 800, 600, [obstacle]);
    expect(box.top).toBe(100 - 30 - 7);
  });
});

describe("estimateTextWidth", () => {
  it("counts Chinese characters as a full em", () => {
    expect(estimateTextWidth("中国信创谷", 12)).toBe(60);
    expect(estimateTextWidth("Binhai", 10)).toBe(34);
  });
});

describe("besideText", () => {
  it("cuts long Chinese names and leaves English ones to the placement", () => {
    expect(besideText("国家合成生物技术创新中心核心研发基地", "zh")).toBe("国家合成生物技术创新中心核心研发基地");
    expect(besideText("一二三四五六七八九十一二三四五六七八九", "zh")).toBe("一二三四五六七八九十一二三四五六七…");
    const long = "National Synthetic Biology Technology Innovation Centre";
    expect(besideText(long, "en")).toBe(long);
  });
});
