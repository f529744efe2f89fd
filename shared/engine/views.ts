/**
 * What each viewer may see (docs/RULES.md §1).
 * A seat sees its own secret objective, its team channel (in a game with teams), the private channels it is in and
 * the unsigned offers that name it. The facilitator sees every secret and offer, and private
 * channels only when the game's setting allows. Observers see the public board. Nobody is
 * sent the rng state or the order of the undrawn deck. Secrets are revealed to all at the end.
 */
import type { Effect, EventCard, Objective, Pressure } from "../scenario/schema.ts";
import { byTotal, computeScores, tableOutcome, type Score, type TableOutcome } from "./scoring.ts";
import { waitingCards } from "./deck.ts";
import { PUBLIC_STATUSES, type Agreement, type Channel, type GameState, type MatrixAction, type Message, type NewsItem, type PlayedEvent, type Restriction, type RoundRecord, type Change, type ScheduledEvent } from "./types.ts";
import type { CountryMetric, Phase, Role, Sector, Stance, TableMetric } from "./vocabulary.ts";

export type Viewer = { kind: "seat"; seat: string; roles: Role[] } | { kind: "facilitator" } | { kind: "observer" };

export type CountryView = {
  id: string;
  name: string;
  /** The name inside a sentence, where it differs ("the Netherlands"; shared/scenario/schema.ts). */
  inSentence?: string;
  iso: string;
  control: "seat" | "rival" | "partner";
  bloc: string;
  stance: Stance;
  personality: string;
  profile: string;
  /**
   * The seat's brief (interests, red lines, first moves): teaching material, not a secret, but
   * read only in that seat's own panel, so only that seat's view carries it (every join
   * would otherwise carry every seat's brief: 3–4 KB).
   */
  brief?: { interests: string; redLines: string; firstMoves: string };
  income: number;
  capital: number;
  metrics: Record<CountryMetric, number>;
  weights: Record<CountryMetric, number>;
  sectors: Record<Sector, { capability: number; chokepoint: number }>;
  exposure: Record<string, number>;
  needs: string[];
  connected: boolean;
  falls: number;
  objectives: Objective[];
  /** Present only for the viewer's own seat, the facilitator, and everyone after the game. */
  secret?: Objective;
};

/**
 * The game's settings every viewer reads. `edition`: the rules edition it was made under (./types.ts
 * `Settings.edition`), for what differs by edition on screen: a round with no card opened with an
 * empty event phase before ./deck.ts `VERSION_CARDLESS_ROUNDS` (./apply.ts `beginRound`).
 */
export type ViewSettings = Pick<GameState["settings"], "rounds" | "teams" | "facilitatorReadsPrivate" | "channels" | "edition">;
export const viewSettings = (s: GameState["settings"]): ViewSettings => ({ rounds: s.rounds, teams: s.teams, facilitatorReadsPrivate: s.facilitatorReadsPrivate, channels: s.channels, edition: s.edition });

export type GameView = {
  viewer: Viewer;
  version: number;
  scenario: {
    id: string;
    title: string;
    summary: string;
    year: number;
    standards: GameState["scenario"]["standards"];
    targets: { text: string }[];
    debrief: string[];
    rivalCountry?: string;
    /** What leaving a deal early costs (the scenario's `rules.trust`, as apply.ts `withdraw` charges it): the leaver's trust, the table's cohesion. */
    withdrawCost: { trust: number; cohesion: number };
    /** Rounds a loan's project takes to build (the scenario's `rules.loans.buildRounds`): which visible loans finance a project, and how long until it stands. */
    buildRounds: number;
    /** What every score is multiplied by when the table misses its shared targets (the scenario's `rules.scoring.missedTargetFactor`). */
    missedTargetFactor: number;
  };
  settings: ViewSettings;
  round: number;
  phase: Phase;
  crisis: boolean;
  countries: CountryView[];
  table: Record<TableMetric, number>;
  agreements: Agreement[];
  restrictions: Restriction[];
  events: PlayedEvent[];
  /** Ids of the cards still in the deck (facilitator only; never their order). */
  deckRemaining?: string[];
  /** The undrawn cards with their titles, by id (facilitator only; never their order). */
  deckCards?: { id: string; title: string; date: string; text: string; effects: Effect[]; pressures?: Pressure[] }[];
  /** Undrawn cards that may not be played yet, each with the card it answers (facilitator only; deck.ts `waitingCards`). */
  deckWaiting?: Record<string, string>;
  /** Cards waiting for a later round (facilitator only). */
  scheduled?: ScheduledEvent[];
  /** Matrix actions: ruled ones are public; pending ones only for their seat and the facilitator. */
  matrix: MatrixAction[];
  standards: Record<string, string>;
  channels: Channel[];
  messages: Message[];
  news: NewsItem[];
  changes: Change[];
  history: RoundRecord[];
  ready: string[];
  scores: Score[];
  outcome: TableOutcome;
};

