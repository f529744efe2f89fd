/**
 * SQLite's append in process: one game of the load model's scenario, its lease held, and
 * `n` actions appended one per turn of the event loop (as the server's acts arrive), each
 * with an action id and a person, as GameRoom.actNow stores them. Prints the CPU (user and
 * system) per append.
 *
 *   node --import tsx tests/bench/load/append.ts [TREE=.] [n=3000] [games=20]
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const [treeArg, nArg, gamesArg] = process.argv.slice(2);
const tree = resolve(treeArg ?? ".");
const n = Number(nArg ?? 3000);
const games = Number(gamesArg ?? 20);
const { SqliteStore } = (await import(`${tree}/server/storage/sqlite-store.ts`)) as typeof import("../../../server/storage/sqlite-store.ts");
const { shippedScenarios } = (await import(`${tree}/server/scenarios.ts`)) as typeof import("../../../server/scenarios.ts");

const dir = mkdtempSync(join(tmpdir(), "chokepoint-append-"));
const store = new SqliteStore(join(dir, "games.sqlite"));
const scenario = shippedScenarios().get("classroom-quick")!;
const codes = Array.from({ length: games }, (_, i) => `G${String(i).padStart(5, "0")}`);
const epochs = new Map<string, number>();
for (const code of codes) {
  await store.createGame({ code, scenario, settings: { bots: false, teams: false, facilitatorReadsPrivate: false, channels: "open", quickStart: false, reconnectSeconds: 120 }, seed: code, keyHash: "x", createdAt: Date.now(), finishedAt: null });
  epochs.set(code, (await store.claimGame(code, "bench", 60_000))!);
}
const turn = () => new Promise((r) => setImmediate(r));
async function run(count: number, seqBase: number) {
  for (let i = 0; i < count; i++) {
    const code = codes[i % games]!;
    const seq = Math.floor(i / games) + seqBase;
    await store.appendAction(code, { seq, action: { actor: { kind: "seat", seat: "US", roles: ["trade"] }, move: { type: "chat", channel: "plenary", text: `Plenary line ${i} from US` } } as never, at: Date.now(), id: `id${seq}x${i}`, by: `h${i % 6}` }, epochs.get(code));
    await turn();
  }
}
await run(n, 0);
const c0 = process.cpuUsage();
await run(n, n);
const c = process.cpuUsage(c0);
console.log(`${tree}: ${((c.user + c.system) / n).toFixed(1)} µs an append (user ${(c.user / n).toFixed(1)}, system ${(c.system / n).toFixed(1)}), ${n} appends over ${games} games`);
await store.close?.();
rmSync(dir, { recursive: true, force: true });
