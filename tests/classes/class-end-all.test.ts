/**
 * The class console's "End the game at every table" on the real server: the lesson plan
 * (docs/TEACHING.md) ends on the exit ticket, which opens only once a game is over. One command
 * ends the game at every table, as each table console's "End the game" does; a wrong key ends
 * nothing. And the addresses the join screen shows when the console was opened as localhost
 * (server/lan.ts) come only with the class's key.
 */
import { networkInterfaces } from "node:os";
import { afterAll, afterEach, expect, it } from "vitest";
import { expectCleanDecoding, expectRefused, join, leaveAll, type Conn } from "../helpers/game-client.ts";
import type { ServerProcess } from "../helpers/server-process.ts";
import { serverPerFile } from "../helpers/server-per-file.ts";
import { classHttp } from "../helpers/class-http.ts";
import { eventually } from "../helpers/wait.ts";
import { JoinAddressesSchema, type ClassCommandReply, type ClassJoinReply, type CreateClassReply } from "../../shared/protocol/classes.ts";

let server: ServerProcess;
const conns: Conn[] = [];
serverPerFile((s) => (server = s));
afterAll(() => leaveAll(...conns));
afterEach(() => expectCleanDecoding());
const http = classHttp(() => server);

async function classOfTwo() {
  const created = await http.post<CreateClassReply>("/api/classes", {
    scenarioId: "classroom-quick",
    tables: 2,
    settings: { bots: true, teams: false, seed: 3, eventSeconds: 600, negotiationSeconds: 3600, reviewSeconds: 600 },
  });
  // Balanced: one student at each table.
  const students: Conn[] = [];
  const tables: number[] = [];
  for (const name of ["Ana", "Ben"]) {
    const placed = await http.post<ClassJoinReply>(`/api/classes/${created.code}/join`, { name });
    tables.push(placed.table);
    const conn = await join.player(server.endpoint, placed.game, { name, seat: placed.seat, place: placed.token });
    students.push(conn);
    conns.push(conn);
  }
  expect(tables.sort()).toEqual([1, 2]);
  return { created, students };
}

it("ends the game at every table: each student's game is over and the exit ticket opens; a wrong key ends nothing", async () => {
  const { created, students } = await classOfTwo();
  const key = created.facilitatorKey;
  const command = (body: unknown, withKey = key) => fetch(`${server.url}/api/classes/${created.code}/command`, { method: "POST", headers: { "content-type": "application/json", "x-facilitator-key": withKey }, body: JSON.stringify(body) });
  expect(((await (await command({ type: "start" })).json()) as ClassCommandReply).results.map((r) => r.ok)).toEqual([true, true]);
  await eventually(() => expect(students.map((s) => s.view().phase)).toEqual(["event", "event"]));
  expectRefused(await students[0]!.room.request("exit-ticket", { answers: ["a", "b", "c"] }), "rule/wrong_phase");

  const wrong = await command({ type: "end-game" }, "not-this-class-key-0123");
  expect(wrong.status).toBe(403);
  expect((await http.status(created.code, key)).tablesDetail.map((x) => x.phase)).toEqual(["event", "event"]);

  const ended = (await (await command({ type: "end-game" })).json()) as ClassCommandReply;
  expect(ended.results.map((r) => [r.table, r.ok])).toEqual([
    [1, true],
    [2, true],
  ]);
  await eventually(() => expect(students.map((s) => s.view().phase)).toEqual(["ended", "ended"]));
  expect((await http.status(created.code, key)).tablesDetail.map((x) => x.phase)).toEqual(["ended", "ended"]);
  for (const s of students) expect(await s.room.request("exit-ticket", { answers: ["Gallium.", "The loan.", ""] })).toMatchObject({ ok: true });

  // Pressed again (a second tab): every table says its game is over already, and nothing changes.
  const again = (await (await command({ type: "end-game" })).json()) as ClassCommandReply;
  expect(again.results.map((r) => [r.ok, r.error?.code])).toEqual([
    [false, "rule/game_over"],
    [false, "rule/game_over"],
  ]);
});

it("the server's network addresses, for a console opened as localhost, need the class's key", async () => {
  const created = await http.post<CreateClassReply>("/api/classes", { scenarioId: "classroom-quick", tables: 1 });
  const ask = (key?: string) => fetch(`${server.url}/api/classes/${created.code}/addresses`, key ? { headers: { "x-facilitator-key": key } } : {});
  expect((await ask()).status).toBe(401);
  expect((await ask("not-this-class-key-0123")).status).toBe(403);
  const reply = JoinAddressesSchema.parse(await (await ask(created.facilitatorKey)).json());
  // This machine's own: every non-internal IPv4 address, on the server's port.
  const own = Object.values(networkInterfaces()).flatMap((list) => (list ?? []).filter((a) => a.family === "IPv4" && !a.internal).map((a) => `${a.address}:${server.port}`));
  expect([...reply.addresses].sort()).toEqual([...new Set(own)].sort());
});
