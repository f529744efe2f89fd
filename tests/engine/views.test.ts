/**
 * Secrets hidden by construction: each viewer's view, as the JSON
 * that would be sent, never holds what that viewer may not see.
 */
import { describe, expect, it } from "vitest";
import { playGame } from "../../shared/bots/game-loop.ts";
import { apply, createGame, PUBLIC_STATUSES, seatIds, viewFor, type GameState, type Viewer } from "../../shared/engine/index.ts";
import { computeScores } from "../../shared/engine/scoring.ts";
import { agree, classroom, draft, FACILITATOR, negotiating, ok, resolve, seat, shippedScenarios, withRival } from "./helpers.ts";
import { agreementById } from "../../shared/engine/world.ts";

/** A game with something private everywhere: team and side channels, unsigned offers, secrets. */
function busyGame(facilitatorReadsPrivate: boolean, world = classroom()): GameState {
  let s = negotiating(world, { teams: true, facilitatorReadsPrivate, seed: 11 });
  const seats = seatIds(s);
  for (const id of seats) s = ok(s, seat(id, ["diplomat"]), { type: "chat", channel: `team:${id}`, text: `team-secret-of-${id}` });
  s = ok(s, seat("US"), { type: "open-channel", members: ["NL"] });
  s = ok(s, seat("NL"), { type: "chat", channel: "ch:NL+US", text: "bilateral-secret-US-NL" });
  s = ok(s, seat("JP"), { type: "open-channel", members: ["ID", "IN"] });
  s = ok(s, seat("IN"), { type: "chat", channel: "ch:ID+IN+JP", text: "minilateral-secret-JP-ID-IN" });
  s = ok(s, seat("ID"), { type: "chat", channel: "plenary", text: "public-hello" });
  s = ok(s, FACILITATOR, { type: "broadcast", text: "public-broadcast" });
  // Unsigned offers: A1 between US and NL, A2 between JP and IN; A3 signed (public once signed).
  s = ok(s, seat("US"), { type: "propose", draft: draft({ terms: { type: "screening" }, parties: ["US", "NL"], duration: 2 }) });
  s = ok(s, seat("JP"), { type: "propose", draft: draft({ terms: { type: "supply", suppliers: ["JP"], buyers: ["IN"], sector: "semis", volume: 2, price: 1 }, duration: 2 }) });
  s = agree(s, "US", { terms: { type: "alignment", clauses: ["threat-assessment"], target: "CN" }, parties: ["US", "JP"], duration: 2 }, ["JP"]).state;
  return s;
}

const PRIVATE_CHANNELS: Record<string, string[]> = {
  "ch:NL+US": ["NL", "US"],
  "ch:ID+IN+JP": ["ID", "IN", "JP"],
};
const PRIVATE_TEXT: Record<string, string> = { "ch:NL+US": "bilateral-secret-US-NL", "ch:ID+IN+JP": "minilateral-secret-JP-ID-IN" };
const OFFERS: Record<string, string[]> = { A1: ["US", "NL"], A2: ["JP", "IN"] };

function keysOf(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => keysOf(v, out));
  else if (value && typeof value === "object")
    for (const [k, v] of Object.entries(value)) {
      out.add(k);
      keysOf(v, out);
    }
  return out;
}

function viewers(s: GameState): Viewer[] {
  return [...seatIds(s).map((id) => ({ kind: "seat" as const, seat: id, roles: ["diplomat" as const] })), { kind: "observer" }, { kind: "facilitator" }];
}

