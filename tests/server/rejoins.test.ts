/**
 * Coming back with one's own seat token (docs/PROTOCOL.md, "Joining a game"): a burst of 10 in
 * a minute, then `rate/rejoins`; the seat stays its holder's, the others come back as before,
 * and the log does not get a line per rejoin (they are counted in /metrics).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { expectCleanDecoding, join, leaveAll, refusedJoin, type Conn } from "../helpers/game-client.ts";
import { createGame, type ServerProcess } from "../helpers/server-process.ts";
import { serverPerFile } from "../helpers/server-per-file.ts";
import { roomSocketOutcome, reserveSeat } from "../helpers/raw-client.ts";
import { eventually } from "../helpers/wait.ts";

let server: ServerProcess;
serverPerFile((s) => (server = s), { env: { LOG_LEVEL: "info" } });
afterEach(() => expectCleanDecoding());

const conns: Conn[] = [];
afterAll(() => leaveAll(...conns));

const SETTINGS = { bots: false, seed: 3, eventSeconds: 600, negotiationSeconds: 3600, reviewSeconds: 600 };

/** The server's log lines (JSON) of this game. */
function logOf(code: string): { msg: string; how?: string; refusal?: string }[] {
  return server
    .output()
    .split("\n")
    .filter((line) => line.startsWith("{") && line.includes(`"code":"${code}"`))
    .map((line) => JSON.parse(line) as { msg: string; how?: string; refusal?: string });
}

describe("rejoining with one's seat token", () => {
  let code: string;
  let ana: Conn;
  let bob: Conn;

  beforeAll(async () => {
    ({ code } = await createGame(server, { scenarioId: "classroom-quick", settings: SETTINGS }));
    ana = await join.player(server.endpoint, code, { name: "Ana", seat: "US" });
    bob = await join.player(server.endpoint, code, { name: "Bob", seat: "CN" });
    conns.push(ana, bob);
  });

  it("lets a person back 10 times in a minute, then refuses rate/rejoins; their seat stays theirs and others still come back", async () => {
    const token = ana.welcome.token!;
    for (let i = 0; i < 10; i++) {
      ana = await join.player(server.endpoint, code, { name: "Ana", token });
      conns.push(ana);
      expect(ana.welcome.seat).toBe("US");
    }
    expect(await refusedJoin(server.endpoint, code, { as: "player", name: "Ana", token })).toBe(
      "rate/rejoins: you have rejoined this game too often in the last minutes; wait a minute and join again",
    );
    // Refused again, and a refusal is not counted (nor logged as a join).
    expect(await refusedJoin(server.endpoint, code, { as: "player", name: "Ana", token })).toMatch(/^rate\/rejoins/);
    // The last connection is still hers, and still in the game.
    expect(ana.open).toBe(true);
    await eventually(() => expect(bob.view().seats.find((s) => s.id === "US")?.holders.map((h) => h.connected)).toEqual([true]));
    // Bob's token is his own count.
    const bobAgain = await join.player(server.endpoint, code, { name: "Bob", token: bob.welcome.token! });
    conns.push(bobAgain);
    expect(bobAgain.welcome.seat).toBe("CN");

    // Eleven comings back (Ana's ten, Bob's one) in /metrics; in the log one line per person.
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(/^chokepoint_rejoins_total\{how="rejoin"\} 11$/m);
    await eventually(() => expect(logOf(code).filter((l) => l.msg === "came back")).toHaveLength(2));
    expect(logOf(code).filter((l) => l.msg === "joined")).toHaveLength(2);
  });

  it("refused when its socket connects (seats reserved while under the limit), a rejoin is written to the log once a minute, not each time", async () => {
    let cai = await join.player(server.endpoint, code, { name: "Cai", seat: "JP" });
    conns.push(cai);
    const token = cai.welcome.token!;
    for (let i = 0; i < 9; i++) {
      cai = await join.player(server.endpoint, code, { name: "Cai", token });
      conns.push(cai);
    }
    // Nine rejoins: the matchmaker lets three more reserve a seat; the first socket is the tenth rejoin, the others are refused by the room.
    const seats = await Promise.all(Array.from({ length: 3 }, () => reserveSeat(server.url, code, { as: "player", name: "Cai", token })));
    const outcomes: string[] = [];
    for (const { seat } of seats) outcomes.push(await roomSocketOutcome(`${server.endpoint}/${seat!.processId}/${seat!.roomId}?sessionId=${seat!.sessionId}`));
    expect(outcomes).toEqual(["joined", "refused", "refused"]);
    expect(await refusedJoin(server.endpoint, code, { as: "player", name: "Cai", token })).toMatch(/^rate\/rejoins/);
    // A join logged after them: once its line is in, every line before it is.
    conns.push(await join.observer(server.endpoint, code, "Projector"));
    await eventually(() => expect(logOf(code).some((l) => l.msg === "joined" && (l as { kind?: string }).kind === "observer")).toBe(true));
    expect(logOf(code).filter((l) => l.msg === "join refused" && l.refusal?.startsWith("rate/rejoins"))).toHaveLength(1);
  });

  it("a reconnection (client.reconnect after a drop) counts as a rejoin: the eleventh in a minute is refused with rate/rejoins", async () => {
    let dee = await join.player(server.endpoint, code, { name: "Dee", seat: "NL" });
    conns.push(dee);
    for (let i = 0; i < 10; i++) {
      await dee.drop();
      dee = await dee.reconnect();
      conns.push(dee);
      expect(dee.welcome.seat).toBe("NL");
    }
    await dee.drop();
    await expect(dee.reconnect()).rejects.toThrow(/^rate\/rejoins/);
    expect(await refusedJoin(server.endpoint, code, { as: "player", name: "Dee", token: dee.welcome.token! })).toMatch(/^rate\/rejoins/);
  });
});
