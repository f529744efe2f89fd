/**
 * The server's bot runner (server/rooms/bot-runner.ts) over a room whose one queue of actions
 * is held up by a slow store: a bot's move is chosen when its turn in the queue comes, so a
 * person's "ready" already waiting there is part of the state it is chosen from.
 */
import { describe, expect, it } from "vitest";
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
    clock: { setInterval: (fn: () => void) => (ticks.push(fn), { clear() {} }) },
  };
  return { room, applied, tick: () => ticks.forEach((fn) => fn()), commit: () => commit() };
}

const settle = () => new Promise<void>((done) => setImmediate(done));

describe("the bot runner", () => {
  it("chooses a bot's move after a person's ready that was waiting for the store: the bot starts nothing new", async () => {
    const { room, applied, tick, commit } = slowRoom();
    const runner = new BotRunner(room, (state, s, rng) => botChooser(state, s, rng), 10);
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
});
