/**
 * This process's leases on the games it runs (docs/DEPLOY.md). A game's room claims the lease
 * when it is created and runs only while the lease holds: renewed every `renewMs`, it lapses
 * `ttlMs` after the last renewal. Each process also watches for unfinished games whose lease
 * has lapsed (their process died) and restores a few per tick from the log, so the games of a
 * killed process come back on the others within seconds. A renewal that finds a lease gone
 * (this process was paused past it, and another took the game) makes that room stand down.
 */
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { logger } from "./logger.ts";
import { isRulesChanged } from "./matchmake-guard.ts";
import type { GameStore, HeldLease } from "./storage/store.ts";

export type LeaseTimes = { ttlMs: number; renewMs: number; watchMs: number };

/** Lease times from one figure: renew three times per lease, look for lapsed games often. */
export function leaseTimes(ttlMs: number): LeaseTimes {
  return { ttlMs, renewMs: Math.max(100, Math.round(ttlMs / 3)), watchMs: Math.max(100, Math.min(1000, Math.round(ttlMs / 4))) };
}

/** At most this many lapsed games restored per tick, so the other processes take their share. */
const RESTORES_PER_TICK = 3;

type Held = { epoch: number; onLost: () => void };

export class LeaseKeeper {
  readonly owner = `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
  private held = new Map<string, Held>();
  /** Claims made just before creating the game's room (restores): the room takes them over. */
  private claimed = new Map<string, number>();
  private timers: ReturnType<typeof setTimeout>[] = [];
  private stopped = false;
  private noWatch = false;

  constructor(
    private store: GameStore,
    readonly times: LeaseTimes,
    /** Opens the room of a game whose lease this process has just claimed. */
    private restore: (code: string) => Promise<void>,
    /** After each renewal, with the games still held (to repair their listings). */
    private afterRenew: (codes: string[]) => Promise<void> = async () => {},
  ) {}

  /** The lease for a room being created: the claim made for a restore, or a new claim (null: another process runs it). */
  async claim(code: string): Promise<number | null> {
    const pre = this.claimed.get(code);
    if (pre !== undefined) {
      this.claimed.delete(code);
      return pre;
    }
    return this.store.claimGame(code, this.owner, this.times.ttlMs);
  }

  /** Takes a game whatever holds its lease: only the single-process default does this, at start. */
  async takeOver(code: string): Promise<void> {
    const epoch = await this.store.claimGame(code, this.owner, this.times.ttlMs, { force: true });
    if (epoch !== null) this.claimed.set(code, epoch);
  }

  hold(code: string, epoch: number, onLost: () => void) {
    this.held.set(code, { epoch, onLost });
  }

  epochOf(code: string): number | undefined {
    return this.held.get(code)?.epoch;
  }

  get count(): number {
    return this.held.size;
  }

  /** Stops renewing a game's lease that the store has already let go (a game gone to sleep). */
  forget(code: string) {
    this.held.delete(code);
  }

  /** Gives a game's lease up (its room is gone): another process may take it at once. */
  async release(code: string) {
    const h = this.held.get(code);
    if (!h) return;
    this.held.delete(code);
    await this.store.releaseLease({ code, epoch: h.epoch }).catch((err) => logger.error({ code, err }, "could not release a lease"));
  }

  /** Starts renewing, and watching for lapsed games unless `watch` is false. */
  start(options: { watch?: boolean } = {}) {
    this.stopped = false;
    this.loop(() => this.renew(), this.times.renewMs);
    if (options.watch !== false) this.loop(() => this.watch(), this.times.watchMs, true);
  }

  /** Stops taking games over (a drain); renewals go on until `stop`. */
  stopWatching() {
    this.noWatch = true;
  }

  stop() {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers = [];
  }

  private loop(tick: () => Promise<void>, everyMs: number, jitter = false) {
    const next = () => {
      if (this.stopped) return;
      const t = setTimeout(async () => {
        this.timers = this.timers.filter((x) => x !== t);
        await tick().catch((err) => logger.error({ err }, "lease tick failed"));
        next();
      }, everyMs + (jitter ? Math.floor(Math.random() * everyMs * 0.25) : 0));
      this.timers.push(t);
    };
    next();
  }

  /** Renews every lease held; a room whose lease is gone stands down. */
  async renew() {
    const list: HeldLease[] = [...this.held].map(([code, h]) => ({ code, epoch: h.epoch }));
    if (!list.length) return;
    const kept = await this.store.renewLeases(list, this.times.ttlMs);
    for (const { code, epoch } of list) {
      const h = this.held.get(code);
      if (kept.has(code) || !h || h.epoch !== epoch) continue;
      this.held.delete(code);
      logger.warn({ code, owner: this.owner }, "lease lost");
      h.onLost();
    }
    await this.afterRenew([...kept]);
  }

  /** Claims a few games whose lease lapsed and restores them here. */
  async watch() {
    if (this.noWatch || this.stopped) return;
    const lapsed = (await this.store.lapsedGames()).filter((code) => !this.held.has(code) && !this.claimed.has(code));
    let restored = 0;
    for (const code of shuffle(lapsed)) {
      if (restored >= RESTORES_PER_TICK || this.noWatch) break;
      const epoch = await this.store.claimGame(code, this.owner, this.times.ttlMs);
      if (epoch === null) continue; // another process was quicker
      this.claimed.set(code, epoch);
      restored++;
      try {
        await this.restore(code);
        logger.info({ code, owner: this.owner }, "took over a game whose lease lapsed");
      } catch (err) {
        this.claimed.delete(code);
        // Its log the rules now refuse (logged by its room): left asleep rather than retried every
        // tick, so a join wakes it and is told why (server/matchmake-guard.ts `rulesChanged`).
        if (isRulesChanged(err)) {
          await this.store.markAsleep([code], Date.now()).catch((e: unknown) => logger.error({ code, err: e }, "could not mark the game asleep"));
          continue;
        }
        logger.error({ code, err }, "could not restore a game whose lease lapsed");
        await this.store.releaseLease({ code, epoch }).catch(() => {});
      }
    }
  }
}

function shuffle<T>(items: T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