function checkView(s: GameState, viewer: Viewer) {
  const view = viewFor(s, viewer);
  const json = JSON.stringify(view);
  const me = viewer.kind === "seat" ? viewer.seat : undefined;
  const ended = s.phase === "ended";
  const facilitatorReads = viewer.kind === "facilitator" && s.settings.facilitatorReadsPrivate;
  // Secret objectives: one's own, the facilitator all, everyone after the end.
  for (const c of s.scenario.countries) {
    const visible = ended || viewer.kind === "facilitator" || c.id === me;
    expect(json.includes(c.secret.text), `${viewer.kind} ${me ?? ""} sees ${c.id}'s secret text`).toBe(visible);
    expect(json.includes(`"${c.secret.id}"`), `${viewer.kind} ${me ?? ""} sees ${c.id}'s secret id`).toBe(visible);
  }
  // Team channels and their messages.
  for (const id of seatIds(s)) {
    const visible = id === me || facilitatorReads;
    expect(json.includes(`team-secret-of-${id}`), `${viewer.kind} ${me ?? ""} reads ${id}'s team`).toBe(visible);
    expect(view.channels.some((c) => c.id === `team:${id}`)).toBe(visible);
  }
  // Bilateral and minilateral channels.
  for (const [channel, members] of Object.entries(PRIVATE_CHANNELS)) {
    const visible = (!!me && members.includes(me)) || facilitatorReads;
    expect(json.includes(PRIVATE_TEXT[channel]!), `${viewer.kind} ${me ?? ""} reads ${channel}`).toBe(visible);
    expect(view.channels.some((c) => c.id === channel)).toBe(visible);
  }
  // Public talk reaches everyone.
  expect(json).toContain("public-hello");
  expect(json).toContain("public-broadcast");
  // Unsigned offers: only their parties and the facilitator.
  for (const [id, parties] of Object.entries(OFFERS)) {
    const a = agreementById(s, id)!;
    if (a.status !== "proposed" && a.status !== "declined" && a.status !== "lapsed") continue;
    const visible = (!!me && parties.includes(me)) || viewer.kind === "facilitator";
    expect(json.includes(`"${id}"`), `${viewer.kind} ${me ?? ""} sees offer ${id}`).toBe(visible);
  }
  expect(view.agreements.some((a) => a.id === "A3")).toBe(true);
  // Never the rng or the deck's order.
  const keys = keysOf(view);
  expect(keys.has("rng")).toBe(false);
  expect(keys.has("deck")).toBe(false);
  expect(json.includes(String(s.rng))).toBe(false);
  if (viewer.kind === "facilitator") expect(view.deckRemaining).toEqual([...s.deck].sort());
  else expect(view.deckRemaining).toBeUndefined();
  // Another seat's score never lists its secret objective.
  for (const score of view.scores)
    if (!(ended || viewer.kind === "facilitator" || score.country === me)) expect(score.objectives.some((o) => o.secret)).toBe(false);
  return view;
}

