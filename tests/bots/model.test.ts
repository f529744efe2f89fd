/**
 * The bots' model (shared/bots/model.ts, each type's `bots.project` hook) against the engine's
 * preview, on many states of random games: for the seat that asks, the model's same-round
 * flows match the preview's lines, key by key. So the cheap valuation bots use for clear cases
 * (and to guess how a deal looks to others) cannot drift from the rules unnoticed.
 *
 * Left out, on purpose: loans (the preview shows a loan's first round, the model its whole
 * build and repayment), trust (the "kept to its end" bonus of a deal ending this round, which
 * bots count in their break decisions rather than in a deal's value) and an R&D deal's
 * capability and security (the preview draws one research outcome, the model the expected one).
 * Small knock-on effects (tension on trade) stay inside the tolerance.
 */
import { describe, expect, it } from "vitest";
import { botContext } from "../../shared/bots/context.ts";
import { capitalPath, project, worldOf } from "../../shared/bots/model.ts";
import { randomDraft, randomSeatAction } from "../../shared/bots/random-bot.ts";
import { AGREEMENT_TYPES, kindOf } from "../../shared/engine/agreements/index.ts";
import { playGame } from "../../shared/bots/game-loop.ts";
import { apply, createGame, type Action, type GameState } from "../../shared/engine/index.ts";
import { preview } from "../../shared/engine/preview.ts";
import { randomInt, seedFrom } from "../../shared/engine/rng.ts";
import { act, negotiating, offer, scenario, seatActor } from "./helpers.ts";

const close = (model: number, exact: number) => Math.abs(model - exact) <= 0.25 + 0.1 * Math.abs(exact);

describe("the bots' model of a deal", () => {
  it.each(["classroom-quick", "alliance-2021", "multipolar-2024"])("agrees with the engine's preview on many states of %s", (id) => {
    const compared = new Map<string, number>();
    const wrong: string[] = [];
    for (let g = 0; g < 4; g++) {
      let state: GameState = createGame({ scenario: scenario(id), settings: { seed: `model:${g}` } });
      const go = (a: Action) => {
        const r = apply(state, a);
        if (r.ok) state = r.state;
      };
      go({ actor: { kind: "facilitator" }, move: { type: "start" } });
      const rng = { rng: seedFrom(`model:${id}:${g}`) };
      const seats = state.scenario.countries.filter((c) => c.control === "seat").map((c) => c.id);
      while (state.phase !== "ended") {
        if (state.phase === "negotiation") {
          for (let k = 0; k < 10; k++) {
            const seat = seats[randomInt(rng, seats.length)]!;
            const type = AGREEMENT_TYPES[randomInt(rng, AGREEMENT_TYPES.length)]!;
            if (type === "loan") continue;
            const draft = randomDraft(state, seat, type, rng);
            const exact = preview(state, seat, { draft });
            if (!exact.ok) continue;
            const ctx = botContext(state, seat);
            const model = new Map<string, number>();
            for (const f of project(worldOf(ctx.view, ctx), draft).flows) if (f.who === seat && !f.delayed && !f.from) model.set(f.key, (model.get(f.key) ?? 0) + f.perRound);
            for (const line of exact.lines) {
              if (line.subject !== seat || line.key === "trust" || (type === "rnd" && line.key !== "capital")) continue;
              const key = line.key.startsWith("capability:") ? `cap:${line.key.slice("capability:".length)}` : line.key;
              const m = model.get(key) ?? 0;
              compared.set(type, (compared.get(type) ?? 0) + 1);
              if (!close(m, line.delta)) wrong.push(`round ${state.round} ${seat} ${JSON.stringify(draft.terms)}: ${key} model ${m.toFixed(2)}, preview ${line.delta}`);
            }
          }
          for (const seat of seats) {
            const a = randomSeatAction(state, seat, rng);
            if (a) go(a);
          }
        }
        go({ actor: { kind: "system" }, move: { type: "advance" } });
      }
    }
    expect(wrong).toEqual([]);
    const total = [...compared.values()].reduce((s, n) => s + n, 0);
    expect(total, JSON.stringify(Object.fromEntries(compared))).toBeGreaterThan(100);
    for (const type of ["supply", "export-control", "screening", "alignment"]) expect(compared.get(type) ?? 0, type).toBeGreaterThan(5);
  });

  it("sees a buyer's diminishing returns: a second chip deal is worth less to India, as the preview says", () => {
    const chips = (supplier: string) => ({ terms: { type: "supply" as const, suppliers: [supplier], buyers: ["IN"], sector: "semis" as const, volume: 4, price: 0.5, coInvest: 0 }, parties: [supplier, "IN"], duration: 2 });
    const first = offer(negotiating(), "IN", chips("JP"));
    const state = act(first.state, { actor: seatActor("JP"), move: { type: "sign", agreementId: first.id, revision: 1 } });
    const draft = chips("NL");
    const ctx = botContext(state, "IN");
    const security = (flows: { who: string; key: string; perRound: number }[]) => flows.filter((f) => f.who === "IN" && f.key === "security").reduce((x, f) => x + f.perRound, 0);
    const second = security(project(worldOf(ctx.view, ctx), draft).flows);
    const alone = security(project(worldOf(botContext(negotiating(), "IN").view, ctx), draft).flows);
    const rules = state.scenario.rules.supply;
    expect(alone).toBeGreaterThan(0.5);
    expect(second).toBeCloseTo(alone * rules.repeatBenefit, 5);
    const exact = preview(state, "IN", { draft });
    expect(exact.ok && exact.lines.find((l) => l.subject === "IN" && l.key === "security")?.delta).toBeCloseTo(second, 1);
  });
});

