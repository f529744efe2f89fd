/**
 * Round resolution (GAME.md "A round", step 3), in a fixed order that docs/RULES.md lists:
 *  1. income              2. automated replies, deals take force, unsigned offers lapse
 *  3. export controls     4. screening pacts      5. supply deals     6. loans and projects
 *  7. alignment           8. standards races      9. joint R&D       10. shortages
 * 11. production         12. the rival's moves   13. drift (tension, cohesion, support, falls)
 * 14. expiry             15. crisis check and the round's record
 * Mutates the state it is given: callers pass a copy.
 */
import { describe, projectTaken } from "./agreements.ts";
import { addRestriction } from "./effects.ts";
import { bumpCapability, bumpCapital, bumpMetric, bumpTable } from "./ledger.ts";
import { nextRandom } from "./rng.ts";
import type { Agreement, CountryState, GameState } from "./types.ts";
import { SECTOR_NAMES, SECTORS, STANCES, projectLabel, type Sector, type Stance } from "./vocabulary.ts";
import type { TermsOf } from "./actions.ts";

type Drag = Map<string, Map<Sector, { amount: number; label: string }[]>>;

const pct = (x: number) => `${Math.round(x * 100)}%`;
const r1 = (x: number) => Math.round(x * 10) / 10;

export function countryName(state: GameState, id: string): string {
  return state.scenario.countries.find((c) => c.id === id)?.name ?? (id === "outside" ? "everyone outside" : id);
}
const names = (state: GameState, ids: string[]) => ids.map((id) => countryName(state, id)).join(", ");
const dataOf = (state: GameState, id: string) => state.scenario.countries.find((c) => c.id === id)!;

export function inForce(state: GameState, type?: Agreement["type"]): Agreement[] {
  return Object.values(state.agreements).filter((a) => a.status === "in-force" && (!type || a.type === type));
}

function addStep(state: GameState, a: Agreement, what: Agreement["steps"][number]["what"], by?: string) {
  a.steps.push({ round: state.round, phase: state.phase, what, revision: a.revision, ...(by ? { by } : {}) });
}

function news(state: GameState, kind: GameState["news"][number]["kind"], text: string) {
  state.news.push({ round: state.round, phase: state.phase, kind, text });
}

/** Countries a regime targets: one country, or every non-member with capability in the sector. */
export function regimeTargets(state: GameState, a: Agreement): string[] {
  const t = a.terms as TermsOf<"export-control">;
  if (t.target !== "outside") return [t.target];
  return Object.values(state.countries)
    .filter((c) => !a.parties.includes(c.id) && c.sectors[t.sector].capability > 0)
    .map((c) => c.id);
}

/** The share of a sector's chokepoints a regime's members hold: how hard it bites. */
export function regimeEffectiveness(state: GameState, a: Agreement): number {
  const t = a.terms as TermsOf<"export-control">;
  return Math.min(1, a.parties.reduce((sum, p) => sum + state.countries[p]!.sectors[t.sector].chokepoint, 0));
}

function stanceToward(stance: Stance, bloc: string, steps: number): Stance {
  const i = STANCES.indexOf(stance);
  const dir = bloc === "rival" ? 1 : -1;
  return STANCES[Math.max(0, Math.min(STANCES.length - 1, i + dir * steps))]!;
}

function sharesScreening(state: GameState, ids: string[]): boolean {
  return inForce(state, "screening").some((s) => ids.every((id) => s.parties.includes(id)));
}

