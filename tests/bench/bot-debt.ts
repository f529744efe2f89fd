/**
 * Which seats bot games leave below zero capital, and what put them there: plays `--games`
 * seeds (default 30, `digest:<i>` as tests/bench/bot-digest.ts) of every shipped scenario with
 * the scenarios' bots and prints, per scenario, the games with a seat below zero, the seats, their
 * mean debt and the deals signed a game; then, for the seats below zero, what their capital paid
 * for (by cause), and each costly deal they signed: how (their own proposal, their counter-offer,
 * or someone else's terms), whether the engine's preview warned then that it would take them below
 * zero (docs/RULES.md, "Paying for deals"), and what capital the bot's valuation counted.
 *
 * `node_modules/.bin/node --import tsx tests/bench/bot-debt.ts [--games N] [--only id,id] [--deals]`
 */
import { parseArgs } from "node:util";
import { shippedScenarios } from "../../server/scenarios.ts";
import { playGame } from "../../shared/bots/game-loop.ts";
import { botContext } from "../../shared/bots/context.ts";
import { appraise } from "../../shared/bots/valuing.ts";
import { apply } from "../../shared/engine/apply.ts";
import { outlay } from "../../shared/engine/agreements/index.ts";
import { preview } from "../../shared/engine/preview.ts";
import { createGame } from "../../shared/engine/setup.ts";
import { TOOK_FORCE } from "../../shared/engine/scoring.ts";
import type { Draft } from "../../shared/engine/actions.ts";
import type { Agreement, GameState } from "../../shared/engine/types.ts";

const { values } = parseArgs({ options: { games: { type: "string" }, only: { type: "string" }, deals: { type: "boolean" } } });
const games = Number(values.games ?? 30);
const only = values.only ? new Set(values.only.split(",")) : undefined;
const r1 = (x: number) => Math.round(x * 10) / 10;
const pct = (a: number, b: number) => `${b ? Math.round((100 * a) / b) : 0}%`;

/** What a seat's signature on a deal looked like when it gave it. */
type Signing = { round: number; how: "own proposal" | "own counter" | "signed offer"; warned: boolean; value: number; threshold: number; capitalPart: number; capitalPoints: number; debtPart: number; capital: number; perRound: number };

/** Does the deal cost `seat` capital (what it pays at a resolution, or a loan it repays)? */
const costs = (rules: GameState["scenario"]["rules"], a: Pick<Agreement, "terms" | "parties">, seat: string) =>
  outlay(rules, a, seat) > 0 || (a.terms.type === "loan" && a.terms.recipient === seat);

function signingOf(state: GameState, seat: string, how: Signing["how"], draft: Draft, subject: { draft: Draft } | { agreementId: string }): Signing {
  const p = preview(state, seat, subject);
  const warned = p.ok && p.notes.some((n) => n.key === "preview.capitalBelowZero");
  const v = appraise(botContext(state, seat), draft);
  const cap = v?.parts.find((x) => x.label === "capital");
  const debt = v?.parts.find((x) => x.label === "debt");
  return {
    round: state.round, how, warned, value: v?.value ?? NaN, threshold: v?.threshold ?? NaN,
    capitalPart: cap?.amount ?? 0, capitalPoints: cap?.points ?? 0, debtPart: debt?.amount ?? 0, capital: state.countries[seat]!.capital,
    perRound: outlay(state.scenario.rules, draft as Pick<Agreement, "terms" | "parties">, seat),
  };
}

