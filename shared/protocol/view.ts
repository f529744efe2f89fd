/**
 * How the engine's per-viewer view travels: the server splits it into parts kept in the
 * Colyseus room state, so that an action re-sends only the part it changed:
 * - `version`, a number of its own (every action changes it; nothing else comes with it);
 * - public JSON sections for everybody (`pub`: the scenario, the meta, the table, one per
 *   country, ...), and one private section per seat and one for the facilitator (`priv`,
 *   each only in the StateView of the clients it belongs to);
 * - append-only logs (`news`, `events`, chat): one line per item, sent once, and only those
 *   of the current round (`since`; older ones over HTTP, shared/protocol/archive.ts);
 * - deals one by one, field by field (`WireDeal`): public ones in `agreements` by id, unsigned
 *   ones as `privateAgreements` entries held only by the StateViews of their parties and the
 *   facilitator.
 * Scores travel without the objectives' texts (each score names its objectives by id; the
 * countries and secrets carry the texts), and a private section holds of a score only what
 * its secret objective changes; the outcome travels without the targets' texts.
 * The client puts the parts back together with `assembleView`. Both sides use the keys here.
 */
import type { Objective } from "../scenario/schema.ts";
import type { Agreement, AgreementStep, Change, Channel, MatrixAction, Message, NewsItem, PlayedEvent, ScheduledEvent } from "../engine/types.ts";
import type { GameView, CountryView } from "../engine/views.ts";
import { byTotal, type ObjectiveResult, type Score } from "../engine/scoring.ts";
import { ROLES, type Phase, type Role } from "../engine/vocabulary.ts";
import type { Text } from "../engine/text.ts";
import type { Draft } from "../engine/actions.ts";

/** A score on the wire: each objective by id, whether it is met and, unmet, why (when the engine can tell). */
export type WireScore = Omit<Score, "objectives"> & { objectives: { id: string; met: boolean; why?: Text }[] };
/** What a secret objective adds to a public score: whether it is met (why not, when the engine can tell), and the totals with it. */
export type SecretScore = { country: string; met: boolean; why?: Text; subtotal: number; total: number };
/** The table's outcome on the wire: whether each of the scenario's targets is met, in order, and why a missed one is (null where met or nothing to say; left out when none is). */
export type WireOutcome = { met: boolean; targets: boolean[]; why?: (Text | null)[] };

/**
 * What of a game's scenario never changes while it is played and every reader may have: the
 * scenario's titles, targets and debrief, and each country's name, profile, weights and
 * public objectives (and a seat's brief: teaching material, not a secret). It is not in the
 * room state: the client fetches it once over HTTP (GET /api/games/:code/scenario) and
 * `assembleView` puts it together with the state. Never secret objectives, never event cards.
 */
export type ScenarioBook = {
  scenario: GameView["scenario"];
  countries: StaticCountry[];
  /**
   * The scenario's event cards: only in the facilitator's book (GET /api/games/:code/cards, with
   * the facilitator key), who reads the undrawn ones by the ids of `deckRemaining`.
   */
  cards?: DeckCard[];
  /** Every secret objective (with `tr`): only in the facilitator's book (GET /api/games/:code/secrets, with the facilitator key). */
  secrets?: Record<string, Objective>;
};
export type DeckCard = NonNullable<GameView["deckCards"]>[number];
export type StaticCountry = Pick<CountryView, "id" | "name" | "inSentence" | "iso" | "control" | "bloc" | "personality" | "profile" | "income" | "weights" | "needs" | "objectives" | "brief">;
/** A country's section: what of its view changes during a game (its secret, too, once the game is over). */
type LiveCountry = Omit<CountryView, keyof StaticCountry> & { id: string };
/**
 * A country's section on the wire: each sector as `[capability, chokepoint]`, without the two
 * names it would repeat seven times (a fifth of a late join was those names).
 */
export type WireCountry = Omit<LiveCountry, "sectors"> & { sectors: Record<keyof LiveCountry["sectors"], [number, number]> };

/** A country's sectors as they travel (`WireCountry`). */
export function toWireSectors(sectors: LiveCountry["sectors"]): WireCountry["sectors"] {
  const out = {} as WireCountry["sectors"];
  for (const k in sectors) {
    const s = sectors[k as keyof typeof sectors];
    out[k as keyof typeof out] = [s.capability, s.chokepoint];
  }
  return out;
}