describe("views", () => {
  it.each([false, true])("every seat, the observer and the facilitator (facilitator reads private: %s)", (reads) => {
    const s = busyGame(reads);
    for (const v of viewers(s)) checkView(s, v);
  });

  it.each([false, true])("after resolution, lapsed and declined offers stay private (facilitator reads private: %s)", (reads) => {
    let s = busyGame(reads);
    s = ok(s, seat("IN"), { type: "decline", agreementId: "A2", revision: 1 });
    s = resolve(s);
    expect([agreementById(s, "A1")!.status, agreementById(s, "A2")!.status]).toEqual(["lapsed", "declined"]);
    for (const v of viewers(s)) checkView(s, v);
  });

  it("with an automated rival, its offers to partners are private too", () => {
    const s = resolve(busyGame(false, withRival()));
    const rivalOffers = s.agreements.filter((a) => a.proposedBy === "CN" && a.status === "proposed");
    expect(rivalOffers.length).toBeGreaterThan(0);
    for (const v of viewers(s)) {
      const view = checkView(s, v);
      for (const a of rivalOffers) {
        const visible = v.kind === "facilitator" || (v.kind === "seat" && a.parties.includes(v.seat));
        expect(view.agreements.some((x) => x.id === a.id)).toBe(visible);
      }
    }
  });

  it("reveals every secret to everyone once the game has ended, but not private channels", () => {
    const s = ok(busyGame(false), FACILITATOR, { type: "end-game" });
    for (const v of viewers(s)) {
      const view = checkView(s, v);
      for (const c of view.countries) expect(c.secret, `${v.kind} sees ${c.id}'s secret`).toBeDefined();
    }
  });

  it("with teams off, nobody's view carries a team channel (a seat's channel of one), nor a line posted to it", () => {
    let s = negotiating(classroom(), { teams: false, facilitatorReadsPrivate: true, seed: 11 });
    // A line to a team channel still applies (old games' logs replay), and is read nowhere.
    s = ok(s, seat("US"), { type: "chat", channel: "team:US", text: "a-note-to-nobody" });
    for (const v of viewers(s)) {
      const view = viewFor(s, v);
      expect(view.channels.filter((c) => c.kind === "team").map((c) => c.id), v.kind).toEqual([]);
      expect(JSON.stringify(view)).not.toContain("a-note-to-nobody");
    }
    // With teams on, a seat reads its own.
    const teams = ok(negotiating(classroom(), { teams: true, seed: 11 }), seat("US"), { type: "chat", channel: "team:US", text: "team-line" });
    expect(viewFor(teams, { kind: "seat", seat: "US", roles: ["diplomat"] }).channels.filter((c) => c.kind === "team").map((c) => c.id)).toEqual(["team:US"]);
  });

  it("tells every viewer whether the facilitator reads private channels", () => {
    for (const reads of [false, true]) {
      const s = busyGame(reads);
      for (const v of viewers(s)) expect(viewFor(s, v).settings.facilitatorReadsPrivate).toBe(reads);
    }
  });

  it("a seat's own view carries its secret and its score with it; others' scores leave it out", () => {
    const s = busyGame(false);
    const mine = viewFor(s, { kind: "seat", seat: "US", roles: ["envoy"] });
    const theirs = viewFor(s, { kind: "seat", seat: "NL", roles: ["envoy"] });
    expect(mine.countries.find((c) => c.id === "US")!.secret).toEqual(s.scenario.countries.find((c) => c.id === "US")!.secret);
    expect(theirs.countries.find((c) => c.id === "US")!.secret).toBeUndefined();
    const own = mine.scores.find((x) => x.country === "US")!;
    const seen = theirs.scores.find((x) => x.country === "US")!;
    const secret = own.objectives.find((o) => o.secret)!;
    expect(seen.subtotal).toBeCloseTo(own.subtotal - (secret.met ? secret.points : 0), 5);
  });

  it.each([...shippedScenarios().keys()].flatMap((id) => [1, 2, 3, 4].map((seed) => [id, seed] as const)))("%s, seed %i: views of random games in progress hold only what each viewer may see", (id, seed) => {
    const scenario = shippedScenarios().get(id)!;
    const setup = { scenario, settings: { seed, facilitatorReadsPrivate: seed % 2 === 0 } };
    const game = playGame(setup, {}, { others: { kind: "random" }, movesPerSeat: 3 });
    const escape = (text: string) => JSON.stringify(text).slice(1, -1).replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const secretPattern = new RegExp(scenario.countries.map((c) => escape(c.secret.text)).join("|"), "g");
    // Walk the log once, stopping to look at a third and two thirds of the way through.
    const stops = new Set([Math.floor(game.log.length / 3), Math.floor((2 * game.log.length) / 3)]);
    let s = createGame(setup);
    for (const [i, action] of game.log.entries()) {
      const r = apply(s, action);
      if (!r.ok) throw new Error(r.error.code);
      s = r.state;
      if (!stops.has(i) || s.phase === "ended") continue;
      for (const v of viewers(s)) {
        const view = viewFor(s, v);
        const json = JSON.stringify(view);
        const me = v.kind === "seat" ? v.seat : undefined;
        // One pass over the JSON for every secret text and every quoted agreement id it holds.
        const found = new Set(json.match(secretPattern) ?? []);
        for (const c of s.scenario.countries)
          if (v.kind !== "facilitator" && c.id !== me) expect(found.has(JSON.stringify(c.secret.text).slice(1, -1)), `${me ?? v.kind} sees ${c.id}'s secret`).toBe(false);
        const ids = new Set(json.match(/"A\d+"/g) ?? []);
        for (const m of view.messages) {
          const channel = s.channels[m.channel]!;
          const open = channel.kind === "plenary" || channel.kind === "broadcast" || (!!me && channel.members.includes(me)) || (v.kind === "facilitator" && s.settings.facilitatorReadsPrivate);
          expect(open, `${me ?? v.kind} reads ${channel.id}`).toBe(true);
        }
        for (const a of view.agreements) expect(PUBLIC_STATUSES.has(a.status) || v.kind === "facilitator" || (!!me && a.parties.includes(me)), `${me ?? v.kind} sees ${a.id}`).toBe(true);
        const hidden = s.agreements.filter((a) => !PUBLIC_STATUSES.has(a.status) && v.kind !== "facilitator" && !(me && a.parties.includes(me)));
        for (const a of hidden) expect(ids.has(`"${a.id}"`), `${me ?? v.kind} sees private ${a.id}`).toBe(false);
        expect(keysOf(view).has("rng")).toBe(false);
      }
    }
  });
});

describe("scoreboard order", () => {
  const descending = (totals: number[]) => totals.every((t, i) => i === 0 || totals[i - 1]! >= t);

  it("every viewer's scores are ordered by the totals that viewer sees, in every round of every scenario", () => {
    let reordered = 0; // stops where hiding a met secret objective changes the order
    for (const [id, scenario] of shippedScenarios()) {
      for (const seed of [1, 2, 3]) {
        const setup = { scenario, settings: { seed } };
        const game = playGame(setup, {}, { others: { kind: "random" }, movesPerSeat: 3 });
        let s = createGame(setup);
        for (const action of game.log) {
          const r = apply(s, action);
          if (!r.ok) throw new Error(r.error.code);
          const before = s.phase;
          s = r.state;
          if (s.phase === before) continue;
          const full = computeScores(s).map((x) => x.country);
          for (const v of viewers(s)) {
            const scores = viewFor(s, v).scores;
            expect(descending(scores.map((x) => x.total)), `${id} seed ${seed} round ${s.round} ${s.phase}, ${v.kind === "seat" ? v.seat : v.kind}`).toBe(true);
            if (scores.map((x) => x.country).join() !== full.join()) reordered++;
          }
        }
      }
    }
    // The check meets the case it is about: views whose order differs from the full scores'.
    expect(reordered).toBeGreaterThan(0);
  });
});
