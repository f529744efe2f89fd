/**
 * Projects Natural Earth country shapes (world-atlas, 1:110m) once into a small JSON file the
 * board draws directly: integer coordinates in a fixed plane, delta-encoded rings, one
 * label point per country, and a dot for the small states the 1:110m file leaves out
 * (their position from the 1:50m file). Run: node --import tsx client/tools/build-map.ts
 */
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { geoCentroid, geoNaturalEarth1, geoPath, type GeoPermissibleObjects } from "d3-geo";
import { feature } from "topojson-client";
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Polygon } from "geojson";
import type { Topology, GeometryCollection } from "topojson-specification";

const require = createRequire(import.meta.url);
const atlas = (name: string) => JSON.parse(readFileSync(require.resolve(`world-atlas/${name}`), "utf8")) as Topology;

const WIDTH = 2000;
const ANTARCTICA = "010";

type Props = { name: string };
const countriesOf = (topo: Topology) => feature(topo, topo.objects.countries as GeometryCollection<Props>) as FeatureCollection<Geometry, Props>;

const coarse = countriesOf(atlas("countries-110m.json")).features.filter((f) => f.id !== ANTARCTICA);
const fine = countriesOf(atlas("countries-50m.json")).features;

const projection = geoNaturalEarth1().fitWidth(WIDTH, { type: "FeatureCollection", features: coarse } as GeoPermissibleObjects);
const path = geoPath(projection);
const [[, y0], [, y1]] = path.bounds({ type: "FeatureCollection", features: coarse } as GeoPermissibleObjects);
projection.translate([projection.translate()[0], projection.translate()[1] - y0]);
const height = Math.ceil(y1 - y0);

/**
 * A country's rings in the projected plane, through d3's projection stream so that shapes
 * crossing the antimeridian (Fiji, Chukotka) are cut properly instead of drawing a line
 * across the world. Each ring is [x0, y0, dx1, dy1, ...] in whole units; holes are rings
 * too (the client fills and hit-tests with the even-odd rule).
 */
function ringsOf(f: Feature<Geometry>): number[][] {
  const rings: number[][] = [];
  let ring: number[] = [];
  let px = 0;
  let py = 0;
  const point = (x: number, y: number) => {
    const rx = Math.round(x);
    const ry = Math.round(y);
    if (ring.length && rx === px && ry === py) return;
    ring.push(ring.length ? rx - px : rx, ring.length ? ry - py : ry);
    px = rx;
    py = ry;
  };
  const end = () => {
    if (ring.length >= 6) rings.push(ring);
    ring = [];
  };
  const context = {
    beginPath() {},
    moveTo(x: number, y: number) {
      end();
      point(x, y);
    },
    lineTo: point,
    closePath: end,
    arc() {},
  };
  geoPath(projection, context as unknown as CanvasRenderingContext2D)(f as GeoPermissibleObjects);
  end();
  return rings;
}

/** The label point: the centroid of the largest polygon (France's is in France, not the Atlantic). */
function labelPoint(f: Feature<Geometry>): [number, number] {
  const g = f.geometry;
  let target: Geometry = g;
  if (g.type === "MultiPolygon") {
    let best = -1;
    for (const coords of (g as MultiPolygon).coordinates) {
      const poly: Polygon = { type: "Polygon", coordinates: coords };
      const area = path.area(poly);
      if (area > best) {
        best = area;
        target = poly;
      }
    }
  }
  const p = projection(geoCentroid(target as GeoPermissibleObjects))!;
  return [Math.round(p[0]), Math.round(p[1])];
}

const seen = new Set<string>();
const countries = [];
for (const f of coarse) {
  if (f.id === undefined) continue; // disputed areas without an ISO code (drawn as land below)
  seen.add(String(f.id));
  countries.push({ id: String(f.id), name: f.properties.name, at: labelPoint(f), rings: ringsOf(f) });
}
const unnamed = coarse.filter((f) => f.id === undefined).flatMap(ringsOf);
const dots = fine
  .filter((f) => f.id !== undefined && !seen.has(String(f.id)))
  .map((f) => ({ id: String(f.id), name: f.properties.name, at: labelPoint(f) }));

const out = {
  source: "Natural Earth 1:110m (1:50m for small states) via world-atlas 2, Natural Earth projection",
  width: WIDTH,
  height,
  countries,
  land: unnamed,
  dots,
};
const file = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "assets", "map", "world.json");
writeFileSync(file, JSON.stringify(out));
console.log(`${file}: ${countries.length} countries, ${dots.length} dots, ${height}px high, ${(JSON.stringify(out).length / 1024).toFixed(0)} KB`);
