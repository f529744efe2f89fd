/**
 * Views for the client's unit tests, made by the real engine (never hand-written JSON that
 * could drift from it): a classroom game in negotiation with a few deals, wrapped with the
 * server fields a ClientView carries.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { apply } from "../../shared/engine/apply.ts";
import type { Action, Draft } from "../../shared/engine/actions.ts";
import { createGame } from "../../shared/engine/setup.ts";
import type { GameState } from "../../shared/engine/types.ts";
import { viewFor, type Viewer } from "../../shared/engine/views.ts";
import { ROLES } from "../../shared/engine/vocabulary.ts";
import { waitingOn } from "../../shared/bots/game-loop.ts";
import { seatDone, type ClientView, type SeatInfo } from "../../shared/protocol/view.ts";
import { loadScenario } from "../../shared/scenario/validate.ts";

export const scenario = loadScenario(JSON.parse(readFileSync(join(import.meta.dirname, "..", "..", "assets", "scenarios", "classroom-quick.json"), "utf8")));

export function step(state: GameState, action: Action): GameState {
  const r = apply(state, action);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.text.key}`);
  return r.state;
}

const seat = (id: string) => ({ kind: "seat" as const, seat: id, roles: [...ROLES] });
const fac = { kind: "facilitator" as const };
const sys = { kind: "system" as const };

export const supplyDraft: Draft = {
  terms: { type: "supply", suppliers: ["JP"], buyers: ["US"], sector: "semis", volume: 3, price: 1, coInvest: 0 },
  parties: ["JP", "US"],
  duration: 2,
};

/** A game in round 1's negotiation: a bilateral channel with a line, a signed deal, an open offer. */
export function negotiation(): GameState {
  let s = createGame({ scenario, settings: { seed: "client-tests" } });
  s = step(s, { actor: fac, move: { type: "start" } });
  s = step(s, { actor: sys, move: { type: "advance" } });
  s = step(s, { actor: seat("US"), move: { type: "open-channel", members: ["JP"] } });
  s = step(s, { actor: seat("US"), move: { type: "chat", channel: "ch:JP+US", text: "Chips?" } });
  s = step(s, { actor: seat("JP"), move: { type: "chat", channel: "ch:JP+US", text: "Yes." } });
  s = step(s, { actor: seat("US"), move: { type: "propose", draft: supplyDraft } });
  s = step(s, { actor: seat("JP"), move: { type: "sign", agreementId: "A1", revision: 1 } });
  s = step(s, {
    actor: seat("NL"),
    move: { type: "propose", draft: { terms: { type: "export-control", sector: "semis", tier: "frontier", target: "CN" }, parties: ["NL", "US", "JP"], duration: 3 } },
  });
  return s;
}

/** The same game after the round resolved (review phase). */
export function review(): GameState {
  let s = negotiation();
  s = step(s, { actor: seat("US"), move: { type: "sign", agreementId: "A2", revision: 1 } });
  s = step(s, { actor: seat("JP"), move: { type: "sign", agreementId: "A2", revision: 1 } });
  return step(s, { actor: sys, move: { type: "advance" } });
}

/**
 * The room's seats: bots play `bots`, Ana holds the United States unless a bot plays it; each
 * seat's `done` as the server judges it from the whole game (server/rooms/GameRoom.ts `markDone`).
 */
export function seatsOf(state: GameState, bots: readonly string[] = ["CN"]): SeatInfo[] {
  return state.scenario.countries
    .filter((c) => c.control === "seat")
    .map((c) => {
      const seat = { id: c.id, name: c.name, bloc: c.bloc, bot: bots.includes(c.id), holders: c.id === "US" && !bots.includes("US") ? [{ id: "h1", name: "Ana", roles: "diplomat,regulator,envoy", connected: true }] : [] };
      return { ...seat, done: seatDone(state, seat, (id) => waitingOn(state, id)) === true };
    });
}

export function clientView(state: GameState, viewer: Viewer, extra: Partial<ClientView> = {}): ClientView {
  const seats = seatsOf(state);
  const view = viewFor(state, viewer);
  return { ...view, code: "HQ4M9C", deadline: 0, paused: false, remainingMs: 0, seats, waiting: [], recorded: view.history.map((h) => h.round), ...extra } as ClientView;
}

export const asSeat = (id: string, roles = [...ROLES]): Viewer => ({ kind: "seat", seat: id, roles });
export const asObserver: Viewer = { kind: "observer" };
export const asFacilitator: Viewer = { kind: "facilitator" };
