/**
 * A facilitator's game every seat of which a bot plays, watched from the console and an
 * observer's screen: bots end no phase early at a table someone watches (docs/RULES.md, §2 "A
 * round": "the clock ends every phase"), so the event card stays up for the event phase's whole
 * clock, whatever the bots are done with, and the people watching can read it.
 */
import { afterEach, expect, it } from "vitest";
import { expectCleanDecoding, join, leaveAll } from "../helpers/game-client.ts";
import { createGame } from "../helpers/server-process.ts";
import type { ServerProcess } from "../helpers/server-process.ts";
import { serverPerFile } from "../helpers/server-per-file.ts";
import { eventually } from "../helpers/wait.ts";

let server: ServerProcess;
serverPerFile((s) => (server = s), { botDelayMs: 50 });
afterEach(() => expectCleanDecoding());

it("at a table of bots that a facilitator and an observer watch, the event card stays up to its clock, every seat done or not", async () => {
  const { code, facilitatorKey: key } = await createGame(server, {
    scenarioId: "classroom-quick",
    settings: { teams: false, bots: true, seed: 5, eventSeconds: 8, negotiationSeconds: 3600, reviewSeconds: 600 },
  });
  const fac = await join.facilitator(server.endpoint, code, key);
  const obs = await join.observer(server.endpoint, code);
  try {
    await fac.command({ type: "start" });
    await eventually(() => expect(fac.view().phase).toBe("event"));
    const deadline = fac.view().deadline;
    const cards = fac.view().events.filter((e) => e.round === fac.view().round).length;
    expect(cards).toBeGreaterThan(0);
    // The clock gives each card the event seconds.
    expect(deadline - Date.now()).toBeGreaterThan(cards * 8_000 - 2_000);
    // The bots are all done at once (they do not read cards), and the card stays.
    await eventually(() => expect(fac.view().seats.every((s) => s.done)).toBe(true));
    expect(fac.view().phase).toBe("event");
    expect(obs.view().phase).toBe("event");
    // It ends when its clock does, not before.
    await eventually(() => expect(obs.view().phase).toBe("negotiation"), { timeout: cards * 8_000 + 10_000 });
    expect(Date.now()).toBeGreaterThanOrEqual(deadline - 250);
  } finally {
    await leaveAll(fac, obs);
  }
});
