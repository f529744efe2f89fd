/**
 * Observers coming and going in a game many watch (a class's projector, a gallery of observers
 * at their own screens): what one more observer joining, and leaving, costs each client already
 * there, measured in the bytes its socket received (real server, real SDK). The facilitator's
 * console lists observers by name; players and observers show nothing of that list.
 */
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { Conn, expectCleanDecoding, join, leaveAll } from "../helpers/game-client.ts";
import { createGame, type ServerProcess } from "../helpers/server-process.ts";
import { serverPerFile } from "../helpers/server-per-file.ts";
import { eventually } from "../helpers/wait.ts";

let server: ServerProcess;
serverPerFile((s) => (server = s));
afterEach(() => expectCleanDecoding());

const SETTINGS = { bots: false, seed: 5, eventSeconds: 600, negotiationSeconds: 3600, reviewSeconds: 600 };
const conns: Conn[] = [];
afterAll(() => leaveAll(...conns));

/** A name as long as a name may be (40 characters), numbered. */
const watcherName = (i: number) => `Watcher ${String(i).padStart(3, "0")} of the gallery, room B`.padEnd(40, "x");

describe("an observer joining or leaving a game many have watched", () => {
  it("costs each client already there a small patch: the facilitator the one entry that changed, a player or observer nothing of the names", async () => {
    const { code, facilitatorKey } = await createGame(server, { scenarioId: "classroom-quick", settings: SETTINGS });
    const fac = await join.facilitator(server.endpoint, code, facilitatorKey);
    const player = await join.player(server.endpoint, code, { name: "Noor", seat: "NL" });
    const projector = await Conn.join(server.endpoint, code, { as: "observer" });
    conns.push(fac, player, projector);
    // 80 observers watched before, each from a machine of its own; the console still lists them (gone).
    const GONE = 80;
    for (let i = 0; i < GONE; i++) {
      const o = await Conn.join(server.endpoint, code, { as: "observer", name: watcherName(i) }, `127.0.0.${10 + i}`);
      await o.leave();
    }
    // Every one of them shown gone, and the projector (no name) connected: nothing more is on its way.
    // Both at once: the last watcher's arrival may still be on its way when the others show gone.
    await eventually(() => {
      expect(fac.view().observers).toHaveLength(GONE + 1);
      expect(fac.view().observers?.filter((o) => o.connected)).toEqual([{ connected: true }]);
    });

    /** What each client received while `step` ran, once the facilitator's console shows `shown` and the others have answered a request sent after it. */
    const cost = async (step: () => Promise<unknown>, shown: (list: NonNullable<ReturnType<Conn["view"]>["observers"]>) => boolean) => {
      const before = [fac, player, projector].map((c) => c.bytes().length);
      await step();
      await eventually(() => expect(shown(fac.view().observers ?? [])).toBe(true));
      // A reply comes after every patch sent before it on the same socket.
      await Promise.all([player.preview({}), projector.preview({})]);
      return [fac, player, projector].map((c, i) => c.bytes().length - before[i]!);
    };
    // The requests' replies alone, without an observer coming or going: taken off each figure.
    const replies = await cost(async () => {}, () => true);
    const less = (bytes: number[]) => bytes.map((b, i) => b - replies[i]!);
    const name = watcherName(GONE);
    let late: Conn | undefined;
    const joined = less(await cost(
      async () => (late = await Conn.join(server.endpoint, code, { as: "observer", name }, "127.0.0.250")),
      (list) => list.some((o) => o.name === name && o.connected),
    ));
    const left = less(await cost(
      () => late!.leave(),
      (list) => list.some((o) => o.name === name && !o.connected),
    ));
    console.log(`observer joins: facilitator ${joined[0]} B, player ${joined[1]} B, observer ${joined[2]} B; leaves: ${left[0]} / ${left[1]} / ${left[2]} B`);
    // Nobody but the facilitator receives a name.
    expect(player.received(name)).toBe(false);
    expect(projector.received(name)).toBe(false);
    expect(fac.received(name)).toBe(true);
    expect(player.view().observers).toBeUndefined();
    // The whole list is 80 names of 40 characters: ~5 KB. One observer's coming or going costs a fraction of it.
    for (const bytes of [...joined, ...left]) expect(bytes).toBeLessThan(200);
  }, 120_000);
});

describe("a facilitator's console whose connection dropped", () => {
  it("lists, once back, the observers who came while it was away", async () => {
    const { code, facilitatorKey } = await createGame(server, { scenarioId: "classroom-quick", settings: SETTINGS });
    const fac = await join.facilitator(server.endpoint, code, facilitatorKey);
    const first = await join.observer(server.endpoint, code, "Mei");
    conns.push(first);
    await eventually(() => expect(fac.view().observers).toEqual([{ name: "Mei", connected: true }]));
    await fac.drop();
    const second = await join.observer(server.endpoint, code, "Ravi");
    conns.push(second);
    const back = await fac.reconnect();
    conns.push(back);
    await eventually(() => expect(back.view().observers).toEqual([{ name: "Mei", connected: true }, { name: "Ravi", connected: true }]));
  });
});
