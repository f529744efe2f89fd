/**
 * Durable games behind one interface with two implementations: SQLite (node:sqlite, the
 * single-process default) and PostgreSQL (DATABASE_URL, several processes). Both pass the
 * same test suite (tests/storage/store.test.ts).
 *
 * Every accepted action is appended before the player gets an acknowledgement: `appendAction`
 * resolves only once the entry is committed, and appends arriving within a few milliseconds
 * (from any game of the process) share one commit (group-commit.ts).
 *
 * Leases: each unfinished game is run by one process at a time. A process claims a game's
 * lease (which bumps the game's lease epoch), renews it while the game runs, and passes its
 * epoch with every append; an append under an epoch that is no longer the game's is refused
 * with `LeaseLost`, so a process that was paused past its lease cannot write over the
 * process that took the game over (docs/DEPLOY.md).
 */
import type { Action } from "../../shared/engine/actions.ts";
import type { Scenario } from "../../shared/scenario/schema.ts";
import type { GameSettings } from "../../shared/protocol/messages.ts";
import { z } from "zod";

export type GameRecord = {
  code: string;
  scenario: Scenario;
  /**
   * With `edition`, the rules edition the server made the game under (shared/engine/deal-ids.ts
   * `CURRENT_EDITION`; never from a request): none in a game stored before editions were, which
   * replays as edition 1. With `idSalt`, what salts its deal ids (shared/engine/types.ts
   * `Settings.idSalt`: the game's code, never from a request); none in a game stored before.
   */
  settings: GameSettings & { edition?: number; idSalt?: string };
  seed: string;
  keyHash: string;
  createdAt: number;
  finishedAt: number | null;
  /** The class that made this game, and which of its tables it is (1-based): its players, console and report name it "Table N". */
  classTable?: ClassTable;
};
/** A game's place in its class: the class's code and the table's number (1-based). */
export type ClassTable = { code: string; table: number };

/**
 * A person who joined as a player. `seat` and `roles` are what they hold now; `held` lists the
 * seats they held once the game was under way and then left (moved to another seat, taken off
 * it, or their seat given to a bot), oldest first, each with the ministries they held in it;
 * `atEnd` when they left it only after the game had ended. The gradebook lists a person from
 * these as well as from their seat now (server/classes/class-csv.ts). A holder stored before the
 * store kept `held` has none (undefined, not empty). `place` is the class place this person took at
 * their table (server/rooms/seating.ts `placeId`, never the place token itself); none outside a class.
 */
export type HolderRecord = { id: string; seat: string | null; roles: string[]; name: string; token: string; held?: HeldSeat[]; place?: string };
export type HeldSeat = { seat: string; roles: string[]; atEnd?: true };
export type SeatRecord = { seat: string; rejoinCode: string; bot: boolean };

/**
 * One action of a game's log. `id` is the client's action id (unique per game), so a retried
 * request is recognised. `by` is the person (holder id) who sent it: their action count (the
 * gradebook's "actions") rises in the same commit as the append; it is not part of the log.
 */
export type LogEntry = { seq: number; action: Action; at: number; id?: string; by?: string };

/** The game's lease moved to another claim (another process, or a later claim): stop running it. */
export class LeaseLost extends Error {
  constructor(readonly code: string) {
    super(`the lease of game ${code} is held by another claim`);
    this.name = "LeaseLost";
  }
}

/** The position is taken, or the action id was already stored for this game. */
export class DuplicateEntry extends Error {
  constructor(
    readonly code: string,
    readonly what: "seq" | "id",
  ) {
    super(what === "id" ? `game ${code} already stored an action with that id` : `game ${code} already has an action at that position`);
    this.name = "DuplicateEntry";
  }
}

export type HeldLease = { code: string; epoch: number };