function fromWireCountry(wire: WireCountry): LiveCountry {
  const sectors = {} as LiveCountry["sectors"];
  for (const k in wire.sectors) {
    const [capability, chokepoint] = wire.sectors[k as keyof typeof wire.sectors];
    sectors[k as keyof typeof sectors] = { capability, chokepoint };
  }
  return { ...wire, sectors };
}

/**
 * A chat line on the wire: the message's fields as schema fields, so a line costs its text
 * and a few bytes. Left out: `roles` when the sender held every role (most lines; "" is a
 * sender without roles), `channel` for the plenary, and, in the room state, `round` when it is
 * the state's `since` (`fullLine` puts them back). Every line the state holds is of `since` or
 * later, and a line leaves it before `since` moves past its round (server/rooms/view-sync.ts).
 */
export type WireLine = { id: number; round?: number; channel?: string; seat?: string; roles?: string; name?: string; facilitator?: boolean; text: string; said?: string; draft?: string; deleted?: boolean };

const ALL_ROLES = ROLES.join(",");

/** `inState`: the room state's `since`, for a line it holds (its round is left out when it is that one). */
export function toWireLine(m: Message, inState?: { since: number }): WireLine {
  const roles = m.from.roles?.join(",");
  return {
    id: m.id,
    ...(m.round !== inState?.since ? { round: m.round } : {}),
    ...(m.channel !== "plenary" ? { channel: m.channel } : {}),
    ...(m.from.seat !== undefined ? { seat: m.from.seat } : {}),
    ...(m.from.seat !== undefined && roles === ALL_ROLES ? {} : { roles: roles ?? "" }),
    ...(m.from.name ? { name: m.from.name } : {}),
    ...(m.from.facilitator ? { facilitator: true } : {}),
    text: m.text,
    ...(m.said ? { said: JSON.stringify(m.said) } : {}),
    ...(m.draft ? { draft: JSON.stringify(m.draft) } : {}),
    ...(m.deleted ? { deleted: true } : {}),
  };
}

/** A line with its round and channel, read from a room state whose `since` this is (or over HTTP, which leaves out no round). */
export function fullLine(l: WireLine, since = 1): WireLine & { round: number; channel: string } {
  return l.round !== undefined && l.channel !== undefined ? (l as WireLine & { round: number; channel: string }) : { ...l, round: l.round ?? since, channel: l.channel ?? "plenary" };
}

export function fromWireLine(wire: WireLine, since?: number): Message {
  const l = fullLine(wire, since);
  const roles = l.roles === undefined ? (l.seat !== undefined ? [...ROLES] : undefined) : l.roles ? (l.roles.split(",") as Role[]) : undefined;
  return {
    id: l.id,
    round: l.round,
    channel: l.channel,
    from: { ...(l.seat !== undefined ? { seat: l.seat } : {}), ...(roles ? { roles } : {}), ...(l.name ? { name: l.name } : {}), ...(l.facilitator ? { facilitator: true as const } : {}) },
    text: l.text ?? "",
    ...(l.said ? { said: JSON.parse(l.said) as Text } : {}),
    ...(l.draft ? { draft: JSON.parse(l.draft) as Draft } : {}),
    ...(l.deleted ? { deleted: true as const } : {}),
  };
}

/**
 * A deal on the wire: its fields, so an amendment or a signature re-sends what it changed
 * (the terms, the revision, the signatures, one more step), not the whole deal. Lists of
 * countries are comma-separated ids; `terms` is JSON without its `type` (the deal's own), each
 * step JSON too (`stepJson`).
 */
export type WireDeal = {
  id: string;
  type: string;
  parties: string;
  terms: string;
  duration: number;
  status: string;
  revision: number;
  proposedBy: string;
  proposedAt: number;
  signatures: string;
  steps: string[];
  /** How many earlier steps left the room state (shared/protocol/archive.ts): `steps` starts after them. */
  past?: number;
  startRound?: number;
  endRound?: number;
  built?: number;
  brokenBy?: string;
  left?: string;
};

const ids = (list: string) => (list ? list.split(",") : []);

