/**
 * The after-action report: what was decided, by whom, when, why, and what it did.
 * Built from the analysis of the game's log; for the facilitator everything, for the public (a
 * share link while the game runs) exactly what an observer may see.
 */
import { describe } from "../../shared/engine/agreements/index.ts";
import { computeScores, tableOutcome } from "../../shared/engine/scoring.ts";
import { crisisTension, unresolvedRound } from "../../shared/engine/resolution.ts";
import type { Agreement, ChannelKind, GameState } from "../../shared/engine/types.ts";
import { canReadChannel, canReadMessage, canSeeAgreement, facilitatorReadsLine, facilitatorReadsSomePrivate, seesSecretsOf, viewFor, type Viewer } from "../../shared/engine/views.ts";
import { channelTitle, countryLabel, list, ref, text, type Text } from "../../shared/engine/text.ts";
import { agreementById } from "../../shared/engine/world.ts";
import { COUNTRY_METRICS, SECTORS, TABLE_METRICS, type CountryMetric, type Sector, type TableMetric } from "../../shared/engine/vocabulary.ts";
import {
  fateOf,
  type Audience,
  type DebriefGame,
  type DebriefReport,
  type GameStatus,
  type MetricSeries,
  type ReportAgreement,
  type ReportChat,
  type ReportCountry,
  type TimelineEntry,
} from "../../shared/protocol/debrief.ts";
import type { ForkRecord, GameRecord } from "../storage/store.ts";
import { phaseTimers } from "../scenarios.ts";
import type { Analysis } from "./analysis.ts";

export function statusOf(state: GameState): GameStatus {
  return state.phase === "lobby" ? "lobby" : state.phase === "ended" ? "finished" : "running";
}

export function viewerOf(audience: Audience): Viewer {
  return audience === "facilitator" ? { kind: "facilitator" } : { kind: "observer" };
}

/** How far a game got: the rounds it was set to last, the rounds resolved, and the round the facilitator ended it in before it resolved (the report's and the comparison's one reading). */
export function roundCounts(s: Analysis["final"]): { rounds: number; roundsPlayed: number; unresolvedRound?: number } {
  const unresolved = unresolvedRound({ ...s, recorded: s.history.map((h) => h.round) });
  return { rounds: s.settings.rounds, roundsPlayed: s.history.length, ...(unresolved ? { unresolvedRound: unresolved } : {}) };
}

export function gameInfo(record: GameRecord, analysis: Analysis, audience: Audience, fork?: ForkRecord): DebriefGame {
  const s = analysis.final;
  const table = record.classTable;
  return {
    code: record.code,
    ...(table ? { classTable: audience === "facilitator" ? table : { table: table.table } } : {}),
    scenario: { id: record.scenario.id, title: record.scenario.title, summary: record.scenario.summary, year: record.scenario.year, missedTargetFactor: record.scenario.rules.scoring.missedTargetFactor },
    status: statusOf(s),
    phase: s.phase,
    round: s.round,
    ...roundCounts(s),
    crisis: s.crisis,
    ...(s.crisis ? { crisisTension: crisisTension(s) } : {}),
    createdAt: record.createdAt,
    finishedAt: record.finishedAt,
    actions: analysis.log.length,
    settings: {
      teams: s.settings.teams,
      bots: record.settings.bots,
      facilitatorReadsPrivate: s.settings.facilitatorReadsPrivate,
      channels: s.settings.channels,
      redCell: !!record.settings.redCell,
      ...(record.settings.quickStart ? { quickStart: true as const } : {}),
      timers: phaseTimers(record.settings, record.scenario),
    },
    ...(audience === "facilitator" ? { seed: record.seed } : {}),
    ...(fork ? { forkedFrom: { code: fork.parent, round: fork.round } } : {}),
  };
}

export function reportAgreement(state: GameState, a: Agreement, named = true): ReportAgreement {
  return {
    id: a.id,
    type: a.type,
    description: describe(a),
    parties: a.parties,
    proposedBy: a.proposedBy,
    duration: a.duration,
    status: a.status,
    fate: fateOf(a),
    ...(a.startRound !== undefined ? { startRound: a.startRound } : {}),
    ...(a.endRound !== undefined ? { endRound: a.endRound } : {}),
    ...(a.brokenBy ? { brokenBy: a.brokenBy } : {}),
    revision: a.revision,
    terms: a.terms,
    // A minister's name only for a reader who may read people's names (`Reader`); the ministry stays.
    steps: named ? a.steps : a.steps.map(({ name: _name, ...step }) => step),
  };
}

