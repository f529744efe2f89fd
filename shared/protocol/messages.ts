/**
 * Every message between a client and the server, as zod schemas; types are inferred from
 * them. docs/PROTOCOL.md describes the flow. A refused request always gets a reply
 * `{ ok: false, error: { code, message } }`; it never costs the player their seat.
 */
import { z } from "zod";
import { lazy } from "../lazy.ts";
import { ROUND_PHASES } from "../engine/vocabulary.ts";
import type { Text } from "../engine/text.ts";
import { ChatText, cleanTyped, CustomEffectSchema, INVISIBLE, DraftSchema, FACILITATOR_MOVE_SCHEMAS, RoleSchema, SEAT_MOVE_SCHEMAS } from "../engine/actions.ts";
import { Id } from "../engine/agreements/kit.ts";
import { EVENT_SECONDS, NEGOTIATION_SECONDS, REVIEW_SECONDS, type Rules } from "../scenario/schema.ts";
import { says } from "../scenario/plain-issues.ts";

/** A person's name at a table or in a class: what a reader can see of it (actions.ts `cleanTyped`), without direction controls or control characters, and not nothing. */
export const Name = lazy(() =>
  z
    .string()
    .max(200, says("issue.said.nameLong"))
    .overwrite((s) => cleanTyped(s).trim())
    .min(1, says("issue.said.nameRequired"))
    .max(40, says("issue.said.nameLong"))
    .refine((s) => !INVISIBLE.test(s), says("issue.said.nameInvisible")),
);

/**
 * Why the server closed a player's connection on purpose, by its close code: the seat was opened
 * in another tab or on another device (4000), the teacher removed them from the class
 * (CLOSE_REMOVED: server/rooms/GameRoom.ts `releaseClassPlace`), or moved them to another table
 * of the class (CLOSE_OTHER_TABLE: the class's link takes them there). The client reads a close
 * code with `ClosedWhySchema` (client/net/connection.ts); any other code is a drop it recovers from.
 */
export const CLOSE_ELSEWHERE = 4000;
export const CLOSE_REMOVED = 4403;
export const CLOSE_OTHER_TABLE = 4409;
export const ClosedWhySchema = lazy(() =>
  z.union([z.literal(CLOSE_ELSEWHERE).transform(() => "elsewhere" as const), z.literal(CLOSE_REMOVED).transform(() => "removed" as const), z.literal(CLOSE_OTHER_TABLE).transform(() => "moved" as const)]),
);
/**
 * The reason a CLOSE_OTHER_TABLE close carries: the number of the class's table the student was
 * moved to ("2"), which their page names ("Your teacher moved you to Table 2"). A class has at
 * most ten tables (`MoveStudentSchema`).
 */
export const MovedToSchema = lazy(() => z.string().regex(/^(10|[1-9])$/).transform(Number));

/**
 * The refusal a moved student's old seat token meets (server/rooms/seating.ts), naming the table
 * they were moved to, and that table read back from it with `MovedToSchema` (undefined when it
 * names none), so their page names it as the close does.
 */
export const movedRefusal = (table: number): string => `class/moved: your teacher moved you to Table ${table} of the class; open the class's link (its class code) to go there`;
export function movedToOf(raw: string): number | undefined {
  const parsed = MovedToSchema.safeParse(/^class\/moved: your teacher moved you to Table (\d+) /.exec(raw)?.[1]);
  return parsed.success ? parsed.data : undefined;
}

/** Characters of join and rejoin codes: no 0/O, 1/I/L, 5/S, 2/Z, 8/B. */
export const CODE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY3469";

/** Length of a facilitator's or teacher's key: 32 characters of the codes' alphabet, about 147 bits, made to be written by hand. */
export const KEY_LENGTH = 32;
const HANDWRITTEN_KEY = new RegExp(`^[${CODE_ALPHABET}]{${KEY_LENGTH}}$`);

/**
 * A key as someone typed or pasted it: without the spaces it is shown grouped with, and in
 * capitals when it is one of ours written in lower case. A key made before keys were written in
 * the codes' alphabet (mixed case, - and _) is kept exactly as typed.
 */
export function typedKey(s: string): string {
  const plain = s.replace(/\s+/g, "");
  return HANDWRITTEN_KEY.test(plain.toUpperCase()) ? plain.toUpperCase() : plain;
}

