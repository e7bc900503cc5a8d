// Cartographic displacement: point symbols that would overlap on screen are fanned out on a
// small ring around where they are, each keeping a leader line to its true position. The data
// never moves; only its drawing does, and only while the symbols would collide.

export interface ScreenPoint {
  id: string;
  x: number;
  y: number;
}

export interface Placed {
  id: string;
  x: number;
  y: number;
  /** Where the point really is (the leader line's end), when displaced. */
  anchor: { x: number; y: number } | null;
}

/** A spot a displaced symbol must keep clear of, by `clearance` pixels (a grouped symbol). */
export interface Obstacle {
  x: number;
  y: number;
  clearance: number;
}

/** Ring sizes (times the smallest) and turns (fractions of the spacing) tried, in order, until
 * a ring clears every symbol already placed; else the ring that comes least close. */
const RING_SCALES = [1, 1.3, 1.6, 2, 2.5, 3];
const RING_TURNS = [0, 0.5, 0.25, 0.75];

/**
 * Groups points closer than `minDistance` pixels (transitively) and spreads each group of two
 * or more on a ring about its centroid, spaced `minDistance` apart. A ring that would land on
 * a symbol already placed (a lone one, an earlier ring, an obstacle) is widened and turned
 * until it clears them. Deterministic: the ring order follows the input order.
 */
export function displace(points: ScreenPoint[], minDistance: number, obstacles: Obstacle[] = []): Placed[] {
  const parent = points.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  for (let i = 0; i < points.length; i++) {
    for (let j = i + 1; j < points.length; j++) {
      if (Math.hypot(points[i].x - points[j].x, points[i].y - points[j].y) < minDistance) {
        parent[find(j)] = find(i);
      }
    }
  }
  const groups = new Map<number, number[]>();
  points.forEach((_, i) => {
    const root = find(i);
    groups.set(root, [...(groups.get(root) ?? []), i]);
  });
  const placed: Placed[] = points.map((p) => ({ id: p.id, x: p.x, y: p.y, anchor: null }));
  const taken: Obstacle[] = [...obstacles];
  for (const members of groups.values()) if (members.length === 1) taken.push({ x: points[members[0]].x, y: points[members[0]].y, clearance: minDistance });
  for (const members of groups.values()) {
    if (members.length < 2) continue;
    const cx = members.reduce((s, i) => s + points[i].x, 0) / members.length;
    const cy = members.reduce((s, i) => s + points[i].y, 0) / members.length;
    // Ring circumference must hold every symbol minDistance apart.
    const base = Math.max(minDistance, (members.length * minDistance) / (2 * Math.PI));
    let ring: { x: number; y: number }[] = [];
    let best = -Infinity;
    for (const scale of RING_SCALES) {
      for (const turn of RING_TURNS) {
        const candidate = members.map((_, k) => {
          const a = -Math.PI / 2 + (2 * Math.PI * (k + turn)) / members.length;
          return { x: cx + base * scale * Math.cos(a), y: cy + base * scale * Math.sin(a) };
        });
        // How close the ring comes to anything placed, as a share of the room each needs.
        const margin = Math.min(...candidate.flatMap((r) => taken.map((t) => Math.hypot(r.x - t.x, r.y - t.y) / t.clearance)), Infinity);
        if (margin > best) [best, ring] = [margin, candidate];
        if (margin >= 1) break;
      }
      if (best >= 1) break;
    }
    members.forEach((i, k) => {
      placed[i] = { id: points[i].id, x: ring[k].x, y: ring[k].y, anchor: { x: points[i].x, y: points[i].y } };
      taken.push({ x: ring[k].x, y: ring[k].y, clearance: minDistance });
    });
  }
  return placed;
}
