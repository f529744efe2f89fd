/**
 * The server's bot runner (server/rooms/bot-runner.ts) over a room whose one queue of actions
 * is held up by a slow store: a bot's move is chosen when its turn in the queue comes, so a
 * person's "ready" already waiting there is part of the state it is chosen from.
 */
import { describe, expect, it, vi } from "vitest";
import { apply, type Action } from "../../shared/engine/index.ts";
import type { GameState } from "../../shared/engine/types.ts";
import { seatIds } from "../../shared/engine/setup.ts";
import { botChooser } from "../../shared/bots/bot.ts";
import { BotRunner } from "../../server/rooms/bot-runner.ts";
import { classroom, negotiating, seat } from "../engine/helpers.ts";

const PERSON = "ID";

/** A room with the GameRoom's queue discipline, whose store commits when the test says so. */
function slowRoom() {
  let game: GameState = negotiating(classroom());
  const applied: Action[] = [];
  let commit: () => void = () => {};
  let queue: Promise<unknown> = Promise.resolve();
  const ticks: (() => void)[] = [];
  const timeouts: { fn: () => void; ms: number }[] = [];
  const room = {
    roomId: "T1",
    paused: false,
    state: { deadline: 0 },
    get game() {
      return game;
    },
    botSeats: () => seatIds(game).filter((s) => s !== PERSON),
    peopleReady: () => game.ready.includes(PERSON),
    act: (action: Action) => room.actWhenDue(() => action) as Promise<{ ok: boolean }>,
    actWhenDue(choose: () => Action | null) {
      const run = queue.then(async () => {
        const action = choose();
        if (!action) return null;
        const result = apply(game, action);
        if (!result.ok) return { ok: false };
        game = result.state;
        applied.push(action);
        // The store's commit: the next action waits for it.
        await new Promise<void>((done) => (commit = done));
        return { ok: true };
      });
      queue = run.catch(() => undefined);
      return run;
    },
    clock: { setInterval: (fn: () => void) => (ticks.push(fn), { clear() {} }), setTimeout: (fn: () => void, ms: number) => timeouts.push({ fn, ms }) },
  };
  /** Acts, and lets the store commit it before the next. */
  const stored = async (action: Action) => {
    void room.act(action);
    await settle();
    commit();
    await settle();
  };
  return { room, applied, timeouts, tick: () => ticks.forEach((fn) => fn()), commit: () => commit(), stored };
}

const settle = () => new Promise<void>((done) => setImmediate(done));

