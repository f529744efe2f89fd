/**
 * Frames no honest client sends, written from the wire protocol with a raw WebSocket
 * (tests/helpers/raw-client.ts): the process stays up, the sender gets nothing it can use,
 * and an honest player's next request is answered.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { expectCleanDecoding, join, leaveAll, type Conn } from "../helpers/game-client.ts";
import { dataFrame, pack, PROTOCOL, RawClient, requestFrame, reserveSeat } from "../helpers/raw-client.ts";
import { createGame, lobby, type ServerProcess } from "../helpers/server-process.ts";
import { serverPerFile } from "../helpers/server-per-file.ts";
import { eventually, waitFor } from "../helpers/wait.ts";
import { DEFAULT_BUDGET } from "../../server/rooms/frame-guard.ts";
import { SEAT_MOVES_PER_TEN_MINUTES } from "../../server/rooms/requests.ts";

let server: ServerProcess;
let code: string;
let player: Conn;
const raws: RawClient[] = [];
serverPerFile((s) => (server = s));

beforeAll(async () => {
  ({ code } = await createGame(server, { scenarioId: "classroom-quick", settings: { quickStart: true, seed: 4, eventSeconds: 600, negotiationSeconds: 3600, reviewSeconds: 600 } }));
  player = await join.player(server.endpoint, code, { name: "Ana", seat: "US" });
  // A friend's browser learns from the lobby that nobody runs this game.
  expect((await lobby(server, code)).settings.quickStart).toBe(true);
});

afterAll(async () => {
  await leaveAll(player);
  await Promise.all(raws.map((r) => r.close()));
});

afterEach(() => expectCleanDecoding());

let said = 0;
/** The server is up and an honest player's request still gets its answer. */
async function honestPlayerIsServed() {
  expect(server.exited, server.output()).toBe(false);
  const text = `still here ${++said}`;
  const reply = await player.act({ type: "chat", channel: "plenary", text });
  expect(reply).toMatchObject({ ok: true });
  await eventually(() => expect(player.view().messages.map((m) => m.text)).toContain(text));
}

async function rawJoin(options: Record<string, unknown>): Promise<RawClient> {
  const raw = await RawClient.join(server.url, code, options);
  raws.push(raw);
  return raw;
}

describe("frames that used to end the process", () => {
  it("a message type longer than a close reason may be (the 104-byte frame), from an observer", async () => {
    const raw = await rawJoin({ as: "observer" });
    raw.send(dataFrame("a".repeat(100)));
    raw.send(dataFrame("b".repeat(92)));
    raw.send(dataFrame("é".repeat(200), { x: 1 }));
    await honestPlayerIsServed();
    // Dropped, not echoed: nothing the server sent back quotes the type.
    expect(Buffer.concat(raw.frames).includes(Buffer.from("aaaaaaaaaa"))).toBe(false);
  });

  it("the same from an unseated player and as requests", async () => {
    const raw = await rawJoin({ as: "player", name: "Mallory" });
    raw.send(requestFrame(1, "z".repeat(120)));
    raw.send(Buffer.concat([Buffer.from([PROTOCOL.ROOM_DATA_BYTES]), pack("q".repeat(150))]));
    await honestPlayerIsServed();
  });
});

