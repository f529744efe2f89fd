/**
 * Games made with the same seed, for the same events in the same order (a class's tables:
 * server/classes/routes.ts `sameSeed`, the class form's default; or a facilitator's own seed),
 * draw different deal ids (shared/engine/deal-ids.ts): students at neighbouring tables do not see
 * their n-th deals named alike, and one table's deals, listed in order in its report, do not tell
 * another table's students in what order theirs were made, nor how many they cannot see.
 */
import { afterEach, describe, expect, it } from "vitest";
import { expectCleanDecoding, join, leaveAll, type Conn } from "../helpers/game-client.ts";
import { createGame, type ServerProcess } from "../helpers/server-process.ts";
import { serverPerFile } from "../helpers/server-per-file.ts";
import { eventually } from "../helpers/wait.ts";

let server: ServerProcess;
serverPerFile((s) => (server = s));

afterEach(() => expectCleanDecoding());

const SETTINGS = { teams: false, bots: false, seed: "same-events", reconnectSeconds: 30, eventSeconds: 600, negotiationSeconds: 3600, reviewSeconds: 600 };

/** A game of the seed with its first deal offered: the deal's id, and the round's card. */
async function firstDeal(open: Conn[]): Promise<{ id: string; card: unknown }> {
  const { code, facilitatorKey } = await createGame(server, { scenarioId: "classroom-quick", settings: SETTINGS });
  const fac = await join.facilitator(server.endpoint, code, facilitatorKey);
  const us = await join.player(server.endpoint, code, { name: "Player US", seat: "US" });
  const nl = await join.player(server.endpoint, code, { name: "Player NL", seat: "NL" });
  open.push(fac, us, nl);
  await fac.command({ type: "start" });
  await fac.command({ type: "advance" });
  for (const c of [fac, us, nl]) await eventually(() => expect(c.view().phase).toBe("negotiation"));
  const id = await us.propose({ terms: { type: "rnd", sector: "ai", contribution: 1.5 }, parties: ["US", "NL"], duration: 2 });
  return { id, card: JSON.stringify(us.view().events) };
}

describe("two games of one seed", () => {
  it("play the same events but name their deals differently", async () => {
    const open: Conn[] = [];
    try {
      const a = await firstDeal(open);
      const b = await firstDeal(open);
      expect(b.card, "the same events, in the same order").toBe(a.card);
      expect(b.id).not.toBe(a.id);
    } finally {
      await leaveAll(...open);
    }
  });
});
