/**
 * A client's StateView holds exactly the private lines (unsigned deals, private chat) its
 * viewer may read, also when that changed while the client could not be told: a connection
 * that dropped and came back, a person the facilitator moved to another seat. Checked on the
 * decoded view and on the raw bytes (tests/helpers/recording-socket.ts).
 */
import { afterEach, describe, expect, it } from "vitest";
import { expectCleanDecoding, join, leaveAll, type Conn } from "../helpers/game-client.ts";
import { createGame, type ServerProcess } from "../helpers/server-process.ts";
import { serverPerFile } from "../helpers/server-per-file.ts";
import { eventually, waitFor } from "../helpers/wait.ts";
import { CHAT_WINDOW } from "../../server/rooms/view-sync.ts";

let server: ServerProcess;
serverPerFile((s) => (server = s));

afterEach(() => expectCleanDecoding());

const SETTINGS = { teams: false, bots: false, seed: 6, reconnectSeconds: 30, eventSeconds: 600, negotiationSeconds: 3600, reviewSeconds: 600 };

async function negotiating(seats: string[]) {
  const { code, facilitatorKey } = await createGame(server, { scenarioId: "classroom-quick", settings: SETTINGS });
  const fac = await join.facilitator(server.endpoint, code, facilitatorKey);
  const players: Record<string, Conn> = {};
  for (const seat of seats) players[seat] = await join.player(server.endpoint, code, { name: `Player ${seat}`, seat });
  await fac.command({ type: "start" });
  await fac.command({ type: "advance" });
  for (const c of [fac, ...Object.values(players)]) await eventually(() => expect(c.view().phase).toBe("negotiation"));
  return { code, fac, players };
}

/** The bytes a connection received after `mark` frames. */
const since = (c: Conn, mark: number) => Buffer.concat(c.socket.frames.slice(mark));

describe("a connection that dropped and came back", () => {
  it("sees its offer as signed when the last party signed while it was away", async () => {
    const { fac, players } = await negotiating(["US", "NL"]);
    const { US: us, NL: nl } = players as Record<string, Conn>;
    const open: Conn[] = [fac, us!, nl!];
    try {
      const offer = await us!.propose({ terms: { type: "rnd", sector: "ai", contribution: 2.17 }, parties: ["US", "NL"], duration: 2 });
      await eventually(() => expect(nl!.view().agreements.map((a) => a.id)).toContain(offer));
      await us!.drop();
      await nl!.ok({ type: "sign", agreementId: offer, revision: 1 });
      await eventually(() => expect(fac.view().agreements.find((a) => a.id === offer)?.status).toBe("signed"));
      const back = await us!.reconnect();
      open.push(back);
      expect(back.view().agreements.find((a) => a.id === offer)).toMatchObject({ status: "signed", signatures: ["US", "NL"] });
      // It holds the deal once, as everyone else does: the public copy.
      expect(back.syncedState().privateAgreements.map((d) => d.id)).not.toContain(offer);
      expect(back.view().agreements.find((a) => a.id === offer)).toEqual(nl!.view().agreements.find((a) => a.id === offer));
    } finally {
      await leaveAll(...open);
    }
  });

  it("receives nothing more of an offer an amendment took it out of while it was away", async () => {
    const { fac, players } = await negotiating(["US", "NL", "JP"]);
    const { US: us, NL: nl, JP: jp } = players as Record<string, Conn>;
    const open: Conn[] = [fac, us!, nl!, jp!];
    try {
      const draft = (contribution: number, parties: string[]) => ({ terms: { type: "rnd" as const, sector: "ai" as const, contribution }, parties, duration: 2 });
      const offer = await nl!.propose(draft(1.5, ["NL", "JP", "US"]));
      await eventually(() => expect(jp!.view().agreements.map((a) => a.id)).toContain(offer));
      await jp!.drop();
      // While JP is away, the offer leaves it out, and changes again.
      await nl!.ok({ type: "amend", agreementId: offer, revision: 1, draft: draft(2.41, ["NL", "US"]) });
      const back = await jp!.reconnect();
      open.push(back);
      const mark = back.socket.frames.length;
      await nl!.ok({ type: "amend", agreementId: offer, revision: 2, draft: draft(3.59, ["NL", "US"]) });
      await eventually(() => expect(us!.view().agreements.find((a) => a.id === offer)?.revision).toBe(3));
      // A public line after it: once it has arrived, so has anything sent before it.
      await us!.ok({ type: "chat", channel: "plenary", text: "marker after the amendments" });
      await eventually(() => expect(back.view().messages.map((m) => m.text)).toContain("marker after the amendments"));
      expect(back.received('"contribution":2.41'), "the amendment made while it was away").toBe(false);
      expect(since(back, mark).includes(Buffer.from('"contribution":3.59')), "the amendment made after it came back").toBe(false);
      expect(back.view().agreements.map((a) => a.id)).not.toContain(offer);
    } finally {
      await leaveAll(...open);
    }
  });
});

