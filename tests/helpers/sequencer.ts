/**
 * The order vitest starts the files in (vitest.config.ts, `sequence.sequencer`).
 *
 * vitest's own order runs the projects of one group one after the other (by name), so the pure
 * files and the servers' files, which share a group, would still take turns. Here the servers'
 * files are spread evenly among the pure ones instead: a server file spends most of its time
 * waiting on the server's clocks and sockets, and a pure file only computes, so files of both
 * kinds side by side keep the 2 cores busy where two server files alone leave them half idle
 * (docs/ARCHITECTURE.md, "How long the suite runs"). Within each project the order is vitest's
 * (files that failed last time first, then the longest, or the largest when not yet timed), so
 * the slowest of both start early instead of making a tail.
 */
import { BaseSequencer, type TestSpecification } from "vitest/node";

/** The projects whose files are mixed (their group in vitest.config.ts). */
export const MIXED = ["pure", "servers"] as const;

/** `rest` spread evenly through `base`, each keeping its order, the first of `rest` first: [r, b, b, r, b, b, ...]. */
export function spread<T>(base: T[], rest: T[]): T[] {
  if (base.length === 0 || rest.length === 0) return [...base, ...rest];
  const out: T[] = [];
  let r = 0;
  for (let b = 0; b < base.length; b++) {
    // Before base item b, the rest items due by then: their share of the order so far.
    while (r < rest.length && r * base.length <= b * rest.length) out.push(rest[r++]!);
    out.push(base[b]!);
  }
  while (r < rest.length) out.push(rest[r++]!);
  return out;
}

export default class SuiteSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const [pure, servers] = MIXED.map((name) => sorted.filter((f) => f.project.name === name));
    if (!pure!.length || !servers!.length) return sorted;
    const mixed = spread(pure!, servers!);
    // The mixed files keep the place of the first of them (their group comes first); the others follow in vitest's order.
    const first = sorted.findIndex((f) => (MIXED as readonly string[]).includes(f.project.name));
    const others = sorted.filter((f) => !(MIXED as readonly string[]).includes(f.project.name));
    return [...others.slice(0, first), ...mixed, ...others.slice(first)];
  }
}