describe("a seat's capital ahead (model.ts capitalPath)", () => {
  it("counts the repayments of a loan whose project is built, as the engine takes them", () => {
    // The United States lends India 18 for its corridor: built in rounds 1 and 2, repaid in 3 and 4.
    const loan = offer(negotiating("multipolar-2024"), "US", { terms: { type: "loan", lenders: ["US"], recipient: "IN", project: "corridor", amount: 18, interest: 2, grace: 0, conditions: [] }, duration: 4 });
    let s = act(loan.state, { actor: seatActor("IN"), move: { type: "sign", agreementId: loan.id, revision: 1 } });
    while (s.round < 3 || s.phase !== "negotiation") s = act(s, { actor: { kind: "system" }, move: { type: "advance" } });
    const ctx = botContext(s, "IN");
    const india = ctx.view.countries.find((c) => c.id === "IN")!;
    const path = capitalPath(worldOf(ctx.view, ctx), "IN");
    expect(path).toHaveLength(3);
    // Round 3 resolved by the engine: what India repaid.
    while (s.round === 3) s = act(s, { actor: { kind: "system" }, move: { type: "advance" } });
    const repaid = s.history.find((h) => h.round === 3)!.changes.find((c) => c.subject === "IN" && c.key === "capital")!.causes.find((c) => c.label.key === "cause.deal.repayment")!.amount;
    expect(repaid).toBeCloseTo(-9.18, 2);
    expect(path[0]! - india.capital - india.income).toBeCloseTo(repaid, 2);
    expect(path[1]! - path[0]! - india.income).toBeCloseTo(repaid, 2);
    expect(path[2]! - path[1]!).toBeCloseTo(india.income, 2);
  });
});

describe("what an outlook reads of a deal made", () => {
  // shared/bots/value.ts `outlookOf` does not project a kind whose hooks say `outlook: false`:
  // on every state of played games, such a deal's projection moves no table metric, connects no
  // partner and makes no regime, so leaving it out changes no outlook.
  it.each(["alliance-2021", "classroom-quick"])("is nothing for a kind that says so, on every deal of a %s game", (id) => {
    const skipped = AGREEMENT_TYPES.filter((t) => kindOf(t).bots.outlook === false);
    expect(skipped).toContain("standards");
    const setup = { scenario: scenario(id), settings: { seed: "outlook:1" } };
    const { log } = playGame(setup, {});
    let state = createGame(setup);
    let projected = 0;
    for (let i = 0; i < log.length; i++) {
      const r = apply(state, log[i]!);
      if (!r.ok) throw new Error("refused on replay");
      state = r.state;
      if (i % 5) continue;
      const ctx = botContext(state, state.scenario.countries.find((c) => c.control === "seat")!.id);
      const w = worldOf(ctx.view, ctx);
      for (const a of w.view.agreements) {
        if ((a.status !== "in-force" && a.status !== "signed") || !skipped.includes(a.terms.type)) continue;
        const proj = project(w, a, a.status === "in-force" ? a : undefined);
        expect(proj.table).toEqual([]);
        expect(proj.connects).toBeUndefined();
        expect(proj.regime).toBeUndefined();
        projected++;
      }
    }
    expect(projected).toBeGreaterThan(20);
  });
});