/** A key in groups of four, as it is shown to be copied by hand ("ACDE FGHJ …"). */
export function keyGroups(key: string): string[] {
  return key.match(/.{1,4}/g) ?? [];
}
export const JoinCode = lazy(() =>
  z
    .string()
    .trim()
    .toUpperCase()
    .regex(new RegExp(`^[${CODE_ALPHABET}]{6}$`), says("issue.said.joinCode", { alphabet: CODE_ALPHABET })),
);

// ---- HTTP -----------------------------------------------------------------------------

// The clocks a game may set are a scenario's (shared/scenario/schema.ts): the create form reads them here.
export { EVENT_SECONDS, NEGOTIATION_SECONDS, REVIEW_SECONDS };

export const GameSettingsSchema = lazy(() => z.strictObject({
  rounds: z.number().int().min(1).max(12).optional(),
  eventSeconds: z.number().int().min(EVENT_SECONDS.min).max(EVENT_SECONDS.max).optional(),
  negotiationSeconds: z.number().int().min(NEGOTIATION_SECONDS.min).max(NEGOTIATION_SECONDS.max).optional(),
  reviewSeconds: z.number().int().min(REVIEW_SECONDS.min).max(REVIEW_SECONDS.max).optional(),
  /** Bots take the seats nobody holds when the game starts. */
  bots: z.boolean().default(true),
  /** Seats are split into Diplomat, Regulator and Economic envoy. */
  teams: z.boolean().default(false),
  facilitatorReadsPrivate: z.boolean().default(false),
  /** Who may open private channels: anyone, only within a bloc, or nobody. */
  channels: z.enum(["open", "same-bloc", "closed"]).default("open"),
  /** A quick game: it starts by itself as soon as the first player takes a seat (bots hold the rest). */
  quickStart: z.boolean().default(false),
  /** Seconds a dropped player's seat is kept before a bot takes it. */
  reconnectSeconds: z.number().int().min(5).max(3600).default(120),
  seed: z.union([z.number().int(), z.string().max(40)]).optional(),
  /** The red cell: a person may play the scenario's scripted rival (Alliance 2021's China) as a seat; refused where there is none. */
  redCell: z.boolean().optional(),
  /** Words players may not use in chat (whole words, any case); a message holding one is refused with the word named. */
  wordFilter: z.array(z.string().trim().min(2).max(40)).max(200).optional(),
}));
export type GameSettings = z.infer<typeof GameSettingsSchema>;

export const CreateGameSchema = lazy(() => z.strictObject({
  scenarioId: Id,
  settings: GameSettingsSchema.default({ bots: true, teams: false, facilitatorReadsPrivate: false, channels: "open", quickStart: false, reconnectSeconds: 120 }),
}));
export type CreateGameRequest = z.input<typeof CreateGameSchema>;
export type CreateGameReply = { code: string; facilitatorKey: string };

export type ScenarioSummary = {
  id: string;
  title: string;
  summary: string;
  year: number;
  rounds: number;
  timers: { eventSeconds: number; negotiationSeconds: number; reviewSeconds: number };
  seats: { id: string; name: string; bloc: string }[];
  /**
   * The scripted rival a person may play instead (the red cell), when the scenario has one, and
   * the summary then; `inSentence`: its English name inside a sentence ("a person plays the
   * United States"; shared/scenario/schema.ts), absent in a translation.
   */
  rival?: { id: string; name: string; inSentence?: string; summary?: string };
  /** The scenario's rule coefficients (public: the How to play page shows those that differ from the rulebook's Classroom numbers). */
  rules: Rules;
};

export type LobbyInfo = {
  code: string;
  scenario: { id: string; title: string };
  phase: string;
  round: number;
  /**
   * `quickStart`: a quick game ("Play now"), which no facilitator runs. `eventSeconds`: the event
   * card's clock at this table, a card (the console's script section says what a crowded round costs).
   */
  settings: { teams: boolean; bots: boolean; facilitatorReadsPrivate: boolean; rounds: number; quickStart: boolean; eventSeconds: number };
  /** A table of a class: the class's code (the one students join with) and the table's number, its name "Table N". */
  classTable?: { code: string; table: number };
  seats: { id: string; name: string; bloc: string; holders: { name: string; roles: string[]; connected: boolean }[]; freeRoles: string[]; bot: boolean }[];
};

