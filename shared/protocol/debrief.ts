/**
 * The debrief and archive HTTP API (docs/PROTOCOL.md "Debrief and archive"): request schemas
 * and the shapes of its replies, for the server (server/debrief/) and the console, replay and
 * compare screens of the client. Types only, plus the zod schemas of the two request bodies.
 */
import { z } from "zod";
import type { ReportNote } from "./classes.ts";
import type { Effect, Objective } from "../scenario/schema.ts";
import { PUBLIC_STATUSES, type Agreement, type AgreementStep, type Change, type Channel, type ChannelKind, type MatrixAction, type PlayedEvent } from "../engine/types.ts";
import type { GameView } from "../engine/views.ts";
import type { Text } from "../engine/text.ts";
import type { Score, TableOutcome } from "../engine/scoring.ts";
import { type CountryMetric, type Phase, type Sector, type Stance, type TableMetric } from "../engine/vocabulary.ts";
import { AGREEMENT_TYPES, type AgreementType } from "../engine/agreements/index.ts";
import { says } from "../scenario/plain-issues.ts";

/** `POST /api/games/CODE/fork` body: start a new game from the start of this round. */
export const ForkRequestSchema = z.strictObject({ round: z.number().int().min(1).max(12) });
export type ForkRequest = z.infer<typeof ForkRequestSchema>;

/**
 * `POST /api/games/CODE/share` body: whether the link reads the private talks (team, bilateral,
 * minilateral chat; only when the facilitator could read them). Left out, it does not: a link
 * travels further than the people who wrote those words expected (docs/PROTOCOL.md "Share links").
 */
export const ShareRequestSchema = z.strictObject({ privateChat: z.boolean({ error: says("issue.said.privateChat") }).default(false) });
export type ShareRequest = z.input<typeof ShareRequestSchema>;

/**
 * `GET /api/games/CODE/replay?round=N`: only round N's frames (0: the start). Given once, as a
 * plain value: `?round=1&round=2` and `?round[]=1` are refused, never read as "every round".
 */
const ONE_ROUND = says("issue.said.oneRound");
export const ReplayQuerySchema = z
  .looseObject({
    round: z
      .string({ error: ONE_ROUND })
      .regex(/^(0|[1-9][0-9]?)$/, ONE_ROUND)
      .transform(Number)
      .pipe(z.number().max(12, ONE_ROUND))
      .optional(),
  })
  .superRefine((query, ctx) => {
    if (Object.keys(query).some((k) => k.startsWith("round["))) ctx.addIssue({ code: "custom", path: ["round"], message: ONE_ROUND });
  });

/** `GET /api/compare?codes=A,B,...`: two to ten join codes. */
export const CompareQuerySchema = z.strictObject({
  // The list as given is held to the most first (a thousand copies of one code are too many,
  // not one game), then told apart: the same game twice is one game.
  codes: z
    .string()
    .transform((s) => s.split(",").map((c) => c.trim().toUpperCase()).filter(Boolean))
    .pipe(z.array(z.string()).max(10, says("issue.said.compareMost")))
    .transform((codes) => [...new Set(codes)])
    .pipe(z.array(z.string().regex(/^[A-Z0-9]{6}$/, says("issue.said.compareCode"))).min(2, says("issue.said.compareTwo"))),
});

/** Who a report is for: the facilitator (key, or a share link once the game is over) or the public (a share link while the game runs). */
export type Audience = "facilitator" | "public";
export type GameStatus = "lobby" | "running" | "finished";