describe("the bot runner", () => {
  it("chooses a bot's move after a person's ready that was waiting for the store: the bot starts nothing new", async () => {
    const { room, applied, tick, commit } = slowRoom();
    const runner = new BotRunner(room, (state, s, rng, limits) => botChooser(state, s, rng, undefined, limits), 10);
    // The person's plenary line is being stored; they press Done meanwhile, and it waits.
    void room.act({ actor: seat(PERSON), move: { type: "chat", channel: "plenary", text: "Done for this round." } });
    void room.act({ actor: seat(PERSON), move: { type: "ready", ready: true } });
    await settle();
    expect(applied.map((a) => a.move.type)).toEqual(["chat"]);
    // A bot's turn comes while the ready still waits.
    tick();
    for (let i = 0; i < 30; i++) {
      commit();
      await settle();
      tick();
    }
    runner.stop();
    expect(applied[1]).toMatchObject({ actor: { seat: PERSON }, move: { type: "ready" } });
    const after = applied.slice(2).map((a) => a.move.type);
    // Every bot has its say: only answers and saying they are ready, no new offer.
    expect(after.filter((t) => !["sign", "decline", "amend", "ready", "chat"].includes(t))).toEqual([]);
    expect(after.filter((t) => t === "ready")).toHaveLength(room.botSeats().length);
  });

  it("answers a person before any bot's own move: after a person's question the asked bot moves next, until its answer, whatever the turn order", async () => {
    const { room, applied, tick, commit } = slowRoom();
    const runner = new BotRunner(room, (state, s, rng, limits) => botChooser(state, s, rng, undefined, limits), 10);
    /** One bot move (or none): a tick, its store commit. */
    const move = async () => {
      const before = applied.length;
      tick();
      await settle();
      if (applied.length > before) commit();
      await settle();
      return applied.slice(before);
    };
    // The bots get going on their own business.
    for (let i = 0; i < 5; i++) await move();
    // The phase is about to end: no bot waits a person's reply time, so the order alone decides.
    room.state.deadline = Date.now() + 10;
    for (const bot of ["US", "JP", "NL", "CN", "TW"]) {
      void room.act({ actor: seat(PERSON), move: { type: "open-channel", members: [bot] } });
      await settle();
      commit();
      await settle();
      const channel = Object.values(room.game.channels).find((c) => c.kind === "bilateral" && c.members.includes(bot) && c.members.includes(PERSON))!.id;
      void room.act({ actor: seat(PERSON), move: { type: "chat", channel, text: "What would it take to do a deal with you?" } });
      await settle();
      commit();
      await settle();
      // It may answer offers to it first (answers come before anything else); no other bot moves meanwhile.
      for (let i = 0; ; i++) {
        expect(i, `${bot}'s answer within 20 moves`).toBeLessThan(20);
        const moved = await move();
        expect(moved.map((a) => (a.actor.kind === "seat" ? a.actor.seat : "")), `who moved before ${bot}'s answer`).toEqual([bot]);
        if (moved[0]!.move.type === "chat") {
          expect(moved[0]!.move).toMatchObject({ channel });
          break;
        }
      }
    }
    runner.stop();
  });

  it("answers a question the moment its reply time is up, timed from when it was asked, not from the next tick (answers came 7–10 s after a question)", async () => {
    const { room, applied, timeouts, commit } = slowRoom();
    let now = 1_000_000;
    const clock = vi.spyOn(Date, "now").mockImplementation(() => now);
    try {
      // A 1 s tick: the designed pause before an answer is 2 s.
      const runner = new BotRunner(room, (state, s, rng, limits) => botChooser(state, s, rng, undefined, limits), 1000);
      void room.act({ actor: seat(PERSON), move: { type: "open-channel", members: ["JP"] } });
      await settle();
      commit();
      await settle();
      const channel = Object.values(room.game.channels).find((c) => c.kind === "bilateral")!.id;
      void room.act({ actor: seat(PERSON), move: { type: "chat", channel, text: "What would it take to do a deal with you?" } });
      await settle();
      commit();
      await settle();
      // The room tells the runner of the change as it is stored.
      runner.changed();
      const due = timeouts.at(-1)!;
      expect(due.ms).toBe(2000);
      // At 2 s the answer is due: no tick's wait (or two) on top.
      now += 2000;
      const soon = applied.length;
      due.fn();
      await settle();
      const by = (as: typeof applied) => as.map((a) => (a.actor.kind === "seat" ? a.actor.seat : ""));
      expect(by(applied.slice(soon)), "Japan moves at once").toEqual(["JP"]);
      runner.stop();
    } finally {
      clock.mockRestore();
    }
  });

  it("a fresh offer from another bot does not hold back a bot's answer to a person's question asked before it: the answer is its next move", async () => {
    const { room, applied, timeouts, stored } = slowRoom();
    let now = 1_000_000;
    const clock = vi.spyOn(Date, "now").mockImplementation(() => now);
    try {
      const runner = new BotRunner(room, (state, s, rng, limits) => botChooser(state, s, rng, undefined, limits), 1000);
      await stored({ actor: seat(PERSON), move: { type: "open-channel", members: ["JP"] } });
      const channel = Object.values(room.game.channels).find((c) => c.kind === "bilateral")!.id;
      await stored({ actor: seat(PERSON), move: { type: "chat", channel, text: "Why?" } });
      runner.changed();
      const due = timeouts.at(-1)!;
      // 1.5 s later the Netherlands offers Japan chips: Japan's pause for that offer has just begun.
      now += 1500;
      await stored({ actor: seat("NL"), move: { type: "propose", draft: { terms: { type: "supply", suppliers: ["NL"], buyers: ["JP"], sector: "semis", volume: 2, price: 1, coInvest: 0 }, parties: ["NL", "JP"], duration: 2 } } });
      runner.changed();
      // At 2 s the question's reply time is up: Japan moves, though the offer is 0.5 s old.
      now += 500;
      const soon = applied.length;
      due.fn();
      await settle();
      expect(applied.slice(soon).map((a) => (a.actor.kind === "seat" ? a.actor.seat : "")), "Japan moves at once").toEqual(["JP"]);
      // Its move is the answer: the offer, younger than the question, comes after it (it came first, a tick later than the question's reply time).
      expect(applied.at(-1)!.move).toMatchObject({ type: "chat", channel });
      runner.stop();
    } finally {
      clock.mockRestore();
    }
  });

  it("a question at the negotiation's start is answered at its reply time, not after the bots' opening offers to the bot asked (the first answer came 13–23 s after it)", async () => {
    const { room, applied, timeouts, stored } = slowRoom();
    let now = 1_000_000;
    const clock = vi.spyOn(Date, "now").mockImplementation(() => now);
    try {
      const delay = 1000;
      const runner = new BotRunner(room, (state, s, rng, limits) => botChooser(state, s, rng, undefined, limits), delay);
      // The bots' opening offers to Japan, as the person opens a channel and asks.
      const supply = (from: string) => ({ terms: { type: "supply" as const, suppliers: [from], buyers: ["JP"], sector: "semis" as const, volume: 2, price: 1, coInvest: 0 }, parties: [from, "JP"], duration: 2 });
      await stored({ actor: seat("NL"), move: { type: "propose", draft: supply("NL") } });
      await stored({ actor: seat("TW"), move: { type: "propose", draft: supply("TW") } });
      const waiting = () => room.game.agreements.filter((a) => a.status === "proposed" && !a.signatures.includes("JP"));
      expect(waiting().length).toBe(2);
      await stored({ actor: seat(PERSON), move: { type: "open-channel", members: ["JP"] } });
      const channel = Object.values(room.game.channels).find((c) => c.kind === "bilateral" && c.members.includes("JP"))!.id;
      await stored({ actor: seat(PERSON), move: { type: "chat", channel, text: "What would it take to do a deal with you?" } });
      runner.changed();
      const due = timeouts.at(-1)!;
      // The reply time the runner gives an offer: twice its delay.
      expect(due.ms).toBe(2 * delay);
      now += due.ms;
      const soon = applied.length;
      due.fn();
      await settle();
      // Japan's next move, at the reply time, is the answer; the bots' offers are still to answer.
      expect(applied.slice(soon).map((a) => (a.actor.kind === "seat" ? a.actor.seat : "")), "Japan moves at once").toEqual(["JP"]);
      expect(applied.at(-1)!.move).toMatchObject({ type: "chat", channel });
      expect(waiting().length).toBeGreaterThanOrEqual(1);
      runner.stop();
    } finally {
      clock.mockRestore();
    }
  });

  it("once the person is done, every bot with nothing to answer says so at once, not one bot a delay (a lone player waited half a minute at a table of twelve)", async () => {
    const { room, applied, tick, commit } = slowRoom();
    const runner = new BotRunner(room, (state, s, rng, limits) => botChooser(state, s, rng, undefined, limits), 10);
    void room.act({ actor: seat(PERSON), move: { type: "ready", ready: true } });
    await settle();
    commit();
    await settle();
    // One tick of the bots' clock, then only the store's commits.
    tick();
    for (let i = 0; i < 40; i++) {
      await settle();
      commit();
    }
    await settle();
    runner.stop();
    expect(applied.slice(1).map((a) => a.move.type)).toEqual(room.botSeats().map(() => "ready"));
    expect([...room.game.ready].sort()).toEqual(seatIds(room.game).sort());
  });
});
