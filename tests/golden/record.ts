/**
 * Records the golden action logs in this folder: short scripted games of classroom quick
 * start (and one seeded random game), each with the digest of its final state.
 *
 *   node_modules/.bin/node --import tsx tests/golden/record.ts
 *
 * Run it again only when a rule or the scenario changed on purpose, then read the diff of the
 * JSON files before committing: the digests are what the golden test holds the engine to.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { getScenario } from "../../server/scenarios.ts";
import { playGame } from "../../shared/bots/game-loop.ts";
import { apply, ActionSchema, createGame, type Action, type GameState, type Move, type Role, type Settings } from "../../shared/engine/index.ts";
import { digest } from "./digest.ts";
import { agreementById } from "../../shared/engine/world.ts";

const scenario = getScenario("classroom-quick")!;
const ALL: Role[] = ["diplomat", "regulator", "envoy"];

class Script {
  state: GameState;
  log: Action[] = [];
  constructor(readonly settings: Partial<Settings> & { seed: number | string }) {
    this.state = createGame({ scenario, settings });
  }
  do(actor: Action["actor"], move: Move) {
    const action = ActionSchema.parse({ actor, move });
    const r = apply(this.state, action);
    if (!r.ok) throw new Error(`${move.type} refused: ${r.error.code} ${r.error.text.key}`);
    this.state = r.state;
    this.log.push(action);
    return this;
  }
  seat(id: string, move: Move, roles: Role[] = ALL) {
    return this.do({ kind: "seat", seat: id, roles }, move);
  }
  fac(move: Move) {
    return this.do({ kind: "facilitator" }, move);
  }
  clock() {
    return this.do({ kind: "system" }, { type: "advance" });
  }
  /** The id the next proposal gets. */
  get next() {
    return `A${this.state.nextAgreement}`;
  }
  rev(id: string) {
    return agreementById(this.state, id)!.revision;
  }
}

function save(name: string, description: string, settings: Partial<Settings> & { seed: number | string }, log: Action[], state: GameState) {
  const file = join(import.meta.dirname, `${name}.json`);
  // One action a line, so a diff of the log reads like the game.
  const lines = [
    "{",
    `  "name": ${JSON.stringify(name)},`,
    `  "description": ${JSON.stringify(description)},`,
    `  "scenario": ${JSON.stringify(scenario.id)},`,
    `  "settings": ${JSON.stringify(settings)},`,
    `  "log": [\n${log.map((a) => `    ${JSON.stringify(a)}`).join(",\n")}\n  ],`,
    `  "expected": ${JSON.stringify(digest(state), null, 2).replace(/\n/g, "\n  ")}`,
    "}",
  ];
  writeFileSync(file, `${lines.join("\n")}\n`);
  console.log(`${file}: ${log.length} actions, round ${state.round}, ${state.phase}`);
}

// 1. A chip alliance: a harmonized regime, a friend-shored supply deal, competing loans, then a defection.
{
  const settings = { seed: "golden-chips", rounds: 3 };
  const g = new Script(settings);
  g.fac({ type: "start" }).clock();
  const regime = g.next;
  g.seat("US", { type: "propose", draft: { terms: { type: "export-control", sector: "semis", tier: "broad", target: "CN" }, parties: ["US", "NL", "JP"], duration: 3 } }, ["regulator"]);
  g.seat("NL", { type: "sign", agreementId: regime, revision: 1 }, ["regulator"]);
  g.seat("JP", { type: "sign", agreementId: regime, revision: 1 }, ["regulator"]);
  const chips = g.next;
  g.seat("IN", { type: "propose", draft: { terms: { type: "supply", suppliers: ["JP"], buyers: ["IN"], sector: "semis", volume: 3, price: 1, coInvest: 2 }, parties: [], duration: 3 } }, ["envoy"]);
  g.seat("JP", { type: "sign", agreementId: chips, revision: 1 }, ["envoy"]);
  g.seat("US", { type: "propose", draft: { terms: { type: "loan", lenders: ["US"], recipient: "KE", project: "cable", amount: 20, interest: 3, grace: 0, conditions: ["open-standards"] }, parties: [], duration: 3 } }, ["envoy"]);
  g.seat("CN", { type: "propose", draft: { terms: { type: "loan", lenders: ["CN"], recipient: "KE", project: "cable", amount: 24, interest: 6, grace: 1, conditions: [] }, parties: [], duration: 4 } }, ["envoy"]);
  g.seat("CN", { type: "propose", draft: { terms: { type: "loan", lenders: ["CN"], recipient: "VN", project: "5g", amount: 15, interest: 5, grace: 0, conditions: [] }, parties: [], duration: 3 } }, ["envoy"]);
  g.seat("ID", { type: "chat", channel: "plenary", text: "Indonesia welcomes offers for a power grid." });
  g.clock(); // resolution of round 1
  g.clock().clock(); // review → event → negotiation of round 2
  const minerals = g.next;
  g.seat("JP", { type: "propose", draft: { terms: { type: "supply", suppliers: ["ID"], buyers: ["JP"], sector: "minerals", volume: 4, price: 1, coInvest: 0 }, parties: [], duration: 2 } });
  g.seat("ID", { type: "sign", agreementId: minerals, revision: 1 });
  g.seat("NL", { type: "withdraw", agreementId: regime }, ["regulator"]);
  g.clock().clock().clock(); // resolve round 2, on to round 3's negotiation
  const grid = g.next;
  g.seat("JP", { type: "propose", draft: { terms: { type: "loan", lenders: ["JP", "US"], recipient: "ID", project: "grid", amount: 16, interest: 2, grace: 0, conditions: ["local-jobs"] }, parties: [], duration: 3 } });
  g.seat("US", { type: "sign", agreementId: grid, revision: 1 });
  g.seat("ID", { type: "sign", agreementId: grid, revision: 1 });
  g.clock().clock(); // resolve round 3, and the game ends
  save("chip-alliance", "Three rounds: a US–Netherlands–Japan chip regime (the Netherlands leaves it), a Japan–India chip deal, competing US and Chinese loans for Kenya's cable, a minerals deal and a grid for Indonesia.", settings, g.log, g.state);
}

