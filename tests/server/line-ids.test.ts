/**
 * The ids of the chat lines a client receives say nothing of the lines written in channels it may
 * not read (shared/engine/message-ids.ts): a seat that sees two plenary lines cannot tell whether
 * the others' private talk or some other move it does not see came between them. Counted ids
 * told it: plenary lines 1 and 5 meant three lines in channels of others.
 */
import { afterEach, describe, expect, it } from "vitest";
import { expectCleanDecoding, join, leaveAll, type Conn } from "../helpers/game-client.ts";
import { createGame, type ServerProcess } from "../helpers/server-process.ts";
import { serverPerFile } from "../helpers/server-per-file.ts";
import { eventually, waitFor } from "../helpers/wait.ts";

let server: ServerProcess;
serverPerFile((s) => (server = s));

afterEach(() => expectCleanDecoding());

const SETTINGS = { teams: false, bots: false, seed: 6, reconnectSeconds: 30, eventSeconds: 600, negotiationSeconds: 3600, reviewSeconds: 600 };

describe("the ids of the lines a seat receives", () => {
  it("are the same whether others talked in private or made offers it cannot see between two public lines", async () => {
    const { code, facilitatorKey } = await createGame(server, { scenarioId: "classroom-quick", settings: SETTINGS });
    const fac = await join.facilitator(server.endpoint, code, facilitatorKey);
    const us = await join.player(server.endpoint, code, { name: "Player US", seat: "US" });
    const nl = await join.player(server.endpoint, code, { name: "Player NL", seat: "NL" });
    const jp = await join.player(server.endpoint, code, { name: "Player JP", seat: "JP" });
    const open: Conn[] = [fac, us, nl, jp];
    try {
      await fac.command({ type: "start" });
      await fac.command({ type: "advance" });
      for (const c of open) await eventually(() => expect(c.view().phase).toBe("negotiation"));
      await us.ok({ type: "open-channel", members: ["NL"] });
      const channel = await waitFor(() => us.view().channels.find((c) => c.kind === "bilateral" && c.members.includes("NL"))?.id, { message: "the channel with the Netherlands" });

      await us.ok({ type: "chat", channel: "plenary", text: "first public line" });
      // Three lines Japan may not read…
      for (const n of [1, 2, 3]) await us.ok({ type: "chat", channel, text: `private line ${n}` });
      await us.ok({ type: "chat", channel: "plenary", text: "second public line" });
      // …then three offers Japan may not see.
      for (const contribution of [1.1, 1.2, 1.3]) await us.propose({ terms: { type: "rnd", sector: "ai", contribution }, parties: ["US", "NL"], duration: 2 });
      await us.ok({ type: "chat", channel: "plenary", text: "third public line" });

      const seen = await waitFor(() => {
        const ids = ["first", "second", "third"].map((w) => jp.view().messages.find((m) => m.text === `${w} public line`)?.id);
        return ids.every((id) => id !== undefined) ? (ids as number[]) : undefined;
      }, { message: "Japan's three public lines" });
      expect(jp.view().messages.some((m) => m.text.startsWith("private line")), "Japan reads no private line").toBe(false);
      // Ids rise in the order written, and the two gaps are alike: nothing tells three private lines from three offers.
      expect(seen[0]! < seen[1]! && seen[1]! < seen[2]!).toBe(true);
      expect(seen[1]! - seen[0]!).toBe(seen[2]! - seen[1]!);
      // The Netherlands reads the private lines, in the order written, between the public ones.
      const nlIds = (text: string) => nl.view().messages.find((m) => m.text === text)?.id;
      await eventually(() => expect(nlIds("third public line")).toBeDefined());
      const order = ["first public line", "private line 1", "private line 2", "private line 3", "second public line", "third public line"].map((t) => nlIds(t)!);
      expect([...order].sort((a, b) => a - b)).toEqual(order);
    } finally {
      await leaveAll(...open);
    }
  });
});
