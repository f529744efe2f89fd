/**
 * The class's gradebook lists every student of the class (docs/TEACHING.md, "Exit ticket and
 * gradebook"), not only those who held a seat: a student placed at a table who never came to it,
 * one who came but held no seat there once the game was under way, and a name of the pasted roster
 * the class never placed each get a row that says so, with the score cells empty (a 0 would read as
 * a grade), in the teacher's language.
 */
import { afterAll, afterEach, expect, it } from "vitest";
import { expectCleanDecoding, join, leaveAll, type Conn } from "../helpers/game-client.ts";
import type { ServerProcess } from "../helpers/server-process.ts";
import { serverPerFile } from "../helpers/server-per-file.ts";
import { classHttp } from "../helpers/class-http.ts";
import { eventually } from "../helpers/wait.ts";
import type { ClassCommandReply, ClassJoinReply, CreateClassReply } from "../../shared/protocol/classes.ts";

let server: ServerProcess;
const conns: Conn[] = [];
serverPerFile((s) => (server = s));
afterAll(() => leaveAll(...conns));
afterEach(() => expectCleanDecoding());

const { post, lobby } = classHttp(() => server);

it("lists the students who never came to their table, who sat nowhere once it began, and the roster's names never placed, with empty scores", async () => {
  const roster = [
    { name: "Ana", table: 1 },
    { name: "Bo", table: 2 },
    { name: "Cy", table: 1 },
    { name: "Dee", table: 2 },
  ];
  const created = await post<CreateClassReply>("/api/classes", { scenarioId: "classroom-quick", tables: 2, assign: "roster", roster, settings: { teams: false, bots: true, seed: 4, eventSeconds: 600, negotiationSeconds: 3600, reviewSeconds: 600 } });
  const [one, two] = created.tables as [string, string];
  const ana = await post<ClassJoinReply>(`/api/classes/${created.code}/join`, { name: "Ana" });
  const bo = await post<ClassJoinReply>(`/api/classes/${created.code}/join`, { name: "Bo" });
  const cy = await post<ClassJoinReply>(`/api/classes/${created.code}/join`, { name: "Cy" });
  expect([ana.table, bo.table, cy.table]).toEqual([1, 2, 1]);
  // Ana plays at table 1. Cy comes, and the table's console takes her off her seat before the start. Bo never comes; Dee never joins the class.
  conns.push(await join.player(server.endpoint, one, { name: "Ana", seat: ana.seat, place: ana.token }));
  const cyConn = await join.player(server.endpoint, one, { name: "Cy", seat: cy.seat, place: cy.token });
  conns.push(cyConn);
  const console1 = await join.facilitator(server.endpoint, one, created.facilitatorKey);
  conns.push(console1);
  await console1.command({ type: "free-seat", seat: cy.seat });
  await eventually(async () => expect((await lobby(one)).seats.find((s) => s.id === cy.seat)!.holders).toEqual([]));
  expect((await post<ClassCommandReply>(`/api/classes/${created.code}/command`, { type: "start" }, created.facilitatorKey)).results.every((r) => r.ok)).toBe(true);

  const gradebook = async (lang: string) => {
    const res = await fetch(`${server.url}/api/classes/${created.code}/gradebook.csv?lang=${lang}`, { headers: { "x-facilitator-key": created.facilitatorKey } });
    return (await res.text()).trim().split("\r\n").map((l) => l.split(","));
  };
  const english = await gradebook("en");
  const col = (name: string) => english[0]!.indexOf(name);
  const rows = english.slice(1);
  expect(rows.map((r) => [r[col("table")], r[col("game")], r[col("student")], r[col("at the end")]])).toEqual([
    ["1", one, "Ana", "still in the seat"],
    ["1", one, "Cy", "held no seat at Table 1 once the game began"],
    ["2", two, "Bo", "never came to Table 2"],
    ["2", two, "Dee", "never came to Table 2"],
  ]);
  // Where the class placed them; no actions, objectives, score or table outcome of theirs: empty, not 0.
  const seatName = (code: string) => lobby(two).then((l) => l.seats.find((s) => s.id === code)!.name);
  expect(rows[2]![col("seat")]).toBe(await seatName(bo.seat));
  expect(rows[3]![col("seat")]).toBe("");
  for (const r of rows.slice(1)) for (const c of ["actions", "objectives met", "objectives", "seat score", "table outcome"]) expect(r[col(c)]).toBe("");
  expect(rows[0]![col("objectives")]).not.toBe("");

  const zh = await gradebook("zh-CN");
  expect(zh.slice(1).map((r) => r[5])).toEqual(["仍在席位上", "游戏开始后在第 1 桌没有席位", "从未到第 2 桌就座", "从未到第 2 桌就座"]);

  // A table's own gradebook (its console's Debrief) lists the same rows for that table, the absent students too.
  for (const [i, code] of [one, two].entries()) {
    const res = await fetch(`${server.url}/api/games/${code}/gradebook.csv?lang=en`, { headers: { "x-facilitator-key": created.facilitatorKey } });
    const own = (await res.text()).trim().split("\r\n").map((l) => l.split(","));
    expect(own, `table ${i + 1}`).toEqual([english[0], ...rows.filter((r) => r[col("game")] === code)]);
  }
});
