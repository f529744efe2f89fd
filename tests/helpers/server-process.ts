/**
 * The real server as a child process, started with the node arguments of `npm start`, so that
 * a test can stop it gracefully (SIGTERM) or abruptly (SIGKILL) and start a new process on the
 * same database.
 */
import { spawn, type ChildProcess, type ChildProcessByStdio } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import type { Readable } from "node:stream";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { CreateGameRequest, CreateGameReply, LobbyInfo } from "../../shared/protocol/messages.ts";
import { sleep } from "./wait.ts";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
/** Node 22 from the npm package `node` (the machine's default Node is too old for Colyseus 0.18). */
const NODE = join(ROOT, "node_modules", ".bin", "node");

/**
 * The node arguments `npm start` gives the server: everything between `node` and
 * `server/main.ts` in package.json's start script (e.g. `--single-threaded-gc … --import tsx`).
 * package.json is their one home; the tests' servers, the benchmark's servers and the example
 * deployment files (tests/scale/deploy-files.test.ts) follow it.
 */
export function startNodeArgs(): string[] {
  const start = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts.start ?? "";
  const m = /(?:^|&&\s*)node\s+(.*?)\s*server\/main\.ts$/.exec(start);
  if (!m) throw new Error(`package.json's start script does not end in "node … server/main.ts": ${start}`);
  return m[1]!.split(/\s+/).filter(Boolean);
}

/** Set by vitest's globalSetup (tests/helpers/server-bundle.ts): the server bundle this run built. */
export const SERVER_BUNDLE_ENV = "CHOKEPOINT_SERVER_BUNDLE";

/**
 * How the tests start a game server, their one home: node (NODE) with these arguments, run in
 * ROOT. Under vitest, the bundle built for the run (tests/helpers/server-bundle.ts) with the
 * start script's node flags minus `--import tsx`; elsewhere (the benchmarks, the fuzzer) the start
 * script's own `… --import tsx server/main.ts`. SERVER_NODE_FLAGS: extra node flags for the server
 * alone (e.g. --cpu-prof while a fuzz or bench runs); after the start script's, so they can also
 * turn one of those off.
 */
export function serverArgs(): string[] {
  const flags = process.env.SERVER_NODE_FLAGS?.split(" ").filter(Boolean) ?? [];
  const bundle = process.env[SERVER_BUNDLE_ENV];
  if (bundle && existsSync(bundle)) {
    const start = startNodeArgs();
    const plain = start.filter((a, i) => a !== "--import=tsx" && !(a === "--import" && start[i + 1] === "tsx") && !(a === "tsx" && start[i - 1] === "--import"));
    return [...plain, ...flags, bundle];
  }
  return [...startNodeArgs(), ...flags, "server/main.ts"];
}

/** Spawns a game server as the tests do (serverArgs) with `env` over this process's environment. */
export function spawnServer(env: Record<string, string>): ChildProcessByStdio<null, Readable, Readable> {
  return spawn(NODE, serverArgs(), { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
}

export type ServerProcess = {
  port: number;
  /** http://127.0.0.1:PORT */
  url: string;
  /** ws://127.0.0.1:PORT, for `new Client(...)` */
  endpoint: string;
  databasePath: string;
  child: ChildProcess;
  /** Everything the process printed, for diagnostics. */
  output(): string;
  /** SIGTERM and wait for the exit (graceful shutdown). */
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGKILL and wait for the exit (a crash: nothing gets to flush). */
  kill(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  exited: boolean;
};

const children = new Set<ChildProcess>();
// Never leave a server running when the test worker goes away.
process.once("exit", () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
});

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      const port = typeof address === "object" && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** A fresh temporary folder with a database path inside; `cleanup()` removes it. */
export function tempDatabase(): { databasePath: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), "chokepoint-test-"));
  return { databasePath: join(dir, "games.sqlite"), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * How long startServerProcess waits for a new process to answer. Generous: a loaded machine (the
 * whole suite, or Chromium beside it, on two cores) can take long to boot tsx (21 s a boot with
 * one file running at a load average of 40).
 */
export const BOOT_MS = 90_000;
/**
 * The deadline of a test or hook that starts `boots` server processes itself: each boot's own
 * deadline and the suite's minute for the rest. Under the suite's default minute, two boots of
 * 20-30 s each timed a test out on a loaded machine before any of its waits did.
 */
export const withBoots = (boots: number) => boots * BOOT_MS + 60_000;

export type StartOptions = { databasePath: string; port?: number; botDelayMs?: number; env?: Record<string, string> };

export async function startServerProcess(options: StartOptions): Promise<ServerProcess> {
  const port = options.port ?? (await freePort());
  const child = spawnServer({
    PORT: String(port),
    DATABASE_PATH: options.databasePath,
    BOT_DELAY_MS: String(options.botDelayMs ?? 20),
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "warn",
    ...options.env,
  });
  children.add(child);
  let out = "";
  let asked = false;
  child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (out += d.toString()));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => {
      children.delete(child);
      server.exited = true;
      // A server that ends without being asked to (a crash) says so, with its last words:
      // the tests after it only see refused connections.
      if (!asked) console.error(`the server on port ${port} exited unexpectedly (code ${code}, signal ${signal}); its last output:\n${out.slice(-6000)}`);
      resolve({ code, signal });
    }),
  );
  const url = `http://127.0.0.1:${port}`;
  const server: ServerProcess = {
    port,
    url,
    endpoint: `ws://127.0.0.1:${port}`,
    databasePath: options.databasePath,
    child,
    output: () => out,
    stop: () => {
      asked = true;
      if (!server.exited) child.kill("SIGTERM");
      return exit;
    },
    kill: () => {
      asked = true;
      if (!server.exited) child.kill("SIGKILL");
      return exit;
    },
    exited: false,
  };
  // Ready when the HTTP API answers (the server restores unfinished games before listening ends).
  const until = Date.now() + BOOT_MS;
  for (;;) {
    if (server.exited) throw new Error(`server exited during startup:\n${out}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) {
      await server.kill();
      throw new Error(`server did not answer /api/health within ${BOOT_MS / 1000} s:\n${out}`);
    }
    await sleep(50);
  }
  return server;
}

// ---- HTTP API ---------------------------------------------------------------------------

export async function createGame(server: Pick<ServerProcess, "url">, request: CreateGameRequest): Promise<CreateGameReply> {
  const res = await fetch(`${server.url}/api/games`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(request) });
  const body = (await res.json()) as CreateGameReply & { error?: unknown };
  if (res.status !== 201) throw new Error(`POST /api/games → ${res.status} ${JSON.stringify(body)}`);
  return body;
}

export async function getJson<T = unknown>(server: Pick<ServerProcess, "url">, path: string): Promise<{ status: number; body: T }> {
  const res = await fetch(`${server.url}${path}`);
  return { status: res.status, body: (await res.json()) as T };
}

export async function lobby(server: Pick<ServerProcess, "url">, code: string): Promise<LobbyInfo> {
  const { status, body } = await getJson<LobbyInfo>(server, `/api/games/${code}`);
  if (status !== 200) throw new Error(`GET /api/games/${code} → ${status} ${JSON.stringify(body)}`);
  return body;
}
