/**
 * The fixed vocabulary of the game: sectors, roles, metrics, projects, stances.
 * Agreement types are listed in their registry, shared/engine/agreements/index.ts. Their
 * names in each language are catalog keys (client/i18n), never here.
 * Unions are `as const` arrays so zod schemas and TypeScript types share one source.
 */

export const SECTORS = ["semis", "ai", "quantum", "telecom", "minerals", "biotech", "energy"] as const;
export type Sector = (typeof SECTORS)[number];

/** The three ministries of a team (docs/RULES.md §1). */
export const ROLES = ["diplomat", "regulator", "envoy"] as const;
export type Role = (typeof ROLES)[number];

export const COUNTRY_METRICS = ["prosperity", "security", "influence", "trust", "support"] as const;
export type CountryMetric = (typeof COUNTRY_METRICS)[number];

export const TABLE_METRICS = ["cohesion", "resilience", "divide", "tension"] as const;
export type TableMetric = (typeof TABLE_METRICS)[number];

export const PROJECT_TYPES = ["cable", "5g", "grid", "datacentre", "corridor"] as const;
export type ProjectType = (typeof PROJECT_TYPES)[number];

export const LOAN_CONDITIONS = ["trusted-vendors", "open-standards", "local-jobs"] as const;
export type LoanCondition = (typeof LOAN_CONDITIONS)[number];

export const ALIGNMENT_CLAUSES = [
  "threat-assessment",
  "supply-chain-risk",
  "surveillance-norms",
  "secure-infrastructure",
] as const;
export type AlignmentClause = (typeof ALIGNMENT_CLAUSES)[number];

/** Stance runs from firmly in the alliance camp to firmly in the rival's. */
export const STANCES = ["aligned", "leaning", "hedging", "rival-leaning", "rival"] as const;
export type Stance = (typeof STANCES)[number];

/**
 * The stance a label names (the catalogs' `stance.*`): a country of the rival bloc firmly in its
 * camp is the rival itself ("self"), not "with the alliance's rival".
 */
export const stanceShown = (c: { bloc: string; stance: Stance }): Stance | "self" => (c.bloc === "rival" && c.stance === "rival" ? "self" : c.stance);

/** The two sides of a supply deal, which an objective may ask for ("sell", "buy"). */
export const SUPPLY_SIDES = ["supplier", "buyer"] as const;

export const CONTROLS = ["seat", "rival", "partner"] as const;
export type Control = (typeof CONTROLS)[number];

export const PERSONALITIES = ["hawk", "dove", "hedger", "free-rider", "pragmatist"] as const;
export type Personality = (typeof PERSONALITIES)[number];

export const PHASES = ["lobby", "event", "negotiation", "review", "ended"] as const;
export type Phase = (typeof PHASES)[number];
/** The phases of a round, each timed: a seat says it is ready in them, the facilitator ends or extends them. */
export const ROUND_PHASES = ["event", "negotiation", "review"] as const satisfies readonly Phase[];
export type RoundPhase = (typeof ROUND_PHASES)[number];
