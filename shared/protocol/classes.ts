/**
 * Classes: one teacher runs several tables (games) of one scenario at once. One join screen
 * places arriving students at tables and seats (random, balanced, or by a pasted roster);
 * the class console sends one broadcast or inject to every table. Schemas of the HTTP
 * requests, and the replies' types. docs/TEACHING.md says how a lesson uses them.
 */
import { z } from "zod";
import { lazy } from "../lazy.ts";
import { CardTextsSchema, cleanTyped, CustomEffectSchema } from "../engine/actions.ts";
import type { DeckCard } from "./view.ts";
import { Id } from "../engine/agreements/kit.ts";
import { ROUND_PHASES } from "../engine/vocabulary.ts";
import { ExtendSchema, GameSettingsSchema, Name, type ReplyError } from "./messages.ts";
import { says } from "../scenario/plain-issues.ts";
import type { Text } from "../engine/text.ts";

export const ASSIGN_MODES = ["balanced", "random", "roster"] as const;

export const CreateClassSchema = lazy(() => z.strictObject({
  scenarioId: Id,
  title: z.string().trim().max(80).default(""),
  tables: z.number().int().min(1, says("issue.said.tablesFew")).max(10, says("issue.said.tablesMany")),
  /** Every table plays the same seed (same event deck order), so the tables differ only by what people did. */
  sameSeed: z.boolean().default(true),
  assign: z.enum(ASSIGN_MODES).default("balanced"),
  /** With "roster": who sits at which table (1-based). Names not on it are placed as with "balanced". */
  roster: z.array(z.strictObject({ name: Name, table: z.number().int().min(1).max(10) })).max(200).default([]),
  settings: GameSettingsSchema.default({ bots: true, teams: true, facilitatorReadsPrivate: false, channels: "open", quickStart: false, reconnectSeconds: 120 }),
}));
export type CreateClassRequest = z.input<typeof CreateClassSchema>;
export type CreateClassReply = { code: string; facilitatorKey: string; tables: string[] };

/** A student at the class's join screen; the token (kept by the browser) brings them back to the same place. */
/**
 * Names a student may not take in a class: the teacher's and the facilitator's, in English and
 * Chinese (any case, spaces and punctuation aside), which classmates would read as the teacher's
 * own words in the talks.
 */
const STAFF_NAMES = new Set(["teacher", "theteacher", "facilitator", "thefacilitator", "老师", "教师", "主持人"]);
export const impersonatesStaff = (name: string) => STAFF_NAMES.has(name.toLowerCase().replace(/[\s\p{P}\p{S}]/gu, ""));

export const ClassJoinSchema = lazy(() => z.strictObject({ name: Name.refine((s) => !impersonatesStaff(s), says("issue.said.nameStaff")), token: z.string().min(16).max(64).optional() }));
export type ClassJoinRequest = z.input<typeof ClassJoinSchema>;
export type ClassJoinReply = { game: string; table: number; seat: string; seatName: string; roles: string[]; token: string };

/** What anyone with the class code may see: enough to join and to fill a projector. */
export type ClassInfo = {
  code: string;
  title: string;
  scenario: { id: string; title: string };
  teams: boolean;
  assign: (typeof ASSIGN_MODES)[number];
  tables: { number: number; code: string; phase: string; round: number; students: number }[];
  students: number;
  capacity: number;
  /**
   * The student whose place token the request brought (`x-place-token`): their table and the
   * name they gave, so the join page of a student back on the class link (a closed tab, a second
   * scan of the QR code) says where they sit and holds their name. Absent without a token, or
   * once the class no longer holds that student (removed, or the place lapsed).
   */
  placed?: { table: number; name: string };
};

