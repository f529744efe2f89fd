/** The world map the board draws: Natural Earth countries, precomputed by client/tools/build-map.ts. */
import worldFile from "../../assets/map/world.json";
import type { BoardCountry } from "../model/board.ts";
import { decodeMap, type MapFile, type Shape } from "../model/map-geo.ts";

export const MAP = decodeMap(worldFile as unknown as MapFile);

/** The shape of the country a seat or partner (`id`) stands for. */
export function shapeOf(countries: readonly BoardCountry[], id: string | undefined): Shape | undefined {
  const iso = id ? countries.find((c) => c.id === id)?.iso : undefined;
  return iso ? MAP.shapes.get(iso) : undefined;
}

/** Where the board anchors a country's marks (its label, arcs, fences, projects). */
export function anchorOf(countries: readonly BoardCountry[], id: string): [number, number] | undefined {
  const s = shapeOf(countries, id);
  return s ? [s.at[0], s.at[1]] : undefined;
}