/** Every metric by round: index 0 is the start, then the end of each resolved round. */
export function metricSeries(analysis: Analysis): MetricSeries {
  const { initial, final } = analysis;
  const records = final.history;
  const countries: MetricSeries["countries"] = {};
  const capabilities: MetricSeries["capabilities"] = {};
  for (const c of initial.scenario.countries) {
    const start = initial.countries[c.id]!;
    countries[c.id] = Object.fromEntries(COUNTRY_METRICS.map((m) => [m, [start.metrics[m], ...records.map((r) => r.metrics[c.id]![m])]])) as Record<CountryMetric, number[]>;
    capabilities[c.id] = Object.fromEntries(SECTORS.map((s) => [s, [start.sectors[s].capability, ...records.map((r) => r.capabilities[c.id]![s])]])) as Record<Sector, number[]>;
  }
  const table = Object.fromEntries(TABLE_METRICS.map((m) => [m, [initial.table[m], ...records.map((r) => r.table[m])]])) as Record<TableMetric, number[]>;
  // Capital is no round record's: the state at each round's end (the replay's frames) has it.
  const ends = analysis.frames.filter((f) => f.kind === "round-end");
  const capital = Object.fromEntries(initial.scenario.countries.map((c) => [c.id, [initial.countries[c.id]!.capital, ...ends.map((f) => f.state.countries[c.id]!.capital)]]));
  return {
    rounds: [0, ...records.map((r) => r.round)],
    countries,
    capabilities,
    capital,
    table,
  };
}

const PRIVATE_KINDS: ChannelKind[] = ["team", "bilateral", "minilateral"];

/** Whether some private line was written while the facilitator could not read private channels, and so stays out of the facilitator's report (views.ts `facilitatorReadsLine`). */
function privateLeftOut(state: GameState): boolean {
  return state.messages.some((m) => PRIVATE_KINDS.includes(state.channels[m.channel]?.kind as ChannelKind) && !facilitatorReadsLine(state, m.id));
}

/**
 * Chat by the game's privacy setting: private lines only those written while the facilitator
 * could read them, and only if the reader may (`privateChat`: a share link made without them may not).
 */
function chatFor(state: GameState, viewer: Viewer, privateChat: boolean, named: boolean): ReportChat {
  // Able to read some private lines: those written while the setting was on (views.ts `canReadMessage`).
  const couldRead = viewer.kind === "facilitator" && facilitatorReadsSomePrivate(state);
  const includesPrivate = couldRead && privateChat;
  const readable = Object.values(state.channels).filter((c) => canReadChannel(state, viewer, c) && (includesPrivate || !PRIVATE_KINDS.includes(c.kind)));
  const ids = new Set(readable.map((c) => c.id));
  const byId = new Map(readable.map((c) => [c.id, c]));
  return {
    included: includesPrivate ? ["plenary", "broadcast", ...PRIVATE_KINDS] : ["plenary", "broadcast"],
    note: text(includesPrivate ? (privateLeftOut(state) ? "report.chat.privateSome" : "report.chat.private") : couldRead ? "report.chat.shareNoPrivate" : viewer.kind === "facilitator" ? "report.chat.noPrivate" : "report.chat.public"),
    channels: readable,
    messages: state.messages
      .filter((m) => ids.has(m.channel) && canReadMessage(state, viewer, m))
      .map((m) => {
        const channel = byId.get(m.channel)!;
        const roles = state.settings.teams && m.from.roles?.length && m.from.roles.length < 3 ? m.from.roles : [];
        const seat = text(roles.length ? "report.from.roles" : "report.from.seat", { country: countryLabel(m.from.seat ?? "?"), roles: list(roles.map((r) => ref("role", r))) });
        // The writer's name as the game showed it ("Ana · United States (Diplomat)"), for a reader who may read people's names.
        const from = m.from.facilitator ? text("report.from.facilitator") : named && m.from.name ? text("report.from.person", { name: m.from.name, seat }) : seat;
        return { id: m.id, round: m.round, channel: m.channel, channelName: channelTitle(channel), kind: channel.kind, from, text: m.text, ...(m.said ? { said: m.said } : {}), ...(m.deleted ? { deleted: true as const } : {}) };
      }),
  };
}

/**
 * A news line without the people's names, for whoever is not the facilitator (a share link, the
 * public report, the open replay: their countries carry no roster either): "The facilitator
 * moved a player to Japan", "A bot took over United States from its players in round 3", "The
 * facilitator muted a player (Japan)". The engine's news name a person only as `name` or `names`
 * (shared/engine/apply.ts, `log-seat` and `log-mute`).
 */