/** The class console's view of every table side by side (facilitator key). */
export type ClassStatus = ClassInfo & {
  rounds: number;
  /** The event card's clock at the tables, a card (the script section says what a crowded round costs). */
  eventSeconds: number;
  /** The scenario's deck and countries, for injects with effects and the control-cell script. */
  cards: DeckCard[];
  /**
   * `bloc` and `control` tell which groups an effect may name (client/model/inject.ts `targetGroups`);
   * `inSentence` is the name inside a sentence ("against the United States").
   */
  countries: { id: string; name: string; inSentence?: string; bloc: string; control: string }[];
  tablesDetail: {
    number: number;
    code: string;
    phase: string;
    round: number;
    paused: boolean;
    deadline: number;
    remainingMs: number;
    connected: number;
    /**
     * A person holds a seat: connected, or dropped and within their reconnection window
     * (server/rooms/GameRoom.ts `people`). Their "done" ends a phase early; without one the
     * console says the clock ends it.
     */
    people: boolean;
    /** Seats done with the phase, of the seats played (shared/protocol/view.ts `seatsDone`). */
    done: { count: number; total: number };
    outcome: { met: number; total: number };
    leader: { name: string; total: number } | null;
    waitingRulings: number;
    /** Cards played and scheduled at this table, so the console shows where each inject stands. */
    played: { id: string; custom: boolean; title: string }[];
    scheduled: { round: number; card: { id: string; custom: boolean; title: string } }[];
    /**
     * The table's stored game is one the rules of this version refuse to replay (it was played
     * under rules that have changed since: shared/engine/replay.ts `ReplayRefused`): why, as the
     * catalog text the console renders in the teacher's language. No room runs it (phase "ended").
     */
    refused?: Text;
  }[];
  students: number;
  /**
   * `id` names the student to the console's commands (not their place token); `rejoinCode`: the
   * seat's, which a student on another device types to take their place back (while the table runs).
   * `byTableCode`: a person who joined the table by its game code, not through the class: they
   * hold no class place (nothing for the console's Remove; the table's console frees their seat),
   * yet play and are graded, so they are listed and counted in `students`. `movedFrom`: the table
   * (1-based) the teacher last moved them from; not yet at their new table, they are on their way
   * there, not a student who never joined.
   */
  roster: { id: string; name: string; table: number; seat: string; seatName: string; roles: string[]; rejoinCode?: string; presence?: Presence; byTableCode?: true; movedFrom?: number }[];
};

/** Where a student is at their table (while it runs): connected, away (dropped, their seat kept), away with a bot playing their seat, or not at the table. */
export const PRESENCES = ["here", "away", "bot", "absent"] as const;
export type Presence = (typeof PRESENCES)[number];

/** The round each table (by code) was in when the class console showed it in a phase. */
const TableRounds = lazy(() => z.record(z.string().max(12), z.number().int().min(1).max(12)));

/** One command for every table of the class (the console's "to all tables"). */
export const ClassCommandSchema = lazy(() => z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("broadcast"), text: z.string().trim().min(1, says("issue.said.messageEmpty")).max(1000, says("issue.said.messageLong")) }),
  /** A deck card now, or scheduled for the start of a later round (`round`), at every table. */
  z.strictObject({ type: z.literal("play-event"), cardId: Id, round: z.number().int().min(1).max(12).optional() }),
  z.strictObject({
    type: z.literal("custom-event"),
    title: z.string().trim().min(1).max(100),
    text: z.string().trim().min(1).max(600),
    effects: z.array(CustomEffectSchema).max(12).default([]),
    round: z.number().int().min(1).max(12).optional(),
    texts: CardTextsSchema.optional(),
  }),
  z.strictObject({ type: z.literal("start") }),
  /**
   * Ends `phase` at every table in it; a table in another phase is left as it is (its result says
   * so). `rounds`: the round each table (by code) was in when the teacher asked; a table that has
   * since moved on to a later round's `phase` is refused too (rule/phase_moved).
   */
  z.strictObject({ type: z.literal("advance"), phase: z.enum(ROUND_PHASES), rounds: TableRounds.optional() }),
  z.strictObject({ type: z.literal("pause") }),
  z.strictObject({ type: z.literal("resume") }),
  /**
   * Adds time to `phase` at every table in it, as `advance` ends it: a table in another phase is
   * left as it is. `rounds`: the round each table was in when the console showed it in `phase`;
   * such a table that has since moved on refuses, naming the phase (rule/phase_moved), rather
   * than giving the time to the phase now running.
   */
  z.strictObject({
    type: z.literal("extend"),
    seconds: ExtendSchema.shape.seconds,
    phase: z.enum(ROUND_PHASES),
    rounds: TableRounds.optional(),
  }),
  /** Ends the game at every table not over yet, as the table console's "End the game" does; a table over already says so. */
  z.strictObject({ type: z.literal("end-game") }),
]));
export type ClassCommand = z.input<typeof ClassCommandSchema>;
/** A table's refusal carries its `text` when it has one: the class console renders it in the teacher's language. */
export type ClassCommandReply = { results: { table: number; code: string; ok: boolean; error?: ReplyError }[] };

