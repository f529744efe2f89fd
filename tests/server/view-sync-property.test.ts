/**
 * The incremental sync as a property, through the real server and real SDK clients: after a
 * seeded random run of real requests (chat in every channel, offers, amendments, refusals,
 * signatures, withdrawals, readiness, phase changes, the facilitator's commands, bots' moves,
 * late joins, drops and reconnections, people moved to another seat or out of theirs), every
 * connected client's assembled view equals the engine's view for its viewer (shared/engine/views.ts `viewFor`) of the game the server stored
 * (its action log, replayed here), also once the trims have run (server/rooms/view-sync.ts). A
 * client that came late or came back fetches what its panels would (shared/protocol/archive.ts).
 * A preview is answered as the engine answers it for the stored game (shared/engine/preview.ts
 * keeps answers). And no client's raw bytes ever held the terms of an unsigned deal it was never
 * a party to, or a private line of a channel it is not in.
 */
import { isDeepStrictEqual } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { expectCleanDecoding, join, leaveAll, type Conn } from "../helpers/game-client.ts";
import { createGame as createServerGame, type ServerProcess } from "../helpers/server-process.ts";
import { serverPerFile } from "../helpers/server-per-file.ts";
import { eventually } from "../helpers/wait.ts";
import { SqliteStore } from "../../server/storage/sqlite-store.ts";
import { setupOf } from "../../server/debrief/analysis.ts";
import { randomDraft, randomSeatAction } from "../../shared/bots/random-bot.ts";
import { AGREEMENT_TYPES, apply, canSeeAgreement, createGame, legalActions, nextRandom, preview, randomInt, seedFrom, viewFor, ROLES, type GameState, type Viewer } from "../../shared/engine/index.ts";
import { PAST_PARTS, ENDED_STATUSES } from "../../shared/protocol/archive.ts";
import { inOrderMade, toWireDeal, type ClientView } from "../../shared/protocol/view.ts";
import { isPublicMessage } from "../../shared/protocol/sections.ts";

let server: ServerProcess;
let store: SqliteStore;
serverPerFile((s) => {
  server = s;
  store = new SqliteStore(s.databasePath);
});

afterEach(() => expectCleanDecoding());

type Rng = { rng: number };
const pick = <T>(rng: Rng, items: readonly T[]): T => items[randomInt(rng, items.length)]!;

/** The game as the server stored it: its log replayed, one action at a time. */
class StoredGame {
  state!: GameState;
  private applied = 0;
  /** Per unsigned deal's terms (as they travel): the seats that could ever read them, or every reader. */
  readersOfTerms = new Map<string, Set<string> | "all">();
  /** Per private line's text: the seats that could read it. */
  readersOfLine = new Map<string, Set<string>>();

  constructor(private code: string) {}

  async load() {
    this.state = createGame(setupOf((await store.getGame(this.code))!));
  }

  /** Brings the state up to the stored log, noting who could read what at every step. */
  async refresh(): Promise<GameState> {
    const log = await store.actionLog(this.code);
    for (const { action } of log.slice(this.applied)) {
      const r = apply(this.state, action);
      if (!r.ok) throw new Error(`the stored log does not replay: ${r.error.code}`);
      this.state = r.state;
      this.note();
    }
    this.applied = log.length;
    return this.state;
  }

  private note() {
    const s = this.state;
    for (const a of s.agreements) {
      const terms = toWireDeal(a).terms;
      const known = this.readersOfTerms.get(terms) ?? new Set<string>();
      if (known === "all") continue;
      if (canSeeAgreement({ kind: "observer" }, a)) this.readersOfTerms.set(terms, "all");
      else this.readersOfTerms.set(terms, new Set([...known, ...a.parties]));
    }
    for (const m of s.messages) {
      // The test's own lines name themselves (bots' and the random moves' lines repeat).
      if (isPublicMessage(m) || !m.text.startsWith("line ") || this.readersOfLine.has(m.text)) continue;
      this.readersOfLine.set(m.text, new Set(s.channels[m.channel]?.members ?? []));
    }
  }
}

/** The parts of a view both sides have: what only the client adds, and the round records it fetches over HTTP, left out. */
function comparable(view: ClientView | ReturnType<typeof viewFor>) {
  const { code, deadline, paused, remainingMs, seats, waiting, rejoinCodes, observers, recorded, lastChanges, history, ...rest } = view as ClientView;
  void code, deadline, paused, remainingMs, seats, waiting, rejoinCodes, observers, recorded, lastChanges, history;
  return {
    ...rest,
    agreements: [...rest.agreements].sort(inOrderMade),
    messages: [...rest.messages].sort((a, b) => a.id - b.id),
  };
}

