/**
 * Round resolution (docs/RULES.md §5), in a fixed order that docs/RULES.md lists:
 *  1. income              2. automated replies, deals take force, unsigned offers lapse
 *  3–9. each agreement type's step, in the registry's order (shared/engine/agreements/index.ts:
 *     export controls, screening pacts, supply deals, loans and projects, alignment,
 *     standards races, joint R&D)      10. event cards' pressure      11. shortages
 * 12. production         13. the rival's moves   14. drift (tension, cohesion, support, falls)
 * 15. expiry             16. crisis check and the round's record
 * Mutates the state it is given: callers pass a copy.
 */
import { describe, projectTaken, resolveAgreements } from "./agreements/index.ts";
import type { Drag } from "./agreements/kit.ts";
import { loanChoiceScore, type LoanTerms } from "./agreements/loan.ts";
import { reaches, regimeCut, regimeEffectiveness, regimeTargets, type ExportControlTerms } from "./agreements/export-control.ts";
import { resolvePressures } from "./pressure.ts";
import { dealId } from "./deal-ids.ts";
import { addRestriction } from "./effects.ts";
import { bumpCapability, bumpCapital, bumpMetric, bumpTable } from "./ledger.ts";
import type { Agreement, GameState, RoundRecord } from "./types.ts";
import { SECTORS, STANCES, type Sector, type TableMetric } from "./vocabulary.ts";
import { addDrag } from "./agreements/kit.ts";
import { addAgreement, addStep, automatedSigns, countryName, dataOf, exposureToOtherCamp, inForce, news, r1, rawShortageOf, tradeChill } from "./world.ts";
import { countries, country, countryLabel, ref, text, textId } from "./text.ts";

export { countryName, inForce };

/** Partners' and the rival's replies to offers that name them (they are not seats). */
function automatedReplies(state: GameState) {
  const rival = state.scenario.rival;
  const choice = state.scenario.rules.loans.choice;
  const pending = state.agreements.filter((a) => a.status === "proposed");
  // Loans to automated partners: each picks the best fully-signed offer for each project.
  const byProject = new Map<string, Agreement[]>();
  for (const a of pending) {
    for (const p of a.parties) {
      const control = dataOf(state, p).control;
      if (control === "seat" || a.signatures.includes(p)) continue;
      if (control === "partner" && a.terms.type === "loan" && automatedSigns(control, rival, p, a.terms)) {
        const others = a.parties.filter((x) => x !== p);
        if (others.every((x) => a.signatures.includes(x))) {
          const key = `${p}|${a.terms.project}`;
          byProject.set(key, [...(byProject.get(key) ?? []), a]);
        }
        continue;
      }
      if (control === "rival" && automatedSigns(control, rival, p, a.terms)) {
        a.signatures.push(p);
        addStep(state, a, "signed", p);
        if (a.parties.every((x) => a.signatures.includes(x))) a.status = "signed";
        continue;
      }
      a.status = "declined";
      addStep(state, a, "declined", p);
    }
  }
  for (const [key, offers] of byProject) {
    const partner = key.split("|")[0]!;
    const stance = state.countries[partner]!.stance;
    const score = (a: Agreement) => loanChoiceScore(choice, stance, a.terms as LoanTerms, dataOf(state, (a.terms as LoanTerms).lenders[0]!).bloc);
    // Equal offers: the older first (offers are listed in the order made).
    const ranked = [...offers].sort((x, y) => score(y) - score(x) || offers.indexOf(x) - offers.indexOf(y));
    ranked.forEach((a, i) => {
      if (i === 0) {
        a.signatures.push(partner);
        a.status = "signed";
        addStep(state, a, "signed", partner);
        if (ranked.length > 1) news(state, "agreement", text("news.loanChosen", { country: country(partner), id: a.id, count: ranked.length, project: ref("project", (a.terms as LoanTerms).project) }));
      } else {
        a.status = "declined";
        addStep(state, a, "declined", partner);
      }
    });
  }
}

function takeForce(state: GameState) {
  for (const a of state.agreements) {
    if (a.status === "signed") {
      a.status = "in-force";
      a.startRound = state.round;
      a.endRound = state.round + a.duration - 1;
      if (a.type === "loan") a.built = 0;
      addStep(state, a, "in-force");
      news(state, "agreement", text("news.inForce", { id: a.id, deal: describe(a) }));
    } else if (a.status === "proposed") {
      a.status = "lapsed";
      addStep(state, a, "lapsed");
    }
  }
}

