/**
 * Places map labels so they do not overlap (Europe's seats crowd each other at world zoom):
 * greedy, most important first; each label tries its anchor, then a ring of nearby spots; a
 * label that finds no room is hidden (the country keeps its colour, its hover card and its
 * row in the World panel). Screen pixels in, screen pixels out. Pure.
 */
export type LabelBox = { id: string; x: number; y: number; w: number; h: number; priority: number };
export type Placed = { id: string; x: number; y: number; shown: boolean; moved: boolean };

type Rect = { x0: number; y0: number; x1: number; y1: number };

const rectOf = (x: number, y: number, w: number, h: number, pad = 2): Rect => ({ x0: x - w / 2 - pad, y0: y - h / 2 - pad, x1: x + w / 2 + pad, y1: y + h / 2 + pad });
const hits = (a: Rect, b: Rect) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

export function placeLabels(boxes: LabelBox[], avoid: Rect[] = []): Placed[] {
  const taken: Rect[] = [...avoid];
  const out = new Map<string, Placed>();
  const order = [...boxes].sort((a, b) => b.priority - a.priority || a.id.localeCompare(b.id));
  for (const b of order) {
    const dy = b.h + 2;
    const dx = b.w / 2 + 10;
    const spots: [number, number][] = [
      [0, 0],
      [0, -dy],
      [0, dy],
      [dx, 0],
      [-dx, 0],
      [dx, -dy],
      [-dx, -dy],
      [dx, dy],
      [-dx, dy],
      [0, -2 * dy],
      [0, 2 * dy],
      [2 * dx, 0],
      [-2 * dx, 0],
      [dx, -2 * dy],
      [-dx, -2 * dy],
      [dx, 2 * dy],
      [-dx, 2 * dy],
      [0, -3 * dy],
      [0, 3 * dy],
    ];
    let placed: Placed = { id: b.id, x: b.x, y: b.y, shown: false, moved: false };
    for (const [ox, oy] of spots) {
      const r = rectOf(b.x + ox, b.y + oy, b.w, b.h);
      if (taken.some((t) => hits(t, r))) continue;
      taken.push(r);
      placed = { id: b.id, x: b.x + ox, y: b.y + oy, shown: true, moved: ox !== 0 || oy !== 0 };
      break;
    }
    out.set(b.id, placed);
  }
  return boxes.map((b) => out.get(b.id)!);
}