/** Fetches the parts of the past this client lacks (a late join, a return), as its panels would. */
async function fetchLacking(c: Conn) {
  for (const part of PAST_PARTS) if (c.archive.lacks(part)) await c.fetchPast(part);
}

const viewerKey = (v: Viewer) => (v.kind === "seat" ? v.seat : v.kind);

/** Every client's view is the engine's for its viewer, at the stored game's version. */
async function expectViewsMatch(game: StoredGame, conns: Conn[]) {
  await eventually(
    async () => {
      const state = await game.refresh();
      for (const c of conns) {
        await readSockets();
        await fetchLacking(c);
        const view = c.view();
        expect(view.version, `${viewerKey(c.viewer)}'s version`).toBe(state.version);
        expect(view.recorded).toEqual(state.history.map((h) => h.round));
        const expected = comparable(viewFor(state, c.viewer));
        const got = comparable(view);
        // Strictly equal passes toEqual too, at a fraction of its cost (nine views a step, 240 steps).
        if (isDeepStrictEqual(got, expected)) continue;
        // A deal that differs is named with what the client's room state holds of it.
        for (const a of expected.agreements) {
          const synced = c.syncedState();
          const raw = synced.agreements?.[a.id] ?? synced.privateAgreements?.find((d) => d.id === a.id);
          expect(got.agreements.find((x) => x.id === a.id), `${viewerKey(c.viewer)}'s ${a.id}; its room state holds ${JSON.stringify(raw)}`).toEqual(a);
        }
        expect(got, `${viewerKey(c.viewer)}'s view`).toEqual(expected);
      }
    },
    { timeout: 15_000 },
  );
}

/**
 * Lets the test process read its sockets. Its clients answer the server's pings only then
 * (Colyseus pings every 3 s and cuts a client that missed two: a test process held for 10 s had
 * its client cut). Checking every client's view and all its bytes in one go held the event loop
 * up to 1.8 s at a load average of 45; one client at a time, each frame searched once, 0.9 s.
 */
