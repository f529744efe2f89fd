/**
 * A bot's own moves value deals by its model alone (shared/bots/model.ts and value.ts); the
 * engine's preview (which resolves the round twice) is used only to check what it tells people.
 * So the model's valuation must agree with the valuation built on the preview: on many states
 * of bot-played games, for drafts a bot might be offered, both give about the same score
 * points (the median gap is a few hundredths) and, where the call is not a close one, the
 * same decision (sign or not).
 */
import { describe, expect, it } from "vitest";
import { botContext } from "../../shared/bots/context.ts";
import { valuations } from "../../shared/bots/bot.ts";
import { randomDraft } from "../../shared/bots/random-bot.ts";
import { Turns } from "../../shared/bots/game-loop.ts";
import { botChooser } from "../../shared/bots/bot.ts";
import { AGREEMENT_TYPES } from "../../shared/engine/agreements/index.ts";
import { apply, conditionMet, createGame, type Action, type GameState } from "../../shared/engine/index.ts";
import { randomInt, seedFrom } from "../../shared/engine/rng.ts";
import { seatIds } from "../../shared/engine/setup.ts";
import { act, negotiating, scenario, seatActor } from "./helpers.ts";
import { DraftSchema } from "../../shared/engine/index.ts";
import { playGame } from "../../shared/bots/game-loop.ts";
import { country, project, worldOf } from "../../shared/bots/model.ts";
import { profileFor, STRATEGIES } from "../../shared/bots/personality.ts";
import { outlookOf, sharedStake, sharedStakeRange, valueFor, valueWithoutOutlook } from "../../shared/bots/value.ts";
import { statesAlong } from "../engine/helpers.ts";
import { PERSONALITIES } from "../../shared/engine/vocabulary.ts";

describe("the bots' valuation", () => {
  it.each(["classroom-quick", "alliance-2021"])("agrees with the valuation on the engine's preview, on many states of %s", (id) => {
    let compared = 0;
    let sameDecision = 0;
    let clear = 0;
    const gaps: number[] = [];
    const far: string[] = [];
    for (let g = 0; g < 2; g++) {
      let state: GameState = createGame({ scenario: scenario(id), settings: { seed: `valuation:${g}` } });
      const go = (a: Action) => {
        const r = apply(state, a);
        if (r.ok) state = r.state;
        return r.ok;
      };
      go({ actor: { kind: "facilitator" }, move: { type: "start" } });
      const rng = { rng: seedFrom(`valuation:${id}:${g}`) };
      const seats = seatIds(state);
      const turns = new Turns(`valuation:${g}`, seats);
      while (state.phase !== "ended") {
        if (state.phase === "negotiation") {
          turns.newPhase();
          // Bots play the negotiation; between their moves, a few random drafts are valued both ways.
          for (let turn = turns.next(state, seats, () => (s, seat, r, limits) => botChooser(s, seat, r, {}, limits)), n = 0; turn; turn = turns.next(state, seats, () => (s, seat, r, limits) => botChooser(s, seat, r, {}, limits)), n++) {
            if (n % 3 === 0) {
              const seat = seats[randomInt(rng, seats.length)]!;
              const type = AGREEMENT_TYPES[randomInt(rng, AGREEMENT_TYPES.length)]!;
              const draft = randomDraft(state, seat, type, rng);
              const v = valuations(botContext(state, seat), draft);
              if (v) {
                compared++;
                const gap = Math.abs(v.model - v.exact);
                gaps.push(gap);
                // Decisions compared where the exact value is not within half a point of the bar.
                if (Math.abs(v.exact - v.threshold) >= 0.5) {
                  clear++;
                  if ((v.model >= v.threshold) === (v.exact >= v.threshold)) sameDecision++;
                  else far.push(`${id} round ${state.round} ${seat} ${JSON.stringify(draft.terms)}: decides otherwise: model ${v.model.toFixed(2)}, preview ${v.exact.toFixed(2)}`);
                }
                if (gap > 1 + 0.25 * Math.abs(v.exact)) far.push(`${id} round ${state.round} ${seat} ${JSON.stringify(draft.terms)}: model ${v.model.toFixed(2)}, preview ${v.exact.toFixed(2)}`);
              }
            }
            if (!go(turn.action)) turns.refused(state, turn.seat);
          }
        }
        go({ actor: { kind: "system" }, move: { type: "advance" } });
      }
    }
    gaps.sort((a, b) => a - b);
    const median = gaps[Math.floor(gaps.length / 2)]!;
    expect(compared).toBeGreaterThan(40);
    expect(sameDecision / clear).toBeGreaterThanOrEqual(0.9);
    expect(median).toBeLessThan(0.25);
    expect(far.length / compared, far.slice(0, 5).join("\n")).toBeLessThanOrEqual(0.1);
  });
});

