/**
 * The scenario file format (docs/RULES.md): every number the rules use comes from here.
 * A scenario file is untrusted input: `parseScenario` (./validate.ts) runs this schema and then
 * the semantic checks, and reports every problem with the JSON path of the field.
 */
import { z } from "zod";
import { lazy } from "../lazy.ts";
import { CONTROLS, COUNTRY_METRICS, PERSONALITIES, PROJECT_TYPES, STANCES, SUPPLY_SIDES, TABLE_METRICS } from "../engine/vocabulary.ts";
import { AGREEMENT_TYPES } from "../engine/agreements/index.ts";
import { Id, SectorSchema as SectorEnum } from "../engine/agreements/kit.ts";

/** The agreements' own id and sector schemas (shared/engine/agreements/kit.ts), under the names the scenario's schemas use. */
export { Id, SectorEnum };
/** Words of a scenario or a script: trimmed, not empty, at most `max` characters. */
export const Text = (max: number) => z.string().trim().min(1).max(max);
const Share = lazy(() => z.number().min(0).max(1));
const Meter = lazy(() => z.number().min(0).max(100));
const Positive = lazy(() => z.number().min(0));

export const CountryMetricEnum = lazy(() => z.enum(COUNTRY_METRICS));
export const TableMetricEnum = lazy(() => z.enum(TABLE_METRICS));
export const AgreementTypeEnum = lazy(() => z.enum(AGREEMENT_TYPES));
export const ProjectTypeEnum = lazy(() => z.enum(PROJECT_TYPES));
export const StanceEnum = lazy(() => z.enum(STANCES));
export const SupplySideEnum = lazy(() => z.enum(SUPPLY_SIDES));

/** A function, not an object of schemas: a module-level one would be built at import (shared/lazy.ts). */
const bounds = () => ({ atLeast: z.number().optional(), atMost: z.number().optional() });

/** Conditions of objectives (per country) and of the table's shared targets. */
export const ConditionSchema = lazy(() => z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("metric"), metric: CountryMetricEnum, ...bounds() }),
  z.strictObject({ kind: z.literal("table"), metric: TableMetricEnum, ...bounds() }),
  z.strictObject({ kind: z.literal("capability"), sector: SectorEnum, ...bounds() }),
  z.strictObject({
    kind: z.literal("agreement"),
    type: AgreementTypeEnum,
    sector: SectorEnum.optional(),
    with: z.array(Id).optional(),
    /** A supply deal counts only on this side of it ("sell" or "buy"); absent, either side counts (shared/engine/scoring.ts `dealCounts`). */
    as: SupplySideEnum.optional(),
    atLeast: z.number().int().min(1).default(1),
  }).refine((c) => !c.as || c.type === "supply", { message: "a side (as) is for supply deals only", path: ["as"], params: { text: "scenario.issue.sideSupplyOnly" } }),
  z.strictObject({ kind: z.literal("no-agreement"), type: AgreementTypeEnum, sector: SectorEnum.optional(), with: z.array(Id).optional() }),
  z.strictObject({ kind: z.literal("connected"), partner: Id, byMe: z.boolean().default(false) }),
  /** Partners with a built project; with `byBloc`, only projects financed by a lender of that bloc count. */
  z.strictObject({ kind: z.literal("partners-connected"), atLeast: z.number().int().min(0), byBloc: z.enum(["alliance", "rival", "swing", "partner"]).optional() }),
  z.strictObject({ kind: z.literal("standard"), technology: Id, option: Id }),
  z.strictObject({ kind: z.literal("regime"), sector: SectorEnum, atLeast: Share }),
  z.strictObject({ kind: z.literal("no-crisis") }),
  z.strictObject({ kind: z.literal("no-fall") }),
]));
export type Condition = z.infer<typeof ConditionSchema>;

export const ObjectiveSchema = lazy(() => z.strictObject({
  id: Id,
  text: Text(300),
  points: z.number().min(0).max(50),
  condition: ConditionSchema,
}));
/** On the wire a secret objective may carry its translations (language → text; shared/protocol/sections.ts). */
export type Objective = z.infer<typeof ObjectiveSchema> & { tr?: Record<string, string> };

export const WeightsSchema = lazy(() => z.strictObject({
  prosperity: Share,
  security: Share,
  influence: Share,
  trust: Share,
  support: Share,
}));

