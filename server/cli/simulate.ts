/**
 * `npm run simulate -- --scenario ID [--seed N] [--games K] [--mix MIX] [--json]`
 *
 * Plays whole games headless and prints the outcome; the same arguments print the same result.
 * Without --mix the seats are played by the random legal-action player; with --mix by
 * the bots that negotiate by national interest, and the output is the balance lab's report
 * (cooperative | selfish | mixed | scenario | random | PATTERN; see shared/bots/balance.ts).
 * --scenario also takes the path of a scenario file. --no-counterfactuals skips the replays that
 * measure what defection paid. --reasons (with --games 1 and a mix) prints every bot decision.
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { checkMix, formatReport, playersFor, playLabGame, report, runLab, type GameRecord } from "../../shared/bots/balance.ts";
import { playGame, type SeatPlayer } from "../../shared/bots/game-loop.ts";
import { loadScenario } from "../../shared/scenario/validate.ts";
import type { Scenario } from "../../shared/scenario/schema.ts";
import { getScenario, shippedScenarios } from "../scenarios.ts";
import { englishWords } from "../debrief/words.ts";

const usage = "usage: npm run simulate -- --scenario ID|FILE [--seed N] [--games K] [--mix cooperative|selfish|mixed|scenario|random|PATTERN] [--json] [--no-counterfactuals] [--reasons]";

function fail(message: string): never {
  console.error(message);
  console.error(usage);
  process.exit(2);
}

let args;
try {
  args = parseArgs({
    options: {
      scenario: { type: "string" },
      seed: { type: "string", default: "1" },
      games: { type: "string", default: "1" },
      mix: { type: "string" },
      json: { type: "boolean", default: false },
      "no-counterfactuals": { type: "boolean", default: false },
      reasons: { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
    strict: true,
  }).values;
} catch (err) {
  fail((err as Error).message);
}
if (args.help) {
  console.log(usage);
  process.exit(0);
}
if (!args.scenario) fail(`--scenario is required (shipped: ${[...shippedScenarios().keys()].join(", ")})`);

let scenario: Scenario | undefined = getScenario(args.scenario);
if (!scenario && args.scenario.endsWith(".json")) {
  try {
    scenario = loadScenario(readFileSync(args.scenario, "utf8"), englishWords().render);
  } catch (err) {
    fail(`${args.scenario}: ${(err as Error).message}`);
  }
}
if (!scenario) fail(`unknown scenario "${args.scenario}" (shipped: ${[...shippedScenarios().keys()].join(", ")})`);

const games = Number(args.games);
if (!Number.isInteger(games) || games < 1 || games > 100000) fail("--games must be a whole number from 1 to 100000");
const seed = /^-?\d+$/.test(args.seed) ? Number(args.seed) : args.seed;
const mix = args.mix ?? "random";
const mixError = checkMix(scenario, mix);
if (mixError) fail(`--mix: ${mixError}`);

const progress = (done: number) => {
  if (!args.json && process.stderr.isTTY && (done % 10 === 0 || done === games)) process.stderr.write(`\r${done}/${games} games`);
};

if (args.reasons && args.mix && args.mix !== "random") {
  // One game, every bot decision with its reason.
  const s = scenario;
  const seatsOf = s.countries.filter((c) => c.control === "seat").map((c) => c.id);
  const players: Record<string, SeatPlayer> = {};
  const kinds = playersFor(s, mix, `${seed}:0`);
  for (const id of seatsOf) {
    const k = kinds[id]!;
    players[id] = k.kind === "random" ? { kind: "random" } : { kind: "bot", options: { ...(k.personality ? { personality: k.personality } : {}), ...(k.strategy ? { strategy: k.strategy } : {}) } };
  }
  const game = playGame({ scenario: s, settings: { seed: `${seed}:0` } }, players, { reasons: true });
  if (args.json) console.log(JSON.stringify(game.decisions, null, 2));
  else {
    const words = englishWords(s);
    for (const d of game.decisions) {
      const why = d.reason ?? d.said;
      console.log(`round ${d.round}  ${d.seat.padEnd(4)} ${d.move.padEnd(8)} ${why ? words.render(why) : ""}`);
    }
  }
}

if (!args.mix) {
  // Whole games with the random legal-action player, one line each.
  const records: GameRecord[] = [];
  for (let i = 0; i < games; i++) {
    records.push(playLabGame(scenario, "random", games === 1 ? String(seed) : `${seed}:${i}`));
    progress(i + 1);
  }
  if (process.stderr.isTTY && !args.json) process.stderr.write("\n");
  const summary = report(scenario, "random", { games, seed, mix: "random" }, records, [], []);
  if (args.json) {
    console.log(JSON.stringify({ scenario: scenario.id, seed, games: records, summary }, null, 2));
  } else {
    for (const r of records) {
      const ranking = Object.entries(r.totals)
        .sort((a, b) => b[1] - a[1])
        .map(([id, t]) => `${id} ${t}`)
        .join(", ");
      console.log(`game ${r.seed}: table target ${r.met ? "MET" : "missed"}${r.crisis ? " (crisis)" : ""} after ${r.rounds} rounds, ${r.actions} actions; scores ${ranking}`);
    }
    if (games > 1) {
      console.log("");
      console.log(formatReport(summary));
    }
  }
} else {
  const result = runLab(scenario, { games, mix, seed, counterfactuals: !args["no-counterfactuals"] }, progress);
  if (process.stderr.isTTY && !args.json) process.stderr.write("\n");
  console.log(args.json ? JSON.stringify(result, null, 2) : formatReport(result));
}
