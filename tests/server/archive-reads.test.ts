/**
 * My games (GET /api/archive) and the comparison (GET /api/compare) replay every game they
 * read: a key that gathered hundreds of games, read in a loop, would keep the process busy for
 * every game it runs. A key is read at most ARCHIVE_READS_PER_MINUTE times a minute, an address
 * ARCHIVE_READS_PER_ADDRESS_PER_MINUTE times whatever its keys (server/debrief/routes.ts); past
 * that, 429 in plain words, and other keys and addresses are still served.
 */
import { describe, expect, it } from "vitest";
import { ARCHIVE_READS_PER_ADDRESS_PER_MINUTE, ARCHIVE_READS_PER_MINUTE } from "../../server/debrief/routes.ts";
import type { CreateGameReply } from "../../shared/protocol/messages.ts";
import { httpRequest } from "../helpers/http-request.ts";
import type { ServerProcess } from "../helpers/server-process.ts";
import { serverPerFile } from "../helpers/server-per-file.ts";

let server: ServerProcess;
serverPerFile((s) => (server = s));

const REFUSED = { code: "rate/limited", message: "Games listed or compared too often in the last minute; wait a minute and open them again." };

/** A new game from `from`, and its facilitator key (a key of its own, or `key` sent to keep one archive). */
async function newGame(from: string, key?: string): Promise<CreateGameReply> {
  const r = await httpRequest(server.port, "POST", "/api/games", {
    headers: { "content-type": "application/json", ...(key ? { "x-facilitator-key": key } : {}) },
    body: JSON.stringify({ scenarioId: "classroom-quick" }),
    localAddress: from,
  });
  expect(r.status).toBe(201);
  return r.body as unknown as CreateGameReply;
}

const read = (path: string, key: string, from: string) => httpRequest(server.port, "GET", path, { headers: { "x-facilitator-key": key }, localAddress: from });

describe("reading a key's games", () => {
  it(`past ${ARCHIVE_READS_PER_MINUTE} reads of one key in a minute, My games and the comparison are refused in plain words; another key is still read`, async () => {
    const first = await newGame("127.0.0.21");
    const second = await newGame("127.0.0.21", first.facilitatorKey);
    const other = await newGame("127.0.0.21");
    for (let i = 0; i < ARCHIVE_READS_PER_MINUTE; i++) expect((await read("/api/archive", first.facilitatorKey, "127.0.0.21")).status).toBe(200);
    const refused = await read("/api/archive", first.facilitatorKey, "127.0.0.21");
    expect(refused).toMatchObject({ status: 429, body: { error: REFUSED } });
    // The key's own limit, from any address, and for the comparison too.
    expect(await read("/api/archive", first.facilitatorKey, "127.0.0.22")).toMatchObject({ status: 429, body: { error: REFUSED } });
    expect(await read(`/api/compare?codes=${first.code},${second.code}`, first.facilitatorKey, "127.0.0.22")).toMatchObject({ status: 429, body: { error: REFUSED } });
    const others = await read("/api/archive", other.facilitatorKey, "127.0.0.21");
    expect(others.status).toBe(200);
    expect((others.body as { games: { code: string }[] }).games.map((g) => g.code)).toEqual([other.code]);
  });

  it(`past ${ARCHIVE_READS_PER_ADDRESS_PER_MINUTE} reads from one address in a minute, whatever the keys, the next is refused; another address is still read`, async () => {
    const keys: string[] = [];
    for (let i = 0; i * ARCHIVE_READS_PER_MINUTE < ARCHIVE_READS_PER_ADDRESS_PER_MINUTE; i++) keys.push((await newGame("127.0.0.31")).facilitatorKey);
    const fresh = (await newGame("127.0.0.31")).facilitatorKey;
    let reads = 0;
    for (const key of keys) for (let i = 0; i < ARCHIVE_READS_PER_MINUTE && reads < ARCHIVE_READS_PER_ADDRESS_PER_MINUTE; i++, reads++) expect((await read("/api/archive", key, "127.0.0.32")).status).toBe(200);
    expect(await read("/api/archive", fresh, "127.0.0.32")).toMatchObject({ status: 429, body: { error: REFUSED } });
    expect((await read("/api/archive", fresh, "127.0.0.33")).status).toBe(200);
  });
});
