/**
 * "N of M seats done" is one number at a table: the facilitator's console, each player's bar and
 * an observer's (the projector's) count the same at the same moment. A bot is done unless an
 * offer or a question waits on it, and the room judges that from the whole game
 * (server/rooms/GameRoom.ts `markDone`): a private offer to a bot that a player or an observer
 * cannot see, or a question in a private channel the facilitator does not read, holds that bot
 * "not done" in every view. Each view read its own offers before, and a table read 10, 11 and 12
 * of 13 at once. What a seat's `done` tells a view is no more than that: a person's is their own
 * "done" (public), a bot's only that something waits on it; the offer itself, its parties and
 * terms, still reach only its parties and the facilitator.
 */
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { seatsDone } from "../../shared/protocol/view.ts";
import { expectCleanDecoding, join, leaveAll, type Conn } from "../helpers/game-client.ts";
import { createGame, type ServerProcess } from "../helpers/server-process.ts";
import { serverPerFile } from "../helpers/server-per-file.ts";
import { eventually, waitFor } from "../helpers/wait.ts";

let server: ServerProcess;
// The bots wait ten minutes before any move: what waits on them stays waiting through the test.
serverPerFile((s) => (server = s), { botDelayMs: 600_000 });

afterEach(() => expectCleanDecoding());

/** Each seat's done flag in a view, by seat. */
const flags = (c: Conn) => Object.fromEntries(c.view().seats.map((s) => [s.id, s.done]));

describe("seats done with the phase", () => {
  let fac: Conn, obs: Conn, ana: Conn, nia: Conn;
  afterAll(() => leaveAll(fac, obs, ana, nia));

  it("every view counts the same seats done, though each sees other offers and channels; the flag tells no more than that something waits on a bot", async () => {
    const created = await createGame(server, { scenarioId: "classroom-quick", settings: { bots: true, seed: 5, eventSeconds: 600, negotiationSeconds: 3600, reviewSeconds: 600 } });
    fac = await join.facilitator(server.endpoint, created.code, created.facilitatorKey);
    obs = await join.observer(server.endpoint, created.code);
    ana = await join.player(server.endpoint, created.code, { name: "Ana", seat: "US" });
    nia = await join.player(server.endpoint, created.code, { name: "Nia", seat: "NL" });
    const views = [fac, obs, ana, nia];
    await fac.command({ type: "start" });
    await fac.command({ type: "advance" });
    await eventually(() => expect(views.map((c) => c.view().phase)).toEqual(["negotiation", "negotiation", "negotiation", "negotiation"]));
    const bots = fac.view().seats.filter((s) => s.bot).map((s) => s.id);
    expect(bots).toContain("JP");
    expect(bots).toContain("CN");
    // Nothing waits on a bot yet, nobody has said they are done: the bots' seats are, the people's not.
    await eventually(() => inEvery(views, (c) => expect(seatsDone(c.view().seats)).toEqual({ count: bots.length, total: bots.length + 2 })));

    // Ana's private offer to Japan's bot: Nia and the observer do not see it.
    const terms = { type: "rnd" as const, sector: "ai", contribution: 2 };
    const offer = await ana.propose({ terms, parties: ["US", "JP"], duration: 2 });
    await waitFor(() => fac.view().agreements.some((a) => a.id === offer), { message: "the offer in the facilitator's view" });
    // Nia asks China's bot in a channel of their own, which the facilitator does not read.
    await nia.ok({ type: "open-channel", members: ["CN"] });
    const channel = await waitFor(() => nia.view().channels.find((c) => c.kind === "bilateral" && c.members.includes("CN"))?.id, { message: "Nia's channel with China" });
    await nia.ok({ type: "chat", channel, text: "What would it take to do a deal with you?" });

    // One count in every view: Japan's and China's bots are not done, in each.
    await eventually(() => inEvery(views, (c) => expect(seatsDone(c.view().seats), c.viewer.kind).toEqual({ count: bots.length - 2, total: bots.length + 2 })));
    for (const c of views) expect([flags(c).JP, flags(c).CN]).toEqual([false, false]);
    // What the views see differs all the same: the offer is Ana's and the facilitator's, the question Nia's.
    expect([fac, obs, ana, nia].map((c) => c.view().agreements.some((a) => a.id === offer))).toEqual([true, false, true, false]);
    expect(fac.view().messages.some((m) => m.channel === channel)).toBe(false);

    // The flag says no more: a person's is their own "done", which every view reads in `ready`.
    await nia.ok({ type: "ready", ready: true });
    await eventually(() => inEvery(views, (c) => expect(flags(c).NL).toBe(true)));
    for (const c of views) for (const s of c.view().seats.filter((x) => !x.bot)) expect(s.done, `${c.viewer.kind}: ${s.id}`).toBe(c.view().ready.includes(s.id));
    // A private offer between two people changes no bot's flag, and a person's stays their "done".
    const botFlags = () => Object.fromEntries(obs.view().seats.filter((s) => s.bot).map((s) => [s.id, s.done]));
    const before = botFlags();
    const between = await ana.propose({ terms: { type: "rnd", sector: "ai", contribution: 3 }, parties: ["US", "NL"], duration: 2 });
    await waitFor(() => nia.view().agreements.some((a) => a.id === between), { message: "the offer in Nia's view" });
    // The observer and the facilitator at the offer's patch too: the two equal tells nothing, as both may still be a patch behind Nia.
    const proposed = nia.view().version;
    await eventually(() => inEvery([obs, fac], (c) => expect(c.view().version, c.viewer.kind).toBeGreaterThanOrEqual(proposed)));
    expect(botFlags()).toEqual(before);
    for (const s of obs.view().seats.filter((x) => !x.bot)) expect(s.done, s.id).toBe(obs.view().ready.includes(s.id));
    // The offers' terms (their wire form: JSON without the type) reach their parties and the facilitator, never the observer.
    expect([fac, ana, nia, obs].map((c) => c.received('{"sector":"ai","contribution":2}')), "Japan's offer").toEqual([true, true, false, false]);
    expect([fac, ana, nia, obs].map((c) => c.received('{"sector":"ai","contribution":3}')), "the offer to Nia").toEqual([true, true, true, false]);
  }, 120_000);
});

/** The expectation holds in every view. */
function inEvery(views: Conn[], check: (c: Conn) => void) {
  for (const c of views) check(c);
}
