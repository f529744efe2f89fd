/**
 * Hostile HTTP requests get a client's error, not a server's: bodies the API cannot read
 * (server/app.ts `unreadableBody`), and matchmaker calls with a body too large to read or of
 * unknown length (server/matchmake-guard.ts `refuseBody`), and requests sent too slowly (server/app.ts
 * `headersTimeout`, shortened here to 1 s through HEADERS_TIMEOUT_SECONDS).
 */
import http from "node:http";
import net from "node:net";
import { beforeAll, describe, expect, it } from "vitest";
import { createGame } from "../helpers/server-process.ts";
import { join, leaveAll, type Conn } from "../helpers/game-client.ts";
import { waitFor } from "../helpers/wait.ts";
import type { ServerProcess } from "../helpers/server-process.ts";
import { serverPerFile } from "../helpers/server-per-file.ts";
import { httpRequest, type Answer } from "../helpers/http-request.ts";

let server: ServerProcess;
serverPerFile((s) => (server = s), { env: { HEADERS_TIMEOUT_SECONDS: "1" } });

/** A request with exactly these headers and body bytes, as a script would send it. */
const raw = (method: string, path: string, headers: Record<string, string>, body: string | Buffer) => httpRequest(server.port, method, path, { headers, body });

const JSON_TYPE = { "content-type": "application/json" };

describe("an API request body the server cannot read", () => {
  it.each([
    ["invalid JSON", "/api/games", JSON_TYPE, "{scenarioId: classroom-quick", 400, "input/invalid", /not JSON/],
    ["null", "/api/games", JSON_TYPE, "null", 400, "input/invalid", /not JSON/],
    ["a class join with invalid JSON", "/api/classes/ACDEFG/join", JSON_TYPE, "{", 400, "input/invalid", /not JSON/],
    ["over the limit", "/api/games", JSON_TYPE, JSON.stringify({ scenarioId: "x".repeat(300_000) }), 413, "input/too_large", /256kb/],
    ["said to be UTF-16 but not", "/api/games", { "content-type": "application/json; charset=utf-16" }, "{}", 400, "input/invalid", /not JSON/],
    ["in Latin-1", "/api/games", { "content-type": "application/json; charset=latin1" }, "{}", 415, "input/unsupported_encoding", /UTF-8/],
    ["in an unknown content encoding", "/api/games/ACDEFG/ticket", { ...JSON_TYPE, "content-encoding": "compress" }, "{}", 415, "input/unsupported_encoding", /UTF-8/],
    ["said to be brotli but not", "/api/games", { ...JSON_TYPE, "content-encoding": "br" }, "not brotli at all", 400, "input/invalid", /could not be read/],
  ])("%s is the client's error, logged without a stack", async (_what, path, headers, body, status, code, message) => {
    const answer = await raw("POST", path, headers, body);
    expect(answer).toMatchObject({ status, body: { error: { code, message: expect.stringMatching(message) } } });
    expect(server.output()).not.toMatch(/request failed|server\/error/);
  });

  it("a readable body still reaches its route", async () => {
    const created = await raw("POST", "/api/games", JSON_TYPE, JSON.stringify({ scenarioId: "classroom-quick" }));
    expect(created.status).toBe(201);
  });
});

/**
 * A matchmaker call that sends `first` of its body and holds the rest back: the answer it gets
 * without sending more, and whether the server then closed the connection.
 */
function heldBack(path: string, headers: Record<string, string>, first: string): Promise<Answer & { closed: () => boolean }> {
  return new Promise((resolve, reject) => {
    let closed = false;
    const req = http.request({ host: "127.0.0.1", port: server.port, method: "POST", path, headers: { ...JSON_TYPE, ...headers } }, (res) => {
      let text = "";
      res.on("data", (d: Buffer) => (text += d.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as Record<string, unknown>, closed: () => closed }));
    });
    req.on("close", () => (closed = true));
    req.on("error", reject);
    req.write(first);
  });
}

describe("a matchmaker call's body", () => {
  it("over 16 KB is refused with 413 before it is read, and the connection closed", async () => {
    const { code } = await createGame(server, { scenarioId: "classroom-quick" });
    const answer = await heldBack(`/matchmake/joinById/${code}`, { "content-length": String(200 * 1024 * 1024) }, `{"as":"observer","name":"${"x".repeat(1000)}`);
    expect(answer).toMatchObject({ status: 413, body: { error: expect.stringMatching(/^input\/too_large/) } });
    await waitFor(() => answer.closed(), { message: "the server to close the connection" });
  });

  it("of unknown length (chunked) is refused with 411", async () => {
    const { code } = await createGame(server, { scenarioId: "classroom-quick" });
    const answer = await heldBack(`/matchmake/joinById/${code}`, { "transfer-encoding": "chunked" }, `{"as":"observer",`);
    expect(answer).toMatchObject({ status: 411, body: { error: expect.stringMatching(/^input\/length_required/) } });
    await waitFor(() => answer.closed(), { message: "the server to close the connection" });
  });

  it("of join options still joins through the SDK", async () => {
    const { code } = await createGame(server, { scenarioId: "classroom-quick" });
    await leaveAll(await join.observer(server.endpoint, code));
  });
});

/** A raw connection that sends `bytes` and no more: what it got back, and whether the server closed it. */
function stalled(bytes: string): { received: () => string; closed: () => boolean } {
  let received = "";
  let closed = false;
  const socket = net.connect(server.port, "127.0.0.1", () => socket.write(bytes));
  socket.on("data", (d: Buffer) => (received += d.toString()));
  socket.on("close", () => (closed = true));
  socket.on("error", () => (closed = true));
  return { received: () => received, closed: () => closed };
}

describe("a request sent too slowly", () => {
  let observer: Conn;
  beforeAll(async () => {
    const { code } = await createGame(server, { scenarioId: "classroom-quick" });
    observer = await join.observer(server.endpoint, code);
  });

  it("with its headers unfinished is answered 408 and closed once the headers' time is up", async () => {
    const conn = stalled("GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Drip: a");
    await waitFor(() => conn.closed(), { timeout: 20_000, message: "the server to close the connection" });
    expect(conn.received()).toMatch(/^HTTP\/1\.1 408/);
  });

  it("with its body unfinished is closed once the request's time is up", async () => {
    const conn = stalled(`POST /api/games HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"scenarioId":`);
    await waitFor(() => conn.closed(), { timeout: 20_000, message: "the server to close the connection" });
    expect(conn.received()).toMatch(/^HTTP\/1\.1 408/);
  });

  it("while a WebSocket opened before them, and held longer than the request's time, is left alone", async () => {
    expect(await observer.room.request("note", { text: "still here" })).toMatchObject({ ok: true });
    await leaveAll(observer);
  });
});
