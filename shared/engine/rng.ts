/**
 * Seeded random numbers (mulberry32). The generator's whole state is one 32-bit integer
 * kept in the game state, so a copy of the state carries its own future: replay and
 * preview draw exactly the numbers the live game drew.
 */

export function seedFrom(seed: number | string): number {
  // FNV-1a over the seed's text, so "42" and 42 give the same game.
  let h = 0x811c9dc5;
  for (const ch of String(seed)) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Advances `holder.rng` and returns a number in [0, 1). */
export function nextRandom(holder: { rng: number }): number {
  holder.rng = (holder.rng + 0x6d2b79f5) >>> 0;
  let t = holder.rng;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

export function randomInt(holder: { rng: number }, maxExclusive: number): number {
  return Math.floor(nextRandom(holder) * maxExclusive);
}

export function shuffle<T>(holder: { rng: number }, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(holder, i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
