/**
 * Places map labels so they do not overlap (Europe's seats crowd each other at world zoom) and
 * stay inside the visible map, clear of the zoom buttons: each label on its country if there is
 * room, else at the nearby spot that reads best, with a leader line (into the empty ocean above
 * and below a phone's map if need be). A label that finds no room at all is hidden (the country
 * keeps its colour, its hover card and its row in the World panel); then the longest leader
 * lines are drawn shorter where that tangles nothing. Screen pixels in, screen pixels out. Pure.
 */
/** `from`: where a leader line starts, the country itself, when the label's own spot is set off from it (above a small country's marker). */
export type LabelBox = { id: string; x: number; y: number; w: number; h: number; priority: number; from?: { x: number; y: number } };
export type Placed = { id: string; x: number; y: number; shown: boolean; moved: boolean };
export type Rect = { x0: number; y0: number; x1: number; y1: number };

/**
 * Where a project's circle sits beside its recipient, in screen pixels: the slot-th to the right.
 * `r` is the circle's radius; `outer` reaches past its ring and the progress arc drawn on it
 * (3 px wide), so a name kept clear of `outer` is not touched by the ring.
 */
export const projectSpot = (slot: number) => ({ dx: 16 + 22 * slot, dy: 14, r: 12, outer: 14 });

/**
 * Each project's spot (`projectSpot`'s, its `dx` and `dy` from its recipient), given the
 * recipients' spots on the screen (CSS pixels; only their differences count): the slot-th to the
 * right of its recipient, unless a circle placed before it (another recipient's, close by: Malaysia's
 * and Indonesia's) is there, then the next free place along that row or a row below. Circles
 * never cover one another, so no badge hides another's letters.
 */
export function projectSpots(projects: readonly { x: number; y: number }[]): ReturnType<typeof projectSpot>[] {
  const base = projectSpot(0);
  const apart = 2 * base.r - 2; // as two slots of one recipient stand (22 px between centres)
  const placed: { x: number; y: number }[] = [];
  return projects.map((p) => {
    for (let row = 0; ; row++)
      for (let slot = 0; slot < 6; slot++) {
        const spot = { ...projectSpot(slot), dy: base.dy + row * 2 * base.outer };
        const at = { x: p.x + spot.dx, y: p.y + spot.dy };
        if (placed.some((q) => Math.hypot(q.x - at.x, q.y - at.y) < apart)) continue;
        placed.push(at);
        return spot;
      }
  });
}

const rectOf = (x: number, y: number, w: number, h: number, pad = 2): Rect => ({ x0: x - w / 2 - pad, y0: y - h / 2 - pad, x1: x + w / 2 + pad, y1: y + h / 2 + pad });
const hits = (a: Rect, b: Rect) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
/**
 * The least gap between two names, in label heights: side by side a character's width apart
 * (Chinese puts no space between words, so 安哥拉 and 赞比亚 closer than that read as one name),
 * one above the other a third of a line (closer, two names read as one name on two lines).
 */
export const LABEL_GAP = { x: 0.7, y: 0.35 };
/** A label's box grown by half the least gap on each side: two names crowd each other when theirs meet. */
const roomOf = (x: number, y: number, w: number, h: number): Rect => ({ x0: x - w / 2 - (LABEL_GAP.x * h) / 2, y0: y - h / 2 - (LABEL_GAP.y * h) / 2, x1: x + w / 2 + (LABEL_GAP.x * h) / 2, y1: y + h / 2 + (LABEL_GAP.y * h) / 2 });
const inside = (r: Rect, b: Rect) => r.x0 >= b.x0 && r.y0 >= b.y0 && r.x1 <= b.x1 && r.y1 <= b.y1;
/** Whether a point (another country's spot) lies within `r`: a label there reads as that country's name. */
const holds = (r: Rect, p: { x: number; y: number }) => p.x > r.x0 && p.x < r.x1 && p.y > r.y0 && p.y < r.y1;
/** A label's grid of spots: a step aside is a little over half its width, a step up or down its height. */
const gridStep = (b: LabelBox) => ({ dx: b.w / 2 + 10, dy: b.h + 2 });
/** The leader line from a country to its label at `p` (none on the label's own spot). */
const leaderTo = (b: LabelBox, p: { x: number; y: number }): Segment | undefined => (p.x === b.x && p.y === b.y ? undefined : { x0: b.from?.x ?? b.x, y0: b.from?.y ?? b.y, x1: p.x, y1: p.y });

