/**
 * A client that does not read its socket (server/rooms/send-guard.ts): it keeps answering the
 * server's pings with pongs of its own, so the ping timeout never cuts it, while what the game
 * sends it piles up. Past SLOW_CLIENT_BYTES waiting unsent, its connection is cut as a drop;
 * the game goes on for the others, and it comes back with its seat token to a full state.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { expectCleanDecoding, join, leaveAll, type Conn } from "../helpers/game-client.ts";
import { PROTOCOL, RawClient } from "../helpers/raw-client.ts";
import { createGame, type ServerProcess } from "../helpers/server-process.ts";
import { serverPerFile } from "../helpers/server-per-file.ts";
import { eventually, waitFor } from "../helpers/wait.ts";

/** Small for the test: the loopback's own buffers (a few hundred KB and more) fill first anyway. */
const LIMIT = 256 * 1024;
let server: ServerProcess;
serverPerFile((s) => (server = s), { env: { SLOW_CLIENT_BYTES: String(LIMIT), LOG_LEVEL: "info" } });
afterEach(() => expectCleanDecoding());

const conns: Conn[] = [];
let slow: RawClient | undefined;
let pongs: NodeJS.Timeout | undefined;
afterAll(async () => {
  clearInterval(pongs);
  await slow?.close();
  await leaveAll(...conns);
});

const SETTINGS = { bots: false, seed: 3, eventSeconds: 600, negotiationSeconds: 3600, reviewSeconds: 600 };
/** A broadcast of 990 Chinese characters: about 3 KB in every patch that carries it. */
const LONG = "请各位代表注意时间安排".repeat(90);

describe("a client that stops reading", () => {
  let code: string;
  let key: string;

  beforeAll(async () => {
    ({ code, facilitatorKey: key } = await createGame(server, { scenarioId: "classroom-quick", settings: SETTINGS }));
  });

  it("is cut once its unsent bytes pass the limit; the others play on, and it rejoins with its token to a full state", async () => {
    const fac = await join.facilitator(server.endpoint, code, key);
    const bob = await join.player(server.endpoint, code, { name: "Bob", seat: "CN" });
    conns.push(fac, bob);
    slow = await RawClient.join(server.url, code, { as: "player", name: "Sloth", seat: "US" });
    const welcome = await waitFor(() => slow!.frames.find((f) => f[0] === PROTOCOL.ROOM_DATA && f.includes("welcome")), { message: "the welcome" });
    const token = /token\xb8([\w-]{24})/.exec(welcome.toString("latin1"))?.[1];
    expect(token).toBeTruthy();
    const slothConnected = () => fac.view().seats.find((s) => s.id === "US")?.holders.find((h) => h.name === "Sloth")?.connected;
    await eventually(() => expect(slothConnected()).toBe(true));
    await fac.command({ type: "start" });

    // It reads nothing more, but sends a pong now and then: the ping timeout would not cut it.
    slow.ws.pause();
    pongs = setInterval(() => slow!.ws.readyState === slow!.ws.OPEN && slow!.ws.pong(), 500);
    // The loopback's buffers hold about 4 MB before anything waits in the server's memory: long
    // broadcasts, from facilitator connections that each send within their frame budget
    // (server/rooms/frame-guard.ts: 60 units, 3 for a 3 KB frame) and leave, four at a time.
    const broadcaster = async () => {
      const raw = await RawClient.join(server.url, code, { as: "facilitator", key });
      try {
        for (let i = 0; i < 19 && slothConnected(); i++) {
          expect(await raw.request(i + 1, "facilitator", { type: "broadcast", text: LONG, actionId: `slow-consumer-${++ids}` })).toBe(0);
          raw.frames.length = 0;
        }
      } finally {
        await raw.close();
      }
    };
    let ids = 0;
    // About 20 rounds of 4 × 19 reach the limit; three times as many before the test gives up.
    // That bound, not the clock, is what fails it: the ~1,500 broadcasts (each sent to seven
    // connections) take 50 s on a machine at load 11 and over 120 s at load 45, so the test's
    // timeout is only a guard against a hang, as in vitest.config.ts's pure project.
    for (let rounds = 0; rounds < 60 && slothConnected(); rounds++) await Promise.all([broadcaster(), broadcaster(), broadcaster(), broadcaster()]);
    await eventually(() => expect(slothConnected()).toBe(false));
    expect(server.output()).toContain("a client that does not read: connection cut");

    // The others play on: a broadcast after the cut reaches Bob, and the game still answers.
    await fac.command({ type: "broadcast", text: "Still here?" });
    await eventually(() => expect(bob.view().messages.some((m) => m.text === "Still here?")).toBe(true));
    // It comes back with its token: its seat, and a full state (the last broadcast in it).
    const back = await join.player(server.endpoint, code, { name: "Sloth", token: token! });
    conns.push(back);
    expect(back.welcome.seat).toBe("US");
    await eventually(() => expect(back.view().messages.some((m) => m.text === "Still here?")).toBe(true));
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(/^chokepoint_slow_clients_cut_total 1$/m);
  }, 600_000);
});
