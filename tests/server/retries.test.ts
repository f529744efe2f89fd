/**
 * Retries must not act twice: an action sent again with its action id (a client retrying
 * after a reconnect) gets the first answer and changes nothing, also after the server was
 * killed and restarted on the same database.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { expectCleanDecoding, expectRefused, join, leaveAll, newActionId, type Conn } from "../helpers/game-client.ts";
import { createGame, startServerProcess, tempDatabase, withBoots, type ServerProcess } from "../helpers/server-process.ts";
import { eventually } from "../helpers/wait.ts";

const db = tempDatabase();
let server: ServerProcess;
let code: string;
let key: string;
let fac: Conn, us: Conn, nl: Conn, obs: Conn;
let usToken: string;

beforeAll(async () => {
  server = await startServerProcess({ databasePath: db.databasePath });
  ({ code, facilitatorKey: key } = await createGame(server, { scenarioId: "classroom-quick", settings: { bots: false, seed: 8, eventSeconds: 600, negotiationSeconds: 3600, reviewSeconds: 600 } }));
  fac = await join.facilitator(server.endpoint, code, key);
  us = await join.player(server.endpoint, code, { name: "Ana", seat: "US" });
  nl = await join.player(server.endpoint, code, { name: "Noor", seat: "NL" });
  obs = await join.observer(server.endpoint, code);
  usToken = us.welcome.token!;
  await fac.command({ type: "start" });
  await fac.command({ type: "advance" });
  await eventually(() => expect(us.view().phase).toBe("negotiation"));
}, withBoots(1));

afterAll(async () => {
  await leaveAll(fac, us, nl, obs);
  await server?.kill();
  db.cleanup();
});

afterEach(() => expectCleanDecoding());

const lines = (c: Conn, text: string) => c.view().messages.filter((m) => m.text === text).length;
const screening = { terms: { type: "screening" }, parties: ["NL", "US"], duration: 2 } as const;

describe("actions sent at once", () => {
  it("are applied one at a time, each to the state the one before left: versions one apart, each player's lines in the order sent", async () => {
    // Two players' three lines each, none awaited before the next is sent.
    const sent = [us, nl].flatMap((c, k) => [0, 1, 2].map((i) => ({ c, text: `at once ${k}.${i}` })));
    const replies = await Promise.all(sent.map(({ c, text }) => c.ok({ type: "chat", channel: "plenary", text })));
    const versions = replies.map((r) => r.version);
    const sorted = [...versions].sort((a, b) => a - b);
    expect(sorted).toEqual(sorted.map((_, i) => sorted[0]! + i));
    for (const k of [0, 1]) {
      const own = versions.slice(3 * k, 3 * k + 3);
      expect(own).toEqual([...own].sort((a, b) => a - b));
    }
    const shown = () => obs.view().messages.map((m) => m.text).filter((t) => t.startsWith("at once "));
    await eventually(() => expect(shown()).toHaveLength(6));
    for (const k of [0, 1]) expect(shown().filter((t) => t.startsWith(`at once ${k}.`))).toEqual([0, 1, 2].map((i) => `at once ${k}.${i}`));
  });
});

describe("the same action id twice", () => {
  it("one chat line, and the repeat gets the first answer", async () => {
    const id = newActionId();
    const move = { type: "chat", channel: "plenary", text: "Only once, please." } as const;
    const first = await us.act(move, id);
    const again = await us.act(move, id);
    expect(first).toMatchObject({ ok: true });
    expect(again).toEqual(first);
    const other = await us.ok({ type: "chat", channel: "plenary", text: "A marker after it." });
    await eventually(() => expect(lines(obs, "A marker after it.")).toBe(1));
    expect(lines(obs, "Only once, please.")).toBe(1);
    expect(other.version).toBe((first as unknown as { version: number }).version + 1);
  });

  it("one agreement from a propose sent twice at once", async () => {
    const id = newActionId();
    const before = us.view().agreements.length;
    const [a, b] = await Promise.all([us.act({ type: "propose", draft: screening }, id), us.act({ type: "propose", draft: screening }, id)]);
    expect(a).toMatchObject({ ok: true });
    expect(b).toEqual(a);
    await us.ok({ type: "chat", channel: "plenary", text: "after the offer" });
    await eventually(() => expect(lines(us, "after the offer")).toBe(1));
    expect(us.view().agreements.length).toBe(before + 1);
  });

  it("a refusal by the rules is answered the same way again; a different id is a new action", async () => {
    const id = newActionId();
    const first = expectRefused(await nl.act({ type: "sign", agreementId: "A999", revision: 1 }, id), "rule/unknown_agreement");
    expect(await nl.act({ type: "sign", agreementId: "A999", revision: 1 }, id)).toEqual(first);
    // The id belongs to the seat: the same id from another seat is that seat's own action.
    expect(await us.act({ type: "chat", channel: "plenary", text: "same id, other seat" }, id)).toMatchObject({ ok: true });
    await eventually(() => expect(lines(obs, "same id, other seat")).toBe(1));
  });

  it("a facilitator's command too: one broadcast", async () => {
    const id = newActionId();
    const first = await fac.facilitator({ type: "broadcast", text: "Five minutes left." }, id);
    expect(await fac.facilitator({ type: "broadcast", text: "Five minutes left." }, id)).toEqual(first);
    await fac.command({ type: "broadcast", text: "marker" });
    await eventually(() => expect(lines(obs, "marker")).toBe(1));
    expect(lines(obs, "Five minutes left.")).toBe(1);
  });

  it("an action without an id is refused and names the field", async () => {
    const reply = expectRefused((await us.room.request("act", { type: "ready", ready: true } as never, { timeout: 5000 })) as never, "input/invalid");
    expect(reply.error.message).toMatch(/^actionId: /);
  });

  it("is remembered durably: after kill -9 and a restart the repeat still changes nothing", { timeout: withBoots(1) }, async () => {
    const id = newActionId();
    const text = "Said just before the crash.";
    const first = await us.act({ type: "chat", channel: "plenary", text }, id);
    expect(first).toMatchObject({ ok: true });
    await server.kill();
    await leaveAll(fac, us, nl, obs);
    server = await startServerProcess({ databasePath: db.databasePath });
    us = await join.player(server.endpoint, code, { name: "Ana", token: usToken });
    obs = await join.observer(server.endpoint, code);
    // The client retries the action it never saw answered, with the same id.
    expect(await us.act({ type: "chat", channel: "plenary", text }, id)).toEqual(first);
    await us.ok({ type: "chat", channel: "plenary", text: "after the restart" });
    await eventually(() => expect(lines(obs, "after the restart")).toBe(1));
    expect(lines(obs, text)).toBe(1);
  });
});
