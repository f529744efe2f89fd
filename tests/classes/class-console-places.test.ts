/**
 * The class console knows each student at their table by the place the class gave them (the
 * place token their browser brought), never by name (docs/TEACHING.md, "Class mode"): two
 * students called Ana at one table each have their own presence and rejoin code on the roster,
 * one who typed her name differently at the table is still shown there, a person of another
 * name the table's console seated in a student's kept seat is not taken for her, and removing
 * one Ana frees her seat alone (under her class name, the console's seating is the teacher
 * saying who she is: tests/classes/class-seated-by-console.test.ts). A student who takes her seat with the rejoin code the
 * console shows her (without her place token) is known there as hers.
 */
import { afterAll, afterEach, expect, it } from "vitest";
import { expectCleanDecoding, join, leaveAll, type Conn } from "../helpers/game-client.ts";
import type { ServerProcess } from "../helpers/server-process.ts";
import { serverPerFile } from "../helpers/server-per-file.ts";
import { classHttp } from "../helpers/class-http.ts";
import { eventually, waitFor } from "../helpers/wait.ts";
import type { ClassJoinReply, CreateClassReply } from "../../shared/protocol/classes.ts";

let server: ServerProcess;
const conns: Conn[] = [];
serverPerFile((s) => (server = s));
afterAll(() => leaveAll(...conns));
afterEach(() => expectCleanDecoding());

const { post, lobby, status: statusOf } = classHttp(() => server);
const namesIn = async (code: string, seat: string) => (await lobby(code)).seats.find((s) => s.id === seat)!.holders.map((h) => h.name);

it("two students called Ana at one table: the console shows each her own presence and rejoin code, and removing one frees her seat, not the other's", async () => {
  const created = await post<CreateClassReply>("/api/classes", { scenarioId: "classroom-quick", tables: 1, settings: { teams: false, bots: false, seed: 4 } });
  const table = created.tables[0]!;
  const key = created.facilitatorKey;
  const status = () => statusOf(created.code, key);
  const first = await post<ClassJoinReply>(`/api/classes/${created.code}/join`, { name: "Ana" });
  const second = await post<ClassJoinReply>(`/api/classes/${created.code}/join`, { name: "Ana" });
  expect(second.seat).not.toBe(first.seat);

  // The first Ana's browser brings her place token; at the table she typed her name in lower case.
  const ana = await join.player(server.endpoint, table, { name: "ana", seat: first.seat, place: first.token });
  conns.push(ana);
  // Someone else joins the table by its code and waits; the table's console seats them in the
  // second Ana's kept seat (as docs/TEACHING.md says to give a kept seat to someone else).
  const fac = await join.facilitator(server.endpoint, table, key);
  const other = await join.player(server.endpoint, table, { name: "Zed" });
  conns.push(fac, other);
  const otherId = await waitFor(() => fac.view().waiting.find((w) => w.name === "Zed")?.id, { message: "Zed waiting" });
  await fac.command({ type: "assign-seat", holder: otherId, seat: second.seat });
  await eventually(() => expect(other.welcome.seat).toBe(second.seat));

  const before = await status();
  const row = (seat: string) => before.roster.find((r) => r.seat === seat)!;
  // Zed, who joined by the table's code, is listed too, after the class's students, as joined that way.
  expect(before.roster.map((r) => [r.name, !!r.byTableCode])).toEqual([["Ana", false], ["Ana", false], ["Zed", true]]);
  expect(row(first.seat).presence).toBe("here");
  expect(row(second.seat).presence).toBe("absent");
  // Each row's rejoin code is her own seat's: the first Ana's takes her back to it, on another device.
  expect(row(first.seat).rejoinCode).toMatch(/^[A-Z0-9]{6}$/);
  expect(row(second.seat).rejoinCode).toMatch(/^[A-Z0-9]{6}$/);
  expect(row(first.seat).rejoinCode).not.toBe(row(second.seat).rejoinCode);
  const laptop = await join.player(server.endpoint, table, { name: "Ana", rejoinCode: row(first.seat).rejoinCode! });
  conns.push(laptop);
  expect(laptop.welcome.seat).toBe(first.seat);
  expect((await status()).roster.find((r) => r.seat === first.seat)!.presence).toBe("here");

  // Removing the second Ana (who never came) leaves the person seated in her seat, and the first Ana, where they are.
  expect(await post(`/api/classes/${created.code}/remove`, { student: row(second.seat).id }, key)).toEqual({ ok: true });
  expect(await namesIn(table, second.seat)).toEqual(["Zed"]);
  expect(await namesIn(table, first.seat)).toEqual(["ana"]);
  expect(other.welcome.seat).toBe(second.seat);

  // Removing the first Ana frees her seat (her device is told), and only hers.
  expect(await post(`/api/classes/${created.code}/remove`, { student: row(first.seat).id }, key)).toEqual({ ok: true });
  await eventually(() => expect(laptop.welcome.seat).toBeUndefined());
  expect(await namesIn(table, first.seat)).toEqual([]);
  expect(await namesIn(table, second.seat)).toEqual(["Zed"]);
  expect((await status()).roster.map((r) => r.name)).toEqual(["Zed"]);
});

it("a student who never reached her table takes her seat with the rejoin code the console shows her: the console then shows her there, and Remove frees it", async () => {
  const created = await post<CreateClassReply>("/api/classes", { scenarioId: "classroom-quick", tables: 1, settings: { teams: false, bots: false, seed: 4 } });
  const table = created.tables[0]!;
  const key = created.facilitatorKey;
  const status = () => statusOf(created.code, key);
  const bo = await post<ClassJoinReply>(`/api/classes/${created.code}/join`, { name: "Bo" });
  const row = (await status()).roster[0]!;
  expect(row.presence).toBe("absent");
  // Her phone lost the class page before she joined; on another device she types the code the teacher read to her.
  const conn = await join.player(server.endpoint, table, { name: "Bo", rejoinCode: row.rejoinCode! });
  conns.push(conn);
  expect(conn.welcome.seat).toBe(bo.seat);
  expect((await status()).roster[0]).toMatchObject({ id: row.id, presence: "here" });
  expect(await post(`/api/classes/${created.code}/remove`, { student: row.id }, key)).toEqual({ ok: true });
  await eventually(() => expect(conn.welcome.seat).toBeUndefined());
  expect(await namesIn(table, bo.seat)).toEqual([]);
});
