/**
 * The contract every agreement type's module fulfils (docs/ARCHITECTURE.md, "Adding an
 * agreement type"), and the small pieces the modules share. A module holds everything about
 * its type: the terms schema, who the parties are, the checks of a draft, the capital it
 * costs, the sentence that describes it, its step of the round's resolution, the deal form's
 * fields and the hooks bots value it with. The registry (./index.ts) lists the modules.
 */
import { z } from "zod";
import { lazy } from "../../lazy.ts";
import type { Rules, Scenario } from "../../scenario/schema.ts";
import type { RuleCode } from "../result.ts";
import type { Agreement, GameState } from "../types.ts";
import type { CountryView, GameView } from "../views.ts";
import {
  SECTORS,
  type AlignmentClause,
  type CountryMetric,
  type LoanCondition,
  type ProjectType,
  type Role,
  type Sector,
  type Stance,
  type TableMetric,
} from "../vocabulary.ts";
import type { Text } from "../text.ts";

/** An id (a country, a card, a deal, a game's scenario): the one schema of ids, which the actions, scenario and protocol schemas import from here. */
export const Id = lazy(() => z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/, "an id of letters, digits, - or _"));
/** Whether a list names each thing once: a deal's lists do (a statement's clauses, a loan's lenders and conditions, a supply deal's suppliers and buyers; docs/RULES.md §4). */
export const distinct = (list: readonly unknown[]): boolean => new Set(list).size === list.length;
export const DISTINCT = "each at most once";
/** A deal's list of countries (lenders, suppliers, buyers): each named once. */
export const Ids = lazy(() => z.array(Id).min(1).max(40).refine(distinct, DISTINCT));
export const SectorSchema = lazy(() => z.enum(SECTORS));

// ------------------------------------------------------------------ checks

/**
 * The public facts a draft is checked against. The server passes the game state; the client
 * passes its view, which lacks the scenario's rules and private offers: checks that need them
 * are then left to the server's answer.
 */
export type DraftWorld = {
  country(id: string): { name: string; stance: Stance; sectors: Record<Sector, { capability: number; chokepoint: number }>; needs: readonly string[] } | undefined;
  standards: Scenario["standards"];
  /** The round now, when the reader knows it: a standards race is refused before the round it opens in. */
  round?: number;
  rules?: Pick<Rules, "loans">;
  /** The id of the loan already financing a recipient's project, if any. */
  financed?(recipient: string, project: string): string | undefined;
  /** The id of a signed or in-force regime that stops `supplier` selling `sector` goods to `buyer`. */
  controlled?(supplier: string, buyer: string, sector: Sector): string | undefined;
  /** Signed or in-force agreements of a type that `country` is a party to (the world's commitments). */
  commitments?(country: string, type: string): readonly Pick<Agreement, "id" | "terms" | "parties">[];
};

/** A refusal of a draft, with the deal-form field it is about. */
export type Problem = { code: RuleCode; text: Text; field: string };

export const problem = (code: RuleCode, field: string, said: Text): Problem => ({ code, text: said, field });

// ------------------------------------------------------------------ resolution

/** Growth lost per country and sector this round, with its causes. */
export type Drag = Map<string, Map<Sector, { amount: number; label: Text }[]>>;

/** What one round's resolution steps hand each other. */
export type RoundWork = {
  drag: Drag;
  /** Supply bought this round per country and sector: it covers shortages. */
  cover: Map<string, Map<Sector, number>>;
};

export function addDrag(drag: Drag, country: string, sector: Sector, amount: number, label: Text) {
  if (amount <= 0) return;
  let m = drag.get(country);
  if (!m) drag.set(country, (m = new Map()));
  m.set(sector, [...(m.get(sector) ?? []), { amount, label }]);
}

// ------------------------------------------------------------------ the deal form