export interface GameStore {
  createGame(record: GameRecord): Promise<void>;
  getGame(code: string): Promise<GameRecord | undefined>;
  /** Games not finished, oldest first. */
  unfinishedGames(): Promise<GameRecord[]>;
  /**
   * Unfinished games that are not asleep, oldest first, each with the time of its last action
   * (its creation when it has none) and how many actions it has: those a process restores at start.
   */
  awakeGames(): Promise<{ record: GameRecord; lastActivity: number; actions: number }[]>;
  /**
   * Puts the game to sleep (docs/DEPLOY.md, "Idle games sleep"): marks it asleep and gives its
   * lease up in one write, only while `epoch` is still the game's lease (false otherwise). A
   * sleeping game is in no process and no lease watch restores it; the next claim wakes it.
   */
  sleepGame(code: string, epoch: number, at: number): Promise<boolean>;
  /**
   * Marks unfinished games asleep without running them, whatever lease they had: the
   * single-process default at start, for games idle too long (it owns every game, as `force`).
   */
  markAsleep(codes: string[], at: number): Promise<void>;
  /** Whether the game is asleep (unfinished, its room closed for idleness). */
  isAsleep(code: string): Promise<boolean>;
  /** How many games are asleep (metrics). */
  sleepingCount(): Promise<number>;
  finishGame(code: string, at: number): Promise<void>;
  /**
   * Removes games nobody ever joined (docs/DEPLOY.md, "Games nobody joined are removed"):
   * created before `before` (epoch ms) and asleep since before it (its room last went to sleep
   * then: `slept_at`; the facilitator's console or a look-up of its code wakes it; a game whose
   * room never went to sleep is never removed), unfinished, with no action in their log, nobody
   * who ever held a seat (a holder) or watched as a named observer, no share link, note, exit
   * ticket or fork, made by no class and listed in none (`classTables` are the codes every class
   * lists), and run by no process (no live lease: a room that runs renews its lease). The check
   * and the removal of all the game's rows are one transaction, so a game someone joins meanwhile
   * stays. At most `limit` games a call; resolves with the codes removed.
   */
  forgetUnjoinedGames(before: number, classTables: ReadonlySet<string>, limit: number): Promise<string[]>;
  /** Every game code the classes list as their tables (`forgetUnjoinedGames` leaves them). */
  classTableCodes(): Promise<Set<string>>;
  /**
   * Appends `entry` at position `entry.seq` (0-based) and resolves once it is durable. With an
   * `epoch`, only while that claim still holds the game's lease (else `LeaseLost`). A taken
   * position or a repeated id rejects with `DuplicateEntry`, and only that entry.
   */
  appendAction(code: string, entry: LogEntry, epoch?: number): Promise<void>;
  actions(code: string): Promise<Action[]>;
  /** The action log with the time each action was stored and its client id. */
  actionLog(code: string): Promise<{ action: Action; at: number; id?: string }[]>;
  saveHolder(code: string, holder: HolderRecord): Promise<void>;
  removeHolder(code: string, id: string): Promise<void>;
  holders(code: string): Promise<HolderRecord[]>;
  saveSeat(code: string, seat: SeatRecord): Promise<void>;
  seats(code: string): Promise<SeatRecord[]>;
  /**
   * The names observers gave, for the facilitator's list of who is watching (server/rooms/seating.ts):
   * one kept per name whatever its case, as first typed; `forgetObserver` drops one the list
   * no longer keeps; `observers` lists them in the order they were first kept.
   */
  saveObserver(code: string, name: string): Promise<void>;
  forgetObserver(code: string, name: string): Promise<void>;
  observers(code: string): Promise<string[]>;

  // ---- Leases ---------------------------------------------------------------------------
  /**
   * Claims the game for `owner` for `ttlMs` when nobody holds a live lease on it (or always,
   * with `force`: the single-process default takes back its own games after a crash).
   * Resolves with the new epoch, or null when another claim holds it. A claim wakes a sleeping
   * game (it is no longer asleep).
   */
  claimGame(code: string, owner: string, ttlMs: number, options?: { force?: boolean }): Promise<number | null>;
  /** Extends the leases still held by these claims; resolves with the codes still held. */
  renewLeases(held: HeldLease[], ttlMs: number): Promise<Set<string>>;
  /** Gives the lease up at once (a drain), so another process can take the game now. */
  releaseLease(lease: HeldLease): Promise<void>;
  /**
   * Unfinished games whose lease has lapsed, oldest first. A game never claimed is not one: its
   * room is being opened (or its creation failed, and nobody was given its code); nor is a
   * sleeping game (it gave its lease up on purpose, and wakes when someone comes back).
   */
  lapsedGames(): Promise<string[]>;
  /** Who holds the game's lease now (operations and tests). */
  leaseOf(code: string): Promise<{ owner: string | null; epoch: number; live: boolean } | undefined>;

  /** Resolves when the database answers (readiness). */
  ping(): Promise<void>;
  /** Appends committed so far and the commits that carried them (metrics; batching). */
  commitStats(): { commits: number; entries: number };
  /** Waits for pending appends, then closes the database. */
  close(): Promise<void>;
}

// ---- Debrief and archive (server/debrief) ---------------------------------------------

/**
 * A read-only share link of one game's report; only the token's SHA-256 is kept. `privateChat`:
 * whether it reads the private talks (shared/protocol/debrief.ts ShareRequestSchema).
 */