/**
 * Spots tried around an anchor, in half-widths (x) and label heights (y): a quarter step apart,
 * five half-widths aside and ten heights up or down; roughly nearest first, so a good spot is
 * found early and the spots further out are passed over by their distance alone.
 */
const GRID: [number, number, number][] = (() => {
  const out: [number, number, number][] = [];
  for (let x = -20; x <= 20; x++) for (let y = -40; y <= 40; y++) out.push([x / 4, y / 4, Math.hypot(x / 4, y / 4)]);
  return out.sort((p, q) => p[2] - q[2]);
})();

/** What a placement costs beyond its leader line's length, in pixels: crossing another line reads worst. */
const CROSSES_LINE = 200;
const CROSSES_LABEL = 60;
const COVERS_ANCHOR = 40;

/**
 * `avoid`: rectangles no label may cover (small countries' markers, the zoom buttons).
 * `bounds`: the visible area; a label is placed wholly inside it.
 * Most important first, each label takes the free spot of least cost: its distance from the
 * anchor, plus a penalty for each leader line its own line would cross, each label its line or
 * box would run through, and each other country's anchor it would be moved onto. So a crowded
 * corner (Europe on a phone) fans out around its countries with lines that do not cross.
 */
export function placeLabels(boxes: LabelBox[], avoid: Rect[] = [], bounds?: Rect): Placed[] {
  if (!boxes.length) return [];
  let order = [...boxes].sort((a, b) => b.priority - a.priority || a.id.localeCompare(b.id));
  let best = placeInOrder(boxes, order, avoid, bounds);
  // The label that came off worst (a small country boxed in by its neighbours' names) goes
  // first instead, as long as that makes the whole map read better.
  for (let i = 0; i < 6; i++) {
    const worst = order.reduce((w, b) => (best.costs.get(b.id)! > best.costs.get(w.id)! ? b : w));
    if (!best.costs.get(worst.id)) break;
    const next = [worst, ...order.filter((b) => b !== worst)];
    const tried = placeInOrder(boxes, next, avoid, bounds);
    if (tried.total >= best.total) break;
    order = next;
    best = tried;
  }
  return shortenLongest(boxes, best.placed, avoid, bounds);
}

/** A leader line longer than this many label heights is long: the map tries to draw it shorter. */
const LONG_LINE = 3;
/** How many spots, each spoilt by one neighbour's name, a long line tries to win by moving that neighbour, and how many label heights longer the neighbour's own line may grow. */
const NEIGHBOUR_TRIES = 40;
const NEIGHBOUR_GROWTH = 2;
/** At most this many lines drawn shorter a map: each move can open a spot for another, and the map must settle. */
const MAX_SHORTENED = 20;

/** How far a label sits from its country (the leader line's length; 0 on its own spot). */
const lineLength = (b: LabelBox, p: { x: number; y: number }) => {
  const line = leaderTo(b, p);
  return line ? Math.hypot(line.x1 - line.x0, line.y1 - line.y0) : 0;
};

/**
 * Long leader lines, longest first, drawn shorter where they can be without a tangle: a label
 * moves to a spot a fifth nearer at least that is clean (inside, on nothing, its line crossing no
 * line and no name, on no other country's spot, under no other line), or to one that only one
 * neighbour spoils, when that neighbour finds a clean spot of its own, its line no longer than
 * this one's and at most NEIGHBOUR_GROWTH label heights longer than it was. The costs above weigh
 * a whole map at once and can send one name far off (the Netherlands' on a phone, 114 px across
 * the Atlantic, for want of a spot among Europe's names that crossed nothing).
 */
