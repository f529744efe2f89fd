/**
 * The Colyseus state of a game room (schema v5). The engine's views travel in parts (see
 * shared/protocol/view.ts): `version`, JSON sections, log lines and deals; `priv` entries,
 * `privateAgreements` and `privateChat` lines reach only the clients whose StateView holds
 * them. Seat tokens never enter this state.
 */
import { schema, t, type SchemaType } from "@colyseus/schema";

export const Section = schema({ json: t.string() }, "Section");
export type Section = SchemaType<typeof Section>;

/** A chat message as fields (shared/protocol/view.ts `WireLine`): a line costs its text and a few bytes. */
export const ChatLine = schema(
  { id: t.number(), round: t.number(), channel: t.string(), seat: t.string(), roles: t.string(), name: t.string(), facilitator: t.boolean(), text: t.string(), said: t.string(), draft: t.string(), deleted: t.boolean() },
  "ChatLine",
);
export type ChatLine = SchemaType<typeof ChatLine>;

/** A deal as fields (shared/protocol/view.ts `WireDeal`): a change re-sends the fields it touched and its new step. */
export const Deal = schema(
  {
    id: t.string(),
    type: t.string(),
    parties: t.string(),
    terms: t.string(),
    duration: t.number(),
    status: t.string(),
    revision: t.number(),
    proposedBy: t.string(),
    proposedAt: t.number(),
    signatures: t.string(),
    steps: t.array("string"),
    past: t.number(),
    startRound: t.number(),
    endRound: t.number(),
    built: t.number(),
    brokenBy: t.string(),
    left: t.string(),
  },
  "Deal",
);
export type Deal = SchemaType<typeof Deal>;

export const Holder = schema({ id: t.string(), name: t.string(), roles: t.string(), connected: t.boolean() }, "Holder");
export type Holder = SchemaType<typeof Holder>;

/**
 * `done`: the seat is done with the phase (shared/protocol/view.ts `seatDone`), judged by the room
 * from the whole game, so every view counts "N of M seats done" alike (server/rooms/GameRoom.ts `markDone`).
 */
export const Seat = schema({ id: t.string(), name: t.string(), bloc: t.string(), bot: t.boolean(), holders: t.array(Holder), done: t.boolean() }, "Seat");
export type Seat = SchemaType<typeof Seat>;

export const GameRoomState = schema(
  {
    code: t.string(),
    deadline: t.number(),
    paused: t.boolean(),
    remainingMs: t.number(),
    seats: t.map(Seat),
    /** Players who joined without a seat, waiting for the facilitator to seat them. */
    waiting: t.array(Holder),
    /** The game's version: every accepted action raises it, and nothing else travels with it. */
    version: t.number(),
    pub: t.map(Section),
    priv: t.map(Section).view(),
    /** The first round whose lines, deal steps and ended deals are here (shared/protocol/archive.ts). */
    since: t.number(),
    newsFrom: t.number(),
    eventsFrom: t.number(),
    /** Counts what of the deals left the state: an ended deal, a second after it ended; steps' reasons, a second after they came (shared/protocol/archive.ts). */
    dealsTrimmed: t.number(),
    /** How many public chat lines have left the state: the window holds the latest (server/rooms/view-sync.ts). */
    chatGone: t.number(),
    news: t.array(Section),
    events: t.array(Section),
    /** Deals every viewer may read, by id. */
    agreements: t.map(Deal),
    /** Unsigned deals, each in the views of its parties and the facilitator. */
    privateAgreements: t.array(Deal).view(),
    chat: t.array(ChatLine),
    privateChat: t.array(ChatLine).view(),
  },
  "GameRoomState",
);
export type GameRoomState = SchemaType<typeof GameRoomState>;
