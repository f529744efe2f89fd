/**
 * The registry of agreement types: the one place they are listed (tests/architecture.test.ts
 * checks that no other source file enumerates them). Each type is a module beside this file
 * (see ./kit.ts for what a module holds); the order here is the order in which the round's
 * resolution runs them (docs/RULES.md §5). The rest of this file is the
 * type-independent part of an agreement's rules: parties, checks, costs and descriptions,
 * dispatched to the modules.
 */
import { z } from "zod";
import { lazy } from "../../lazy.ts";
import type { Rules } from "../../scenario/schema.ts";
import type { Refusal } from "../result.ts";
import type { Agreement, AgreementStep, GameState } from "../types.ts";
import type { Role, Sector } from "../vocabulary.ts";
import { alignment, AlignmentSchema } from "./alignment.ts";
import { blockingRegime, exportControl, ExportControlSchema } from "./export-control.ts";
import type { AgreementKind, DealSummary, DraftWorld, Problem, RoundWork, SummaryPart } from "./kit.ts";
import { loan, projectTaken, LoanSchema } from "./loan.ts";
import { rnd, RndSchema } from "./rnd.ts";
import { screening, ScreeningSchema } from "./screening.ts";
import { standards, StandardsSchema } from "./standards.ts";
import { supply, SupplySchema } from "./supply.ts";
import { countries, country, option, ref, sector, text, type Arg, type Text } from "../text.ts";

/** Typed terms for each agreement type (docs/RULES.md, the agreements section). */
export const TermsSchema = lazy(() => z.discriminatedUnion("type", [ExportControlSchema, ScreeningSchema, SupplySchema, LoanSchema, AlignmentSchema, StandardsSchema, RndSchema]));
export type Terms = z.infer<typeof TermsSchema>;
export type TermsOf<T extends Terms["type"]> = Extract<Terms, { type: T }>;
export type AgreementType = Terms["type"];

type AnyKind = AgreementKind<Terms>;
/** Every type's module, in resolution order. */
export const AGREEMENTS: readonly AnyKind[] = [exportControl, screening, supply, loan, alignment, standards, rnd] as unknown as AnyKind[];

export const AGREEMENT_TYPES = AGREEMENTS.map((k) => k.type) as unknown as readonly [AgreementType, ...AgreementType[]];

const BY_TYPE = new Map(AGREEMENTS.map((k) => [k.type, k]));

/** The module of a type. */
export function kindOf<T extends AgreementType>(type: T): AgreementKind<TermsOf<T>> {
  return BY_TYPE.get(type) as unknown as AgreementKind<TermsOf<T>>;
}
/** The module of these terms, typed for calls that pass the terms back to it. */
export const kindFor = (terms: Terms): AgreementKind<Terms> => BY_TYPE.get(terms.type)!;

/** Which ministry may propose, amend, sign, decline or withdraw each type (the three legs). */
export const ROLE_FOR_TYPE = Object.fromEntries(AGREEMENTS.map((k) => [k.type, k.role])) as Record<AgreementType, Role>;

/** Parties of a deal: named by the terms for supply deals and loans, listed otherwise. */
export function partiesOf(draft: { terms: Terms; parties?: readonly string[] }): string[] {
  return kindFor(draft.terms).parties(draft.terms, draft.parties ?? []);
}

/**
 * Checks a draft against the world's public facts: the proposer is a party, every party
 * exists, there are enough of them, and the type's own checks. The client's deal form calls
 * this too, so a player sees the engine's own refusal next to the field before sending.
 */
export function checkTerms(world: DraftWorld, draft: { terms: Terms; parties?: readonly string[]; duration: number }, proposer: string): Problem | null {
  const kind = kindFor(draft.terms);
  const parties = partiesOf(draft);
  const listField = kind.form.fields[0] ?? "parties";
  for (const p of parties) if (!world.country(p)) return { code: "rule/unknown_country", field: listField, text: text("refusal.unknownCountry", { id: p }) };
  if (!parties.includes(proposer)) return { code: "rule/not_a_party", field: listField, text: text("refusal.proposerNotParty", { country: country(proposer) }) };
  if (parties.length < kind.minParties) return { code: "rule/too_few_parties", field: listField, text: text("refusal.tooFewParties", { type: ref("type", kind.type), count: kind.minParties }) };
  const problem = kind.check(world, draft.terms, parties, draft.duration);
  if (problem || !kind.conflict) return problem;
  for (const p of parties) {
    const clash = kind.conflict(world, draft.terms, parties, p);
    if (clash) return clash;
  }
  return null;
}

