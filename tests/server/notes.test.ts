/**
 * Observers' notes are bounded (server/rooms/requests.ts): a connection may send a few every
 * ten seconds, and a game keeps at most NOTES_PER_GAME of them, counted from the database when
 * the room opens; the facilitator's findings are still taken past it.
 */
import { afterAll, describe, expect, it } from "vitest";
import { join, leaveAll, type Conn } from "../helpers/game-client.ts";
import type { ServerProcess } from "../helpers/server-process.ts";
import { serverPerFile } from "../helpers/server-per-file.ts";
import { CreateGameSchema } from "../../shared/protocol/messages.ts";
import { shippedScenarios } from "../../server/scenarios.ts";
import { openStore } from "../../server/storage/open-store.ts";
import { hashKey, newCode } from "../../server/codes.ts";
import { NOTES_PER_GAME } from "../../server/rooms/requests.ts";

let server: ServerProcess;
const KEY = "notes-facilitator-key";
const code = newCode();
const conns: Conn[] = [];

serverPerFile((s) => (server = s), {
  // A game whose observers already wrote all but one of the notes it keeps.
  seed: async (databasePath) => {
    const store = await openStore({ databasePath });
    const scenario = shippedScenarios().get("classroom-quick")!;
    const { settings } = CreateGameSchema.parse({ scenarioId: scenario.id, settings: { seed: 3 } });
    await store.createGame({ code, scenario, settings, seed: "3", keyHash: hashKey(KEY), createdAt: Date.now(), finishedAt: null });
    for (let i = 1; i < NOTES_PER_GAME; i++) await store.saveNote({ code, kind: "note", by: "observer", name: "Seeder", round: 0, phase: "lobby", at: Date.now(), text: `note ${i}` });
    await store.close();
  },
  timeout: 60_000,
});

afterAll(() => leaveAll(...conns));

describe("observers' notes", () => {
  it("are limited per connection with rate/limited, then refused with rule/notes_full once the game holds its most; the facilitator's findings still go in", async () => {
    const fast = await join.observer(server.endpoint, code, "Fast");
    const other = await join.observer(server.endpoint, code, "Other");
    const fac = await join.facilitator(server.endpoint, code, KEY);
    conns.push(fast, other, fac);
    expect(await fast.room.request("note", { text: "the last one the game keeps" })).toMatchObject({ ok: true });
    expect(await fast.room.request("note", { text: "one too many" })).toMatchObject({
      ok: false,
      error: { code: "rule/notes_full", text: { key: "server.notesFull", args: { max: NOTES_PER_GAME } } },
    });
    for (let i = 0; i < 2; i++) await fast.room.request("note", { text: `more ${i}` });
    expect(await fast.room.request("note", { text: "a fifth within ten seconds" })).toMatchObject({ ok: false, error: { code: "rate/limited", text: { key: "server.notesTooFast" } } });
    // The limit is the connection's: another observer is refused only for the game's bound.
    expect(await other.room.request("note", { text: "me too" })).toMatchObject({ ok: false, error: { code: "rule/notes_full" } });
    expect(await fac.room.request("note", { kind: "finding", text: "The hot wash goes on." })).toMatchObject({ ok: true });
    const report = (await (await fetch(`${server.url}/api/games/${code}/report`, { headers: { "x-facilitator-key": KEY } })).json()) as { notes: unknown[] };
    expect(report.notes.length).toBe(NOTES_PER_GAME + 1);
  });
});