/** Units of supply, as readers count them: "1 unit", "2.4 units", "2.4 单位". */
const units = (count: number) => text("deal.units", { count });

/**
 * Shortages (docs/RULES.md "Shortages"): restrictions (bans, fires, cut cables, retaliation)
 * cut a country off from their holders' share of a sector; export-control regimes cut it off
 * from their members' share, scaled by `controls.shortage` (and the frontier factor). Supply
 * deals cover part; a shortage in a sector that feeds others also slows those.
 */
function shortages(state: GameState, cover: Map<string, Map<Sector, number>>, drag: Drag) {
  const rules = state.scenario.rules.shortage;
  const active = state.restrictions.filter((r) => r.untilRound >= state.round);
  const regimes = inForce(state, "export-control").map((a) => ({ a, targets: regimeTargets(state, a), cut: regimeCut(state.scenario.rules, a.terms as ExportControlTerms) }));
  for (const c of Object.values(state.countries)) {
    for (const sector of SECTORS) {
      const here = active.filter((r) => r.sector === sector && r.on.includes(c.id));
      const controls = regimes.filter((g) => (g.a.terms as ExportControlTerms).sector === sector && g.targets.includes(c.id));
      if (!here.length && !controls.length) continue;
      // Each holder counts once, at the heaviest cut it takes part in (a ban cuts wholly).
      const weight = new Map<string, number>();
      for (const r of here) weight.set(r.by, 1);
      for (const g of controls) for (const m of g.a.parties) weight.set(m, Math.max(weight.get(m) ?? 0, g.cut));
      const cut = [...weight].reduce((sum, [h, w]) => sum + state.countries[h]!.sectors[sector].chokepoint * w, 0);
      const raw = rawShortageOf(cut, c.sectors[sector].chokepoint);
      const covered = Math.min(raw, cover.get(c.id)?.get(sector) ?? 0);
      const shortage = raw - covered;
      if (shortage <= 0.05) continue;
      const why = [...new Map([...here.map((r) => r.cause), ...controls.map((g) => text("cause.controlsBy", { id: g.a.id, parties: countries(g.a.parties) }))].map((c) => [textId(c), c])).values()];
      const label = text(covered > 0 ? "cause.shortageCovered" : "cause.shortage", { sector: ref("sector", sector), amount: units(r1(shortage)), causes: { list: why }, covered: units(r1(covered)) });
      bumpMetric(state, c.id, "prosperity", -rules.prosperity * shortage, label);
      bumpMetric(state, c.id, "security", -rules.security * shortage, label);
      bumpMetric(state, c.id, "support", -rules.support * shortage, label);
      bumpTable(state, "resilience", -rules.resilience * shortage, text("cause.countryShortage", { country: countryLabel(c.id), cause: label }));
      addDrag(drag, c.id, sector, 0.05 * shortage, label);
      for (const dep of rules.dependencies[sector] ?? []) {
        if (c.sectors[dep].capability > 0) addDrag(drag, c.id, dep, rules.dependencyDrag * shortage, text("cause.dependency", { cause: label, sector: ref("sector", dep) }));
      }
    }
  }
}

function production(state: GameState, drag: Drag, before: Map<string, number>) {
  const rules = state.scenario.rules.production;
  const growth = text("cause.growth");
  for (const c of Object.values(state.countries)) {
    for (const sector of SECTORS) {
      if (c.sectors[sector].capability <= 0) continue;
      bumpCapability(state, c.id, sector, rules.growth, growth);
      for (const d of drag.get(c.id)?.get(sector) ?? []) bumpCapability(state, c.id, sector, -d.amount, d.label);
    }
    const strategic = rules.strategicSectors.reduce((sum, s) => sum + c.sectors[s].capability, 0);
    bumpMetric(state, c.id, "security", rules.securityPerCapability * (strategic - (before.get(c.id) ?? strategic)), text("cause.strategicCapability"));
    bumpMetric(state, c.id, "prosperity", rules.prosperity, text("cause.economicGrowth"));
  }
}