export type DebriefGame = {
  code: string;
  /** A table of a class: its number, and the class's code in the facilitator's report only (a share link's reader has no use for it). */
  classTable?: { code?: string; table: number };
  /** `missedTargetFactor`: what every score is multiplied by when the table misses its shared targets (the scenario's rule). */
  scenario: { id: string; title: string; summary: string; year: number; missedTargetFactor: number };
  status: GameStatus;
  phase: Phase;
  /** The current round (0 in the lobby). */
  round: number;
  /** Rounds the game was set to last. */
  rounds: number;
  /** Rounds resolved so far (the number of rows per country in the charts and the CSV, besides round 0). */
  roundsPlayed: number;
  /** The round the facilitator ended the game in before it resolved (shared/engine/resolution.ts `unresolvedRound`). */
  unresolvedRound?: number;
  crisis: boolean;
  /** The tension that ended the game in a crisis (shared/engine/resolution.ts `crisisTension`): the peak its check saw and, when a resolution cooled it afterwards, the value the round's record kept. */
  crisisTension?: { peak: number; settled?: number; round?: number };
  createdAt: number;
  finishedAt: number | null;
  /** Actions in the log. */
  actions: number;
  settings: {
    teams: boolean;
    bots: boolean;
    facilitatorReadsPrivate: boolean;
    channels: "open" | "same-bloc" | "closed";
    /** A person played the scenario's scripted rival. */
    redCell: boolean;
    /** A "Play now" game, which no facilitator ran (no class to hand anything out to). */
    quickStart?: true;
    /** Each phase's clock, in seconds, as the game ran it. */
    timers: { eventSeconds: number; negotiationSeconds: number; reviewSeconds: number };
  };
  /** Only for the facilitator. */
  seed?: string;
  forkedFrom?: { code: string; round: number };
};

/** A metric change an event, inject or ruling caused (from the engine's explained changes). */
export type Impact = { subject: string; key: string; amount: number };

export const TIMELINE_KINDS = ["round", "phase", "event", "inject", "scheduled", "matrix", "ruling", "agreement", "broadcast", "news"] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export type TimelineEntry = {
  /** Index of the action in the log (0-based) that produced this entry. */
  seq: number;
  /** When the server stored that action (epoch ms). */
  at: number | null;
  round: number;
  /** The phase it happened in; "resolution" for what the end of negotiation set off (deals taking force, the rival's moves, news). */
  phase: Phase | "resolution";
  kind: TimelineKind;
  /** A sentence for people, as data (each reader renders it in their language). */
  text: Text;
  /** Seat id, "facilitator", "system" (the room: its clock, every seat ready, a seat a bot took over), or the id of an automated country. */
  by?: string;
  /** The actor's stated reason: a person's words, or a bot's catalog sentence (bots always give one). */
  reason?: string | Text;
  agreementId?: string;
  step?: AgreementStep["what"];
  /** A deal step one minister of a team took: the ministry, and the person where the record names them (the facilitator's own report only). */
  role?: AgreementStep["role"];
  name?: string;
  matrixId?: string;
  /** Events and injects: the card. */
  cardId?: string;
  /** For news: the engine's news kind (retaliation, rival, project, fall, crisis, standard, phase, facilitator, agreement). */
  topic?: string;
  /** Events, injects and rulings: the effects as written. */
  effects?: Effect[];
  /** Events, injects and rulings: the metric changes they caused. */
  impacts?: Impact[];
};

export type ReportCountry = {
  id: string;
  name: string;
  iso: string;
  control: "seat" | "rival" | "partner";
  bloc: string;
  personality: string;
  stance: { start: Stance; end: Stance };
  capital: { start: number; end: number };
  falls: number;
  connected: boolean;
  objectives: Objective[];
  /** Present for the facilitator, and for everyone once the game has ended. */
  secret?: Objective;
  /**
   * A seat that changed hands during the game: from `round` on, a bot played it (`to: "bot"`,
   * taken over from `names`) or the people of `names` did (taken over from its bot). Names only
   * in the facilitator's report, like its roster (`players`).
   */
  turns?: { round: number; to: "bot" | "people"; names?: string[] }[];
};

export type AgreementFate = "open" | "signed" | "in-force" | "kept" | "broken" | "defaulted" | "declined" | "lapsed";

export type ReportAgreement = {
  id: string;
  type: AgreementType;
  /** The terms, as a text each reader renders ("Controls by United States and Japan on exports of frontier semiconductors to China"). */
  description: Text;
  parties: string[];
  proposedBy: string;
  duration: number;
  status: Agreement["status"];
  /** expired → "kept", proposed → "open"; otherwise the status. */
  fate: AgreementFate;
  startRound?: number;
  endRound?: number;
  brokenBy?: string;
  revision: number;
  terms: Agreement["terms"];
  steps: AgreementStep[];
};

/** Values by round: index 0 is the start (the scenario's numbers), index r the end of round r. */
export type MetricSeries = {
  rounds: number[];
  countries: Record<string, Record<CountryMetric, number[]>>;
  capabilities: Record<string, Record<Sector, number[]>>;
  /** Each country's capital at the start and at the end of each resolved round. */
  capital: Record<string, number[]>;
  table: Record<TableMetric, number[]>;
};

