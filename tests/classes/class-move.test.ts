/**
 * The class console moves a student to another table (docs/TEACHING.md, "Class mode";
 * docs/PROTOCOL.md, "Classes"), on the real server: with the class's key only and a body zod
 * checks; their place token then takes them to the new table (the class's link and the join by
 * place), their old seat is freed as a removal frees it (a bot plays it), their page at the old
 * table is closed saying they were moved, and their old seat token says so too. A table whose
 * game is over takes nobody.
 */
import { afterAll, afterEach, expect, it } from "vitest";
import { expectCleanDecoding, join, leaveAll, refusedJoin, type Conn } from "../helpers/game-client.ts";
import type { ServerProcess } from "../helpers/server-process.ts";
import { serverPerFile } from "../helpers/server-per-file.ts";
import { classHttp } from "../helpers/class-http.ts";
import { eventually } from "../helpers/wait.ts";
import type { ClassCommandReply, ClassInfo, ClassJoinReply, CreateClassReply, MoveStudentReply } from "../../shared/protocol/classes.ts";
import { ClosedWhySchema, MovedToSchema } from "../../shared/protocol/messages.ts";
import { PLACE_HEADER } from "../../shared/protocol/archive.ts";
import { credentialsGone, joinRefusal, sentAwayText } from "../../client/net/join-refusal.ts";
import { t } from "../../client/i18n/index.ts";

let server: ServerProcess;
const conns: Conn[] = [];
serverPerFile((s) => (server = s));
afterAll(() => leaveAll(...conns));
afterEach(() => expectCleanDecoding());

const { post, lobby, status: statusOf } = classHttp(() => server);
const move = (code: string, body: unknown, key?: string) =>
  fetch(`${server.url}/api/classes/${code}/move`, { method: "POST", headers: { "content-type": "application/json", ...(key ? { "x-facilitator-key": key } : {}) }, body: JSON.stringify(body) });

