/**
 * Durable games behind a small interface, so another database can be added later.
 * Every accepted action is appended before the player gets an acknowledgement.
 */
import type { Action } from "../../shared/engine/actions.ts";
import type { Scenario } from "../../shared/scenario/schema.ts";
import type { GameSettings } from "../../shared/protocol/messages.ts";

export type GameRecord = {
  code: string;
  scenario: Scenario;
  settings: GameSettings;
  seed: string;
  keyHash: string;
  createdAt: number;
  finishedAt: number | null;
};

export type HolderRecord = { id: string; seat: string | null; roles: string[]; name: string; token: string };
export type SeatRecord = { seat: string; rejoinCode: string; bot: boolean };

export interface GameStore {
  createGame(record: GameRecord): void;
  getGame(code: string): GameRecord | undefined;
  /** Games not finished, oldest first: restored when the server starts. */
  unfinishedGames(): GameRecord[];
  finishGame(code: string, at: number): void;
  /** Appends the action at position `seq` (0-based); throws if that position is taken. */
  appendAction(code: string, seq: number, action: Action, at: number): void;
  actions(code: string): Action[];
  saveHolder(code: string, holder: HolderRecord): void;
  removeHolder(code: string, id: string): void;
  holders(code: string): HolderRecord[];
  saveSeat(code: string, seat: SeatRecord): void;
  seats(code: string): SeatRecord[];
  close(): void;
}

// ---- Debrief and archive (server/debrief) ---------------------------------------------

/** A read-only share link of one game's report; only the token's SHA-256 is kept. */
export type ShareRecord = { id: string; code: string; tokenHash: string; createdAt: number; revokedAt: number | null };
/** A what-if game started from the start of `round` of `parent`. */
export type ForkRecord = { code: string; parent: string; round: number };

/** What the debrief routes need beyond GameStore: games by facilitator key, share links, forks. */
export interface DebriefStore {
  /** Games created with this facilitator key (its hash), newest first. */
  gamesByKey(keyHash: string): GameRecord[];
  /** The action log with the time each action was stored. */
  actionLog(code: string): { action: Action; at: number }[];
  createShare(share: ShareRecord): void;
  shareByToken(tokenHash: string): ShareRecord | undefined;
  shares(code: string): ShareRecord[];
  /** Marks a share link revoked; false when there is no such live link. */
  revokeShare(code: string, id: string, at: number): boolean;
  recordFork(fork: ForkRecord): void;
  forkOf(code: string): ForkRecord | undefined;
}
