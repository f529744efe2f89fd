/**
 * A game setting decides whether the facilitator can read private channels, and players write
 * under the setting shown to them (docs/RULES.md): a line written while it was off stays
 * unreadable to the facilitator after it is switched on, in the live view, the past chat, the
 * report and the log; a line written while it was on stays readable after it is switched off.
 */
import { randomBytes } from "node:crypto";
import { afterAll, afterEach, expect, it } from "vitest";
import { expectCleanDecoding, join, leaveAll, type Conn } from "../helpers/game-client.ts";
import { createGame, type ServerProcess } from "../helpers/server-process.ts";
import { serverPerFile } from "../helpers/server-per-file.ts";
import { eventually } from "../helpers/wait.ts";

let server: ServerProcess;
const conns: Conn[] = [];
serverPerFile((s) => (server = s));
afterAll(() => leaveAll(...conns));
afterEach(() => expectCleanDecoding());

const nonce = () => randomBytes(6).toString("hex").toUpperCase();

it("switching the facilitator's reading on mid-game opens only the private lines written from then on, everywhere the facilitator reads", async () => {
  const { code, facilitatorKey } = await createGame(server, { scenarioId: "classroom-quick", settings: { teams: false, bots: false, seed: 5, eventSeconds: 600, negotiationSeconds: 3600, reviewSeconds: 600, facilitatorReadsPrivate: false } });
  const fac = await join.facilitator(server.endpoint, code, facilitatorKey);
  const us = await join.player(server.endpoint, code, { name: "Ana", seat: "US" });
  const nl = await join.player(server.endpoint, code, { name: "Ben", seat: "NL" });
  conns.push(fac, us, nl);
  await fac.command({ type: "start" });
  await fac.command({ type: "advance" });
  await eventually(() => expect(us.view().phase).toBe("negotiation"));
  await us.ok({ type: "open-channel", members: ["NL"] });
  await eventually(() => expect(us.view().channels.some((x) => x.kind === "bilateral")).toBe(true));
  const channel = us.view().channels.find((x) => x.kind === "bilateral")!.id;
  const before = `WRITTEN-WHILE-OFF-${nonce()}`;
  await us.ok({ type: "chat", channel, text: before });
  await eventually(() => expect(nl.view().messages.map((x) => x.text)).toContain(before));

  await fac.command({ type: "set-comms", facilitatorReadsPrivate: true });
  await eventually(() => expect(us.view().settings.facilitatorReadsPrivate).toBe(true));
  const during = `WRITTEN-WHILE-ON-${nonce()}`;
  await nl.ok({ type: "chat", channel, text: during });
  // The facilitator receives the line written while on, never the one written while off.
  await eventually(() => expect(fac.view().messages.map((x) => x.text)).toContain(during));
  expect(fac.received(before)).toBe(false);

  const read = async (path: string) => {
    const res = await fetch(`${server.url}/api/games/${code}${path}`, { headers: { "x-facilitator-key": facilitatorKey } });
    expect(res.status).toBe(200);
    return res.text();
  };
  for (const path of ["/past/chat", "/report", "/report.html", "/log.json"]) {
    const body = await read(path);
    expect(body, path).toContain(during);
    expect(body, path).not.toContain(before);
  }

  // Switched off again: what was written while on stays readable, what is written now does not arrive.
  await fac.command({ type: "set-comms", facilitatorReadsPrivate: false });
  await eventually(() => expect(us.view().settings.facilitatorReadsPrivate).toBe(false));
  const after = `WRITTEN-OFF-AGAIN-${nonce()}`;
  await us.ok({ type: "chat", channel, text: after });
  await eventually(() => expect(nl.view().messages.map((x) => x.text)).toContain(after));
  for (const path of ["/past/chat", "/report", "/log.json"]) {
    const body = await read(path);
    expect(body, path).toContain(during);
    expect(body, path).not.toContain(before);
    expect(body, path).not.toContain(after);
  }
  expect(fac.received(before) || fac.received(after)).toBe(false);
  expect(fac.view().messages.map((x) => x.text)).toContain(during);
  // The players themselves read all three, as before.
  expect(us.view().messages.map((x) => x.text)).toEqual(expect.arrayContaining([before, during, after]));
});
