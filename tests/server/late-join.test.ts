/**
 * A join late in a game carries what the screen shows now, not the game so far: at the last
 * negotiation of a bot-played game of every shipped scenario, a player, an observer and the
 * facilitator each receive at most 32 KB to join, within the schema encoder's buffer
 * (server/rooms/full-state-serializer.ts), so the server never warns that it had to grow it.
 * What they do not get is fetched over HTTP (tests/server/hidden-information.test.ts).
 */
import { afterEach, describe, expect, it } from "vitest";
import { join, leaveAll, expectCleanDecoding } from "../helpers/game-client.ts";
import type { ServerProcess } from "../helpers/server-process.ts";
import { serverPerFile } from "../helpers/server-per-file.ts";
import { eventually } from "../helpers/wait.ts";
import { botGame, RESTORED_SETTINGS } from "../bench/engine.ts";
import { shippedScenarios } from "../../server/scenarios.ts";
import { openStore } from "../../server/storage/open-store.ts";
import { hashKey, newCode } from "../../server/codes.ts";

let server: ServerProcess;
const KEY = "late-join-facilitator-key";
const games: { code: string; scenario: string; seats: string[] }[] = [];

serverPerFile((s) => (server = s), {
  // Each scenario's bot game, stored up to the last move of its last negotiation (the round's
  // offers, refusals and lines made): the server restores it on start.
  seed: async (databasePath) => {
    const store = await openStore({ databasePath });
    for (const [id, scenario] of shippedScenarios()) {
      const { setup, log, lastNegotiationEnd } = botGame(scenario);
      const code = newCode();
      const settings = { ...RESTORED_SETTINGS, seed: String(setup.settings.seed) };
      await store.createGame({ code, scenario, settings: settings as never, seed: String(setup.settings.seed), keyHash: hashKey(KEY), createdAt: Date.now(), finishedAt: null });
      for (const [seq, action] of log.slice(0, lastNegotiationEnd).entries()) await store.appendAction(code, { seq, action, at: Date.now() });
      const seats = scenario.countries.filter((c) => c.control === "seat").map((c) => c.id);
      games.push({ code, scenario: id, seats });
    }
    await store.close();
  },
  timeout: 120_000,
});

afterEach(() => expectCleanDecoding());

describe("a join at the end of the last negotiation", () => {
  it("is at most 32 KB for a player, an observer and the facilitator in every shipped scenario, without growing the encoder's buffer", async () => {
    expect(games.length).toBe(shippedScenarios().size);
    for (const game of games) {
      const conns = [
        await join.player(server.endpoint, game.code, { name: "Late", seat: game.seats[0]! }),
        await join.observer(server.endpoint, game.code, "Late observer"),
        await join.facilitator(server.endpoint, game.code, KEY),
      ];
      try {
        for (const c of conns) {
          await eventually(() => expect(c.view().phase).toBe("negotiation"));
          const bytes = c.socket.frames.reduce((n, f) => n + f.length, 0);
          expect(bytes, `${game.scenario}: ${c.viewer.kind} joined with ${bytes} bytes`).toBeLessThanOrEqual(32 * 1024);
          // A late game: the round records are not in the join, only the list of recorded rounds.
          expect(c.view().recorded.length).toBeGreaterThanOrEqual(3);
          expect(c.view().history).toEqual([]);
          // The bots' stated reasons are not in the join: a deal's history fetches them.
          expect(c.received('"bot.why.'), `${game.scenario}: ${c.viewer.kind} received a step's reason`).toBe(false);
        }
        const player = conns[0]!;
        const reasons = () => player.view().agreements.flatMap((a) => a.steps.filter((s) => s.reason));
        expect(reasons()).toEqual([]);
        await player.fetchPast("deals");
        expect(reasons().length, game.scenario).toBeGreaterThan(0);
      } finally {
        await leaveAll(...conns);
      }
    }
    expect(server.output()).not.toMatch(/buffer overflow/);
  }, 120_000);
});
