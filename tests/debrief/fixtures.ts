/**
 * Games for the debrief tests, built with the engine (createGame/apply): a scripted classroom
 * game that exercises every part of the report — an inject, a scheduled inject, matrix actions
 * with rulings, and agreements that are amended, signed, declined, lapse, expire (kept) and are
 * broken, with bots' one-line reasons — then random legal moves to fill the rounds.
 */
import { getScenario } from "../../server/scenarios.ts";
import type { GameStore, DebriefStore } from "../../server/storage/store.ts";
import { randomSeatAction } from "../../shared/bots/random-bot.ts";
import { apply, createGame, DraftSchema, ROLES, seedFrom, type Action, type DraftInput, type GameState, type Move, type Setup } from "../../shared/engine/index.ts";
import type { GameSettings } from "../../shared/protocol/messages.ts";
import type { Scenario } from "../../shared/scenario/schema.ts";
import { agreementById } from "../../shared/engine/world.ts";

export const SEAT = (seat: string) => ({ kind: "seat" as const, seat, roles: [...ROLES] });
export const FACILITATOR = { kind: "facilitator" as const };
export const SYSTEM = { kind: "system" as const };

export function classroom(): Scenario {
  const s = getScenario("classroom-quick");
  if (!s) throw new Error("classroom-quick scenario missing");
  return s;
}

/** Settings as POST /api/games stores them. */
export const SETTINGS: GameSettings = { bots: true, teams: false, facilitatorReadsPrivate: true, channels: "open", quickStart: false, reconnectSeconds: 120 };

export class Recorder {
  state: GameState;
  log: Action[] = [];
  constructor(public setup: Setup) {
    this.state = createGame(setup);
  }
  act(actor: Action["actor"], move: Move, reason?: string): GameState {
    const action: Action = { actor, move, ...(reason ? { reason } : {}) };
    const r = apply(this.state, action);
    if (!r.ok) throw new Error(`refused ${move.type}: ${r.error.code} ${r.error.text.key}`);
    this.state = r.state;
    this.log.push(action);
    return this.state;
  }
  /** Tries an action; keeps it when accepted. */
  try(action: Action): boolean {
    const r = apply(this.state, action);
    if (!r.ok) return false;
    this.state = r.state;
    this.log.push(action);
    return true;
  }
  propose(by: string, draft: DraftInput, reason?: string): string {
    const id = `A${this.state.nextAgreement}`;
    this.act(SEAT(by), { type: "propose", draft: DraftSchema.parse(draft) }, reason);
    return id;
  }
  sign(by: string, id: string, reason?: string) {
    this.act(SEAT(by), { type: "sign", agreementId: id, revision: agreementById(this.state, id)!.revision }, reason);
  }
  advance() {
    this.act(SYSTEM, { type: "advance" });
  }
  /** A few random legal moves for every seat (chat, offers, answers). */
  noise(turns: number, seed: string) {
    const rng = { rng: seedFrom(seed) };
    const seats = this.state.scenario.countries.filter((c) => c.control === "seat").map((c) => c.id);
    for (let t = 0; t < turns && this.state.phase === "negotiation"; t++)
      for (const seat of seats) {
        const a = randomSeatAction(this.state, seat, rng);
        if (a && a.move.type !== "ready" && a.move.type !== "withdraw") this.try({ ...a, reason: `random move ${t}` });
      }
  }
}

export const INJECT = {
  title: "Port strike",
  text: "Dockworkers strike at the main chip port.",
  effects: [
    { kind: "metric" as const, target: "US", metric: "prosperity" as const, amount: -6 },
    { kind: "table" as const, metric: "tension" as const, amount: 4 },
  ],
};
export const RULING_EFFECTS = [{ kind: "metric" as const, target: "ID", metric: "influence" as const, amount: 5 }];