/** A chat line; `deleted`: the facilitator removed it (its text is gone). */
export type ReportMessage = { id: number; round: number; channel: string; channelName: Text; kind: ChannelKind; from: Text; text: string; said?: Text; deleted?: true };
export type ReportChat = {
  /** Channel kinds included: plenary and broadcast always; team, bilateral, minilateral when the facilitator could read them at the end. */
  included: ChannelKind[];
  note: Text;
  channels: Channel[];
  messages: ReportMessage[];
};

export type DebriefReport = {
  format: "chokepoint-report";
  version: 1;
  generatedAt: string;
  audience: Audience;
  game: DebriefGame;
  countries: ReportCountry[];
  timeline: TimelineEntry[];
  /** Every card played, in order; `custom` marks the facilitator's injects. */
  events: PlayedEvent[];
  /** Injects scheduled for a later round and not played yet (facilitator only). */
  scheduled: { round: number; title: string; text: string; custom: boolean }[];
  matrix: MatrixAction[];
  agreements: ReportAgreement[];
  series: MetricSeries;
  /** Why the table's metrics moved, round by round: each change with its causes (they add up to it). */
  tableChanges: { round: number; changes: Change[] }[];
  /** Scores now (final once the game has ended); secret objectives hidden from the public until the end. */
  scores: Score[];
  /** The table outcome now: final once the game has ended, "if it ended now" before. */
  outcome: TableOutcome;
  standards: Record<string, string>;
  chat: ReportChat;
  debrief: string[];
  /** Observers' timestamped notes and the hot wash's findings (the facilitator's report only). */
  notes?: ReportNote[];
  /** Who played each seat at the end, with their ministries (the facilitator's report only): a seat with nobody was a bot's. */
  players?: { seat: string; name: string; roles: string[] }[];
  /** The students' exit tickets, by country (the facilitator's own report only, never a share link's): the answers to the three questions, "" for one left blank. */
  exitTickets?: { seat: string; name: string; answers: string[] }[];
};

/** `GET /api/games/CODE/replay`: the board at the start and at the end of every round. */
export type ReplayFrame = {
  index: number;
  /** 0 for the start; r for the end of round r. */
  round: number;
  label: Text;
  /** "start", "round-end", "ended" (the game stopped outside a resolution), or "now" (a game in progress). */
  kind: "start" | "round-end" | "ended" | "now";
  /** Actions of the log applied to reach this frame. */
  actions: number;
  view: GameView;
};
export type ReplayReply = { code: string; viewer: "facilitator" | "observer"; status: GameStatus; frames: ReplayFrame[] };

export type ArchiveEntry = {
  code: string;
  scenario: { id: string; title: string };
  status: GameStatus;
  phase: Phase;
  round: number;
  rounds: number;
  roundsPlayed: number;
  crisis: boolean;
  createdAt: number;
  finishedAt: number | null;
  actions: number;
  /** null while the game is in the lobby. */
  outcome: { met: boolean; targetsMet: number; targets: number } | null;
  forkedFrom?: { code: string; round: number };
  /** Paths of the game's report and exports; send the key with them. */
  /** Links that open in a browser tab: each carries a ticket (never the key) until `expiresAt`. */
  links: GameLinks;
  expiresAt: number;
};
export type GameLinks = { report: string; html: string; csv: string; log: string; replay: string };
export type ArchiveReply = { games: ArchiveEntry[] };

/** `privateChat`: whether the link reads the private talks (ShareRequestSchema). */
export type ShareInfo = { id: string; createdAt: number; revokedAt: number | null; privateChat: boolean };
export type ShareCreated = ShareInfo & { token: string; links: GameLinks };
/** A short-lived ticket for one game's report links (the facilitator key bought it; it never rides in a URL itself). */
export type TicketReply = { ticket: string; expiresAt: number; links: GameLinks };

export type ForkReply = { code: string; facilitatorKey: string; forkedFrom: { code: string; round: number } };