export function seesSecretsOf(state: GameState, viewer: Viewer, country: string): boolean {
  if (state.phase === "ended" || viewer.kind === "facilitator") return true;
  return viewer.kind === "seat" && viewer.seat === country;
}

/**
 * A team channel is for the people who share a seat: with teams off a seat is one person, and
 * a channel of one is nobody's to read or write in. The state keeps it, and a line posted to it
 * still applies (logs of games that did replay as they were played), but no view carries it and
 * the legal list (legal.ts) does not offer it.
 */
export const channelUnused = (state: GameState, channel: Pick<Channel, "kind">): boolean => channel.kind === "team" && !state.settings.teams;

export function canReadChannel(state: GameState, viewer: Viewer, channel: Channel): boolean {
  if (channel.kind === "plenary" || channel.kind === "broadcast") return true;
  if (channelUnused(state, channel)) return false;
  // The facilitator sees a private channel while it may hold a line they may read (`canReadMessage`).
  if (viewer.kind === "facilitator") return facilitatorReadsSomePrivate(state);
  return viewer.kind === "seat" && channel.members.includes(viewer.seat);
}

/** Whether the facilitator may read private lines now, or could while some were written (`facilitatorReadsLine`). */
export const facilitatorReadsSomePrivate = (state: Pick<GameState, "settings" | "privateReads">): boolean => state.settings.facilitatorReadsPrivate || !!state.privateReads?.some((r) => r.reads);

/**
 * Whether the facilitator may read the private line numbered `messageId`: players wrote it under
 * the setting shown to them then (docs/RULES.md, "Channels"), so turning the setting on later does
 * not open the lines written while it was off, and turning it off does not close those written
 * while it was on.
 */
export function facilitatorReadsLine(state: Pick<GameState, "settings" | "privateReads">, messageId: number): boolean {
  const reads = state.privateReads;
  if (!reads?.length) return state.settings.facilitatorReadsPrivate;
  let now = reads[0]!.reads;
  for (const r of reads) if (r.from <= messageId) now = r.reads;
  return now;
}

/** Whether `viewer` may read `message`: in a channel they may read, and for the facilitator a private line written while they could read it (`facilitatorReadsLine`). */
export function canReadMessage(state: GameState, viewer: Viewer, message: Pick<Message, "id" | "channel">): boolean {
  const channel = state.channels[message.channel];
  if (!channel || !canReadChannel(state, viewer, channel)) return false;
  if (viewer.kind !== "facilitator" || channel.kind === "plenary" || channel.kind === "broadcast") return true;
  return facilitatorReadsLine(state, message.id);
}

export function canSeeAgreement(viewer: Viewer, a: Pick<Agreement, "status" | "parties" | "signatures">): boolean {
  if (PUBLIC_STATUSES.has(a.status) || viewer.kind === "facilitator" || (viewer.kind === "seat" && a.parties.includes(viewer.seat))) return true;
  // Public once every party has signed (even if the game then ended before it took force).
  return a.parties.every((p) => a.signatures.includes(p));
}

/** A score as others may see it: without the secret objective or the points it earned. */
export function withoutSecret(score: Score): Score {
  const hidden = score.objectives.filter((o) => o.secret && o.met).reduce((sum, o) => sum + o.points, 0);
  const subtotal = Math.round((score.subtotal - hidden) * 10) / 10;
  return { ...score, objectives: score.objectives.filter((o) => !o.secret), subtotal, total: Math.round(subtotal * score.factor * 10) / 10 };
}

export function viewFor(state: GameState, viewer: Viewer): GameView {
  const view = boardFor(state, viewer) as GameView;
  view.scores = scoresFor(state, viewer, true);
  view.outcome = tableOutcome(state, true);
  return view;
}

/** The scores as this viewer may see them, best first; `explain`: unmet objectives say why (`computeScores`). */
export function scoresFor(state: GameState, viewer: Viewer, explain = false): Score[] {
  // Sorted after hiding secrets: a met secret objective no longer counts for this viewer, so the
  // order must follow the totals this viewer sees (docs/RULES.md, scores).
  return computeScores(state, explain)
    .map((score) => (seesSecretsOf(state, viewer, score.country) ? score : withoutSecret(score)))
    .sort(byTotal);
}

/**
 * The view without its scores and outcome (a scoring pass), for a reader that computes those
 * only when it reads them (bots: shared/bots/context.ts). `countries`: this viewer's country
 * views, when the caller kept them from a state with the same countries and scenario, in the
 * same phase (all `countryView` reads).
 */