describe("malformed frames of every kind", () => {
  it("numeric types, unknown protocol codes and truncated frames are dropped; the sender stays connected", async () => {
    const raw = await rawJoin({ as: "observer" });
    const frames = [
      dataFrame(0),
      dataFrame(99999),
      dataFrame(-5, "x"),
      requestFrame(3, 7),
      ...[0, 1, 5, 9, 11, 14, 15, 16, 19, 20, 22, 31, 99, 200, 255].map((c) => Buffer.from([c, 0xa3, 0x61, 0x63, 0x74])),
      Buffer.from([PROTOCOL.ROOM_DATA]),
      Buffer.from([PROTOCOL.ROOM_REQUEST]),
      Buffer.from([PROTOCOL.ROOM_REQUEST, 0xcd]),
      Buffer.from([PROTOCOL.ROOM_DATA, 0xd9, 50, 0x61]),
      Buffer.from([PROTOCOL.ROOM_DATA, 0xa5, 0x61]),
      Buffer.from([PROTOCOL.ROOM_DATA, 0xdb, 0xff, 0xff, 0xff, 0xff]),
      Buffer.concat([dataFrame("act"), Buffer.from([0xdf, 0xff, 0xff])]),
      Buffer.concat([requestFrame(4, "act"), Buffer.from([0xc1])]),
      Buffer.from([PROTOCOL.JOIN_ROOM]),
      Buffer.from([PROTOCOL.PING, 1, 2, 3]),
    ];
    for (const f of frames) raw.send(f);
    await honestPlayerIsServed();
  });

  it("a request of an unknown type gets a coded refusal, and a known one still works", async () => {
    const raw = await rawJoin({ as: "observer" });
    expect(await raw.request(10, "launch-missiles", { now: true })).toBe(0);
    const reply = raw.frames.find((f) => f[0] === PROTOCOL.ROOM_RESPONSE && f[1] === 10)!;
    expect(reply.includes(Buffer.from("input/unknown_request"))).toBe(true);
    expect(reply.includes(Buffer.from("launch-missiles"))).toBe(false);
    // An observer's act is refused by the room, with a reply: the connection is fine.
    expect(await raw.request(11, "act", { type: "chat", channel: "plenary", text: "hi" })).toBe(0);
    expect(raw.open).toBe(true);
  });
});

describe("a seated player's own hostile requests", () => {
  it("acting for another seat is refused, and a frame past the transport's 4 KB closes only its own connection", async () => {
    const raw = await rawJoin({ as: "player", name: "Mallory", seat: "CN" });
    const status = (id: number) => raw.frames.find((f) => f[0] === PROTOCOL.ROOM_RESPONSE && f[1] === id);
    const refusedWith = (id: number, code: string) => expect(status(id)?.toString("latin1"), `request ${id}`).toContain(code);
    // Another seat named in the move, the actor smuggled in, another team's channel, a reason of its own.
    await raw.request(31, "act", { type: "ready", ready: true, seat: "US", actionId: "mallory-0001" });
    refusedWith(31, "input/invalid");
    await raw.request(32, "act", { type: "ready", ready: true, actor: { kind: "seat", seat: "US", roles: ["diplomat"] }, actionId: "mallory-0002" });
    refusedWith(32, "input/invalid");
    await raw.request(33, "act", { type: "chat", channel: "team:US", text: "posing as the US", actionId: "mallory-0003" });
    refusedWith(33, "rule/");
    await raw.request(34, "act", { type: "chat", channel: "plenary", text: "with a reason", reason: "bots only", actionId: "mallory-0004" });
    refusedWith(34, "input/invalid");
    await raw.request(35, "preview", { agreementId: "A1", seat: "US" });
    refusedWith(35, "input/invalid");
    expect(player.view().messages.map((m) => m.text)).not.toContain("posing as the US");
    // One frame over the WebSocket's 4 KB limit: the socket is closed (1009, message too big), the game goes on.
    raw.send(requestFrame(36, "act", { type: "chat", channel: "plenary", text: "x".repeat(5000), actionId: "mallory-0005" }));
    await waitFor(() => raw.closed, { message: "the oversized frame's connection to close" });
    expect(raw.closed?.code).toBe(1009);
    // The honest player is answered (a preview: the chat's rate is the other tests').
    expect(server.exited, server.output()).toBe(false);
    expect(await player.preview({ agreementId: "A999" })).toMatchObject({ ok: false, error: { code: "rule/unknown_agreement" } });
    // The sender's mistake, not the server's: no error with a stack trace in the log (the line, written before the close frame, is in the output by now).
    const errors = server.output().split("\n").filter((line) => line.includes('"level":50'));
    expect(errors.filter((line) => /payload/i.test(line))).toEqual([]);
  });

  it("a seat opening channel after channel, or sending free-form action after free-form action, is refused past its limit in 10 minutes; the lists others get stop growing", async () => {
    const mallory = await join.player(server.endpoint, code, { name: "Mallory", seat: "TW" });
    try {
      // Every set of the others that includes the US: each a new channel the US player's section lists.
      const others = ["NL", "JP", "CN", "IN", "ID"];
      const sets = Array.from({ length: 2 ** others.length }, (_, i) => ["US", ...others.filter((_, b) => (i >> b) & 1)]);
      const replies = [];
      for (const members of sets.slice(0, SEAT_MOVES_PER_TEN_MINUTES["open-channel"] + 3)) replies.push(await mallory.act({ type: "open-channel", members }));
      expect(replies.slice(0, SEAT_MOVES_PER_TEN_MINUTES["open-channel"]).every((r) => r.ok)).toBe(true);
      for (const r of replies.slice(SEAT_MOVES_PER_TEN_MINUTES["open-channel"])) expect(r).toMatchObject({ ok: false, error: { code: "rate/limited", text: { key: "server.channelsTooFast", args: { max: SEAT_MOVES_PER_TEN_MINUTES["open-channel"] } } } });
      const opened = () => player.view().channels.filter((c) => c.members.includes("TW"));
      await eventually(() => expect(opened()).toHaveLength(SEAT_MOVES_PER_TEN_MINUTES["open-channel"]));
      // Mallory may still talk in those she opened.
      expect(await mallory.act({ type: "chat", channel: opened()[0]!.id, text: "hello" })).toMatchObject({ ok: true });
      // Free-form actions, each in the facilitator's section until ruled on.
      const max = SEAT_MOVES_PER_TEN_MINUTES.matrix;
      const actions = [];
      for (let i = 0; i <= max + 1; i++) actions.push(await mallory.act({ type: "matrix", text: `We build fab number ${i}, so that we can sell chips.` }));
      expect(actions.slice(0, max).every((r) => r.ok)).toBe(true);
      for (const r of actions.slice(max)) expect(r).toMatchObject({ ok: false, error: { code: "rate/limited", text: { key: "server.matrixTooFast", args: { max } } } });
      await eventually(() => expect(mallory.view().matrix.filter((m) => m.seat === "TW")).toHaveLength(max));
    } finally {
      await leaveAll(mallory);
    }
  });
});

