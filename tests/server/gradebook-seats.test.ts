/**
 * The gradebook lists every person who held a seat once the game was under way, not only those
 * in a seat now (server/classes/class-csv.ts, HolderRecord.held in server/storage/store.ts): a
 * student the facilitator takes off a seat, whose seat goes to a bot, or who is moved to another
 * country keeps their row, with the country (or countries) they played, their own actions, and
 * whether they were still in the seat at the end. The gradebook stays behind the facilitator's key.
 */
import { afterEach, expect, it } from "vitest";
import { expectCleanDecoding, join, leaveAll, type Conn } from "../helpers/game-client.ts";
import { createGame, type ServerProcess } from "../helpers/server-process.ts";
import { serverPerFile } from "../helpers/server-per-file.ts";
import { eventually, waitFor } from "../helpers/wait.ts";

let server: ServerProcess;
serverPerFile((s) => (server = s), { botDelayMs: 50 });
afterEach(() => expectCleanDecoding());

it("a student taken off their seat, one whose seat goes to a bot and one moved to another country stay in the gradebook, with their countries and actions", async () => {
  const { code, facilitatorKey: key } = await createGame(server, {
    scenarioId: "classroom-quick",
    settings: { teams: false, bots: true, seed: 7, eventSeconds: 600, negotiationSeconds: 3600, reviewSeconds: 600 },
  });
  const get = (path: string, withKey = true) => fetch(`${server.url}/api/games/${code}/${path}`, withKey ? { headers: { "x-facilitator-key": key } } : {});
  const gradebook = async (lang: string) => (await (await get(`gradebook.csv?lang=${lang}`)).text()).trim().split("\r\n");
  const fac = await join.facilitator(server.endpoint, code, key);
  const ana = await join.player(server.endpoint, code, { name: "Ana", seat: "US" });
  const chloe = await join.player(server.endpoint, code, { name: "Chloe", seat: "IN" });
  const bo = await join.player(server.endpoint, code, { name: "Bo", seat: "JP" });
  const dee = await join.player(server.endpoint, code, { name: "Dee", seat: "NL" });
  const open: Conn[] = [fac, ana, chloe, bo, dee];
  try {
    await fac.command({ type: "start" });
    await fac.command({ type: "advance" });
    await eventually(() => expect(ana.view().phase).toBe("negotiation"));
    await ana.ok({ type: "chat", channel: "plenary", text: "The United States is here." });
    await ana.ok({ type: "chat", channel: "plenary", text: "Let us talk about gallium." });
    await chloe.ok({ type: "chat", channel: "plenary", text: "India is listening." });
    await bo.ok({ type: "chat", channel: "plenary", text: "Japan too." });

    // Mid-game: Ana's seat is freed (a bot takes it, bots being on), Chloe's is given to a bot,
    // and Bo is moved from Japan to Taiwan (a bot's seat until then).
    await fac.command({ type: "free-seat", seat: "US" });
    await fac.command({ type: "bot-seat", seat: "IN", bot: true });
    const boId = await waitFor(() => fac.view().seats.find((s) => s.id === "JP")?.holders[0]?.id, { message: "Bo in the seat list" });
    await fac.command({ type: "assign-seat", holder: boId, seat: "TW" });
    await eventually(() => expect([ana.welcome.seat, chloe.welcome.seat, bo.welcome.seat]).toEqual([undefined, undefined, "TW"]));
    await eventually(() => expect(["US", "IN", "JP"].map((id) => fac.view().seats.find((s) => s.id === id)!.bot)).toEqual([true, true, true]));

    await eventually(async () => {
      const csv = await gradebook("en");
      // Ana and Chloe hold no seat now, and are still listed with the country they played.
      expect(csv.filter((l) => /,(Ana,United States|Chloe,India),/.test(l))).toHaveLength(2);
      expect(csv[0]).toMatch(/^table,game,student,seat,ministry,at the end,actions,rounds a bot played the seat,objectives met,/);
      expect(csv).toHaveLength(5);
      expect(csv.find((l) => l.includes(",Ana,"))).toMatch(/^1,[A-Z0-9]{6},Ana,United States,,taken off the seat by the facilitator,2,from round 1,/);
      expect(csv.find((l) => l.includes(",Chloe,"))).toMatch(/,Chloe,India,,taken off the seat by the facilitator,1,from round 1,/);
      expect(csv.find((l) => l.includes(",Bo,"))).toMatch(/,Bo,Japan → Taiwan,,still in the seat,1,/);
      expect(csv.find((l) => l.includes(",Dee,"))).toMatch(/,Dee,Netherlands,,still in the seat,0,,/);
    });
    const zh = await gradebook("zh-CN");
    expect(zh[0]).toMatch(/^桌号,对局,学生,席位,部门,结束时,行动次数,/);
    expect(zh.find((l) => l.includes(",Ana,"))).toMatch(/,Ana,美国,,被主持人移出席位,2,第 1 轮起,/);

    // The game ends; a seat freed after the end was played to the end by its student.
    await fac.command({ type: "end-game" });
    await eventually(() => expect(dee.view().phase).toBe("ended"));
    await fac.command({ type: "free-seat", seat: "NL" });
    await eventually(() => expect(dee.welcome.seat).toBeUndefined());
    await eventually(async () => {
      const csv = await gradebook("en");
      expect(csv).toHaveLength(5);
      expect(csv.find((l) => l.includes(",Dee,"))).toMatch(/,Dee,Netherlands,,still in the seat,0,/);
      expect(csv.find((l) => l.includes(",Ana,"))).toMatch(/,Ana,United States,,taken off the seat by the facilitator,2,/);
    });
    // Facilitator-only, as before: no key, no names.
    expect((await get("gradebook.csv", false)).status).toBe(401);
  } finally {
    await leaveAll(...open);
  }
});
