/**
 * Two trees' negotiating bots in one process, in alternate batches after warming each, so the
 * machine's load weighs on both alike (docs/BALANCE.md, Speed: the bench moves by a third
 * between runs of the same code). TREE is a checkout of the code to compare (e.g. a folder that
 * `git archive <commit> | tar -x -C TREE` filled, with node_modules linked); this tree is the other.
 * The trees take turns going first each batch; the median of the batches' ratios is printed
 * beside the total's. Run it from both trees: the tree loaded second (this one) read slower in
 * every pair measured, by 0.6-10.5% (docs/BALANCE.md, Speed), so the two orders' geometric mean is the figure.
 *
 * `node_modules/.bin/node --import tsx tests/bench/bots-paired.ts TREE SCENARIO [warm-up games] [batches] [games a batch]`
 */
import { loadavg } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

type Side = { name: string; scenario: unknown; play: (setup: { scenario: never; settings: { seed: string } }, players: object) => unknown };

const [other, id, warmArg = "600", batchesArg = "10", sizeArg = "50"] = process.argv.slice(2);
if (!other || !id) throw new Error("usage: bots-paired.ts TREE SCENARIO [warm-up games] [batches] [games a batch]");
const here = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

async function load(tree: string, name: string): Promise<Side> {
  const scenarios = (await import(join(resolve(tree), "server/scenarios.ts"))) as { shippedScenarios(): Map<string, unknown> };
  const loop = (await import(join(resolve(tree), "shared/bots/game-loop.ts"))) as { playGame: Side["play"] };
  const scenario = scenarios.shippedScenarios().get(id!);
  if (!scenario) throw new Error(`no scenario ${id} in ${tree}`);
  return { name, scenario, play: loop.playGame };
}

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
function batch(side: Side, games: number, tag: string): number {
  const start = cpuMs();
  for (let i = 0; i < games; i++) side.play({ scenario: side.scenario as never, settings: { seed: `${tag}:${i}` } }, {});
  return cpuMs() - start;
}

const a = await load(other, "TREE");
const b = await load(here, "this tree");
const size = Number(sizeArg);
for (let i = 0; i < Number(warmArg) / size; i++) {
  batch(a, size, `warm-up${i}`);
  batch(b, size, `warm-up${i}`);
}
let ta = 0;
let tb = 0;
const ratios: number[] = [];
// The two trees take turns going first (ABBA), so neither gains from always following the other.
for (let r = 0; r < Number(batchesArg); r++) {
  let x: number, y: number;
  if (r % 2) (y = batch(b, size, `bench${r}`)), (x = batch(a, size, `bench${r}`));
  else (x = batch(a, size, `bench${r}`)), (y = batch(b, size, `bench${r}`));
  ta += x;
  tb += y;
  ratios.push(x / y);
}
const games = size * Number(batchesArg);
const median = ratios.sort((p, q) => p - q)[Math.floor(ratios.length / 2)]!;
console.log(
  `${id}: TREE ${(ta / games).toFixed(2)} ms a game, this tree ${(tb / games).toFixed(2)} ms (${(ta / tb).toFixed(3)} times as fast, median batch ${median.toFixed(3)}), load average ${loadavg()[0]!.toFixed(1)}`,
);
