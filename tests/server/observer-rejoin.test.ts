/**
 * The web client's observer after a network blip (client/net/connection.ts): the server keeps no
 * seat for a dropped observer (server/rooms/GameRoom.ts onDrop), so the SDK's own reconnection
 * could only be refused try after try while a classroom projector showed "reconnecting". The
 * observer joins again at once instead. The real client connection against the real server; the
 * socket is cut without a close frame, as a dropped Wi-Fi does.
 */
import { RecordingSocket } from "../helpers/recording-socket.ts";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { createGame, type ServerProcess } from "../helpers/server-process.ts";
import { serverPerFile } from "../helpers/server-per-file.ts";
import { waitFor } from "../helpers/wait.ts";

const { GameConnection } = await import("../../client/net/connection.ts");
const { Store } = await import("../../client/state/store.ts");
const { memoryStorage, SessionMemory } = await import("../../client/net/session-memory.ts");

let server: ServerProcess;
serverPerFile((s) => (server = s));

const open: InstanceType<typeof GameConnection>[] = [];
afterAll(async () => {
  for (const c of open) await c.leave();
});
afterEach(() => vi.unstubAllGlobals());

/** The browser's page origin and its same-origin fetches, pointed at the test server. */
function asPageOf(url: string) {
  const realFetch = globalThis.fetch;
  vi.stubGlobal("window", { location: { origin: url } });
  vi.stubGlobal("fetch", (input: string, init?: RequestInit) => realFetch(input.startsWith("/") ? url + input : input, init));
}

describe("an observer's dropped connection", () => {
  it("joins again at once, with no reconnection attempts the server would refuse", async () => {
    const { code } = await createGame(server, { scenarioId: "classroom-quick", settings: { bots: false, seed: 5, eventSeconds: 600, negotiationSeconds: 3600, reviewSeconds: 600 } });
    asPageOf(server.url);
    const store = new Store();
    const conn = new GameConnection(code, { as: "observer", name: "Projector" }, store, new SessionMemory(memoryStorage(), memoryStorage()));
    open.push(conn);
    expect(await conn.open()).toEqual({ ok: true });
    await waitFor(() => store.get().view?.viewer.kind === "observer", { message: "the observer's first view" });
    // Past the SDK's minimum uptime for a reconnection, so it would try (client/net/connection.ts attach).
    await new Promise((r) => setTimeout(r, 1100));

    const sockets = RecordingSocket.all.length;
    const shown: string[] = [];
    store.subscribe(() => {
      if (shown.at(-1) !== store.get().status) shown.push(store.get().status);
    });
    const cut = Date.now();
    RecordingSocket.all.at(-1)!.terminate();
    await waitFor(() => shown.includes("reconnecting") && store.get().status === "connected", { timeout: 30_000, message: "connected again" });
    const away = Date.now() - cut;

    // One new socket: the join again. The old client first opened one per refused reconnection try.
    expect(RecordingSocket.all.length - sockets).toBe(1);
    // Back at once: the old client waited for the SDK's refused try, then a second before joining again.
    expect(away).toBeLessThan(1000);
    expect(store.get().view?.viewer.kind).toBe("observer");
    expect(store.get().me).toMatchObject({ kind: "observer", name: "Projector" });
  });
});
