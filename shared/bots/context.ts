/**
 * What a bot may know, and nothing more: its seat's view, the scenario's public rules, the
 * shared targets and the rival's published script, a preview of deals bound to its own seat,
 * its legal actions, and a dry run of a move it is about to make. A bot gets a `BotContext`
 * and never the game state, so it cannot read another seat's secret, the deck or the rng.
 */
import type { Draft, Move } from "../engine/actions.ts";
import { apply, proposalCheck } from "../engine/apply.ts";
import { chatChannelsOf, openChannelWithOf, proposeTypes, seatActions, type LegalActions } from "../engine/legal.ts";
import type { Action } from "../engine/actions.ts";
import type { AgreementType } from "../engine/agreements/index.ts";
import { preview, type Preview } from "../engine/preview.ts";
import type { Refusal } from "../engine/result.ts";
import { PUBLIC_STATUSES, type Agreement, type GameState } from "../engine/types.ts";
import { ROLES } from "../engine/vocabulary.ts";
import {
  boardFor, canSeeAgreement, countryView, readableMessages, scenarioView, scoresFor, visibleChannels,
  type BoardParts, type CountryView, type GameView, type Viewer,
} from "../engine/views.ts";
import { computeScores, exactTotal, tableOutcome } from "../engine/scoring.ts";
import type { Rules, Scenario } from "../scenario/schema.ts";

export type PreviewSubject = { draft: Draft } | { agreementId: string };
type SeatViewer = Extract<Viewer, { kind: "seat" }>;

export type BotContext = {
  /** The seat this bot plays. */
  seat: string;
  /** Exactly what a lone player of this seat (all three ministries) sees. */
  view: GameView;
  /** The scenario's coefficients (public: docs/RULES.md prints them). */
  rules: Rules;
  /** The shared targets with their conditions (public: the table sees them). */
  targets: Scenario["targets"];
  /** The automated rival's published script, if the scenario has one. */
  rival?: Scenario["rival"];
  /** The engine's preview for this seat only. */
  preview(subject: PreviewSubject): Preview;
  /** This seat's legal actions now. */
  readonly legal: LegalActions;
  /** The deal types it may propose now (`legal.proposeTypes`, without working out the rest). */
  readonly proposeTypes: AgreementType[];
  /** Would the engine accept this move from this seat now? null when it would. */
  check(move: Move): Refusal | null;
  /**
   * Would the engine accept `draft` proposed by `seat` now? null when it would. A bot's answer
   * to a person ("Propose it…") is checked from the asker's side with the engine's own rules:
   * what the check reads (capital, signed deals, the rules) every seat sees.
   */
  checkProposal(draft: Draft, seat: string): Refusal | null;
  /**
   * The same object for as long as nothing the bot's model reads has changed in this seat's view
   * (see `modelEpoch`): a bot keeps its valuations between moves under it (mind.ts `Memory`).
   */
  epoch: object;
  /**
   * What a crisis now would do to this seat's score, as the engine scores it
   * (shared/engine/scoring.ts `computeScores`, docs/RULES.md §8): `now`, its score as the game
   * stands, before the shared targets' factor (the table may still meet them while the game goes
   * on); `crisis`, its total were a crisis to end the game now (its "no crisis" objectives missed,
   * and the factor when "no crisis" is a shared target). Its own seat only (its secret counts).
   */
  crisisScore?(): { now: number; crisis: number };
};

/** Builds a bot's context from the authoritative state (server and self-play call this). */
export function botContext(state: GameState, seat: string): BotContext {
  return new SeatContext(state, seat);
}

/**
 * A class, not an object literal: its methods are made once (a build that keeps function names,
 * tsx, wraps every arrow of a literal in a call that defines its name, at every decision), and
 * the state stays in private fields, out of a bot's reach.
 */