export type ShareRecord = { id: string; code: string; tokenHash: string; createdAt: number; revokedAt: number | null; privateChat: boolean };
/** A what-if game started from the start of `round` of `parent`. */
export type ForkRecord = { code: string; parent: string; round: number };

/** What the debrief routes need beyond GameStore: games by facilitator key, share links, forks. */
export interface DebriefStore {
  /** Games created with this facilitator key (its hash), newest first. */
  gamesByKey(keyHash: string): Promise<GameRecord[]>;
  createShare(share: ShareRecord): Promise<void>;
  shareByToken(tokenHash: string): Promise<ShareRecord | undefined>;
  shares(code: string): Promise<ShareRecord[]>;
  /** Marks a share link revoked; false when there is no such live link. */
  revokeShare(code: string, id: string, at: number): Promise<boolean>;
  recordFork(fork: ForkRecord): Promise<void>;
  forkOf(code: string): Promise<ForkRecord | undefined>;
}

// ---- Classes and the teaching kit (server/classes) -------------------------------------

/** A class: several tables (games) of one scenario, and the students the join screen placed. */
export type ClassRecord = {
  code: string;
  keyHash: string;
  title: string;
  scenarioId: string;
  tables: string[];
  assign: "random" | "balanced" | "roster";
  roster: { name: string; table: number }[];
  /**
   * `placedAt`: when the join screen placed them (epoch ms; missing in classes stored before it was
   * kept). `movedFrom`: the table (0-based) the teacher last moved them from.
   */
  students: { token: string; name: string; table: number; seat: string; roles: string[]; placedAt?: number; movedFrom?: number }[];
  createdAt: number;
};
/** One person's answers to the exit ticket at the end of a game. */
export type ExitTicketRecord = { code: string; holder: string; name: string; seat: string; roles: string[]; answers: string[]; at: number };

/**
 * An observer's timestamped note, or a hot-wash finding of the facilitator, for the report.
 * `by`: who wrote it, a role the report names in its reader's language; `name`: the observer's
 * own name, when they gave one (a person's words, never translated).
 */
export type NoteRecord = { code: string; kind: "note" | "finding"; by: "facilitator" | "observer"; name?: string; round: number; phase: string; at: number; text: string };

const NoteFields = { code: z.string(), kind: z.enum(["note", "finding"]), round: z.number(), phase: z.string(), at: z.number(), text: z.string() };
/**
 * A stored note as saved: now with its role (`by`); saved before, with `author`, the English word
 * "Facilitator" or "Observer" (a role, read as one) or an observer's own name.
 */
const StoredNoteSchema = z.union([
  z.object({ ...NoteFields, by: z.enum(["facilitator", "observer"]), name: z.string().optional() }),
  z.object({ ...NoteFields, author: z.string() }).transform(({ author, ...n }): typeof n & { by: NoteRecord["by"]; name?: string } =>
    author === "Facilitator" ? { ...n, by: "facilitator" } : author === "Observer" ? { ...n, by: "observer" } : { ...n, by: "observer", name: author },
  ),
]);
/** A note read back from storage (its JSON), validated, an older record's `author` read as its role. */
export function readNote(json: string): NoteRecord {
  const n = StoredNoteSchema.parse(JSON.parse(json));
  return n.name === undefined ? { code: n.code, kind: n.kind, by: n.by, round: n.round, phase: n.phase, at: n.at, text: n.text } : { code: n.code, kind: n.kind, by: n.by, name: n.name, round: n.round, phase: n.phase, at: n.at, text: n.text };
}

/** What classes, exit tickets, notes and the gradebook need. */
export interface ClassStore {
  saveNote(note: NoteRecord): Promise<void>;
  notes(code: string): Promise<NoteRecord[]>;
  /** How many notes and findings the game holds (the room caps them: server/rooms/requests.ts NOTES_PER_GAME). */
  noteCount(code: string): Promise<number>;
  saveClass(record: ClassRecord): Promise<void>;
  /** Saves `record` over the class only if it is still as read (`read`: its JSON when read); false when it changed meanwhile. */
  replaceClass(record: ClassRecord, read: string): Promise<boolean>;
  getClass(code: string): Promise<ClassRecord | undefined>;
  saveExitTicket(ticket: ExitTicketRecord): Promise<void>;
  exitTickets(code: string): Promise<ExitTicketRecord[]>;
  /** Accepted actions by person (appended with `by`, see LogEntry): the gradebook's "actions". */
  actionCounts(code: string): Promise<Record<string, number>>;
}

/** Everything the server needs from its database. */
export type Store = GameStore & DebriefStore & ClassStore;