describe("a per-connection budget in front of decoding", () => {
  it("a flooding connection is cut off with a coded reason while the honest player is served", async () => {
    const raw = await rawJoin({ as: "observer" });
    const frame = requestFrame(1, "preview", { agreementId: "x" });
    const started = Date.now();
    // In batches, reading between them: a client that writes on past the server's drop of its
    // socket (a second after the close, docs/PROTOCOL.md) loses the close frame on a slow machine.
    const sent = await raw.flood(frame);
    await waitFor(() => raw.closed, { message: "the flooding connection to be closed" });
    expect(raw.closed).toEqual({ code: 4429, reason: "rate/flood" });
    // Past the budget, frames were dropped unread: replies to no more than the burst and what the
    // connection earned back while the flood lasted (a busy server reads it over a longer time).
    const { burst, perSecond } = DEFAULT_BUDGET;
    const earned = Math.ceil(((Date.now() - started) / 1000) * perSecond);
    const replies = raw.frames.filter((f) => f[0] === PROTOCOL.ROOM_RESPONSE).length;
    expect(replies, `${replies} replies to ${sent} frames`).toBeLessThanOrEqual(burst + earned);
    expect(replies, `${replies} replies to ${sent} frames`).toBeLessThan(sent);
    await honestPlayerIsServed();
  });

  it("a short burst over the budget is dropped without closing the connection", async () => {
    const raw = await rawJoin({ as: "observer" });
    for (let i = 0; i < 75; i++) raw.send(requestFrame(i, "preview", { agreementId: "x" }));
    await waitFor(() => raw.frames.filter((f) => f[0] === PROTOCOL.ROOM_RESPONSE).length >= 58, { message: "the budgeted replies" });
    expect(raw.open).toBe(true);
    // Once it has earned tokens back, it is served again.
    await eventually(async () => expect(await raw.request(100, "preview", { agreementId: "x" }, 1000)).toBe(0), { timeout: 15_000 });
  });

  it("an address whose connections keep flooding may not join again for a minute; others still can", async () => {
    const from = "127.0.0.7";
    // Someone already seated behind the same address (a school's) who comes back with their token is not held back.
    const nadia = await join.player(server.endpoint, code, { name: "Nadia", seat: "IN" });
    const token = nadia.welcomes[0]!.token!;
    await nadia.leave();
    for (let n = 0; n < 3; n++) {
      const raw = await RawClient.join(server.url, code, { as: "observer" }, from);
      raws.push(raw);
      await raw.flood(dataFrame("act", { type: "ready" }));
      await waitFor(() => raw.closed, { message: `flood ${n + 1} to be cut off` });
      expect(raw.closed?.code).toBe(4429);
    }
    const refused = await reserveSeat(server.url, code, { as: "observer" }, from);
    expect(refused.status).toBe(429);
    expect(refused.error?.error).toMatch(/^rate\/limited/);
    expect((await reserveSeat(server.url, code, { as: "observer" }, "127.0.0.8")).status).toBe(200);
    expect((await reserveSeat(server.url, code, { as: "player", name: "Nadia", token }, from)).status).toBe(200);
    expect((await reserveSeat(server.url, code, { as: "player", name: "Eve", token: "made-up-token-0123456789" }, from)).status).not.toBe(200);
    await honestPlayerIsServed();
  });

  it("covers every kind of connection: the facilitator's and a seated player's too", async () => {
    const raw = await rawJoin({ as: "player", name: "Flood", seat: "JP" });
    await raw.flood(requestFrame(1, "act", { type: "ready", ready: true }));
    await waitFor(() => raw.closed, { message: "the flooding player's connection to be closed" });
    expect(raw.closed?.code).toBe(4429);
    await honestPlayerIsServed();
  });

  it("a seated person closed for flooding may not come back with their token for a minute, from any address", async () => {
    const seated = await join.player(server.endpoint, code, { name: "Flo", seat: "ID" });
    const token = seated.welcomes[0]!.token!;
    await seated.leave();
    // Back with the token from an address of its own (one flood there, so no address is banned), then flooding.
    const raw = await RawClient.join(server.url, code, { as: "player", name: "Flo", token }, "127.0.0.10");
    raws.push(raw);
    await raw.flood(requestFrame(1, "act", { type: "ready", ready: true }));
    await waitFor(() => raw.closed, { message: "the flooding player's connection to be closed" });
    expect(raw.closed?.code).toBe(4429);
    for (const from of ["127.0.0.11", "127.0.0.12"]) {
      const refused = await reserveSeat(server.url, code, { as: "player", name: "Flo", token }, from);
      expect(refused.status).toBe(429);
      expect(refused.error?.error).toMatch(/^rate\/limited/);
    }
    // Anyone else from those addresses is let in.
    expect((await reserveSeat(server.url, code, { as: "observer" }, "127.0.0.11")).status).toBe(200);
  });
});

