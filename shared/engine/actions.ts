/**
 * Every action the engine accepts, as zod schemas: what players, the facilitator and the
 * server's clock may do. The log of a game is a list of these; `replay` re-applies it.
 */
import { z } from "zod";
import { lazy } from "../lazy.ts";
import { TermsSchema } from "./agreements/index.ts";
import { Id } from "./agreements/kit.ts";
import { REF_KINDS, type Arg, type Text } from "./text.ts";
import { ROLES, ROUND_PHASES } from "./vocabulary.ts";
import { EffectSchema } from "../scenario/schema.ts";
import { SCENARIO_LANGUAGES } from "../scenario/languages.ts";
import { says } from "../scenario/plain-issues.ts";

export { TermsSchema, type Terms, type TermsOf } from "./agreements/index.ts";

/** The longest a deal may run, in rounds. */
export const MAX_DURATION = 10;

/** A deal as drafted: terms, parties (derived from the terms for supply deals and loans) and length. */
export const DraftSchema = lazy(() => z.strictObject({
  terms: TermsSchema,
  parties: z.array(Id).max(40).default([]),
  duration: z.number().int().min(1).max(MAX_DURATION),
}));
export type Draft = z.infer<typeof DraftSchema>;
export type DraftInput = z.input<typeof DraftSchema>;

/**
 * A draft's terms, length and parties (in any order) as one key: the same key, the same offer.
 * Terms compare by their keys' order too, which DraftSchema's parse makes the schema's.
 */
export function draftKey(d: Pick<Draft, "terms" | "duration" | "parties">): string {
  return JSON.stringify([d.terms, d.duration, [...d.parties].sort()]);
}

export const RoleSchema = lazy(() => z.enum(ROLES));

export const ActorSchema = lazy(() => z.discriminatedUnion("kind", [
  /** `name`: in a team game, the person acting (public: the lobby shows who holds which ministries); their messages carry it. */
  z.strictObject({ kind: z.literal("seat"), seat: Id, roles: z.array(RoleSchema).min(1).max(3), name: z.string().max(40).optional() }),
  z.strictObject({ kind: z.literal("facilitator") }),
  /** The server's clock (phase timeouts) and other automatic steps. */
  z.strictObject({ kind: z.literal("system") }),
]));
export type Actor = z.infer<typeof ActorSchema>;

const Revision = lazy(() => z.number().int().min(1));
/** Lines a chat message keeps; the rest are joined with spaces, so one message cannot fill everyone's screen with a page of line breaks. */
export const CHAT_LINES = 12;

/** A message as it is shown: no run of blank lines (one blank line at most between lines), at most `CHAT_LINES` lines. */
export function tidyLines(text: string): string {
  const lines = text.replace(/\r\n?/g, "\n").replace(/\n[^\S\n]*(?:\n[^\S\n]*)+\n/g, "\n\n").split("\n");
  return lines.length <= CHAT_LINES ? lines.join("\n") : [...lines.slice(0, CHAT_LINES - 1), lines.slice(CHAT_LINES - 1).join(" ")].join("\n");
}

/**
 * What no reader should receive from what a person typed: control characters (a line break of a
 * chat line aside), halves of a character that lost their pair, and direction controls
 * (embeddings, overrides, isolates, marks), which make a link or a name read as something else
 * ("elpmaxe.live//:ptth"); and of a run of combining marks on one letter, the first four (a
 * letter under forty accents covers the lines around it).
 */
