/**
 * A class's table stored before holders kept their class place (HolderRecord.place) and opened
 * again by a newer server (a restart mid-lesson after an upgrade): the class console still finds
 * each student seated there, once by the name they gave the class (server/rooms/seating.ts
 * `holdForClass`), and from then on by their place; Remove still frees their seat.
 */
import { DatabaseSync } from "node:sqlite";
import { afterAll, expect, it } from "vitest";
import { join, leaveAll, type Conn } from "../helpers/game-client.ts";
import { startServerProcess, tempDatabase, withBoots, type ServerProcess } from "../helpers/server-process.ts";
import { eventually } from "../helpers/wait.ts";
import type { ClassJoinReply, CreateClassReply } from "../../shared/protocol/classes.ts";
import { classHttp } from "../helpers/class-http.ts";

const db = tempDatabase();
let server: ServerProcess | undefined;
const conns: Conn[] = [];
afterAll(async () => {
  await leaveAll(...conns);
  await server?.stop();
  db.cleanup();
});

const { post, lobby, status: statusOf } = classHttp(() => server!);

it("a student seated before the upgrade is shown at her table and freed by Remove after the server opens the table again", { timeout: withBoots(2) }, async () => {
  server = await startServerProcess({ databasePath: db.databasePath });
  const created = await post<CreateClassReply>("/api/classes", { scenarioId: "classroom-quick", tables: 1, settings: { teams: false, bots: false, seed: 4 } });
  const key = created.facilitatorKey;
  const table = created.tables[0]!;
  const ana = await post<ClassJoinReply>(`/api/classes/${created.code}/join`, { name: "Ana" });
  const bo = await post<ClassJoinReply>(`/api/classes/${created.code}/join`, { name: "Bo" });
  // Ana at her table under the name she gave the class (in other letters' case); Bo under another name.
  conns.push(await join.player(server.endpoint, table, { name: "ANA", seat: ana.seat, place: ana.token }));
  conns.push(await join.player(server.endpoint, table, { name: "Bobby", seat: bo.seat, place: bo.token }));
  await leaveAll(...conns.splice(0));
  const port = server.port;
  await server.stop();

  // As a server before holders kept their place stored them.
  const sql = new DatabaseSync(db.databasePath);
  expect(sql.prepare("UPDATE holders SET place = NULL WHERE code = ?").run(table).changes).toBe(2);
  sql.close();

  server = await startServerProcess({ databasePath: db.databasePath, port });
  const status = () => statusOf(created.code, key);
  const row = async (name: string) => (await status()).roster.find((r) => r.name === name)!;
  // Ana is found by her class name, once; Bo, who gave the table another name, cannot be told from a stranger.
  await eventually(async () => expect((await row("Ana")).presence).toBe("away"));
  expect((await row("Bo")).presence).toBe("absent");
  const kept = new DatabaseSync(db.databasePath, { readOnly: true });
  const places = kept.prepare("SELECT name, place FROM holders WHERE code = ? ORDER BY name").all(table) as { name: string; place: string | null }[];
  kept.close();
  expect(places.map((p) => [p.name, p.place === null ? null : "kept"])).toEqual([["ANA", "kept"], ["Bobby", null]]);

  expect(await post(`/api/classes/${created.code}/remove`, { student: (await row("Ana")).id }, key)).toEqual({ ok: true });
  await eventually(async () => expect((await lobby(table)).seats.find((s) => s.id === ana.seat)!.holders).toEqual([]));
});