/** The deal builder's values: one flat form for every type (each type reads the fields it lists). */
export type FormValues = {
  parties: string[];
  duration: number;
  sector: Sector;
  tier: "frontier" | "broad";
  target: string;
  suppliers: string[];
  buyers: string[];
  volume: number;
  price: number;
  coInvest: number;
  lenders: string[];
  recipient: string;
  project: ProjectType;
  amount: number;
  interest: number;
  grace: number;
  conditions: LoanCondition[];
  clauses: AlignmentClause[];
  technology: string;
  option: string;
  contribution: number;
};
export type FormField = keyof FormValues;

// ------------------------------------------------------------------ what a deal says

/** One value of a deal's summary, typed so each reader renders it in its own words. */
export type SummaryPart =
  | { countries: readonly string[] }
  | { country: string }
  /** `inline`: inside a sentence, where a language that capitalizes names writes it lower-case. */
  | { sector: Sector; inline?: true }
  | { num: number; digits?: number }
  /** Catalog labels (`prefix.id`), lower-cased, joined by `join`. */
  | { labels: readonly string[]; prefix: "tier" | "project" | "condition" | "clause"; join: ", " | "; " }
  /** A plural phrase of the catalog (`key.one` / `key.other`). */
  | { plural: string; count: number }
  | { technology: string }
  | { option: string; technology: string };

/**
 * What a deal says, as data: the catalog's sentence `deal.<type>` with these parameters,
 * then each extra clause `deal.<type>.<key>` (e.g. a loan's conditions) when present.
 */
export type DealSummary = { params: Record<string, SummaryPart>; extras: { key: string; params: Record<string, SummaryPart> }[] };

// ------------------------------------------------------------------ bots' valuation

export type FlowKey = CountryMetric | "capital" | `cap:${Sector}`;
/** Each sector's capability key, made once (a key built at every flow is a new string to compare, thousands a decision). */
export const CAPABILITY_KEY = Object.fromEntries(SECTORS.map((s) => [s, `cap:${s}`])) as { readonly [S in Sector]: `cap:${S}` };
/**
 * The label of the flows of the rival's answer to a regime that bites (its ban on its goods to
 * every member, export-control.ts): a bot names that cost in its reasons (shared/bots/value.ts `banOf`).
 */
export const RETALIATION = "retaliatory export ban";
/** A change to one country's number, `perRound` in each of `rounds` rounds; `from`: rounds from now until it starts. */
export type Flow = { who: string; key: FlowKey; perRound: number; rounds: number; label: string; delayed?: boolean; from?: number };
/** A change to a table metric. */
export type TableFlow = { key: TableMetric; perRound: number; rounds: number; label: string; delayed?: boolean };

/** What a deal is projected to do over the rest of the game, from public numbers only. */
export type Projection = {
  type: Agreement["type"];
  parties: string[];
  /** The deal's terms, for what its numbers do not say (the side a party is on: scoring.ts `dealCounts`). */
  terms: Agreement["terms"];
  /** The deal's sector, and the country an export control or a statement names. */
  sector?: Sector;
  target?: string;
  /** Countries an export control hits (a named target, or everyone outside with capability). */
  targets?: string[];
  /** Rounds the deal acts within the game (this one included). */
  horizon: number;
  /** Fewer than the deal's length: the game ends first, or the deal has run some of its rounds already. */
  cut?: boolean;
  flows: Flow[];
  table: TableFlow[];
  /** A loan's project completes within the game: who it connects. */
  connects?: { recipient: string; lenders: string[]; chance: number };
  /** An export-control regime that will still be in force at the end. */
  regime?: { sector: Sector; effectiveness: number; targetsRival: boolean; untilEnd: boolean };
  /** A standards coalition: the option it backs and whether that option would lead. */
  standard?: { technology: string; option: string; leads: boolean };
};

