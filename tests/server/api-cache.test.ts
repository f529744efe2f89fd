/**
 * What a browser may keep of the API's answers (server/app.ts). An answer about the game as it is
 * now is kept by no cache: a browser's Back then Forward would otherwise replay a game's lobby
 * from its cache, minutes old, and the page would take its clock offset from that reply's old
 * Date header (client/net/http.ts), showing more time left than the phase has. What never
 * changes (a game's scenario book, a scenario's words) is revalidated, and a browser that has it
 * gets a 304.
 */
import http from "node:http";
import { describe, expect, it } from "vitest";
import type { CreateClassReply } from "../../shared/protocol/classes.ts";
import { createGame, type ServerProcess } from "../helpers/server-process.ts";
import { serverPerFile } from "../helpers/server-per-file.ts";

let server: ServerProcess;
serverPerFile((s) => (server = s));

/** A GET as a browser's page sends it, with exactly these headers (fetch would add cache-control to a conditional request); its status and headers. */
const get = (path: string, headers: Record<string, string> = {}) =>
  new Promise<{ status: number; headers: { get(name: string): string | undefined } }>((resolve, reject) => {
    const req = http.get({ host: "127.0.0.1", port: server.port, path, headers: { accept: "application/json", ...headers } }, (res) => {
      res.resume();
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: { get: (name) => res.headers[name] as string | undefined } }));
    });
    req.on("error", reject);
  });

describe("an API answer about the game as it is now", () => {
  it("a running game's lobby, a class's code and tables, a report, a refusal: none may be stored", async () => {
    const game = await createGame(server, { scenarioId: "classroom-quick", settings: { bots: true } });
    const klass = (await (
      await fetch(`${server.url}/api/classes`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ scenarioId: "classroom-quick", tables: 1 }) })
    ).json()) as CreateClassReply;
    const key = { "x-facilitator-key": game.facilitatorKey };
    const answers = {
      lobby: await get(`/api/games/${game.code}`),
      "a class's code looked up as a game": await get(`/api/games/${klass.code}`),
      "a class's tables": await get(`/api/classes/${klass.code}/status`, { "x-facilitator-key": klass.facilitatorKey }),
      report: await get(`/api/games/${game.code}/report`, key),
      "past chat": await get(`/api/games/${game.code}/past/chat`, key),
      scenarios: await get("/api/scenarios"),
      "an unknown code": await get("/api/games/ZZZZZZ"),
      "no such route": await get("/api/nothing-here"),
    };
    const cached = Object.entries(answers).map(([what, res]) => [what, res.status, res.headers.get("cache-control")]);
    expect(cached).toEqual(Object.entries(answers).map(([what, res]) => [what, res.status, "no-store"]));
    expect(answers.lobby.status).toBe(200);
  });
});

describe("an API answer that never changes", () => {
  it("a game's scenario book is revalidated by its ETag: a browser that has it gets a 304", async () => {
    const game = await createGame(server, { scenarioId: "classroom-quick", settings: { bots: true } });
    const first = await get(`/api/games/${game.code}/scenario`);
    expect(first.status).toBe(200);
    expect(first.headers.get("cache-control")).toBe("no-cache");
    const etag = first.headers.get("etag");
    expect(etag).toBeTruthy();
    const again = await get(`/api/games/${game.code}/scenario`, { "if-none-match": etag! });
    expect(again.status).toBe(304);
  });
});