export function namelessNews(t: Text): Text {
  const args = t.args;
  if (!t.key.startsWith("news.") || !args || (!("name" in args) && !("names" in args))) return t;
  const { name, names, ...rest } = args;
  return { key: t.key, args: { ...rest, ...(name !== undefined ? { name: text("report.aPlayer") } : {}), ...(names !== undefined ? { names: text("report.itsPlayers") } : {}) } };
}

/**
 * A timeline entry without the people's names (`namelessNews`), for whoever is not the
 * facilitator: a deal step a minister of a team took names the ministry alone, "The United States
 * (Economic envoy) proposed A16", where the facilitator's reads "Cal (Economic envoy of the United States) proposed A16".
 */
export function namelessEntry(e: TimelineEntry): TimelineEntry {
  const { name: _name, ...rest } = e;
  const by = e.text.args?.by;
  const minister = typeof by === "object" && "key" in by && by.key === "timeline.by.person" && by.args ? text("timeline.by.minister", { country: by.args.country!, role: by.args.role! }) : undefined;
  return { ...rest, text: minister ? { key: e.text.key, args: { ...e.text.args, by: minister } } : namelessNews(e.text) };
}

/** Whether a timeline entry is for this viewer: unsigned offers, pending matrix actions and scheduled cards are not public. */
function visible(state: GameState, viewer: Viewer, e: TimelineEntry): boolean {
  if (viewer.kind === "facilitator") return true;
  if (e.kind === "scheduled") return false;
  if (e.agreementId) {
    const a = agreementById(state, e.agreementId);
    return !!a && canSeeAgreement(viewer, a);
  }
  if (e.kind === "matrix") return state.matrix.find((m) => m.id === e.matrixId)?.status !== "pending";
  return true;
}

/**
 * What one reader of the facilitator's report may read of it (docs/PROTOCOL.md "Share links"):
 * `named`, the people who held the seats (in the handovers of its countries, its timeline's news
 * and the log's seat records): only the facilitator's own, never a share link's; `privateChat`,
 * the private talks when the facilitator could read them: the facilitator's own, and a share
 * link made with them.
 */
export type Reader = { named: boolean; privateChat: boolean };
export const FACILITATOR: Reader = { named: true, privateChat: true };

/** The report for `audience`, as `reader` may read it (a share link of a finished game reads the facilitator's report). */
export function buildReport(record: GameRecord, analysis: Analysis, audience: Audience, fork?: ForkRecord, reader: Reader = audience === "facilitator" ? FACILITATOR : { named: false, privateChat: false }): DebriefReport {
  const { named } = reader;
  const state = analysis.final;
  const viewer = viewerOf(audience);
  const view = viewFor(state, viewer);
  const countries: ReportCountry[] = state.scenario.countries.map((c) => {
    const start = analysis.initial.countries[c.id]!;
    const end = state.countries[c.id]!;
    return {
      id: c.id,
      name: c.name,
      iso: c.iso,
      control: c.control,
      bloc: c.bloc,
      personality: c.personality,
      stance: { start: start.stance, end: end.stance },
      capital: { start: start.capital, end: Math.round(end.capital * 10) / 10 },
      falls: end.falls,
      connected: end.connected,
      objectives: c.objectives,
      ...(seesSecretsOf(state, viewer, c.id) ? { secret: c.secret } : {}),
      ...(analysis.seatTurns[c.id]?.length ? { turns: analysis.seatTurns[c.id]!.map((t) => ({ round: t.round, to: t.to, ...(named ? { names: t.names } : {}) })) } : {}),
    };
  });
  // In the order made, as the engine lists them.
  const agreements = state.agreements
    .filter((a) => canSeeAgreement(viewer, a))
    .map((a) => reportAgreement(state, a, named));
  return {
    format: "chokepoint-report",
    version: 1,
    generatedAt: new Date().toISOString(),
    audience,
    game: gameInfo(record, analysis, audience, fork),
    countries,
    timeline: analysis.timeline.filter((e) => visible(state, viewer, e)).map((e) => (named ? e : namelessEntry(e))),
    events: state.events,
    scheduled: viewer.kind === "facilitator" ? state.scheduled.map((s) => ({ round: s.round, title: s.card.title, text: s.card.text, custom: s.card.custom })) : [],
    matrix: view.matrix,
    agreements,
    series: metricSeries(analysis),
    tableChanges: state.history.map((h) => ({ round: h.round, changes: h.changes.filter((c) => c.subject === "table") })),
    scores: viewer.kind === "facilitator" ? computeScores(state) : view.scores,
    outcome: tableOutcome(state, true),
    standards: { ...state.standards },
    chat: chatFor(state, viewer, reader.privateChat, named),
    debrief: state.scenario.debrief,
  };
}
