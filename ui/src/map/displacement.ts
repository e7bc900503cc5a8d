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

/**
 * Groups points closer than `minDistance` pixels (transitively) and spreads each group of two
 * or more on a ring about its centroid, spaced `minDistance` apart. Deterministic: the ring
 * order follows the input order.
 */
export function displace(points: ScreenPoint[], minDistance: number): Placed[] {
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
  for (const members of groups.values()) {
    if (members.length < 2) continue;
    const cx = members.reduce((s, i) => s + points[i].x, 0) / members.length;
    const cy = members.reduce((s, i) => s + points[i].y, 0) / members.length;
    // Ring circumference must hold every symbol minDistance apart.
    const radius = Math.max(minDistance, (members.length * minDistance) / (2 * Math.PI));
    members.forEach((i, k) => {
      const a = -Math.PI / 2 + (2 * Math.PI * k) / members.length;
      placed[i] = { id: points[i].id, x: cx + radius * Math.cos(a), y: cy + radius * Math.sin(a), anchor: { x: points[i].x, y: points[i].y } };
    });
  }
  return placed;
}