const UNSEEN = /[\p{Cc}\p{Cs}\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu;
const STACKED = /(\p{M}{4})\p{M}+/gu;
export function cleanTyped(text: string, lines = false): string {
  return text.replace(/\r\n?/g, "\n").replace(UNSEEN, (c) => (lines && c === "\n" ? c : c === "\t" ? " " : "")).replace(STACKED, "$1");
}
/** Nothing a reader can see: format characters (zero-width and the like), marks on no letter, spaces of every kind, the blank Braille cell and Hangul fillers. */
export const INVISIBLE = /^[\p{Cf}\p{M}\p{Z}\s\u2800\u115F\u1160\u3164\uFFA0]*$/u;

export const ChatText = lazy(() =>
  z
    .string()
    .max(4000, says("issue.said.messageLong"))
    .overwrite((s) => tidyLines(cleanTyped(s, true)).trim())
    .refine((s) => !INVISIBLE.test(s), says("issue.said.messageEmpty"))
    .max(1000, says("issue.said.messageLong")),
);

/**
 * Words a bot writes as catalog text (shared/bots/speech.ts), so every reader gets them in
 * their own language: a `bot.*` key and its arguments, small and plain. They refer to each
 * other, so zod's own `z.lazy` stays inside: `lazy` only defers building them.
 */
const ArgSchema: z.ZodType<Arg> = lazy(() => z.lazy(() =>
  z.union([
    z.string().max(300),
    z.number().finite(),
    z.strictObject({ ref: z.enum(REF_KINDS), id: z.string().max(60), of: z.string().max(60).optional(), inline: z.boolean().optional() }),
    z.strictObject({ list: z.array(ArgSchema).max(12) }),
    CodedTextSchema,
  ]),
));
export const CodedTextSchema: z.ZodType<Text> = lazy(() => z.lazy(() =>
  z.strictObject({ key: z.string().regex(/^(bot|deal)\.[\w.-]{1,60}$/, says("issue.said.catalogKey")), args: z.record(z.string().max(30), ArgSchema).optional() }),
));

/** Effects a facilitator may give a custom event card or a matrix ruling: the scenario cards' own (shared/scenario/schema.ts). */
export const CustomEffectSchema = EffectSchema;

/**
 * A facilitator's card in other languages than its own (a shipped control-cell script carries
 * them, assets/injects/<lang>/): each reader sees the card in theirs, the others its own words.
 */
export const CardTextsSchema = lazy(() => z.partialRecord(z.enum(SCENARIO_LANGUAGES), z.strictObject({ title: z.string().trim().min(1).max(100), text: z.string().trim().min(1).max(600) })));
export type CardTexts = z.infer<typeof CardTextsSchema>;

/** A seat's moves (the server's `act` request accepts exactly these). */
export const SEAT_MOVE_SCHEMAS = lazy(() => [
  /**
   * A message: a person's own words (`text`), or a bot's catalog sentence (`said`), with the
   * terms it says it would sign (`draft`), which its reader may put in the deal builder.
   */
  z
    .strictObject({ type: z.literal("chat"), channel: z.string().min(1).max(200), text: ChatText.optional(), said: CodedTextSchema.optional(), draft: DraftSchema.optional() })
    .refine((m) => (m.text === undefined) !== (m.said === undefined), says("issue.said.textOrSaid"))
    .refine((m) => m.draft === undefined || m.said !== undefined, says("issue.said.termsWithSaid")),
  z.strictObject({ type: z.literal("open-channel"), members: z.array(Id).min(1).max(39) }),
  z.strictObject({ type: z.literal("propose"), draft: DraftSchema }),
  z.strictObject({ type: z.literal("amend"), agreementId: Id, revision: Revision, draft: DraftSchema }),
  z.strictObject({ type: z.literal("sign"), agreementId: Id, revision: Revision }),
  z.strictObject({ type: z.literal("decline"), agreementId: Id, revision: Revision }),
  z.strictObject({ type: z.literal("withdraw"), agreementId: Id }),
  /** `phase`: the phase the person saw, so a tap that meant the event cannot end the negotiation that began meanwhile. */
  z.strictObject({ type: z.literal("ready"), ready: z.boolean(), phase: z.enum(ROUND_PHASES).optional() }),
  /** A free-form "matrix" action for the facilitator to rule on: "we do X, so that Y, because Z". */
  z.strictObject({ type: z.literal("matrix"), text: z.string().trim().min(10, says("issue.said.matrixShort")).max(600) }),
] as const);

/** Why the system's `advance` ended a phase: the phase clock ran out, or every seat was ready. */
export const ADVANCE_CAUSES = ["clock", "ready"] as const;
export type AdvanceCause = (typeof ADVANCE_CAUSES)[number];

/** The facilitator's moves (and the clock's `advance`). */
export const FACILITATOR_MOVE_SCHEMAS = lazy(() => [
  z.strictObject({ type: z.literal("start") }),
  /**
   * `phase` and `round`: the phase the facilitator meant to end, as a signature names the revision
   * it read, so a click that meant the event cannot end the negotiation the clock opened meanwhile,
   * nor a confirmation left open in round 1 end round 2's. Both are optional for the clock and for
   * scripts; a console that names only the phase (one from before `round`) is held to the phase.
   * `cause`: why the system ended the phase — its clock ran out, or every seat was ready (the room
   * sends it; the engine ignores it, the report's timeline says it). A log from before it was
   * recorded reads "time up, or every seat was ready".
   */
  z.strictObject({ type: z.literal("advance"), phase: z.enum(ROUND_PHASES).optional(), round: z.number().int().min(1).max(12).optional(), cause: z.enum(ADVANCE_CAUSES).optional() }),
  /** Plays a deck card now, or schedules it for the start of a later round. */
  z.strictObject({ type: z.literal("play-event"), cardId: Id, round: z.number().int().min(1).max(12).optional() }),
  z.strictObject({
    type: z.literal("custom-event"),
    title: z.string().trim().min(1).max(100),
    text: z.string().trim().min(1).max(600),
    effects: z.array(CustomEffectSchema).max(12),
    round: z.number().int().min(1).max(12).optional(),
    texts: CardTextsSchema.optional(),
  }),
  z.strictObject({
    type: z.literal("rule-matrix"),
    matrixId: Id,
    ruling: z.enum(["accept", "refuse", "roll"]),
    /** With "roll": the chance of success (0–1), drawn from the game's seeded generator. */
    odds: z.number().min(0).max(1).optional(),
    effects: z.array(CustomEffectSchema).max(12).default([]),
    note: z.string().trim().max(300).default(""),
  }),
  z.strictObject({
    type: z.literal("set-comms"),
    /** Who may open bilateral and minilateral channels: anyone, only within a bloc, or nobody. */
    channels: z.enum(["open", "same-bloc", "closed"]).optional(),
    facilitatorReadsPrivate: z.boolean().optional(),
  }),
  z.strictObject({ type: z.literal("broadcast"), text: ChatText }),
  /** Moderation: removes a message's text for everyone; the removal stays in the news and the report. */
  z.strictObject({ type: z.literal("delete-message"), messageId: z.number().int().min(1), reason: z.string().trim().max(200).default("") }),
  /**
   * Moderation: records that a person was muted (the room's clock enforces the minutes; the
   * engine only keeps the fact, so the report shows it). The room sends it, not the console.
   */
  z.strictObject({
    type: z.literal("log-mute"),
    seat: Id,
    name: z.string().trim().min(1).max(40),
    minutes: z.number().int().min(0).max(240),
    /** The person's holder id, so a restarted room restores the mute from the log (the engine ignores it). */
    holder: z.string().min(1).max(64).optional(),
  }),
  /** Records a change to the phase clock (the room's clock does it; the engine keeps the fact for the report). The room sends it. */
  z.strictObject({ type: z.literal("log-clock"), change: z.enum(["pause", "resume", "extend"]), seconds: z.number().int().min(1).max(3600).optional() }),
  /**
   * Records a change of who plays a seat once the game is under way: a person moved to it, the
   * seat freed, one person taken off it, given to a bot or opened to people again (the room's seating does it). The room sends it.
   * The room's own record, sent by the system: `to-bot`, a bot took over the seat from `names`
   * (who held it: their connections dropped, or they were moved or taken off it); `from-bot`,
   * `names` took the seat over from the bot that played it. The report and the gradebook tell
   * from these who played a seat in which rounds (server/debrief/seat-turns.ts).
   */
  z.strictObject({
    type: z.literal("log-seat"),
    change: z.enum(["moved", "freed", "removed", "bot", "people", "to-bot", "from-bot"]),
    seat: Id,
    name: z.string().trim().min(1).max(40).optional(),
    names: z.array(z.string().trim().min(1).max(40)).min(1).max(3).optional(),
  }),
  z.strictObject({ type: z.literal("end-game") }),
] as const);

/** What an action does, without who does it. */
export const MoveSchema = lazy(() => z.discriminatedUnion("type", [...SEAT_MOVE_SCHEMAS, ...FACILITATOR_MOVE_SCHEMAS]));
export type Move = z.infer<typeof MoveSchema>;
export type MoveType = Move["type"];

export const ActionSchema = lazy(() => z.strictObject({
  actor: ActorSchema,
  move: MoveSchema,
  /** Why (bots give one, as catalog text); kept in the log and on the agreement's history. */
  reason: z.union([z.string().max(300), CodedTextSchema]).optional(),
}));
export type Action = z.infer<typeof ActionSchema>;

export const SEAT_MOVES = ["chat", "open-channel", "propose", "amend", "sign", "decline", "withdraw", "ready", "matrix"] as const;
export const FACILITATOR_MOVES = ["start", "advance", "play-event", "custom-event", "rule-matrix", "set-comms", "broadcast", "delete-message", "log-mute", "log-clock", "log-seat", "end-game"] as const;
