/**
 * Debian's redis-server and PostgreSQL for the tests, each on a free loopback port with its own
 * data folder, started and stopped by the test (`.ci/run` installs both packages). PostgreSQL's
 * initdb refuses to run as root: as root, the cluster belongs to the `postgres` user.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { freePort } from "./server-process.ts";
import { sleep } from "./wait.ts";

export type Service = { url: string; port: number; stop(): Promise<void> };

const asRoot = process.getuid?.() === 0;

function run(cmd: string, args: string[], options: { asPostgres?: boolean } = {}) {
  const [file, argv] = options.asPostgres && asRoot ? ["runuser", ["-u", "postgres", "--", cmd, ...args]] : [cmd, args];
  const out = spawnSync(file, argv, { encoding: "utf8" });
  if (out.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed (${out.status}): ${out.stderr || out.stdout}`);
  return out.stdout;
}

export async function startRedis(): Promise<Service> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "chokepoint-redis-"));
  run("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir, "--daemonize", "yes", "--logfile", join(dir, "log")]);
  for (let i = 0; ; i++) {
    if (spawnSync("redis-cli", ["-p", String(port), "ping"], { encoding: "utf8" }).stdout.trim() === "PONG") break;
    if (i > 200) throw new Error("redis-server did not answer");
    await sleep(25);
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    async stop() {
      spawnSync("redis-cli", ["-p", String(port), "shutdown", "nosave"]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The newest PostgreSQL server binaries Debian installed. */
function pgBin(): string {
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, "bin", "initdb"))) : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (!newest) throw new Error("PostgreSQL server binaries not found under /usr/lib/postgresql (apt-get install postgresql)");
  return join(root, newest, "bin");
}

/** A PostgreSQL cluster; `url` names its `postgres` database, `database(name)` makes another. */
export async function startPostgres(): Promise<Service & { database(name: string): Promise<string> }> {
  const bin = pgBin();
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "chokepoint-pg-"));
  chmodSync(dir, 0o700);
  if (asRoot) execFileSync("chown", ["postgres:postgres", dir]);
  run(join(bin, "initdb"), ["-D", dir, "-A", "trust", "-U", "postgres", "--no-sync"], { asPostgres: true });
  run(join(bin, "pg_ctl"), ["-D", dir, "-w", "-l", join(dir, "log"), "-o", `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`, "start"], { asPostgres: true });
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  return {
    url,
    port,
    async database(name: string) {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    async stop() {
      spawnSync(asRoot ? "runuser" : join(bin, "pg_ctl"), asRoot ? ["-u", "postgres", "--", join(bin, "pg_ctl"), "-D", dir, "-m", "immediate", "stop"] : ["-D", dir, "-m", "immediate", "stop"]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
