/**
 * Past one process, on the real parts: Debian's redis-server and PostgreSQL, three game
 * processes (`server/main.ts` with REDIS_URL, DATABASE_URL and PUBLIC_ADDRESS), 30 SDK clients
 * in six games spread over the processes, each client joining through a process that does not
 * hold its game. One process is killed with SIGKILL mid-round: its games come back on the
 * others within 10 s (the lease lapses, another process restores the game from the log), the
 * players rejoin with their tokens, and every action that was acknowledged is there.
 */
import { afterEach, describe, expect, it } from "vitest";
import { expectCleanDecoding, join, leaveAll, type Conn } from "../helpers/game-client.ts";
import { createGame, getJson, lobby, type ServerProcess } from "../helpers/server-process.ts";
import { clusterPerFile } from "../helpers/cluster.ts";
import { reserveSeat } from "../helpers/raw-client.ts";
import { sleep, waitFor } from "../helpers/wait.ts";
import type { ClassCommandReply, ClassInfo, ClassJoinReply, ClassStatus, CreateClassReply } from "../../shared/protocol/classes.ts";

const SEATS = ["US", "NL", "JP", "CN", "IN"];
const { procs, store } = clusterPerFile(3, "cluster");

afterEach(() => expectCleanDecoding());

type Player = { code: string; seat: string; name: string; token: string; conn: Conn; acked: string[]; last?: string };

/** Which process runs the game: the lease owner names the process id. */
async function holderOf(code: string): Promise<ServerProcess> {
  const owner = await waitFor(async () => (await store().leaseOf(code))?.owner, { message: `a lease on ${code}` });
  const proc = procs.find((p) => owner.split(":")[1] === String(p.child.pid));
  if (!proc) throw new Error(`lease owner ${owner} is none of the game processes`);
  return proc;
}

const texts = (conn: Conn) => new Set(conn.view().messages.map((m) => m.text));

