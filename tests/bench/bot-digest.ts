/**
 * A digest of what bots decide: plays `--games` seeds (default 100) of every shipped scenario
 * with the scenarios' bots, selfish bots, and selfish bots among random players (who leave
 * deals), and prints one hash per scenario and table of the action logs, the reasons given and
 * the final scores. Work that only makes the bots cheaper (docs/BALANCE.md, Speed) must leave
 * every hash as it was: run it on the code before and after. `--moves` leaves the reasons out:
 * a change to what bots say (not to what they do) keeps those hashes: with it, a chat line's words
 * (`said`) are left out too, not the line itself. A chat line's draft (the terms its words invite
 * the reader to propose, shared/bots/talk.ts) is left out: its words say it.
 *
 * `--deal-order` names each deal by its place in the order proposed (#1, #2, …) wherever its id
 * appears, so a change to how ids are spelled (shared/engine/deal-ids.ts) can be checked to leave
 * every decision as it was: run it with the option on the code before and after.
 *
 * `--edition N` plays the games under that rules edition (shared/engine/deal-ids.ts; a setup without
 * one is edition 1, counted deal ids): `--deal-order --edition 2` against `--deal-order` on edition 1
 * checks that drawn ids leave every decision as counted ones did.
 *
 * `node_modules/.bin/node --import tsx tests/bench/bot-digest.ts [--games N] [--only id,id] [--moves] [--deal-order] [--edition N]`
 */
import { createHash } from "node:crypto";
import { parseArgs } from "node:util";
import { shippedScenarios } from "../../server/scenarios.ts";
import { playGame, type SeatPlayer } from "../../shared/bots/game-loop.ts";
import { seatIds, createGame } from "../../shared/engine/setup.ts";

const { values } = parseArgs({ options: { games: { type: "string" }, only: { type: "string" }, moves: { type: "boolean" }, "deal-order": { type: "boolean" }, edition: { type: "string" } } });
const noReasons = function (this: Record<string, unknown>, k: string, v: unknown) {
  const chatLine = this.type === "chat" || this.move === "chat";
  return (values.moves && (k === "reason" || (k === "said" && chatLine))) || (k === "draft" && this.type === "chat") ? undefined : v;
};
const games = Number(values.games ?? 100);
const only = values.only ? new Set(values.only.split(",")) : undefined;

type Table = { name: string; players: (seats: string[]) => Record<string, SeatPlayer>; others?: SeatPlayer };
const TABLES: Table[] = [
  { name: "scenario bots", players: () => ({}) },
  { name: "selfish bots", players: () => ({}), others: { kind: "bot", options: { strategy: "selfish" } } },
  {
    name: "selfish among random",
    players: (seats) => Object.fromEntries(seats.map((s, i) => [s, i % 2 ? { kind: "random" } : { kind: "bot", options: { strategy: "selfish" } }])),
  },
];

for (const [id, scenario] of shippedScenarios()) {
  if (only && !only.has(id)) continue;
  for (const table of TABLES) {
    const hash = createHash("sha256");
    const start = performance.now();
    for (let g = 0; g < games; g++) {
      const setup = { scenario, settings: { seed: `digest:${g}`, ...(values.edition ? { edition: Number(values.edition) } : {}) } };
      const seats = seatIds(createGame(setup));
      const played = playGame(setup, table.players(seats), { reasons: true, ...(table.others ? { others: table.others } : {}) });
      const ids = played.state.agreements.map((a) => a.id);
      const byOrder = new Map(ids.map((x, i) => [x, `#${i + 1}`]));
      const idWords = values["deal-order"] && ids.length ? new RegExp(`\\b(${ids.join("|")})\\b`, "g") : undefined;
      const inOrder = (json: string) => (idWords ? json.replace(idWords, (x) => byOrder.get(x)!) : json);
      hash.update(inOrder(JSON.stringify(played.log, noReasons)));
      hash.update(inOrder(JSON.stringify(played.decisions, noReasons)));
      hash.update(inOrder(JSON.stringify([played.refused, played.botRefused, played.state.countries, played.state.agreements.map((a) => [a.id, a.status])])));
    }
    console.log(`${id.padEnd(16)} ${table.name.padEnd(21)} ${hash.digest("hex").slice(0, 16)}  (${games} games, ${((performance.now() - start) / 1000).toFixed(1)} s)`);
  }
}
