/** Join codes, rejoin codes, keys and tokens: random from the OS, compared in constant time. */
import { createHash, randomBytes, randomInt, timingSafeEqual } from "node:crypto";
import { CODE_ALPHABET, KEY_LENGTH } from "../shared/protocol/messages.ts";

/** Six characters from a 24-letter alphabet without look-alikes: about 191 million codes. */
export function newCode(length = 6): string {
  let out = "";
  for (let i = 0; i < length; i++) out += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return out;
}

/** A facilitator's or teacher's key: shown once and maybe written down by hand, so in the codes' alphabet without look-alikes (no I, l, O, 0). */
export function newKey(): string {
  return newCode(KEY_LENGTH);
}

export function newSecret(bytes = 18): string {
  return randomBytes(bytes).toString("base64url");
}

export function hashKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

/**
 * Whether a secret someone sent (a seat token, a rejoin code, a key's hash, a ticket's
 * signature) is the one kept, in a time that tells nothing of where they differ: both are
 * hashed to 32 bytes, and crypto.timingSafeEqual compares those equal-length buffers. Every
 * comparison of a secret on the server goes through here; never `===`.
 */
export function sameSecret(given: string, kept: string): boolean {
  return timingSafeEqual(createHash("sha256").update(given).digest(), createHash("sha256").update(kept).digest());
}

export function keyMatches(key: string, hash: string): boolean {
  return sameSecret(hashKey(key), hash.toLowerCase());
}

/**
 * Counts events per key in a sliding window: guessing codes, creating games, chatting. Only hits
 * it lets through are counted: at most `limit` in any `windowMs`, and someone who keeps trying
 * while limited gets through as soon as the oldest of those leaves the window (counting the
 * refused tries would lock them out for as long as they kept trying).
 */
/** The games one address may create a minute (POST /api/games, a class's tables, a what-if fork): one limiter shared by the three routes. */
export const gamesCreatedLimit = () => new RateLimiter(30, 60_000);

export class RateLimiter {
  private hits = new Map<string, number[]>();
  constructor(
    private limit: number,
    private windowMs: number,
  ) {}

  /** Records `count` hits and returns true, or returns false, recording nothing, when they would pass the key's limit. */
  hit(key: string, now = Date.now(), count = 1): boolean {
    const recent = (this.hits.get(key) ?? []).filter((t) => now - t < this.windowMs);
    const allowed = recent.length + count <= this.limit;
    if (allowed) for (let i = 0; i < count; i++) recent.push(now);
    this.hits.set(key, recent);
    if (this.hits.size > 10_000) this.prune(now);
    return allowed;
  }

  /** Whether the key is over its limit, without recording a hit. */
  blocked(key: string, now = Date.now()): boolean {
    return (this.hits.get(key) ?? []).filter((t) => now - t < this.windowMs).length >= this.limit;
  }

  private prune(now: number) {
    for (const [k, v] of this.hits) if (v.every((t) => now - t >= this.windowMs)) this.hits.delete(k);
  }
}

/**
 * Wrong guesses (game codes, rejoin codes, keys, tokens) per address, counted across the HTTP
 * API and the matchmaker: after `limit` of them in a window the address is refused for `lockMs`.
 */
export class GuessLimiter {
  private misses: RateLimiter;
  private lockedUntil = new Map<string, number>();
  constructor(
    readonly limit = 60,
    windowMs = 60_000,
    private lockMs = 60_000,
  ) {
    this.misses = new RateLimiter(limit, windowMs);
  }

  miss(address: string, now = Date.now()): void {
    this.misses.hit(address, now);
    if (this.misses.blocked(address, now)) this.lockedUntil.set(address, now + this.lockMs);
    if (this.lockedUntil.size > 10_000) for (const [a, t] of this.lockedUntil) if (t <= now) this.lockedUntil.delete(a);
  }

  blocked(address: string, now = Date.now()): boolean {
    return (this.lockedUntil.get(address) ?? 0) > now;
  }
}

/**
 * Connections closed for flooding, per address: after 3 in a minute the address may not join
 * any game for a minute, so a script cannot reconnect to get a fresh frame budget each time.
 * People behind the same address who are already connected are not affected.
 */
export const floods = new GuessLimiter(3, 60_000, 60_000);

/**
 * Seated people closed for flooding, by game and holder: refused for a minute whatever their
 * address, so their seat token cannot buy a fresh frame budget; the address ban above then
 * need not hold back the others behind the same address (a school's) who come back with theirs.
 */
export const floodedHolders = new GuessLimiter(1, 60_000, 60_000);

/**
 * Rejoins of one person to their game (with their seat token, or their seat's rejoin code):
 * a burst of 10 in a minute (a phone on a bad network, a reload or two, another tab), then three
 * a minute kept up (30 in ten minutes). Past either, the rejoin is refused (`rate/rejoins`) until
 * the window lets it; a refused one is not counted. Keyed by game and holder, so a seat token
 * cannot make the room seat it, send it a full state and log it in a tight loop.
 */
export class RejoinLimiter {
  private burst = new RateLimiter(REJOINS_PER_MINUTE, 60_000);
  private steady = new RateLimiter(REJOINS_PER_TEN_MINUTES, 600_000);

  blocked(key: string, now = Date.now()): boolean {
    return this.burst.blocked(key, now) || this.steady.blocked(key, now);
  }

  hit(key: string, now = Date.now()): void {
    this.burst.hit(key, now);
    this.steady.hit(key, now);
  }
}
export const REJOINS_PER_MINUTE = 10;
export const REJOINS_PER_TEN_MINUTES = 30;
export const rejoins = new RejoinLimiter();

/**
 * One per process: the HTTP API and the matchmaker count into the same limiter. Generous
 * enough for a class behind one address mistyping codes; far too slow to guess one.
 */
export const codeGuesses = new GuessLimiter();