/**
 * Whether `seat` signing `a` now clashes with what was signed since the offer was made: its
 * project financed by another loan, or a deal of any party's the signature would contradict
 * (`seat`'s own first): a second screening pact for a pair, the other side of a standards race,
 * a second export-control regime on the same sector and target.
 * Every party, as at proposal (`checkTerms`): the last signature makes the deal, whoever gives
 * it. The client reads the same from the deals every viewer sees (client/model/deals.ts).
 */
export function signingClash(world: DraftWorld, a: Pick<Agreement, "terms" | "parties">, seat: string): Problem | null {
  if (a.terms.type === "loan") {
    const taken = world.financed?.(a.terms.recipient, a.terms.project);
    if (taken) return { code: "rule/project_taken", field: "project", text: text("refusal.projectTakenShort", { id: taken }) };
  }
  const kind = kindFor(a.terms);
  if (!kind.conflict) return null;
  for (const p of [seat, ...a.parties.filter((x) => x !== seat)]) {
    const clash = kind.conflict(world, a.terms, a.parties, p);
    if (clash) return clash;
  }
  return null;
}

export function checkSigning(state: GameState, a: Agreement, seat: string): Refusal | null {
  // Most deals have nothing to clash with: no world is built for them (bots check every signature).
  if (a.terms.type !== "loan" && !kindFor(a.terms).conflict) return null;
  const clash = signingClash(draftWorld(state), a, seat);
  return clash ? { code: clash.code, text: clash.text } : null;
}

/** The game state as a draft's checks see it. */
export function draftWorld(state: GameState): DraftWorld {
  return {
    country(id) {
      const live = state.countries[id];
      const data = state.scenario.countries.find((c) => c.id === id);
      return live && data ? { name: data.name, stance: live.stance, sectors: live.sectors, needs: data.needs } : undefined;
    },
    standards: state.scenario.standards,
    round: state.round,
    rules: state.scenario.rules,
    // Methods rather than arrow properties: a build that keeps function names (tsx) wraps each
    // arrow in a call that defines its name, on every draft checked.
    financed(recipient, project) {
      return projectTaken(state, { recipient, project })?.id;
    },
    commitments(country, type) {
      return state.agreements.filter((a) => a.type === type && (a.status === "signed" || a.status === "in-force") && a.parties.includes(country));
    },
    controlled(supplier, buyer, sector) {
      return blockingRegime(state.agreements, (id, s) => state.countries[id]?.sectors[s].capability ?? 0, supplier, buyer, sector, true)?.id;
    },
  };
}

/** A deal's sector, for the kinds that have one (supply, R&D, export controls...). */
export const sectorOf = (terms: object): Sector | undefined => (terms as { sector?: Sector }).sector;

/** Whether a step made a new revision of an offer: an amendment, or a party stepping out of it. */
export const amends = (s: Pick<AgreementStep, "what">): boolean => s.what === "amended" || s.what === "stepped-out";

/**
 * The amendment that takes `seat` out of offer `a`: the deal as it would stand had `seat`
 * withdrawn (the type's `without`), or null when an offer of two, or one that does not stand
 * without it. What `leavingOffer` accepts; a bot's "stayed out" and a person's "Stay out" send it.
 */
export function leaveDraft(a: Pick<Agreement, "terms" | "parties" | "duration">, seat: string): { terms: Terms; parties: string[]; duration: number } | null {
  if (a.parties.length < 3 || !a.parties.includes(seat)) return null;
  const rest = kindFor(a.terms).without(a.terms, a.parties, seat);
  return rest ? { terms: rest.terms, parties: [...rest.parties], duration: a.duration } : null;
}

/**
 * Whether an amendment of offer `a` by `seat` takes `seat` out of it and changes nothing else:
 * the deal as it would stand had `seat` withdrawn (the type's `without`, the rule for leaving a
 * deal of three or more; docs/RULES.md, life of a deal). Returns the remaining party whose
 * proposal the rest is checked as (the proposer, if it stays), or null.
 */
export function leavingOffer(a: Pick<Agreement, "terms" | "parties" | "duration" | "proposedBy">, draft: { terms: Terms; parties?: readonly string[]; duration: number }, seat: string): string | null {
  const parties = partiesOf(draft);
  if (parties.includes(seat) || draft.duration !== a.duration) return null;
  const rest = kindFor(a.terms).without(a.terms, a.parties, seat);
  if (!rest || parties.length !== rest.parties.length || parties.some((p) => !rest.parties.includes(p)) || !same(draft.terms, rest.terms)) return null;
  return rest.parties.includes(a.proposedBy) ? a.proposedBy : rest.parties[0]!;
}

