/** The game state. Plain JSON data: it can be cloned, stored, compared and sent. */
import type { Scenario, Effect, Pressure } from "../scenario/schema.ts";
import type { CardTexts, Draft, Terms } from "./actions.ts";
import type { Text } from "./text.ts";
import type { CountryMetric, Phase, Role, Sector, Stance, TableMetric } from "./vocabulary.ts";
import { type AgreementType } from "./agreements/index.ts";

export type ChannelPolicy = "open" | "same-bloc" | "closed";

export type Settings = {
  seed: number | string;
  /** Rounds to play; defaults to the scenario's. */
  rounds: number;
  /** Whether seats are split into the three ministries. */
  teams: boolean;
  /** Whether the facilitator can read team, bilateral and minilateral channels (everyone sees this). */
  facilitatorReadsPrivate: boolean;
  /** Who may open bilateral and minilateral channels. */
  channels: ChannelPolicy;
  /**
   * The rules edition the game was made under (./deal-ids.ts `CURRENT_EDITION`, what the server
   * gives every new game). 1, a game saved or exported before deal ids were drawn (a setup that
   * names none), keeps counted ids (A1, A2, …), so its log, whose moves name deals, replays as played;
   * before 3, lines keep counted ids (./message-ids.ts), as its moderation moves name them; before
   * 4, a round with no event card still opens with an (empty) event phase (./deck.ts).
   */
  edition: number;
  /**
   * Mixed into the seed of the deal ids' own stream (./deal-ids.ts): games that share a seed for
   * the same events (a class's tables) still draw different ids. The server gives each new game its
   * code; a setup without one draws from the seed alone, as games made before did.
   */
  idSalt?: string;
};

export type Setup = { scenario: Scenario; settings: Partial<Settings> & { seed: number | string } };

export type SectorState = { capability: number; chokepoint: number };

export type CountryState = {
  id: string;
  capital: number;
  stance: Stance;
  metrics: Record<CountryMetric, number>;
  sectors: Record<Sector, SectorState>;
  exposure: Record<string, number>;
  connected: boolean;
  /** How many times the government fell (domestic support reached 0). */
  falls: number;
};

export const AGREEMENT_STATUSES = [
  "proposed",
  "signed",
  "in-force",
  "expired",
  "broken",
  "defaulted",
  "declined",
  "lapsed",
] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];

/** Statuses every viewer may see; before signature, a deal is private to its parties. */
export const PUBLIC_STATUSES: ReadonlySet<AgreementStatus> = new Set(["signed", "in-force", "expired", "broken", "defaulted"]);

export type AgreementStep = {
  round: number;
  phase: Phase;
  /** "stepped-out": an amendment by which a party took itself out of an offer that stands without it (docs/RULES.md, "amend"). */
  what: "proposed" | "amended" | "stepped-out" | "signed" | "declined" | "in-force" | "expired" | "withdrawn" | "lapsed" | "defaulted" | "completed";
  by?: string;
  /**
   * In a game with teams, the ministry that took a seat's step when the person acting held fewer
   * than all three (docs/RULES.md, "The three ministries": the deal type's), and that person's
   * name where the action carried it (a name the seat list already shows everyone). A seat
   * played by one person, or a game without teams, records neither: the country acted.
   */
  role?: Role;
  name?: string;
  revision: number;
  /** The actor's stated reason: a person's words, or a bot's catalog sentence (bots always give one). */
  reason?: string | Text;
};

export type Agreement = {
  id: string;
  type: AgreementType;
  parties: string[];
  terms: Terms;
  duration: number;
  status: AgreementStatus;
  /** Goes up on every amendment; a signature or refusal names the revision it saw. */
  revision: number;
  proposedBy: string;
  /**
   * The game's `version` when it was proposed: deals in the order made, for a client that gets
   * them one by one (shared/protocol/view.ts). It counts moves of any kind, as `version` does on
   * every screen, so it tells no more than a screen kept open would.
   */
  proposedAt: number;
  signatures: string[];
  steps: AgreementStep[];
  startRound?: number;
  endRound?: number;
  /** Loans: rounds of construction done. */
  built?: number;
  brokenBy?: string;
  /** Parties that withdrew while the others carried on (deals of three or more). */
  left?: string[];
};

export type Restriction = {
  id: string;
  by: string;
  sector: Sector;
  on: string[];
  /** Last round in which it bites. */
  untilRound: number;
  cause: Text;
};