export type CompareGame = {
  code: string;
  /** A table of a class: the class's code and the table's number (the page names it "Table N"). */
  classTable?: { code: string; table: number };
  status: GameStatus;
  createdAt: number;
  finishedAt: number | null;
  /** As the report has them (DebriefGame): rounds set, rounds resolved, and the round the facilitator ended the game in before it resolved. */
  rounds: number;
  roundsPlayed: number;
  unresolvedRound?: number;
  crisis: boolean;
  outcome: TableOutcome;
  /** Final (or current) scores, best first. */
  scores: { country: string; name: string; total: number; subtotal: number; factor: number; objectivesMet: number; objectives: number }[];
  series: MetricSeries;
  /** Agreement counts: by type, then by fate. */
  agreements: { total: number; byType: Record<AgreementType, Record<AgreementFate, number>>; byFate: Record<AgreementFate, number> };
};
export const FATES: AgreementFate[] = ["open", "signed", "in-force", "kept", "broken", "defaulted", "declined", "lapsed"];

/** What became of an agreement, as the report and the comparison name it. */
export function fateOf(a: Pick<Agreement, "status">): AgreementFate {
  switch (a.status) {
    case "proposed":
      return "open";
    case "expired":
      return "kept";
    default:
      return a.status;
  }
}

/**
 * The fates of agreements reached: signed by every party, whatever became of them since (the
 * engine's statuses after signature, shared/engine/types.ts PUBLIC_STATUSES). The others (open,
 * declined, lapsed) were offers that never became agreements.
 */
export const REACHED_FATES: readonly AgreementFate[] = [...PUBLIC_STATUSES].map((status) => fateOf({ status }));

/** How many of a game's agreements were reached (`REACHED_FATES`), from its counts by fate; its `total` counts every offer made. */
export function agreementsReached(byFate: Readonly<Record<AgreementFate, number>>): number {
  return REACHED_FATES.reduce((n, f) => n + byFate[f], 0);
}

/**
 * What became of the agreements a table reached, in the three columns the comparison page and
 * the class's comparison CSV both show (client/model/compare.ts `gameRows`,
 * server/classes/class-csv.ts `comparisonRows`): kept to their end; signed or still in force
 * (the game ended or stopped while they ran); broken or defaulted. Their sum is
 * `agreementsReached`.
 */
export function reachedFates(byFate: Readonly<Record<AgreementFate, number>>): { kept: number; inForce: number; broken: number } {
  return { kept: byFate.kept, inForce: byFate["in-force"] + byFate.signed, broken: byFate.broken + byFate.defaulted };
}

/** Agreement counts by type and by fate, for a comparison (server and client build it alike). */
export function countFates(agreements: readonly { type: AgreementType; fate: AgreementFate }[]): CompareGame["agreements"] {
  const zero = () => Object.fromEntries(FATES.map((f) => [f, 0])) as Record<AgreementFate, number>;
  const byType = Object.fromEntries(AGREEMENT_TYPES.map((t) => [t, zero()])) as Record<AgreementType, Record<AgreementFate, number>>;
  const byFate = zero();
  for (const a of agreements) {
    byType[a.type][a.fate] += 1;
    byFate[a.fate] += 1;
  }
  return { total: agreements.length, byType, byFate };
}

/** A score as a comparison row. */
export function scoreRow(s: Pick<Score, "country" | "total" | "subtotal" | "factor" | "objectives">, names: ReadonlyMap<string, string>): CompareGame["scores"][number] {
  return {
    country: s.country,
    name: names.get(s.country) ?? s.country,
    total: s.total,
    subtotal: s.subtotal,
    factor: s.factor,
    objectivesMet: s.objectives.filter((o) => o.met).length,
    objectives: s.objectives.length,
  };
}

/**
 * `scenario.debrief`: the scenario's debrief questions, in the reply's language, as the report
 * lists them (DebriefReport `debrief`): the teacher leads the debrief from the comparison too.
 *
 * `refused`: games asked for whose stored log the rules of this version refuse to replay
 * (shared/engine/replay.ts `ReplayRefused`, played under rules that have changed since), left out
 * of `games` and named with why (the catalog's http.rulesChanged text), so that one such table
 * does not cost the teacher the comparison of the others. Absent when there are none.
 */
export type CompareReply = {
  scenario: { id: string; title: string; debrief: string[] };
  countries: { id: string; name: string; control: string }[];
  games: CompareGame[];
  refused?: RefusedGame[];
};
/** A game a comparison leaves out, as its page names it (`code`, a class's table by its number), and why. */
export type RefusedGame = Pick<CompareGame, "code" | "classTable"> & { why: Text };
