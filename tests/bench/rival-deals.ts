/**
 * Deals in which a seat of the alliance bloc supplies the rival bloc (Alliance 2021: China, the
 * automated rival, signs supply deals and joint R&D, docs/RULES.md §7; played by a person or a
 * bot with `--red-cell`, and a seat in the classroom game and Multipolar 2024): plays `--games` seeds
 * (default 30, `digest:<i>` as tests/bench/bot-digest.ts) with the scenario's bots and, with
 * `--mix mixed`, with each seat drawing a personality (shared/bots/balance.ts `playersFor`), and
 * counts, by the personality of the alliance seat, the offers it proposed and the deals it signed
 * that sell the rival a sector's goods (a supply deal with the seat among the suppliers and a
 * rival-bloc country among the buyers) or share research with it (joint R&D with a rival-bloc
 * member), and how many took force; then the same for the rival bloc's seats supplying the
 * alliance. `--examples N` prints that many of the first with the reasons the bots gave.
 *
 * `node_modules/.bin/node --import tsx tests/bench/rival-deals.ts [--games N] [--mix scenario|mixed|PATTERN] [--scenario ID] [--examples N [--examples-of PERSONALITY]] [--red-cell]`
 */
import { parseArgs } from "node:util";
import { getScenario } from "../../server/scenarios.ts";
import { playGame, type SeatPlayer } from "../../shared/bots/game-loop.ts";
import { playersFor } from "../../shared/bots/balance.ts";
import { en } from "../../client/i18n/en.ts";
import { scenarioNames, translator } from "../../client/i18n/translator.ts";
import { withRedCell } from "../../shared/scenario/red-cell.ts";
import type { Agreement } from "../../shared/engine/types.ts";

const { values } = parseArgs({ options: { games: { type: "string" }, mix: { type: "string" }, scenario: { type: "string" }, examples: { type: "string" }, "examples-of": { type: "string" }, "red-cell": { type: "boolean" } } });
const games = Number(values.games ?? 30);
const mix = values.mix ?? "scenario";
const shipped = getScenario(values.scenario ?? "alliance-2021")!;
const scenario = values["red-cell"] ? withRedCell(shipped) : shipped;
const examples = Number(values.examples ?? 0);
const say = translator(en, "en", scenarioNames(scenario));
const blocOf = new Map(scenario.countries.map((c) => [c.id, c.bloc]));

/**
 * The seats of `from` the deal has selling to, or researching with, a country of bloc `to`: a
 * supply deal with the seat among the suppliers and a country of `to` among the buyers, or joint
 * R&D with both.
 */
function sellers(a: Pick<Agreement, "terms" | "parties">, from: string, to: string): string[] {
  const t = a.terms;
  const of = (ids: string[], bloc: string) => ids.filter((x) => blocOf.get(x) === bloc);
  if (t.type === "supply") return of(t.buyers, to).length ? of(t.suppliers, from) : [];
  if (t.type === "rnd") return of(a.parties, to).length ? of(a.parties, from) : [];
  return [];
}

type Count = { seats: number; proposed: number; signed: number; inForce: number };
/** Alliance seats supplying the rival bloc (the first table), and rival seats supplying the alliance (the second). */
const DIRECTIONS = [["alliance", "rival"], ["rival", "alliance"]] as const;
const counts = DIRECTIONS.map(() => new Map<string, Count>());
const count = (d: number, p: string) => {
  let c = counts[d]!.get(p);
  if (!c) counts[d]!.set(p, (c = { seats: 0, proposed: 0, signed: 0, inForce: 0 }));
  return c;
};
const shown: string[] = [];
for (let g = 0; g < games; g++) {
  const seed = `digest:${g}`;
  const kinds = playersFor(scenario, mix, seed);
  const players: Record<string, SeatPlayer> = {};
  const personality = new Map<string, string>();
  for (const [seat, k] of Object.entries(kinds)) {
    players[seat] = k.kind === "random" ? k : { kind: "bot", options: { ...(k.personality ? { personality: k.personality } : {}), ...(k.strategy ? { strategy: k.strategy } : {}) } };
    const base = scenario.countries.find((c) => c.id === seat)!.personality ?? "pragmatist";
    personality.set(seat, k.kind === "random" ? "random" : `${k.personality ?? base}${k.strategy ? `+${k.strategy}` : ""}`);
    DIRECTIONS.forEach(([from], d) => {
      if (blocOf.get(seat) === from) count(d, personality.get(seat)!).seats++;
    });
  }
  const played = playGame({ scenario, settings: { seed } }, players, { reasons: true });
  for (const a of played.state.agreements) for (const [d, [from, to]] of DIRECTIONS.entries()) {
    for (const seat of sellers(a, from, to)) {
      if (!personality.has(seat)) continue;
      const c = count(d, personality.get(seat)!);
      const proposedBy = a.proposedBy === seat;
      const signed = a.signatures.includes(seat) || a.steps.some((s) => s.what === "signed" && s.by === seat);
      if (proposedBy) c.proposed++;
      if (signed) c.signed++;
      if (a.steps.some((s) => s.what === "in-force") && !(a.left ?? []).includes(seat)) c.inForce++;
      if (d === 0 && shown.length < examples && (proposedBy || signed) && (!values["examples-of"] || personality.get(seat)!.startsWith(values["examples-of"]))) {
        const why = a.steps.filter((s) => s.by === seat && s.reason).map((s) => `    ${s.what} (round ${s.round}): ${(typeof s.reason === "string" ? s.reason : say.render(s.reason!))}`);
        shown.push(`${seed} ${a.id} ${a.type} ${JSON.stringify(a.terms)} parties ${a.parties.join(",")} status ${a.status}; ${seat} (${personality.get(seat)})\n${why.join("\n")}`);
      }
    }
  }
}
console.log(`${scenario.id}${values["red-cell"] ? " (red cell)" : ""}, ${mix} tables, ${games} games`);
DIRECTIONS.forEach(([from, to], d) => {
  console.log(`seats of the ${from} bloc selling to or researching with the ${to} bloc, by personality (per 10 seat-games)`);
  console.log("personality            seats  proposed  signed  in force");
  for (const [p, c] of [...counts[d]!].sort()) {
    const per = (x: number) => (c.seats ? ((10 * x) / c.seats).toFixed(2) : "-");
    console.log(`${p.padEnd(22)} ${String(c.seats).padStart(5)}  ${`${c.proposed} (${per(c.proposed)})`.padStart(12)}  ${`${c.signed} (${per(c.signed)})`.padStart(12)}  ${`${c.inForce} (${per(c.inForce)})`.padStart(12)}`);
  }
});
if (shown.length) console.log(`\n${shown.join("\n\n")}`);
