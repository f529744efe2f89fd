/**
 * With teams, several students of a class may be placed in one country, each in a ministry, and
 * the country has one rejoin code (docs/TEACHING.md, "Class mode"). A person arriving by that
 * code with nobody in the seat to come back as takes nothing of a country the class placed
 * students in (refused with `seat/held`: its students act for the ministries nobody holds), and
 * the students then take their own with their place tokens; a student of the class who has the
 * country alone takes her place's ministry alone, and the console shows her there.
 * A student given the code while a classmate placed in that country is at the table takes her
 * own place; the classmate is not let go, and comes back by the same code with her name.
 */
import { afterAll, afterEach, expect, it } from "vitest";
import { expectCleanDecoding, join, leaveAll, refusedJoin, type Conn } from "../helpers/game-client.ts";
import type { ServerProcess } from "../helpers/server-process.ts";
import { serverPerFile } from "../helpers/server-per-file.ts";
import { classHttp } from "../helpers/class-http.ts";
import { waitFor } from "../helpers/wait.ts";
import type { ClassJoinReply, CreateClassReply } from "../../shared/protocol/classes.ts";
import { ROLES, type Role } from "../../shared/engine/vocabulary.ts";

let server: ServerProcess;
const conns: Conn[] = [];
serverPerFile((s) => (server = s));
afterAll(() => leaveAll(...conns));
afterEach(() => expectCleanDecoding());

const { post, lobby, status: statusOf } = classHttp(() => server);

it("a newcomer by a country's rejoin code takes none of the ministries kept for its students; a student who has the country alone takes just her own", async () => {
  const created = await post<CreateClassReply>("/api/classes", { scenarioId: "classroom-quick", tables: 1, settings: { teams: true, bots: false, seed: 4 } });
  const table = created.tables[0]!;
  const key = created.facilitatorKey;
  const status = () => statusOf(created.code, key);
  const students: ClassJoinReply[] = [];
  const arrive = async (n: number) => {
    for (let i = 0; i < n; i++) students.push(await post<ClassJoinReply>(`/api/classes/${created.code}/join`, { name: `S${students.length}` }));
  };
  const placesIn = (seat: string) => students.filter((s) => s.seat === seat);
  const codeOf = async (seat: string) => (await status()).roster.find((r) => r.seat === seat)!.rejoinCode!;

  // Seven students, one in each country. One of them, alone in her country, comes with its
  // code (her phone lost the class page) and the name she gave the class: she takes back her
  // own ministry and no other, and the console shows her there.
  await arrive(7);
  const cy = students.at(-1)!;
  const cyConn = await join.player(server.endpoint, table, { name: "s6", rejoinCode: await codeOf(cy.seat) });
  conns.push(cyConn);
  expect(cyConn.welcome).toMatchObject({ seat: cy.seat, roles: cy.roles });
  // The others are hers to act for: the table's join page offers none of her country.
  expect((await lobby(table)).seats.find((s) => s.id === cy.seat)).toMatchObject({ holders: [{ name: "s6", roles: cy.roles }], freeRoles: [] });
  expect((await status()).roster.find((r) => r.seat === cy.seat)!.presence).toBe("here");

  // Eight more: one country now has three places, the others two.
  await arrive(8);
  const seats = [...new Set(students.map((s) => s.seat))].filter((s) => s !== cy.seat);
  const three = seats.find((s) => placesIn(s).length === 3)!;
  const two = seats.find((s) => placesIn(s).length === 2)!;

  // Two students are kept in this country; Zed, handed its code, takes none of it, not even the
  // ministry the class placed nobody in (its students act for it while nobody holds it).
  const [ana, bo] = placesIn(two);
  expect(await refusedJoin(server.endpoint, table, { as: "player", name: "Zed", rejoinCode: await codeOf(two) })).toMatch(/^seat\/held: /);
  // Each student then takes her place, as the class's page sends her.
  for (const s of [ana!, bo!]) {
    const conn = await join.player(server.endpoint, table, { name: `as ${s.token.slice(0, 4)}`, seat: s.seat, place: s.token, roles: s.roles as Role[] });
    conns.push(conn);
    expect(conn.welcome).toMatchObject({ seat: two, roles: s.roles });
  }
  const after = await status();
  for (const s of [ana!, bo!]) expect(after.roster.find((r) => r.seat === two && r.roles.join() === s.roles.join())!.presence).toBe("here");

  // A country all of whose ministries are kept for students is refused to a newcomer by its code.
  expect(await refusedJoin(server.endpoint, table, { as: "player", name: "Yan", rejoinCode: await codeOf(three) })).toMatch(/^seat\/held: /);
  expect((await lobby(table)).seats.find((s) => s.id === three)!.holders).toEqual([]);
});