const readSockets = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * For each client, how many of its frames were already searched for each text. A text found
 * absent from a frame stays so: its readers and a client's seats only grow. So each frame is
 * searched once for each text, not at every step (the whole run's bytes, nine clients, 240 steps).
 */
const searched = new WeakMap<Conn, Map<string, number>>();

/**
 * No client's bytes hold the terms of a deal it could never read, or a private line of a channel
 * it is not in; `seats`: the seats the client has held (the facilitator may have moved it).
 * Bots keep moving while a client's bytes are read, so its frames can hold a move newer than the
 * log `game` last read: terms found in them are checked again against the log read after the
 * frames (the server stores a move before it sends it), where a deal signed meanwhile is public.
 */
async function expectNoLeaks(game: StoredGame, conns: Conn[], seats: (c: Conn) => ReadonlySet<string>) {
  for (const c of conns) {
    if (c.viewer.kind === "facilitator") continue;
    await readSockets();
    const frames = c.socket.frames;
    const done = searched.get(c) ?? new Map<string, number>();
    searched.set(c, done);
    const held = seats(c);
    const readBy = (readers: Set<string>) => [...held].some((seat) => readers.has(seat));
    const unread = (text: string) => {
      const from = done.get(text) ?? 0;
      done.set(text, frames.length);
      return from < frames.length && Buffer.concat(frames.slice(from)).includes(Buffer.from(text));
    };
    const found: string[] = [];
    for (const [terms, readers] of game.readersOfTerms) {
      // Short terms ({} of a screening pact) are bytes any section may hold.
      if (readers === "all" || readBy(readers) || terms.length < 16) continue;
      if (unread(terms)) found.push(terms);
    }
    if (found.length) await game.refresh();
    for (const terms of found) {
      const readers = game.readersOfTerms.get(terms)!;
      expect(readers === "all" || readBy(readers), `${viewerKey(c.viewer)} received the unsigned terms ${terms}`).toBe(true);
    }
    for (const [text, readers] of game.readersOfLine) {
      if (readBy(readers)) continue;
      expect(unread(text), `${viewerKey(c.viewer)} received the private line ${text}`).toBe(false);
    }
  }
}

/** Waits until what leaves the room state a second later has left it: past rounds, ended deals, public lines beyond the window. */
async function trimsDone(game: StoredGame, conns: Conn[]) {
  await eventually(
    async () => {
      const state = await game.refresh();
      for (const c of conns) {
        const synced = c.syncedState();
        expect(synced.version).toBe(state.version);
        expect(synced.since).toBe(state.round);
        const held = [...Object.values(synced.agreements ?? {}), ...(synced.privateAgreements ?? [])];
        expect(held.filter((d) => ENDED_STATUSES.has(d.status as never)).map((d) => d.id)).toEqual([]);
      }
    },
    { timeout: 15_000, interval: 100 },
  );
}

const SEATED = ["US", "NL", "JP", "CN", "IN"];

async function play(seed: number, steps: number) {
  const rng: Rng = { rng: seedFrom(`view-sync-property:${seed}`) };
  const { code, facilitatorKey } = await createServerGame(server, {
    scenarioId: "classroom-quick",
    settings: { teams: false, bots: true, seed, rounds: 6, reconnectSeconds: 60, eventSeconds: 600, negotiationSeconds: 3600, reviewSeconds: 600 },
  });
  const game = new StoredGame(code);
  await game.load();
  const fac = await join.facilitator(server.endpoint, code, facilitatorKey);
  const obs = await join.observer(server.endpoint, code);
  const players: Conn[] = [];
  for (const seat of SEATED) players.push(await join.player(server.endpoint, code, { name: `Player ${seat}`, seat }));
  let lateObserver: Conn | undefined;
  const dropped: Conn[] = [];
  const live = () => [fac, obs, ...players, ...(lateObserver ? [lateObserver] : [])];
  const seatOf = (c: Conn) => (c.viewer.kind === "seat" ? c.viewer.seat : undefined);
  const seated = () => players.filter((c) => seatOf(c));
  const seatsHeld = new Map<Conn, Set<string>>();
  const seatsOf = (c: Conn) => seatsHeld.get(c) ?? new Set<string>();
  const noteSeats = () => {
    for (const c of [...live(), ...dropped]) if (seatOf(c)) seatsHeld.set(c, seatsOf(c).add(seatOf(c)!));
  };
  let lines = 0;
  let comings = 0;
  let previews = 0;
  try {
    await fac.command({ type: "start" });
    await expectViewsMatch(game, live());
    for (let step = 0; step < steps; step++) {
      const state = game.state;
      const roll = nextRandom(rng);
      if (state.phase === "ended") break;
      if (roll < 0.06) {
        await fac.facilitator({ type: "advance", phase: state.phase === "lobby" ? undefined : (state.phase as "event") });
      } else if (roll < 0.11) {
        const messages = state.messages.filter((m) => !m.deleted);
        const pending = state.matrix.filter((m) => m.status === "pending");
        const commands = [
          { type: "broadcast", text: `broadcast ${seed}-${step}` },
          { type: "set-comms", channels: pick(rng, ["open", "same-bloc", "closed"] as const) },
          { type: "custom-event", title: `Card ${step}`, text: "A shock.", effects: [{ kind: "metric", target: pick(rng, SEATED), metric: "security", amount: 2 }] },
          ...(messages.length ? [{ type: "delete-message", messageId: pick(rng, messages).id, reason: "test" }] : []),
          ...(pending.length ? [{ type: "rule-matrix", matrixId: pick(rng, pending).id, ruling: pick(rng, ["accept", "refuse", "roll"] as const), odds: 0.5 }] : []),
          { type: "set-comms", facilitatorReadsPrivate: !state.settings.facilitatorReadsPrivate },
        ];
        await fac.facilitator(pick(rng, commands));
      } else if (roll < 0.2) {
        // People come and go: a drop, a return, a late join, the facilitator moving someone to a free seat or out of theirs.
        const event = comings++ % 5; // each kind in turn
        const held = new Set([...players, ...dropped].flatMap((c) => seatOf(c) ?? []));
        const free = state.scenario.countries.filter((c) => c.control === "seat" && !held.has(c.id)).map((c) => c.id);
        if (event === 0 && seated().length > 2) {
          const c = pick(rng, seated());
          players.splice(players.indexOf(c), 1);
          await c.drop();
          dropped.push(c);
        } else if (event === 1 && dropped.length) {
          const c = pick(rng, dropped);
          dropped.splice(dropped.indexOf(c), 1);
          players.push(await c.reconnect());
        } else if (event === 2 && !lateObserver) {
          lateObserver = await join.observer(server.endpoint, code, "Late observer");
        } else if (event === 2 && free.length) {
          players.push(await join.player(server.endpoint, code, { name: `Late player ${step}`, seat: pick(rng, free) }));
        } else if (event === 3 && free.length && players.length) {
          const c = pick(rng, players);
          const holder = fac.view().seats.flatMap((x) => x.holders).find((h) => h.name === c.welcome.name);
          const seat = pick(rng, free);
          if (holder && (await fac.facilitator({ type: "assign-seat", holder: holder.id, seat })).ok) await eventually(() => expect(seatOf(c)).toBe(seat));
        } else if (event === 4 && seated().length > 2) {
          const c = pick(rng, seated());
          if ((await fac.facilitator({ type: "free-seat", seat: seatOf(c)! })).ok) await eventually(() => expect(seatOf(c)).toBeUndefined());
        }
      } else if (seated().length) {
        const conn = pick(rng, seated());
        const seat = seatOf(conn)!;
        const legal = legalActions(state, { kind: "seat", seat, roles: [...ROLES] });
        const sub = nextRandom(rng);
        const offers = state.agreements.filter((a) => a.status === "proposed" && a.parties.includes(seat));
        if (sub < 0.3 && legal.chatChannels.length) {
          // A line that names itself, so its bytes can be looked for.
          await conn.act({ type: "chat", channel: pick(rng, legal.chatChannels), text: `line ${seed}-${step}-${++lines}` });
        } else if (sub < 0.38) {
          const others = state.scenario.countries.filter((c) => c.id !== seat).map((c) => c.id);
          await conn.act({ type: "open-channel", members: [pick(rng, others), ...(nextRandom(rng) < 0.5 ? [pick(rng, others)] : [])] });
        } else if (sub < 0.42) {
          await conn.act({ type: "matrix", text: `covert move ${seed}-${step}: we stockpile gallium` });
        } else if (sub < 0.5) {
          // A preview of a draft or of an open offer, answered from the server's cache: the engine's
          // answer for the stored game, when nothing moved while it was asked.
          const subject = offers.length && nextRandom(rng) < 0.5 ? { agreementId: pick(rng, offers).id } : { draft: randomDraft(state, seat, pick(rng, legal.proposeTypes.length ? legal.proposeTypes : AGREEMENT_TYPES), rng) };
          const before = (await game.refresh()).version;
          const reply = await conn.preview(subject);
          const asked = await game.refresh();
          if (asked.version === before) {
            const engine = preview(asked, seat, subject);
            expect(reply).toEqual(engine.ok ? { ok: true, lines: engine.lines, notes: engine.notes } : { ok: false, error: expect.objectContaining({ code: engine.error.code }) });
            previews++;
          }
        } else if (sub < 0.58 && offers.length) {
          const offer = pick(rng, offers);
          const draft = randomDraft(state, seat, offer.type, rng);
          await conn.act({ type: "amend", agreementId: offer.id, revision: offer.revision, draft });
        } else {
          const action = randomSeatAction(state, seat, rng);
          if (action) await conn.act(action.move);
        }
      }
      await expectViewsMatch(game, live());
      noteSeats();
      await expectNoLeaks(game, [...live(), ...dropped], seatsOf);
      if (roll < 0.06) {
        await trimsDone(game, live());
        await expectViewsMatch(game, live());
      }
    }
    for (const c of dropped.splice(0)) players.push(await c.reconnect());
    await trimsDone(game, live());
    await expectViewsMatch(game, live());
    if ((await game.refresh()).phase !== "ended") await fac.command({ type: "end-game" });
    await expectViewsMatch(game, live());
    noteSeats();
    await expectNoLeaks(game, live(), seatsOf);
    return { final: game.state, previews };
  } finally {
    await leaveAll(...live(), ...dropped);
  }
}

describe("every client's view is the engine's, after random play through the server", () => {
  it.each([1, 2])("seed %i", async (seed) => {
    const { final, previews } = await play(seed, 120);
    // The run covered what it is about.
    expect(final.round).toBeGreaterThan(1);
    expect(final.agreements.length).toBeGreaterThan(2);
    expect(previews).toBeGreaterThan(0);
  }, 240_000);
});
