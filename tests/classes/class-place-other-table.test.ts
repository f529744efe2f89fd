/**
 * A class's student sits only at the table the class placed them at (docs/TEACHING.md, "Class
 * mode"): the class's info lists every table's game code, and a student placed at table 2 who
 * joins table 1 with the place token the class gave him is refused there, in plain words, and
 * takes none of its free seats; at his own table the same token seats him.
 */
import { afterAll, afterEach, expect, it } from "vitest";
import { expectCleanDecoding, join, leaveAll, refusedJoin, type Conn } from "../helpers/game-client.ts";
import type { ServerProcess } from "../helpers/server-process.ts";
import { serverPerFile } from "../helpers/server-per-file.ts";
import { classHttp } from "../helpers/class-http.ts";
import type { ClassJoinReply, CreateClassReply } from "../../shared/protocol/classes.ts";
import { t } from "../../client/i18n/index.ts";
import { joinRefusal } from "../../client/net/join-refusal.ts";

let server: ServerProcess;
const conns: Conn[] = [];
serverPerFile((s) => (server = s));
afterAll(() => leaveAll(...conns));
afterEach(() => expectCleanDecoding());

const { post, lobby } = classHttp(() => server);

it("a student placed at table 2 is refused at table 1 with his place token, takes no seat there, and sits at table 2 with it", async () => {
  const created = await post<CreateClassReply>("/api/classes", { scenarioId: "classroom-quick", tables: 2, assign: "roster", roster: [{ name: "Ana", table: 1 }, { name: "Ben", table: 2 }], settings: { bots: true, seed: 4 } });
  const ana = await post<ClassJoinReply>(`/api/classes/${created.code}/join`, { name: "Ana" });
  const ben = await post<ClassJoinReply>(`/api/classes/${created.code}/join`, { name: "Ben" });
  expect([ana.table, ben.table]).toEqual([1, 2]);
  const tableOne = created.tables[0]!;
  const free = (await lobby(tableOne)).seats.find((s) => s.id !== ana.seat && s.freeRoles.length)!.id;
  // At table 1 with his table-2 token: a free seat, his own country's, or none named.
  for (const seat of [free, ben.seat, undefined]) {
    const refused = await refusedJoin(server.endpoint, tableOne, { as: "player", name: "Ben", place: ben.token, ...(seat ? { seat } : {}) });
    expect(refused).toMatch(/^class\/other_table: /);
    expect(joinRefusal(refused)).toEqual({ code: "class/other_table", message: t("join.otherTable") });
  }
  expect((await lobby(tableOne)).seats.every((s) => s.holders.length === 0)).toBe(true);
  // At his own table the token seats him where the class placed him.
  const benConn = await join.player(server.endpoint, ben.game, { name: "Ben", seat: ben.seat, place: ben.token });
  conns.push(benConn);
  expect(benConn.welcome.seat).toBe(ben.seat);
  // Ana, at hers, as before.
  const anaConn = await join.player(server.endpoint, ana.game, { name: "Ana", seat: ana.seat, place: ana.token });
  conns.push(anaConn);
  expect(anaConn.welcome.seat).toBe(ana.seat);
});