describe("a person the facilitator moves to another seat", () => {
  it("keeps none of the old seat's private lines and receives nothing more of them", async () => {
    const { fac, players } = await negotiating(["US", "NL", "JP"]);
    const { US: us, NL: nl, JP: jp } = players as Record<string, Conn>;
    try {
      await us!.ok({ type: "open-channel", members: ["NL"] });
      await us!.ok({ type: "chat", channel: "ch:NL+US", text: "between the US and the Netherlands" });
      const offer = await us!.propose({ terms: { type: "rnd", sector: "ai", contribution: 1.25 }, parties: ["US", "NL"], duration: 2 });
      await eventually(() => expect(nl!.view().agreements.map((a) => a.id)).toContain(offer));
      // The facilitator moves the Dutch player to Indonesia, a free seat.
      const holder = (await waitFor(() => fac.view().seats.find((s) => s.id === "NL")?.holders[0], { message: "NL's holder" })).id;
      await fac.command({ type: "assign-seat", holder, seat: "ID" });
      await waitFor(() => nl!.welcome.seat === "ID", { message: "the player's new seat" });
      await eventually(() => expect(nl!.view().viewer).toMatchObject({ kind: "seat", seat: "ID" }));
      const mark = nl!.socket.frames.length;
      await us!.ok({ type: "chat", channel: "ch:NL+US", text: "a line after the move" });
      await us!.ok({ type: "amend", agreementId: offer, revision: 1, draft: { terms: { type: "rnd", sector: "ai", contribution: 4.73 }, parties: ["US", "NL"], duration: 2 } });
      await us!.ok({ type: "chat", channel: "plenary", text: "marker after the move" });
      await eventually(() => expect(nl!.view().messages.map((m) => m.text)).toContain("marker after the move"));
      expect(since(nl!, mark).includes(Buffer.from("a line after the move"))).toBe(false);
      expect(since(nl!, mark).includes(Buffer.from('"contribution":4.73'))).toBe(false);
      // Its state holds nothing of the Dutch seat's private lines now.
      expect(nl!.syncedState().privateAgreements.map((d) => d.id)).not.toContain(offer);
      expect(nl!.syncedState().privateChat.map((l) => l.channel)).not.toContain("ch:NL+US");
      void jp;
    } finally {
      await leaveAll(fac, us, nl, jp);
    }
  });
});

describe("the current round's private lines, once earlier rounds' left the room state", () => {
  it("reach a seat that reconnects and a facilitator who joins late and may read private channels", async () => {
    const { code, facilitatorKey } = await createGame(server, { scenarioId: "classroom-quick", settings: { ...SETTINGS, facilitatorReadsPrivate: true } });
    const fac = await join.facilitator(server.endpoint, code, facilitatorKey);
    const us = await join.player(server.endpoint, code, { name: "Player US", seat: "US" });
    const nl = await join.player(server.endpoint, code, { name: "Player NL", seat: "NL" });
    const jp = await join.player(server.endpoint, code, { name: "Player JP", seat: "JP" });
    const cn = await join.player(server.endpoint, code, { name: "Player CN", seat: "CN" });
    const open: Conn[] = [fac, us, nl, jp, cn];
    const round = (c: Conn) => c.view().round;
    try {
      await fac.command({ type: "start" });
      await fac.command({ type: "advance" });
      await us.ok({ type: "open-channel", members: ["NL"] });
      await us.ok({ type: "chat", channel: "ch:NL+US", text: "round 1, between the US and the Netherlands" });
      const offer = await us.propose({ terms: { type: "rnd", sector: "ai", contribution: 1.25 }, parties: ["US", "NL"], duration: 2 });
      await nl.ok({ type: "decline", agreementId: offer, revision: 1 });
      for (let i = 0; i < 3; i++) await fac.command({ type: "advance" });
      await eventually(() => expect([round(us), us.view().phase]).toEqual([2, "negotiation"]));
      // Round 1's private line left every view (and, a delay later, the state): the clients there keep it.
      await eventually(() => expect(us.syncedState().privateChat).toEqual([]));
      await nl.ok({ type: "chat", channel: "ch:NL+US", text: "round 2, before the drop" });
      await eventually(() => expect(us.view().messages.map((m) => m.text)).toContain("round 2, before the drop"));
      await us.drop();
      await nl.ok({ type: "chat", channel: "ch:NL+US", text: "round 2, while the US was away" });
      // Two delays pass (public lines leave the window only a whole delay after they came, twice in a row).
      for (let pass = 0; pass < 2; pass++) {
        const gone = fac.syncedState().chatGone ?? 0;
        for (let i = 0; i <= CHAT_WINDOW; i++) await [nl, jp, cn][i % 3]!.ok({ type: "chat", channel: "plenary", text: `filler ${pass}.${i}` });
        await eventually(() => expect(fac.syncedState().chatGone ?? 0).toBeGreaterThan(gone), { timeout: 10_000 });
      }
      const round2 = ["round 2, before the drop", "round 2, while the US was away"];
      const back = await us.reconnect();
      open.push(back);
      await eventually(() => expect(back.syncedState().privateChat.map((l) => l.text)).toEqual(round2));
      // What it saw of round 1 it kept (tests/protocol/archive.test.ts); the state held only round 2.
      expect(back.view().messages.map((m) => m.text)).toEqual(expect.arrayContaining(["round 1, between the US and the Netherlands", ...round2]));
      const late = await join.facilitator(server.endpoint, code, facilitatorKey);
      open.push(late);
      await eventually(() => expect(late.syncedState().privateChat.map((l) => l.text)).toEqual(round2));
      expect(late.view().messages.map((m) => m.text)).toEqual(expect.arrayContaining(round2));
      // A line after both: everyone who may read the channel gets it once.
      await nl.ok({ type: "chat", channel: "ch:NL+US", text: "round 2, after the late join" });
      for (const c of [back, late, fac]) await eventually(() => expect(c.syncedState().privateChat.map((l) => l.text)).toEqual([...round2, "round 2, after the late join"]));
    } finally {
      await leaveAll(...open);
    }
  });
});