/** Deep equality of plain data (terms), whatever the order of an object's fields. */
function same(x: unknown, y: unknown): boolean {
  if (x === y) return true;
  if (!x || !y || typeof x !== "object" || typeof y !== "object" || Array.isArray(x) !== Array.isArray(y)) return false;
  const a = x as Record<string, unknown>;
  const b = y as Record<string, unknown>;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && same(a[k], b[k]));
}

/** Checks a draft against the world; returns the parties or a refusal. */
export function checkDraft(state: GameState, draft: { terms: Terms; parties?: readonly string[]; duration: number }, proposer: string): { ok: true; parties: string[] } | { ok: false; error: Refusal } {
  const problem = checkTerms(draftWorld(state), draft, proposer);
  if (problem) return { ok: false, error: { code: problem.code, text: problem.text } };
  return { ok: true, parties: partiesOf(draft) };
}

/** Capital a party pays in a round's resolution while the deal is in force (bots use it too, with the public rules). */
export function outlay(rules: Pick<Rules, "loans">, a: Pick<Agreement, "terms" | "parties">, country: string, built = 0): number {
  return kindFor(a.terms).outlay(rules, a.terms, a.parties, country, built);
}

/** Capital this country is already bound to pay next resolution (signed or in-force deals). */
export function committed(state: GameState, country: string, except?: string): number {
  let sum = 0;
  for (const a of state.agreements) {
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

/** Whether `country` can pay its part of `a` next resolution beside what it is already bound to pay (`id`: the deal `a` replaces, if it is one; a new draft has none). */
export function checkBudget(state: GameState, a: Pick<Agreement, "terms" | "parties"> & { id?: string | undefined }, country: string): Refusal | null {
  const cost = outlay(state.scenario.rules, a, country);
  if (cost <= 0) return null;
  const free = available(state, country) - committed(state, country, a.id);
  if (cost > free + 1e-9)
    return { code: "rule/insufficient_capital", text: text("refusal.insufficientCapital", { cost: fmt(cost), free: fmt(Math.max(0, free)) }) };
  return null;
}

const fmt = (x: number) => Math.round(x * 10) / 10;

/**
 * What a deal is, as a text every reader renders in their language (news, the ledger, the
 * report, the deal panels): the catalog's `deal.<type>` with the summary's parameters; each
 * extra clause (`deal.<type>.<key>`, e.g. a loan's conditions) fills the placeholder of its key.
 */
export function describe(a: Pick<Agreement, "terms" | "parties">): Text {
  const s = summarize(a);
  const type = a.terms.type;
  // Loops, not entries and spreads: every signature and every deal taking force describes it.
  const out = args(s.params);
  for (const x of s.extras) out[x.key] = text(`deal.${type}.${x.key}`, args(x.params));
  return text(`deal.${type}`, out);
}

function args(params: Record<string, SummaryPart>): Record<string, Arg> {
  const out: Record<string, Arg> = {};
  for (const k in params) out[k] = summaryArg(params[k]!);
  return out;
}

/** One value of a summary as a text argument. */
function summaryArg(p: SummaryPart): Arg {
  if ("countries" in p) return countries(p.countries);
  if ("country" in p) return country(p.country);
  if ("sector" in p) return p.inline ? ref("sector", p.sector, true) : sector(p.sector);
  if ("num" in p) return p.num;
  if ("labels" in p) return { list: p.labels.map((id) => (p.prefix === "tier" ? text(`deal.tier.${id}`) : ref(p.prefix, id, true))) };
  if ("plural" in p) return text(p.plural, { count: p.count });
  if ("option" in p) return option(p.technology, p.option, true);
  return ref("technology", p.technology);
}

/** What a deal says, as data for the client's catalog. */
export function summarize(a: Pick<Agreement, "terms" | "parties">): DealSummary {
  return kindFor(a.terms).summary(a.terms, a.parties);
}

/** Each type's step of the round's resolution, in the registry's order. */
export function resolveAgreements(state: GameState, work: RoundWork) {
  for (const kind of AGREEMENTS) kind.resolve(state, work);
}

export { projectTaken };
export type { AgreementKind, DraftWorld, Problem } from "./kit.ts";
