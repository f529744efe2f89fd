/**
 * A student's exit ticket after a reload (docs/PROTOCOL.md, `exit-ticket` and `my-exit-ticket`):
 * the end screen, opened again, asks the server what this person handed in and shows it; an
 * answer sent as null keeps the one handed in before, so a new hand-in never blanks the answers
 * the student did not touch in the gradebook. Only the person who handed a ticket in receives it
 * back: another student, at the same table or not, and an observer get none of its words.
 */
import { afterAll, afterEach, expect, it } from "vitest";
import { expectCleanDecoding, expectRefused, join, leaveAll, type AnyReply, type Conn } from "../helpers/game-client.ts";
import type { ServerProcess } from "../helpers/server-process.ts";
import { serverPerFile } from "../helpers/server-per-file.ts";
import { classHttp } from "../helpers/class-http.ts";
import { eventually } from "../helpers/wait.ts";
import type { ClassJoinReply, CreateClassReply } from "../../shared/protocol/classes.ts";

let server: ServerProcess;
const conns: Conn[] = [];
serverPerFile((s) => (server = s));
afterAll(() => leaveAll(...conns));
afterEach(() => expectCleanDecoding());
const http = classHttp(() => server);

const mine = (c: Conn) => c.room.request("my-exit-ticket", {}, { timeout: 5000 }) as Promise<AnyReply & { answers?: string[] | null }>;
const handIn = (c: Conn, answers: (string | null)[]) => c.room.request("exit-ticket", { answers }, { timeout: 5000 }) as Promise<AnyReply>;

it("a reloaded end screen gets back the student's own answers, a new hand-in keeps the ones not sent again, and nobody else receives them", async () => {
  const created = await http.post<CreateClassReply>("/api/classes", {
    scenarioId: "classroom-quick",
    tables: 1,
    settings: { bots: true, teams: false, seed: 3, eventSeconds: 600, negotiationSeconds: 3600, reviewSeconds: 600 },
  });
  const key = created.facilitatorKey;
  const places: Record<string, ClassJoinReply> = {};
  const students: Record<string, Conn> = {};
  for (const name of ["Ana", "Ben"]) {
    const placed = (places[name] = await http.post<ClassJoinReply>(`/api/classes/${created.code}/join`, { name }));
    conns.push((students[name] = await join.player(server.endpoint, placed.game, { name, seat: placed.seat, place: placed.token })));
  }
  const game = places.Ana!.game;
  const observer = await join.observer(server.endpoint, game, "Visitor");
  conns.push(observer);
  const command = (body: unknown) => fetch(`${server.url}/api/classes/${created.code}/command`, { method: "POST", headers: { "content-type": "application/json", "x-facilitator-key": key }, body: JSON.stringify(body) });
  await command({ type: "start" });
  await command({ type: "end-game" });
  await eventually(() => expect(students.Ana!.view().phase).toBe("ended"));

  // Nothing handed in yet: nothing to show.
  expect(await mine(students.Ana!)).toEqual({ ok: true, answers: null });
  const first = ["Gallium mattered most ANA-SECRET-1", "The loan to Kenya ANA-SECRET-2", "Food chain ANA-SECRET-3"];
  expect(await handIn(students.Ana!, first)).toMatchObject({ ok: true });

  // Ana reloads her page: a new connection, back in her seat with the token her browser kept.
  const token = students.Ana!.welcome.token!;
  await students.Ana!.leave();
  const again = await join.player(server.endpoint, game, { name: "Ana", token });
  conns.push(again);
  expect(await mine(again)).toEqual({ ok: true, answers: first });

  // She changes the second answer only; the others go as null and stay as she handed them in.
  expect(await handIn(again, [null, "Changed after reload", null])).toMatchObject({ ok: true });
  expect(await mine(again)).toEqual({ ok: true, answers: [first[0], "Changed after reload", first[2]] });
  const gradebook = async () => (await (await fetch(`${server.url}/api/games/${game}/gradebook.csv`, { headers: { "x-facilitator-key": key } })).text()).trim().split("\r\n");
  await eventually(async () => expect((await gradebook()).find((l) => l.includes(",Ana,"))).toMatch(/,missed,Gallium mattered most ANA-SECRET-1,Changed after reload,Food chain ANA-SECRET-3$/));

  // Ben, at the same table, asks for "his" ticket: none, and none of Ana's words reach him or the observer.
  expect(await mine(students.Ben!)).toEqual({ ok: true, answers: null });
  expectRefused(await mine(observer), "rule/not_a_player");
  await handIn(students.Ben!, ["Ben's own.", null, null]);
  expect(await mine(students.Ben!)).toEqual({ ok: true, answers: ["Ben's own.", "", ""] });
  for (const c of [students.Ben!, observer]) {
    const received = Buffer.concat(c.socket.frames).toString("utf8");
    expect(received).not.toContain("ANA-SECRET");
    expect(received).not.toContain("Changed after reload");
  }
  // Nor does Ana receive Ben's.
  expect(Buffer.concat(again.socket.frames).toString("utf8")).not.toContain("Ben's own.");
});
