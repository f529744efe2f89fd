/**
 * Observers as the server names them: one who gave a name is welcomed by it, one who gave none
 * is welcomed with none (the client names the role in its reader's language). The facilitator's
 * console lists who is watching, connected or not; nobody else receives the list (raw bytes).
 */
import { randomBytes } from "node:crypto";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { Conn, expectCleanDecoding, join, leaveAll } from "../helpers/game-client.ts";
import { createGame, type ServerProcess } from "../helpers/server-process.ts";
import { serverPerFile } from "../helpers/server-per-file.ts";
import { eventually } from "../helpers/wait.ts";

let server: ServerProcess;
serverPerFile((s) => (server = s));
afterEach(() => expectCleanDecoding());

const SETTINGS = { bots: false, seed: 5, eventSeconds: 600, negotiationSeconds: 3600, reviewSeconds: 600 };
const conns: Conn[] = [];
afterAll(() => leaveAll(...conns));

describe("an observer's name", () => {
  it("is the name they gave, or none: never the English word 'Observer' as if it were a name", async () => {
    const { code } = await createGame(server, { scenarioId: "classroom-quick", settings: SETTINGS });
    const mei = await join.observer(server.endpoint, code, "Mei");
    const nameless = await Conn.join(server.endpoint, code, { as: "observer" });
    conns.push(mei, nameless);
    expect(mei.welcome).toMatchObject({ kind: "observer", name: "Mei" });
    expect(nameless.welcome.kind).toBe("observer");
    expect(nameless.welcome.name).toBeUndefined();
  });
});

describe("who is watching, in the facilitator's console", () => {
  it("lists observers by name, connected or gone, and one without a name while connected; players and observers never receive the list", async () => {
    const { code, facilitatorKey } = await createGame(server, { scenarioId: "classroom-quick", settings: SETTINGS });
    const fac = await join.facilitator(server.endpoint, code, facilitatorKey);
    const player = await join.player(server.endpoint, code, { name: "Noor", seat: "NL" });
    const name = `Watcher${randomBytes(4).toString("hex")}`;
    const watcher = await join.observer(server.endpoint, code, name);
    const other = await Conn.join(server.endpoint, code, { as: "observer" });
    conns.push(fac, player, other);
    await eventually(() => expect(fac.view().observers).toEqual([{ name, connected: true }, { connected: true }]));
    // Another observer never receives the list (the name's bytes): only its own welcome carries a name.
    expect(other.received(name)).toBe(false);
    await watcher.leave();
    // Gone, still listed by name; the one who gave none is listed while connected only.
    await eventually(() => expect(fac.view().observers).toEqual([{ name, connected: false }, { connected: true }]));
    await other.leave();
    await eventually(() => expect(fac.view().observers).toEqual([{ name, connected: false }]));
    // Back under the same name (a reload): the same entry, connected again.
    const back = await join.observer(server.endpoint, code, name);
    conns.push(back);
    await eventually(() => expect(fac.view().observers).toEqual([{ name, connected: true }]));
    // The facilitator's bytes carry the name; a player's never do.
    expect(fac.received(name)).toBe(true);
    expect(player.received(name)).toBe(false);
    expect(player.view().observers).toBeUndefined();
    expect(back.view().observers).toBeUndefined();
  });
});