/**
 * A step on the wire: `[round, what, revision, by, phase, reason, role, name]`, without the keys,
 * and without the trailing ones at their defaults (`by` "" for the system, `phase` "" for the
 * negotiation, no reason, no minister of a team): an amendment's step is about 22 bytes of JSON
 * where the object's was about 70.
 */
type WireStep = [number, AgreementStep["what"], number, string?, string?, AgreementStep["reason"]?, string?, string?];

function encodeStep(step: AgreementStep, reason: boolean): string {
  const wire: WireStep = [step.round, step.what, step.revision, step.by ?? "", step.phase === "negotiation" ? "" : step.phase, (reason && step.reason) || "", step.role ?? "", step.name ?? ""];
  while (wire.length > 3 && wire[wire.length - 1] === "") wire.pop();
  return JSON.stringify(wire);
}

/** Each step's JSON, by step object: the engine never changes a step it made, and a deal amended many times re-sends only its new one. */
const stepJsons = new WeakMap<object, string>();
export function stepJson(step: AgreementStep): string {
  let json = stepJsons.get(step);
  if (json === undefined) stepJsons.set(step, (json = encodeStep(step, true)));
  return json;
}

/** A step without its stated reason, by step object as `stepJson`. */
const bareJsons = new WeakMap<object, string>();
export function bareStepJson(step: AgreementStep): string {
  if (!step.reason) return stepJson(step);
  let json = bareJsons.get(step);
  if (json === undefined) bareJsons.set(step, (json = encodeStep(step, false)));
  return json;
}

export function fromStepJson(json: string): AgreementStep {
  const [round, what, revision, by, phase, reason, role, name] = JSON.parse(json) as WireStep;
  return { round, phase: (phase || "negotiation") as Phase, what, ...(by ? { by } : {}), ...(role ? { role: role as Role } : {}), ...(name ? { name } : {}), revision, ...(reason ? { reason } : {}) };
}

/** Terms' JSON without their type, by terms object (an offer keeps its terms until it is amended). */
const termsJsons = new WeakMap<object, string>();
function termsJson(terms: Agreement["terms"]): string {
  let json = termsJsons.get(terms);
  if (json === undefined) {
    const { type: _type, ...rest } = terms;
    termsJsons.set(terms, (json = JSON.stringify(rest)));
  }
  return json;
}

export function toWireDeal(a: Agreement): WireDeal {
  return {
    id: a.id,
    type: a.type,
    parties: a.parties.join(","),
    terms: termsJson(a.terms),
    duration: a.duration,
    status: a.status,
    revision: a.revision,
    proposedBy: a.proposedBy,
    proposedAt: a.proposedAt,
    signatures: a.signatures.join(","),
    steps: a.steps.map(stepJson),
    ...(a.startRound !== undefined ? { startRound: a.startRound } : {}),
    ...(a.endRound !== undefined ? { endRound: a.endRound } : {}),
    ...(a.built !== undefined ? { built: a.built } : {}),
    ...(a.brokenBy !== undefined ? { brokenBy: a.brokenBy } : {}),
    ...(a.left !== undefined ? { left: a.left.join(",") } : {}),
  };
}

/**
 * Deals in the order made, as the engine lists them (ids say nothing of it: shared/engine/deal-ids.ts):
 * by the version they were proposed at; deals one move made (the rival's loan offers) by id.
 */
export const inOrderMade = (a: Pick<Agreement, "id" | "proposedAt">, b: Pick<Agreement, "id" | "proposedAt">): number => a.proposedAt - b.proposedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export function fromWireDeal(w: WireDeal): Agreement {
  return {
    id: w.id,
    type: w.type as Agreement["type"],
    parties: ids(w.parties),
    terms: { type: w.type, ...JSON.parse(w.terms) } as Agreement["terms"],
    duration: w.duration,
    status: w.status as Agreement["status"],
    revision: w.revision,
    proposedBy: w.proposedBy,
    proposedAt: w.proposedAt,
    signatures: ids(w.signatures ?? ""),
    steps: (w.steps ?? []).map(fromStepJson),
    ...(w.startRound !== undefined ? { startRound: w.startRound } : {}),
    ...(w.endRound !== undefined ? { endRound: w.endRound } : {}),
    ...(w.built !== undefined ? { built: w.built } : {}),
    ...(w.brokenBy !== undefined ? { brokenBy: w.brokenBy } : {}),
    ...(w.left !== undefined ? { left: ids(w.left) } : {}),
  };
}

