/**
 * A table's own gradebook (its console's Debrief, GET /api/games/CODE/gradebook.csv) numbers its
 * rows with that table's number in the class, as the class's gradebook and the report do, not 1
 * for every table.
 */
import { afterAll, afterEach, expect, it } from "vitest";
import { expectCleanDecoding, join, leaveAll, type Conn } from "../helpers/game-client.ts";
import type { ServerProcess } from "../helpers/server-process.ts";
import { serverPerFile } from "../helpers/server-per-file.ts";
import { classHttp } from "../helpers/class-http.ts";
import type { CreateClassReply } from "../../shared/protocol/classes.ts";

let server: ServerProcess;
const conns: Conn[] = [];
serverPerFile((s) => (server = s));
afterAll(() => leaveAll(...conns));
afterEach(() => expectCleanDecoding());

const { post, lobby } = classHttp(() => server);

it("table 3's own gradebook says table 3 on its rows, as the class's gradebook does", async () => {
  const created = await post<CreateClassReply>("/api/classes", { scenarioId: "classroom-quick", tables: 3, settings: { teams: false, bots: true, seed: 4, eventSeconds: 600, negotiationSeconds: 3600, reviewSeconds: 600 } });
  const key = created.facilitatorKey;
  const third = created.tables[2]!;
  const seat = (await lobby(third)).seats[0]!.id;
  conns.push(await join.player(server.endpoint, third, { name: "Ana", seat }));
  const rows = async (path: string) => (await (await fetch(`${server.url}${path}`, { headers: { "x-facilitator-key": key } })).text()).trim().split("\r\n").slice(1);
  const own = await rows(`/api/games/${third}/gradebook.csv`);
  expect(own).toEqual([expect.stringMatching(new RegExp(`^3,${third},Ana,`))]);
  expect((await rows(`/api/classes/${created.code}/gradebook.csv`)).filter((l) => l.includes(",Ana,"))).toEqual(own);
});
