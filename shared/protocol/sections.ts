/**
 * The server's half of ./view.ts: the engine's state as the parts each viewer reads. Public
 * sections are the observer's view; each seat's and the facilitator's private section holds
 * only what their view has beyond it. `assembleView` of these parts for a viewer equals
 * `viewFor(state, viewer)` (tests/protocol/sections.test.ts checks it).
 *
 * This runs after every accepted action, so it does each piece of work once (the scores, the
 * outcome) rather than once per viewer, and keeps the JSON of what an action did not touch:
 * the engine never changes a state it has returned (shared/engine/step-copy.ts), so a country
 * or a scenario that is the same object is the same JSON.
 */
import type { Objective, Scenario } from "../scenario/schema.ts";
import type { Agreement, GameState, Message } from "../engine/types.ts";
import { canReadChannel, cardForConsole, scenarioView, viewSettings, withoutSecret, type Viewer } from "../engine/views.ts";
import { byTotal, computeScores, tableOutcome } from "../engine/scoring.ts";
import { waitingCards } from "../engine/deck.ts";
import { countryKey, FACILITATOR_KEY, PUBLIC_CHANNELS, seatKey, toWireScore, toWireSectors, type FacilitatorSection, type WireCountry, type Logs, type DeckCard, type PublicSections, type ScenarioBook, type SeatSection, type SecretScore } from "./view.ts";

export type Sections = {
  version: number;
  /** JSON by key. */
  pub: Record<string, string>;
  priv: Record<string, string>;
  logs: Logs;
};

const OBSERVER: Viewer = { kind: "observer" };

export function isPublicMessage(m: Message): boolean {
  return PUBLIC_CHANNELS.has(m.channel);
}

/** JSON kept by the object it was made from (objects the engine returned never change). */
export class JsonCache {
  private made = new WeakMap<object, string>();
  /** The scores' JSON and what the private sections take from them, with the parts of the state they were made from. */
  scores?: { read: unknown[]; pub: string; secret: Map<string, string>; facilitator: string };
  of(key: object, make: () => unknown): string {
    let json = this.made.get(key);
    if (json === undefined) this.made.set(key, (json = JSON.stringify(make())));
    return json;
  }
}

/**
 * Whether the sections read a deal: the scores' conditions (../engine/scoring.ts) read deals
 * that took force, never an offer or a signed deal waiting to take force. server/rooms/view-sync.ts
 * keeps the sections while only such deals changed.
 */
export const sectionsRead = (a: Agreement) => a.status !== "proposed" && a.status !== "signed";

/**
 * What the scores read (shared/engine/scoring.ts), by reference: the countries, the table, the
 * standards, the round, a crisis, and the deals that took force (an offer, its amendment or a
 * signature short of the last one changes none of these, ../engine/step-copy.ts).
 */
function scoresRead(state: GameState): unknown[] {
  const read: unknown[] = [state.scenario, state.countries, state.table, state.standards, state.round, state.crisis, state.phase === "ended"];
  for (const a of state.agreements) if (sectionsRead(a)) read.push(a);
  return read;
}

/** An object's JSON from its fields' JSON, in the order given (as `JSON.stringify` writes them); undefined fields left out. */
function joinJson<T>(fields: [keyof T & string, string | undefined][]): string {
  let out = "";
  for (const [key, json] of fields) if (json !== undefined) out += `${out ? "," : ""}${JSON.stringify(key)}:${json}`;
  return `{${out}}`;
}

/** The book of a game's scenario (./view.ts): what of it never changes and every reader may have. */
export function scenarioBook(scenario: Scenario): ScenarioBook {
  return {
    scenario: scenarioView(scenario),
    countries: scenario.countries.map((c) => ({
      id: c.id,
      name: c.name,
      ...(c.inSentence ? { inSentence: c.inSentence } : {}),
      iso: c.iso,
      control: c.control,
      bloc: c.bloc,
      personality: c.personality,
      profile: c.profile,
      ...(c.brief ? { brief: c.brief } : {}),
      income: c.capital,
      weights: { ...c.weights },
      needs: [...c.needs],
      objectives: c.objectives,
    })),
  };
}

/** The scenario's event cards as the facilitator reads them (`deckCards` of the engine's view picks the undrawn ones). */
export function scenarioCards(scenario: Scenario): DeckCard[] {
  return scenario.events.map(cardForConsole);
}

/**
 * Every country's secret objective, with its translations (`secretTexts`, as in
 * `computeSections`): they never change, so the facilitator's client fetches them once
 * (GET /api/games/:code/secrets, with the facilitator key) instead of with every join.
 */
export function scenarioSecrets(scenario: Scenario, secretTexts: Record<string, Record<string, string>> = {}): Record<string, Objective> {
  const secrets: Record<string, Objective> = {};
  for (const c of scenario.countries) secrets[c.id] = withTranslations(secretTexts, c.id, c.secret);
  return secrets;
}

