/**
 * A seat (with teams: a ministry) the class placed a student in is held for them at the table
 * (docs/TEACHING.md, "Class mode"): the class's public info lists each table's game code, and
 * whoever joins that table directly by its code is refused that seat with `seat/held` (with teams:
 * every ministry of it, as a student alone there acts for all three), in the lobby and once the
 * game runs, while a seat the class placed nobody in stays open to them. The
 * placed student then takes their seat with the place token the class gave them (the name alone,
 * which a classmate knows, does not take it); the teacher's removal of the student frees it.
 */
import { afterAll, afterEach, expect, it } from "vitest";
import { expectCleanDecoding, join, leaveAll, refusedJoin, type Conn } from "../helpers/game-client.ts";
import type { ServerProcess } from "../helpers/server-process.ts";
import { serverPerFile } from "../helpers/server-per-file.ts";
import { classHttp } from "../helpers/class-http.ts";
import { eventually } from "../helpers/wait.ts";
import type { ClassCommandReply, ClassJoinReply } from "../../shared/protocol/classes.ts";
import { t } from "../../client/i18n/index.ts";
import { joinRefusal } from "../../client/net/join-refusal.ts";

let server: ServerProcess;
const conns: Conn[] = [];
serverPerFile((s) => (server = s));
afterAll(() => leaveAll(...conns));
afterEach(() => expectCleanDecoding());

const { post, lobby, status: statusOf, oneTable: newClass } = classHttp(() => server);

it("a seat the class placed a student in is refused to a direct joiner, before and after the start; the student then takes it", async () => {
  const created = await newClass(false);
  const table = created.tables[0]!;
  const ana = await post<ClassJoinReply>(`/api/classes/${created.code}/join`, { name: "Ana" });
  // Not connected yet. Someone with the table's code picks her seat on the table's join page.
  expect((await lobby(table)).seats.find((s) => s.id === ana.seat)).toMatchObject({ holders: [], freeRoles: [] });
  expect(await refusedJoin(server.endpoint, table, { as: "player", name: "Zed", seat: ana.seat })).toMatch(/^seat\/held: /);
  // A seat the class has not placed anyone in is open to him as before.
  const other = (await lobby(table)).seats.find((s) => s.id !== ana.seat)!.id;
  const zed = await join.player(server.endpoint, table, { name: "Zed", seat: other });
  conns.push(zed);
  expect(zed.welcome.seat).toBe(other);

  // Under way, with bots in the empty seats: a join without a seat is not put in Ana's either.
  expect((await post<ClassCommandReply>(`/api/classes/${created.code}/command`, { type: "start" }, created.facilitatorKey)).results[0]!.ok).toBe(true);
  await eventually(() => expect(zed.view().phase).toBe("event"));
  expect(await refusedJoin(server.endpoint, table, { as: "player", name: "Zoe", seat: ana.seat })).toMatch(/^seat\/held: /);
  const zoe = await join.player(server.endpoint, table, { name: "Zoe" });
  conns.push(zoe);
  expect(zoe.welcome.seat).not.toBe(ana.seat);

  // Ana arrives (as the class's join screen sends her, with her place token) and has her seat.
  const anaConn = await join.player(server.endpoint, table, { name: "Ana", seat: ana.seat, place: ana.token });
  conns.push(anaConn);
  expect(anaConn.welcome.seat).toBe(ana.seat);
});

it("with teams, every ministry of a country the class placed a student in is held from a join by the table's code; a removed student's place is free again", async () => {
  const created = await newClass(true);
  const table = created.tables[0]!;
  const ana = await post<ClassJoinReply>(`/api/classes/${created.code}/join`, { name: "Ana" });
  const [held] = ana.roles as ("diplomat" | "regulator" | "envoy")[];
  const others = (["diplomat", "regulator", "envoy"] as const).filter((r) => r !== held);
  // The join page lists none of the seat's ministries; asking for hers, the others, or none by name is refused.
  expect((await lobby(table)).seats.find((s) => s.id === ana.seat)!.freeRoles).toEqual([]);
  for (const roles of [[held!], [...others], undefined]) {
    expect(await refusedJoin(server.endpoint, table, { as: "player", name: "Zed", seat: ana.seat, ...(roles ? { roles } : {}) })).toMatch(/^seat\/held: /);
  }

  // The teacher removes Ana (a duplicate, say): her ministry is open to a direct join again.
  const status = await statusOf(created.code, created.facilitatorKey);
  await post(`/api/classes/${created.code}/remove`, { student: status.roster[0]!.id }, created.facilitatorKey);
  const bea = await join.player(server.endpoint, table, { name: "Bea", seat: ana.seat, roles: [held!] });
  conns.push(bea);
  expect(bea.welcome.roles).toEqual([held]);
});

