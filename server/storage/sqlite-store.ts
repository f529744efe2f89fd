/**
 * The store on Node's built-in SQLite (no native addon to build), in WAL mode: the
 * single-process default. node:sqlite is synchronous; the methods return promises so the
 * server awaits SQLite and PostgreSQL alike. WAL with synchronous=NORMAL keeps every commit
 * through a crash of the process (kill -9); a power loss may lose the last commits
 * (docs/DEPLOY.md: PostgreSQL for that).
 */
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { DatabaseSync, type StatementSync } from "node:sqlite";
import type { Action } from "../../shared/engine/actions.ts";
import type { Scenario } from "../../shared/scenario/schema.ts";
import { GroupCommit, type CommitOutcome } from "./group-commit.ts";
import { WAL_SIZE_LIMIT, WalCheckpointer } from "./wal-checkpointer.ts";
import { DuplicateEntry, LeaseLost, type ClassRecord, type ClassTable, type ExitTicketRecord, type NoteRecord, readNote, type ForkRecord, type GameRecord, type HeldLease, type HeldSeat, type HolderRecord, type LogEntry, type SeatRecord, type ShareRecord, type Store } from "./store.ts";

const SCHEMA = `
CREATE TABLE IF NOT EXISTS games (
  code TEXT PRIMARY KEY, scenario TEXT NOT NULL, settings TEXT NOT NULL, seed TEXT NOT NULL,
  key_hash TEXT NOT NULL, created_at INTEGER NOT NULL, finished_at INTEGER
);
CREATE TABLE IF NOT EXISTS actions (
  code TEXT NOT NULL, seq INTEGER NOT NULL, action TEXT NOT NULL, at INTEGER NOT NULL,
  PRIMARY KEY (code, seq)
);
CREATE TABLE IF NOT EXISTS holders (
  code TEXT NOT NULL, id TEXT NOT NULL, seat TEXT, roles TEXT NOT NULL, name TEXT NOT NULL, token TEXT NOT NULL,
  PRIMARY KEY (code, id)
);
CREATE TABLE IF NOT EXISTS seats (
  code TEXT NOT NULL, seat TEXT NOT NULL, rejoin_code TEXT NOT NULL, bot INTEGER NOT NULL,
  PRIMARY KEY (code, seat)
);
CREATE TABLE IF NOT EXISTS shares (
  id TEXT PRIMARY KEY, code TEXT NOT NULL, token_hash TEXT NOT NULL UNIQUE, created_at INTEGER NOT NULL, revoked_at INTEGER
);
CREATE TABLE IF NOT EXISTS forks (code TEXT PRIMARY KEY, parent TEXT NOT NULL, round INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS games_by_key ON games (key_hash, created_at);
CREATE TABLE IF NOT EXISTS classes (code TEXT PRIMARY KEY, key_hash TEXT NOT NULL, record TEXT NOT NULL, created_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS exit_tickets (code TEXT NOT NULL, holder TEXT NOT NULL, record TEXT NOT NULL, PRIMARY KEY (code, holder));
CREATE TABLE IF NOT EXISTS notes (code TEXT NOT NULL, record TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS notes_by_code ON notes (code);
CREATE TABLE IF NOT EXISTS person_actions (code TEXT NOT NULL, holder TEXT NOT NULL, count INTEGER NOT NULL, PRIMARY KEY (code, holder));
CREATE TABLE IF NOT EXISTS observers (code TEXT NOT NULL, key TEXT NOT NULL, name TEXT NOT NULL, PRIMARY KEY (code, key));
`;

/**
 * A game nobody ever joined (Store.forgetUnjoinedGames), of `games g`: unfinished, of no class,
 * no action, nobody who held a seat or watched by name, no share link, note, exit ticket or fork.
 */
export const UNJOINED = `g.finished_at IS NULL AND g.class_table IS NULL
  AND NOT EXISTS (SELECT 1 FROM actions x WHERE x.code = g.code)
  AND NOT EXISTS (SELECT 1 FROM holders x WHERE x.code = g.code)
  AND NOT EXISTS (SELECT 1 FROM observers x WHERE x.code = g.code)
  AND NOT EXISTS (SELECT 1 FROM shares x WHERE x.code = g.code)
  AND NOT EXISTS (SELECT 1 FROM notes x WHERE x.code = g.code)
  AND NOT EXISTS (SELECT 1 FROM exit_tickets x WHERE x.code = g.code)
  AND NOT EXISTS (SELECT 1 FROM forks x WHERE x.code = g.code OR x.parent = g.code)`;
