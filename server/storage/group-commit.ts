/**
 * Group commit: appends that arrive within `windowMs` of the first one (or while the previous
 * commit is still running) are written in one transaction. Each caller's promise settles when
 * its own entry is committed or refused, so an action is still acknowledged only once durable;
 * the database just does one commit (one fsync on PostgreSQL) for many actions.
 *
 * A window of 0 batches what arrived in the same turn of the event loop (setImmediate) and
 * never sleeps: SQLite's commit is synchronous and takes well under a millisecond, while a
 * timer's sleep costs a wake-up, which on a busy machine is a wait for the CPU (tens of ms).
 */
export type CommitOutcome = Error | undefined;

type Pending<T> = { item: T; resolve: () => void; reject: (err: Error) => void };

export class GroupCommit<T> {
  private pending: Pending<T>[] = [];
  private timer: { cancel(): void } | undefined;
  private running: Promise<void> | undefined;
  readonly stats = { commits: 0, entries: 0 };

  /** `commit` writes a batch in one transaction and returns, per item, the error that refused it (or undefined). */
  constructor(
    private commit: (items: T[]) => Promise<CommitOutcome[]>,
    private windowMs = 2,
  ) {}

  add(item: T): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      this.schedule();
    });
  }

  /** Resolves once everything added so far is committed or refused. */
  async drain(): Promise<void> {
    while (this.pending.length || this.running || this.timer) {
      if (this.timer) {
        this.timer.cancel();
        this.timer = undefined;
        this.run();
      }
      await this.running;
    }
  }

  private schedule() {
    if (this.running || this.timer) return; // the running commit picks them up when it ends
    if (this.windowMs > 0) {
      const t = setTimeout(this.fire, this.windowMs);
      this.timer = { cancel: () => clearTimeout(t) };
    } else {
      const t = setImmediate(this.fire);
      this.timer = { cancel: () => clearImmediate(t) };
    }
  }

  private fire = () => {
    this.timer = undefined;
    this.run();
  };

  private run() {
    const batch = this.pending.splice(0);
    if (!batch.length) return;
    this.running = (async () => {
      try {
        const outcomes = await this.commit(batch.map((b) => b.item));
        let ok = 0;
        batch.forEach((b, i) => {
          const err = outcomes[i];
          if (err) b.reject(err);
          else {
            ok++;
            b.resolve();
          }
        });
        this.stats.commits++;
        this.stats.entries += ok;
      } catch (err) {
        for (const b of batch) b.reject(err instanceof Error ? err : new Error(String(err)));
      } finally {
        this.running = undefined;
        // Whatever arrived meanwhile has waited a whole commit already: write it now.
        if (this.pending.length) this.run();
      }
    })();
  }
}