/**
 * `GET /api/games/CODE` for a class's code: not a game, and not a wrong guess either. The join
 * page looks every code up as a game first; a 404 there would log an error on every student's phone.
 */
export type CodeIsClass = { class: string };

// ---- Joining a room (Colyseus joinById(code, options)) --------------------------------

export const JoinOptionsSchema = lazy(() => z.discriminatedUnion("as", [
  z.strictObject({
    as: z.literal("player"),
    name: Name,
    seat: Id.optional(),
    /** With teams on: the ministries this person takes. Without: ignored (a lone player holds all three). */
    roles: z
      .array(RoleSchema)
      .min(1)
      .max(3)
      .refine((roles) => new Set(roles).size === roles.length, says("issue.said.rolesOnce"))
      .optional(),
    /** Kept by the browser: rejoins the same seat and roles after a refresh or a restart. */
    token: z.string().min(16).max(64).optional(),
    /** At a table of a class: the place token the class's join gave the student (POST /api/classes/CODE/join), which alone takes the seat the class holds for them. */
    place: z.string().min(16).max(64).optional(),
    /** From the facilitator: rejoin a seat from another device. */
    rejoinCode: z.string().trim().toUpperCase().max(12).optional(),
  }),
  z.strictObject({ as: z.literal("observer"), name: Name.optional() }),
  z.strictObject({ as: z.literal("facilitator"), key: z.string().min(8).max(128) }),
]));
export type JoinOptions = z.input<typeof JoinOptionsSchema>;

/** Sent to a client right after it joins: who it is in this game; `name`: a player's, or an observer's own when they gave one. */
export type Welcome = ({ kind: "player" | "facilitator"; name: string } | { kind: "observer"; name?: string }) & {
  seat?: string;
  roles?: string[];
  /** Store it (per game code) to come back to the same seat. */
  token?: string;
  /** To the facilitator: the mutes still running, by holder, in milliseconds left (a reloaded console shows them). */
  mutes?: Record<string, number>;
};

// ---- Requests (room.request(type, payload)) ---------------------------------------------

/**
 * Every `act` and `facilitator` request carries `actionId`, chosen by the client (8–64 letters,
 * digits, - or _; e.g. 16 random bytes in base64url), beside the move's own fields. Sending
 * the same id again (a retry after a reconnect) gets the first answer and changes nothing.
 */
export const ActionIdSchema = lazy(() => z.string({ error: says("issue.said.actionIdMissing") }).regex(/^[A-Za-z0-9_-]{8,64}$/, says("issue.said.actionId")));
export type WithActionId<T> = T & { actionId: string };

/** Splits a request into its action id and the rest (the move), or names what is wrong with the id. */
export function splitActionId(payload: unknown): { ok: true; actionId: string; rest: unknown } | { ok: false; issues: z.core.$ZodIssue[] } {
  if (payload === null || typeof payload !== "object" || Array.isArray(payload))
    return { ok: false, issues: [{ code: "invalid_type", expected: "object", path: [], message: "Invalid input: expected an object, the move's fields and its actionId", input: payload }] };
  const { actionId, ...rest } = payload as Record<string, unknown>;
  const parsed = ActionIdSchema.safeParse(actionId);
  if (!parsed.success) return { ok: false, issues: parsed.error.issues.map((i) => ({ ...i, path: ["actionId", ...i.path] })) };
  return { ok: true, actionId: parsed.data, rest };
}

/**
 * Why a person declines an offer or leaves a deal, in their own words (optional): the deal's
 * parties read it on the deal, and the debrief keeps it beside the bots' reasons. Tidied as a
 * chat line is, and shorter.
 */
export const StatedReasonSchema = lazy(() => ChatText.pipe(z.string().max(300, says("issue.said.reasonLong"))));

/**
 * `act`: a player's move (the engine's seat moves); a person's message is their own words, never
 * catalog text; a decline or a withdrawal may carry the person's `reason`.
 */
