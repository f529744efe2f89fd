/**
 * A class student who reached her table without her place token (she forgot her class, or joined
 * the table by its code without a seat) and whom the table's console seats where the class placed
 * her, under the name she gave the class (any case), takes her place (server/rooms/seating.ts
 * `confirmedPlace`): the class console shows her at the table, then away or with a bot playing
 * her seat, and its Remove takes her off (docs/TEACHING.md, "Class mode"). A person of another
 * name seated there is not taken for her: her row stays "not at the table". A student the console
 * moves to another seat keeps her place, and the class console follows her there.
 */
import { afterAll, afterEach, expect, it } from "vitest";
import { expectCleanDecoding, join, leaveAll, type Conn } from "../helpers/game-client.ts";
import type { ServerProcess } from "../helpers/server-process.ts";
import { serverPerFile } from "../helpers/server-per-file.ts";
import { classHttp } from "../helpers/class-http.ts";
import { eventually, waitFor } from "../helpers/wait.ts";
import type { ClassCommandReply, ClassJoinReply } from "../../shared/protocol/classes.ts";

let server: ServerProcess;
const conns: Conn[] = [];
serverPerFile((s) => (server = s));
afterAll(() => leaveAll(...conns));
afterEach(() => expectCleanDecoding());

const { post, lobby, status: statusOf, oneTable: newClass } = classHttp(() => server);
/** The id of `name` in `seat`, once the table's console lists them there. */
const seatedId = (fac: Conn, seat: string, name: string) => waitFor(() => fac.view().seats.find((s) => s.id === seat)?.holders.find((h) => h.name === name)?.id, { message: `${name} in ${seat}` });
const namesIn = async (code: string, seat: string) => (await lobby(code)).seats.find((s) => s.id === seat)!.holders.map((h) => h.name);
/** The waiting person of that name, as the table's console lists them to seat. */
const waitingId = (fac: Conn, name: string) => waitFor(() => fac.view().waiting.find((w) => w.name === name)?.id, { message: `${name} waiting` });

it("a student who joined her table without her place token and whom its console seats in her placed seat is shown there, here, then with a bot playing it, and Remove takes her off", async () => {
  const created = await newClass(false);
  const table = created.tables[0]!;
  const key = created.facilitatorKey;
  const status = () => statusOf(created.code, key);
  const placed = await post<ClassJoinReply>(`/api/classes/${created.code}/join`, { name: "Ana" });
  expect((await status()).roster[0]!.presence).toBe("absent");

  // She types the table's code she saw on the projector, in lower case, and waits for a seat.
  const ana = await join.player(server.endpoint, table, { name: "ana" });
  const fac = await join.facilitator(server.endpoint, table, key);
  conns.push(fac);
  expect(ana.welcome.seat).toBeUndefined();
  expect((await status()).roster[0]!.presence).toBe("absent");
  await fac.command({ type: "assign-seat", holder: await waitingId(fac, "ana"), seat: placed.seat });
  await eventually(() => expect(ana.welcome.seat).toBe(placed.seat));
  const row = (await status()).roster[0]!;
  expect(row.presence).toBe("here");
  expect(row.rejoinCode).toBe(fac.view().rejoinCodes![placed.seat]);

  // Under way, bots on: she leaves, a bot plays her seat, and the console says so; her seat token brings her back.
  expect((await post<ClassCommandReply>(`/api/classes/${created.code}/command`, { type: "start" }, key)).results[0]!.ok).toBe(true);
  await eventually(() => expect(ana.view().phase).toBe("event"));
  const token = ana.welcome.token!;
  await ana.room.leave(true);
  await eventually(async () => expect((await status()).roster[0]!.presence).toBe("bot"));
  const back = await join.player(server.endpoint, table, { name: "ana", token });
  conns.push(back);
  expect(back.welcome.seat).toBe(placed.seat);
  await eventually(async () => expect((await status()).roster[0]!.presence).toBe("here"));

  // The class console's Remove takes her off her seat (her device is told), as for any placed student.
  expect(await post(`/api/classes/${created.code}/remove`, { student: row.id }, key)).toEqual({ ok: true });
  await eventually(() => expect(back.welcome.seat).toBeUndefined());
  expect(await namesIn(table, placed.seat)).toEqual([]);
  expect((await status()).roster).toEqual([]);
});

it("with teams, a person of another name seated in a student's kept ministry leaves her absent; she, seated there by her class name, is here, and stays known where the console moves her", async () => {
  const created = await newClass(true);
  const table = created.tables[0]!;
  const key = created.facilitatorKey;
  const status = () => statusOf(created.code, key);
  const placed = await post<ClassJoinReply>(`/api/classes/${created.code}/join`, { name: "Ana" });
  const roles = placed.roles as ("diplomat" | "regulator" | "envoy")[];
  const fac = await join.facilitator(server.endpoint, table, key);
  conns.push(fac);

  // Zed, who joined the table by its code, is given Ana's kept ministry by its console: he is not her.
  const zed = await join.player(server.endpoint, table, { name: "Zed" });
  conns.push(zed);
  await fac.command({ type: "assign-seat", holder: await waitingId(fac, "Zed"), seat: placed.seat, roles });
  await eventually(() => expect(zed.welcome.seat).toBe(placed.seat));
  expect((await status()).roster[0]!.presence).toBe("absent");

  // Ana arrives without her class page; the console takes Zed off her ministry and seats her in it.
  const ana = await join.player(server.endpoint, table, { name: "Ana" });
  conns.push(ana);
  const zedId = await seatedId(fac, placed.seat, "Zed");
  await fac.command({ type: "free-seat", seat: placed.seat, holder: zedId });
  await fac.command({ type: "assign-seat", holder: await waitingId(fac, "Ana"), seat: placed.seat, roles });
  await eventually(() => expect(ana.welcome).toMatchObject({ seat: placed.seat, roles }));
  expect((await status()).roster[0]).toMatchObject({ presence: "here", rejoinCode: fac.view().rejoinCodes![placed.seat] });

  // Moved to another country, she keeps her place: the roster shows her here, with that country's code.
  const other = fac.view().seats.find((s) => s.id !== placed.seat && !s.holders.length)!.id;
  const anaId = await seatedId(fac, placed.seat, "Ana");
  await fac.command({ type: "assign-seat", holder: anaId, seat: other });
  await eventually(() => expect(ana.welcome.seat).toBe(other));
  // ...and names that country, with the ministries she acts for there (alone in it: all three).
  const otherName = fac.view().countries.find((c) => c.id === other)!.name;
  expect((await status()).roster[0]).toMatchObject({ presence: "here", rejoinCode: fac.view().rejoinCodes![other], seat: other, seatName: otherName });
  expect([...(await status()).roster[0]!.roles].sort()).toEqual(["diplomat", "envoy", "regulator"]);
  // Zed, seated again in the ministry she left, still does not become her; Remove takes her off where she is, and leaves him.
  await fac.command({ type: "assign-seat", holder: zedId, seat: placed.seat, roles });
  expect(await post(`/api/classes/${created.code}/remove`, { student: (await status()).roster[0]!.id }, key)).toEqual({ ok: true });
  await eventually(() => expect(ana.welcome.seat).toBeUndefined());
  expect(await namesIn(table, other)).toEqual([]);
  expect(await namesIn(table, placed.seat)).toEqual(["Zed"]);
});