export const CountrySchema = lazy(() => z.strictObject({
  id: Id,
  name: Text(60),
  /**
   * How the name reads inside an English sentence when that differs from the bare name: "the
   * Netherlands" ("Controls by the Netherlands and the United States"; "The Netherlands declined"
   * at a sentence's start). Absent: the bare name ("Japan"). Labels (the map, seat lists, table
   * headers, the country's own panel) keep the bare name; a translation's name stands alone.
   */
  inSentence: Text(70).optional(),
  /** ISO 3166-1 numeric code, used to find the country on the map. */
  iso: z.string().regex(/^\d{3}$/),
  /** The seat's one-page brief: what it wants, what it will not accept, how it might open. Shown in its panel. */
  brief: z.strictObject({ interests: Text(400), redLines: Text(300), firstMoves: Text(400) }).optional(),
  control: z.enum(CONTROLS),
  bloc: z.enum(["alliance", "rival", "swing", "partner"]),
  stance: StanceEnum,
  personality: z.enum(PERSONALITIES),
  profile: Text(600),
  /** Capital received each round (abstract units of ~$10bn). */
  capital: Positive.max(100),
  metrics: z.strictObject({
    prosperity: Meter,
    security: Meter,
    influence: Meter,
    trust: Meter,
    support: Meter,
  }),
  sectors: z.partialRecord(
    SectorEnum,
    z.strictObject({ capability: z.number().min(0).max(10), chokepoint: Share, chokepointNote: Text(200).optional() }),
  ),
  /** Share of this country's trade that goes to each other country. */
  exposure: z.record(Id, Share),
  weights: WeightsSchema,
  objectives: z.array(ObjectiveSchema).max(6),
  secret: ObjectiveSchema,
  /** Its par: its typical score in the balance lab's games (docs/BALANCE.md); a seat "wins" against itself by beating it (shared/engine/scoring.ts `againstPar`). */
  par: z.number().min(0).max(300).optional(),
  /** Infrastructure this country wants built (developing partners and swing states). */
  needs: z.array(ProjectTypeEnum).max(5).default([]),
}));
export type CountryData = z.infer<typeof CountrySchema>;

const Target = lazy(() => z.union([Id, z.enum(["all", "seats", "alliance", "rival", "swing", "partner"])]));

/** The longest supply cut-off an effect may impose, in rounds (a card's, a facilitator's custom card's, a ruling's). */
export const RESTRICTION_ROUNDS_MAX = 10;

export const EffectSchema = lazy(() => z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("metric"), target: Target, metric: CountryMetricEnum, amount: z.number().min(-50).max(50) }),
  z.strictObject({ kind: z.literal("table"), metric: TableMetricEnum, amount: z.number().min(-50).max(50) }),
  z.strictObject({ kind: z.literal("capability"), target: Target, sector: SectorEnum, amount: z.number().min(-5).max(5) }),
  z.strictObject({ kind: z.literal("capital"), target: Target, amount: z.number().min(-50).max(50) }),
  z.strictObject({ kind: z.literal("stance"), target: Id, stance: StanceEnum }),
  /** A supply cut-off: `by` stops supplying `sector` to `on` for `rounds` rounds (a ban, a fire, a cut cable). */
  z.strictObject({ kind: z.literal("restriction"), by: Id, sector: SectorEnum, on: Target, rounds: z.number().int().min(1).max(RESTRICTION_ROUNDS_MAX) }),
]));
export type Effect = z.infer<typeof EffectSchema>;

/**
 * Pressure from a card: history did a thing that a seat now decides. Unless a regime of the
 * kind named is in force at this round's resolution, `unless` applies; if one is, `met` does.
 */
export const PressureSchema = lazy(() => z.strictObject({
  regime: z.strictObject({
    sector: SectorEnum,
    /** The country the regime must target (a regime on "outside" that covers it counts too). */
    target: Id,
    /** Countries that must all be members. */
    members: z.array(Id).min(1).max(8),
    /** The regime's effectiveness (its members' chokepoint share) must reach this. */
    atLeast: Share.default(0),
  }),
  unless: z.array(EffectSchema).max(8),
  met: z.array(EffectSchema).max(8).default([]),
}));
export type Pressure = z.infer<typeof PressureSchema>;

export const EventCardSchema = lazy(() => z.strictObject({
  id: Id,
  title: Text(100),
  date: Text(40),
  /** The year the card belongs to: the deck is drawn in era order (docs/RULES.md §2). Defaults to the first year in `date`. */
  era: z.number().int().min(1900).max(2100).optional(),
  /** A card that answers another (a rule's rescission) is drawn only after that card was played. */
  after: Id.optional(),
  text: Text(600),
  source: z.url(),
  effects: z.array(EffectSchema).max(12),
  pressures: z.array(PressureSchema).max(4).default([]),
}));
export type EventCard = z.infer<typeof EventCardSchema>;