function rivalMoves(state: GameState) {
  const rival = state.scenario.rival;
  if (!rival || !state.countries[rival.country]) return;
  const rivalRef = country(rival.country);
  // Retaliation against regimes that bite.
  for (const a of inForce(state, "export-control")) {
    if (state.retaliatedAgainst.includes(a.id) || !regimeTargets(state, a).includes(rival.country)) continue;
    const eff = regimeEffectiveness(state, a);
    // Reaches it as summed shares do (0.35 + 0.05 + 0.05 + 0.05 is 0.49999999999999994): a regime its card shows at 50% bites at a threshold of 50%.
    if (!reaches(eff, rival.retaliation.threshold)) continue;
    state.retaliatedAgainst.push(a.id);
    const cause = text("cause.rivalBan", { country: rivalRef, sector: ref("sector", rival.retaliation.sector, true), id: a.id });
    addRestriction(state, rival.country, rival.retaliation.sector, a.parties, rival.retaliation.rounds + 1, cause);
    bumpTable(state, "tension", rival.retaliation.tension, text("cause.retaliates", { country: rivalRef, id: a.id }));
    news(state, "retaliation", text("news.retaliation", { count: rival.retaliation.rounds, country: rivalRef, id: a.id, sector: ref("sector", rival.retaliation.sector, true), parties: countries(a.parties) }));
  }
  // Competing loan offers to anyone still waiting for a project.
  const offer = rival.loanOffer;
  for (const c of state.scenario.countries) {
    if (c.id === rival.country || c.needs.length === 0) continue;
    const need = c.needs.find((p) => !projectTaken(state, { recipient: c.id, project: p }));
    if (!need) continue;
    const id = dealId(state.settings, state.nextAgreement++);
    addAgreement(state, {
      id,
      type: "loan",
      parties: [rival.country, c.id],
      terms: { type: "loan", lenders: [rival.country], recipient: c.id, project: need, amount: offer.amount, interest: offer.interest, grace: offer.grace, conditions: [] },
      duration: Math.max(offer.duration, state.scenario.rules.loans.buildRounds + offer.grace + 1),
      status: "proposed",
      revision: 1,
      proposedBy: rival.country,
      proposedAt: state.version,
      signatures: [rival.country],
      steps: [{ round: state.round, phase: state.phase, what: "proposed", by: rival.country, revision: 1 }],
    });
  }
  // Courting hedgers with market access.
  for (const c of state.scenario.countries) {
    const s = state.countries[c.id]!;
    if (c.control !== "seat" || (s.stance !== "hedging" && s.stance !== "rival-leaning")) continue;
    bumpMetric(state, c.id, "prosperity", rival.courting.prosperity, text("cause.courting", { country: rivalRef, target: country(c.id) }));
  }
}

function drift(state: GameState) {
  const rules = state.scenario.rules;
  bumpTable(state, "tension", -rules.tension.decay, text("cause.tensionDecay"));
  bumpTable(state, "cohesion", -rules.cohesion.decay, text("cause.cohesionDecay"));
  for (const c of state.scenario.countries) {
    const s = state.countries[c.id]!;
    const exposure = exposureToOtherCamp(c.bloc, s.exposure, state.scenario.countries);
    bumpMetric(state, c.id, "prosperity", -tradeChill(rules, state.table.tension, exposure), text("cause.tradeChilled", { tension: Math.round(state.table.tension) }));
    const change = state.changes[`${c.id}|prosperity`];
    const growth = change ? change.to - change.from : 0;
    bumpMetric(state, c.id, "support", rules.support.perProsperity * growth, text(growth >= 0 ? "cause.votersGrow" : "cause.votersShrink"));
  }
  checkFalls(state);
}

/** A government whose domestic support reached 0 falls: its stance swings and it loses trust. */
export function checkFalls(state: GameState) {
  const rules = state.scenario.rules.support;
  for (const c of Object.values(state.countries)) {
    if (c.metrics.support > 0) continue;
    c.falls += 1;
    const i = STANCES.indexOf(c.stance);
    c.stance = STANCES[i < 2 ? i + 2 : i > 2 ? i - 2 : 2]!;
    bumpMetric(state, c.id, "support", rules.afterFall, text("cause.newGovernment"));
    bumpMetric(state, c.id, "trust", -rules.fallTrust, text("cause.governmentFell"));
    news(state, "fall", text("news.fall", { country: country(c.id), stance: ref("stance", c.stance) }));
  }
}

function expiry(state: GameState) {
  const kept = state.scenario.rules.trust.kept;
  for (const a of inForce(state)) {
    if ((a.endRound ?? Infinity) > state.round) continue;
    a.status = "expired";
    addStep(state, a, "expired");
    for (const p of a.parties) bumpMetric(state, p, "trust", kept, text("cause.kept", { id: a.id }));
  }
}