/** The tables that hold a game's rows, by its code: a game removed leaves none (`games` last). */
export const GAME_TABLES = ["actions", "person_actions", "holders", "seats", "observers", "shares", "notes", "exit_tickets", "games"] as const;

/** Columns added after the first release: databases made before them get them on open. */
const ADDED_COLUMNS: [table: string, column: string, definition: string][] = [
  ["games", "lease_owner", "TEXT"],
  ["games", "lease_epoch", "INTEGER NOT NULL DEFAULT 0"],
  ["games", "lease_until", "INTEGER NOT NULL DEFAULT 0"],
  ["actions", "action_id", "TEXT"],
  // When the game went to sleep (no one connected for a while); null while it is awake.
  ["games", "slept_at", "INTEGER"],
  // The seats a person left once the game was under way (HolderRecord.held, JSON); null for a holder stored before it.
  ["holders", "held", "TEXT"],
  // The class and table that made the game (GameRecord.classTable, JSON); null for a game of no class.
  ["games", "class_table", "TEXT"],
  // The class place a person took (HolderRecord.place); null outside a class and for a holder stored before it.
  ["holders", "place", "TEXT"],
  // Whether a share link reads the private talks (ShareRecord.privateChat). A link made before
  // the choice existed read them (when the facilitator could): it goes on serving what it served.
  ["shares", "private_chat", "INTEGER NOT NULL DEFAULT 1"],
];

type Row = Record<string, unknown>;
type Append = { code: string; entry: LogEntry; epoch: number | undefined };

export class SqliteStore implements Store {
  private db: DatabaseSync;
  private appends: GroupCommit<Append>;
  // The append path's statements, prepared once (preparing costs as much as a small insert).
  private insertAction: StatementSync;
  private insertFenced: StatementSync;
  private countAction: StatementSync;
  /** Checkpoints off the event loop (./wal-checkpointer.ts); none for an in-memory database. */
  private checkpointer: WalCheckpointer | undefined;