/** What a bot knows when it values a deal: its view and the public rules, with quick lookups. */
export type PublicWorld = {
  view: Pick<GameView, "countries" | "agreements" | "restrictions" | "scenario">;
  ctx: { rules: Rules; rival?: Scenario["rival"] };
  byId: Map<string, CountryView>;
  round: number;
  lastRound: number;
  /** Rounds left including the current one. */
  left: number;
  rivalId?: string;
  /** Supply cover a country already has per sector (in-force or signed supply deals). */
  cover: Map<string, Map<Sector, number>>;
  /**
   * The same object in every seat's world made from the same deals, countries and round (a
   * bot's epoch), and in a copy of a world that carries the open offers: what is worked out
   * from the public deals and the countries' public numbers (never a secret objective or a
   * brief, the only parts of a view that differ between seats) is kept by it, once for all seats.
   */
  shared: object;
};

/** Collects a projection's flows. */
export type Projector = {
  flow(who: string, key: FlowKey, perRound: number, rounds: number, label: string, delayed?: boolean): void;
  tflow(key: TableMetric, perRound: number, rounds: number, label: string, delayed?: boolean): void;
  /** Capability, which in a strategic sector also shows up as security. */
  capability(who: string, sector: Sector, perRound: number, rounds: number, label: string, delayed?: boolean): void;
  /** A flow exactly as given (one that starts later: `from`). */
  push(flow: Flow): void;
};

/** The deal a projection is about, with the rounds it acts in. */
export type Projected<T> = {
  terms: T;
  parties: string[];
  duration: number;
  /** The round whose resolution it first acts in, and its last round within the game. */
  start: number;
  end: number;
  horizon: number;
  /** Set when projecting an agreement already signed or in force. */
  existing?: Agreement;
};

/** What a random player needs to draw well-formed terms (in a fixed order, for replays). */
export type RandomDraw = {
  state: GameState;
  seat: string;
  others: string[];
  /** A sector already drawn for this proposal. */
  sector: Sector;
  some(n: number): string[];
  pick<X>(items: readonly X[]): X;
  sample<X>(items: readonly X[], n: number): X[];
  random(): number;
  int(n: number): number;
};

/** Changed terms, and a changed length when it changes. */
export type Variant<T> = { terms: T; duration?: number };
/** The same terms one round shorter, when the deal runs more than one. */
export const shorter = <T>(terms: T, duration: number): Variant<T>[] => (duration > 1 ? [{ terms, duration: duration - 1 }] : []);
export const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

export type BotHooks<T> = {
  /** Taking this kind of deal puts a country in a camp: hedgers count it as a cost. */
  takesSides: boolean;
  /** Whether this round's preview shows the deal whole (a loan first builds for rounds). */
  previewShowsAll: boolean;
  /** Whether only the preview's capital line is exact (research results are a gamble the model averages). */
  previewCapitalOnly?: boolean;
  /** Whether the deal takes something from `me` every round (only those can pay to break). */
  costsEachRound(terms: T, me: string): boolean;
  /**
   * The countries `me` gives its goods or its research to under the deal (a supply deal's buyers
   * when it supplies, the other members of joint R&D): a bot whose personality keeps them from the
   * other camp weighs it (shared/bots/value.ts `otherSide`). Absent: the kind supplies nobody.
   */
  supplies?(terms: T, parties: readonly string[], me: string): readonly string[];
  /** Two drafts with the same key are the same deal for a bot; `partiesMatter`: unless their parties differ. */
  sameDealKey(terms: T): string;
  partiesMatter: boolean;
  /**
   * Small changes of terms that favour `who` (a party), nearest first: a bot counters an offer
   * with them (favouring itself) and sweetens a proposal (favouring the other side).
   */
  variants(w: PublicWorld, deal: { terms: T; parties: string[]; duration: number }, who: string): Variant<T>[];
  /** The deal's flows over the rest of the game (formulas of `resolve`, in expectation). */
  project(w: PublicWorld, deal: Projected<T>, acc: Projector, out: Projection): void;
  /**
   * false: its projection never moves the table, connects a partner or makes a regime, all that
   * an outlook (shared/bots/value.ts `outlookOf`) reads of a deal made, so the outlook does not
   * project it (tests/bots/model.test.ts holds this on every deal of played games).
   */
  outlook?: false;
  /** Well-formed random terms and listed parties for the random player and the preview's tests. */
  random(d: RandomDraw): { terms: T; parties: string[] };
};

