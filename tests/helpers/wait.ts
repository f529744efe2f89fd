/**
 * Polling instead of fixed sleeps: integration tests wait for a condition, and fail with the
 * last thing they saw when it does not come in time.
 */

export type WaitOptions = { timeout?: number; interval?: number; message?: string };

/** Resolves with the first truthy value `fn` returns (errors thrown by `fn` count as "not yet"). */
export async function waitFor<T>(fn: () => T | Promise<T>, options: WaitOptions = {}): Promise<NonNullable<T>> {
  const { timeout = 10_000, interval = 25, message = "condition" } = options;
  const until = Date.now() + timeout;
  let last: unknown;
  for (;;) {
    try {
      const value = await fn();
      if (value) return value as NonNullable<T>;
      last = value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > until) {
      const detail = last instanceof Error ? last.message : JSON.stringify(last);
      throw new Error(`timed out after ${timeout} ms waiting for ${message} (last: ${detail})`);
    }
    await sleep(interval);
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
