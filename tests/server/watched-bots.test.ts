/**
 * A facilitator's game every seat of which a bot plays, watched from the console and an
 * observer's screen: bots end no phase early at a table someone watches (docs/RULES.md, §2 "A
 * round": "the clock ends every phase"), so the event card stays up for the event phase's whole
 * clock, whatever the bots are done with, and that clock gives each card at least
 * WATCHED_EVENT_SECONDS however few event-card seconds the game was set to, so the people
 * watching can read it. A table a person plays keeps the seconds it was set to.
 */
import { afterEach, expect, it } from "vitest";
import { expectCleanDecoding, join, leaveAll } from "../helpers/game-client.ts";
import { createGame } from "../helpers/server-process.ts";
import type { ServerProcess } from "../helpers/server-process.ts";
import { serverPerFile } from "../helpers/server-per-file.ts";
import { eventually } from "../helpers/wait.ts";
import { WATCHED_EVENT_SECONDS } from "../../server/rooms/GameRoom.ts";

let server: ServerProcess;
serverPerFile((s) => (server = s), { botDelayMs: 50 });
afterEach(() => expectCleanDecoding());

it("at a table of bots that a facilitator and an observer watch, the event card stays up to its clock, every seat done or not, long enough to read however short the game's card seconds", async () => {
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
    // The game gives a card 8 s; nobody at the table reads it for the watchers, so the clock gives each card the watchers' reading time.
    const perCard = WATCHED_EVENT_SECONDS * 1000;
    expect(perCard).toBeGreaterThan(8_000);
    expect(deadline - Date.now()).toBeGreaterThan(cards * perCard - 2_000);
    // The bots are all done at once (they do not read cards), and the card stays.
    await eventually(() => expect(fac.view().seats.every((s) => s.done)).toBe(true));
    expect(fac.view().phase).toBe("event");
    // The observer's patch may come a moment after the facilitator's.
    await eventually(() => expect(obs.view().phase).toBe("event"));
    // It ends when its clock does, not before.
    await eventually(() => expect(obs.view().phase).toBe("negotiation"), { timeout: cards * perCard + 10_000 });
    expect(Date.now()).toBeGreaterThanOrEqual(deadline - 250);
  } finally {
    await leaveAll(fac, obs);
  }
}, 120_000);

it("at a table a person plays, the event card's clock is the seconds the game was set to, watched or not", async () => {
  const { code, facilitatorKey: key } = await createGame(server, {
    scenarioId: "classroom-quick",
    settings: { teams: false, bots: true, seed: 5, eventSeconds: 8, negotiationSeconds: 3600, reviewSeconds: 600 },
  });
  const fac = await join.facilitator(server.endpoint, code, key);
  const ana = await join.player(server.endpoint, code, { name: "Ana", seat: "US" });
  try {
    await fac.command({ type: "start" });
    await eventually(() => expect(ana.view().phase).toBe("event"));
    const cards = ana.view().events.filter((e) => e.round === ana.view().round).length;
    // Ana reads the card herself and says so (or the clock ends it): the set 8 s a card.
    expect(ana.view().deadline - Date.now()).toBeLessThanOrEqual(cards * 8_000);
  } finally {
    await leaveAll(fac, ana);
  }
});