for (const [id, scenario] of shippedScenarios()) {
  if (only && !only.has(id)) continue;
  let gamesBelow = 0;
  let seatsBelow = 0;
  let seatsAll = 0;
  let debt = 0;
  let deep = 0;
  let dealsInForce = 0;
  let costlyInForce = 0;
  const outflows = new Map<string, number>();
  const hows = new Map<string, number>();
  let costlySignings = 0;
  let warned = 0;
  let sameRound = 0;
  let repaymentsLate = 0;
  let everBelow = 0;
  const firstBelow = new Map<number, number>();
  let beforeLast = 0;
  const examples: string[] = [];
  const start = performance.now();
  for (let g = 0; g < games; g++) {
    const setup = { scenario, settings: { seed: `digest:${g}` } };
    const played = playGame(setup, {});
    const end = played.state;
    const seats = scenario.countries.filter((c) => c.control === "seat").map((c) => c.id);
    seatsAll += seats.length;
    dealsInForce += end.agreements.filter((a) => TOOK_FORCE.has(a.status)).length;
    const below = seats.filter((s) => end.countries[s]!.capital < -0.005);
    if (below.length) gamesBelow++;
    seatsBelow += below.length;
    for (const s of below) debt += end.countries[s]!.capital;
    deep += below.filter((s) => end.countries[s]!.capital < -5).length;
    costlyInForce += end.agreements.filter((a) => TOOK_FORCE.has(a.status) && a.parties.some((p) => below.includes(p) && costs(scenario.rules, a, p))).length;
    for (const s of seats) if (end.history.some((rec) => (rec.changes.find((c) => c.subject === s && c.key === "capital")?.to ?? 0) < -0.005)) everBelow++;
    for (const s of below) {
      const paths = end.history.map((rec) => rec.changes.find((c) => c.subject === s && c.key === "capital")?.to ?? 0);
      const first = paths.findIndex((c) => c < -0.005) + 1;
      firstBelow.set(first, (firstBelow.get(first) ?? 0) + 1);
      if ((paths[paths.length - 2] ?? 0) < -0.005) beforeLast++;
    }
    if (!below.length) continue;
    // Replays the game, noting each below-zero seat's last move on each costly deal before it was signed.
    const signings = new Map<string, Signing>();
    let state = createGame(setup);
    for (const action of played.log) {
      const m = action.move;
      const seat = action.actor.kind === "seat" ? action.actor.seat : undefined;
      if (seat && below.includes(seat)) {
        if (m.type === "propose" && costs(scenario.rules, { terms: m.draft.terms, parties: m.draft.parties ?? [] }, seat)) {
          const key = `${seat}|A${state.nextAgreement}`;
          signings.set(key, signingOf(state, seat, "own proposal", m.draft, { draft: m.draft }));
        } else if (m.type === "amend" || m.type === "sign") {
          const a = state.agreements.find((x) => x.id === m.agreementId)!;
          const draft: Draft = m.type === "amend" ? m.draft : { terms: a.terms, parties: a.parties, duration: a.duration };
          if (costs(scenario.rules, { terms: draft.terms, parties: a.parties }, seat))
            signings.set(`${seat}|${a.id}`, signingOf(state, seat, m.type === "amend" ? "own counter" : "signed offer", draft, m.type === "amend" ? { draft } : { agreementId: a.id }));
        }
      }
      const r = apply(state, action);
      if (r.ok) state = r.state;
    }
    for (const s of below) {
      for (const rec of end.history) for (const c of rec.changes) {
        if (c.subject !== s || c.key !== "capital") continue;
        for (const cause of c.causes) if (cause.amount < 0) outflows.set(cause.label.key, (outflows.get(cause.label.key) ?? 0) + cause.amount);
      }
      const mine = end.agreements.filter((a) => TOOK_FORCE.has(a.status) && a.parties.includes(s) && costs(scenario.rules, a, s));
      const byRound = new Map<number, number>();
      for (const a of mine) {
        const sg = signings.get(`${s}|${a.id}`);
        if (!sg) continue;
        costlySignings++;
        hows.set(sg.how, (hows.get(sg.how) ?? 0) + 1);
        if (sg.warned) warned++;
        byRound.set(sg.round, (byRound.get(sg.round) ?? 0) + 1);
        if (a.terms.type === "loan" && a.terms.recipient === s) repaymentsLate++;
        if (values.deals && examples.length < 40)
          examples.push(`  game ${g} ${s} end ${r1(end.countries[s]!.capital)}: ${a.id} ${a.type} ${JSON.stringify(a.terms)} x${a.duration} r${sg.round} ${sg.how} warned=${sg.warned} capital then ${r1(sg.capital)} pays ${r1(sg.perRound)}/round; value ${r1(sg.value)} (threshold ${sg.threshold}), capital part ${sg.capitalPart} = ${r1(sg.capitalPoints)} pts, debt part ${sg.debtPart}`);
      }
      for (const n of byRound.values()) if (n > 1) sameRound += n;
    }
  }
  const n = seatsBelow || 1;
  console.log(`${id}: ${gamesBelow}/${games} games with a seat below zero; ${seatsBelow}/${seatsAll} seats (${deep} below -5); mean debt ${r1(debt / n)}, ${r1(-debt)} in all; deals in force ${r1(dealsInForce / games)} a game (${((performance.now() - start) / 1000).toFixed(0)} s)`);
  console.log(`  seats below zero after some round: ${everBelow}; of those ending below, below after the next-to-last round: ${beforeLast}; first round below zero: ${[...firstBelow].sort((a, b) => a[0] - b[0]).map(([k, v]) => `${k}: ${v}`).join(", ")}`);
  if (!seatsBelow) continue;
  console.log(`  paid out by the seats below zero, a seat: ${[...outflows].sort((a, b) => a[1] - b[1]).map(([k, v]) => `${k.replace("cause.", "")} ${r1(v / n)}`).join(", ")}`);
  console.log(`  their costly deals in force: ${r1(costlyInForce / n)} a seat; signed as: ${[...hows].map(([k, v]) => `${k} ${pct(v, costlySignings)}`).join(", ")}; loans they repay ${pct(repaymentsLate, costlySignings)}`);
  console.log(`  the preview warned of going below zero at ${pct(warned, costlySignings)} of those signatures; ${pct(sameRound, costlySignings)} were signed in a round with another costly deal of the same seat`);
  for (const e of examples) console.log(e);
}