/** Public sections: key → the part of the observer's view it carries. */
export type PublicSections = {
  /** `recorded`: the rounds with a record (each fetched over HTTP, never in the room state). */
  meta: Pick<GameView, "settings" | "round" | "phase" | "crisis" | "ready" | "standards"> & { outcome: WireOutcome; recorded: number[] };
  table: GameView["table"];
  restrictions: GameView["restrictions"];
  changes: GameView["changes"];
  scores: WireScore[];
  channels: Channel[];
  matrix: MatrixAction[];
};
/** The append-only logs: every viewer reads the same items, in order. Round records travel over HTTP. */
export type Logs = { news: NewsItem[]; events: PlayedEvent[] };
export const LOG_KEYS = ["news", "events"] as const;
/** The channels every viewer reads (sections.ts `isPublicMessage`). */
export const PUBLIC_CHANNELS: ReadonlySet<string> = new Set(["plenary", "broadcast"]);
export const countryKey = (id: string) => `country:${id}`;
export const seatKey = (id: string) => `seat:${id}`;
export const FACILITATOR_KEY = "facilitator";
/**
 * The people watching, as entries of `priv`, so only the facilitator's view holds them:
 * OBSERVERS_KEY, how many connected observers gave no name; `observerKey(n)`, the n-th name
 * given (an `ObserverInfo`). One observer coming or going changes one entry (server/rooms/seating.ts).
 */
export const OBSERVERS_KEY = "observers";
export const observerKey = (n: number) => `observer:${n}`;

/** The facilitator's list of observers from those entries: names in the order they came, then one entry per connected observer without a name. */
export function observersOf(priv: Record<string, Json>): ObserverInfo[] | undefined {
  const unnamed = read<number>(priv, OBSERVERS_KEY);
  if (unnamed === undefined) return undefined;
  const named = Object.keys(priv)
    .filter((k) => k.startsWith("observer:"))
    .sort((a, b) => Number(a.slice(9)) - Number(b.slice(9)))
    .map((k) => read<ObserverInfo>(priv, k)!);
  return [...named, ...Array.from({ length: unnamed }, () => ({ connected: true }))];
}

/**
 * The ministries of a seat that none of the people in it (`holders`: each one's ministries) hold:
 * with teams, those nobody has taken; without, all three while the seat is empty, else none. The
 * server seats people by it (server/rooms/seating.ts) and the console offers only what it accepts.
 */
export function freeMinistries(holders: readonly (readonly string[])[], teams: boolean): Role[] {
  const taken = new Set(holders.flat());
  if (!teams) return taken.size ? [] : [...ROLES];
  return ROLES.filter((r) => !taken.has(r));
}

/**
 * The ministries a person in a seat acts for: their own, and with teams those nobody in the seat
 * holds (`seatHolders`: every holder's own, theirs included), so a student alone at a country holds all three.
 */
export function actingMinistries(own: readonly string[], seatHolders: readonly (readonly string[])[], teams: boolean): Role[] {
  if (!teams) return [...ROLES];
  const free = freeMinistries(seatHolders, true);
  return ROLES.filter((r) => own.includes(r) || free.includes(r));
}

/** A seat's private section: what its players see beyond the public board. */
export type SeatSection = { secret?: Objective; score?: SecretScore; channels: Channel[]; matrix: MatrixAction[] };
/** The facilitator's private section. */
export type FacilitatorSection = {
  channels: Channel[];
  scores: SecretScore[];
  deckRemaining: string[];
  /** Undrawn cards that may not be played yet, with the card each answers (shared/engine/deck.ts `waitingCards`). */
  deckWaiting?: Record<string, string>;
  scheduled: ScheduledEvent[];
  matrix: MatrixAction[];
  rejoinCodes: Record<string, string>;
};