it("moves a student who played at table 1 to table 2: her place token leads there, her old seat goes to a bot, her old page is told", async () => {
  const created = await post<CreateClassReply>("/api/classes", { scenarioId: "classroom-quick", tables: 2, settings: { teams: false, bots: true, seed: 4, eventSeconds: 600, negotiationSeconds: 3600, reviewSeconds: 600 } });
  const [one, two] = created.tables as [string, string];
  const key = created.facilitatorKey;
  const ana = await post<ClassJoinReply>(`/api/classes/${created.code}/join`, { name: "Ana" });
  const bo = await post<ClassJoinReply>(`/api/classes/${created.code}/join`, { name: "Bo" });
  expect([ana.table, bo.table]).toEqual([1, 2]);
  const anaAtOne = await join.player(server.endpoint, one, { name: "Ana", seat: ana.seat, place: ana.token });
  conns.push(anaAtOne);
  expect((await post<ClassCommandReply>(`/api/classes/${created.code}/command`, { type: "start" }, key)).results.every((r) => r.ok)).toBe(true);
  await eventually(() => expect(anaAtOne.view().phase).toBe("event"));
  const closed: { code?: number; reason?: string } = {};
  anaAtOne.room.onLeave((code: number, reason?: string) => Object.assign(closed, { code, reason }));
  const id = (await statusOf(created.code, key)).roster.find((r) => r.name === "Ana")!.id;

  // The teacher's key only; a body that is not a roster id and a table of the class is refused, naming what is wrong.
  expect((await move(created.code, { student: id, table: 2 })).status).toBe(401);
  expect((await move(created.code, { student: id, table: 2 }, "x".repeat(32))).status).toBe(403);
  for (const bad of [{ student: id, table: "2" }, { student: id, table: 0 }, { student: "Ana", table: 2 }, { student: id, table: 2, seat: "US" }, { student: id }]) {
    const res = await move(created.code, bad, key);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("input/invalid");
  }
  expect((await move(created.code, { student: id, table: 3 }, key)).status).toBe(400);
  const same = await move(created.code, { student: id, table: 1 }, key);
  expect([same.status, ((await same.json()) as { error: { code: string; text: { key: string } } }).error]).toEqual([409, expect.objectContaining({ code: "class/same_table", text: expect.objectContaining({ key: "http.classSameTable" }) })]);
  expect((await move(created.code, { student: "0123456789abcdef", table: 2 }, key)).status).toBe(404);
  // Nothing moved yet.
  expect(closed.code).toBeUndefined();
  expect((await statusOf(created.code, key)).roster.find((r) => r.id === id)).toMatchObject({ table: 1, presence: "here" });
  // Not moved yet: the roster names no table she came from.
  expect((await statusOf(created.code, key)).roster.find((r) => r.id === id)!.movedFrom).toBeUndefined();

  const res = await move(created.code, { student: id, table: 2 }, key);
  expect(res.status).toBe(200);
  const moved = (await res.json()) as MoveStudentReply;
  expect(moved.table).toBe(2);
  // Her page at table 1 is closed saying she was moved; her old seat is free and a bot plays it.
  await eventually(() => expect(closed.code).toBeDefined());
  expect(ClosedWhySchema.safeParse(closed.code)).toEqual({ success: true, data: "moved" });
  // The close names her new table, and her page says it in the catalog's words.
  const to = MovedToSchema.safeParse(closed.reason);
  expect(to).toEqual({ success: true, data: 2 });
  expect(sentAwayText("moved", to.data)).toBe("Your teacher moved you to Table 2, so your seat here is free. Your class's page takes you there.");
  expect(sentAwayText("moved", to.data, true)).toBe("Moved to Table 2: not connected");
  await eventually(async () => expect((await lobby(one)).seats.find((s) => s.id === ana.seat)).toMatchObject({ bot: true, holders: [] }));
  // The class's seat for her at table 2 is kept for her: not the seat Bo has.
  expect(moved.seat).not.toBe(bo.seat);
  expect((await statusOf(created.code, key)).roster.find((r) => r.id === id)).toMatchObject({ table: 2, seat: moved.seat, presence: "absent", movedFrom: 1 });

  // Her old seat token at table 1 now says she was moved (and is forgotten), in the catalog's words.
  const refused = await refusedJoin(server.endpoint, one, { as: "player", name: "Ana", token: anaAtOne.welcome.token! });
  expect(refused).toMatch(/^class\/moved: /);
  // It names her new table, as the close did.
  expect(joinRefusal(refused)).toEqual({ code: "class/moved", movedTo: 2, message: "Your teacher moved you to Table 2 of the class. Open the class's link, or type its class code on the front page, to go there." });
  // A refusal naming no table (a server before this one), or none a class can have, says "another table".
  expect(joinRefusal("class/moved: your teacher moved you to another table of the class").message).toBe(t("join.moved"));
  expect(joinRefusal("class/moved: your teacher moved you to Table 11 of the class").message).toBe(t("join.moved"));
  expect(credentialsGone({ raw: refused })).toBe(true);
  // Her place token no longer takes a seat at table 1.
  expect(await refusedJoin(server.endpoint, one, { as: "player", name: "Ana", seat: ana.seat, place: ana.token })).toMatch(/^class\/other_table: /);

  // The class's link (her browser's place token): the join page names table 2, and its button brings her to her new seat.
  const info = (await (await fetch(`${server.url}/api/classes/${created.code}`, { headers: { [PLACE_HEADER]: ana.token } })).json()) as ClassInfo;
  expect(info.placed).toEqual({ table: 2, name: "Ana" });
  const back = await post<ClassJoinReply>(`/api/classes/${created.code}/join`, { name: "Ana", token: ana.token });
  expect(back).toMatchObject({ game: two, table: 2, seat: moved.seat, token: ana.token });
  const anaAtTwo = await join.player(server.endpoint, two, { name: "Ana", seat: back.seat, place: back.token });
  conns.push(anaAtTwo);
  expect(anaAtTwo.welcome.seat).toBe(moved.seat);
  await eventually(async () => expect((await statusOf(created.code, key)).roster.find((r) => r.id === id)).toMatchObject({ table: 2, seat: moved.seat, presence: "here" }));

  // The gradebook lists her at both tables: taken off her seat at table 1, in her seat at table 2.
  const gradebook = (await (await fetch(`${server.url}/api/classes/${created.code}/gradebook.csv`, { headers: { "x-facilitator-key": key } })).text()).trim().split("\r\n");
  expect(gradebook.filter((l) => l.includes(",Ana,")).map((l) => l.split(",").slice(0, 6).filter((_, i) => i !== 3))).toEqual([
    ["1", one, "Ana", "", "taken off the seat by the facilitator"],
    ["2", two, "Ana", "", "still in the seat"],
  ]);

  // A table whose game is over takes nobody.
  expect((await post<ClassCommandReply>(`/api/classes/${created.code}/command`, { type: "end-game" }, key)).results.every((r) => r.ok)).toBe(true);
  const boId = (await statusOf(created.code, key)).roster.find((r) => r.name === "Bo")!.id;
  const over = await move(created.code, { student: boId, table: 1 }, key);
  expect([over.status, ((await over.json()) as { error: { code: string } }).error.code]).toEqual([409, "class/table_over"]);
});

