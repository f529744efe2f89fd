/**
 * A student who joined a class's table by its game code (not through the class's join screen)
 * plays there and is in the gradebook: the class console's roster lists them (marked as joined
 * by the table's code; its Remove takes them off their seat there) and the places taken count
 * them, so the roster, the count and the gradebook name the same people; the class's public
 * join page (GET /api/classes/CODE, no key) counts them as the console does. Each person's
 * ministries are their own, as the table's console lists its people, not the three a person
 * alone at their country acts for (client/model/format.ts `ministriesAside`).
 */
import { afterAll, afterEach, expect, it } from "vitest";
import { expectCleanDecoding, join, leaveAll, type Conn } from "../helpers/game-client.ts";
import type { ServerProcess } from "../helpers/server-process.ts";
import { serverPerFile } from "../helpers/server-per-file.ts";
import { classHttp } from "../helpers/class-http.ts";
import { eventually } from "../helpers/wait.ts";
import type { ClassInfo, ClassJoinReply } from "../../shared/protocol/classes.ts";

let server: ServerProcess;
const conns: Conn[] = [];
serverPerFile((s) => (server = s));
afterAll(() => leaveAll(...conns));
afterEach(() => expectCleanDecoding());

const { post, lobby, status: statusOf, oneTable } = classHttp(() => server);

it("lists and counts a student who joined the table by its code, as the gradebook does, with the ministry the table's console names", async () => {
  const created = await oneTable(true);
  const table = created.tables[0]!;
  const key = created.facilitatorKey;
  const status = () => statusOf(created.code, key);
  // Ana comes through the class; Gus types the table's code and takes a free country as its diplomat, alone there.
  const placed = await post<ClassJoinReply>(`/api/classes/${created.code}/join`, { name: "Ana" });
  const ana = await join.player(server.endpoint, table, { name: "Ana", seat: placed.seat, place: placed.token });
  conns.push(ana);
  const free = (await lobby(table)).seats.find((s) => s.id !== placed.seat && !s.holders.length)!.id;
  const gus = await join.player(server.endpoint, table, { name: "Gus", seat: free, roles: ["diplomat"] });
  conns.push(gus);
  expect(gus.welcome.seat).toBe(free);
  // The table's console names him with his own ministry.
  expect((await lobby(table)).seats.find((s) => s.id === free)!.holders.map((h) => [h.name, h.roles])).toEqual([["Gus", ["diplomat"]]]);

  await eventually(async () => expect((await status()).roster.map((r) => r.name)).toEqual(["Ana", "Gus"]));
  const now = await status();
  expect(now.students).toBe(2);
  expect(now.tables[0]!.students).toBe(2);
  const row = now.roster.find((r) => r.name === "Gus")!;
  expect(row).toMatchObject({ table: 1, seat: free, roles: ["diplomat"], presence: "here", byTableCode: true });
  expect(row.rejoinCode).toMatch(/^[A-Z0-9]{6}$/);
  expect(now.roster.find((r) => r.name === "Ana")!.byTableCode).toBeUndefined();

  // The join page, which anyone with the class's code reads, counts the places taken the same way.
  const info = (await (await fetch(`${server.url}/api/classes/${created.code}`)).json()) as ClassInfo;
  expect([info.students, info.tables[0]!.students]).toEqual([2, 2]);
  expect(info.students).toBe(now.students);

  // The gradebook names the same people.
  const csv = await (await fetch(`${server.url}/api/classes/${created.code}/gradebook.csv`, { headers: { "x-facilitator-key": key } })).text();
  const named = csv.trim().split(/\r?\n/).slice(1).map((line) => line.split(",")[2]);
  expect(named.sort()).toEqual(now.roster.map((r) => r.name).sort());

  // The console's Remove on his row takes him off his seat (Ana keeps hers); a row id of nobody seated there is refused.
  const remove = (student: string) => fetch(`${server.url}/api/classes/${created.code}/remove`, { method: "POST", headers: { "content-type": "application/json", "x-facilitator-key": key }, body: JSON.stringify({ student }) });
  expect((await remove("t1-nobody12")).status).toBe(404);
  expect((await remove("t2-" + row.id.slice(3))).status).toBe(404);
  expect((await remove(row.id)).status).toBe(200);
  await eventually(async () => expect((await lobby(table)).seats.find((s) => s.id === free)!.holders).toEqual([]));
  await eventually(() => expect(gus.welcome.seat).toBeUndefined());
  await eventually(async () => expect((await status()).roster.map((r) => r.name)).toEqual(["Ana"]));
  expect((await lobby(table)).seats.find((s) => s.id === placed.seat)!.holders.map((h) => h.name)).toEqual(["Ana"]);
});