/** `roles`: the holder's ministries joined by commas (server/rooms/seating.ts), read with `holderRoles`. */
export type HolderInfo = { id: string; name: string; roles: string; connected: boolean };
/** A holder's ministries from the seat list's `roles`: none for "" (not one empty ministry, as `"".split(",")` would give). */
export const holderRoles = (roles: string): string[] => (roles ? roles.split(",") : []);
/** Someone watching the game (facilitator only): the name they gave, if any, and whether they are connected now. */
export type ObserverInfo = { name?: string; connected: boolean };
/** `done`: done with the phase, as the server judges it from the whole game (`seatDone`); every view counts by it (`seatsDone`). */
export type SeatInfo = { id: string; name: string; bloc: string; bot: boolean; holders: HolderInfo[]; done: boolean };

type Json = { json: string };

/**
 * The last change of every subject and key (`Change.subject`, `Change.key`) in the rounds up to
 * `round`, with the round it happened in: what a client that lacks older round records shows
 * as a metric's last change (GET /api/games/:code/past/changes).
 */
export type LastChanges = { round: number; changes: { round: number; change: Change }[] };

/** The room state as the client decodes it (`room.state.toJSON()`). */
export type SyncedState = {
  code: string;
  deadline: number;
  paused: boolean;
  remainingMs: number;
  version: number;
  seats: Record<string, SeatInfo>;
  waiting?: HolderInfo[];
  pub: Record<string, Json>;
  priv: Record<string, Json>;
  /** The first round whose lines, steps and ended deals the room state holds (earlier ones left it). */
  since?: number;
  /** The index in the whole log of `news[0]` and `events[0]`. */
  newsFrom?: number;
  eventsFrom?: number;
  /** Counts what of the deals left the state (ended deals, steps' reasons): a fresh join that sees some lacks them. */
  dealsTrimmed?: number;
  /** How many public chat lines left the state (it keeps the latest few): a fresh join lacks them. */
  chatGone?: number;
  news: Json[];
  events: Json[];
  /** Round records: never in the room state; the client's archive puts in those it fetched. */
  history?: Json[];
  /** Each metric's last change up to a recorded round, when the client fetched it (shared/protocol/archive.ts). */
  lastChanges?: LastChanges;
  agreements: Record<string, WireDeal>;
  privateAgreements: WireDeal[];
  chat: WireLine[];
  privateChat: WireLine[];
};

export type ClientView = GameView & {
  code: string;
  /** Server time (ms since epoch) when the current phase ends; 0 when untimed. */
  deadline: number;
  paused: boolean;
  /** Time left when paused. */
  remainingMs: number;
  seats: SeatInfo[];
  /** Players who joined without a seat (the facilitator seats them). */
  waiting: HolderInfo[];
  /** Rejoin codes per seat (facilitator only). */
  rejoinCodes?: Record<string, string>;
  /** Who is watching, named ones who left included (facilitator only). */
  observers?: ObserverInfo[];
  /** The rounds with a record; `history` holds those the client has (fetched over HTTP). */
  recorded: number[];
  /** Each metric's last change up to a round, for a client that lacks older records (shared/protocol/archive.ts). */
  lastChanges?: LastChanges;
};

/** Objectives' texts and points leave the scores on the wire (they are in the countries and secrets). */
export function toWireScore(score: Score): WireScore {
  return { ...score, objectives: score.objectives.map((o) => ({ id: o.id, met: o.met, ...(o.why ? { why: o.why } : {}) })) };
}

/** A wire score with its objectives' texts back, from the objectives this viewer can read. */
function fromWireScore(score: WireScore, objectives: Map<string, { objective: Objective; secret: boolean }>): Score {
  return {
    ...score,
    objectives: score.objectives.map((o): ObjectiveResult => {
      const known = objectives.get(`${score.country}/${o.id}`);
      return { id: o.id, text: known?.objective.text ?? o.id, points: known?.objective.points ?? 0, met: o.met, secret: known?.secret ?? false, ...(o.why ? { why: o.why } : {}) };
    }),
  };
}

function read<T>(sections: Record<string, Json>, key: string): T | undefined {
  const s = sections[key];
  return s ? (JSON.parse(s.json) as T) : undefined;
}

