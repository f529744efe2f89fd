/**
 * A teacher watching the class from the class console (server/classes/routes.ts reads every
 * table for it every few seconds): when every phone at a table drops and bots play its seats,
 * the bots being done does not end the phase there, as it would not with the table's own console
 * connected (docs/RULES.md, §2 "When people drop"). The console's tables show how many seats are
 * done with the phase.
 */
import { afterAll, expect, it } from "vitest";
import { join, leaveAll, type Conn } from "../helpers/game-client.ts";
import type { ServerProcess } from "../helpers/server-process.ts";
import { serverPerFile } from "../helpers/server-per-file.ts";
import { eventually } from "../helpers/wait.ts";
import type { ClassCommandReply, ClassJoinReply, ClassStatus, CreateClassReply } from "../../shared/protocol/classes.ts";

let server: ServerProcess;
const conns: Conn[] = [];
serverPerFile((s) => (server = s));
afterAll(() => leaveAll(...conns));

async function post<T>(path: string, body: unknown, key?: string): Promise<T> {
  const res = await fetch(`${server.url}${path}`, { method: "POST", headers: { "content-type": "application/json", ...(key ? { "x-facilitator-key": key } : {}) }, body: JSON.stringify(body) });
  return (await res.json()) as T;
}

/**
 * One table of a one-table class in its negotiation; Ana, its only student, drops for good; the
 * teacher's page says it is there with `watch` while every bot says it is done. Returns the table's status then.
 */
async function dropWhileWatched(watch: (code: string, key: string) => Promise<void>) {
  const created = await post<CreateClassReply>("/api/classes", {
    scenarioId: "classroom-quick",
    tables: 1,
    settings: { bots: true, teams: false, seed: 12, reconnectSeconds: 5, eventSeconds: 600, negotiationSeconds: 3600, reviewSeconds: 600 },
  });
  const key = created.facilitatorKey;
  /** What the class console reads every few seconds: the table, and the class's roster. */
  const read = async () => (await (await fetch(`${server.url}/api/classes/${created.code}/status`, { headers: { "x-facilitator-key": key } })).json()) as ClassStatus;
  const status = async () => (await read()).tablesDetail[0]!;
  const command = (body: unknown) => post<ClassCommandReply>(`/api/classes/${created.code}/command`, body, key);

  const placed = await post<ClassJoinReply>(`/api/classes/${created.code}/join`, { name: "Ana" });
  const ana = await join.player(server.endpoint, placed.game, { name: "Ana", seat: placed.seat, place: placed.token });
  conns.push(ana);
  expect((await command({ type: "start" })).results[0]!.ok).toBe(true);
  expect((await command({ type: "advance", phase: "event" })).results[0]!.ok).toBe(true);
  await eventually(() => expect(ana.view().phase).toBe("negotiation"));
  const seats = ana.view().seats.length;
  // The roster says where each student is.
  expect((await read()).roster.map((r) => [r.name, r.presence])).toEqual([["Ana", "here"]]);
  // A person holds a seat: the console's count of seats done carries no clock line.
  expect((await status()).people).toBe(true);
  await watch(created.code, key);

  // The school's Wi-Fi drops: Ana does not come back, and a bot plays her seat.
  await ana.drop();
  // Every seat says it is done (or the phase ends under the test), the teacher's page there all along.
  // The status read that saw it is the one returned: a bot done may take up a new offer later, a bot's counter to another bot.
  let seen: Awaited<ReturnType<typeof status>> | undefined;
  await eventually(
    async () => {
      await watch(created.code, key);
      const table = await status();
      expect(table.phase !== "negotiation" || table.done.count === seats).toBe(true);
      seen = table;
    },
    { timeout: 40_000 },
  );
  // Ana is away, and a bot plays her seat.
  expect((await read()).roster.map((r) => [r.name, r.presence])).toEqual([["Ana", "bot"]]);
  return { table: seen!, seats, command, status };
}

it("with the class console open, a table whose students all dropped runs its negotiation to the teacher's command, though its bots are done", { timeout: 60_000 }, async () => {
  // The class console reads the status every few seconds.
  const read = async (code: string, key: string) => void (await fetch(`${server.url}/api/classes/${code}/status`, { headers: { "x-facilitator-key": key } }));
  const { table, seats, command, status } = await dropWhileWatched(read);
  expect(table.phase).toBe("negotiation");
  expect(table.done).toEqual({ count: seats, total: seats });
  // Nobody holds a seat now (a bot plays Ana's): the console says the clock ends the phase.
  expect(table.people).toBe(false);
  expect(table.deadline).toBeGreaterThan(Date.now());
  // The teacher ends it.
  expect((await command({ type: "advance", phase: "negotiation" })).results[0]!.ok).toBe(true);
  await eventually(async () => expect((await status()).phase).toBe("review"));
});

it("a table's console opened from the class console says the teacher is there with the class's key only (POST /watch, the same mark as a status read)", async () => {
  const created = await post<CreateClassReply>("/api/classes", { scenarioId: "classroom-quick", tables: 1, settings: { bots: true } });
  const watch = (key?: string) => fetch(`${server.url}/api/classes/${created.code}/watch`, { method: "POST", ...(key ? { headers: { "x-facilitator-key": key } } : {}) });
  expect((await watch()).status).toBe(401);
  expect((await watch("wrong-key-123")).status).toBe(403);
  expect((await watch(created.facilitatorKey)).status).toBe(204);
});

it("the console's tables count the same seats in every phase: a bot's seat is done in the event, where nothing waits on it, and a student's once they say so", async () => {
  const created = await post<CreateClassReply>("/api/classes", {
    scenarioId: "classroom-quick",
    tables: 1,
    settings: { bots: true, teams: false, seed: 12, eventSeconds: 600, negotiationSeconds: 3600, reviewSeconds: 600 },
  });
  const key = created.facilitatorKey;
  const status = async () => ((await (await fetch(`${server.url}/api/classes/${created.code}/status`, { headers: { "x-facilitator-key": key } })).json()) as ClassStatus).tablesDetail[0]!;
  const placed = await post<ClassJoinReply>(`/api/classes/${created.code}/join`, { name: "Ben" });
  const ben = await join.player(server.endpoint, placed.game, { name: "Ben", seat: placed.seat, place: placed.token });
  conns.push(ben);
  expect((await post<ClassCommandReply>(`/api/classes/${created.code}/command`, { type: "start" }, key)).results[0]!.ok).toBe(true);
  await eventually(() => expect(ben.view().phase).toBe("event"));
  const seats = ben.view().seats.length;
  // Ben has not read the card; every bot is done.
  expect((await status()).done).toEqual({ count: seats - 1, total: seats });
  // The negotiation counts the same seats.
  expect((await post<ClassCommandReply>(`/api/classes/${created.code}/command`, { type: "advance", phase: "event" }, key)).results[0]!.ok).toBe(true);
  await eventually(async () => expect((await status()).phase).toBe("negotiation"));
  expect((await status()).done.total).toBe(seats);
});
