/**
 * Polling instead of fixed sleeps: integration tests wait for a condition, and fail with the
 * last thing they saw when it does not come in time.
 */

export type WaitOptions = { timeout?: number; interval?: number; message?: string };

/** How long past the deadline a call of `fn` already under way may still answer (a slow one counts; one that hangs does not). */
const LAST_CALL_GRACE_MS = 10_000;

/**
 * Resolves with the first truthy value `fn` returns (errors thrown by `fn` count as "not yet").
 * A call of `fn` that never answers (a socket to a process that does not) fails the wait too,
 * saying so, instead of holding the test until its own timeout.
 */
export async function waitFor<T>(fn: () => T | Promise<T>, options: WaitOptions = {}): Promise<NonNullable<T>> {
  const { timeout = 10_000, interval = 25, message = "condition" } = options;
  const until = Date.now() + timeout;
  let last: unknown;
  for (;;) {
    try {
      const value = await answerWithin(fn(), Math.max(until, Date.now() + LAST_CALL_GRACE_MS) - Date.now(), timeout, message);
      if (value) return value as NonNullable<T>;
      last = value;
    } catch (err) {
      if (err instanceof NoAnswer) throw err;
      last = err;
    }
    if (Date.now() > until) {
      const detail = last instanceof Error ? last.message : JSON.stringify(last);
      throw new Error(`timed out after ${timeout} ms waiting for ${message} (last: ${detail})`);
    }
    await sleep(interval);
  }
}

class NoAnswer extends Error {}

/** `value`, or a NoAnswer error once `ms` have passed without it. */
async function answerWithin<T>(value: T | Promise<T>, ms: number, timeout: number, message: string): Promise<T> {
  if (!(value instanceof Promise)) return value;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new NoAnswer(`timed out after ${timeout} ms waiting for ${message} (last: a call that has not answered in ${ms} ms)`)), ms);
  });
  try {
    return await Promise.race([value, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Resolves once `fn` runs without throwing (e.g. a block of `expect`s); rethrows its last error on timeout. */
export async function eventually(fn: () => void | Promise<void>, options: WaitOptions = {}): Promise<void> {
  const { timeout = 10_000, interval = 25 } = options;
  const until = Date.now() + timeout;
  for (;;) {
    try {
      await fn();
      return;
    } catch (err) {
      if (Date.now() > until) throw err;
    }
    await sleep(interval);
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
