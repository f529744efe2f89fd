/**
 * Observers as the server names them: one who gave a name is welcomed by it, one who gave none
 * is welcomed with none (the client names the role in its reader's language).
 */
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { Conn, expectCleanDecoding, join, leaveAll } from "../helpers/game-client.ts";
import { createGame, type ServerProcess } from "../helpers/server-process.ts";
import { serverPerFile } from "../helpers/server-per-file.ts";

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