/** The scripted classroom game, played to its end (4 rounds) unless `stopAfterRound` is given. */
export function scriptedGame(options: { seed?: number | string; noise?: boolean; stopAfterRound?: number; facilitatorReadsPrivate?: boolean; teams?: boolean } = {}): Recorder {
  const settings = { ...SETTINGS, facilitatorReadsPrivate: options.facilitatorReadsPrivate ?? SETTINGS.facilitatorReadsPrivate, teams: options.teams ?? SETTINGS.teams };
  const scenario = classroom();
  const g = new Recorder({
    scenario,
    settings: { seed: String(options.seed ?? 11), rounds: scenario.rounds, teams: settings.teams, facilitatorReadsPrivate: settings.facilitatorReadsPrivate, channels: settings.channels },
  });
  g.act(FACILITATOR, { type: "start" });
  // Round 1: an inject in the event phase.
  g.act(FACILITATOR, { type: "custom-event", ...INJECT });
  g.advance();
  const regime = g.propose("US", { terms: { type: "export-control", sector: "semis", tier: "frontier", target: "CN" }, parties: ["US", "NL", "JP"], duration: 3 }, "Chip controls leak unless the Dutch and Japanese toolmakers join.");
  g.sign("NL", regime, "ASML's share makes the regime bite; worth the lost sales.");
  g.act(SEAT("JP"), { type: "amend", agreementId: regime, revision: 1, draft: DraftSchema.parse({ terms: { type: "export-control", sector: "semis", tier: "broad", target: "CN" }, parties: ["US", "NL", "JP"], duration: 3 }) }, "Frontier-only leaves a gap in mature nodes.");
  g.sign("US", regime, "Broad controls still serve our lead.");
  g.sign("NL", regime, "Accepting the broader scope.");
  const pact = g.propose("IN", { terms: { type: "screening" }, parties: ["IN", "ID"], duration: 2 }, "Trusted investors lower our joint-venture costs.");
  g.act(SEAT("ID"), { type: "decline", agreementId: pact, revision: 1 }, "Screening would scare off Chinese investment we need.");
  g.propose("CN", { terms: { type: "supply", suppliers: ["CN"], buyers: ["IN"], sector: "minerals", volume: 2, price: 1, coInvest: 0 }, duration: 2 }, "Rare earths buy goodwill in Delhi.");
  g.act(SEAT("ID"), { type: "matrix", text: "We invite Kenyan ministers to Jakarta to court a joint fibre project." });
  g.act(FACILITATOR, { type: "rule-matrix", matrixId: "M1", ruling: "accept", effects: RULING_EFFECTS, note: "A warm summit." });
  g.act(SEAT("JP"), { type: "chat", channel: "plenary", text: "Japan supports a broad regime." });
  g.act(SEAT("US"), { type: "open-channel", members: ["JP"] });
  g.act(SEAT("US"), { type: "chat", channel: "ch:JP+US", text: "Between us: we need your photoresists in the regime." });
  g.act(SEAT("CN"), { type: "chat", channel: "team:CN", text: "Team note: hold the minerals card." });
  g.act(FACILITATOR, { type: "broadcast", text: "Ten minutes left in this negotiation." });
  if (options.noise !== false) g.noise(2, `noise1:${options.seed ?? 11}`);
  g.advance(); // resolve round 1
  if (options.stopAfterRound === 1) return g;
  // Round 2: a short R&D pact that will be kept, a withdrawal, a rolled ruling, a scheduled inject.
  g.advance();
  g.advance();
  const rnd = g.propose("US", { terms: { type: "rnd", sector: "ai", contribution: 1 }, parties: ["US", "JP"], duration: 1 }, "A one-year pilot on AI safety research.");
  g.sign("JP", rnd, "Cheap and shared.");
  g.act(SEAT("NL"), { type: "withdraw", agreementId: regime }, "Our toolmakers lost too many sales to China.");
  // The US and Japan carried on without the Netherlands; Japan then leaves too, which breaks it.
  g.act(SEAT("JP"), { type: "withdraw", agreementId: regime }, "Without the Dutch tools the regime leaks; our firms pay for nothing.");
  g.act(SEAT("CN"), { type: "matrix", text: "We flood the market with cheap legacy chips to undercut the regime." });
  g.act(FACILITATOR, { type: "rule-matrix", matrixId: "M2", ruling: "roll", odds: 0.5, effects: [{ kind: "metric", target: "CN", metric: "prosperity", amount: 3 }], note: "Depends on demand." });
  g.act(FACILITATOR, { type: "custom-event", title: "Cable cut", text: "An anchor drags through a cable.", effects: [{ kind: "capability", target: "VN", sector: "telecom", amount: -1 }], round: 3 });
  if (options.noise !== false) g.noise(2, `noise2:${options.seed ?? 11}`);
  g.advance();
  if (options.stopAfterRound === 2) return g;
  const ended = () => g.state.phase === "ended";
  for (let round = 3; round <= g.state.settings.rounds && !ended(); round++) {
    g.advance();
    if (ended()) break;
    g.advance();
    if (options.noise !== false) g.noise(2, `noise${round}:${options.seed ?? 11}`);
    g.advance();
    if (options.stopAfterRound === round) return g;
  }
  if (g.state.phase === "review") g.advance();
  return g;
}

/** Stores a recorded game as POST /api/games and the room would. */
export async function storeGame(store: GameStore & DebriefStore, code: string, g: Recorder, keyHash: string, settings: GameSettings = SETTINGS) {
  await store.createGame({ code, scenario: g.setup.scenario, settings: { ...settings, facilitatorReadsPrivate: g.setup.settings.facilitatorReadsPrivate ?? false }, seed: String(g.setup.settings.seed), keyHash, createdAt: Date.now(), finishedAt: g.state.phase === "ended" ? Date.now() : null });
  await Promise.all(g.log.map((action, seq) => store.appendAction(code, { seq, action, at: Date.now() })));
}

/**
 * A recorded game with a second regime proposed right after the first came into force: what an
 * old version let through and the current rules refuse (rule/second_regime).
 */
export function withSecondRegime(g: Recorder) {
  const log: Action[] = [...g.log];
  const inForce = log.findIndex((a) => a.reason === "Accepting the broader scope.");
  const amended = log.find((a) => a.move.type === "amend")!;
  if (amended.move.type !== "amend" || amended.actor.kind !== "seat") throw new Error("the scripted game's amend is missing");
  log.splice(inForce + 1, 0, { actor: { ...amended.actor, seat: "US" }, move: { type: "propose", draft: amended.move.draft } });
  return { refusedAt: inForce + 1, game: Object.assign(Object.create(Object.getPrototypeOf(g)), g, { log }) as typeof g };
}