export function boardFor(state: GameState, viewer: Viewer, countries?: CountryView[], parts: BoardParts = boardParts(state, viewer)): Omit<GameView, "scores" | "outcome"> {
  const { channels } = parts;
  return {
    viewer,
    version: state.version,
    scenario: parts.scenario,
    settings: viewSettings(state.settings),
    round: state.round,
    phase: state.phase,
    crisis: state.crisis,
    countries: countries ?? state.scenario.countries.map((c) => countryView(state, c, viewer)),
    table: { ...state.table },
    agreements: parts.agreements,
    restrictions: state.restrictions,
    events: state.events,
    ...(viewer.kind === "facilitator"
      ? {
          deckRemaining: [...state.deck].sort(),
          deckCards: deckCards(state),
          deckWaiting: waitingCards(state),
          scheduled: state.scheduled,
        }
      : {}),
    matrix: state.matrix.filter((m) => m.status !== "pending" || viewer.kind === "facilitator" || (viewer.kind === "seat" && viewer.seat === m.seat)),
    standards: { ...state.standards },
    channels,
    messages: parts.messages,
    news: state.news,
    changes: parts.changes,
    history: state.history,
    ready: state.ready,
  };
}

/**
 * The parts of a board that take a pass over a list of the state's: a reader that builds boards
 * often may keep each while the state's part it is made from is the same object (the engine
 * copies what a move changes: shared/engine/step-copy.ts), as shared/bots/context.ts does.
 */
export type BoardParts = { scenario: GameView["scenario"]; channels: Channel[]; agreements: Agreement[]; messages: Message[]; changes: Change[] };

export function boardParts(state: GameState, viewer: Viewer): BoardParts {
  const channels = visibleChannels(state, viewer);
  return {
    scenario: scenarioView(state.scenario),
    channels,
    agreements: visibleAgreements(state, viewer),
    messages: readableMessages(state, channels, viewer),
    changes: Object.values(state.changes),
  };
}

export const visibleChannels = (state: GameState, viewer: Viewer): Channel[] => Object.values(state.channels).filter((c) => canReadChannel(state, viewer, c));
export const visibleAgreements = (state: GameState, viewer: Viewer): Agreement[] => state.agreements.filter((a) => canSeeAgreement(viewer, a));
export function readableMessages(state: GameState, channels: Channel[], viewer?: Viewer): Message[] {
  const readable = new Set(channels.map((c) => c.id));
  // Only the facilitator's reading depends on the line, not on its channel alone (`canReadMessage`).
  if (viewer?.kind === "facilitator" && state.privateReads) return state.messages.filter((m) => readable.has(m.channel) && canReadMessage(state, viewer, m));
  return state.messages.filter((m) => readable.has(m.channel));
}

/** A scenario card as the facilitator reads it: its words, its effects and its conditional ones (pressures). */
export function cardForConsole(e: EventCard): NonNullable<GameView["deckCards"]>[number] {
  return { id: e.id, title: e.title, date: e.date, text: e.text, effects: e.effects, ...(e.pressures?.length ? { pressures: e.pressures } : {}) };
}

/** The undrawn cards, by id (never in the deck's order). */
export function deckCards(state: GameState): NonNullable<GameView["deckCards"]> {
  return [...state.deck].sort().map((id) => {
    const e = state.scenario.events.find((x) => x.id === id)!;
    return cardForConsole(e);
  });
}


/** What every viewer reads of the scenario: its title, summary, shared targets and debrief questions. */
export function scenarioView(s: GameState["scenario"]): GameView["scenario"] {
  return {
    id: s.id,
    title: s.title,
    summary: s.summary,
    year: s.year,
    standards: s.standards,
    targets: s.targets.map((t) => ({ text: t.text })),
    debrief: s.debrief,
    ...(s.rival ? { rivalCountry: s.rival.country } : {}),
    withdrawCost: { trust: s.rules.trust.withdraw, cohesion: s.rules.trust.withdrawCohesion },
    buildRounds: s.rules.loans.buildRounds,
    missedTargetFactor: s.rules.scoring.missedTargetFactor,
  };
}
/** One country as `viewer` sees it. */
export function countryView(state: GameState, c: GameState["scenario"]["countries"][number], viewer: Viewer): CountryView {
  const live = state.countries[c.id]!;
  const view: CountryView = {
    id: c.id,
    name: c.name,
    ...(c.inSentence ? { inSentence: c.inSentence } : {}),
    iso: c.iso,
    control: c.control,
    bloc: c.bloc,
    stance: live.stance,
    personality: c.personality,
    profile: c.profile,
    ...(c.brief && viewer.kind === "seat" && viewer.seat === c.id ? { brief: c.brief } : {}),
    income: c.capital,
    capital: live.capital,
    metrics: { ...live.metrics },
    weights: { ...c.weights },
    sectors: copySectors(live.sectors),
    exposure: { ...live.exposure },
    needs: [...c.needs],
    connected: live.connected,
    falls: live.falls,
    objectives: c.objectives,
  };
  if (seesSecretsOf(state, viewer, c.id)) view.secret = c.secret;
  return view;
}

/** A copy of a country's sectors (plain numbers; cheaper than structuredClone, which this ran per country per view). */
function copySectors(sectors: GameState["countries"][string]["sectors"]): CountryView["sectors"] {
  const out = {} as CountryView["sectors"];
  for (const k in sectors) {
    const s = sectors[k as keyof typeof sectors];
    out[k as keyof typeof sectors] = { capability: s.capability, chokepoint: s.chokepoint };
  }
  return out;
}
