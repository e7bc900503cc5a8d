// Label placement: greedy by priority, each label tries a few positions around its anchor and
// takes the first that overlaps nothing already placed; if none fits, it is hidden at this zoom.

export interface LabelCandidate {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
  /** Higher goes first. */
  priority: number;
  /** Gap between the anchor and the label, e.g. a symbol's radius; 0 for centred labels. */
  offset: number;
  /** Centred labels (areas, districts) sit on their point, or on one of `shifts` from it. */
  centred: boolean;
  /** Offsets (px) a centred label may move by when its centre is taken, tried in order. */
  shifts?: [number, number][];
}

export interface LabelBox {
  id: string;
  left: number;
  top: number;
  width: number;
  height: number;
}

function overlaps(a: LabelBox, b: LabelBox, pad: number): boolean {
  return a.left < b.left + b.width + pad && b.left < a.left + a.width + pad && a.top < b.top + b.height + pad && b.top < a.top + a.height + pad;
}

/** Places labels inside a viewport of `width` × `height`; `obstacles` (e.g. symbols) block too. */
export function placeLabels(candidates: LabelCandidate[], width: number, height: number, obstacles: LabelBox[] = [], pad = 2): LabelBox[] {
  const placed: LabelBox[] = [];
  const sorted = [...candidates].sort((a, b) => b.priority - a.priority || a.id.localeCompare(b.id));
  for (const c of sorted) {
    const positions: [number, number][] = c.centred
      ? (c.shifts ?? [[0, 0]]).map(([dx, dy]): [number, number] => [c.x + dx - c.width / 2, c.y + dy - c.height / 2])
      : [
          [c.x + c.offset + 3, c.y - c.height / 2], // right
          [c.x - c.offset - 3 - c.width, c.y - c.height / 2], // left
          [c.x - c.width / 2, c.y - c.offset - 2 - c.height], // above
          [c.x - c.width / 2, c.y + c.offset + 2], // below
        ];
    for (const [left, top] of positions) {
      const box = { id: c.id, left, top, width: c.width, height: c.height };
      const inside = left >= 0 && top >= 0 && left + c.width <= width && top + c.height <= height;
      if (!inside) continue;
      if (placed.some((p) => overlaps(p, box, pad)) || obstacles.some((o) => o.id !== c.id && overlaps(o, box, 0))) continue;
      placed.push(box);
      break;
    }
  }
  return placed;
}

/** Approximate rendered width: CJK characters are one em, others about 0.56 em. */
export function estimateTextWidth(text: string, fontSize: number): number {
  let w = 0;
  for (const ch of text) w += /[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? fontSize : fontSize * 0.56;
  return Math.ceil(w);
}

/** Chinese names longer than this are cut with "…" beside a symbol (the panel has the full name). */
const MAX_BESIDE_CHARS = 18;

/** A name as drawn beside its symbol on screen: long Chinese names cut to fit. */
export function besideText(text: string, language: "zh" | "en"): string {
  return text.length > MAX_BESIDE_CHARS && language === "zh" ? text.slice(0, MAX_BESIDE_CHARS - 1) + "…" : text;
}
