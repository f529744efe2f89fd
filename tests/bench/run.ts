/**
 * `npm run bench`: bot-only games per second for each shipped scenario, on one core (a
 * benchmark, not a test). Two kinds of table: the negotiating bots (the scenario's own
 * personalities) and the random legal-action player (issue 2's simple bots), whose speed is
 * the engine's alone. Then players per process with one and two game processes (./scale.ts).
 * Options: --seconds S per measurement (default 3), --scenario ID, --only bots,scale, --quick.
 */
import { parseArgs } from "node:util";
import { playGame } from "../../shared/bots/play.ts";
import { randomSeatAction } from "../../shared/bots/random-bot.ts";
import { playBotGame } from "../../shared/bots/self-play.ts";
import { shippedScenarios } from "../../server/scenarios.ts";
import type { Scenario } from "../../shared/scenario/schema.ts";

const { values } = parseArgs({ options: { seconds: { type: "string", default: "3" }, scenario: { type: "string" }, only: { type: "string" }, quick: { type: "boolean", default: false } } });
const seconds = Number(values.seconds);

function measure(play: (seed: string) => void): { games: number; perSecond: number; msPerGame: number } {
  play("warm-up");
  const start = performance.now();
  let games = 0;
  while (performance.now() - start < seconds * 1000) play(`bench:${games++}`);
  const ms = performance.now() - start;
  return { games, perSecond: (games * 1000) / ms, msPerGame: ms / games };
}

const bots = (scenario: Scenario) => (seed: string) => {
  playBotGame({ scenario, settings: { seed } }, {});
};
const random = (scenario: Scenario) => (seed: string) => {
  playGame({ scenario, settings: { seed } }, randomSeatAction, 4);
};

console.log(`Bot-only games per second, one core, ${seconds} s per measurement (node ${process.version})`);
console.log("scenario               seats  negotiating bots         random legal-action player");
for (const [id, scenario] of values.only && !values.only.split(",").includes("bots") ? [] : shippedScenarios()) {
  if (values.scenario && values.scenario !== id) continue;
  const seats = scenario.countries.filter((c) => c.control === "seat").length;
  const b = measure(bots(scenario));
  const r = measure(random(scenario));
  const fmt = (x: ReturnType<typeof measure>) => `${x.perSecond.toFixed(1).padStart(7)}/s (${x.msPerGame.toFixed(1)} ms)`.padEnd(25);
  console.log(`${id.padEnd(22)} ${String(seats).padStart(5)}  ${fmt(b)}${fmt(r)}`);
}

// ---- Past one process (docs/DEPLOY.md) ---------------------------------------------------
if (!values.only || values.only.split(",").includes("scale")) {
  const { scaleFigures } = await import("./scale.ts");
  console.log("\nPlayers per process at p99 ≤ 100 ms, one and two processes on Redis + PostgreSQL (rooms of 6, 1 request/s each)");
  const f = await scaleFigures({ quick: !!values.quick, log: (line) => console.log(line) });
  console.log(`one process: ${f.perProcessOne} players; two processes: ${f.perProcessTwo} players per process (${f.perProcessTwo * 2} in all); ratio ${f.ratio.toFixed(2)}`);
}
