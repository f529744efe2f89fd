/**
 * How the engine's per-viewer view travels: the server splits it into JSON sections kept in
 * the Colyseus room state (public ones for everybody, private ones only in the StateView of
 * the seat or facilitator they belong to, chat lines per channel), so that a change re-sends
 * only the sections it touched. The client puts the sections back together with
 * `assembleView`. Both sides use the same section keys, defined here.
 */
import type { Objective } from "../scenario/schema.ts";
import type { Agreement, Channel, MatrixAction, Message, ScheduledEvent } from "../engine/types.ts";
import type { GameView, CountryView } from "../engine/views.ts";
import type { Score } from "../engine/scoring.ts";

/** Public sections: key → the part of the observer's view it carries. */
export type PublicSections = {
  scenario: GameView["scenario"];
  meta: Pick<GameView, "version" | "settings" | "round" | "phase" | "crisis" | "ready" | "standards" | "outcome">;
  table: GameView["table"];
  agreements: Agreement[];
  restrictions: GameView["restrictions"];
  events: GameView["events"];
  news: GameView["news"];
  changes: GameView["changes"];
  history: GameView["history"];
  scores: Score[];
  channels: Channel[];
  matrix: MatrixAction[];
};
export const PUBLIC_KEYS = ["scenario", "meta", "table", "agreements", "restrictions", "events", "news", "changes", "history", "scores", "channels", "matrix"] as const;
export const countryKey = (id: string) => `country:${id}`;
export const seatKey = (id: string) => `seat:${id}`;
export const FACILITATOR_KEY = "facilitator";

/** A seat's private section: what its players see beyond the public board. */
export type SeatSection = { secret?: Objective; agreements: Agreement[]; channels: Channel[]; scores: Score[]; matrix: MatrixAction[] };
/** The facilitator's private section. */
export type FacilitatorSection = {
  secrets: Record<string, Objective>;
  agreements: Agreement[];
  channels: Channel[];
  scores: Score[];
  deckRemaining: string[];
  deckCards: NonNullable<GameView["deckCards"]>;
  scheduled: ScheduledEvent[];
  matrix: MatrixAction[];
  rejoinCodes: Record<string, string>;
};

export type HolderInfo = { id: string; name: string; roles: string; connected: boolean };
export type SeatInfo = { id: string; name: string; bloc: string; bot: boolean; holders: HolderInfo[] };

/** The room state as the client decodes it (`room.state.toJSON()`). */
export type SyncedState = {
  code: string;
  deadline: number;
  paused: boolean;
  remainingMs: number;
  seats: Record<string, SeatInfo>;
  waiting?: HolderInfo[];
  pub: Record<string, { json: string }>;
  priv: Record<string, { json: string }>;
  chat: { id: number; json: string }[];
  privateChat: { id: number; json: string }[];
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
};

function read<T>(sections: Record<string, { json: string }>, key: string): T | undefined {
  const s = sections[key];
  return s ? (JSON.parse(s.json) as T) : undefined;
}

/** Rebuilds a viewer's GameView from the synced room state. */
export function assembleView(synced: SyncedState, viewer: GameView["viewer"]): ClientView | undefined {
  const pub = synced.pub ?? {};
  const scenario = read<PublicSections["scenario"]>(pub, "scenario");
  const meta = read<PublicSections["meta"]>(pub, "meta");
  if (!scenario || !meta) return undefined;
  const priv: SeatSection | FacilitatorSection | undefined =
    viewer.kind === "seat" ? read<SeatSection>(synced.priv ?? {}, seatKey(viewer.seat)) : viewer.kind === "facilitator" ? read<FacilitatorSection>(synced.priv ?? {}, FACILITATOR_KEY) : undefined;

  const countries = Object.keys(pub)
    .filter((k) => k.startsWith("country:"))
    .map((k) => read<CountryView>(pub, k)!)
    .map((c) => {
      if (priv && "secrets" in priv && priv.secrets[c.id]) return { ...c, secret: priv.secrets[c.id] };
      if (priv && "secret" in priv && priv.secret && viewer.kind === "seat" && viewer.seat === c.id) return { ...c, secret: priv.secret };
      return c;
    });
  // Sections keep the server's insertion order: the scenario's order of countries.

  const byId = new Map<string, Agreement>();
  for (const a of [...(read<Agreement[]>(pub, "agreements") ?? []), ...(priv?.agreements ?? [])]) byId.set(a.id, a);
  const agreements = [...byId.values()].sort((a, b) => Number(a.id.slice(1)) - Number(b.id.slice(1)));
  const channels = [...(read<Channel[]>(pub, "channels") ?? []), ...(priv?.channels ?? [])];
  const messages = [...(synced.chat ?? []), ...(synced.privateChat ?? [])].map((l) => JSON.parse(l.json) as Message).sort((a, b) => a.id - b.id);

  return {
    viewer,
    ...meta,
    scenario,
    countries,
    table: read(pub, "table")!,
    agreements,
    restrictions: read(pub, "restrictions") ?? [],
    events: read(pub, "events") ?? [],
    ...(priv && "deckRemaining" in priv ? { deckRemaining: priv.deckRemaining, deckCards: priv.deckCards, scheduled: priv.scheduled, rejoinCodes: priv.rejoinCodes } : {}),
    matrix: [...(read<MatrixAction[]>(pub, "matrix") ?? []), ...(priv?.matrix ?? [])].sort((a, b) => Number(a.id.slice(1)) - Number(b.id.slice(1))),
    channels,
    messages,
    news: read(pub, "news") ?? [],
    changes: read(pub, "changes") ?? [],
    history: read(pub, "history") ?? [],
    scores: priv?.scores ?? read(pub, "scores") ?? [],
    code: synced.code,
    deadline: synced.deadline,
    paused: synced.paused,
    remainingMs: synced.remainingMs,
    seats: Object.values(synced.seats ?? {}),
    waiting: synced.waiting ?? [],
  };
}