export type Cause = { label: Text; amount: number };
/** One metric's change over a round, with causes whose amounts add up to `to - from`. */
export type Change = { subject: string; key: string; from: number; to: number; causes: Cause[] };

export type ChannelKind = "plenary" | "broadcast" | "team" | "bilateral" | "minilateral";
export type Channel = { id: string; kind: ChannelKind; members: string[]; name: string };

export type Message = {
  id: number;
  round: number;
  channel: string;
  /** `name`: the person who wrote it, in a team game (two people may share a seat). */
  from: { seat?: string; roles?: Role[]; name?: string; facilitator?: true };
  text: string;
  /** A bot's message as catalog text (then `text` is empty): each reader reads it in their language. */
  said?: Text;
  /** Terms a bot's message says it would sign, as a draft (only its channel's members read it, as the message). */
  draft?: Draft;
  /** Removed by the facilitator: the text is gone for everyone. */
  deleted?: true;
};

export type NewsItem = {
  round: number;
  phase: Phase;
  kind: "event" | "agreement" | "retaliation" | "rival" | "project" | "fall" | "crisis" | "standard" | "phase" | "facilitator" | "matrix";
  text: Text;
};

/**
 * `texts`: a facilitator's card in other languages (shared/engine/actions.ts CardTextsSchema).
 * `pressures`: a scenario card's, copied with it (the resolution reads the scenario's own,
 * shared/engine/pressure.ts); the console lists them with the card's effects.
 */
export type PlayedEvent = { round: number; id: string; title: string; date: string; text: string; source?: string; effects: Effect[]; pressures?: Pressure[]; custom: boolean; texts?: CardTexts };

/** A free-form action submitted by a seat and ruled on by the facilitator. */
export type MatrixAction = {
  id: string;
  round: number;
  seat: string;
  text: string;
  status: "pending" | "accepted" | "refused" | "succeeded" | "failed";
  odds?: number;
  note?: string;
  effects: Effect[];
};

/** An event card waiting for the start of a later round. */
export type ScheduledEvent = { round: number; card: Omit<PlayedEvent, "round"> };

export type RoundRecord = {
  round: number;
  metrics: Record<string, Record<CountryMetric, number>>;
  capabilities: Record<string, Record<Sector, number>>;
  table: Record<TableMetric, number>;
  changes: Change[];
  /**
   * On the record of a resolution that ended the game in crisis, when tension had since cooled:
   * the highest tension that resolution reached, which the crisis check saw (`table.tension` is
   * the value after drift). See ./resolution.ts `crisisTension`, docs/RULES.md §8.
   */
  tensionPeak?: number;
};

export type GameState = {
  /** Goes up on every accepted action. */
  version: number;
  scenario: Scenario;
  settings: Settings;
  /**
   * How `settings.facilitatorReadsPrivate` changed during the game, once it has: from the message
   * numbered `from` on, the facilitator could read private lines if `reads`. Each line stays under
   * the setting in force when it was written (./views.ts `facilitatorReadsLine`, docs/RULES.md).
   */
  privateReads?: readonly { from: number; reads: boolean }[];
  rng: number;
  round: number;
  phase: Phase;
  countries: Record<string, CountryState>;
  table: Record<TableMetric, number>;
  /**
   * Every deal, in the order proposed (find one with `agreementById`, ./world.ts). A list rather
   * than a record by id, so a move copies it cheaply.
   */
  agreements: Agreement[];
  /** The next deal's number, its id drawn from it (./deal-ids.ts): never sent to a client. */
  nextAgreement: number;
  restrictions: Restriction[];
  nextRestriction: number;
  /** Undrawn event cards, in the seeded order (never sent to clients). */
  deck: string[];
  events: PlayedEvent[];
  /** Standard technology id -> winning option id. */
  standards: Record<string, string>;
  channels: Record<string, Channel>;
  messages: Message[];
  news: NewsItem[];
  /** This round's changes, keyed by `subject|key`. */
  changes: Record<string, Change>;
  history: RoundRecord[];
  ready: string[];
  crisis: boolean;
  /** Regimes the rival has already answered, so it retaliates once per regime. */
  retaliatedAgainst: string[];
  matrix: MatrixAction[];
  scheduled: ScheduledEvent[];
  /**
   * Set only on the copies a preview resolves: chance outcomes (research breakthroughs, loan
   * defaults) resolve as expected values with their odds, so a preview never shows this
   * round's rolls.
   */
  expected?: true;
};
