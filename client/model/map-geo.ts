/**
 * The precomputed world map (assets/map/world.json, made by client/tools/build-map.ts):
 * decoding its delta-encoded rings, finding the country under a point, and where to put a
 * country's label, arcs and icons. Pure.
 */
export type MapFile = {
  width: number;
  height: number;
  countries: { id: string; name: string; at: [number, number]; rings: number[][] }[];
  land: number[][];
  dots: { id: string; name: string; at: [number, number] }[];
};

export type Shape = {
  id: string;
  name: string;
  at: [number, number];
  /** Rings as flat [x0, y0, x1, y1, ...]; outlines and holes alike (even-odd rule). */
  rings: number[][];
  box: [number, number, number, number];
  /** True for small states drawn as a dot. */
  dot: boolean;
};

export function decodeRing(ring: number[]): number[] {
  const out = new Array<number>(ring.length);
  let x = 0;
  let y = 0;
  for (let i = 0; i < ring.length; i += 2) {
    x += ring[i]!;
    y += ring[i + 1]!;
    out[i] = x;
    out[i + 1] = y;
  }
  return out;
}

export const DOT_RADIUS = 6;

export function decodeMap(file: MapFile): { width: number; height: number; shapes: Map<string, Shape>; land: number[][] } {
  const shapes = new Map<string, Shape>();
  for (const c of file.countries) {
    const rings = c.rings.map(decodeRing);
    let x0 = Infinity;
    let y0 = Infinity;
    let x1 = -Infinity;
    let y1 = -Infinity;
    for (const r of rings)
      for (let i = 0; i < r.length; i += 2) {
        const x = r[i]!;
        const y = r[i + 1]!;
        if (x < x0) x0 = x;
        if (y < y0) y0 = y;
        if (x > x1) x1 = x;
        if (y > y1) y1 = y;
      }
    shapes.set(c.id, { id: c.id, name: c.name, at: c.at, rings, box: [x0, y0, x1, y1], dot: false });
  }
  for (const d of file.dots) {
    const [x, y] = d.at;
    shapes.set(d.id, { id: d.id, name: d.name, at: d.at, rings: [], box: [x - DOT_RADIUS, y - DOT_RADIUS, x + DOT_RADIUS, y + DOT_RADIUS], dot: true });
  }
  return { width: file.width, height: file.height, shapes, land: file.land.map(decodeRing) };
}

/** Even-odd rule on a flat ring. */
export function inRing(ring: number[], x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 2; i < ring.length; j = i, i += 2) {
    const xi = ring[i]!;
    const yi = ring[i + 1]!;
    const xj = ring[j]!;
    const yj = ring[j + 1]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

export function inShape(shape: Shape, x: number, y: number, slack = 0): boolean {
  const [x0, y0, x1, y1] = shape.box;
  if (x < x0 - slack || x > x1 + slack || y < y0 - slack || y > y1 + slack) return false;
  if (shape.dot) return Math.hypot(x - shape.at[0], y - shape.at[1]) <= DOT_RADIUS + slack;
  return shape.rings.filter((r) => inRing(r, x, y)).length % 2 === 1;
}

/**
 * The shape under (x, y) among `ids` (the countries in the game come first, so a small seat
 * wins over its neighbour), or among all shapes.
 */
export function shapeAt(shapes: Map<string, Shape>, x: number, y: number, preferred: string[] = [], slack = 0): Shape | undefined {
  for (const id of preferred) {
    const s = shapes.get(id);
    if (s && inShape(s, x, y, s.dot ? slack : 0)) return s;
  }
  for (const s of shapes.values()) if (!s.dot && inShape(s, x, y)) return s;
  return undefined;
}

/** A control point that bends an arc between two points (to the left of the direction of travel). */
export function arcControl(a: [number, number], b: [number, number], bend = 0.25): [number, number] {
  const mx = (a[0] + b[0]) / 2;
  const my = (a[1] + b[1]) / 2;
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  return [mx + dy * bend, my - dx * bend];
}

/** A point on a quadratic Bézier at t. */
export function bezier(a: [number, number], c: [number, number], b: [number, number], t: number): [number, number] {
  const u = 1 - t;
  return [u * u * a[0] + 2 * u * t * c[0] + t * t * b[0], u * u * a[1] + 2 * u * t * c[1] + t * t * b[1]];
}