/** The game is over: offers still open, and deals signed but not yet in force, lapse. */
export function endGame(state: GameState) {
  state.phase = "ended";
  for (const a of state.agreements) {
    if (a.status !== "proposed" && a.status !== "signed") continue;
    a.status = "lapsed";
    addStep(state, a, "lapsed");
  }
}

/**
 * The round the game was ended in before that round resolved (the facilitator ended it during its
 * event or negotiation), or undefined. Read off the rounds with a record (`recorded`: the state's
 * history, or a client view's list of them): every resolved round, a crisis's too, leaves its
 * record, and the one ended early has none; the deals proposed or signed in it lapsed at the end
 * (endGame) and never took effect. The debrief report and the players' end screen both say it.
 */
export function unresolvedRound(game: Pick<GameState, "phase" | "round"> & { recorded: readonly number[] }): number | undefined {
  return game.phase === "ended" && game.round > 0 && game.recorded.at(-1) !== game.round ? game.round : undefined;
}

/**
 * Whether the table outcome and the scores are final: the game is over, or this is the last
 * round's review, which ends it (nothing more can change them). The review, the end screen and
 * the debrief report then say "missed" and "halved", not "does not hold yet" and "would be".
 */
export function outcomeFinal(game: { phase: string; round: number; rounds: number }): boolean {
  return game.phase === "ended" || (game.phase === "review" && game.round >= game.rounds);
}

/** Ends the game in a crisis if tension reached the crisis level (`peak`: the highest it reached, when it has since cooled). */
export function checkCrisis(state: GameState, peak = state.table.tension): boolean {
  if (peak < state.scenario.rules.tension.crisisAt || state.crisis) return state.crisis;
  state.crisis = true;
  endGame(state);
  news(state, "crisis", text("news.crisis", { tension: Math.round(peak) }));
  return true;
}

export function snapshot(state: GameState) {
  const metrics: GameState["history"][number]["metrics"] = {};
  const capabilities: GameState["history"][number]["capabilities"] = {};
  for (const c of Object.values(state.countries)) {
    metrics[c.id] = { ...c.metrics };
    const held = {} as Record<Sector, number>;
    for (const s of SECTORS) held[s] = c.sectors[s].capability;
    capabilities[c.id] = held;
  }
  return { round: state.round, metrics, capabilities, table: { ...state.table }, changes: Object.values(state.changes) };
}

/** Resolves the current round on `state` (mutated). */
export function resolveRound(state: GameState) {
  for (const c of state.scenario.countries) bumpCapital(state, c.id, c.capital, text("cause.income"));
  automatedReplies(state);
  takeForce(state);
  const drag: Drag = new Map();
  const cover = new Map<string, Map<Sector, number>>();
  const before = new Map(
    Object.values(state.countries).map((c) => [c.id, state.scenario.rules.production.strategicSectors.reduce((s, x) => s + c.sectors[x].capability, 0)]),
  );
  resolveAgreements(state, { drag, cover });
  resolvePressures(state);
  shortages(state, cover, drag);
  production(state, drag, before);
  rivalMoves(state);
  // Tension peaks before it cools: a round that drove it to the crisis level ends in crisis even if drift brings it back below.
  const peak = state.table.tension;
  drift(state);
  expiry(state);
  state.restrictions = state.restrictions.filter((r) => r.untilRound > state.round);
  const record: RoundRecord = snapshot(state);
  state.history.push(record);
  const seen = Math.max(peak, state.table.tension);
  if (!checkCrisis(state, seen)) state.phase = "review";
  else if (seen > record.table.tension) record.tensionPeak = seen;
}

/**
 * The tension that ended the game in crisis, for every screen that says so (the end screen, the
 * debrief report, the replay): `peak`, what the crisis check saw; and, when the crisis came at a
 * resolution that cooled tension afterwards, `settled`, the value recorded at that round's end
 * (the charts', the CSV's and the replay's), and that `round`. Undefined without a crisis.
 */
export function crisisTension(game: {
  crisis: boolean;
  table: Readonly<Record<TableMetric, number>>;
  history: readonly Pick<RoundRecord, "round" | "table" | "tensionPeak">[];
}): { peak: number; settled?: number; round?: number } | undefined {
  if (!game.crisis) return undefined;
  const last = game.history.at(-1);
  if (last?.tensionPeak !== undefined && last.table.tension === game.table.tension) return { peak: last.tensionPeak, settled: last.table.tension, round: last.round };
  return { peak: game.table.tension };
}