// 2. Negotiation in detail: amend, stale answers refused (not logged), decline, standards, R&D, alignment, a custom card, an early end.
{
  const settings = { seed: 77, teams: true, facilitatorReadsPrivate: true };
  const g = new Script(settings);
  g.fac({ type: "start" }).clock();
  g.seat("US", { type: "open-channel", members: ["JP"] });
  g.seat("JP", { type: "chat", channel: "ch:JP+US", text: "Open RAN together?" }, ["diplomat"]);
  const six = g.next;
  g.seat("US", { type: "propose", draft: { terms: { type: "standards", technology: "6g", option: "open-6g" }, parties: ["US", "JP"], duration: 2 } }, ["diplomat"]);
  g.seat("JP", { type: "amend", agreementId: six, revision: 1, draft: { terms: { type: "standards", technology: "6g", option: "open-6g" }, parties: ["US", "JP", "IN"], duration: 3 } }, ["diplomat"]);
  g.seat("US", { type: "sign", agreementId: six, revision: g.rev(six) }, ["diplomat"]);
  g.seat("IN", { type: "decline", agreementId: six, revision: g.rev(six) }, ["diplomat"]);
  const six2 = g.next;
  g.seat("US", { type: "propose", draft: { terms: { type: "standards", technology: "6g", option: "open-6g" }, parties: ["US", "JP"], duration: 3 } }, ["diplomat"]);
  g.seat("JP", { type: "sign", agreementId: six2, revision: 1 }, ["diplomat"]);
  const rival6 = g.next;
  g.seat("CN", { type: "propose", draft: { terms: { type: "standards", technology: "6g", option: "integrated-6g" }, parties: ["CN", "IN", "ID"], duration: 3 } }, ["diplomat"]);
  g.seat("IN", { type: "sign", agreementId: rival6, revision: 1 }, ["diplomat"]);
  g.seat("ID", { type: "sign", agreementId: rival6, revision: 1 }, ["diplomat"]);
  const rnd = g.next;
  g.seat("NL", { type: "propose", draft: { terms: { type: "rnd", sector: "semis", contribution: 6 }, parties: ["NL", "US"], duration: 2 } }, ["envoy"]);
  g.seat("US", { type: "sign", agreementId: rnd, revision: 1 }, ["envoy"]);
  const statement = g.next;
  g.seat("JP", { type: "propose", draft: { terms: { type: "alignment", clauses: ["supply-chain-risk", "secure-infrastructure"], target: "CN" }, parties: ["JP", "US", "NL"], duration: 2 } }, ["diplomat"]);
  g.seat("US", { type: "sign", agreementId: statement, revision: 1 }, ["diplomat"]);
  g.seat("NL", { type: "sign", agreementId: statement, revision: 1 }, ["diplomat"]);
  g.seat("CN", { type: "ready", ready: true });
  g.clock();
  g.clock().clock();
  g.fac({ type: "custom-event", title: "Summit in Geneva", text: "Leaders agree to talk.", effects: [{ kind: "table", metric: "tension", amount: -5 }, { kind: "metric", target: "seats", metric: "trust", amount: 2 }] });
  g.fac({ type: "broadcast", text: "Ten minutes left." });
  const screen = g.next;
  g.seat("US", { type: "propose", draft: { terms: { type: "screening" }, parties: ["US", "JP", "NL"], duration: 2 } }, ["regulator"]);
  g.seat("JP", { type: "sign", agreementId: screen, revision: 1 }, ["regulator"]);
  g.seat("NL", { type: "sign", agreementId: screen, revision: 1 }, ["regulator"]);
  g.clock();
  g.fac({ type: "end-game" });
  save("negotiation", "Two rounds with teams: an amended and declined 6G coalition, rival 6G coalitions, joint chip R&D, an alignment statement, a facilitator's card and broadcast, a screening pact, and an early end by the facilitator.", settings, g.log, g.state);
}

// 3. A whole random game: the random legal-action player in every seat.
{
  const settings = { seed: "golden-random" };
  const game = playGame({ scenario, settings }, {}, { others: { kind: "random" }, movesPerSeat: 3 });
  save("random-game", "A whole game of classroom quick start played by the random legal-action player in every seat (3 turns a seat a round).", settings, game.log, game.state);
}
