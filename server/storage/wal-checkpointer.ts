/**
 * SQLite's WAL checkpoints on a worker thread. Left to itself, SQLite checkpoints inside the
 * commit that fills the WAL to 1,000 pages: with node:sqlite that commit runs on the event
 * loop, which it held 5–25 ms (copying pages back, two fsyncs) about every 200 appended
 * actions. With automatic checkpoints off on the server's connection, this worker runs them on
 * its own connection: after every `every` appended actions (about 4 WAL pages each, so about
 * SQLite's own 1,000 pages however the group commit batches them), and every second. The store's
 * appends wait while one runs (`idle`): they queue in the group commit and the event loop
 * serves everything else, and the checkpoint, with no commit beside it, copies the whole WAL
 * back, so SQLite starts the WAL over (a checkpoint racing commits never catches up, and the
 * WAL grows without end). It is SQLite's own checkpoint: what a commit guarantees is unchanged
 * (./sqlite-store.ts).
 */
import { Worker } from "node:worker_threads";
import { logger } from "../logger.ts";

/** Bytes a WAL file is cut back to when a checkpoint starts it over (SQLite's journal_size_limit). */
export const WAL_SIZE_LIMIT = 4 * 2 ** 20;

// Plain JavaScript, evaluated by the worker without the process's flags (no TypeScript loader to start).
const WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
const { DatabaseSync } = require("node:sqlite");
const db = new DatabaseSync(workerData.path);
db.exec("PRAGMA busy_timeout = 5000; PRAGMA journal_size_limit = " + workerData.sizeLimit);
parentPort.on("message", (m) => {
  if (m === "close") {
    db.close();
    parentPort.close();
    return;
  }
  try {
    db.exec("PRAGMA wal_checkpoint(PASSIVE)");
    parentPort.postMessage("done");
  } catch (err) {
    parentPort.postMessage(String((err && err.message) || err));
  }
});
`;

export class WalCheckpointer {
  private worker: Worker;
  private appended = 0;
  private running: { promise: Promise<void>; resolve: () => void } | undefined;
  private timer: ReturnType<typeof setInterval>;
  private failed = false;

  /** `onFailure` runs once if the worker cannot checkpoint: the store then lets SQLite checkpoint in its commits again. */
  constructor(
    path: string,
    private onFailure: () => void,
    private every = 250,
    intervalMs = 1000,
  ) {
    this.worker = new Worker(WORKER, { eval: true, workerData: { path, sizeLimit: WAL_SIZE_LIMIT }, execArgv: ["--disable-warning=ExperimentalWarning"] });
    this.worker.on("message", (m: string) => {
      if (m !== "done") this.fail(m);
      this.settle();
    });
    this.worker.on("error", (err) => {
      this.fail(err.message);
      this.settle();
    });
    // A worker that ends without a word (it never should) must not leave appends waiting.
    this.worker.on("exit", () => {
      this.fail("the worker exited");
      this.settle();
    });
    // After the listeners: adding a "message" listener refs the worker again. Idle, the worker
    // keeps no process alive; while a checkpoint runs it does (start), as appends wait for it.
    this.worker.unref();
    // Every second whatever was written (lease renewals, new games, as well as appends): a
    // checkpoint with nothing to copy returns at once.
    this.timer = setInterval(() => this.start(), intervalMs);
    this.timer.unref();
  }

  /** While a checkpoint runs, the promise that settles when it ends: appends wait for it. */
  idle(): Promise<void> | undefined {
    return this.running?.promise;
  }

  /** After each commit of `entries` appended actions: the `every`-th action since the last checkpoint starts one. */
  committed(entries: number) {
    this.appended += entries;
    if (this.appended >= this.every) this.start();
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    // Until none runs: the commits its end lets through may start another.
    while (this.running) await this.running.promise;
    if (this.failed) return;
    this.failed = true;
    const exited = new Promise<void>((resolve) => this.worker.once("exit", () => resolve()));
    this.worker.ref(); // the process waits for the worker to close its connection
    this.worker.postMessage("close");
    await exited;
  }

  private start() {
    if (this.running || this.failed) return;
    this.appended = 0;
    let resolve!: () => void;
    const promise = new Promise<void>((r) => (resolve = r));
    this.running = { promise, resolve };
    this.worker.ref();
    this.worker.postMessage("checkpoint");
  }

  private settle() {
    const running = this.running;
    if (!running) return;
    this.running = undefined;
    if (!this.failed) this.worker.unref();
    running.resolve();
  }

  private fail(message: string) {
    if (this.failed) return;
    this.failed = true;
    clearInterval(this.timer);
    logger.warn({ err: message }, "WAL checkpoints on a worker failed; SQLite checkpoints in its commits again");
    void this.worker.terminate();
    this.onFailure();
  }
}
