/**
 * Agreement rules that do not depend on the phase: who the parties are, whether terms make
 * sense in this world, which ministry handles them, and what they cost each party per round.
 */
import type { Draft, Terms } from "./actions.ts";
import type { Rules } from "../scenario/schema.ts";
import { refuse, type Refusal } from "./result.ts";
import type { Agreement, GameState } from "./types.ts";
import { AGREEMENT_NAMES, CLAUSE_NAMES, SECTOR_NAMES, projectLabel, withArticle } from "./vocabulary.ts";

const unique = (ids: string[]) => [...new Set(ids)];

/** Parties of a deal: named by the terms for supply deals and loans, listed otherwise. */
export function partiesOf(draft: Pick<Draft, "terms" | "parties">): string[] {
  const t = draft.terms;
  if (t.type === "supply") return unique([...t.suppliers, ...t.buyers]);
  if (t.type === "loan") return unique([...t.lenders, t.recipient]);
  return unique(draft.parties);
}

const MIN_PARTIES: Record<Terms["type"], number> = {
  "export-control": 1,
  screening: 2,
  supply: 2,
  loan: 2,
  alignment: 2,
  standards: 1,
  rnd: 2,
};

/** Checks a draft against the world; returns the parties or a refusal. */
export function checkDraft(state: GameState, draft: Draft, proposer: string): { ok: true; parties: string[] } | { ok: false; error: Refusal } {
  const t = draft.terms;
  const parties = partiesOf(draft);
  const name = (id: string) => state.scenario.countries.find((c) => c.id === id)?.name ?? id;
  for (const p of parties) if (!state.countries[p]) return refuse("rule/unknown_country", `There is no country "${p}" in this scenario.`);
  if (!parties.includes(proposer)) return refuse("rule/not_a_party", `${name(proposer)} must be a party to a deal it proposes.`);
  if (parties.length < MIN_PARTIES[t.type])
    return refuse("rule/too_few_parties", `${AGREEMENT_NAMES[t.type]} needs at least ${MIN_PARTIES[t.type]} parties.`);
  const rules = state.scenario.rules;
  switch (t.type) {
    case "export-control": {
      if (t.target !== "outside" && !state.countries[t.target]) return refuse("rule/unknown_country", `There is no country "${t.target}" to target.`);
      if (parties.includes(t.target)) return refuse("rule/target_is_party", "A regime cannot target one of its own members.");
      const holds = parties.some((p) => state.countries[p]!.sectors[t.sector].chokepoint > 0 || state.countries[p]!.sectors[t.sector].capability >= 3);
      if (!holds) return refuse("rule/nothing_to_control", `None of the members holds anything in ${SECTOR_NAMES[t.sector]} worth controlling.`);
      break;
    }
    case "supply": {
      if (t.suppliers.some((s) => t.buyers.includes(s))) return refuse("rule/supplier_is_buyer", "A country cannot be both supplier and buyer in one deal.");
      const weak = t.suppliers.find((s) => state.countries[s]!.sectors[t.sector].capability < 2);
      if (weak) return refuse("rule/cannot_supply", `${name(weak)} has too little ${SECTOR_NAMES[t.sector]} capability (below 2) to supply it.`);
      break;
    }
    case "loan": {
      if (t.lenders.includes(t.recipient)) return refuse("rule/lender_is_recipient", "A country cannot lend to itself.");
      const data = state.scenario.countries.find((c) => c.id === t.recipient)!;
      if (!data.needs.includes(t.project))
        return refuse("rule/project_not_needed", `${data.name} has not asked for ${withArticle(projectLabel(t.project))}.`);
      const taken = projectTaken(state, t);
      if (taken) return refuse("rule/project_taken", `${data.name}'s ${projectLabel(t.project)} is already financed (${taken.id}).`);
      const minimum = rules.loans.buildRounds + t.grace + 1;
      if (draft.duration < minimum)
        return refuse("rule/loan_too_short", `This loan must run at least ${minimum} rounds: ${rules.loans.buildRounds} to build, ${t.grace} of grace and one to repay.`);
      break;
    }
    case "alignment": {
      if (!state.countries[t.target]) return refuse("rule/unknown_country", `There is no country "${t.target}" to name.`);
      if (parties.includes(t.target)) return refuse("rule/target_is_party", "A statement cannot name one of its own signatories as the concern.");
      break;
    }
    case "standards": {
      const tech = state.scenario.standards.find((s) => s.id === t.technology);
      if (!tech) return refuse("rule/unknown_standard", `There is no standards race "${t.technology}" in this scenario.`);
      if (!tech.options.some((o) => o.id === t.option)) return refuse("rule/unknown_standard", `"${t.option}" is not an option for ${tech.name}.`);
      break;
    }
    case "screening":
    case "rnd":
      break;
  }
  return { ok: true, parties };
}

