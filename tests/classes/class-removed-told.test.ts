/**
 * A student the teacher removes from the class is told so, not left in a waiting room "for a
 * seat" nobody will give them: the server closes their connection with CLOSE_REMOVED, which the
 * page reads with ClosedWhySchema (client/net/connection.ts) and words in the catalog, and their
 * seat token is then refused with `class/removed` (so a reload says the same). A person who
 * joined the table by its code and is removed from the class console is closed the same way.
 */
import { afterAll, afterEach, expect, it } from "vitest";
import { expectCleanDecoding, join, leaveAll, refusedJoin, type Conn } from "../helpers/game-client.ts";
import type { ServerProcess } from "../helpers/server-process.ts";
import { serverPerFile } from "../helpers/server-per-file.ts";
import { classHttp } from "../helpers/class-http.ts";
import { eventually } from "../helpers/wait.ts";
import type { ClassCommandReply, ClassJoinReply } from "../../shared/protocol/classes.ts";
import { ClosedWhySchema } from "../../shared/protocol/messages.ts";
import { joinRefusal, credentialsGone } from "../../client/net/join-refusal.ts";
import { t } from "../../client/i18n/index.ts";

let server: ServerProcess;
const conns: Conn[] = [];
serverPerFile((s) => (server = s));
afterAll(() => leaveAll(...conns));
afterEach(() => expectCleanDecoding());

const { post, lobby, status: statusOf, oneTable } = classHttp(() => server);

const closeCode = (conn: Conn) => {
  const got: { code?: number } = {};
  conn.room.onLeave((code: number) => (got.code = code));
  return got;
};

it("a removed student's connection is closed saying they were removed from the class, and their seat token then says so too", async () => {
  const created = await oneTable(false);
  const table = created.tables[0]!;
  const placed = await post<ClassJoinReply>(`/api/classes/${created.code}/join`, { name: "Ana" });
  const ana = await join.player(server.endpoint, table, { name: "Ana", seat: placed.seat, place: placed.token });
  conns.push(ana);
  expect((await post<ClassCommandReply>(`/api/classes/${created.code}/command`, { type: "start" }, created.facilitatorKey)).results[0]!.ok).toBe(true);
  await eventually(() => expect(ana.view().phase).toBe("event"));
  const closed = closeCode(ana);

  const row = (await statusOf(created.code, created.facilitatorKey)).roster[0]!;
  expect(await post(`/api/classes/${created.code}/remove`, { student: row.id }, created.facilitatorKey)).toEqual({ ok: true });
  await eventually(() => expect(closed.code).toBeDefined());
  expect(ClosedWhySchema.safeParse(closed.code)).toEqual({ success: true, data: "removed" });
  expect((await lobby(table)).seats.find((s) => s.id === placed.seat)!.holders).toEqual([]);

  // Her page reloaded: her seat token is refused, in the catalog's words, and forgotten.
  const refused = await refusedJoin(server.endpoint, table, { as: "player", name: "Ana", token: ana.welcome.token! });
  expect(refused).toMatch(/^class\/removed: /);
  expect(joinRefusal(refused)).toEqual({ code: "class/removed", message: t("join.removed") });
  expect(credentialsGone({ raw: refused })).toBe(true);
  // Other closes are not read as a removal.
  expect(ClosedWhySchema.safeParse(4000)).toEqual({ success: true, data: "elsewhere" });
  expect(ClosedWhySchema.safeParse(1006).success).toBe(false);
});

it("a person who joined the table by its code and is removed from the class console is closed the same way", async () => {
  const created = await oneTable(false);
  const table = created.tables[0]!;
  const seat = (await lobby(table)).seats[0]!.id;
  const gus = await join.player(server.endpoint, table, { name: "Gus", seat });
  conns.push(gus);
  const closed = closeCode(gus);
  const status = () => statusOf(created.code, created.facilitatorKey);
  await eventually(async () => expect((await status()).roster.map((r) => r.name)).toEqual(["Gus"]));
  expect(await post(`/api/classes/${created.code}/remove`, { student: (await status()).roster[0]!.id }, created.facilitatorKey)).toEqual({ ok: true });
  await eventually(() => expect(closed.code).toBeDefined());
  expect(ClosedWhySchema.safeParse(closed.code)).toEqual({ success: true, data: "removed" });
});