it("with teams, a student the class placed alone in a country keeps all three ministries: a join by the table's code under her name, asking for the two she covers, is refused, before and after the start", async () => {
  const created = await newClass(true);
  const table = created.tables[0]!;
  const placed = await post<ClassJoinReply>(`/api/classes/${created.code}/join`, { name: "Dan" });
  const dan = await join.player(server.endpoint, table, { name: "Dan", seat: placed.seat, place: placed.token, roles: placed.roles as ("diplomat" | "regulator" | "envoy")[] });
  expect(dan.welcome.roles).toEqual(placed.roles);
  conns.push(dan);
  const covered = (["diplomat", "regulator", "envoy"] as const).filter((r) => !placed.roles.includes(r));
  expect(await refusedJoin(server.endpoint, table, { as: "player", name: "Dan", seat: placed.seat, roles: [...covered] })).toMatch(/^seat\/held: /);
  expect((await post<ClassCommandReply>(`/api/classes/${created.code}/command`, { type: "start" }, created.facilitatorKey)).results[0]!.ok).toBe(true);
  await eventually(() => expect(dan.view().phase).toBe("event"));
  expect(await refusedJoin(server.endpoint, table, { as: "player", name: "Dan", seat: placed.seat, roles: [...covered] })).toMatch(/^seat\/held: /);
  // Without a seat, a join by the table's code is given a country the class placed nobody in.
  const other = await join.player(server.endpoint, table, { name: "Dan" });
  conns.push(other);
  expect(other.welcome.seat).not.toBe(placed.seat);
  // Dan is still the only one in his country, acting for every ministry.
  expect((await lobby(table)).seats.find((s) => s.id === placed.seat)!.holders.map((h) => h.name)).toEqual(["Dan"]);
  expect((await dan.act({ type: "ready", ready: true })).ok).toBe(true);
});

it("a classmate who knows a student's name, table and country is refused her seat; a wrong or oversized place token is refused clearly and the game goes on; she takes it with her place token and comes back with her seat token", async () => {
  const created = await newClass(false);
  const table = created.tables[0]!;
  const ana = await post<ClassJoinReply>(`/api/classes/${created.code}/join`, { name: "Ana" });
  const bo = await post<ClassJoinReply>(`/api/classes/${created.code}/join`, { name: "Bo" });
  expect(bo.game).toBe(ana.game);
  const boConn = await join.player(server.endpoint, table, { name: "Bo", seat: bo.seat, place: bo.token });
  conns.push(boConn);
  expect(boConn.welcome.seat).toBe(bo.seat);
  expect((await post<ClassCommandReply>(`/api/classes/${created.code}/command`, { type: "start" }, created.facilitatorKey)).results[0]!.ok).toBe(true);
  await eventually(() => expect(boConn.view().phase).toBe("event"));

  // Bo (on another device) knows Ana's name, her table and her country: none of it takes her seat,
  // nor does his own place token; the refusal reads as the catalog's sentence. A place token made
  // up is none of this table's places: refused as another table's would be.
  for (const place of [undefined, bo.token]) {
    const refused = await refusedJoin(server.endpoint, table, { as: "player", name: "Ana", seat: ana.seat, ...(place ? { place } : {}) });
    expect(refused).toMatch(/^seat\/held: /);
    expect(joinRefusal(refused)).toEqual({ code: "seat/held", message: t("join.seatHeld") });
  }
  for (const place of ["x".repeat(24), ana.token.slice(0, -1) + (ana.token.endsWith("A") ? "B" : "A")]) {
    expect(await refusedJoin(server.endpoint, table, { as: "player", name: "Ana", seat: ana.seat, place })).toMatch(/^class\/other_table: /);
  }
  expect(await refusedJoin(server.endpoint, table, { as: "player", name: "ana", seat: ana.seat })).toMatch(/^seat\/held: /);
  // Without a seat, once the game runs, a join by her name is given another seat, not hers.
  const posing = await join.player(server.endpoint, table, { name: "Ana" });
  conns.push(posing);
  expect(posing.welcome.seat).toBeDefined();
  expect(posing.welcome.seat).not.toBe(ana.seat);
  // A place token of the wrong shape is refused as invalid input, saying which option.
  expect(await refusedJoin(server.endpoint, table, { as: "player", name: "Ana", seat: ana.seat, place: "x".repeat(65) })).toMatch(/^input\/invalid: place: /);
  expect(await refusedJoin(server.endpoint, table, { as: "player", name: "Ana", seat: ana.seat, place: "short" })).toMatch(/^input\/invalid: place: /);
  expect(await refusedJoin(server.endpoint, table, { as: "player", name: "Ana", seat: ana.seat, place: 42 } as never)).toMatch(/^input\/invalid: place: /);

  // The game goes on: Bo, connected all along, still acts, and the table still holds Ana's seat.
  expect((await boConn.act({ type: "ready", ready: true })).ok).toBe(true);
  expect((await lobby(table)).seats.find((s) => s.id === ana.seat)).toMatchObject({ holders: [], freeRoles: [] });

  // Ana, with the place token the class gave her, takes her seat (from the bot playing it).
  const anaConn = await join.player(server.endpoint, table, { name: "Ana", seat: ana.seat, place: ana.token });
  expect(anaConn.welcome.seat).toBe(ana.seat);
  expect(anaConn.view().phase).toBe("event");
  // Her browser refreshes: her seat token brings her back to it (with the place token, as the class page sends both, and without).
  const token = anaConn.welcome.token!;
  await anaConn.room.leave(true);
  const back = await join.player(server.endpoint, table, { name: "Ana", token, seat: ana.seat, place: ana.token });
  expect(back.welcome.seat).toBe(ana.seat);
  await back.room.leave(true);
  const again = await join.player(server.endpoint, table, { name: "Ana", token });
  conns.push(again);
  expect(again.welcome.seat).toBe(ana.seat);
});