describe("the bound a bot checks before weighing whether to leave a deal", () => {
  // shared/bots/breaking.ts `worthBreaking` keeps a deal without making the outlook of the world
  // without it when this bound says leaving cannot pay, so the bound must hold for any deal.
  it.each(["classroom-quick", "alliance-2021"])("holds the valuation with the outlook, for deals in force on many states of %s", (id) => {
    const setup = { scenario: scenario(id), settings: { seed: "bound:1" } };
    const seats = seatIds(createGame(setup));
    // Random players among bots: deals that cost some party more than they bring.
    const players = Object.fromEntries(seats.map((s, i) => [s, i % 2 ? { kind: "random" as const } : { kind: "bot" as const }]));
    const { log } = playGame(setup, players);
    const profiles = [...PERSONALITIES.map((p) => profileFor(p)), ...STRATEGIES.map((s) => profileFor("pragmatist", s))];
    let compared = 0;
    let moved = 0;
    for (const [, state] of statesAlong(setup, log, 5)) {
      if (state.phase !== "negotiation") continue;
      for (const a of state.agreements) {
        if (a.status !== "in-force") continue;
        for (const seat of a.parties) {
          const ctx = botContext(state, seat);
          const w = worldOf({ ...ctx.view, agreements: ctx.view.agreements.filter((x) => x.id !== a.id) }, ctx);
          const o = outlookOf(w);
          const self = country(w, seat);
          const opts = { objectives: [...self.objectives, ...(self.secret ? [self.secret] : [])] };
          const proj = project(w, { terms: a.terms, parties: a.parties, duration: a.duration }, a);
          for (const profile of profiles) {
            const exact = valueFor(w, o, seat, proj, profile, opts).value;
            const bound = valueWithoutOutlook(w, seat, proj, profile, opts);
            expect(exact).toBeGreaterThanOrEqual(bound.value + bound.lo - 1e-9);
            expect(exact).toBeLessThanOrEqual(bound.value + bound.hi + 1e-9);
            // The cost to the shared stake of the cohesion a withdrawal loses.
            const withdrawal = { type: a.type, parties: a.parties, terms: a.terms, horizon: 1, flows: [], table: [{ key: "cohesion" as const, perRound: -4, rounds: 1, label: "withdrawal" }] };
            const stake = sharedStake(w, o, seat, profile, withdrawal).points;
            const range = sharedStakeRange(w, seat, profile, withdrawal);
            expect(stake).toBeGreaterThanOrEqual(range.lo - 1e-9);
            expect(stake).toBeLessThanOrEqual(range.hi + 1e-9);
            compared++;
            if (bound.hi - bound.lo > 0) moved++;
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(200);
    // Some deals move what the outlook's parts read (else the bound was never a range).
    expect(moved).toBeGreaterThan(20);
  });
});

describe("the shared targets' chance a bot weighs", () => {
  it("reads a standards target from the race, as it reads the same standard as an objective: a coalition that puts open 6G in the lead raises Alliance 2021's chance, one for the rival's option lowers it", () => {
    const state = negotiating("alliance-2021", 1);
    const ctx = botContext(state, "JP");
    const w = worldOf(ctx.view, ctx);
    const o = outlookOf(w);
    const profile = profileFor("pragmatist");
    const coalition = (option: string, parties: string[]) => project(w, DraftSchema.parse({ terms: { type: "standards", technology: "6g", option }, parties, duration: 6 }));
    const open = coalition("open-6g", ["JP", "FI"]);
    const closed = coalition("integrated-6g", ["JP", "KR"]);
    // Both lead their race and move no table number: only the standards target can move the chance.
    expect(open.standard?.leads && closed.standard?.leads).toBe(true);
    expect(open.table.length + closed.table.length).toBe(0);
    expect(sharedStake(w, o, "JP", profile, open).chance).toBeGreaterThan(0);
    expect(sharedStake(w, o, "JP", profile, closed).chance).toBeLessThan(0);
    // The bound a bot checks without the outlook holds the change.
    expect(sharedStakeRange(w, "JP", profile, closed).lo).toBeLessThan(0);
    expect(sharedStakeRange(w, "JP", profile, open).hi).toBeGreaterThan(0);
  });
});

describe("a supply objective's side, as the bots value it", () => {
  it("counts a deal toward Indonesia's 'sell processed minerals' exactly when the engine does: selling to Japan, not buying from China", () => {
    const start = negotiating("classroom-quick", 1);
    const ctx = botContext(start, "ID");
    const w = worldOf(ctx.view, ctx);
    const o = outlookOf(w);
    const self = country(w, "ID");
    const nickel = self.objectives.find((x) => x.id === "id-nickel")!;
    expect(nickel.condition).toMatchObject({ as: "supplier" });
    const deals = {
      sells: { terms: { type: "supply", suppliers: ["ID"], buyers: ["JP"], sector: "minerals", volume: 2, price: 1 }, duration: 2 },
      buys: { terms: { type: "supply", suppliers: ["CN"], buyers: ["ID"], sector: "minerals", volume: 1, price: 1 }, duration: 2 },
    };
    for (const [name, input] of Object.entries(deals)) {
      const draft = DraftSchema.parse(input);
      const parts = valueFor(w, o, "ID", project(w, draft), profileFor("hedger"), { objectives: [nickel] }).parts;
      const counted = parts.some((p) => p.objective?.id === "id-nickel" && p.points > 0);
      // The same deal signed and in force: the engine's verdict on the objective.
      const proposer = draft.terms.type === "supply" ? draft.terms.suppliers[0]! : "ID";
      let s = act(start, { actor: seatActor(proposer), move: { type: "propose", draft } });
      const id = s.agreements.at(-1)!.id;
      for (const p of s.agreements.at(-1)!.parties) if (p !== proposer) s = act(s, { actor: seatActor(p), move: { type: "sign", agreementId: id, revision: s.agreements.at(-1)!.revision } });
      s = act(s, { actor: { kind: "system" }, move: { type: "advance" } });
      expect(s.agreements.at(-1)!.status, name).toBe("in-force");
      expect(counted, name).toBe(conditionMet(s, nickel.condition, "ID"));
      expect(counted, name).toBe(name === "sells");
    }
  });
});

describe("a 'no agreement' objective that names countries, as the bots value it", () => {
  // Korea's secret in Alliance 2021: never sign an export-control regime aimed at China (`with: ["CN"]`).
  const regime = (partner: string, target: string, sector: "semis" | "ai" = "semis") => DraftSchema.parse({ terms: { type: "export-control", sector, tier: "frontier", target }, parties: ["KR", partner], duration: 2 });
  /** `draft` signed by its parties and taking force at the next resolution. */
  const inForce = (s: GameState, draft: ReturnType<typeof regime>): GameState => {
    s = act(s, { actor: seatActor("KR"), move: { type: "propose", draft } });
    const a = s.agreements.at(-1)!;
    for (const p of a.parties) if (p !== "KR") s = act(s, { actor: seatActor(p), move: { type: "sign", agreementId: a.id, revision: a.revision } });
    s = act(s, { actor: { kind: "system" }, move: { type: "advance" } });
    expect(s.agreements.find((x) => x.id === a.id)!.status).toBe("in-force");
    return s;
  };
  const nextNegotiation = (s: GameState): GameState => {
    while (s.phase !== "negotiation") s = act(s, { actor: { kind: "system" }, move: { type: "advance" } });
    return s;
  };

  it.each([
    ["a regime on Vietnam", "VN", true],
    ["a regime on China", "CN", false],
  ] as const)("after %s, judges each new regime as the engine's score does", (_name, before, stillMet) => {
    // The regime in force is on AI: Korea may be in one regime per sector and target (docs/RULES.md §4.1), and the new ones are on chips.
    const s = nextNegotiation(inForce(negotiating("alliance-2021", 1), regime("US", before, "ai")));
    const ctx = botContext(s, "KR");
    const w = worldOf(ctx.view, ctx);
    const o = outlookOf(w);
    const secret = country(w, "KR").secret!;
    expect(secret.condition).toMatchObject({ kind: "no-agreement", with: ["CN"] });
    // Only a deal with China in it breaks the objective: the one in force on Vietnam leaves it met.
    expect(conditionMet(s, secret.condition, "KR")).toBe(stillMet);
    let losses = 0;
    for (const target of ["CN", "outside", "VN"]) {
      const draft = regime("JP", target);
      const parts = valueFor(w, o, "KR", project(w, draft), profileFor("hedger"), { objectives: [secret] }).parts;
      const lost = parts.some((p) => p.objective?.id === secret.id && p.points < 0);
      const after = conditionMet(inForce(s, draft), secret.condition, "KR");
      expect(lost, `${target}: the bot counts the objective lost`).toBe(conditionMet(s, secret.condition, "KR") && !after);
      if (lost) losses++;
    }
    // With the objective still met, a regime on China (or on everyone outside) loses it; one on Vietnam does not.
    expect(losses).toBe(stillMet ? 2 : 0);
  });
});