function shortenLongest(boxes: LabelBox[], placed: Placed[], avoid: Rect[], bounds?: Rect): Placed[] {
  const at = placed.map((p) => ({ ...p }));
  const lineOf = (i: number, p: { x: number; y: number }) => leaderTo(boxes[i]!, p);
  // Each label's box and line where it is now.
  const rects = at.map((p, i) => rectOf(p.x, p.y, boxes[i]!.w, boxes[i]!.h));
  const rooms = at.map((p, i) => roomOf(p.x, p.y, boxes[i]!.w, boxes[i]!.h));
  const lines = at.map((p, i) => lineOf(i, p));
  /** The labels that spoil label `i` at `p`, up to `enough` of them, or null when the map itself does (an edge, a marker, the buttons). */
  const spoilers = (i: number, p: { x: number; y: number }, enough: number): number[] | null => {
    const b = boxes[i]!;
    const r = rectOf(p.x, p.y, b.w, b.h);
    if ((bounds && !inside(r, bounds)) || avoid.some((t) => hits(t, r))) return null;
    const room = roomOf(p.x, p.y, b.w, b.h);
    const line = lineOf(i, p);
    const out: number[] = [];
    for (let j = 0; j < at.length; j++) {
      if (j === i || !at[j]!.shown) continue;
      const o = boxes[j]!;
      const s = rects[j]!;
      const other = lines[j];
      const spoilt =
        hits(room, rooms[j]!) ||
        (line && (crosses(line, s) || (other && segmentsCross(line, other)))) ||
        (other && crosses(other, r)) ||
        holds(r, o);
      if (spoilt && out.push(j) >= enough) break;
    }
    return out;
  };
  /** A label's spots of the grid whose line would be shorter than `shorterThan`, nearest its country first. */
  const spots = (i: number, shorterThan: number) => {
    const b = boxes[i]!;
    const { dx, dy } = gridStep(b);
    const out: { x: number; y: number; len: number }[] = [];
    // No spot `ring` grid steps out is nearer its country than this (the line starts `off` from the spot's centre).
    const off = b.from ? Math.hypot(b.from.x - b.x, b.from.y - b.y) : 0;
    for (const [ox, oy, ring] of GRID) {
      if (ring * Math.min(dx, dy) - off >= shorterThan) break;
      const p = { x: b.x + ox * dx, y: b.y + oy * dy };
      const len = lineLength(b, p);
      if (len < shorterThan) out.push({ ...p, len });
    }
    return out.sort((p, q) => p.len - q.len);
  };
  const move = (i: number, p: { x: number; y: number }) => {
    Object.assign(at[i]!, { x: p.x, y: p.y, moved: !!lineOf(i, p) });
    rects[i] = rectOf(p.x, p.y, boxes[i]!.w, boxes[i]!.h);
    rooms[i] = roomOf(p.x, p.y, boxes[i]!.w, boxes[i]!.h);
    lines[i] = lineOf(i, p);
  };
  const tried = new Set<number>();
  for (let moves = 0; moves < MAX_SHORTENED; ) {
    const lengths = at.map((p, i) => {
      const len = p.shown && !tried.has(i) ? lineLength(boxes[i]!, p) : 0;
      return len > LONG_LINE * boxes[i]!.h ? len : 0;
    });
    const i = lengths.indexOf(Math.max(...lengths));
    const long = lengths[i]!;
    if (!(long > 0)) break;
    tried.add(i);
    const before = { ...at[i]! };
    let asked = 0;
    // A gain worth the eye: a fifth shorter at least.
    for (const p of spots(i, long * 0.8)) {
      // Two are as bad as any more.
      const spoilt = spoilers(i, p, 2);
      if (!spoilt || spoilt.length > 1 || (spoilt.length && ++asked > NEIGHBOUR_TRIES)) continue;
      move(i, p);
      const j = spoilt[0];
      if (j !== undefined) {
        // The neighbour in the way moves to a clean spot: its line no longer than this one's, and not much longer than it was.
        let spot: { x: number; y: number } | undefined;
        for (const q of spots(j, Math.min(p.len, lineLength(boxes[j]!, at[j]!) + NEIGHBOUR_GROWTH * boxes[j]!.h) + 0.01)) if (spoilers(j, q, 1)?.length === 0 && (spot = q)) break;
        if (!spot) {
          move(i, before);
          continue;
        }
        move(j, spot);
      }
      moves++;
      tried.clear();
      break;
    }
  }
  return at;
}

/** Unplaceable: what a hidden label costs the map. */
const HIDDEN = 10_000;

