/**
 * Places map labels so they do not overlap (Europe's seats crowd each other at world zoom) and
 * stay inside the visible map, clear of the zoom buttons: greedy, most important first; each
 * label tries its anchor, then a ring of nearby spots, then spots further out (into the empty
 * ocean above and below a phone's map, with a leader line). A label that finds no room at all is
 * hidden (the country keeps its colour, its hover card and its row in the World panel). Screen
 * pixels in, screen pixels out. Pure.
 */
export type LabelBox = { id: string; x: number; y: number; w: number; h: number; priority: number };
export type Placed = { id: string; x: number; y: number; shown: boolean; moved: boolean };
export type Rect = { x0: number; y0: number; x1: number; y1: number };

const rectOf = (x: number, y: number, w: number, h: number, pad = 2): Rect => ({ x0: x - w / 2 - pad, y0: y - h / 2 - pad, x1: x + w / 2 + pad, y1: y + h / 2 + pad });
const hits = (a: Rect, b: Rect) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
const inside = (r: Rect, b: Rect) => r.x0 >= b.x0 && r.y0 >= b.y0 && r.x1 <= b.x1 && r.y1 <= b.y1;

/** Offsets in label heights (dy) and half-widths (dx): the near ring first, as before any bounds. */
const NEAR: [number, number][] = [
  [0, 0],
  [0, -1],
  [0, 1],
  [1, 0],
  [-1, 0],
  [1, -1],
  [-1, -1],
  [1, 1],
  [-1, 1],
  [0, -2],
  [0, 2],
  [2, 0],
  [-2, 0],
  [1, -2],
  [-1, -2],
  [1, 2],
  [-1, 2],
  [0, -3],
  [0, 3],
];

/** Further out: every spot of a wider grid, sorted per label by its distance in pixels. */
const FAR: [number, number][] = (() => {
  const near = new Set(NEAR.map(([x, y]) => `${x},${y}`));
  const out: [number, number][] = [];
  for (let x = -5; x <= 5; x++) for (let y = -10; y <= 10; y++) if (!near.has(`${x},${y}`)) out.push([x, y]);
  return out;
})();

/**
 * `avoid`: rectangles no label may cover (small countries' markers, the zoom buttons).
 * `bounds`: the visible area; a label is placed wholly inside it, nearest its anchor.
 */
export function placeLabels(boxes: LabelBox[], avoid: Rect[] = [], bounds?: Rect): Placed[] {
  const taken: Rect[] = [...avoid];
  const labels: Rect[] = [];
  const lines: Segment[] = [];
  const out = new Map<string, Placed>();
  const order = [...boxes].sort((a, b) => b.priority - a.priority || a.id.localeCompare(b.id));
  for (const b of order) {
    const dy = b.h + 2;
    const dx = b.w / 2 + 10;
    // A label whose anchor lies near (or past) an edge starts from the nearest point inside.
    const pad = 3;
    const cx = bounds ? clampTo(b.x, bounds.x0 + b.w / 2 + pad, bounds.x1 - b.w / 2 - pad) : b.x;
    const cy = bounds ? clampTo(b.y, bounds.y0 + b.h / 2 + pad, bounds.y1 - b.h / 2 - pad) : b.y;
    const fits = (x: number, y: number, tidy: boolean) => {
      const r = rectOf(x, y, b.w, b.h);
      if (bounds && !inside(r, bounds)) return undefined;
      if (taken.some((t) => hits(t, r))) return undefined;
      // Tidy: no leader line runs through another label, and this label covers no leader line.
      if (tidy && (lines.some((l) => crosses(l, r)) || ((x !== b.x || y !== b.y) && labels.some((t) => crosses({ x0: b.x, y0: b.y, x1: x, y1: y }, t))))) return undefined;
      return r;
    };
    // A crowded corner of a small map sends labels further out, nearest first (a line up or
    // down reads more easily than a label a width away).
    const far = [...FAR].sort((p, q) => Math.hypot(p[0] * dx, p[1] * dy * 1.2) - Math.hypot(q[0] * dx, q[1] * dy * 1.2) || p[1] - q[1] || p[0] - q[0]);
    let placed: Placed = { id: b.id, x: b.x, y: b.y, shown: false, moved: false };
    // Near spots first, tidy or not; a tidy spot further away only after them.
    const reach = 7 * dy;
    search: for (const [tidy, limit] of [
      [true, reach],
      [false, reach],
      [true, Infinity],
      [false, Infinity],
    ] as const)
      for (const [ox, oy] of [...NEAR, ...far]) {
        const x = cx + ox * dx;
        const y = cy + oy * dy;
        if (Math.hypot(x - b.x, y - b.y) > limit) continue;
        const r = fits(x, y, tidy);
        if (!r) continue;
        taken.push(r);
        labels.push(r);
        placed = { id: b.id, x, y, shown: true, moved: x !== b.x || y !== b.y };
        if (placed.moved) lines.push({ x0: b.x, y0: b.y, x1: x, y1: y });
        break search;
      }
    out.set(b.id, placed);
  }
  return boxes.map((b) => out.get(b.id)!);
}

type Segment = { x0: number; y0: number; x1: number; y1: number };

/** Whether segment `s` passes through rectangle `r` (Liang–Barsky clipping). */
function crosses(s: Segment, r: Rect): boolean {
  const dx = s.x1 - s.x0;
  const dy = s.y1 - s.y0;
  let t0 = 0;
  let t1 = 1;
  for (const [p, q] of [
    [-dx, s.x0 - r.x0],
    [dx, r.x1 - s.x0],
    [-dy, s.y0 - r.y0],
    [dy, r.y1 - s.y0],
  ] as const) {
    if (p === 0) {
      if (q < 0) return false;
      continue;
    }
    const t = q / p;
    if (p < 0) t0 = Math.max(t0, t);
    else t1 = Math.min(t1, t);
    if (t0 > t1) return false;
  }
  return true;
}

function clampTo(v: number, lo: number, hi: number) {
  return lo > hi ? (lo + hi) / 2 : Math.min(Math.max(v, lo), hi);
}

/**
 * The label under a tap or pointer. `reach` grows each box to a finger's size (at least that
 * tall, a little wider); where grown boxes overlap, the nearest centre wins. Labels often sit
 * away from small countries, so a tap on the name is a tap on the country.
 */
export function labelAt(labels: readonly { id: string; x: number; y: number; w: number; h: number }[], x: number, y: number, reach = 0): string | undefined {
  let best: { id: string; d: number } | undefined;
  for (const l of labels) {
    const hw = l.w / 2 + (reach ? 6 : 1);
    const hh = Math.max(l.h, reach) / 2;
    if (Math.abs(x - l.x) > hw || Math.abs(y - l.y) > hh) continue;
    const d = Math.hypot((x - l.x) / hw, (y - l.y) / hh);
    if (!best || d < best.d) best = { id: l.id, d };
  }
  return best?.id;
}