  constructor(path: string, options: { commitWindowMs?: number } = {}) {
    if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
    this.db = new DatabaseSync(path);
    // A WAL grown past 4 MB (a burst while a reader held its snapshot) is cut back to it once a
    // checkpoint starts it over; without a limit SQLite keeps the file at its largest size.
    this.db.exec(`PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000; PRAGMA journal_size_limit = ${WAL_SIZE_LIMIT};`);
    this.db.exec(SCHEMA);
    for (const [table, column, definition] of ADDED_COLUMNS) {
      const has = (this.db.prepare(`PRAGMA table_info(${table})`).all() as Row[]).some((c) => c.name === column);
      if (!has) this.db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${definition}`);
    }
    this.db.exec("CREATE UNIQUE INDEX IF NOT EXISTS actions_by_id ON actions (code, action_id)");
    this.insertAction = this.db.prepare("INSERT INTO actions (code, seq, action, at, action_id) VALUES (?, ?, ?, ?, ?)");
    this.insertFenced = this.db.prepare(
      "INSERT INTO actions (code, seq, action, at, action_id) SELECT ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM games WHERE code = ? AND lease_epoch = ?)",
    );
    this.countAction = this.db.prepare("INSERT INTO person_actions (code, holder, count) VALUES (?, ?, 1) ON CONFLICT (code, holder) DO UPDATE SET count = count + 1");
    // No window by default: the commit is synchronous and fast; a timer would only add a wake-up (./group-commit.ts).
    this.appends = new GroupCommit(async (batch) => {
      // While a checkpoint runs, appends queue here (./wal-checkpointer.ts).
      await this.checkpointer?.idle();
      return this.commitAppends(batch);
    }, options.commitWindowMs ?? 0);
    if (path !== ":memory:") {
      this.db.exec("PRAGMA wal_autocheckpoint = 0");
      this.checkpointer = new WalCheckpointer(path, () => {
        this.checkpointer = undefined;
        if (this.db.isOpen) this.db.exec("PRAGMA wal_autocheckpoint = 1000");
      });
    }
  }

  /** Runs `fn` in one write transaction: committed unless it throws (or rolled back itself), rolled back if it throws. */
  private inTransaction(fn: () => void) {
    this.db.exec("BEGIN IMMEDIATE");
    try {
      fn();
      if (this.db.isTransaction) this.db.exec("COMMIT");
    } catch (err) {
      if (this.db.isTransaction) this.db.exec("ROLLBACK");
      throw err;
    }
  }

  async createGame(r: GameRecord) {
    this.db
      .prepare("INSERT INTO games (code, scenario, settings, seed, key_hash, created_at, finished_at, class_table) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
      .run(r.code, JSON.stringify(r.scenario), JSON.stringify(r.settings), r.seed, r.keyHash, r.createdAt, r.finishedAt, r.classTable ? JSON.stringify(r.classTable) : null);
  }

  async getGame(code: string): Promise<GameRecord | undefined> {
    const row = this.db.prepare("SELECT * FROM games WHERE code = ?").get(code) as Row | undefined;
    return row ? toRecord(row) : undefined;
  }

  async unfinishedGames(): Promise<GameRecord[]> {
    return (this.db.prepare("SELECT * FROM games WHERE finished_at IS NULL ORDER BY created_at").all() as Row[]).map(toRecord);
  }

  async awakeGames() {
    const rows = this.db
      .prepare(
        `SELECT g.*, (SELECT MAX(at) FROM actions a WHERE a.code = g.code) AS last_at, (SELECT COUNT(*) FROM actions a WHERE a.code = g.code) AS n
         FROM games g WHERE finished_at IS NULL AND slept_at IS NULL ORDER BY created_at`,
      )
      .all() as Row[];
    return rows.map((r) => ({ record: toRecord(r), lastActivity: Math.max(Number(r.created_at), Number(r.last_at ?? 0)), actions: Number(r.n) }));
  }

  async sleepGame(code: string, epoch: number, at: number) {
    const changed = this.db
      .prepare("UPDATE games SET slept_at = ?, lease_owner = NULL, lease_until = 0 WHERE code = ? AND lease_epoch = ? AND finished_at IS NULL")
      .run(at, code, epoch).changes;
    return Number(changed) === 1;
  }

  async markAsleep(codes: string[], at: number) {
    const mark = this.db.prepare("UPDATE games SET slept_at = ?, lease_owner = NULL, lease_until = 0 WHERE code = ? AND finished_at IS NULL");
    this.inTransaction(() => {
      for (const code of codes) mark.run(at, code);
    });
  }

  async forgetUnjoinedGames(before: number, classTables: ReadonlySet<string>, limit: number): Promise<string[]> {
    const removed: string[] = [];
    this.inTransaction(() => {
      const found = this.db
        .prepare(`SELECT code FROM games g WHERE created_at < ? AND slept_at < ? AND lease_until < ? AND ${UNJOINED} AND code NOT IN (SELECT value FROM json_each(?)) ORDER BY created_at LIMIT ?`)
        .all(before, before, Date.now(), JSON.stringify([...classTables]), limit) as Row[];
      for (const code of found.map((r) => String(r.code))) {
        for (const table of GAME_TABLES) this.db.prepare(`DELETE FROM ${table} WHERE code = ?`).run(code);
        removed.push(code);
      }
    });
    return removed;
  }

  async classTableCodes(): Promise<Set<string>> {
    return new Set((this.db.prepare("SELECT record FROM classes").all() as Row[]).flatMap((r) => (JSON.parse(String(r.record)) as ClassRecord).tables));
  }

  async isAsleep(code: string) {
    return !!this.db.prepare("SELECT 1 FROM games WHERE code = ? AND finished_at IS NULL AND slept_at IS NOT NULL").get(code);
  }

  async sleepingCount() {
    return Number((this.db.prepare("SELECT COUNT(*) AS n FROM games WHERE finished_at IS NULL AND slept_at IS NOT NULL").get() as Row).n);
  }

  async finishGame(code: string, at: number) {
    this.db.prepare("UPDATE games SET finished_at = ? WHERE code = ? AND finished_at IS NULL").run(at, code);
  }

  appendAction(code: string, entry: LogEntry, epoch?: number): Promise<void> {
    return this.appends.add({ code, entry, epoch });
  }

  /**
   * One transaction for the batch; an entry that is refused rolls back to its savepoint only
   * (a batch of one needs none: its refusal rolls back the whole transaction). An entry's
   * action count (`by`) is written with it.
   */
  private commitAppends(batch: Append[]): CommitOutcome[] {
    const many = batch.length > 1;
    const outcomes: CommitOutcome[] = [];
    this.inTransaction(() => {
      for (const { code, entry, epoch } of batch) {
        if (many) this.db.exec("SAVEPOINT entry");
        try {
          const values = [code, entry.seq, JSON.stringify(entry.action), entry.at, entry.id ?? null] as const;
          const changes = epoch === undefined ? this.insertAction.run(...values).changes : this.insertFenced.run(...values, code, epoch).changes;
          const stored = Number(changes) === 1;
          if (stored && entry.by) this.countAction.run(code, entry.by);
          outcomes.push(stored ? undefined : new LeaseLost(code));
        } catch (err) {
          if (many) this.db.exec("ROLLBACK TO entry");
          else this.db.exec("ROLLBACK");
          outcomes.push(isUnique(err) ? new DuplicateEntry(code, String(err).includes("action_id") ? "id" : "seq") : (err as Error));
        }
        if (many) this.db.exec("RELEASE entry");
      }
    });
    this.checkpointer?.committed(batch.length);
    return outcomes;
  }

  async actions(code: string): Promise<Action[]> {
    return (this.db.prepare("SELECT action FROM actions WHERE code = ? ORDER BY seq").all(code) as Row[]).map((r) => JSON.parse(String(r.action)) as Action);
  }

  async actionLog(code: string): Promise<{ action: Action; at: number; id?: string }[]> {
    return (this.db.prepare("SELECT action, at, action_id FROM actions WHERE code = ? ORDER BY seq").all(code) as Row[]).map((r) => ({
      action: JSON.parse(String(r.action)) as Action,
      at: Number(r.at),
      ...(r.action_id === null ? {} : { id: String(r.action_id) }),
    }));
  }

  async saveHolder(code: string, h: HolderRecord) {
    this.db
      .prepare(
        "INSERT INTO holders (code, id, seat, roles, name, token, held, place) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (code, id) DO UPDATE SET seat = excluded.seat, roles = excluded.roles, name = excluded.name, token = excluded.token, held = excluded.held, place = excluded.place",
      )
      .run(code, h.id, h.seat, JSON.stringify(h.roles), h.name, h.token, h.held ? JSON.stringify(h.held) : null, h.place ?? null);
  }

  async removeHolder(code: string, id: string) {
    this.db.prepare("DELETE FROM holders WHERE code = ? AND id = ?").run(code, id);
  }

  async holders(code: string): Promise<HolderRecord[]> {
    return (this.db.prepare("SELECT * FROM holders WHERE code = ? ORDER BY rowid").all(code) as Row[]).map(toHolder);
  }

  async saveSeat(code: string, s: SeatRecord) {
    this.db
      .prepare("INSERT INTO seats (code, seat, rejoin_code, bot) VALUES (?, ?, ?, ?) ON CONFLICT (code, seat) DO UPDATE SET rejoin_code = excluded.rejoin_code, bot = excluded.bot")
      .run(code, s.seat, s.rejoinCode, s.bot ? 1 : 0);
  }

  async seats(code: string): Promise<SeatRecord[]> {
    return (this.db.prepare("SELECT * FROM seats WHERE code = ? ORDER BY seat").all(code) as Row[]).map(toSeat);
  }

  async saveObserver(code: string, name: string) {
    this.db.prepare("INSERT INTO observers (code, key, name) VALUES (?, ?, ?) ON CONFLICT (code, key) DO NOTHING").run(code, name.toLowerCase(), name);
  }

  async forgetObserver(code: string, name: string) {
    this.db.prepare("DELETE FROM observers WHERE code = ? AND key = ?").run(code, name.toLowerCase());
  }

  async observers(code: string): Promise<string[]> {
    return (this.db.prepare("SELECT name FROM observers WHERE code = ? ORDER BY rowid").all(code) as Row[]).map((r) => String(r.name));
  }

  // ---- Leases (one machine: its clock is every process's clock) -------------------------

  async claimGame(code: string, owner: string, ttlMs: number, options: { force?: boolean } = {}): Promise<number | null> {
    const now = Date.now();
    const row = this.db
      .prepare("UPDATE games SET lease_owner = ?, lease_epoch = lease_epoch + 1, lease_until = ?, slept_at = NULL WHERE code = ? AND (? OR lease_owner IS NULL OR lease_until < ?) RETURNING lease_epoch")
      .get(owner, now + ttlMs, code, options.force ? 1 : 0, now) as Row | undefined;
    return row ? Number(row.lease_epoch) : null;
  }

  async renewLeases(held: HeldLease[], ttlMs: number): Promise<Set<string>> {
    const until = Date.now() + ttlMs;
    const renew = this.db.prepare("UPDATE games SET lease_until = ? WHERE code = ? AND lease_epoch = ?");
    const kept = new Set<string>();
    // One commit for them all: a commit each held the event loop 2–20 ms at 233 games (WAL writes, checkpoints).
    this.inTransaction(() => {
      for (const { code, epoch } of held) if (Number(renew.run(until, code, epoch).changes) === 1) kept.add(code);
    });
    return kept;
  }

  async releaseLease({ code, epoch }: HeldLease) {
    this.db.prepare("UPDATE games SET lease_owner = NULL, lease_until = 0 WHERE code = ? AND lease_epoch = ?").run(code, epoch);
  }

  async lapsedGames(): Promise<string[]> {
    return (this.db.prepare("SELECT code FROM games WHERE finished_at IS NULL AND slept_at IS NULL AND lease_epoch > 0 AND lease_until < ? ORDER BY created_at").all(Date.now()) as Row[]).map((r) => String(r.code));
  }

  async leaseOf(code: string) {
    const row = this.db.prepare("SELECT lease_owner, lease_epoch, lease_until FROM games WHERE code = ?").get(code) as Row | undefined;
    return row ? { owner: row.lease_owner === null ? null : String(row.lease_owner), epoch: Number(row.lease_epoch), live: Number(row.lease_until) >= Date.now() } : undefined;
  }

  async ping() {
    this.db.prepare("SELECT 1").get();
  }

  commitStats() {
    return { ...this.appends.stats };
  }

  async close() {
    await this.appends.drain();
    await this.checkpointer?.close();
    if (this.db.isOpen) this.db.close();
  }

  // ---- Debrief and archive (server/debrief) -------------------------------------------

  async gamesByKey(keyHash: string): Promise<GameRecord[]> {
    return (this.db.prepare("SELECT * FROM games WHERE key_hash = ? ORDER BY created_at DESC, code").all(keyHash) as Row[]).map(toRecord);
  }

  async createShare(s: ShareRecord) {
    this.db.prepare("INSERT INTO shares (id, code, token_hash, created_at, revoked_at, private_chat) VALUES (?, ?, ?, ?, ?, ?)").run(s.id, s.code, s.tokenHash, s.createdAt, s.revokedAt, s.privateChat ? 1 : 0);
  }

  async shareByToken(tokenHash: string): Promise<ShareRecord | undefined> {
    const row = this.db.prepare("SELECT * FROM shares WHERE token_hash = ?").get(tokenHash) as Row | undefined;
    return row ? toShare(row) : undefined;
  }

  async shares(code: string): Promise<ShareRecord[]> {
    return (this.db.prepare("SELECT * FROM shares WHERE code = ? ORDER BY created_at, id").all(code) as Row[]).map(toShare);
  }

  async revokeShare(code: string, id: string, at: number): Promise<boolean> {
    return Number(this.db.prepare("UPDATE shares SET revoked_at = ? WHERE code = ? AND id = ? AND revoked_at IS NULL").run(at, code, id).changes) > 0;
  }

  async recordFork(f: ForkRecord) {
    this.db.prepare("INSERT INTO forks (code, parent, round) VALUES (?, ?, ?)").run(f.code, f.parent, f.round);
  }

  // ---- Classes and the teaching kit (server/classes) --------------------------------------

  async saveClass(c: ClassRecord) {
    this.db.prepare("INSERT OR REPLACE INTO classes (code, key_hash, record, created_at) VALUES (?, ?, ?, ?)").run(c.code, c.keyHash, JSON.stringify(c), c.createdAt);
  }

  async replaceClass(c: ClassRecord, read: string): Promise<boolean> {
    return Number(this.db.prepare("UPDATE classes SET record = ? WHERE code = ? AND record = ?").run(JSON.stringify(c), c.code, read).changes) > 0;
  }

  async getClass(code: string): Promise<ClassRecord | undefined> {
    const row = this.db.prepare("SELECT record FROM classes WHERE code = ?").get(code) as Row | undefined;
    return row ? (JSON.parse(String(row.record)) as ClassRecord) : undefined;
  }

  async saveExitTicket(t: ExitTicketRecord) {
    this.db.prepare("INSERT OR REPLACE INTO exit_tickets (code, holder, record) VALUES (?, ?, ?)").run(t.code, t.holder, JSON.stringify(t));
  }

  async exitTickets(code: string): Promise<ExitTicketRecord[]> {
    return (this.db.prepare("SELECT record FROM exit_tickets WHERE code = ? ORDER BY rowid").all(code) as Row[]).map((r) => JSON.parse(String(r.record)) as ExitTicketRecord);
  }

  async saveNote(n: NoteRecord) {
    this.db.prepare("INSERT INTO notes (code, record) VALUES (?, ?)").run(n.code, JSON.stringify(n));
  }

  async notes(code: string): Promise<NoteRecord[]> {
    return (this.db.prepare("SELECT record FROM notes WHERE code = ? ORDER BY rowid").all(code) as Row[]).map((r) => readNote(String(r.record)));
  }

  async noteCount(code: string): Promise<number> {
    return Number((this.db.prepare("SELECT COUNT(*) AS n FROM notes WHERE code = ?").get(code) as Row).n);
  }

  async actionCounts(code: string): Promise<Record<string, number>> {
    return Object.fromEntries((this.db.prepare("SELECT holder, count FROM person_actions WHERE code = ?").all(code) as Row[]).map((r) => [String(r.holder), Number(r.count)]));
  }

  async forkOf(code: string): Promise<ForkRecord | undefined> {
    const row = this.db.prepare("SELECT * FROM forks WHERE code = ?").get(code) as Row | undefined;
    return row ? { code: String(row.code), parent: String(row.parent), round: Number(row.round) } : undefined;
  }
}

function isUnique(err: unknown): boolean {
  return String((err as Error)?.message ?? err).includes("UNIQUE constraint failed");
}

export function toShare(row: Row): ShareRecord {
  return { id: String(row.id), code: String(row.code), tokenHash: String(row.token_hash), createdAt: Number(row.created_at), revokedAt: row.revoked_at === null ? null : Number(row.revoked_at), privateChat: Number(row.private_chat) === 1 };
}

export function toHolder(r: Row): HolderRecord {
  const held = r.held === null || r.held === undefined ? undefined : (JSON.parse(String(r.held)) as HeldSeat[]);
  return { id: String(r.id), seat: r.seat === null ? null : String(r.seat), roles: JSON.parse(String(r.roles)) as string[], name: String(r.name), token: String(r.token), ...(held ? { held } : {}), ...(typeof r.place === "string" ? { place: r.place } : {}) };
}

export function toSeat(r: Row): SeatRecord {
  return { seat: String(r.seat), rejoinCode: String(r.rejoin_code), bot: Number(r.bot) === 1 };
}

/**
 * Games of one scenario share its parsed object: a room keeps its game's scenario for its whole
 * life (about 34 KB of heap for the classroom quick start, twice that for the larger ones), and
 * nothing changes a scenario once parsed (the engine never changes a state it returned,
 * shared/engine/step-copy.ts); it is frozen, so a write would throw instead of reaching another
 * game. Keyed by the stored text and held weakly: a scenario no game holds any more is let go.
 */
const parsedScenarios = new Map<string, WeakRef<Scenario>>();
const forgetScenario = new FinalizationRegistry<string>((text) => {
  if (!parsedScenarios.get(text)?.deref()) parsedScenarios.delete(text);
});

function parseScenario(text: string): Scenario {
  const known = parsedScenarios.get(text)?.deref();
  if (known) return known;
  const scenario = deepFreeze(JSON.parse(text) as Scenario);
  parsedScenarios.set(text, new WeakRef(scenario));
  forgetScenario.register(scenario, text);
  return scenario;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

export function toRecord(row: Row): GameRecord {
  return {
    code: String(row.code),
    scenario: parseScenario(String(row.scenario)),
    settings: JSON.parse(String(row.settings)),
    seed: String(row.seed),
    keyHash: String(row.key_hash),
    createdAt: Number(row.created_at),
    finishedAt: row.finished_at === null ? null : Number(row.finished_at),
    ...(row.class_table ? { classTable: JSON.parse(String(row.class_table)) as ClassTable } : {}),
  };
}