class SeatContext implements BotContext {
  readonly view: GameView;
  readonly rules: Rules;
  readonly targets: Scenario["targets"];
  declare readonly rival?: Scenario["rival"];
  readonly epoch: object;
  #state: GameState;
  #viewer: SeatViewer;
  #legal: LegalActions | undefined;
  constructor(
    state: GameState,
    readonly seat: string,
  ) {
    const scenario = state.scenario;
    this.#state = state;
    this.#viewer = { kind: "seat", seat, roles: [...ROLES] };
    this.view = seatView(state, this.#viewer);
    this.rules = scenario.rules;
    this.targets = scenario.targets;
    if (scenario.rival) this.rival = scenario.rival;
    this.epoch = modelEpoch(state);
  }
  preview(subject: PreviewSubject): Preview {
    return preview(this.#state, this.seat, subject);
  }
  get legal(): LegalActions {
    return (this.#legal ??= new LazyLegal(this.#state, this.#viewer));
  }
  get proposeTypes(): AgreementType[] {
    return this.#legal?.proposeTypes ?? proposeTypes(this.#state, this.#viewer);
  }
  check(move: Move): Refusal | null {
    return this.#checkAs(this.seat, move);
  }
  checkProposal(draft: Draft, seat: string): Refusal | null {
    return this.#checkAs(seat, { type: "propose", draft });
  }
  /**
   * Whether the engine takes `move` from `seat` by its rules. A proposal is asked of the engine's
   * `proposalCheck` (shared/engine/apply.ts): every rule a proposal meets but the offers the seat
   * already has waiting for answers, since the same draft as an offer on the table is what a bot
   * means by "as it stands".
   */
  crisisScore(): { now: number; crisis: number } {
    let kept = crisisScores.get(this.epoch);
    if (!kept) crisisScores.set(this.epoch, (kept = { now: computeScores({ ...this.#state, crisis: false }), crisis: computeScores({ ...this.#state, crisis: true }) }));
    const now = kept.now.find((x) => x.country === this.seat);
    const crisis = kept.crisis.find((x) => x.country === this.seat);
    return { now: now?.subtotal ?? 0, crisis: crisis ? exactTotal(crisis) : 0 };
  }
  #checkAs(seat: string, move: Move): Refusal | null {
    if (move.type === "propose") return proposalCheck(this.#state, seat, ROLES, move.draft);
    const result = apply(this.#state, { actor: { kind: "seat", seat, roles: [...ROLES] }, move });
    return result.ok ? null : result.error;
  }
}

/**
 * What a bot's model of the game reads (shared/bots/model.ts, value.ts and the agreement types'
 * `bots` hooks): the scenario and settings, the countries, the table, restrictions, standards,
 * the round and phase, and the deals every seat sees (signed, in force, ended). The engine never
 * writes into a state (each move copies the parts it changes: shared/engine/step-copy.ts,
 * tests/engine/immutability.test.ts), so while those parts are the same objects, everything the
 * model computed from them holds. Open and declined offers, chat, ready and history do not
 * count: a bot reads those afresh every move. The same for every seat: it holds nothing secret.
 */
type Epoch = { parts: readonly unknown[]; token: object; agreements: object };

/**
 * By epoch token: the scores `crisisScore` picks a seat's numbers from, as the game stands and
 * were a crisis to end it now. The engine's scores (shared/engine/scoring.ts
 * `computeScores`) read the scenario, settings, countries, table, standards, round and crisis flag
 * and the deals that took force or are signed (a loan's `built` grows only in force,
 * resolution.ts), all parts of the epoch, so they hold while it does. Here, not in a bot's
 * memory: they count each seat's secret objective.
 */
const crisisScores = new WeakMap<object, { now: ReturnType<typeof computeScores>; crisis: ReturnType<typeof computeScores> }>();
const epochs = new WeakMap<object, Epoch>();

/** The epoch's token: an empty object (the parts it stands for stay here, out of a bot's reach). */
function modelEpoch(state: GameState): object {
  // Most moves (talk, ready) keep the agreements object itself: then only the other parts need a look.
  const kept = epochs.get(state.countries);
  if (kept && kept.agreements === state.agreements && samePrefix(kept.parts, state)) return kept.token;
  const parts: unknown[] = [state.scenario, state.settings, state.table, state.restrictions, state.standards, state.round, state.phase, state.crisis];
  for (const a of state.agreements) if (PUBLIC_STATUSES.has(a.status)) parts.push(a);
  const last = epochs.get(state.countries);
  if (last && last.parts.length === parts.length && last.parts.every((x, i) => x === parts[i])) {
    last.agreements = state.agreements;
    return last.token;
  }
  const token = Object.freeze({});
  epochs.set(state.countries, { parts, token, agreements: state.agreements });
  return token;
}

function samePrefix(parts: readonly unknown[], state: GameState): boolean {
  return (
    parts[0] === state.scenario && parts[1] === state.settings && parts[2] === state.table && parts[3] === state.restrictions &&
    parts[4] === state.standards && parts[5] === state.round && parts[6] === state.phase && parts[7] === state.crisis
  );
}

/**
 * The seat's view, as `viewFor` builds it, with two savings for a reader that decides every
 * move: the country views are kept while the state's countries, scenario and phase are the same
 * objects (all a country view reads; the engine copies what a move changes), and the scores and
 * outcome (a scoring pass) are computed only if read (getters of its class, not own properties:
 * copying the view skips them). Getters defined on the object itself would turn it into a
 * dictionary, and every read of the view (bots read it thousands of times a move) slower.
 */
function seatView(state: GameState, viewer: SeatViewer): GameView {
  return Object.assign(new LazyScores(state, viewer), boardFor(state, viewer, keptCountries(state, viewer), keptParts(state, viewer))) as GameView;
}

/**
 * A seat's board parts (views.ts `boardParts`), each kept while the state's part it is made from
 * is the same object: most moves add a line of chat or sign one deal, and a seat decides many
 * times between them. Kept by the scenario, then the seat.
 */
type KeptParts = {
  channelsFrom: object; channels: BoardParts["channels"];
  /** The state's deals the visible ones were picked from, and which of them were (by index). */
  agreementsFrom: readonly Agreement[]; seen: boolean[]; agreements: BoardParts["agreements"];
  messagesFrom: object; messagesChannels: object; messages: BoardParts["messages"];
  changesFrom: object; changes: BoardParts["changes"];
};
const partsKept = new WeakMap<object, { scenario: BoardParts["scenario"]; seats: Map<string, KeptParts> }>();

/**
 * The deals a seat sees (views.ts `visibleAgreements`), asking `canSeeAgreement` only of those
 * not at the same place in the list it last looked at: the engine replaces a deal it changes and
 * adds new ones at the end, and whether a seat sees a deal depends on the deal alone.
 */
function seeAgreements(k: KeptParts, agreements: readonly Agreement[], viewer: SeatViewer) {
  const from = k.agreementsFrom;
  const before = k.seen;
  const seen: boolean[] = [];
  const visible: Agreement[] = [];
  for (let i = 0; i < agreements.length; i++) {
    const a = agreements[i]!;
    const v = i < from.length && from[i] === a ? before[i]! : canSeeAgreement(viewer, a);
    seen.push(v);
    if (v) visible.push(a);
  }
  k.agreementsFrom = agreements;
  k.seen = seen;
  k.agreements = visible;
}

function keptParts(state: GameState, viewer: SeatViewer): BoardParts {
  let byScenario = partsKept.get(state.scenario);
  if (!byScenario) partsKept.set(state.scenario, (byScenario = { scenario: scenarioView(state.scenario), seats: new Map() }));
  let k = byScenario.seats.get(viewer.seat);
  if (!k) {
    const channels = visibleChannels(state, viewer);
    k = {
      channelsFrom: state.channels, channels,
      agreementsFrom: [], seen: [], agreements: [],
      messagesFrom: state.messages, messagesChannels: channels, messages: readableMessages(state, channels),
      changesFrom: state.changes, changes: Object.values(state.changes),
    };
    byScenario.seats.set(viewer.seat, k);
    seeAgreements(k, state.agreements, viewer);
  } else {
    if (k.channelsFrom !== state.channels) (k.channelsFrom = state.channels), (k.channels = visibleChannels(state, viewer));
    if (k.agreementsFrom !== state.agreements) seeAgreements(k, state.agreements, viewer);
    if (k.messagesFrom !== state.messages || k.messagesChannels !== k.channels) {
      k.messagesFrom = state.messages;
      k.messagesChannels = k.channels;
      k.messages = readableMessages(state, k.channels);
    }
    if (k.changesFrom !== state.changes) (k.changesFrom = state.changes), (k.changes = Object.values(state.changes));
  }
  return { scenario: byScenario.scenario, channels: k.channels, agreements: k.agreements, messages: k.messages, changes: k.changes };
}

/**
 * `legalActions` for a seat, each part worked out when first read: a decision reads the actions
 * (to sign, decline, withdraw or say it is ready) or the channels (to chat), seldom both.
 */
class LazyLegal implements LegalActions {
  #state: GameState;
  #viewer: SeatViewer;
  #actions: Action[] | undefined;
  #proposeTypes: AgreementType[] | undefined;
  #chatChannels: string[] | undefined;
  #openChannelWith: string[] | undefined;
  constructor(state: GameState, viewer: SeatViewer) {
    this.#state = state;
    this.#viewer = viewer;
  }
  get actions(): Action[] {
    return (this.#actions ??= this.#state.phase === "negotiation" ? seatActions(this.#state, this.#viewer) : []);
  }
  get proposeTypes(): AgreementType[] {
    return (this.#proposeTypes ??= proposeTypes(this.#state, this.#viewer));
  }
  get chatChannels(): string[] {
    return (this.#chatChannels ??= this.#state.phase === "ended" ? [] : chatChannelsOf(this.#state, this.#viewer.seat));
  }
  get openChannelWith(): string[] {
    return (this.#openChannelWith ??= this.#state.phase === "ended" ? [] : openChannelWithOf(this.#state, this.#viewer.seat));
  }
}

class LazyScores {
  #state: GameState;
  #viewer: SeatViewer;
  #scores: GameView["scores"] | undefined;
  #outcome: GameView["outcome"] | undefined;
  constructor(state: GameState, viewer: SeatViewer) {
    this.#state = state;
    this.#viewer = viewer;
  }
  /** As `viewFor` gives them, with each unmet objective's why (made only when read). */
  get scores(): GameView["scores"] {
    return (this.#scores ??= scoresFor(this.#state, this.#viewer, true));
  }
  /** As `viewFor` gives it, with each missed target's why (made only when read). */
  get outcome(): GameView["outcome"] {
    return (this.#outcome ??= tableOutcome(this.#state, true));
  }
}

type Kept = { scenario: unknown; phase: string; countries: CountryView[] };
const kept = new WeakMap<object, Map<string, Kept>>();
/** By the state's countries: each country's view as every seat but its own sees it. */
const othersKept = new WeakMap<object, { scenario: unknown; phase: string; views: Map<string, CountryView> }>();
/** A seat that is no country's: `countryView` for it is what any other seat sees. */
const ANOTHER_SEAT = { kind: "seat" as const, seat: "", roles: [...ROLES] };

function keptCountries(state: GameState, viewer: SeatViewer): CountryView[] {
  let bySeat = kept.get(state.countries);
  if (!bySeat) kept.set(state.countries, (bySeat = new Map()));
  const k = bySeat.get(viewer.seat);
  if (k && k.scenario === state.scenario && k.phase === state.phase) return k.countries;
  // Only a seat's own country looks different to it (its brief, and its secret before the end:
  // views.ts `countryView`), so the others' views are made once for every seat.
  let others = othersKept.get(state.countries);
  if (!others || others.scenario !== state.scenario || others.phase !== state.phase) othersKept.set(state.countries, (others = { scenario: state.scenario, phase: state.phase, views: new Map() }));
  const views = others.views;
  const countries = state.scenario.countries.map((c) => {
    if (c.id === viewer.seat) return countryView(state, c, viewer);
    let v = views.get(c.id);
    if (!v) views.set(c.id, (v = countryView(state, c, ANOTHER_SEAT)));
    return v;
  });
  bySeat.set(viewer.seat, { scenario: state.scenario, phase: state.phase, countries });
  return countries;
}