export const StandardSchema = lazy(() => z.strictObject({
  id: Id,
  name: Text(60),
  sector: SectorEnum,
  /**
   * The round the race opens in (1 when absent): before it no coalition for it may be proposed
   * and no side sets its standard (docs/RULES.md §4.6; shared/engine/agreements/standards.ts
   * `raceOpen`). No later than the scenario's last round (shared/scenario/validate.ts).
   */
  opens: z.number().int().min(1).max(12).optional(),
  options: z
    .array(z.strictObject({ id: Id, name: Text(80) }))
    .min(2)
    .max(4),
}));

export const RivalSchema = lazy(() => z.strictObject({
  country: Id,
  /** Proposal types the automated rival signs when a seat offers them. */
  accepts: z.array(AgreementTypeEnum),
  retaliation: z.strictObject({
    threshold: Share,
    sector: SectorEnum,
    rounds: z.number().int().min(1).max(5),
    tension: z.number().min(0).max(30),
  }),
  loanOffer: z.strictObject({
    amount: z.number().min(1).max(60),
    interest: z.number().min(0).max(15),
    grace: z.number().int().min(0).max(5),
    duration: z.number().int().min(1).max(10),
  }),
  courting: z.strictObject({ prosperity: z.number().min(0).max(10) }),
  /** The option the rival backs in each standards race. */
  standards: z.record(Id, Id),
  /** The scenario's summary when a person plays the rival (the red cell, shared/scenario/red-cell.ts). */
  redCellSummary: Text(800).optional(),
}));

/** Every coefficient of the resolution (docs/RULES.md explains each). */
export const RulesSchema = lazy(() => z.strictObject({
  production: z.strictObject({
    growth: z.number().min(0).max(2),
    prosperity: z.number().min(-5).max(5),
    securityPerCapability: z.number().min(0).max(20),
    strategicSectors: z.array(SectorEnum).min(1),
  }),
  controls: z.strictObject({
    drag: z.number().min(0).max(3),
    frontierFactor: Share,
    revenueCost: z.number().min(0).max(40),
    security: z.number().min(0).max(10),
    tension: z.number().min(0).max(20),
    cohesionPerPartner: z.number().min(0).max(5),
    /** Share of a full cut-off that a regime causes its targets (a broad regime; frontier-only is scaled by frontierFactor). */
    shortage: Share,
    /** Capability in the sector at which a target is fully harmed: members' security scales with the targets' capability up to it. */
    harmCapability: z.number().min(0.5).max(10),
    /** Share of the members' lost sales that chokepoint holders outside the regime take over, times their chokepoint share. */
    backfill: z.number().min(0).max(3),
    /** How much a regime widens the global tech divide: times effectiveness and tier, for each target outside the rival bloc (half for a rival target). */
    divide: z.number().min(0).max(10).default(0),
  }),
  screening: z.strictObject({
    cohesion: z.number().min(0).max(5),
    prosperity: z.number().min(0).max(5),
    security: z.number().min(0).max(5),
    jvBonus: z.number().min(1).max(3),
  }),
  supply: z.strictObject({
    supplierProsperity: z.number().min(0).max(3),
    buyerSecurity: z.number().min(0).max(3),
    tableResilience: z.number().min(0).max(3),
    singleSourceFactor: Share,
    coInvestGrowth: z.number().min(0).max(1),
    /** Share of a supply deal's benefits a buyer gets when it is second-tier: outside a regime over the sector that its supplier belongs to, with no screening pact with that supplier. */
    secondTier: Share.default(1),
    /** Share of a supply deal's security and resilience a buyer gets from each further deal in a sector it already buys in that round (its first counts in full). */
    repeatBenefit: Share.default(1),
    /** Price a unit at which a supplier earns its full export prosperity; below it the gain falls in proportion (goods given away earn the giver nothing). 0: every sale earns it in full. */
    fullPrice: z.number().min(0).max(5).default(0),
  }),
  loans: z.strictObject({
    buildRounds: z.number().int().min(1).max(4),
    influencePerCapital: z.number().min(0).max(3),
    divideDrop: z.number().min(0).max(50),
    recipientProsperity: z.number().min(0).max(20),
    conditionInfluence: z.number().min(0).max(5),
    localJobsSupport: z.number().min(0).max(10),
    /** Interest (in %) a recipient carries without strain; each point above adds default risk. */
    safeInterest: z.number().min(0).max(15),
    defaultRiskPerPoint: Share,
    defaultTrust: z.number().min(0).max(30),
    /** How an automated recipient ranks competing offers: weight of each feature. */
    choice: z.strictObject({
      interest: z.number().min(0).max(5),
      grace: z.number().min(0).max(5),
      amount: z.number().min(0).max(1),
      affinity: z.number().min(0).max(10),
      condition: z.number().min(0).max(5),
    }),
  }),
  alignment: z.strictObject({
    cohesionPerClause: z.number().min(0).max(5),
    supportCostPerClause: z.number().min(0).max(30),
    tensionPerClause: z.number().min(0).max(5),
    securityPerClause: z.number().min(0).max(5),
    /** Share of a regime's revenue cost a member is spared when it has signed a statement naming the regime's target. */
    regimeDiscount: Share.default(0),
  }),
  standards: z.strictObject({
    influence: z.number().min(0).max(15),
    partnerWeight: z.number().min(0).max(5),
  }),
  rnd: z.strictObject({
    chancePerCapital: Share,
    maxChance: Share,
    breakthrough: z.number().min(0).max(3),
    learning: z.number().min(0).max(1),
    cohesion: z.number().min(0).max(5),
  }),
  shortage: z.strictObject({
    prosperity: z.number().min(0).max(10),
    security: z.number().min(0).max(10),
    resilience: z.number().min(0).max(10),
    support: z.number().min(0).max(10),
    /** Sectors whose goods feed others (critical minerals feed semiconductors and clean energy). */
    dependencies: z.partialRecord(SectorEnum, z.array(SectorEnum).max(6)),
    /** Capability lost in each dependent sector per point of shortage in the sector feeding it. */
    dependencyDrag: z.number().min(0).max(1),
  }),
  trust: z.strictObject({
    kept: z.number().min(0).max(20),
    withdraw: z.number().min(0).max(50),
    withdrawCohesion: z.number().min(0).max(30),
  }),
  tension: z.strictObject({
    decay: z.number().min(0).max(20),
    crisisAt: z.number().min(1).max(100),
    /** Prosperity lost per round at tension 100, per unit of trade exposure to the rival bloc. */
    prosperityDrag: z.number().min(0).max(30),
  }),
  cohesion: z.strictObject({ decay: z.number().min(0).max(20) }),
  support: z.strictObject({
    perProsperity: z.number().min(0).max(3),
    afterFall: Meter,
    fallTrust: z.number().min(0).max(50),
  }),
  scoring: z.strictObject({
    fallPenalty: z.number().min(0).max(100),
    missedTargetFactor: Share,
    /** Points for each unit of capital left at the end. */
    capitalValue: z.number().min(0).max(1),
  }),
}));
export type Rules = z.infer<typeof RulesSchema>;