/**
 * The loan already financing this recipient's project (signed, in force, repaid, or built
 * before it broke or defaulted), if any: a project is financed and built once.
 */
export function projectTaken(state: GameState, t: { recipient: string; project: string }): Agreement | undefined {
  const built = state.scenario.rules.loans.buildRounds;
  return Object.values(state.agreements).find(
    (a) =>
      a.terms.type === "loan" &&
      a.terms.recipient === t.recipient &&
      a.terms.project === t.project &&
      (a.status === "in-force" || a.status === "signed" || a.status === "expired" || (a.built ?? 0) >= built),
  );
}

/** Capital a party pays in a round's resolution while the deal is in force (bots use it too, with the public rules). */
export function outlay(rules: Pick<Rules, "loans">, a: Pick<Agreement, "terms" | "parties">, country: string, built = 0): number {
  const t = a.terms;
  switch (t.type) {
    case "supply":
      return t.buyers.includes(country) ? (t.volume * t.price + t.coInvest) / t.buyers.length : 0;
    case "loan":
      return t.lenders.includes(country) && built < rules.loans.buildRounds ? t.amount / rules.loans.buildRounds / t.lenders.length : 0;
    case "rnd":
      return a.parties.includes(country) ? t.contribution : 0;
    default:
      return 0;
  }
}

/** Capital this country is already bound to pay next resolution (signed or in-force deals). */
export function committed(state: GameState, country: string, except?: string): number {
  let sum = 0;
  for (const a of Object.values(state.agreements)) {
    if (a.id === except) continue;
    if ((a.status === "in-force" || a.status === "signed") && a.parties.includes(country)) sum += outlay(state.scenario.rules, a, country, a.built ?? 0);
  }
  return sum;
}

/** What a country can spend at the next resolution: its reserve plus a round's income. */
export function available(state: GameState, country: string): number {
  const data = state.scenario.countries.find((c) => c.id === country);
  return (state.countries[country]?.capital ?? 0) + (data?.capital ?? 0);
}

export function checkBudget(state: GameState, a: Pick<Agreement, "terms" | "parties" | "id">, country: string): Refusal | null {
  const cost = outlay(state.scenario.rules, a, country);
  if (cost <= 0) return null;
  const free = available(state, country) - committed(state, country, a.id);
  if (cost > free + 1e-9)
    return {
      code: "rule/insufficient_capital",
      message: `This deal costs ${fmt(cost)} capital a round, and only ${fmt(Math.max(0, free))} is not already committed.`,
    };
  return null;
}

const fmt = (x: number) => (Math.round(x * 10) / 10).toString();

const verb = (subjects: string[], plural: string, singular: string) => (subjects.length === 1 ? singular : plural);

/** One line that says what a deal is, for news, the ledger and the report. */
export function describe(state: Pick<GameState, "scenario">, a: Pick<Agreement, "terms" | "parties">): string {
  const name = (id: string) => (id === "outside" ? "everyone outside" : (state.scenario.countries.find((c) => c.id === id)?.name ?? id));
  const list = (ids: string[]) => ids.map(name).join(", ");
  const t = a.terms;
  switch (t.type) {
    case "export-control":
      return `${list(a.parties)} ${verb(a.parties, "control", "controls")} ${t.tier === "frontier" ? "frontier" : "all"} ${SECTOR_NAMES[t.sector]} exports to ${name(t.target)}`;
    case "screening":
      return `${list(a.parties)} treat each other as trusted investors`;
    case "supply":
      return `${list(t.suppliers)} ${verb(t.suppliers, "supply", "supplies")} ${SECTOR_NAMES[t.sector]} to ${list(t.buyers)}: ${t.volume} a round at ${t.price}${t.coInvest ? `, co-investing ${t.coInvest}` : ""}`;
    case "loan":
      return `${list(t.lenders)} ${verb(t.lenders, "lend", "lends")} ${t.amount} to ${name(t.recipient)} for ${withArticle(projectLabel(t.project))} at ${t.interest}% (${t.grace} rounds' grace)${t.conditions.length ? `, conditions: ${t.conditions.join(", ")}` : ""}`;
    case "alignment":
      return `${list(a.parties)} state: ${t.clauses.map((c) => CLAUSE_NAMES[c].toLowerCase()).join("; ")} (concerning ${name(t.target)})`;
    case "standards": {
      const tech = state.scenario.standards.find((s) => s.id === t.technology);
      const opt = tech?.options.find((o) => o.id === t.option);
      return `${list(a.parties)} ${verb(a.parties, "back", "backs")} ${opt?.name ?? t.option} for ${tech?.name ?? t.technology}`;
    }
    case "rnd":
      return `${list(a.parties)} pool ${t.contribution} each a round for joint ${SECTOR_NAMES[t.sector]} research`;
  }
}