describe("what a join costs the game", () => {
  it("a join the room would refuse is refused by the matchmaker, before a seat is reserved or a socket opened", async () => {
    const badToken = await reserveSeat(server.url, code, { as: "player", name: "Mallory", token: "made-up-token-0123456789" });
    expect(badToken.seat).toBeUndefined();
    expect(badToken.status).toBe(403);
    expect(badToken.error?.error).toMatch(/^auth\/bad_token/);
    const taken = await reserveSeat(server.url, code, { as: "player", name: "Mallory", seat: "US" });
    expect(taken.seat).toBeUndefined();
    expect(taken.error?.error).toMatch(/^seat\/taken/);
    const malformed = await reserveSeat(server.url, code, { as: "spy" });
    expect(malformed.error?.error).toMatch(/^input\/invalid/);
    // A join the room accepts still gets its reservation.
    expect((await reserveSeat(server.url, code, { as: "observer" })).seat?.roomId).toBe(code);
    await honestPlayerIsServed();
  });

  it("an observer coming and going sends the others no patch of the seat list", async () => {
    const watcher = await rawJoin({ as: "observer" });
    const from = watcher.frames.length;
    const passer = await rawJoin({ as: "observer", name: "Passer-by" });
    await passer.close();
    // A change everyone sees, after the observer came and went: once it has arrived, so has anything sent before it.
    const marker = `after the passer-by ${++said}`;
    await player.ok({ type: "chat", channel: "plenary", text: marker });
    await waitFor(() => Buffer.concat(watcher.frames.slice(from)).includes(Buffer.from(marker)), { message: "the chat line's patch" });
    const patches = watcher.frames.slice(from).filter((f) => f[0] === PROTOCOL.ROOM_STATE_PATCH);
    // The seat list holds "Ana" (United States); rewriting it would send her name again.
    expect(patches.some((f) => f.includes(Buffer.from("Ana")))).toBe(false);
  });
});