/** The undrawn cards, by the ids the facilitator's section lists, from the facilitator's book. */
function deckCardsOf(ids: string[], cards: DeckCard[] = []): DeckCard[] {
  const byId = new Map(cards.map((c) => [c.id, c]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

const lines = <T>(log: Json[] | undefined): T[] => (log ?? []).map((l) => JSON.parse(l.json) as T);

/**
 * Rebuilds a viewer's GameView from the synced room state and the game's scenario book
 * (undefined until both have arrived); `language`: the reader's, for texts that travel translated.
 */
export function assembleView(synced: SyncedState, viewer: GameView["viewer"], book: ScenarioBook | undefined, language?: string): ClientView | undefined {
  const pub = synced.pub ?? {};
  const meta = read<PublicSections["meta"]>(pub, "meta");
  if (!book || !meta) return undefined;
  const scenario = book.scenario;
  const priv: SeatSection | FacilitatorSection | undefined =
    viewer.kind === "seat" ? read<SeatSection>(synced.priv ?? {}, seatKey(viewer.seat)) : viewer.kind === "facilitator" ? read<FacilitatorSection>(synced.priv ?? {}, FACILITATOR_KEY) : undefined;

  // A secret objective travels with its translations: the reader's language's text, or the scenario's own.
  const inLanguage = (o: Objective | undefined): Objective | undefined => {
    if (!o?.tr) return o;
    const { tr, ...objective } = o;
    return { ...objective, text: (language && tr[language]) || objective.text };
  };
  const mine = viewer.kind === "seat" ? viewer.seat : undefined;
  const countries = book.countries.flatMap((fixed): CountryView[] => {
    const wire = read<WireCountry>(pub, countryKey(fixed.id));
    if (!wire) return [];
    const live = fromWireCountry(wire);
    const { brief, ...rest } = fixed;
    const c: CountryView = { ...rest, ...(brief && mine === fixed.id ? { brief } : {}), ...live };
    const secret = viewer.kind === "facilitator" ? book.secrets?.[c.id] : undefined;
    if (secret) return [{ ...c, secret: inLanguage(secret) }];
    if (priv && !("deckRemaining" in priv) && mine === c.id && (priv.secret || c.secret)) return [{ ...c, secret: inLanguage(priv.secret ?? c.secret) }];
    return [c.secret ? { ...c, secret: inLanguage(c.secret) } : c];
  });

  const objectives = new Map<string, { objective: Objective; secret: boolean }>();
  for (const c of countries) {
    for (const o of c.objectives) objectives.set(`${c.id}/${o.id}`, { objective: o, secret: false });
    if (c.secret) objectives.set(`${c.id}/${c.secret.id}`, { objective: c.secret, secret: true });
  }
  let scores = (read<WireScore[]>(pub, "scores") ?? []).map((s) => fromWireScore(s, objectives));
  const secretScores = priv && "scores" in priv ? priv.scores : priv && "score" in priv && priv.score ? [priv.score] : [];
  if (secretScores.length) {
    const secretOf = new Map(countries.map((c) => [c.id, c.secret]));
    const withSecret = new Map(secretScores.map((s) => [s.country, s]));
    scores = scores
      .map((score) => {
        const add = withSecret.get(score.country);
        const secret = secretOf.get(score.country);
        if (!add || !secret) return score;
        // The public score is the whole one without the secret objective, which comes last.
        return { ...score, objectives: [...score.objectives, { id: secret.id, text: secret.text, points: secret.points, met: add.met, secret: true, ...(add.why ? { why: add.why } : {}) }], subtotal: add.subtotal, total: add.total };
      })
      .sort(byTotal);
  }

  const byId = new Map<string, Agreement>();
  for (const a of [...Object.values(synced.agreements ?? {}), ...(synced.privateAgreements ?? [])]) {
    const agreement = fromWireDeal(a);
    byId.set(agreement.id, agreement);
  }
  const agreements = [...byId.values()].sort(inOrderMade);
  const channels = [...(read<Channel[]>(pub, "channels") ?? []), ...(priv?.channels ?? [])];
  const messages = [...(synced.chat ?? []), ...(synced.privateChat ?? [])].map((l) => fromWireLine(l, synced.since)).sort((a, b) => a.id - b.id);

  return {
    viewer,
    version: synced.version,
    settings: meta.settings,
    round: meta.round,
    phase: meta.phase,
    crisis: meta.crisis,
    ready: meta.ready,
    standards: meta.standards,
    outcome: {
      met: meta.outcome.met,
      targets: scenario.targets.map((t, i) => {
        const why = meta.outcome.why?.[i];
        return why ? { text: t.text, met: meta.outcome.targets[i] ?? false, why } : { text: t.text, met: meta.outcome.targets[i] ?? false };
      }),
    },
    scenario,
    countries,
    table: read(pub, "table")!,
    agreements,
    restrictions: read(pub, "restrictions") ?? [],
    events: lines(synced.events),
    ...(priv && "deckRemaining" in priv ? { deckRemaining: priv.deckRemaining, deckCards: deckCardsOf(priv.deckRemaining, book.cards), deckWaiting: priv.deckWaiting ?? {}, scheduled: priv.scheduled, rejoinCodes: priv.rejoinCodes, observers: observersOf(synced.priv ?? {}) } : {}),
    matrix: [...(read<MatrixAction[]>(pub, "matrix") ?? []), ...(priv?.matrix ?? [])].sort((a, b) => Number(a.id.slice(1)) - Number(b.id.slice(1))),
    channels,
    messages,
    news: lines(synced.news),
    changes: read(pub, "changes") ?? [],
    history: lines(synced.history),
    recorded: meta.recorded,
    ...(synced.lastChanges ? { lastChanges: synced.lastChanges } : {}),
    scores,
    code: synced.code,
    deadline: synced.deadline,
    paused: synced.paused,
    remainingMs: synced.remainingMs,
    seats: Object.values(synced.seats ?? {}),
    waiting: synced.waiting ?? [],
  };
}

/**
 * "4 of 7 seats done": the table's seats, a bot's or one people hold (connected or not: the
 * count does not shrink to the bots' seats when every phone drops), and how many of those are
 * done, by each seat's `done` (`seatDone`, judged on the server from the whole game). One number
 * for everyone at a table at the same moment: the top bar of every view, the console's count and
 * ticks, the projector and the class console's tables all read it, none judges from the offers
 * it happens to see. A seat nobody holds and no bot plays is in neither number.
 */
export function seatsDone(seats: Iterable<DoneSeat & { done: boolean }>): { count: number; total: number } {
  let count = 0;
  let total = 0;
  for (const x of seats) {
    if (!played(x)) continue;
    total++;
    if (x.done) count++;
  }
  return { count, total };
}

/**
 * Whether a person plays at the table, so that everyone done ends a phase before its clock
 * (server/rooms/GameRoom.ts `peopleReady`): someone connected at a seat, or a person's seat whose
 * holder dropped and may come back (the server waits for them only within their reconnection
 * window, which a view does not know). At a table of bots alone, only the clock ends a phase,
 * however many seats are done.
 */
export const personPlays = (seats: Iterable<{ bot: boolean; holders: readonly { connected: boolean }[] }>): boolean => {
  for (const s of seats) if (s.holders.some((x) => x.connected) || (!s.bot && s.holders.length)) return true;
  return false;
};

type DoneSeat = { id: string; bot: boolean; holders: { length: number } };
/** A seat in the "seats done" count: a bot plays it or people hold it. */
const played = (seat: DoneSeat) => seat.bot || seat.holders.length > 0;

/**
 * Whether a seat is done with the phase (docs/RULES.md, §2), the rule of its `done`: a seat people
 * hold once they have said so; a bot's whenever nothing waits on it, as bots never hold a phase
 * open otherwise: always in the event and the review (bots read no card), and in the negotiation
 * unless an offer or a question waits on it (`waitedOn`: shared/bots/game-loop.ts `waitingOn`,
 * on the whole game, private offers and questions included). So the total is the same in every
 * phase, and the count reaches it as the phase can end. Undefined for a seat nobody holds and no
 * bot plays. The console ticks each seat by its `done`, so its ticks always add up to the count
 * beside them (a bot's own "done" comes seconds later: ticks read from `ready` lagged the count).
 *
 * What a seat's `done` tells every view is no more than this: a person's is their "done", which
 * everyone sees (`ready`); a bot's, in the negotiation, that something waits on it, not what, nor
 * from whom (tests/server/seats-done.test.ts).
 */
export function seatDone(table: { ready: readonly string[]; phase: string }, seat: DoneSeat, waitedOn: (seat: string) => boolean): boolean | undefined {
  if (!played(seat)) return undefined;
  return seat.bot ? table.phase !== "negotiation" || !waitedOn(seat.id) : table.ready.includes(seat.id);
}
