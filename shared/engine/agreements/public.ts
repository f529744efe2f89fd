/**
 * Public-information versions of the resolution's formulas, for bots valuing deals from
 * their view (PublicWorld) rather than the state. Each follows a step of docs/RULES.md.
 */
import type { Sector } from "../vocabulary.ts";
import type { PublicWorld } from "./kit.ts";
import { rawShortageOf } from "../world.ts";

export const isStrategic = (w: PublicWorld, s: Sector) => w.ctx.rules.production.strategicSectors.includes(s);

/** By the world's `shared` key (it reads the countries' public chokepoints only): each sector's top holder. */
const topHolders = new WeakMap<object, Map<Sector, string | undefined>>();

/** Of `countries`, the largest chokepoint holder of a sector (the first of equals): buying from it does not diversify. */
export function largestHolder(countries: Iterable<{ id: string; sectors: Record<Sector, { chokepoint: number }> }>, sector: Sector): string | undefined {
  let best: { id: string; sectors: Record<Sector, { chokepoint: number }> } | undefined;
  for (const c of countries) if (c.sectors[sector].chokepoint > (best?.sectors[sector].chokepoint ?? 0)) best = c;
  return best?.id;
}

/** `largestHolder` among the world's countries. */
export function topHolderOf(w: PublicWorld, sector: Sector): string | undefined {
  let bySector = topHolders.get(w.shared);
  if (!bySector) topHolders.set(w.shared, (bySector = new Map()));
  if (bySector.has(sector)) return bySector.get(sector);
  const top = largestHolder(w.view.countries, sector);
  bySector.set(sector, top);
  return top;
}

/** Shortage a restriction-hit country would suffer per round in a sector, before supply cover (`rawShortageOf` in a bot's world). */
export function rawShortage(w: PublicWorld, who: string, sector: Sector, holders: string[]): number {
  const cut = holders.reduce((s, h) => s + (w.byId.get(h)?.sectors[sector].chokepoint ?? 0), 0);
  return rawShortageOf(cut, w.byId.get(who)?.sectors[sector].chokepoint ?? 0);
}

/** Restrictions that will still bite `who` in `sector` in a later resolution. */
export function activeRestrictions(w: PublicWorld, who: string, sector: Sector) {
  return w.view.restrictions.filter((r) => r.sector === sector && r.on.includes(who) && r.untilRound >= w.round);
}

