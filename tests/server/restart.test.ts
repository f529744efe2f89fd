/**
 * Durable games: every acknowledged action is in SQLite before
 * its reply, so a new server process on the same database restores unfinished games under
 * their codes, graceful stop (SIGTERM) or crash (SIGKILL) alike; players come back with their
 * tokens to exactly the state they left; finished games stay in the archive.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { expectCleanDecoding, join, leaveAll, refusedJoin, type Conn } from "../helpers/game-client.ts";
import { createGame, getJson, lobby, startServerProcess, tempDatabase, withBoots, type ServerProcess } from "../helpers/server-process.ts";
import { eventually, waitFor } from "../helpers/wait.ts";
import type { ClientView } from "../../shared/protocol/view.ts";

const db = tempDatabase();
let server: ServerProcess;

beforeAll(async () => {
  server = await startServerProcess({ databasePath: db.databasePath, botDelayMs: 10 });
}, withBoots(1));

afterAll(async () => {
  await server?.kill();
  db.cleanup();
});

afterEach(() => expectCleanDecoding());

/**
 * A view without what depends on the wall clock: phase deadlines and the pause (not part of the
 * log). People in a seat are compared as a set: after a restart they come back in the
 * database's order (by holder id), not the order they first joined in.
 */
function comparable(v: ClientView) {
  const { deadline: _d, remainingMs: _r, paused: _p, ...rest } = v;
  return { ...rest, seats: rest.seats.map((s) => ({ ...s, holders: [...s.holders].sort((a, b) => a.id.localeCompare(b.id)) })) };
}

type Who = "fac" | "obs" | "usRegulator" | "usDiplomat" | "nl" | "jp";

