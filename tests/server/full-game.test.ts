/**
 * A whole game on the real server: created over HTTP, three people at the
 * table, bots in the other seats, a facilitator driving the clock and an observer watching,
 * from the lobby to the final scores.
 */
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { join, leaveAll, type Conn, expectCleanDecoding } from "../helpers/game-client.ts";
import { createGame, getJson, lobby, type ServerProcess } from "../helpers/server-process.ts";
import { serverPerFile } from "../helpers/server-per-file.ts";
import { eventually, waitFor } from "../helpers/wait.ts";
import type { Agreement } from "../../shared/engine/types.ts";
import { say } from "../helpers/words.ts";
import type { LobbyInfo } from "../../shared/protocol/messages.ts";
import { isOver } from "../../client/model/lobby.ts";

let server: ServerProcess;
serverPerFile((s) => (server = s), { botDelayMs: 15 });

// The SDK only logs when it cannot decode a patch; a test that got a wrong state must fail.
afterEach(() => expectCleanDecoding());

describe("a whole game from creation to final scores", () => {
  let code: string;
  let key: string;
  let fac: Conn, obs: Conn, us: Conn, nl: Conn, jp: Conn;
  let everyone: Conn[];
  let regime: Agreement;

  afterAll(() => leaveAll(...(everyone ?? [])));

  it("is created over HTTP and joined by a facilitator, three players and an observer", async () => {
    const { status: listed, body: scenarios } = await getJson<{ id: string; seats: { id: string }[] }[]>(server, "/api/scenarios");
    expect(listed).toBe(200);
    const quick = scenarios.find((s) => s.id === "classroom-quick")!;
    expect(quick.seats.map((s) => s.id)).toEqual(["US", "NL", "JP", "CN", "IN", "ID", "TW"]);
    // A Chinese reader's start page: titles and seats in Chinese; the game's words, once, without any secret objective.
    const { body: chinese } = await getJson<{ id: string; title: string; seats: { name: string }[] }[]>(server, "/api/scenarios?lang=zh-CN");
    expect(chinese.find((s) => s.id === "classroom-quick")).toMatchObject({ title: "2023 课堂快速入门", seats: expect.arrayContaining([{ id: "CN", name: "中国", bloc: "rival" }]) });
    const words = await fetch(`${server.url}/api/scenarios/classroom-quick/text/zh-CN`, { headers: { "accept-encoding": "gzip" } });
    expect(words.status).toBe(200);
    const text = (await words.json()) as { title: string; countries: Record<string, { name: string; secret?: string }> };
    expect(text.title).toBe("2023 课堂快速入门");
    expect(Object.values(text.countries).filter((c) => "secret" in c)).toEqual([]);
    expect(JSON.stringify(text)).not.toContain("国际影响力达到 65");
    expect((await fetch(`${server.url}/api/scenarios/classroom-quick/text/xx`)).status).toBe(404);

    ({ code, facilitatorKey: key } = await createGame(server, {
      scenarioId: "classroom-quick",
      settings: { rounds: 2, bots: true, seed: 7, eventSeconds: 5, negotiationSeconds: 600, reviewSeconds: 600 },
    }));
    expect(code).toMatch(/^[ACDEFGHJKMNPQRTUVWXY3469]{6}$/);

    fac = await join.facilitator(server.endpoint, code, key);
    us = await join.player(server.endpoint, code, { name: "Ana", seat: "US" });
    nl = await join.player(server.endpoint, code, { name: "Bram", seat: "NL" });
    jp = await join.player(server.endpoint, code, { name: "Chie", seat: "JP" });
    obs = await join.observer(server.endpoint, code, "Projector");
    everyone = [fac, us, nl, jp, obs];

    expect(us.welcome).toMatchObject({ kind: "player", seat: "US", name: "Ana" });
    expect(us.welcome.token).toBeTruthy();
    expect(fac.welcome.kind).toBe("facilitator");
    expect(obs.welcome.kind).toBe("observer");

    const info = await lobby(server, code);
    expect(info.phase).toBe("lobby");
    expect(info.settings.quickStart).toBe(false);
    expect(info.seats.filter((s) => s.holders.length).map((s) => s.id)).toEqual(["US", "NL", "JP"]);
    for (const c of everyone) await eventually(() => expect(c.view().phase).toBe("lobby"));
  });

  it("starts on the server clock, and the facilitator pauses, extends and resumes it for everyone", async () => {
    await fac.command({ type: "start" });
    // The clock runs: a deadline about eventSeconds (5 s) away. Paused right away, so that a
    // slow machine cannot let the phase run out under the test.
    const deadline = await waitFor(() => obs.view().deadline, { message: "a deadline" });
    await fac.command({ type: "pause" });
    expect(deadline - Date.now()).toBeLessThanOrEqual(5_500);
    expect(deadline - Date.now()).toBeGreaterThan(0);

    for (const c of everyone)
      await eventually(() => {
        const v = c.view();
        expect(v).toMatchObject({ phase: "event", round: 1, paused: true, deadline: 0 });
        expect(v.events).toHaveLength(1);
        // Bots took the seats nobody held.
        expect(v.seats.filter((s) => s.bot).map((s) => s.id)).toEqual(["CN", "IN", "ID", "TW"]);
      });
    const left = obs.view().remainingMs;
    expect(left).toBeGreaterThan(0);
    expect(left).toBeLessThanOrEqual(5_000);

    await fac.command({ type: "extend", seconds: 60 });
    await eventually(() => expect(us.view().remainingMs).toBe(left + 60_000));

    await fac.command({ type: "resume" });
    for (const c of everyone) await eventually(() => expect(c.view().paused).toBe(false));
    const remaining = obs.view().deadline - Date.now();
    expect(remaining).toBeGreaterThan(55_000);
    expect(remaining).toBeLessThanOrEqual(left + 60_000 + 100);
    // The news (and the report's timeline) keep what the facilitator did to the clock.
    const clockNews = ["The facilitator paused the clock of the event phase.", "The facilitator added 1 min to the event phase.", "The facilitator resumed the clock of the event phase."];
    await eventually(() => expect(obs.view().news.map((n) => say(n.text)).filter((line) => line.includes("clock") || line.includes("added"))).toEqual(clockNews));
  });

  it("plays an event card from the deck and broadcasts to the table", async () => {
    const deck = fac.view().deckRemaining!;
    expect(deck.length).toBeGreaterThan(0);
    const card = deck[0]!;
    await fac.command({ type: "play-event", cardId: card });
    await fac.command({ type: "broadcast", text: "Delegates, the negotiation opens in a minute." });
    for (const c of everyone)
      await eventually(() => {
        const v = c.view();
        expect(v.events.map((e) => e.id)).toContain(card);
        expect(v.messages.find((m) => m.channel === "broadcast")).toMatchObject({ from: { facilitator: true }, text: "Delegates, the negotiation opens in a minute." });
      });
    expect(fac.view().deckRemaining).not.toContain(card);
  });

  it("negotiates a harmonized export-control regime that every party signs", async () => {
    await fac.command({ type: "advance" });
    for (const c of everyone) await eventually(() => expect(c.view().phase).toBe("negotiation"));

    await us.ok({ type: "chat", channel: "plenary", text: "Shall we align our chip controls?" });
    await us.ok({
      type: "propose",
      draft: { terms: { type: "export-control", sector: "semis", tier: "frontier", target: "CN" }, parties: ["US", "NL", "JP"], duration: 2 },
    });
    const offer = await waitFor(() => us.view().agreements.find((a) => a.proposedBy === "US" && a.type === "export-control"), { message: "the US offer" });
    expect(offer).toMatchObject({ status: "proposed", revision: 1, signatures: ["US"] });

    // A party can preview what signing would change for it, then sign the revision it read.
    await eventually(() => expect(nl.view().agreements.map((a) => a.id)).toContain(offer.id));
    const preview = await nl.preview({ agreementId: offer.id });
    expect(preview).toMatchObject({ ok: true });
    expect((preview as unknown as { lines: unknown[] }).lines.length).toBeGreaterThan(0);
    // A counter-offer is previewed in the offer's place: its causes name the offer, not "the new deal".
    const shorter = { terms: offer.terms, parties: offer.parties, duration: 1 };
    const counter = await nl.preview({ draft: shorter, amends: offer.id });
    expect(counter).toMatchObject({ ok: true });
    const said = JSON.stringify((counter as unknown as { lines: unknown[] }).lines);
    expect(said).toContain(`"id":"${offer.id}"`);
    expect(said).not.toContain("deal.newDraft");
    expect(await nl.preview({ draft: shorter, amends: "A99" })).toMatchObject({ ok: false, error: { code: "rule/unknown_agreement" } });
    await nl.ok({ type: "sign", agreementId: offer.id, revision: 1 });
    await eventually(() => expect(jp.view().agreements.find((a) => a.id === offer.id)?.signatures).toContain("NL"));
    await jp.ok({ type: "sign", agreementId: offer.id, revision: 1 });

    for (const c of everyone) await eventually(() => expect(c.view().agreements.find((a) => a.id === offer.id)?.status).toBe("signed"));
    regime = obs.view().agreements.find((a) => a.id === offer.id)!;
    expect(regime.parties).toEqual(["US", "NL", "JP"]);
  });

  it("ends the negotiation early when every person is ready (bots never hold it open), and reviews the round", async () => {
    for (const p of [us, nl, jp]) await p.ok({ type: "ready", ready: true });
    // Bots may still be making their moves: the server resolves the round without waiting for them.
    for (const c of everyone) await eventually(() => expect(c.view().phase).toBe("review"), { timeout: 15_000 });
    expect(obs.view().round).toBe(1);
    expect(obs.view().agreements.find((a) => a.id === regime.id)?.status).toBe("in-force");
  });

  it("the review shows what the regime changed, and why, to everyone", async () => {
    for (const c of everyone) {
      const changes = c.view().changes;
      const caused = changes.filter((ch) => ch.causes.some((cause) => say(cause.label).startsWith(`${regime.id}`)));
      expect(caused.length, `${c.viewer.kind} sees the regime's effects`).toBeGreaterThan(0);
      // Tension rises because of the controls, with the regime named as a cause.
      const tension = changes.find((ch) => ch.subject === "table" && ch.key === "tension");
      expect(tension?.causes.map((x) => say(x.label))).toContain(`${regime.id}: export controls`);
      // Every change is explained: its causes add up to it.
      for (const ch of changes) {
        const sum = ch.causes.reduce((n, x) => n + x.amount, 0);
        expect(Math.abs(sum - (ch.to - ch.from)), `${ch.subject}.${ch.key}`).toBeLessThan(0.05);
      }
    }
    // China's semiconductor growth is slowed by the regime, explained by its coverage of chokepoints.
    const cnSemis = obs.view().changes.find((ch) => ch.subject === "CN" && ch.key === "capability:semis");
    expect(cnSemis?.causes.some((x) => say(x.label).startsWith(`${regime.id} controls by`))).toBe(true);
  });

  it("ends the review once every person has read it (ready), not before", async () => {
    await us.ok({ type: "ready", ready: true });
    await nl.ok({ type: "ready", ready: true });
    // Bots say they have read it too (the one game loop); the people's seats decide.
    const people = ["US", "NL", "JP"];
    await eventually(() => expect(obs.view().ready.filter((seat) => people.includes(seat))).toEqual(["US", "NL"]), { timeout: 15_000 });
    expect(obs.view().phase).toBe("review");
    await jp.ok({ type: "ready", ready: true });
    for (const c of everyone) await eventually(() => expect(c.view()).toMatchObject({ round: 2 }), { timeout: 15_000 });
  });

  it("plays the last round on the server clock and ends with final scores visible to all", async () => {
    for (const c of everyone) await eventually(() => expect(c.view()).toMatchObject({ round: 2, phase: "event" }));
    // Nobody advances this time: the event phase ends when its clock runs out (5 s).
    for (const c of everyone) await eventually(() => expect(c.view().phase).toBe("negotiation"), { timeout: 10_000 });
    await fac.command({ type: "advance" });
    for (const c of everyone) await eventually(() => expect(c.view().phase).toBe("review"));
    await fac.command({ type: "advance" });
    for (const c of everyone) await eventually(() => expect(c.view().phase).toBe("ended"));

    const final = fac.view();
    expect(final.scores.length).toBeGreaterThanOrEqual(6);
    for (const c of everyone) {
      const v = c.view();
      // Every seat's final score, objectives and the table outcome, the same for everyone.
      expect(v.scores.map((s) => [s.country, s.total])).toEqual(final.scores.map((s) => [s.country, s.total]));
      expect(v.outcome).toEqual(final.outcome);
      expect(v.outcome.targets.length).toBeGreaterThan(0);
      // Secret objectives are revealed for the debrief.
      expect(v.countries.find((x) => x.id === "CN")?.secret?.text).toBeTruthy();
      // Round records come over HTTP (GET /api/games/:code/rounds/:round), as the review fetches them.
      expect(v.recorded).toEqual([1, 2]);
      await c.fetchRecords();
      expect(c.view().history.map((h) => h.round)).toEqual([1, 2]);
    }
    for (const s of final.scores) expect(Number.isFinite(s.total)).toBe(true);
    const live = await lobby(server, code);
    expect(live.phase).toBe("ended");
    // Its room is still there: the clients' start page offers to join it (the end screen).
    expect(isOver(live)).toBe(false);
  });

  it("keeps the finished game in the archive after everyone leaves", async () => {
    await leaveAll(...everyone);
    await waitFor(async () => (await getJson<{ games: number }>(server, "/api/health")).body.games === 0, { message: "the finished room to close" });
    const { status, body } = await getJson<LobbyInfo>(server, `/api/games/${code}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ code, phase: "ended" });
    // Nobody can join it now: the start page and the projector say so and offer its replay.
    expect(isOver(body)).toBe(true);
  });
});