function placeInOrder(boxes: LabelBox[], order: LabelBox[], avoid: Rect[], bounds?: Rect): { placed: Placed[]; costs: Map<string, number>; total: number } {
  const taken: Rect[] = [...avoid];
  const labels: Rect[] = [];
  const rooms: Rect[] = [];
  const lines: Segment[] = [];
  const out = new Map<string, Placed>();
  const costs = new Map<string, number>();
  for (const b of order) {
    const { dx, dy } = gridStep(b);
    // A label whose anchor lies near (or past) an edge starts from the nearest point inside.
    const pad = 3;
    const cx = bounds ? clampTo(b.x, bounds.x0 + b.w / 2 + pad, bounds.x1 - b.w / 2 - pad) : b.x;
    const cy = bounds ? clampTo(b.y, bounds.y0 + b.h / 2 + pad, bounds.y1 - b.h / 2 - pad) : b.y;
    // No spot `r` grid steps out is nearer than r short steps, less the shift from the edge.
    const step = Math.min(dx, dy * 1.2);
    const shift = Math.hypot(cx - b.x, (cy - b.y) * 1.2);
    let best: { x: number; y: number; r: Rect; line?: Segment; cost: number } | undefined;
    for (const [ox, oy, ring] of GRID) {
      if (best && ring * step - shift >= best.cost) break;
      const x = cx + ox * dx;
      const y = cy + oy * dy;
      // A step up or down costs a little more than a step aside.
      const far = Math.hypot(x - b.x, (y - b.y) * 1.2);
      if (best && far >= best.cost) continue;
      const r = rectOf(x, y, b.w, b.h);
      if (bounds && !inside(r, bounds)) continue;
      if (taken.some((t) => hits(t, r))) continue;
      if (rooms.some((t) => hits(t, roomOf(x, y, b.w, b.h)))) continue;
      const line = leaderTo(b, { x, y });
      let cost = far;
      for (const l of lines) if (crosses(l, r)) cost += CROSSES_LABEL;
      if (line) {
        for (const l of lines) if (segmentsCross(l, line)) cost += CROSSES_LINE;
        for (const t of labels) if (crosses(line, t)) cost += CROSSES_LABEL;
        // A label moved onto another country's spot reads as that country's name.
        for (const o of boxes) if (o !== b && holds(r, o)) cost += COVERS_ANCHOR;
      }
      if (!best || cost < best.cost) best = { x, y, r, line, cost };
    }
    if (!best) {
      out.set(b.id, { id: b.id, x: b.x, y: b.y, shown: false, moved: false });
      costs.set(b.id, HIDDEN);
      continue;
    }
    labels.push(best.r);
    rooms.push(roomOf(best.x, best.y, b.w, b.h));
    if (best.line) lines.push(best.line);
    out.set(b.id, { id: b.id, x: best.x, y: best.y, shown: true, moved: !!best.line });
    costs.set(b.id, best.cost);
  }
  return { placed: boxes.map((b) => out.get(b.id)!), costs, total: [...costs.values()].reduce((a, c) => a + c, 0) };
}

/** Whether two segments cross (touching at an end does not count). */
function segmentsCross(a: Segment, b: Segment): boolean {
  const side = (s: Segment, x: number, y: number) => Math.sign((s.x1 - s.x0) * (y - s.y0) - (s.y1 - s.y0) * (x - s.x0));
  return side(a, b.x0, b.y0) * side(a, b.x1, b.y1) < 0 && side(b, a.x0, a.y0) * side(b, a.x1, a.y1) < 0;
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

/** The gap between a resting card and the board's edges, in CSS pixels. */
export const CARD_MARGIN = 12;

/**
 * Where along the board's foot a card of `w`×`h` rests (its centre's x): in the middle, else at
 * the left or the right edge, whichever covers no label (the seats of the southern countries);
 * if each covers some, the one that covers fewest, the middle on a tie.
 */
export function cardSpot(board: { w: number; h: number }, card: { w: number; h: number }, labels: readonly { x: number; y: number; w: number; h: number }[], margin = CARD_MARGIN): number {
  const y = board.h - margin - card.h / 2;
  const spots = [board.w / 2, margin + card.w / 2, board.w - margin - card.w / 2];
  const covered = (x: number) => labels.filter((l) => hits(rectOf(x, y, card.w, card.h, 0), rectOf(l.x, l.y, l.w, l.h, 0))).length;
  let best = spots[0]!;
  let fewest = covered(best);
  for (const x of spots.slice(1)) {
    if (!fewest) break;
    const n = covered(x);
    if (n < fewest) [best, fewest] = [x, n];
  }
  return best;
}
