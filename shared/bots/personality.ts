/**
 * Personalities (scenario data: hawk, dove, hedger, free-rider, pragmatist) as numbers the bot
 * reasons with, and the two table-wide strategies the balance lab compares: everyone
 * cooperative (cares about the shared targets, keeps its word) and everyone selfish (counts
 * only its own score, breaks its word when that pays).
 */
import { PERSONALITIES, type CountryMetric, type Personality } from "../engine/vocabulary.ts";

export const STRATEGIES = ["cooperative", "selfish"] as const;
export type Strategy = (typeof STRATEGIES)[number];

export type Profile = {
  /** The personality the profile starts from (shown in reasons and reports). */
  personality: Personality;
  strategy?: Strategy;
  /** Multiplies the country's own weights: how it weighs security against prosperity. */
  tilt: Record<CountryMetric, number>;
  /** Share (0–1) of the shared stake — the score lost when the table misses its targets — it counts. */
  tableCare: number;
  /** Smallest value (score points) for which it signs. */
  threshold: number;
  /** How far below its threshold an offer may be and still get a counter rather than a refusal. */
  counterRange: number;
  /** 0–1: 1 never breaks an agreement for gain; 0 withdraws whenever withdrawing pays. */
  keepsWord: number;
  /** 0–1: how far it takes others' reliability (their trust, their broken deals) on faith. */
  trustOthers: number;
  /** 0–1: appetite for export controls and alignment statements against the other camp. */
  escalation: number;
  /** 0–1: how much of a deal's surplus it leaves to the other side when it sets prices and rates. */
  generosity: number;
  /** New deals it proposes in a round. */
  proposals: number;
  /** Whether it joins camps (regimes, statements) at all; hedgers keep their options open. */
  takesSides: boolean;
  /**
   * Whether it sells its goods to, or researches with, a country of the other camp (the rival
   * bloc, seen from the alliance, and back): a hawk does not, at any price, since what the other
   * side gains in goods and know-how its own side loses, and a sale of chips to the rival undoes
   * the controls its allies keep (docs/RULES.md §1). The others trade with anyone for the price.
   * The same under either strategy: it is what the country is about, not how it plays the table.
   */
  suppliesOtherSide: boolean;
};

const ONE: Record<CountryMetric, number> = { prosperity: 1, security: 1, influence: 1, trust: 1, support: 1 };

const BASE: Record<Personality, Omit<Profile, "personality">> = {
  hawk: {
    tilt: { ...ONE, prosperity: 0.85, security: 1.4, influence: 1.15 },
    tableCare: 0.5,
    threshold: 0.4,
    counterRange: 3,
    keepsWord: 0.8,
    trustOthers: 0.4,
    escalation: 1,
    generosity: 0.3,
    proposals: 2,
    takesSides: true,
    suppliesOtherSide: false,
  },
  dove: {
    tilt: { ...ONE, prosperity: 1.1, security: 0.75, trust: 1.3, support: 1.15 },
    tableCare: 0.9,
    threshold: 0,
    counterRange: 4,
    keepsWord: 1,
    trustOthers: 0.9,
    escalation: 0.05,
    generosity: 0.7,
    proposals: 2,
    takesSides: true,
    suppliesOtherSide: true,
  },
  hedger: {
    tilt: { ...ONE, prosperity: 1.2, security: 0.9, support: 1.1 },
    tableCare: 0.55,
    threshold: 0.4,
    counterRange: 3,
    keepsWord: 0.7,
    trustOthers: 0.6,
    escalation: 0.15,
    generosity: 0.4,
    proposals: 1,
    takesSides: false,
    suppliesOtherSide: true,
  },
  "free-rider": {
    tilt: { ...ONE, prosperity: 1.15, influence: 1.1 },
    tableCare: 0.15,
    threshold: 0.8,
    counterRange: 2,
    keepsWord: 0.25,
    trustOthers: 0.7,
    escalation: 0.4,
    generosity: 0.15,
    proposals: 1,
    takesSides: true,
    suppliesOtherSide: true,
  },
  pragmatist: {
    tilt: { ...ONE },
    tableCare: 0.75,
    threshold: 0.2,
    counterRange: 3,
    keepsWord: 0.9,
    trustOthers: 0.7,
    escalation: 0.5,
    generosity: 0.5,
    proposals: 2,
    takesSides: true,
    suppliesOtherSide: true,
  },
};

const cache = new Map<string, Profile>();

/** The profile of a personality, optionally played with a table-wide strategy (shared: do not mutate). */
export function profileFor(personality: Personality, strategy?: Strategy): Profile {
  const key = `${personality}|${strategy ?? ""}`;
  let p = cache.get(key);
  if (!p) cache.set(key, (p = Object.freeze(makeProfile(personality, strategy)) as Profile));
  return p;
}

function makeProfile(personality: Personality, strategy?: Strategy): Profile {
  const p: Profile = { personality, ...structuredCopy(BASE[personality]) };
  if (strategy === "cooperative") {
    p.strategy = strategy;
    p.tableCare = 1;
    p.keepsWord = 1;
    p.threshold = Math.min(p.threshold, 0.1);
    p.counterRange = Math.max(p.counterRange, 4);
    p.trustOthers = Math.max(p.trustOthers, 0.8);
    p.generosity = Math.max(p.generosity, 0.6);
    p.escalation = p.escalation * 0.5;
    p.proposals = 2;
  } else if (strategy === "selfish") {
    p.strategy = strategy;
    p.tableCare = 0;
    p.keepsWord = 0;
    p.threshold = p.threshold + 0.3;
    p.trustOthers = Math.min(p.trustOthers, 0.5);
    p.generosity = Math.min(p.generosity, 0.2);
  }
  return p;
}

export function isPersonality(x: string): x is Personality {
  return (PERSONALITIES as readonly string[]).includes(x);
}

function structuredCopy<T extends object>(x: T): T {
  return JSON.parse(JSON.stringify(x)) as T;
}