describe("restart recovery", () => {
  let code: string;
  let key: string;
  let lobbyGame: { code: string; token: string };
  const people: Partial<Record<Who, Conn>> = {};
  const tokens: Partial<Record<Who, { name: string; token: string }>> = {};

  const all = () => Object.values(people) as Conn[];
  const texts = (who: Who) => people[who]!.view().messages.map((m) => m.text);

  /** Everyone comes back to the new process: players with their tokens, the facilitator with the key. */
  async function rejoinEveryone() {
    people.fac = await join.facilitator(server.endpoint, code, key);
    people.obs = await join.observer(server.endpoint, code, "Projector");
    for (const who of ["usRegulator", "usDiplomat", "nl", "jp"] as const) {
      const t = tokens[who]!;
      people[who] = await join.player(server.endpoint, code, { name: t.name, token: t.token });
    }
  }

  async function snapshot(version: number) {
    for (const c of all()) await eventually(() => expect(c.view().version).toBe(version));
    // Everyone's seat shows them connected before the picture is taken.
    await eventually(() => expect(people.fac!.view().seats.flatMap((s) => s.holders).every((h) => h.connected)).toBe(true));
    // A client that joined after lines, steps or deals left the room state fetches them when a
    // panel reads them; compare what each shows once every panel has been read.
    for (const c of all()) await c.fetchEverything();
    return Object.fromEntries(Object.entries(people).map(([who, c]) => [who, comparable(c.view())]));
  }

  async function restart(how: "stop" | "kill") {
    const port = server.port;
    const exit = how === "stop" ? await server.stop() : await server.kill();
    if (how === "stop") expect(exit, server.output()).toEqual({ code: 0, signal: null });
    else expect(exit.signal).toBe("SIGKILL");
    for (const c of all()) await waitFor(() => !c.open, { message: "clients to notice the server is gone" });
    server = await startServerProcess({ databasePath: db.databasePath, port, botDelayMs: 10 });
  }

  beforeAll(async () => {
    // A second game still in its lobby: restored too, with its seated player.
    const other = await createGame(server, { scenarioId: "classroom-quick", settings: { bots: false } });
    const waiting = await join.player(server.endpoint, other.code, { name: "Early bird", seat: "ID" });
    lobbyGame = { code: other.code, token: waiting.welcome.token! };
    await waiting.leave();
  });
  afterAll(() => leaveAll(...all()));

  it("plays part of a round on the first process", async () => {
    ({ code, facilitatorKey: key } = await createGame(server, {
      scenarioId: "classroom-quick",
      settings: { teams: true, bots: true, seed: 21, eventSeconds: 600, negotiationSeconds: 3600, reviewSeconds: 600 },
    }));
    people.fac = await join.facilitator(server.endpoint, code, key);
    people.obs = await join.observer(server.endpoint, code, "Projector");
    people.usRegulator = await join.player(server.endpoint, code, { name: "Reg", seat: "US", roles: ["regulator"] });
    people.usDiplomat = await join.player(server.endpoint, code, { name: "Dip", seat: "US", roles: ["diplomat", "envoy"] });
    people.nl = await join.player(server.endpoint, code, { name: "Noor", seat: "NL" });
    people.jp = await join.player(server.endpoint, code, { name: "Jun", seat: "JP" });
    for (const who of ["usRegulator", "usDiplomat", "nl", "jp"] as const) tokens[who] = { name: people[who]!.welcome.name!, token: people[who]!.welcome.token! };
    const { fac, usRegulator, usDiplomat, nl, jp } = people as Record<Who, Conn>;

    await fac.command({ type: "start" });
    await fac.command({ type: "play-event", cardId: fac.view().deckRemaining![0]! });
    await fac.command({ type: "custom-event", title: "Election upset", text: "Scheduled for round 2.", effects: [{ kind: "table", metric: "tension", amount: 5 }], round: 2 });
    await fac.command({ type: "advance" });
    await fac.command({ type: "broadcast", text: "Negotiations are open." });
    await usDiplomat.ok({ type: "chat", channel: "plenary", text: "The US proposes a chip-control regime." });
    await usDiplomat.ok({ type: "chat", channel: "team:US", text: "Reg, draft it." });
    await usRegulator.ok({ type: "open-channel", members: ["JP"] });
    await usRegulator.ok({ type: "chat", channel: "ch:JP+US", text: "Japan, join us on lithography?" });
    await usRegulator.ok({ type: "propose", draft: { terms: { type: "export-control", sector: "semis", tier: "frontier", target: "CN" }, parties: ["US", "JP"], duration: 2 } });
    const regime = await waitFor(() => jp.view().agreements.find((a) => a.proposedBy === "US" && a.type === "export-control"), { message: "the US regime offer" });
    await jp.ok({ type: "sign", agreementId: regime.id, revision: 1 });
    await nl.ok({ type: "propose", draft: { terms: { type: "screening" }, parties: ["NL", "US"], duration: 2 } });
    await usDiplomat.ok({ type: "propose", draft: { terms: { type: "alignment", clauses: ["supply-chain-risk"], target: "CN" }, parties: ["US", "NL"], duration: 1 } });
    // Let the bots make their moves and say they are ready, with no offer left waiting on one of
    // them (a ready bot still answers an offer made to it): then nothing moves until people act.
    const bots = ["CN", "IN", "ID", "TW"];
    await eventually(
      () => {
        const v = fac.view();
        expect(v.ready).toEqual(expect.arrayContaining(bots));
        expect(v.agreements.filter((a) => a.status === "proposed" && a.parties.some((p) => bots.includes(p) && !a.signatures.includes(p))).map((a) => a.id)).toEqual([]);
      },
      { timeout: 15_000 },
    );
    expect(fac.view().seats.filter((s) => s.bot).map((s) => s.id)).toEqual(bots);
  });

  it("after a graceful stop (SIGTERM), a new process restores the game and everyone rejoins to the same state", { timeout: withBoots(1) }, async () => {
    const before = await snapshot(people.fac!.view().version);
    await restart("stop");
    expect((await lobby(server, code)).phase).toBe("negotiation");
    await rejoinEveryone();
    const after = await snapshot(before.fac!.version);
    for (const who of Object.keys(before)) expect(after[who], `${who}'s view after the restart`).toEqual(before[who]);
    // The seats are still the people's, not the bots'.
    expect(people.fac!.view().seats.filter((s) => s.bot).map((s) => s.id)).toEqual(["CN", "IN", "ID", "TW"]);
    // The lobby game came back too, and its player's token still works.
    const waiting = await join.player(server.endpoint, lobbyGame.code, { name: "Early bird", token: lobbyGame.token });
    expect(waiting.welcome).toMatchObject({ seat: "ID" });
    await waiting.leave();
  });

  it("after a crash (SIGKILL) right after the replies, nothing acknowledged is lost", { timeout: withBoots(1) }, async () => {
    const { usRegulator, usDiplomat, nl, jp, fac } = people as Record<Who, Conn>;
    const screening = usRegulator.view().agreements.find((a) => a.proposedBy === "NL" && a.type === "screening")!;
    const acked = [
      await usRegulator.ok({ type: "sign", agreementId: screening.id, revision: screening.revision }),
      ...(await Promise.all([1, 2, 3, 4, 5].map((i) => nl.ok({ type: "chat", channel: "plenary", text: `Dutch point ${i}` })))),
      await usDiplomat.ok({ type: "chat", channel: "team:US", text: "Before the crash." }),
      await jp.ok({ type: "open-channel", members: ["NL"] }),
      await jp.ok({ type: "chat", channel: "ch:JP+NL", text: "Just between us." }),
      await fac.facilitator({ type: "broadcast", text: "Last words before the lights go out." }).then((r) => r as unknown as { version: number }),
    ];
    // The facilitator's five extra minutes: the restored clock keeps them, and the time that ran.
    await fac.command({ type: "extend", seconds: 300 });
    await eventually(() => expect(fac.view().deadline).toBeGreaterThan(Date.now() + 3_650_000));
    const deadline = fac.view().deadline;
    const last = Math.max(...acked.map((r) => r.version)) + 1;
    await restart("kill");
    await rejoinEveryone();
    for (const c of all()) await eventually(() => expect(c.view().version).toBe(last));
    expect(Math.abs(people.fac!.view().deadline - deadline), "the restored deadline against the one before the crash").toBeLessThan(5_000);
    // The talks panel fetches the lines that left the room state's window.
    for (const c of all()) await c.fetchPast("chat");
    expect(people.fac!.view().agreements.find((a) => a.id === screening.id)?.status).toBe("signed");
    expect(texts("obs")).toEqual(expect.arrayContaining(["Dutch point 1", "Dutch point 5", "Last words before the lights go out."]));
    expect(texts("usRegulator")).toContain("Before the crash.");
    expect(texts("nl")).toContain("Just between us.");
  });

  it("after a crash with everything settled, the state is the same to the byte of every view", { timeout: withBoots(1) }, async () => {
    const { version } = await people.nl!.ok({ type: "chat", channel: "ch:JP+NL", text: "Still here after the crash?" });
    const before = await snapshot(version);
    await restart("kill");
    await rejoinEveryone();
    const after = await snapshot(before.fac!.version);
    for (const who of Object.keys(before)) expect(after[who], `${who}'s view after the crash`).toEqual(before[who]);
  });

  it("the restored game plays on: the round resolves, the scheduled card fires, and the game ends", async () => {
    const { fac, obs } = people as Record<Who, Conn>;
    await fac.command({ type: "advance" });
    await eventually(() => expect(obs.view().phase).toBe("review"));
    expect(obs.view().agreements.filter((a) => a.status === "in-force").length).toBeGreaterThanOrEqual(2);
    await fac.command({ type: "advance" });
    await eventually(() => expect(obs.view()).toMatchObject({ round: 2, phase: "event" }));
    expect(obs.view().events.map((e) => e.title)).toContain("Election upset");
    await fac.command({ type: "end-game" });
    for (const c of all()) await eventually(() => expect(c.view().phase).toBe("ended"));
  });

  it("a finished game stays in the archive after another restart", { timeout: withBoots(1) }, async () => {
    await leaveAll(...all());
    await restart("stop");
    const { status, body } = await getJson<{ code: string; phase: string }>(server, `/api/games/${code}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ code, phase: "ended" });
    // Only the unfinished lobby game is live again.
    expect((await getJson<{ games: number }>(server, "/api/health")).body.games).toBe(1);
    expect((await lobby(server, lobbyGame.code)).phase).toBe("lobby");
    expect(await refusedJoin(server.endpoint, code, { as: "observer" })).toMatch(/not found/);
    for (const k of Object.keys(people)) delete people[k as Who];
  });
});

describe("after a restart, people who do not come back", () => {
  it("lose their seat to a bot once the reconnection window has passed, and take it back with their token", { timeout: withBoots(1) }, async () => {
    const { code, facilitatorKey } = await createGame(server, {
      scenarioId: "classroom-quick",
      settings: { bots: true, seed: 4, reconnectSeconds: 5, eventSeconds: 600, negotiationSeconds: 3600, reviewSeconds: 600 },
    });
    const fac = await join.facilitator(server.endpoint, code, facilitatorKey);
    const us = await join.player(server.endpoint, code, { name: "Ana", seat: "US" });
    const token = us.welcome.token!;
    await fac.command({ type: "start" });
    await eventually(() => expect(fac.view().seats.filter((s) => s.bot).map((s) => s.id)).toEqual(["NL", "JP", "CN", "IN", "ID", "TW"]));
    const port = server.port;
    await server.kill();
    server = await startServerProcess({ databasePath: db.databasePath, port, botDelayMs: 10 });

    const facAgain = await join.facilitator(server.endpoint, code, facilitatorKey);
    try {
      expect(facAgain.view().seats.find((s) => s.id === "US")).toMatchObject({ bot: false, holders: [expect.objectContaining({ name: "Ana", connected: false })] });
      await eventually(() => expect(facAgain.view().seats.find((s) => s.id === "US")?.bot).toBe(true), { timeout: 10_000 });
      const back = await join.player(server.endpoint, code, { name: "Ana", token });
      expect(back.welcome).toMatchObject({ seat: "US" });
      await eventually(() => expect(facAgain.view().seats.find((s) => s.id === "US")).toMatchObject({ bot: false, holders: [expect.objectContaining({ connected: true })] }));
      await back.leave();
    } finally {
      await facAgain.leave();
    }
  });
});