/** The event card's and the review's clocks a game may set, in seconds (a scenario's, and a game's settings). */
export const EVENT_SECONDS = { min: 5, max: 600 } as const;
/** The negotiation's, the longest phase (an extend stops at its most left: server/rooms/phase-clock.ts). */
export const NEGOTIATION_SECONDS = { min: 30, max: 7200 } as const;
export const REVIEW_SECONDS = { min: 10, max: 1800 } as const;

/**
 * The event phase's clock: the event card's seconds for each card the round opens with (one at
 * least), so a round opening with four scheduled injects gives four cards' reading time
 * (docs/RULES.md §2). The room's clock and the consoles' warning about a crowded round both read it.
 */
export const eventPhaseSeconds = (eventSeconds: number, cards: number): number => eventSeconds * Math.max(1, cards);

export const ScenarioSchema = lazy(() => z.strictObject({
  id: Id,
  title: Text(80),
  summary: Text(800),
  year: z.number().int().min(1990).max(2100),
  rounds: z.number().int().min(1).max(12),
  timers: z.strictObject({
    eventSeconds: z.number().int().min(EVENT_SECONDS.min).max(EVENT_SECONDS.max),
    negotiationSeconds: z.number().int().min(NEGOTIATION_SECONDS.min).max(NEGOTIATION_SECONDS.max),
    reviewSeconds: z.number().int().min(REVIEW_SECONDS.min).max(REVIEW_SECONDS.max),
  }),
  table: z.strictObject({ cohesion: Meter, resilience: Meter, divide: Meter, tension: Meter }),
  countries: z.array(CountrySchema).min(2).max(40),
  standards: z.array(StandardSchema).max(6),
  rival: RivalSchema.optional(),
  events: z.array(EventCardSchema).min(1).max(60),
  targets: z.array(z.strictObject({ text: Text(200), condition: ConditionSchema })).min(1).max(10),
  rules: RulesSchema,
  debrief: z.array(Text(400)).min(1).max(20),
  sources: z.array(z.url()).default([]),
}));
export type Scenario = z.infer<typeof ScenarioSchema>;
export type ScenarioInput = z.input<typeof ScenarioSchema>;