describe("three game processes on Redis and PostgreSQL", () => {
  const players: Player[] = [];
  const codes: string[] = [];
  let playing = true;

  /** Each player chats at a human pace; the lines the server acknowledged are remembered. */
  async function play(p: Player) {
    let i = 0;
    while (playing) {
      const text = `${p.code}/${p.seat}/${i++}`;
      try {
        const reply = await p.conn.act({ type: "chat", channel: "plenary", text });
        if (reply.ok) p.acked.push(text);
        p.last = reply.ok ? "ok" : reply.error.code;
      } catch (err) {
        // the process went away mid-request: not acknowledged
        p.last = String(err);
      }
      await sleep(1300); // under the chat limit (8 lines in 10 s)
      if (!p.conn.open) await waitFor(() => !playing || p.conn.open, { timeout: 30_000, interval: 50, message: "rejoin" });
    }
  }

  it("six games spread over the processes; 30 players join through a process that does not hold their game", async () => {
    for (let g = 0; g < 6; g++) {
      // The HTTP API answers on any process; the room goes to the process with the fewest.
      const made = await createGame(procs[g % 3]!, { scenarioId: "classroom-quick", settings: { bots: true, quickStart: true, eventSeconds: 5, negotiationSeconds: 600, reconnectSeconds: 60 } });
      codes.push(made.code);
    }
    const holders = await Promise.all(codes.map(holderOf));
    expect(new Set(holders).size).toBeGreaterThanOrEqual(2);

    await Promise.all(
      codes.map(async (code, g) => {
        const holder = holders[g]!;
        const others = procs.filter((p) => p !== holder);
        for (const [k, seat] of SEATS.entries()) {
          const via = others[k % others.length]!;
          // Any process finds the game by its code.
          expect((await getJson<{ code: string }>(via, `/api/games/${code}`)).body.code).toBe(code);
          const conn = await join.player(via.endpoint, code, { name: `${seat} of ${code}`, seat });
          // The SDK was sent on to the process that holds the game.
          expect(conn.socket.url).toContain(`:${holder.port}/`);
          players.push({ code, seat, name: `${seat} of ${code}`, token: conn.welcome.token!, conn, acked: [] });
        }
      }),
    );
    expect(players).toHaveLength(30);
    // Six games and thirty joins through three processes: 63–118 s on a machine at load 15–26.
  }, 180_000);

  it("every process says it is alive and ready (database and Redis answer) and serves Prometheus metrics", async () => {
    for (const proc of procs) {
      expect((await getJson<{ ok: boolean }>(proc, "/api/health")).body.ok).toBe(true);
      expect(await getJson(proc, "/api/ready")).toEqual({ status: 200, body: { ok: true, checks: { database: "ok", redis: "ok" } } });
    }
    await Promise.all(players.map((p) => p.conn.ok({ type: "chat", channel: "plenary", text: `metrics ${p.name}` })));
    const holder = await holderOf(codes[0]!);
    const text = await (await fetch(`${holder.url}/metrics`)).text();
    const value = (line: string) => Number(text.split("\n").find((l) => l.startsWith(line))?.slice(line.length).trim() ?? NaN);
    expect(value("chokepoint_games ")).toBeGreaterThanOrEqual(1);
    expect(value("chokepoint_players ")).toBeGreaterThanOrEqual(5);
    expect(value('chokepoint_requests_total{type="act",code="ok"}')).toBeGreaterThanOrEqual(5);
    expect(value('chokepoint_reply_seconds_count{type="act"}')).toBeGreaterThanOrEqual(5);
    expect(value("chokepoint_patches_sent_total ")).toBeGreaterThan(0);
    expect(value("chokepoint_sent_bytes_total ")).toBeGreaterThan(1000);
    expect(value("chokepoint_store_appends_total ")).toBeGreaterThanOrEqual(value("chokepoint_store_commits_total "));
    expect(text).toMatch(/chokepoint_http_requests_total\{method="GET",status="200"\}/);
  });

  it("a class whose tables run on other processes: a process that runs none of them places its students, shows every table and commands them all", async () => {
    const post = async <T>(proc: ServerProcess, path: string, body: unknown, key?: string) => {
      const res = await fetch(`${proc.url}${path}`, { method: "POST", headers: { "content-type": "application/json", ...(key ? { "x-facilitator-key": key } : {}) }, body: JSON.stringify(body) });
      return { status: res.status, body: (await res.json()) as T };
    };
    const status = async (proc: ServerProcess, code: string, key: string) => (await (await fetch(`${proc.url}/api/classes/${code}/status`, { headers: { "x-facilitator-key": key } })).json()) as ClassStatus;
    const created = await post<CreateClassReply>(procs[0]!, "/api/classes", { scenarioId: "classroom-quick", tables: 3, settings: { bots: true, teams: false, quickStart: true, negotiationSeconds: 600, reconnectSeconds: 60 } });
    expect(created.status).toBe(201);
    const { code, facilitatorKey: key, tables } = created.body;
    // Every request below goes through a process that runs none of the class's tables, if there
    // is one (the tables of a class made at once often share a process), else none of the first.
    const holders = await Promise.all(tables.map(holderOf));
    const outside = procs.find((p) => !holders.includes(p)) ?? procs.find((p) => p !== holders[0])!;

    // It sees every table waiting for its students, not "ended".
    expect((await getJson<ClassInfo>(outside, `/api/classes/${code}`)).body.tables.map((t) => t.phase)).toEqual(["lobby", "lobby", "lobby"]);
    // It places arriving students at every table.
    const placed: ClassJoinReply[] = [];
    for (let i = 0; i < 6; i++) {
      const r = await post<ClassJoinReply>(outside, `/api/classes/${code}/join`, { name: `Student ${i + 1}` });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      placed.push(r.body);
    }
    expect(new Set(placed.map((p) => p.table))).toEqual(new Set([1, 2, 3]));
    // Students arriving at once through every process: each is placed, in a place of their own.
    const together = await Promise.all(Array.from({ length: 9 }, (_, i) => post<ClassJoinReply>(procs[i % procs.length]!, `/api/classes/${code}/join`, { name: `Together ${i + 1}` })));
    expect(together.map((r) => r.status)).toEqual(Array(9).fill(201));
    placed.push(...together.map((r) => r.body));
    const places = placed.flatMap((p) => p.roles.map((role) => `${p.game}/${p.seat}/${role}`));
    expect(new Set(places).size).toBe(places.length);
    // The seat it gave a student is held at their table: a direct joiner is refused it, the student takes it.
    const first = placed.find((p) => p.game === tables[0])!;
    const direct = await join.player(outside.endpoint, first.game, { name: "Someone else", seat: first.seat }).then(
      async (c) => (await c.leave(), "joined"),
      (err: Error) => err.message,
    );
    expect(direct).not.toBe("joined");
    const student = await join.player(outside.endpoint, first.game, { name: "Student 1", seat: first.seat, place: first.token });

    // Its class console shows every table running and each student where they are.
    const read = await waitFor(
      async () => {
        const s = await status(outside, code, key);
        return s.roster.find((r) => r.name === "Student 1")?.presence === "here" ? s : undefined;
      },
      { message: "the student at their table in the class console" },
    );
    expect(read.tablesDetail.map((t) => t.phase)).toEqual(["lobby", "lobby", "lobby"]);
    expect(read.tablesDetail[0]!.connected).toBe(1);
    expect(read.roster.map((r) => r.name).sort()).toEqual(placed.map((p, i) => (i < 6 ? `Student ${i + 1}` : `Together ${i - 5}`)).sort());
    expect(read.roster.map((r) => r.presence)).toEqual(read.roster.map((r) => (r.name === "Student 1" ? "here" : "absent")));
    expect(read.roster.every((r) => typeof r.rejoinCode === "string")).toBe(true);

    // One command from it reaches every table.
    const started = await post<ClassCommandReply>(outside, `/api/classes/${code}/command`, { type: "start" }, key);
    expect(started.body.results.map((r) => r.ok)).toEqual([true, true, true]);
    await waitFor(async () => (await status(outside, code, key)).tablesDetail.every((t) => t.phase !== "lobby"), { message: "every table started" });
    const paused = await post<ClassCommandReply>(outside, `/api/classes/${code}/command`, { type: "pause" }, key);
    expect(paused.body.results.map((r) => r.ok)).toEqual([true, true, true]);
    expect((await status(outside, code, key)).tablesDetail.map((t) => t.paused)).toEqual([true, true, true]);

    // Taking a student off the class frees their seat at their table.
    const removed = await post<{ ok: boolean }>(outside, `/api/classes/${code}/remove`, { student: read.roster.find((r) => r.name === "Student 1")!.id }, key);
    expect(removed.body.ok).toBe(true);
    await waitFor(() => student.welcome.seat === undefined, { message: "the student told they left the seat" });
    await waitFor(async () => (await lobby(outside, first.game)).seats.find((s) => s.id === first.seat)?.holders.length === 0, { message: "the seat freed" });
    await student.leave();
  });

  it("a process killed mid-round: its games are back on the others within 10 s with every acknowledged action", async () => {
    expect(players).toHaveLength(30);
    const loops = players.map(play);
    // Mid-round: every game in round 1's negotiation, and everyone has had lines acknowledged.
    await waitFor(() => players.every((p) => p.conn.view().phase === "negotiation" && p.acked.length >= 2), { timeout: 30_000, message: "negotiation with chat going on" });

    const holders = await Promise.all(codes.map(holderOf));
    const victim = procs[[0, 1, 2].sort((a, b) => holders.filter((h) => h === procs[b]).length - holders.filter((h) => h === procs[a]).length)[0]!]!;
    const lost = codes.filter((_, g) => holders[g] === victim);
    const survivors = procs.filter((p) => p !== victim);
    expect(lost.length).toBeGreaterThan(0);

    const killedAt = Date.now();
    expect((await victim.kill()).signal).toBe("SIGKILL");
    procs.splice(procs.indexOf(victim), 1);

    // Back: a survivor answers for each lost game again.
    const back = Promise.all(
      lost.map((code) =>
        waitFor(async () => (await getJson(survivors[0]!, `/api/games/${code}`)).status === 200, { timeout: 20_000, interval: 100, message: `${code} back` }),
      ),
    ).then(() => Date.now() - killedAt);
    // Meanwhile a player retries hard: joins refused while the game moves are not wrong guesses,
    // so this address is not locked out (the rejoins below go through this process too).
    const eager = players.find((p) => p.code === lost[0])!;
    for (let i = 0; i < 70; i++) {
      const c = await join.player(survivors[0]!.endpoint, eager.code, { name: eager.name, token: eager.token }).catch(() => undefined);
      if (c) {
        await c.leave();
        break;
      }
    }
    const backAfter = await back;
    expect(backAfter).toBeLessThan(10_000);
    for (const code of lost) expect(survivors).toContain(await holderOf(code));

    // The players of the lost games rejoin with their tokens, through either survivor.
    const stranded = players.filter((p) => lost.includes(p.code));
    await Promise.all(
      stranded.map(async (p, k) => {
        await waitFor(() => !p.conn.open, { message: "the killed process's socket to close" });
        p.conn = await waitFor(
          () => join.player(survivors[k % 2]!.endpoint, p.code, { name: p.name, token: p.token }).catch(() => undefined),
          { timeout: 20_000, interval: 200, message: `${p.name} to rejoin` },
        );
        expect(p.conn.welcome).toMatchObject({ kind: "player", seat: p.seat, token: p.token });
      }),
    );

    // Everyone plays on a little, then stops; every acknowledged line is on every board of its game.
    const after = new Map(players.map((p) => [p, p.acked.length]));
    const stuck = () => players.filter((p) => p.acked.length < after.get(p)! + 1);
    await waitFor(() => !stuck().length, { timeout: 20_000, message: "play to go on everywhere" }).catch((err) => {
      throw new Error(`${err.message}: ${stuck().map((p) => `${p.name} (last reply: ${p.last})`).join("; ")}`);
    });
    playing = false;
    await Promise.all(loops);
    for (const code of codes) {
      const acked = players.filter((p) => p.code === code).flatMap((p) => p.acked);
      const logged = new Set((await store().actions(code)).flatMap((a) => (a.move.type === "chat" ? [a.move.text] : [])));
      expect(acked.filter((t) => !logged.has(t)), `${code}: acknowledged lines missing from the log`).toEqual([]);
      for (const p of players.filter((x) => x.code === code)) {
        // A board fetches the lines that left the room state's window (as its talks panel does),
        // from a live process: the one it first joined through may be the one killed.
        await waitFor(
          async () => {
            await p.conn.fetchPast("chat", survivors[0]!.endpoint);
            return acked.every((t) => texts(p.conn).has(t));
          },
          { interval: 200, message: `${p.name} to see every acknowledged line` },
        );
        expect(p.conn.view().round).toBe(1);
      }
    }
    console.log(`scale: ${lost.length} game(s) of the killed process back after ${backAfter} ms; ${players.reduce((n, p) => n + p.acked.length, 0)} acknowledged actions, all kept`);
    await leaveAll(...players.map((p) => p.conn));
  });

  it("a process paused past its lease stands down when it resumes: the other runs the game, and nothing the paused one does is stored", async () => {
    expect(procs).toHaveLength(2);
    const made = await createGame(procs[0]!, { scenarioId: "classroom-quick", settings: { bots: true, quickStart: true, negotiationSeconds: 600, reconnectSeconds: 60 } });
    const code = made.code;
    const paused = await holderOf(code);
    const other = procs.find((p) => p !== paused)!;
    const pat = await join.player(other.endpoint, code, { name: "Pat", seat: "US" });
    const token = pat.welcome.token!;
    await pat.ok({ type: "chat", channel: "plenary", text: "before the pause" });
    const gamesOn = async (proc: ServerProcess) => (await getJson<{ games: number }>(proc, "/api/health")).body.games;
    const before = await gamesOn(paused);

    let late: Promise<boolean> | undefined;
    let again: Conn | undefined;
    process.kill(paused.child.pid!, "SIGSTOP");
    try {
      // The lease lapses; the other process takes the game over from the log.
      await waitFor(async () => (await holderOf(code)) === other, { timeout: 20_000, interval: 10, message: "the other process to take the game over" });
      // Joins while its room opens there are sent there: the paused process's listing, still in
      // Redis for a moment, named it, and a client sent to it waited for ever.
      const sentTo: (string | undefined)[] = [];
      await waitFor(
        async () => {
          const seats = await Promise.all(Array.from({ length: 16 }, () => reserveSeat(other.url, code, { as: "player", name: "Pat", token })));
          sentTo.push(...seats.flatMap((r) => (r.seat ? [r.seat.publicAddress] : [])));
          return sentTo.length;
        },
        { timeout: 20_000, interval: 10, message: "seats through the other process" },
      );
      expect(sentTo.filter((a) => a !== `127.0.0.1:${other.port}`)).toEqual([]);
      // A line sent to the paused process waits in its socket.
      late = pat.act({ type: "chat", channel: "plenary", text: "sent to the paused process" }).then(
        (r) => r.ok,
        () => false,
      );
      again = await waitFor(() => join.player(other.endpoint, code, { name: "Pat", token }).catch(() => undefined), { timeout: 20_000, interval: 200, message: "Pat to rejoin" });
      expect(again.socket.url).toContain(`:${other.port}/`);
      await again.ok({ type: "chat", channel: "plenary", text: "after the takeover" });
    } finally {
      process.kill(paused.child.pid!, "SIGCONT");
    }
    // Resumed, it finds this game's lease gone: it closes the game's connections and drops the
    // game (games whose lease nobody took meanwhile it renews and keeps).
    await waitFor(() => !pat.open, { timeout: 15_000, message: "the stale connection to close" });
    await waitFor(async () => (await gamesOn(paused)) < before, { timeout: 15_000, message: "the resumed process to drop the game" });
    expect(await late).toBe(false);
    await again.ok({ type: "chat", channel: "plenary", text: "still playing" });
    const lines = (await store().actions(code)).flatMap((a) => (a.move.type === "chat" ? [a.move.text] : []));
    expect(lines).toEqual(["before the pause", "after the takeover", "still playing"]);
    expect(await holderOf(code)).toBe(other);
    await waitFor(() => texts(again!).has("still playing") && !texts(again!).has("sent to the paused process"), { message: "Pat's board" });
    await again.leave();
  });

  it("a drain (SIGTERM) hands its games over at once and exits cleanly", async () => {
    const [leaving, staying] = [...procs].sort((a, b) => b.port - a.port) as [ServerProcess, ServerProcess];
    const made = await createGame(leaving, { scenarioId: "classroom-quick", settings: { bots: true, quickStart: true, negotiationSeconds: 600, reconnectSeconds: 60 } });
    const ours = (await Promise.all(codes.concat(made.code).map(async (c) => ((await holderOf(c)) === leaving ? c : undefined)))).filter((c): c is string => !!c);
    const stopping = Date.now();
    expect(await leaving.stop()).toEqual({ code: 0, signal: null });
    procs.splice(procs.indexOf(leaving), 1);
    // Released, not left to lapse: nobody holds a live lease in the name of the process that left.
    for (const c of ours) {
      const lease = await store().leaseOf(c);
      expect(lease!.owner === null || lease!.owner.split(":")[1] === String(staying.child.pid), JSON.stringify(lease)).toBe(true);
    }
    await Promise.all(ours.map((c) => waitFor(async () => (await getJson(staying, `/api/games/${c}`)).status === 200, { timeout: 15_000, interval: 100, message: `${c} back` })));
    console.log(`scale: drain handed ${ours.length} game(s) over; back ${Date.now() - stopping} ms after SIGTERM`);
  });
});