it("a student moved while her connection was down is told so when it comes back to the old table, and is not let in there", async () => {
  const created = await post<CreateClassReply>("/api/classes", { scenarioId: "classroom-quick", tables: 2, settings: { teams: false, bots: true, seed: 4, eventSeconds: 600, negotiationSeconds: 3600, reviewSeconds: 600 } });
  const [one] = created.tables as [string, string];
  const key = created.facilitatorKey;
  const ana = await post<ClassJoinReply>(`/api/classes/${created.code}/join`, { name: "Ana" });
  const anaAtOne = await join.player(server.endpoint, one, { name: "Ana", seat: ana.seat, place: ana.token });
  conns.push(anaAtOne);
  expect((await post<ClassCommandReply>(`/api/classes/${created.code}/command`, { type: "start" }, key)).results.every((r) => r.ok)).toBe(true);
  await eventually(() => expect(anaAtOne.view().phase).toBe("event"));
  const id = (await statusOf(created.code, key)).roster.find((r) => r.name === "Ana")!.id;
  // Her network goes away; within her reconnection window the teacher moves her to table 2.
  await anaAtOne.drop();
  expect((await move(created.code, { student: id, table: 2 }, key)).status).toBe(200);
  await eventually(async () => expect((await lobby(one)).seats.find((s) => s.id === ana.seat)).toMatchObject({ bot: true, holders: [] }));
  // Her browser reconnects with the session's reconnection token: closed at once, saying she was moved to table 2 (as a live page is told).
  const closed = await anaAtOne.reconnect().then(
    () => undefined,
    (err: { code?: number; message?: string }) => ({ code: err.code, reason: err.message }),
  );
  expect(ClosedWhySchema.safeParse(closed?.code)).toEqual({ success: true, data: "moved" });
  expect(MovedToSchema.safeParse(closed?.reason)).toEqual({ success: true, data: 2 });
  // Nobody of hers is left at table 1, where she would have waited for a seat nobody gives her.
  expect((await lobby(one)).seats.find((s) => s.id === ana.seat)).toMatchObject({ bot: true, holders: [] });
  expect((await statusOf(created.code, key)).roster.find((r) => r.id === id)).toMatchObject({ table: 2, presence: "absent" });
});

it("with teams, the student moved takes one ministry at the new table, as an arriving student does", async () => {
  const created = await post<CreateClassReply>("/api/classes", { scenarioId: "classroom-quick", tables: 2, settings: { teams: true, bots: true, seed: 4, eventSeconds: 600, negotiationSeconds: 3600, reviewSeconds: 600 } });
  const key = created.facilitatorKey;
  const ana = await post<ClassJoinReply>(`/api/classes/${created.code}/join`, { name: "Ana" });
  expect(ana.table).toBe(1);
  const id = (await statusOf(created.code, key)).roster[0]!.id;
  const res = await move(created.code, { student: id, table: 2 }, key);
  expect(res.status).toBe(200);
  const moved = (await res.json()) as MoveStudentReply;
  expect(moved).toMatchObject({ table: 2, roles: [expect.any(String)] });
  expect((await statusOf(created.code, key)).roster[0]).toMatchObject({ table: 2, seat: moved.seat, roles: moved.roles, presence: "absent" });
  // Before she ever came to table 1: nothing to free there, and the gradebook says she never came to table 2.
  const gradebook = (await (await fetch(`${server.url}/api/classes/${created.code}/gradebook.csv`, { headers: { "x-facilitator-key": key } })).text()).trim().split("\r\n");
  expect(gradebook.filter((l) => l.includes(",Ana,")).map((l) => l.split(",")[5])).toEqual(["never came to Table 2"]);
});

it("reads a moved student's close reason only as a table of the class: anything else leaves the new table unnamed", () => {
  for (const bad of [undefined, "", "0", "11", "2x", " 2", "02", "-1"]) expect(MovedToSchema.safeParse(bad).success, String(bad)).toBe(false);
  expect(MovedToSchema.safeParse("10")).toEqual({ success: true, data: 10 });
  expect(sentAwayText("moved", undefined)).toBe(t("conn.moved"));
});
