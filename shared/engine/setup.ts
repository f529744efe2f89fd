/** A new game in the lobby, from a checked scenario and settings. */
import { SECTORS, type Sector } from "./vocabulary.ts";
import { seedFrom } from "./rng.ts";
import { buildDeck } from "./deck.ts";
import type { CountryState, GameState, Settings, Setup, Channel } from "./types.ts";

export function resolveSettings(setup: Setup): Settings {
  return {
    seed: setup.settings.seed,
    rounds: setup.settings.rounds ?? setup.scenario.rounds,
    teams: setup.settings.teams ?? false,
    facilitatorReadsPrivate: setup.settings.facilitatorReadsPrivate ?? false,
    channels: setup.settings.channels ?? "open",
    // A setup without one was saved (or exported) before editions were recorded.
    edition: setup.settings.edition ?? 1,
    ...(setup.settings.idSalt !== undefined ? { idSalt: setup.settings.idSalt } : {}),
  };
}

export function seatIds(state: Pick<GameState, "scenario">): string[] {
  return state.scenario.countries.filter((c) => c.control === "seat").map((c) => c.id);
}

export function createGame(setup: Setup): GameState {
  const { scenario } = setup;
  const settings = resolveSettings(setup);
  const countries: Record<string, CountryState> = {};
  for (const c of scenario.countries) {
    const sectors = {} as CountryState["sectors"];
    for (const s of SECTORS) {
      const d = c.sectors[s as Sector];
      sectors[s] = { capability: d?.capability ?? 0, chokepoint: d?.chokepoint ?? 0 };
    }
    countries[c.id] = {
      id: c.id,
      capital: c.capital,
      stance: c.stance,
      metrics: { ...c.metrics },
      sectors,
      exposure: { ...c.exposure },
      connected: c.needs.length === 0,
      falls: 0,
    };
  }
  const channels: Record<string, Channel> = {
    plenary: { id: "plenary", kind: "plenary", members: [], name: "Plenary" },
    broadcast: { id: "broadcast", kind: "broadcast", members: [], name: "Facilitator" },
  };
  for (const c of scenario.countries.filter((c) => c.control === "seat")) {
    channels[`team:${c.id}`] = { id: `team:${c.id}`, kind: "team", members: [c.id], name: `${c.name} team` };
  }
  const holder = { rng: seedFrom(settings.seed) };
  const deck = buildDeck(holder, scenario);
  return {
    version: 0,
    scenario,
    settings,
    rng: holder.rng,
    round: 0,
    phase: "lobby",
    countries,
    table: { ...scenario.table },
    agreements: [],
    nextAgreement: 1,
    restrictions: [],
    nextRestriction: 1,
    deck,
    events: [],
    standards: {},
    channels,
    messages: [],
    news: [],
    changes: {},
    history: [],
    ready: [],
    crisis: false,
    retaliatedAgainst: [],
    matrix: [],
    scheduled: [],
  };
}

/**
 * Copies a state for a new step. Everything the rules mutate in place is copied (countries
 * but their trade exposure, the table, live agreements with their signatures and steps, the
 * deck and the lists that grow by `push`; this round's changes are copied as they are written);
 * what is never mutated once written is shared: the scenario, messages (copied on write), news
 * items, played events, round records, channels, restrictions, agreement terms and deals that
 * ended. A hand-written copy instead of `structuredClone` because every action
 * and every preview copies the state, and the round history makes a deep copy slow.
 */
export function cloneState(state: GameState): GameState {
  // Spread first, then replace values: an object grown key by key past a few dozen keys turns
  // slow to enumerate in V8.
  const countries = { ...state.countries };
  for (const id in countries) {
    const c = countries[id]!;
    const sectors = { ...c.sectors };
    for (const s in sectors) sectors[s as Sector] = { ...sectors[s as Sector] };
    countries[id] = { ...c, metrics: { ...c.metrics }, sectors };
  }
  // Deals that ended (expired, declined, lapsed, broken, defaulted) never change again.
  const agreements = state.agreements.map((a) =>
    a.status === "proposed" || a.status === "signed" || a.status === "in-force" ? { ...a, parties: [...a.parties], signatures: [...a.signatures], steps: [...a.steps] } : a,
  );
  return {
    ...state,
    countries,
    table: { ...state.table },
    agreements,
    restrictions: state.restrictions.map((r) => ({ ...r, on: [...r.on] })),
    deck: [...state.deck],
    events: [...state.events],
    standards: { ...state.standards },
    channels: { ...state.channels },
    news: [...state.news],
    // Copied when first written (./ledger.ts).
    changes: state.changes,
    history: [...state.history],
    ready: [...state.ready],
    retaliatedAgainst: [...state.retaliatedAgainst],
    settings: { ...state.settings },
    matrix: state.matrix.map((m) => ({ ...m })),
    scheduled: [...state.scheduled],
  };
}
