/**
 * "Remove everyone who never joined" on the class console (docs/TEACHING.md, "Class mode";
 * docs/PROTOCOL.md, "Classes"): with the class's key, every student the console listed who is
 * still not at their table leaves the class at once, and their places are free for new students;
 * a student at her table keeps hers even when listed.
 */
import { afterAll, afterEach, expect, it } from "vitest";
import { expectCleanDecoding, join, leaveAll, type Conn } from "../helpers/game-client.ts";
import type { ServerProcess } from "../helpers/server-process.ts";
import { serverPerFile } from "../helpers/server-per-file.ts";
import { classHttp } from "../helpers/class-http.ts";
import type { ClassInfo, ClassJoinReply, CreateClassReply, RemoveUnjoinedReply } from "../../shared/protocol/classes.ts";

let server: ServerProcess;
const conns: Conn[] = [];
serverPerFile((s) => (server = s));
afterAll(() => leaveAll(...conns));
afterEach(() => expectCleanDecoding());

const { post, status: statusOf } = classHttp(() => server);
const removeUnjoined = (code: string, body: unknown, key?: string) =>
  fetch(`${server.url}/api/classes/${code}/remove-unjoined`, { method: "POST", headers: { "content-type": "application/json", ...(key ? { "x-facilitator-key": key } : {}) }, body: JSON.stringify(body) });

it("frees in one request the places of every listed student who never came to their table; one at her table stays", async () => {
  const created = await post<CreateClassReply>("/api/classes", { scenarioId: "classroom-quick", tables: 1, settings: { teams: false, bots: false, seed: 4 } });
  const table = created.tables[0]!;
  const key = created.facilitatorKey;
  const info = async () => (await (await fetch(`${server.url}/api/classes/${created.code}`)).json()) as ClassInfo;

  const ana = await post<ClassJoinReply>(`/api/classes/${created.code}/join`, { name: "Ana" });
  conns.push(await join.player(server.endpoint, table, { name: "Ana", seat: ana.seat, place: ana.token }));
  await post<ClassJoinReply>(`/api/classes/${created.code}/join`, { name: "Fake One" });
  await post<ClassJoinReply>(`/api/classes/${created.code}/join`, { name: "Fake Two" });
  const before = await statusOf(created.code, key);
  expect(before.roster.map((r) => [r.name, r.presence])).toEqual([["Ana", "here"], ["Fake One", "absent"], ["Fake Two", "absent"]]);
  expect((await info()).students).toBe(3);

  // Without the class's key, or with another, nobody is removed.
  const ids = before.roster.map((r) => r.id);
  expect((await removeUnjoined(created.code, { students: ids })).status).toBe(401);
  expect((await removeUnjoined(created.code, { students: ids }, "x".repeat(32))).status).toBe(403);
  expect((await statusOf(created.code, key)).roster).toHaveLength(3);

  // The teacher's console sends every id it showed (Ana's too, as if she had arrived since it asked): only the two who never came go.
  const res = await removeUnjoined(created.code, { students: ids }, key);
  expect(res.status).toBe(200);
  expect(((await res.json()) as RemoveUnjoinedReply).removed.map((r) => r.name)).toEqual(["Fake One", "Fake Two"]);
  expect((await statusOf(created.code, key)).roster.map((r) => [r.name, r.presence])).toEqual([["Ana", "here"]]);
  expect((await info()).students).toBe(1);

  // Their places are free: two new students are placed in them.
  const next = await post<ClassJoinReply>(`/api/classes/${created.code}/join`, { name: "Bea" });
  expect(next.seat).toBeTruthy();
  expect((await statusOf(created.code, key)).roster.map((r) => r.name)).toEqual(["Ana", "Bea"]);

  // Asked again with nobody left to remove: nothing happens, and the reply says so.
  const again = await removeUnjoined(created.code, { students: [ids[0]!] }, key);
  expect(((await again.json()) as RemoveUnjoinedReply).removed).toEqual([]);
  expect((await statusOf(created.code, key)).roster.map((r) => r.name)).toEqual(["Ana", "Bea"]);
});