/** A country's secret objective with its translations (`tr`), if the scenario has any. */
const withTranslations = (secretTexts: Record<string, Record<string, string>>, country: string, o: Objective): Objective =>
  secretTexts[country] ? { ...o, tr: secretTexts[country] } : o;

/** What of a country's view changes in a game (the rest is in the book), as it travels. */
function liveCountry(live: GameState["countries"][string], id: string): WireCountry {
  return { id, stance: live.stance, capital: live.capital, metrics: { ...live.metrics }, sectors: toWireSectors(live.sectors), exposure: { ...live.exposure }, connected: live.connected, falls: live.falls };
}

/**
 * `secretTexts`: each country's secret objective in the scenario's other languages (country →
 * language → text). A secret travels with its translations (`tr`), to exactly those who may read it.
 */
export function computeSections(state: GameState, rejoinCodes: Record<string, string> = {}, cache = new JsonCache(), secretTexts: Record<string, Record<string, string>> = {}): Sections {
  const translated = (country: string, o: Objective): Objective => withTranslations(secretTexts, country, o);
  const s = state.scenario;
  const ended = state.phase === "ended";
  const outcome = tableOutcome(state, true);
  const pub: Record<string, string> = {};
  const put = <K extends keyof PublicSections>(key: K, value: PublicSections[K]) => (pub[key] = JSON.stringify(value));
  put("meta", {
    settings: viewSettings(state.settings),
    round: state.round,
    phase: state.phase,
    crisis: state.crisis,
    ready: state.ready,
    standards: state.standards,
    outcome: { met: outcome.met, targets: outcome.targets.map((t) => t.met), ...(outcome.targets.some((t) => t.why) ? { why: outcome.targets.map((t) => t.why ?? null) } : {}) },
    recorded: state.history.map((h) => h.round),
  });
  put("table", state.table);
  put("restrictions", state.restrictions);
  put("changes", Object.values(state.changes));
  // The scores change only with what they read: offers and chat lines reuse their JSON.
  const read = scoresRead(state);
  let scored = cache.scores;
  if (!scored || scored.read.length !== read.length || scored.read.some((part, i) => part !== read[i])) {
    const scores = computeScores(state, true);
    // What each secret objective adds (nothing to add once the game is over: every score is public).
    const secretScores: SecretScore[] = [];
    if (!ended)
      for (const score of scores) {
        const secret = score.objectives.find((o) => o.secret);
        if (secret) secretScores.push({ country: score.country, met: secret.met, ...(secret.why ? { why: secret.why } : {}), subtotal: score.subtotal, total: score.total });
      }
    cache.scores = scored = {
      read,
      pub: JSON.stringify((ended ? scores : scores.map(withoutSecret).sort(byTotal)).map(toWireScore)),
      secret: new Map(secretScores.map((score) => [score.country, JSON.stringify(score)])),
      facilitator: JSON.stringify(secretScores),
    };
  }
  pub.scores = scored.pub;
  const channels = Object.values(state.channels);
  put("channels", channels.filter((c) => canReadChannel(state, OBSERVER, c)));
  put("matrix", state.matrix.filter((m) => m.status !== "pending"));
  for (const c of s.countries) {
    const live = state.countries[c.id]!;
    // After the game every secret is public: no reuse across that change.
    const view = () => liveCountry(live, c.id);
    pub[countryKey(c.id)] = ended ? JSON.stringify({ ...view(), secret: translated(c.id, c.secret) }) : cache.of(live, view);
  }

  const privateChannels = channels.filter((c) => !PUBLIC_CHANNELS.has(c.id));
  const pending = state.matrix.filter((m) => m.status === "pending");
  const priv: Record<string, string> = {};
  for (const c of s.countries) {
    if (c.control !== "seat") continue;
    const viewer: Viewer = { kind: "seat", seat: c.id, roles: [] };
    // A seat's section (SeatSection) from its parts' JSON: the secret objective never changes.
    priv[seatKey(c.id)] = joinJson<SeatSection>([
      ["channels", JSON.stringify(privateChannels.filter((ch) => canReadChannel(state, viewer, ch)))],
      ["matrix", JSON.stringify(pending.filter((m) => m.seat === c.id))],
      ["secret", ended ? undefined : cache.of(c.secret, () => translated(c.id, c.secret))],
      ["score", scored.secret.get(c.id)],
    ]);
  }
  // The facilitator's section (FacilitatorSection), likewise.
  priv[FACILITATOR_KEY] = joinJson<FacilitatorSection>([
    ["channels", JSON.stringify(privateChannels.filter((ch) => canReadChannel(state, { kind: "facilitator" }, ch)))],
    ["scores", scored.facilitator],
    ["deckRemaining", cache.of(state.deck, () => [...state.deck].sort())],
    ["deckWaiting", JSON.stringify(waitingCards(state))],
    ["scheduled", JSON.stringify(state.scheduled)],
    ["matrix", JSON.stringify(pending)],
    ["rejoinCodes", JSON.stringify(rejoinCodes)],
  ]);
  return { version: state.version, pub, priv, logs: { news: state.news, events: state.events } };
}
