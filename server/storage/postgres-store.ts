/**
 * The store on PostgreSQL (DATABASE_URL=postgres://…), for several game processes sharing
 * one database. Same interface and same test suite as the SQLite store. Lease times come from
 * the database's clock, so processes on machines whose clocks differ still agree on when a
 * lease lapses. Appends from every game of the process within a few milliseconds go in one
 * multi-row INSERT, one commit.
 */
import pg from "pg";
import type { Action } from "../../shared/engine/actions.ts";
import { GroupCommit, type CommitOutcome } from "./group-commit.ts";
import { GAME_TABLES, toHolder, toRecord, toSeat, toShare, UNJOINED } from "./sqlite-store.ts";
import { DuplicateEntry, LeaseLost, type ClassRecord, type ExitTicketRecord, type NoteRecord, readNote, type ForkRecord, type GameRecord, type HeldLease, type HolderRecord, type LogEntry, type SeatRecord, type ShareRecord, type Store } from "./store.ts";

const SCHEMA = `
CREATE TABLE IF NOT EXISTS games (
  code TEXT PRIMARY KEY, scenario TEXT NOT NULL, settings TEXT NOT NULL, seed TEXT NOT NULL,
  key_hash TEXT NOT NULL, created_at BIGINT NOT NULL, finished_at BIGINT,
  lease_owner TEXT, lease_epoch INTEGER NOT NULL DEFAULT 0, lease_until BIGINT NOT NULL DEFAULT 0
);
ALTER TABLE games ADD COLUMN IF NOT EXISTS slept_at BIGINT;
ALTER TABLE games ADD COLUMN IF NOT EXISTS class_table TEXT;
CREATE TABLE IF NOT EXISTS actions (
  code TEXT NOT NULL, seq INTEGER NOT NULL, action TEXT NOT NULL, at BIGINT NOT NULL, action_id TEXT,
  PRIMARY KEY (code, seq)
);
CREATE UNIQUE INDEX IF NOT EXISTS actions_by_id ON actions (code, action_id);
CREATE TABLE IF NOT EXISTS holders (
  code TEXT NOT NULL, id TEXT NOT NULL, seat TEXT, roles TEXT NOT NULL, name TEXT NOT NULL, token TEXT NOT NULL,
  joined BIGSERIAL, PRIMARY KEY (code, id)
);
ALTER TABLE holders ADD COLUMN IF NOT EXISTS held TEXT;
ALTER TABLE holders ADD COLUMN IF NOT EXISTS place TEXT;
CREATE TABLE IF NOT EXISTS seats (
  code TEXT NOT NULL, seat TEXT NOT NULL, rejoin_code TEXT NOT NULL, bot INTEGER NOT NULL,
  PRIMARY KEY (code, seat)
);
CREATE TABLE IF NOT EXISTS shares (
  id TEXT PRIMARY KEY, code TEXT NOT NULL, token_hash TEXT NOT NULL UNIQUE, created_at BIGINT NOT NULL, revoked_at BIGINT
);
-- A link made before the choice read the private talks (when the facilitator could): it still does (server/storage/sqlite-store.ts).
ALTER TABLE shares ADD COLUMN IF NOT EXISTS private_chat INTEGER NOT NULL DEFAULT 1;
CREATE TABLE IF NOT EXISTS forks (code TEXT PRIMARY KEY, parent TEXT NOT NULL, round INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS games_by_key ON games (key_hash, created_at);
CREATE TABLE IF NOT EXISTS classes (code TEXT PRIMARY KEY, key_hash TEXT NOT NULL, record TEXT NOT NULL, created_at BIGINT NOT NULL);
CREATE TABLE IF NOT EXISTS exit_tickets (code TEXT NOT NULL, holder TEXT NOT NULL, record TEXT NOT NULL, at BIGSERIAL, PRIMARY KEY (code, holder));
CREATE TABLE IF NOT EXISTS notes (code TEXT NOT NULL, record TEXT NOT NULL, seq BIGSERIAL PRIMARY KEY);
CREATE INDEX IF NOT EXISTS notes_by_code ON notes (code);
CREATE TABLE IF NOT EXISTS person_actions (code TEXT NOT NULL, holder TEXT NOT NULL, count INTEGER NOT NULL, PRIMARY KEY (code, holder));
CREATE TABLE IF NOT EXISTS observers (code TEXT NOT NULL, key TEXT NOT NULL, name TEXT NOT NULL, seq BIGSERIAL, PRIMARY KEY (code, key));
`;