export const PlayerMoveSchema = lazy(() => {
  // Every seat move by name: a move added to the engine fails this type check until it is listed here.
  SEAT_MOVE_SCHEMAS.length satisfies 9;
  const [, openChannel, propose, amend, sign, decline, withdraw, ready, matrix] = SEAT_MOVE_SCHEMAS;
  const reason = { reason: StatedReasonSchema.optional() };
  return z.discriminatedUnion("type", [
    z.strictObject({ type: z.literal("chat"), channel: z.string().min(1).max(200), text: ChatText }),
    openChannel,
    propose,
    amend,
    sign,
    decline.extend(reason),
    withdraw.extend(reason),
    ready,
    matrix,
  ]);
});
export type PlayerMove = z.infer<typeof PlayerMoveSchema>;

/** `preview`: what a draft, an open offer, or a draft revising the open offer `amends` (in its place) would change for me this round. */
export const PreviewRequestSchema = lazy(() =>
  z.union([z.strictObject({ draft: DraftSchema }), z.strictObject({ agreementId: Id }), z.strictObject({ draft: DraftSchema, amends: Id })]),
);
export type PreviewRequest = z.input<typeof PreviewRequestSchema>;

/** `preview-ruling`: what ruling on the free-form action `matrixId` with `effects` would change now (the facilitator's only; shared/engine/preview.ts `previewRuling`). The effects as the `rule-matrix` command takes them. */
export const RulingPreviewSchema = lazy(() => z.strictObject({ matrixId: Id, effects: z.array(CustomEffectSchema).max(12) }));
export type RulingPreviewRequest = z.input<typeof RulingPreviewSchema>;

/** `ask-bot`: "what would it take?" — terms a bot-held seat would sign, near my draft; without a draft, the deal with me it values most. */
export const AskBotSchema = lazy(() => z.strictObject({ seat: Id, draft: DraftSchema.optional() }));
export type AskBotRequest = z.input<typeof AskBotSchema>;
/**
 * `answer`: on a deal, a change of that deal (never another deal); on its country, the deal with me it values most.
 * `none`: with no answer, why, where the bot has words for it (no change of the deal pays; it just signed a deal with me).
 */
export type AskBotAnswer = { answer: { draft: z.infer<typeof DraftSchema>; reason: Text } | null; none?: Text };

/**
 * Adds time to the current phase's clock (one table's console, or the class console's to every
 * table). The table console names the round and phase it showed (`advance` does the same): time
 * meant for round 1's negotiation is refused once that phase has ended, not given to the next.
 */
export const ExtendSchema = lazy(() =>
  z.strictObject({
    type: z.literal("extend"),
    seconds: z.number().int().min(10).max(3600),
    phase: z.enum(ROUND_PHASES).optional(),
    round: z.number().int().min(1).max(12).optional(),
  }),
);

/** `facilitator`: the control cell's commands: the engine's facilitator moves, plus the room's own. */
export const FacilitatorCommandSchema = lazy(() => z.discriminatedUnion("type", [
  ...FACILITATOR_MOVE_SCHEMAS,
  z.strictObject({ type: z.literal("pause") }),
  z.strictObject({ type: z.literal("resume") }),
  ExtendSchema,
  /** Move a connected person to a seat (and roles), or free a seat, or give it to a bot. */
  z.strictObject({ type: z.literal("assign-seat"), holder: z.string().min(1).max(64), seat: Id, roles: z.array(RoleSchema).min(1).max(3).optional() }),
  /** With `holder`, only that person leaves the seat (the class console's "Remove"). */
  z.strictObject({ type: z.literal("free-seat"), seat: Id, holder: z.string().min(1).max(64).optional() }),
  z.strictObject({ type: z.literal("bot-seat"), seat: Id, bot: z.boolean() }),
  /** Moderation: a person may not chat for this many minutes (0 lifts the mute). */
  z.strictObject({ type: z.literal("mute"), holder: z.string().min(1).max(64), minutes: z.number().int().min(0).max(240) }),
]));
export type FacilitatorCommand = z.infer<typeof FacilitatorCommandSchema>;

/** A refusal: a code, the sentence in English (logs, tools), and (for every refusal but a payload that does not parse) the text each client renders in its own language. */
export type ReplyError = { code: string; message: string; text?: Text };
export type Reply<T = unknown> = ({ ok: true } & T) | { ok: false; error: ReplyError };

/** A word from the server to one connection: a catalog text (client/i18n/en/server.ts) the client renders in its reader's language. */
export type Notice = { kind: "info" | "warning"; text: Text };