/** Partners' and the rival's replies to offers that name them (they are not seats). */
function automatedReplies(state: GameState) {
  const rival = state.scenario.rival;
  const choice = state.scenario.rules.loans.choice;
  const pending = Object.values(state.agreements).filter((a) => a.status === "proposed");
  // Loans to automated partners: each picks the best fully-signed offer for each project.
  const byProject = new Map<string, Agreement[]>();
  for (const a of pending) {
    for (const p of a.parties) {
      const control = dataOf(state, p).control;
      if (control === "seat" || a.signatures.includes(p)) continue;
      if (control === "partner" && a.terms.type === "loan" && a.terms.recipient === p) {
        const others = a.parties.filter((x) => x !== p);
        if (others.every((x) => a.signatures.includes(x))) {
          const key = `${p}|${a.terms.project}`;
          byProject.set(key, [...(byProject.get(key) ?? []), a]);
        }
        continue;
      }
      if (control === "rival" && rival && rival.accepts.includes(a.type)) {
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
    const lean = STANCES.indexOf(stance) - 2; // negative: leans to the alliance
    const score = (a: Agreement) => {
      const t = a.terms as TermsOf<"loan">;
      const bloc = dataOf(state, t.lenders[0]!).bloc;
      const affinity = bloc === "rival" ? Math.sign(lean) : bloc === "alliance" ? -Math.sign(lean) : 0;
      return -choice.interest * t.interest + choice.grace * t.grace + choice.amount * t.amount + choice.affinity * affinity - choice.condition * t.conditions.length;
    };
    const ranked = [...offers].sort((x, y) => score(y) - score(x) || Number(x.id.slice(1)) - Number(y.id.slice(1)));
    ranked.forEach((a, i) => {
      if (i === 0) {
        a.signatures.push(partner);
        a.status = "signed";
        addStep(state, a, "signed", partner);
        if (ranked.length > 1) news(state, "agreement", `${countryName(state, partner)} chose ${a.id} among ${ranked.length} offers for its ${projectLabel((a.terms as TermsOf<"loan">).project)}.`);
      } else {
        a.status = "declined";
        addStep(state, a, "declined", partner);
      }
    });
  }
}

function takeForce(state: GameState) {
  for (const a of Object.values(state.agreements)) {
    if (a.status === "signed") {
      a.status = "in-force";
      a.startRound = state.round;
      a.endRound = state.round + a.duration - 1;
      if (a.type === "loan") a.built = 0;
      addStep(state, a, "in-force");
      news(state, "agreement", `In force (${a.id}): ${describe(state, a)}.`);
    } else if (a.status === "proposed") {
      a.status = "lapsed";
      addStep(state, a, "lapsed");
    }
  }
}

function exportControls(state: GameState, drag: Drag) {
  const rules = state.scenario.rules.controls;
  for (const a of inForce(state, "export-control")) {
    const t = a.terms as TermsOf<"export-control">;
    const eff = regimeEffectiveness(state, a);
    const tier = t.tier === "frontier" ? rules.frontierFactor : 1;
    const targets = regimeTargets(state, a);
    const label = `${a.id} controls by ${names(state, a.parties)} cover ${pct(eff)} of ${SECTOR_NAMES[t.sector]} chokepoints`;
    for (const target of targets) addDrag(drag, target, t.sector, rules.drag * eff * tier, label);
    for (const m of a.parties) {
      const exposure = targets.reduce((sum, x) => sum + (state.countries[m]!.exposure[x] ?? 0), 0);
      bumpMetric(state, m, "prosperity", -rules.revenueCost * exposure * tier, `${a.id}: export revenue lost to ${t.target === "outside" ? "non-members" : countryName(state, t.target)}`);
      bumpMetric(state, m, "security", rules.security * eff * tier, `${a.id}: lead protected in ${SECTOR_NAMES[t.sector]}`);
    }
    const hitsRival = targets.some((x) => dataOf(state, x).bloc === "rival");
    bumpTable(state, "tension", rules.tension * eff * tier * (hitsRival ? 1 : 0.5), `${a.id}: export controls`);
    bumpTable(state, "cohesion", rules.cohesionPerPartner * (a.parties.length - 1), `${a.id}: harmonized controls`);
  }
}

function addDrag(drag: Drag, country: string, sector: Sector, amount: number, label: string) {
  if (amount <= 0) return;
  let m = drag.get(country);
  if (!m) drag.set(country, (m = new Map()));
  m.set(sector, [...(m.get(sector) ?? []), { amount, label }]);
}

function screening(state: GameState) {
  const rules = state.scenario.rules.screening;
  for (const a of inForce(state, "screening")) {
    bumpTable(state, "cohesion", rules.cohesion * (a.parties.length - 1), `${a.id}: investment screening pact`);
    for (const p of a.parties) {
      bumpMetric(state, p, "prosperity", rules.prosperity, `${a.id}: cheaper trusted investment`);
      bumpMetric(state, p, "security", rules.security, `${a.id}: screened investment`);
    }
  }
}

/** Largest chokepoint holder of a sector: buying from it does not diversify. */
function topHolder(state: GameState, sector: Sector): string | undefined {
  let best: CountryState | undefined;
  for (const c of Object.values(state.countries)) if (c.sectors[sector].chokepoint > (best?.sectors[sector].chokepoint ?? 0)) best = c;
  return best?.id;
}

function supply(state: GameState, cover: Map<string, Map<Sector, number>>) {
  const rules = state.scenario.rules.supply;
  for (const a of inForce(state, "supply")) {
    const t = a.terms as TermsOf<"supply">;
    const nb = t.buyers.length;
    const ns = t.suppliers.length;
    const top = topHolder(state, t.sector);
    const factor = top && t.suppliers.includes(top) ? rules.singleSourceFactor : 1;
    const jv = sharesScreening(state, a.parties) ? state.scenario.rules.screening.jvBonus : 1;
    for (const b of t.buyers) {
      bumpCapital(state, b, -(t.volume * t.price + t.coInvest) / nb, `${a.id}: payments for ${SECTOR_NAMES[t.sector]}`);
      bumpMetric(state, b, "security", (rules.buyerSecurity * t.volume * factor) / nb, factor < 1 ? `${a.id}: secured supply (from the dominant source)` : `${a.id}: diversified supply`);
      const m = cover.get(b) ?? new Map<Sector, number>();
      m.set(t.sector, (m.get(t.sector) ?? 0) + t.volume / nb);
      cover.set(b, m);
    }
    for (const s of t.suppliers) {
      bumpCapital(state, s, (t.volume * t.price) / ns, `${a.id}: sales of ${SECTOR_NAMES[t.sector]}`);
      bumpMetric(state, s, "prosperity", (rules.supplierProsperity * t.volume) / ns, `${a.id}: export sales`);
      if (t.coInvest > 0) bumpCapability(state, s, t.sector, (rules.coInvestGrowth * t.coInvest * jv) / ns, `${a.id}: co-invested capacity${jv > 1 ? " (trusted-investor bonus)" : ""}`);
    }
    bumpTable(state, "resilience", rules.tableResilience * t.volume * factor, `${a.id}: ${factor < 1 ? "supply from the dominant source" : "diversified supply"}`);
  }
}

function loans(state: GameState) {
  const rules = state.scenario.rules.loans;
  for (const a of inForce(state, "loan")) {
    const t = a.terms as TermsOf<"loan">;
    const nl = t.lenders.length;
    const built = a.built ?? 0;
    const project = projectLabel(t.project);
    if (built < rules.buildRounds) {
      for (const l of t.lenders) bumpCapital(state, l, -t.amount / rules.buildRounds / nl, `${a.id}: financing ${countryName(state, t.recipient)}'s ${project}`);
      a.built = built + 1;
      if (a.built === rules.buildRounds) completeProject(state, a);
      continue;
    }
    const repayRounds = Math.max(1, a.duration - rules.buildRounds - t.grace);
    const sinceDone = state.round - (a.startRound ?? state.round) - rules.buildRounds + 1;
    if (sinceDone <= t.grace) continue;
    const risk = Math.max(0, t.interest - rules.safeInterest) * rules.defaultRiskPerPoint;
    if (risk > 0 && nextRandom(state) < risk) {
      a.status = "defaulted";
      addStep(state, a, "defaulted", t.recipient);
      bumpMetric(state, t.recipient, "trust", -rules.defaultTrust, `${a.id}: defaulted on a loan at ${t.interest}%`);
      bumpMetric(state, t.recipient, "support", -rules.defaultTrust / 2, `${a.id}: debt distress`);
      news(state, "project", `${countryName(state, t.recipient)} defaulted on ${a.id}: at ${t.interest}% interest the debt was too heavy.`);
      continue;
    }
    const payment = (t.amount * (1 + t.interest / 100)) / repayRounds;
    bumpCapital(state, t.recipient, -payment, `${a.id}: loan repayment`);
    for (const l of t.lenders) bumpCapital(state, l, payment / nl, `${a.id}: repayment from ${countryName(state, t.recipient)}`);
  }
}

function completeProject(state: GameState, a: Agreement) {
  const rules = state.scenario.rules.loans;
  const t = a.terms as TermsOf<"loan">;
  const recipient = state.countries[t.recipient]!;
  const project = projectLabel(t.project);
  addStep(state, a, "completed");
  news(state, "project", `${countryName(state, t.recipient)}'s ${project} is built (${a.id}, financed by ${names(state, t.lenders)}).`);
  if (!recipient.connected) {
    recipient.connected = true;
    bumpTable(state, "divide", -rules.divideDrop, `${countryName(state, t.recipient)} connected by ${a.id}`);
  }
  bumpMetric(state, t.recipient, "prosperity", rules.recipientProsperity, `${a.id}: new ${project}`);
  if (t.conditions.includes("local-jobs")) bumpMetric(state, t.recipient, "support", rules.localJobsSupport, `${a.id}: local jobs`);
  const ecosystem = t.conditions.filter((c) => c !== "local-jobs").length;
  for (const l of t.lenders) {
    bumpMetric(state, l, "influence", (t.amount * rules.influencePerCapital) / t.lenders.length + rules.conditionInfluence * ecosystem, `${a.id}: ${countryName(state, t.recipient)} built on our ${project}`);
  }
  const lenderBloc = dataOf(state, t.lenders[0]!).bloc;
  if (lenderBloc === "alliance" || lenderBloc === "rival") recipient.stance = stanceToward(recipient.stance, lenderBloc, 1);
}

function alignment(state: GameState) {
  const rules = state.scenario.rules.alignment;
  for (const a of inForce(state, "alignment")) {
    const t = a.terms as TermsOf<"alignment">;
    const k = t.clauses.length;
    bumpTable(state, "cohesion", rules.cohesionPerClause * k, `${a.id}: aligned statement`);
    bumpTable(state, "tension", rules.tensionPerClause * k, `${a.id}: statement concerning ${countryName(state, t.target)}`);
    for (const p of a.parties) {
      bumpMetric(state, p, "security", rules.securityPerClause * k, `${a.id}: shared threat picture`);
      const exposure = state.countries[p]!.exposure[t.target] ?? 0;
      bumpMetric(state, p, "support", -rules.supportCostPerClause * k * exposure, `${a.id}: business fears for trade with ${countryName(state, t.target)} (${pct(exposure)} of trade)`);
    }
  }
}

/** Standards races: the side with more weight (capability plus aligned partners) sets the standard. */
function standards(state: GameState) {
  const rules = state.scenario.rules.standards;
  const rival = state.scenario.rival;
  for (const tech of state.scenario.standards) {
    const sides = new Map<string, Set<string>>();
    for (const a of inForce(state, "standards")) {
      const t = a.terms as TermsOf<"standards">;
      if (t.technology !== tech.id) continue;
      const side = sides.get(t.option) ?? new Set<string>();
      a.parties.forEach((p) => side.add(p));
      sides.set(t.option, side);
    }
    if (!sides.size) continue;
    const rivalOption = rival?.standards[tech.id];
    if (rival && rivalOption) sides.set(rivalOption, (sides.get(rivalOption) ?? new Set()).add(rival.country));
    const weights = [...sides].map(([option, members]) => {
      const partners = Object.values(state.agreements).filter(
        (a) => a.type === "loan" && (a.built ?? 0) >= state.scenario.rules.loans.buildRounds && (a.terms as TermsOf<"loan">).lenders.some((l) => members.has(l)),
      ).length;
      const capability = [...members].reduce((sum, m) => sum + state.countries[m]!.sectors[tech.sector].capability, 0);
      return { option, members, weight: r1(capability + rules.partnerWeight * partners) };
    });
    weights.sort((x, y) => y.weight - x.weight);
    const [first, second] = weights;
    if (!first || (second && second.weight === first.weight)) continue;
    const optionName = tech.options.find((o) => o.id === first.option)?.name ?? first.option;
    if (state.standards[tech.id] !== first.option) {
      state.standards[tech.id] = first.option;
      news(state, "standard", `${optionName} leads the ${tech.name} race (weight ${first.weight}${second ? ` against ${second.weight}` : ""}).`);
    }
    for (const m of first.members) bumpMetric(state, m, "influence", rules.influence, `${tech.name}: ${optionName} sets the standard (weight ${first.weight}${second ? ` vs ${second.weight}` : ""})`);
  }
}

function rnd(state: GameState) {
  const rules = state.scenario.rules.rnd;
  for (const a of inForce(state, "rnd")) {
    const t = a.terms as TermsOf<"rnd">;
    const pool = t.contribution * a.parties.length;
    const jv = sharesScreening(state, a.parties) ? state.scenario.rules.screening.jvBonus : 1;
    const chance = Math.min(rules.maxChance, pool * rules.chancePerCapital * jv);
    for (const p of a.parties) bumpCapital(state, p, -t.contribution, `${a.id}: joint ${SECTOR_NAMES[t.sector]} research`);
    const success = nextRandom(state) < chance;
    for (const p of a.parties) {
      bumpCapability(state, p, t.sector, success ? rules.breakthrough : rules.learning, success ? `${a.id}: breakthrough (${pct(chance)} chance)` : `${a.id}: research without breakthrough (${pct(chance)} chance)`);
    }
    if (success) news(state, "agreement", `Breakthrough in ${SECTOR_NAMES[t.sector]} for ${names(state, a.parties)} (${a.id}).`);
    bumpTable(state, "cohesion", rules.cohesion, `${a.id}: joint research`);
  }
}

function shortages(state: GameState, cover: Map<string, Map<Sector, number>>, drag: Drag) {
  const rules = state.scenario.rules.shortage;
  const active = state.restrictions.filter((r) => r.untilRound >= state.round);
  for (const c of Object.values(state.countries)) {
    for (const sector of SECTORS) {
      const here = active.filter((r) => r.sector === sector && r.on.includes(c.id));
      if (!here.length) continue;
      const holders = [...new Set(here.map((r) => r.by))];
      const cut = holders.reduce((sum, h) => sum + state.countries[h]!.sectors[sector].chokepoint, 0);
      const raw = 10 * Math.min(1, cut) * (1 - c.sectors[sector].chokepoint);
      const covered = Math.min(raw, cover.get(c.id)?.get(sector) ?? 0);
      const shortage = raw - covered;
      if (shortage <= 0.05) continue;
      const label = `${SECTOR_NAMES[sector]} shortage ${r1(shortage)} (${[...new Set(here.map((r) => r.cause))].join("; ")}${covered > 0 ? `; supply deals covered ${r1(covered)}` : ""})`;
      bumpMetric(state, c.id, "prosperity", -rules.prosperity * shortage, label);
      bumpMetric(state, c.id, "security", -rules.security * shortage, label);
      bumpMetric(state, c.id, "support", -rules.support * shortage, label);
      bumpTable(state, "resilience", -rules.resilience * shortage, `${countryName(state, c.id)}: ${label}`);
      addDrag(drag, c.id, sector, 0.05 * shortage, label);
    }
  }
}

function production(state: GameState, drag: Drag, before: Map<string, number>) {
  const rules = state.scenario.rules.production;
  for (const c of Object.values(state.countries)) {
    for (const sector of SECTORS) {
      if (c.sectors[sector].capability <= 0) continue;
      bumpCapability(state, c.id, sector, rules.growth, "investment and growth");
      for (const d of drag.get(c.id)?.get(sector) ?? []) bumpCapability(state, c.id, sector, -d.amount, d.label);
    }
    const strategic = rules.strategicSectors.reduce((sum, s) => sum + c.sectors[s].capability, 0);
    bumpMetric(state, c.id, "security", rules.securityPerCapability * (strategic - (before.get(c.id) ?? strategic)), "capability change in strategic sectors");
    bumpMetric(state, c.id, "prosperity", rules.prosperity, "economic growth");
  }
}

function rivalMoves(state: GameState) {
  const rival = state.scenario.rival;
  if (!rival || !state.countries[rival.country]) return;
  const rivalName = countryName(state, rival.country);
  // Retaliation against regimes that bite.
  for (const a of inForce(state, "export-control")) {
    if (state.retaliatedAgainst.includes(a.id) || !regimeTargets(state, a).includes(rival.country)) continue;
    const eff = regimeEffectiveness(state, a);
    if (eff < rival.retaliation.threshold) continue;
    state.retaliatedAgainst.push(a.id);
    const cause = `${rivalName}'s ${SECTOR_NAMES[rival.retaliation.sector].toLowerCase()} export ban answering ${a.id}`;
    addRestriction(state, rival.country, rival.retaliation.sector, a.parties, rival.retaliation.rounds + 1, cause);
    bumpTable(state, "tension", rival.retaliation.tension, `${rivalName} retaliates against ${a.id}`);
    news(state, "retaliation", `${rivalName} answers ${a.id} with a ban on ${SECTOR_NAMES[rival.retaliation.sector].toLowerCase()} exports to ${names(state, a.parties)} for ${rival.retaliation.rounds} round(s).`);
  }
  // Competing loan offers to anyone still waiting for a project.
  const offer = rival.loanOffer;
  for (const c of state.scenario.countries) {
    if (c.id === rival.country || c.needs.length === 0) continue;
    const need = c.needs.find((p) => !projectTaken(state, { recipient: c.id, project: p }));
    if (!need) continue;
    const id = `A${state.nextAgreement++}`;
    state.agreements[id] = {
      id,
      type: "loan",
      parties: [rival.country, c.id],
      terms: { type: "loan", lenders: [rival.country], recipient: c.id, project: need, amount: offer.amount, interest: offer.interest, grace: offer.grace, conditions: [] },
      duration: Math.max(offer.duration, state.scenario.rules.loans.buildRounds + offer.grace + 1),
      status: "proposed",
      revision: 1,
      proposedBy: rival.country,
      signatures: [rival.country],
      steps: [{ round: state.round, phase: state.phase, what: "proposed", by: rival.country, revision: 1 }],
    };
  }
  // Courting hedgers with market access.
  for (const c of state.scenario.countries) {
    const s = state.countries[c.id]!;
    if (c.control !== "seat" || (s.stance !== "hedging" && s.stance !== "rival-leaning")) continue;
    bumpMetric(state, c.id, "prosperity", rival.courting.prosperity, `${rivalName} courts ${c.name} with market access`);
  }
}

function drift(state: GameState) {
  const rules = state.scenario.rules;
  bumpTable(state, "tension", -rules.tension.decay, "diplomacy cools tension");
  bumpTable(state, "cohesion", -rules.cohesion.decay, "attention drifts");
  const drag = (rules.tension.prosperityDrag * state.table.tension) / 100;
  for (const c of state.scenario.countries) {
    const s = state.countries[c.id]!;
    const otherSide = state.scenario.countries.filter((o) => (c.bloc === "rival" ? o.bloc !== "rival" : o.bloc === "rival")).map((o) => o.id);
    const exposure = otherSide.reduce((sum, id) => sum + (s.exposure[id] ?? 0), 0);
    bumpMetric(state, c.id, "prosperity", -drag * exposure, `trade chilled by tension ${Math.round(state.table.tension)}`);
    const change = state.changes[`${c.id}|prosperity`];
    const growth = change ? change.to - change.from : 0;
    bumpMetric(state, c.id, "support", rules.support.perProsperity * growth, growth >= 0 ? "voters feel the economy grow" : "voters feel the economy shrink");
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
    bumpMetric(state, c.id, "support", rules.afterFall, "a new government takes office");
    bumpMetric(state, c.id, "trust", -rules.fallTrust, "the government fell");
    news(state, "fall", `${countryName(state, c.id)}'s government fell; the new one is ${c.stance}.`);
  }
}

function expiry(state: GameState) {
  const kept = state.scenario.rules.trust.kept;
  for (const a of inForce(state)) {
    if ((a.endRound ?? Infinity) > state.round) continue;
    a.status = "expired";
    addStep(state, a, "expired");
    for (const p of a.parties) bumpMetric(state, p, "trust", kept, `${a.id} kept to its end`);
  }
}

/** The game is over: offers still open, and deals signed but not yet in force, lapse. */
export function endGame(state: GameState) {
  state.phase = "ended";
  for (const a of Object.values(state.agreements)) {
    if (a.status !== "proposed" && a.status !== "signed") continue;
    a.status = "lapsed";
    addStep(state, a, "lapsed");
  }
}

export function checkCrisis(state: GameState): boolean {
  if (state.table.tension < state.scenario.rules.tension.crisisAt || state.crisis) return state.crisis;
  state.crisis = true;
  endGame(state);
  news(state, "crisis", `Crisis: tension reached ${Math.round(state.table.tension)}. The game ends.`);
  return true;
}

export function snapshot(state: GameState) {
  const metrics: GameState["history"][number]["metrics"] = {};
  const capabilities: GameState["history"][number]["capabilities"] = {};
  for (const c of Object.values(state.countries)) {
    metrics[c.id] = { ...c.metrics };
    capabilities[c.id] = Object.fromEntries(SECTORS.map((s) => [s, c.sectors[s].capability])) as Record<Sector, number>;
  }
  return { round: state.round, metrics, capabilities, table: { ...state.table }, changes: Object.values(state.changes) };
}

/** Resolves the current round on `state` (mutated). */
export function resolveRound(state: GameState) {
  for (const c of state.scenario.countries) bumpCapital(state, c.id, c.capital, "income");
  automatedReplies(state);
  takeForce(state);
  const drag: Drag = new Map();
  const cover = new Map<string, Map<Sector, number>>();
  const before = new Map(
    Object.values(state.countries).map((c) => [c.id, state.scenario.rules.production.strategicSectors.reduce((s, x) => s + c.sectors[x].capability, 0)]),
  );
  exportControls(state, drag);
  screening(state);
  supply(state, cover);
  loans(state);
  alignment(state);
  standards(state);
  rnd(state);
  shortages(state, cover, drag);
  production(state, drag, before);
  rivalMoves(state);
  drift(state);
  expiry(state);
  state.restrictions = state.restrictions.filter((r) => r.untilRound > state.round);
  state.history.push(snapshot(state));
  if (!checkCrisis(state)) state.phase = "review";
}