/** Milliseconds since 1970 by the database's clock. */
const NOW = "(extract(epoch from clock_timestamp()) * 1000)::bigint";
/** Any number: serialises the processes that create the schema at the same time. */
const SCHEMA_LOCK = 7_301_917;

type Row = Record<string, unknown>;
type Append = { code: string; entry: LogEntry; epoch: number | undefined };

export class PostgresStore implements Store {
  private appends: GroupCommit<Append>;

  private constructor(
    private pool: pg.Pool,
    commitWindowMs?: number,
  ) {
    this.appends = new GroupCommit((batch) => this.commitAppends(batch), commitWindowMs);
  }

  /** Connects and creates the tables when they are missing. */
  static async open(url: string, options: { commitWindowMs?: number; poolSize?: number } = {}): Promise<PostgresStore> {
    const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10 });
    // An idle client losing its connection (a database restart) must not take the process down.
    pool.on("error", () => {});
    const client = await pool.connect();
    try {
      await client.query("BEGIN");
      await client.query(`SELECT pg_advisory_xact_lock(${SCHEMA_LOCK})`);
      await client.query(SCHEMA);
      await client.query("COMMIT");
    } catch (err) {
      await client.query("ROLLBACK").catch(() => {});
      throw err;
    } finally {
      client.release();
    }
    return new PostgresStore(pool, options.commitWindowMs);
  }

  private async rows(sql: string, params: unknown[] = []): Promise<Row[]> {
    return (await this.pool.query(sql, params)).rows as Row[];
  }

  async createGame(r: GameRecord) {
    await this.pool.query("INSERT INTO games (code, scenario, settings, seed, key_hash, created_at, finished_at, class_table) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)", [
      r.code,
      JSON.stringify(r.scenario),
      JSON.stringify(r.settings),
      r.seed,
      r.keyHash,
      r.createdAt,
      r.finishedAt,
      r.classTable ? JSON.stringify(r.classTable) : null,
    ]);
  }

  async getGame(code: string): Promise<GameRecord | undefined> {
    const [row] = await this.rows("SELECT * FROM games WHERE code = $1", [code]);
    return row ? toRecord(row) : undefined;
  }

  async unfinishedGames(): Promise<GameRecord[]> {
    return (await this.rows("SELECT * FROM games WHERE finished_at IS NULL ORDER BY created_at, code")).map(toRecord);
  }

  async awakeGames() {
    const rows = await this.rows(
      `SELECT g.*, (SELECT MAX(at) FROM actions a WHERE a.code = g.code) AS last_at, (SELECT COUNT(*) FROM actions a WHERE a.code = g.code) AS n
       FROM games g WHERE finished_at IS NULL AND slept_at IS NULL ORDER BY created_at, code`,
    );
    return rows.map((r) => ({ record: toRecord(r), lastActivity: Math.max(Number(r.created_at), Number(r.last_at ?? 0)), actions: Number(r.n) }));
  }

  async sleepGame(code: string, epoch: number, at: number) {
    const result = await this.pool.query("UPDATE games SET slept_at = $1, lease_owner = NULL, lease_until = 0 WHERE code = $2 AND lease_epoch = $3 AND finished_at IS NULL", [at, code, epoch]);
    return result.rowCount === 1;
  }

  async markAsleep(codes: string[], at: number) {
    if (codes.length) await this.pool.query("UPDATE games SET slept_at = $1, lease_owner = NULL, lease_until = 0 WHERE code = ANY($2::text[]) AND finished_at IS NULL", [at, codes]);
  }

  async forgetUnjoinedGames(before: number, classTables: ReadonlySet<string>, limit: number): Promise<string[]> {
    const client = await this.pool.connect();
    try {
      await client.query("BEGIN");
      // The games' rows locked as they are chosen: a claim (a join waking one) waits, then finds it gone.
      const found = (await client.query(`SELECT code FROM games g WHERE created_at < $1 AND slept_at < $1 AND lease_until < ${NOW} AND ${UNJOINED} AND NOT (code = ANY($2::text[])) ORDER BY created_at LIMIT $3 FOR UPDATE SKIP LOCKED`, [before, [...classTables], limit])).rows.map((r: Row) => String(r.code));
      if (found.length) for (const table of GAME_TABLES) await client.query(`DELETE FROM ${table} WHERE code = ANY($1::text[])`, [found]);
      await client.query("COMMIT");
      return found;
    } catch (err) {
      await client.query("ROLLBACK").catch(() => {});
      throw err;
    } finally {
      client.release();
    }
  }

  async classTableCodes(): Promise<Set<string>> {
    return new Set((await this.rows("SELECT record FROM classes")).flatMap((r) => (JSON.parse(String(r.record)) as ClassRecord).tables));
  }

  async isAsleep(code: string) {
    return (await this.rows("SELECT 1 FROM games WHERE code = $1 AND finished_at IS NULL AND slept_at IS NOT NULL", [code])).length > 0;
  }

  async sleepingCount() {
    const [row] = await this.rows("SELECT COUNT(*) AS n FROM games WHERE finished_at IS NULL AND slept_at IS NOT NULL");
    return Number(row?.n ?? 0);
  }

  async finishGame(code: string, at: number) {
    await this.pool.query("UPDATE games SET finished_at = $1 WHERE code = $2 AND finished_at IS NULL", [at, code]);
  }

  appendAction(code: string, entry: LogEntry, epoch?: number): Promise<void> {
    return this.appends.add({ code, entry, epoch });
  }

  /**
   * The whole batch in one INSERT … SELECT: rows whose claim no longer holds the lease are
   * filtered out (and refused with LeaseLost). If the statement fails (a taken position or
   * id), each entry is retried on its own so only the offending one is refused.
   */
  private async commitAppends(batch: Append[]): Promise<CommitOutcome[]> {
    try {
      return await this.insertEntries(batch);
    } catch (err) {
      if (batch.length === 1 || !isUnique(err)) return batch.map(() => toError(batch[0]!.code, err));
      const outcomes: CommitOutcome[] = [];
      for (const one of batch) {
        try {
          outcomes.push((await this.insertEntries([one]))[0]);
        } catch (e) {
          outcomes.push(toError(one.code, e));
        }
      }
      return outcomes;
    }
  }

  /** The batch's rows, and in the same statement each stored entry's action count (`by`). */
  private async insertEntries(batch: Append[]): Promise<CommitOutcome[]> {
    const values: unknown[] = [];
    const tuples = batch.map(({ code, entry, epoch }, i) => {
      values.push(code, entry.seq, JSON.stringify(entry.action), entry.at, entry.id ?? null, epoch ?? null, entry.by ?? null);
      const p = i * 7;
      return `($${p + 1}::text, $${p + 2}::int, $${p + 3}::text, $${p + 4}::bigint, $${p + 5}::text, $${p + 6}::int, $${p + 7}::text)`;
    });
    const inserted = await this.rows(
      `WITH v (code, seq, action, at, action_id, epoch, by) AS (VALUES ${tuples.join(", ")}),
       ins AS (
         INSERT INTO actions (code, seq, action, at, action_id)
         SELECT v.code, v.seq, v.action, v.at, v.action_id FROM v
         WHERE v.epoch IS NULL OR EXISTS (SELECT 1 FROM games g WHERE g.code = v.code AND g.lease_epoch = v.epoch)
         RETURNING code, seq
       ),
       counted AS (
         INSERT INTO person_actions (code, holder, count)
         SELECT v.code, v.by, count(*) FROM v JOIN ins ON ins.code = v.code AND ins.seq = v.seq WHERE v.by IS NOT NULL GROUP BY v.code, v.by
         ON CONFLICT (code, holder) DO UPDATE SET count = person_actions.count + excluded.count
       )
       SELECT code, seq FROM ins`,
      values,
    );
    const done = new Set(inserted.map((r) => `${r.code}:${r.seq}`));
    return batch.map(({ code, entry }) => (done.has(`${code}:${entry.seq}`) ? undefined : new LeaseLost(code)));
  }

  async actions(code: string): Promise<Action[]> {
    return (await this.rows("SELECT action FROM actions WHERE code = $1 ORDER BY seq", [code])).map((r) => JSON.parse(String(r.action)) as Action);
  }

  async actionLog(code: string): Promise<{ action: Action; at: number; id?: string }[]> {
    return (await this.rows("SELECT action, at, action_id FROM actions WHERE code = $1 ORDER BY seq", [code])).map((r) => ({
      action: JSON.parse(String(r.action)) as Action,
      at: Number(r.at),
      ...(r.action_id === null ? {} : { id: String(r.action_id) }),
    }));
  }

  async saveHolder(code: string, h: HolderRecord) {
    await this.pool.query(
      "INSERT INTO holders (code, id, seat, roles, name, token, held, place) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (code, id) DO UPDATE SET seat = excluded.seat, roles = excluded.roles, name = excluded.name, token = excluded.token, held = excluded.held, place = excluded.place",
      [code, h.id, h.seat, JSON.stringify(h.roles), h.name, h.token, h.held ? JSON.stringify(h.held) : null, h.place ?? null],
    );
  }

  async removeHolder(code: string, id: string) {
    await this.pool.query("DELETE FROM holders WHERE code = $1 AND id = $2", [code, id]);
  }

  async holders(code: string): Promise<HolderRecord[]> {
    return (await this.rows("SELECT * FROM holders WHERE code = $1 ORDER BY joined", [code])).map(toHolder);
  }

  async saveSeat(code: string, s: SeatRecord) {
    await this.pool.query(
      "INSERT INTO seats (code, seat, rejoin_code, bot) VALUES ($1, $2, $3, $4) ON CONFLICT (code, seat) DO UPDATE SET rejoin_code = excluded.rejoin_code, bot = excluded.bot",
      [code, s.seat, s.rejoinCode, s.bot ? 1 : 0],
    );
  }

  async seats(code: string): Promise<SeatRecord[]> {
    return (await this.rows("SELECT * FROM seats WHERE code = $1 ORDER BY seat", [code])).map(toSeat);
  }

  async saveObserver(code: string, name: string) {
    await this.pool.query("INSERT INTO observers (code, key, name) VALUES ($1, $2, $3) ON CONFLICT (code, key) DO NOTHING", [code, name.toLowerCase(), name]);
  }

  async forgetObserver(code: string, name: string) {
    await this.pool.query("DELETE FROM observers WHERE code = $1 AND key = $2", [code, name.toLowerCase()]);
  }

  async observers(code: string): Promise<string[]> {
    return (await this.rows("SELECT name FROM observers WHERE code = $1 ORDER BY seq", [code])).map((r) => String(r.name));
  }

  // ---- Leases (by the database's clock) -------------------------------------------------

  async claimGame(code: string, owner: string, ttlMs: number, options: { force?: boolean } = {}): Promise<number | null> {
    const [row] = await this.rows(
      `UPDATE games SET lease_owner = $1, lease_epoch = lease_epoch + 1, lease_until = ${NOW} + $2, slept_at = NULL
       WHERE code = $3 AND ($4 OR lease_owner IS NULL OR lease_until < ${NOW}) RETURNING lease_epoch`,
      [owner, ttlMs, code, !!options.force],
    );
    return row ? Number(row.lease_epoch) : null;
  }

  async renewLeases(held: HeldLease[], ttlMs: number): Promise<Set<string>> {
    if (!held.length) return new Set();
    const rows = await this.rows(
      `UPDATE games g SET lease_until = ${NOW} + $3 FROM unnest($1::text[], $2::int[]) AS h (code, epoch)
       WHERE g.code = h.code AND g.lease_epoch = h.epoch RETURNING g.code`,
      [held.map((h) => h.code), held.map((h) => h.epoch), ttlMs],
    );
    return new Set(rows.map((r) => String(r.code)));
  }

  async releaseLease({ code, epoch }: HeldLease) {
    await this.pool.query("UPDATE games SET lease_owner = NULL, lease_until = 0 WHERE code = $1 AND lease_epoch = $2", [code, epoch]);
  }

  async lapsedGames(): Promise<string[]> {
    return (await this.rows(`SELECT code FROM games WHERE finished_at IS NULL AND slept_at IS NULL AND lease_epoch > 0 AND lease_until < ${NOW} ORDER BY created_at, code`)).map((r) => String(r.code));
  }

  async leaseOf(code: string) {
    const [row] = await this.rows(`SELECT lease_owner, lease_epoch, lease_until >= ${NOW} AS live FROM games WHERE code = $1`, [code]);
    return row ? { owner: row.lease_owner === null ? null : String(row.lease_owner), epoch: Number(row.lease_epoch), live: row.live === true } : undefined;
  }

  async ping() {
    await this.pool.query("SELECT 1");
  }

  commitStats() {
    return { ...this.appends.stats };
  }

  async close() {
    await this.appends.drain();
    await this.pool.end();
  }

  // ---- Debrief and archive (server/debrief) -------------------------------------------

  async gamesByKey(keyHash: string): Promise<GameRecord[]> {
    return (await this.rows("SELECT * FROM games WHERE key_hash = $1 ORDER BY created_at DESC, code", [keyHash])).map(toRecord);
  }

  async createShare(s: ShareRecord) {
    await this.pool.query("INSERT INTO shares (id, code, token_hash, created_at, revoked_at, private_chat) VALUES ($1, $2, $3, $4, $5, $6)", [s.id, s.code, s.tokenHash, s.createdAt, s.revokedAt, s.privateChat ? 1 : 0]);
  }

  async shareByToken(tokenHash: string): Promise<ShareRecord | undefined> {
    const [row] = await this.rows("SELECT * FROM shares WHERE token_hash = $1", [tokenHash]);
    return row ? toShare(row) : undefined;
  }

  async shares(code: string): Promise<ShareRecord[]> {
    return (await this.rows("SELECT * FROM shares WHERE code = $1 ORDER BY created_at, id", [code])).map(toShare);
  }

  async revokeShare(code: string, id: string, at: number): Promise<boolean> {
    const result = await this.pool.query("UPDATE shares SET revoked_at = $1 WHERE code = $2 AND id = $3 AND revoked_at IS NULL", [at, code, id]);
    return (result.rowCount ?? 0) > 0;
  }

  async recordFork(f: ForkRecord) {
    await this.pool.query("INSERT INTO forks (code, parent, round) VALUES ($1, $2, $3)", [f.code, f.parent, f.round]);
  }

  async forkOf(code: string): Promise<ForkRecord | undefined> {
    const [row] = await this.rows("SELECT * FROM forks WHERE code = $1", [code]);
    return row ? { code: String(row.code), parent: String(row.parent), round: Number(row.round) } : undefined;
  }

  // ---- Classes and the teaching kit (server/classes) --------------------------------------

  async saveClass(c: ClassRecord) {
    await this.pool.query("INSERT INTO classes (code, key_hash, record, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (code) DO UPDATE SET record = EXCLUDED.record", [c.code, c.keyHash, JSON.stringify(c), c.createdAt]);
  }

  async replaceClass(c: ClassRecord, read: string): Promise<boolean> {
    return ((await this.pool.query("UPDATE classes SET record = $1 WHERE code = $2 AND record = $3", [JSON.stringify(c), c.code, read])).rowCount ?? 0) > 0;
  }

  async getClass(code: string): Promise<ClassRecord | undefined> {
    const [row] = await this.rows("SELECT record FROM classes WHERE code = $1", [code]);
    return row ? (JSON.parse(String(row.record)) as ClassRecord) : undefined;
  }

  async saveExitTicket(t: ExitTicketRecord) {
    await this.pool.query("INSERT INTO exit_tickets (code, holder, record) VALUES ($1, $2, $3) ON CONFLICT (code, holder) DO UPDATE SET record = EXCLUDED.record", [t.code, t.holder, JSON.stringify(t)]);
  }

  async exitTickets(code: string): Promise<ExitTicketRecord[]> {
    return (await this.rows("SELECT record FROM exit_tickets WHERE code = $1 ORDER BY at", [code])).map((r) => JSON.parse(String(r.record)) as ExitTicketRecord);
  }

  async saveNote(n: NoteRecord) {
    await this.pool.query("INSERT INTO notes (code, record) VALUES ($1, $2)", [n.code, JSON.stringify(n)]);
  }

  async notes(code: string): Promise<NoteRecord[]> {
    return (await this.rows("SELECT record FROM notes WHERE code = $1 ORDER BY seq", [code])).map((r) => readNote(String(r.record)));
  }

  async noteCount(code: string): Promise<number> {
    return Number((await this.rows("SELECT COUNT(*) AS n FROM notes WHERE code = $1", [code]))[0]!.n);
  }

  async actionCounts(code: string): Promise<Record<string, number>> {
    return Object.fromEntries((await this.rows("SELECT holder, count FROM person_actions WHERE code = $1", [code])).map((r) => [String(r.holder), Number(r.count)]));
  }
}

/** PostgreSQL's unique_violation. */
function isUnique(err: unknown): boolean {
  return (err as { code?: string })?.code === "23505";
}

function toError(code: string, err: unknown): Error {
  if (isUnique(err)) return new DuplicateEntry(code, String((err as { constraint?: string }).constraint ?? "").includes("by_id") ? "id" : "seq");
  return err instanceof Error ? err : new Error(String(err));
}