/** One agreement type, whole. */
export type AgreementKind<T extends { type: string }> = {
  type: T["type"];
  /**
   * Words a person uses for it in chat, in English and Chinese, that the bots' question grammar
   * (shared/bots/intents.ts) recognises; the registry's order is the order they are tried in.
   */
  words: RegExp;
  /** The ministry that proposes, signs and withdraws it (the three legs). */
  role: Role;
  minParties: number;
  schema: z.ZodType<T, unknown> & { shape: Record<string, z.ZodType> };
  /** The parties: named by the terms (supply deals, loans) or listed. */
  parties(terms: T, listed: readonly string[]): string[];
  /** The fewest rounds the deal may run. */
  minDuration(rules: { loans: Pick<Rules["loans"], "buildRounds"> }, terms: T): number;
  /** What is wrong with these terms in this world (parties already known to exist), or null. */
  check(world: DraftWorld, terms: T, parties: string[], duration: number): Problem | null;
  /**
   * Whether `who` joining this deal clashes with what it has already signed (a second side of a
   * race, a second pact with the same partner): checked for every party on proposal and for
   * the signer on signature.
   */
  conflict?(world: DraftWorld, terms: T, parties: string[], who: string): Problem | null;
  /**
   * The deal without `who`, when the others can carry on (a deal of three or more parties whose
   * terms still stand without it): the defector alone leaves. Null when the deal ends.
   */
  without(terms: T, parties: readonly string[], who: string): { terms: T; parties: string[] } | null;
  /** Capital `country` pays in a round's resolution while the deal is in force. */
  outlay(rules: Pick<Rules, "loans">, terms: T, parties: readonly string[], country: string, built: number): number;
  /** What the deal says, as data every reader renders in their language (news, ledger, report, the deal panels). */
  summary(terms: T, parties: string[]): DealSummary;
  /**
   * What a preview of this round's changes leaves out for `seat`, a line each: effects spread
   * over later rounds (a loan's financing and its project, its repayments past the game's end),
   * or why the deal bites nobody (a regime whose members hold none of the chokepoints). `state`
   * is the round resolved with the deal, `a` the deal as it then stands.
   */
  note?(state: GameState, a: Agreement, seat: string): Text | Text[] | undefined;
  /** Its step of the round's resolution (the registry's order is the resolution order). */
  resolve(state: GameState, work: RoundWork): void;
  /** The deal form: the fields it shows, in order, and how terms map to them. */
  form: {
    fields: readonly FormField[];
    read(terms: T): Partial<FormValues>;
    write(form: FormValues): { terms: T; parties: string[] };
  };
  bots: BotHooks<T>;
};

export const defineAgreement = <T extends { type: string }>(kind: AgreementKind<T>): AgreementKind<T> => kind;

/** `ids` without repeats, in order of first appearance (a loop: the lists are a handful of countries, and a Set per call was a hot allocation of the bots' projections). */
export function unique(ids: readonly string[]): string[] {
  const out: string[] = [];
  for (const id of ids) if (!out.includes(id)) out.push(id);
  return out;
}

/** `without` for a deal whose parties are listed: the others carry on if three or more signed and enough remain. */
export const leaveListed =
  (minParties: number) =>
  <T>(terms: T, parties: readonly string[], who: string): { terms: T; parties: string[] } | null => {
    const rest = parties.filter((p) => p !== who);
    return parties.length >= 3 && rest.length >= minParties ? { terms, parties: rest } : null;
  };