it("a student given her country's code while a classmate placed there is at the table takes her own place, not her classmate's; the classmate comes back by name", async () => {
  const created = await post<CreateClassReply>("/api/classes", { scenarioId: "classroom-quick", tables: 1, settings: { teams: true, bots: false, seed: 4 } });
  const table = created.tables[0]!;
  const key = created.facilitatorKey;
  const status = () => statusOf(created.code, key);
  // Eight students: the first and the eighth share a country.
  const students: ClassJoinReply[] = [];
  for (let i = 0; i < 8; i++) students.push(await post<ClassJoinReply>(`/api/classes/${created.code}/join`, { name: `S${i}` }));
  const ana = students[0]!;
  const boAt = students.findIndex((s, i) => i > 0 && s.seat === ana.seat);
  const bo = students[boAt]!;
  const anaConn = await join.player(server.endpoint, table, { name: "Ana", seat: ana.seat, place: ana.token, roles: ana.roles as Role[] });
  conns.push(anaConn);
  const code = (await status()).roster.find((r) => r.seat === bo.seat)!.rejoinCode!;

  // Someone typing the code under a name the class did not give there takes nothing of that
  // country: not Ana's seat, nor Bo's place, nor the ministry Ana acts for while nobody holds it.
  expect(await refusedJoin(server.endpoint, table, { as: "player", name: "Ana M.", rejoinCode: code })).toMatch(/^seat\/held: /);
  // Bo (his phone lost the class page) types the code the console shows on his row, and the name he gave the class.
  const boConn = await join.player(server.endpoint, table, { name: `S${boAt}`, rejoinCode: code });
  conns.push(boConn);
  expect(boConn.welcome).toMatchObject({ name: `S${boAt}`, seat: bo.seat, roles: bo.roles });
  expect(boConn.welcome.token).not.toBe(anaConn.welcome.token);
  const holders = (await lobby(table)).seats.find((s) => s.id === ana.seat)!.holders;
  expect(holders.map((h) => [h.name, h.roles, h.connected])).toEqual([["Ana", ana.roles, true], [`S${boAt}`, bo.roles, true]]);
  // The class's two students at that country, both here.
  const rows = (await status()).roster.filter((r) => r.seat === ana.seat);
  expect(rows.map((r) => r.presence)).toEqual(["here", "here"]);
  expect(rows.filter((r) => r.byTableCode)).toEqual([]);
  // Ana on another device, with the same code and her name, is still Ana.
  const laptop = await join.player(server.endpoint, table, { name: "ana", rejoinCode: code });
  conns.push(laptop);
  expect(laptop.welcome).toMatchObject({ name: "Ana", token: anaConn.welcome.token, roles: ana.roles });
});

it("the console's 'Who sits where' names each student's own ministries, as the table's console does: alone at her country and once a classmate takes the others", async () => {
  const created = await post<CreateClassReply>("/api/classes", { scenarioId: "classroom-quick", tables: 1, settings: { teams: true, bots: false, seed: 5 } });
  const table = created.tables[0]!;
  const rolesOf = async (name: string) => (await statusOf(created.code, created.facilitatorKey)).roster.find((r) => r.name === name)!.roles;
  const ana = await post<ClassJoinReply>(`/api/classes/${created.code}/join`, { name: "Ana" });
  const anaConn = await join.player(server.endpoint, table, { name: "Ana", seat: ana.seat, place: ana.token, roles: ana.roles as Role[] });
  conns.push(anaConn);
  expect(ana.roles).toHaveLength(1);
  // Alone, she acts for all three; the roster names the one that is hers (client/model/format.ts `ministriesAside`).
  expect(await rolesOf("Ana")).toEqual(ana.roles);
  // The table's console seats a newcomer in the two ministries of her country nobody holds (a join
  // by the table's code may not take them from her): Ana's row is unchanged.
  const rest = ROLES.filter((r) => !ana.roles.includes(r));
  const fac = await join.facilitator(server.endpoint, table, created.facilitatorKey);
  conns.push(fac);
  const zed = await join.player(server.endpoint, table, { name: "Zed" });
  conns.push(zed);
  const zedId = await waitFor(() => fac.view().waiting.find((w) => w.name === "Zed")?.id, { message: "Zed waiting" });
  await fac.command({ type: "assign-seat", holder: zedId, seat: ana.seat, roles: rest });
  await waitFor(() => zed.welcome.seat === ana.seat, { message: "Zed seated" });
  expect(zed.welcome).toMatchObject({ seat: ana.seat, roles: rest });
  expect(await rolesOf("Ana")).toEqual(ana.roles);
});
