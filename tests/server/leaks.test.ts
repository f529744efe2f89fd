/**
 * Nothing outlives the people and games it served: after players leave and games end, the
 * server process holds no more rooms, clients, sockets or timers than before they came
 * (read from its own /metrics: the games and players gauges, and Node's count of active
 * handles and resources — sockets, timers, intervals — by type). Played three times, so a
 * handle kept per game shows as growth, not as noise.
 */
import { afterEach, describe, expect, it } from "vitest";
import { join, leaveAll, expectCleanDecoding } from "../helpers/game-client.ts";
import { createGame, type ServerProcess } from "../helpers/server-process.ts";
import { serverPerFile } from "../helpers/server-per-file.ts";
import { eventually } from "../helpers/wait.ts";

let server: ServerProcess;
serverPerFile((s) => (server = s));

afterEach(() => expectCleanDecoding());

/** The process's own figures: games, players, and active resources by type (Timeout, TCPWRAP, ...). */
async function metrics() {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  const value = (name: string) => Number(text.match(new RegExp(`^${name} (\\S+)$`, "m"))?.[1] ?? NaN);
  const resources: Record<string, number> = {};
  for (const m of text.matchAll(/^nodejs_active_resources\{type="([^"]+)"\} (\S+)$/gm)) resources[m[1]!] = Number(m[2]);
  return { games: value("chokepoint_games"), players: value("chokepoint_players"), handles: value("nodejs_active_handles_total"), resources };
}

const SETTINGS = { bots: false, seed: 3, eventSeconds: 600, negotiationSeconds: 3600, reviewSeconds: 600 };

/** A short game: a facilitator, three players and an observer; talk, an offer, a signature, the end; everyone leaves. */
async function playAndLeave() {
  const { code, facilitatorKey } = await createGame(server, { scenarioId: "classroom-quick", settings: SETTINGS });
  const fac = await join.facilitator(server.endpoint, code, facilitatorKey);
  const obs = await join.observer(server.endpoint, code);
  const us = await join.player(server.endpoint, code, { name: "Ana", seat: "US" });
  const jp = await join.player(server.endpoint, code, { name: "Jun", seat: "JP" });
  const nl = await join.player(server.endpoint, code, { name: "Noor", seat: "NL" });
  try {
    await fac.command({ type: "start" });
    await fac.command({ type: "advance" });
    await us.ok({ type: "chat", channel: "plenary", text: "Shall we talk about chips?" });
    await us.ok({ type: "open-channel", members: ["JP"] });
    await jp.ok({ type: "chat", channel: "ch:JP+US", text: "Yes, privately." });
    const offer = await us.ok({ type: "propose", draft: { terms: { type: "rnd", sector: "ai", contribution: 2 }, parties: ["US", "JP"], duration: 2 } });
    await eventually(() => expect(jp.view().version).toBeGreaterThanOrEqual(offer.version));
    const deal = jp.view().agreements.find((a) => a.parties.includes("JP") && a.status === "proposed")!;
    await jp.ok({ type: "sign", agreementId: deal.id, revision: deal.revision });
    // One player leaves mid-game: the game and the others carry on.
    await leaveAll(nl);
    await fac.command({ type: "end-game" });
    await eventually(() => expect(obs.view().phase).toBe("ended"));
  } finally {
    await leaveAll(fac, obs, us, jp, nl);
  }
}

describe("resources after games end and players leave", () => {
  it("rooms, clients, sockets and timers go back to where they were, game after game", async () => {
    const before = await metrics();
    expect(before.games).toBe(0);
    expect(before.players).toBe(0);

    const after: Awaited<ReturnType<typeof metrics>>[] = [];
    for (let i = 0; i < 3; i++) {
      await playAndLeave();
      // A finished game's room closes once its last client is gone.
      await eventually(async () => expect(await metrics()).toMatchObject({ games: 0, players: 0 }), { timeout: 20_000 });
      await eventually(async () => expect((await metrics()).handles).toBeLessThanOrEqual(before.handles), { timeout: 20_000 });
      after.push(await metrics());
    }
    // No kind of resource grows from one game to the next (timers the rooms set are cleared).
    for (const [type, count] of Object.entries(after[2]!.resources)) expect(count, `active ${type} after three games`).toBeLessThanOrEqual(Math.max(after[0]!.resources[type] ?? 0, before.resources[type] ?? 0));
  });

  it("a game nobody has finished keeps its room but lets go of the clients who left", async () => {
    const { code, facilitatorKey } = await createGame(server, { scenarioId: "classroom-quick", settings: SETTINGS });
    const fac = await join.facilitator(server.endpoint, code, facilitatorKey);
    const us = await join.player(server.endpoint, code, { name: "Ana", seat: "US" });
    await fac.command({ type: "start" });
    await eventually(async () => expect(await metrics()).toMatchObject({ games: 1, players: 2 }));
    await leaveAll(fac, us);
    // The game waits for its people (they may come back with their seat), holding no client.
    await eventually(async () => expect(await metrics()).toMatchObject({ games: 1, players: 0 }), { timeout: 20_000 });
    const back = await join.facilitator(server.endpoint, code, facilitatorKey);
    await back.command({ type: "end-game" });
    await leaveAll(back);
    await eventually(async () => expect(await metrics()).toMatchObject({ games: 0, players: 0 }), { timeout: 20_000 });
  });
});
