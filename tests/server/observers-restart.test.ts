/**
 * The facilitator's list of observers survives a restart of the server: the names observers
 * gave are stored with the game (server/storage, as its seats and holders are), so after a
 * crash the console still lists who watched, gone until they come back.
 */
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { Conn, expectCleanDecoding, join, leaveAll } from "../helpers/game-client.ts";
import { createGame, startServerProcess, tempDatabase, withBoots, type ServerProcess } from "../helpers/server-process.ts";
import { eventually, waitFor } from "../helpers/wait.ts";

const db = tempDatabase();
let server: ServerProcess | undefined;
const conns: Conn[] = [];

afterEach(() => expectCleanDecoding());
afterAll(async () => {
  await leaveAll(...conns);
  await server?.stop();
  db.cleanup();
});

const SETTINGS = { bots: false, seed: 5, eventSeconds: 600, negotiationSeconds: 3600, reviewSeconds: 600 };

describe("who watched, after a restart", () => {
  it("the console lists the observers' names as before the crash, gone until they come back under the same name", { timeout: withBoots(2) }, async () => {
    server = await startServerProcess({ databasePath: db.databasePath });
    const { code, facilitatorKey } = await createGame(server, { scenarioId: "classroom-quick", settings: SETTINGS });
    const fac = await join.facilitator(server.endpoint, code, facilitatorKey);
    const player = await join.player(server.endpoint, code, { name: "Noor", seat: "NL" });
    const mei = await join.observer(server.endpoint, code, "Mei");
    const projector = await join.observer(server.endpoint, code, "Projector");
    const nameless = await Conn.join(server.endpoint, code, { as: "observer" });
    const before = [fac, player, mei, projector, nameless];
    await eventually(() => expect(fac.view().observers).toEqual([{ name: "Mei", connected: true }, { name: "Projector", connected: true }, { connected: true }]));

    // A crash: nothing gets to flush.
    const port = server.port;
    await server.kill();
    for (const c of before) await waitFor(() => !c.open, { message: "clients to notice the server is gone" });
    server = await startServerProcess({ databasePath: db.databasePath, port });

    const back = await join.facilitator(server.endpoint, code, facilitatorKey);
    conns.push(back);
    // Named observers are listed, not connected; one who gave no name cannot be told apart once gone.
    await eventually(() => expect(back.view().observers).toEqual([{ name: "Mei", connected: false }, { name: "Projector", connected: false }]));
    // Mei comes back (typing her name in another case): her entry, connected again, as she first typed it.
    const again = await join.observer(server.endpoint, code, "mei");
    conns.push(again);
    await eventually(() => expect(back.view().observers).toEqual([{ name: "Mei", connected: true }, { name: "Projector", connected: false }]));
  });
});
