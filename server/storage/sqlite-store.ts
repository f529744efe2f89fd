/** GameStore on Node's built-in SQLite (no native addon to build), in WAL mode. */
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { DatabaseSync } from "node:sqlite";
import type { Action } from "../../shared/engine/actions.ts";
import type { DebriefStore, ForkRecord, GameRecord, GameStore, HolderRecord, SeatRecord, ShareRecord } from "./store.ts";

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
`;

/** Tables of the debrief (server/debrief): share links and what-if forks. */
const DEBRIEF_SCHEMA = `
CREATE TABLE IF NOT EXISTS shares (
  id TEXT PRIMARY KEY, code TEXT NOT NULL, token_hash TEXT NOT NULL UNIQUE, created_at INTEGER NOT NULL, revoked_at INTEGER
);
CREATE TABLE IF NOT EXISTS forks (code TEXT PRIMARY KEY, parent TEXT NOT NULL, round INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS games_by_key ON games (key_hash, created_at);
`;

type Row = Record<string, unknown>;

export class SqliteStore implements GameStore, DebriefStore {
  private db: DatabaseSync;

  constructor(path: string) {
    if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
    this.db = new DatabaseSync(path);
    this.db.exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000;");
    this.db.exec(SCHEMA);
    this.db.exec(DEBRIEF_SCHEMA);
  }

  createGame(r: GameRecord) {
    this.db
      .prepare("INSERT INTO games (code, scenario, settings, seed, key_hash, created_at, finished_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
      .run(r.code, JSON.stringify(r.scenario), JSON.stringify(r.settings), r.seed, r.keyHash, r.createdAt, r.finishedAt);
  }

  getGame(code: string): GameRecord | undefined {
    const row = this.db.prepare("SELECT * FROM games WHERE code = ?").get(code) as Row | undefined;
    return row ? toRecord(row) : undefined;
  }

  unfinishedGames(): GameRecord[] {
    return (this.db.prepare("SELECT * FROM games WHERE finished_at IS NULL ORDER BY created_at").all() as Row[]).map(toRecord);
  }

  finishGame(code: string, at: number) {
    this.db.prepare("UPDATE games SET finished_at = ? WHERE code = ? AND finished_at IS NULL").run(at, code);
  }

  appendAction(code: string, seq: number, action: Action, at: number) {
    this.db.prepare("INSERT INTO actions (code, seq, action, at) VALUES (?, ?, ?, ?)").run(code, seq, JSON.stringify(action), at);
  }

  actions(code: string): Action[] {
    return (this.db.prepare("SELECT action FROM actions WHERE code = ? ORDER BY seq").all(code) as Row[]).map((r) => JSON.parse(String(r.action)) as Action);
  }

  saveHolder(code: string, h: HolderRecord) {
    this.db
      .prepare("INSERT OR REPLACE INTO holders (code, id, seat, roles, name, token) VALUES (?, ?, ?, ?, ?, ?)")
      .run(code, h.id, h.seat, JSON.stringify(h.roles), h.name, h.token);
  }

  removeHolder(code: string, id: string) {
    this.db.prepare("DELETE FROM holders WHERE code = ? AND id = ?").run(code, id);
  }

  holders(code: string): HolderRecord[] {
    return (this.db.prepare("SELECT * FROM holders WHERE code = ? ORDER BY rowid").all(code) as Row[]).map((r) => ({
      id: String(r.id),
      seat: r.seat === null ? null : String(r.seat),
      roles: JSON.parse(String(r.roles)) as string[],
      name: String(r.name),
      token: String(r.token),
    }));
  }

  saveSeat(code: string, s: SeatRecord) {
    this.db.prepare("INSERT OR REPLACE INTO seats (code, seat, rejoin_code, bot) VALUES (?, ?, ?, ?)").run(code, s.seat, s.rejoinCode, s.bot ? 1 : 0);
  }

  seats(code: string): SeatRecord[] {
    return (this.db.prepare("SELECT * FROM seats WHERE code = ?").all(code) as Row[]).map((r) => ({ seat: String(r.seat), rejoinCode: String(r.rejoin_code), bot: Number(r.bot) === 1 }));
  }

  close() {
    if (this.db.isOpen) this.db.close();
  }

  // ---- Debrief and archive (server/debrief) -------------------------------------------

  gamesByKey(keyHash: string): GameRecord[] {
    return (this.db.prepare("SELECT * FROM games WHERE key_hash = ? ORDER BY created_at DESC, code").all(keyHash) as Row[]).map(toRecord);
  }

  actionLog(code: string): { action: Action; at: number }[] {
    return (this.db.prepare("SELECT action, at FROM actions WHERE code = ? ORDER BY seq").all(code) as Row[]).map((r) => ({ action: JSON.parse(String(r.action)) as Action, at: Number(r.at) }));
  }

  createShare(s: ShareRecord) {
    this.db.prepare("INSERT INTO shares (id, code, token_hash, created_at, revoked_at) VALUES (?, ?, ?, ?, ?)").run(s.id, s.code, s.tokenHash, s.createdAt, s.revokedAt);
  }

  shareByToken(tokenHash: string): ShareRecord | undefined {
    const row = this.db.prepare("SELECT * FROM shares WHERE token_hash = ?").get(tokenHash) as Row | undefined;
    return row ? toShare(row) : undefined;
  }

  shares(code: string): ShareRecord[] {
    return (this.db.prepare("SELECT * FROM shares WHERE code = ? ORDER BY created_at, id").all(code) as Row[]).map(toShare);
  }

  revokeShare(code: string, id: string, at: number): boolean {
    return Number(this.db.prepare("UPDATE shares SET revoked_at = ? WHERE code = ? AND id = ? AND revoked_at IS NULL").run(at, code, id).changes) > 0;
  }

  recordFork(f: ForkRecord) {
    this.db.prepare("INSERT INTO forks (code, parent, round) VALUES (?, ?, ?)").run(f.code, f.parent, f.round);
  }

  forkOf(code: string): ForkRecord | undefined {
    const row = this.db.prepare("SELECT * FROM forks WHERE code = ?").get(code) as Row | undefined;
    return row ? { code: String(row.code), parent: String(row.parent), round: Number(row.round) } : undefined;
  }
}

function toShare(row: Row): ShareRecord {
  return { id: String(row.id), code: String(row.code), tokenHash: String(row.token_hash), createdAt: Number(row.created_at), revokedAt: row.revoked_at === null ? null : Number(row.revoked_at) };
}

function toRecord(row: Row): GameRecord {
  return {
    code: String(row.code),
    scenario: JSON.parse(String(row.scenario)),
    settings: JSON.parse(String(row.settings)),
    seed: String(row.seed),
    keyHash: String(row.key_hash),
    createdAt: Number(row.created_at),
    finishedAt: row.finished_at === null ? null : Number(row.finished_at),
  };
}