/**
 * Where students' devices reach the server: `host:port` of each of its network (IPv4) addresses,
 * the most likely first (server/lan.ts). The class console and a game's projector ask when
 * opened as localhost, an address no phone can open (docs/PROTOCOL.md, "Classes", "GET
 * /api/addresses"). Validated by the pages too (client/net/http.ts `networkAddresses`).
 */
export const JoinAddressesSchema = lazy(() => z.strictObject({ addresses: z.array(z.string().regex(/^\d{1,3}(\.\d{1,3}){3}:\d{1,5}$/)).max(32) }));
export type JoinAddresses = z.infer<typeof JoinAddressesSchema>;

/** The class console removes one student (a duplicate, a fake): `student` is their roster `id`. */
/** `student`: a roster `id`, a class student's (16 hex digits) or a person's who joined a table by its code (`t<table>-<their id there>`). */
export const RemoveStudentSchema = lazy(() => z.strictObject({ student: z.string().regex(/^(?:[0-9a-f]{16}|t[1-9][0-9]?-[A-Za-z0-9_-]{1,64})$/, says("issue.said.studentId")) }));
export type RemoveStudentRequest = z.input<typeof RemoveStudentSchema>;

/**
 * The class console moves one student of the class to another of its tables (docs/TEACHING.md,
 * "Class mode"): `student` is their roster `id` (a class student's: a person who joined a table by
 * its code holds no class place to move), `table` the table to move them to (counted from 1).
 */
export const MoveStudentSchema = lazy(() => z.strictObject({ student: z.string().regex(/^[0-9a-f]{16}$/, says("issue.said.studentId")), table: z.number().int().min(1).max(10) }));
export type MoveStudentRequest = z.input<typeof MoveStudentSchema>;
/** Where the moved student's place is now: the table (from 1), seat and ministries the class gave them there. */
export type MoveStudentReply = { table: number; seat: string; seatName: string; roles: string[] };

/**
 * The class console removes every student who never came to their table, at once: `students`
 * are the roster `id`s it showed as not at the table and named in its question. Only those still
 * not at their table when the server acts are removed (one who arrived meanwhile keeps the place).
 */
export const RemoveUnjoinedSchema = lazy(() => z.strictObject({ students: z.array(z.string().regex(/^[0-9a-f]{16}$/, "a student's id from the roster")).min(1).max(1000) }));
export type RemoveUnjoinedRequest = z.input<typeof RemoveUnjoinedSchema>;
/** The students removed (none when all had come to their table meanwhile), by id and name. */
export type RemoveUnjoinedReply = { removed: { id: string; name: string }[] };

/** Text a person typed for the report and the gradebook, as a reader may see it (actions.ts `cleanTyped`: no control or direction characters; line breaks kept). */
const typed = () => z.string().max(4000, says("issue.said.textLong")).overwrite((s) => cleanTyped(s, true).trim());

/** `note`: an observer's (or the facilitator's) timestamped note; a "finding" is the hot wash's, facilitator only. */
export const NoteSchema = lazy(() => z.strictObject({
  kind: z.enum(["note", "finding"]).default("note"),
  text: typed().min(1, says("issue.said.noteEmpty")).max(1000, says("issue.said.noteLong")),
}));
export type NoteRequest = z.input<typeof NoteSchema>;
/** Notes and findings as the report shows them (facilitator's report only). */
/** `by`: the writer's role (named in the reader's language); `name`: an observer's own name, when they gave one. */
export type ReportNote = { kind: "note" | "finding"; by: "facilitator" | "observer"; name?: string; round: number; phase: string; at: number; text: string };

/** The exit ticket: each player's short answers at the end, for the report and the gradebook. */
/** The questions' keys in the string catalog (client/i18n: the form, the gradebook's headers and the report ask them in these words). */
export const EXIT_QUESTION_KEYS = ["exit.q1", "exit.q2", "exit.q3"] as const;
export const EXIT_QUESTIONS = EXIT_QUESTION_KEYS.length;
/**
 * A hand-in: one entry per question; `null` keeps the answer this person handed in before (none:
 * blank), so a form that could not show the earlier answers never blanks them.
 */
export const ExitTicketSchema = lazy(() => z.strictObject({
  answers: z.array(typed().max(600, says("issue.said.answerLong")).nullable()).length(EXIT_QUESTIONS, says("issue.said.exitAnswers", { count: EXIT_QUESTIONS })),
}));
export type ExitTicket = z.input<typeof ExitTicketSchema>;
/** The reply to `my-exit-ticket`: what the asking person handed in (their own only), or null before they have. */
export type MyExitTicket = { answers: string[] | null };
