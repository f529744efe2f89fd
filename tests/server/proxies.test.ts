/**
 * Behind a proxy (docs/DEPLOY.md, "Behind a load balancer"): every socket comes from the
 * proxy, here 127.0.0.21, named in TRUSTED_PROXIES. The per-address limits count each client
 * by the address the proxy vouches for in X-Forwarded-For — the HTTP API, the matchmaker and
 * the rooms alike (server/client-address.ts) — so one client's wrong codes or flood lock out
 * that client, not everyone behind the proxy. A machine that is not a trusted proxy
 * (127.0.0.22) cannot choose its address with X-Forwarded-For. IPv6 clients count by their /64.
 * The server's network addresses are answered to this machine alone: never to a relayed client.
 */
import { networkInterfaces } from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { leaveAll, join as joinGame } from "../helpers/game-client.ts";
import { httpRequest } from "../helpers/http-request.ts";
import { dataFrame, RawClient, reserveSeat, roomSocketOutcome } from "../helpers/raw-client.ts";
import { createGame, spawnServer, tempDatabase, type ServerProcess } from "../helpers/server-process.ts";
import { serverPerFile } from "../helpers/server-per-file.ts";
import { waitFor } from "../helpers/wait.ts";

const PROXY = "127.0.0.21";
const NOT_A_PROXY = "127.0.0.22";

let server: ServerProcess;
let code: string;
const raws: RawClient[] = [];
serverPerFile((s) => (server = s), { env: { TRUSTED_PROXIES: `${PROXY}, 10.0.0.0/8` } });

beforeAll(async () => {
  ({ code } = await createGame(server, { scenarioId: "classroom-quick", settings: { seed: 5 } }));
});

afterAll(async () => {
  await Promise.all(raws.map((r) => r.close()));
});

/** Through the proxy for the client at `client` (as nginx's $proxy_add_x_forwarded_for adds it), or straight from a machine with the headers it writes. */
const via = (client: string) => ({ localAddress: PROXY, headers: { "x-forwarded-for": client } });
type From = { localAddress: string; headers: Record<string, string> };

const lookUp = (from: From, c: string) => httpRequest(server.port, "GET", `/api/games/${c}`, from);
const joinById = (from: From, c: string) => {
  const body = JSON.stringify({ as: "observer", name: "Guess" });
  return httpRequest(server.port, "POST", `/matchmake/joinById/${c}`, { localAddress: from.localAddress, headers: { ...from.headers, "content-type": "application/json" }, body });
};

const ALPHABET = "ACDEFGHJKMNPQRTUVWXY3469";
/** A code that is surely not a game. */
const wrongCode = (i: number) => {
  const c = `${ALPHABET[i % 24]}${ALPHABET[(i * 7) % 24]}${ALPHABET[(i * 5) % 24]}QQQ`;
  return c === code ? "QQQQQQ" : c;
};

/** 60 wrong codes, half through the HTTP API and half through the matchmaker; `from(i)` says from where. */
async function guess60(from: (i: number) => From) {
  for (let i = 0; i < 30; i++) expect((await lookUp(from(i), wrongCode(i))).status).toBe(404);
  for (let i = 30; i < 60; i++) expect((await joinById(from(i), wrongCode(i))).status).not.toBe(200);
}

/** The whole join, as the SDK does it: the matchmaker's seat, then the room's WebSocket, both through `from`. */
async function fullJoin(from: From): Promise<"joined" | "refused" | number> {
  const seat = await joinById(from, code);
  if (seat.status !== 200) return seat.status;
  const { processId, roomId, sessionId } = seat.body as Record<string, string>;
  return roomSocketOutcome(`${server.endpoint}/${processId}/${roomId}?sessionId=${sessionId}`, from);
}

describe("behind a trusted proxy", () => {
  it("a client locked for wrong codes does not lock the others behind the same proxy, in the HTTP API or the matchmaker", async () => {
    const eve = via("198.51.100.1");
    const ana = via("198.51.100.2");
    await guess60(() => eve);
    expect(await lookUp(eve, code)).toMatchObject({ status: 429, body: { error: { code: "rate/limited" } } });
    expect((await joinById(eve, code)).status).toBe(429);
    // Ana, behind the same proxy: looks the game up, gets a seat and the room lets her in.
    expect((await lookUp(ana, code)).status).toBe(200);
    expect(await fullJoin(ana)).toBe("joined");
    // A chain of trusted proxies (10.0.0.0/8 here): the client is the address left of them.
    expect(await fullJoin(via("198.51.100.2, 10.1.2.3"))).toBe("joined");
    expect((await joinById(via("198.51.100.1, 10.1.2.3"), code)).status).toBe(429);
    // A request the proxy sent without X-Forwarded-For is the proxy's own: not locked either.
    expect((await lookUp({ localAddress: PROXY, headers: {} }, code)).status).toBe(200);
    const honest = await joinGame.observer(server.endpoint, code);
    await leaveAll(honest);
  });

  it("IPv6 clients count by their /64: another address in the locked /64 is refused, another /64 is not", async () => {
    // Each wrong code from a different address of the same /64.
    await guess60((i) => via(`2001:db8:1:2::${(i + 1).toString(16)}`));
    expect((await lookUp(via("2001:db8:1:2:ffff:ffff:ffff:ffff"), code)).status).toBe(429);
    expect((await joinById(via("2001:db8:1:2::abcd"), code)).status).toBe(429);
    expect((await lookUp(via("2001:db8:1:3::1"), code)).status).toBe(200);
    expect(await fullJoin(via("2001:db8:1:3::1"))).toBe("joined");
    // An IPv4 address written IPv4-mapped is that IPv4 address.
    await guess60(() => via("198.51.100.3"));
    expect((await lookUp(via("::ffff:198.51.100.3"), code)).status).toBe(429);
  });

  it("a client flooding through the proxy is refused the next join; the others behind it are not", async () => {
    const flooder = via("198.51.100.5");
    for (let n = 0; n < 3; n++) {
      const raw = await RawClient.join(server.url, code, { as: "observer" }, flooder);
      raws.push(raw);
      await raw.flood(dataFrame("act", { type: "ready" }));
      await waitFor(() => raw.closed, { message: `flood ${n + 1} to be cut off` });
      expect(raw.closed?.code).toBe(4429);
    }
    const refused = await reserveSeat(server.url, code, { as: "observer" }, flooder);
    expect(refused.status).toBe(429);
    expect(refused.error?.error).toMatch(/^rate\/limited/);
    expect((await reserveSeat(server.url, code, { as: "observer" }, via("198.51.100.6"))).status).toBe(200);
  });

  it("a machine that is not a trusted proxy cannot choose its address with X-Forwarded-For", async () => {
    await guess60((i) => ({ localAddress: NOT_A_PROXY, headers: { "x-forwarded-for": `198.51.100.${100 + i}`, "x-real-ip": `198.51.100.${100 + i}` } }));
    // Still locked, whatever it writes — even the address of someone behind the proxy.
    const forged = { localAddress: NOT_A_PROXY, headers: { "x-forwarded-for": "198.51.100.2", "x-chokepoint-peer": "198.51.100.2" } };
    expect((await lookUp(forged, code)).status).toBe(429);
    expect((await joinById(forged, code)).status).toBe(429);
    // And the client it named is not.
    expect((await lookUp(via("198.51.100.2"), code)).status).toBe(200);
  });
});

/** A non-internal IPv4 address of this machine, if it has one: a socket from it is not loopback. */
const networkIp = Object.values(networkInterfaces())
  .flat()
  .find((a) => a?.family === "IPv4" && !a.internal)?.address;

describe("the server's network addresses (GET /api/addresses, for a projector opened as localhost)", () => {
  const ask = (from: From & { host?: string }) => httpRequest(server.port, "GET", "/api/addresses", from);

  it("are answered to this machine itself, straight or through the local proxy", async () => {
    for (const from of [{ localAddress: "127.0.0.1", headers: {} }, { localAddress: "127.0.0.2", headers: {} }, via("127.0.0.1")]) {
      const reply = await ask(from);
      expect(reply, JSON.stringify(from)).toMatchObject({ status: 200 });
      // This machine's own: every non-internal IPv4 address, on the server's port.
      const own = Object.values(networkInterfaces()).flatMap((list) => (list ?? []).filter((a) => a.family === "IPv4" && !a.internal).map((a) => `${a.address}:${server.port}`));
      expect([...(reply.body.addresses as string[])].sort()).toEqual([...new Set(own)].sort());
    }
  });

  it("are refused to a client the proxy relays, whatever it writes, and to a request through a proxy not trusted", async () => {
    const refused: From[] = [
      via("198.51.100.7"),
      // A client writing a loopback address itself: the proxy appends the one it saw.
      via("127.0.0.1, 198.51.100.7"),
      // A proxy on this machine that TRUSTED_PROXIES does not name still names its client.
      { localAddress: NOT_A_PROXY, headers: { "x-forwarded-for": "198.51.100.7" } },
      // Headers this server does not read: not taken as local.
      { localAddress: "127.0.0.1", headers: { "x-real-ip": "198.51.100.7" } },
      { localAddress: "127.0.0.1", headers: { forwarded: "for=198.51.100.7" } },
      // From loopback under another name: a tunnel that names no client, or a page on a rebound domain.
      { localAddress: "127.0.0.1", headers: { host: "rebound.example:80" } },
    ];
    for (const from of refused) {
      const reply = await ask(from);
      expect(reply, JSON.stringify(from)).toMatchObject({ status: 403, body: { error: { code: "http/not_local" } } });
      expect(reply.body).not.toHaveProperty("addresses");
    }
  });

  it.skipIf(!networkIp)("are refused to a socket from a network address, not loopback", async () => {
    const reply = await ask({ localAddress: networkIp!, host: networkIp!, headers: {} });
    expect(reply).toMatchObject({ status: 403, body: { error: { code: "http/not_local" } } });
  });
});

const hasIPv6Loopback = Object.values(networkInterfaces()).some((list) => list?.some((a) => a.address === "::1"));

it.skipIf(!hasIPv6Loopback)("a real IPv6 socket (::1) is counted under its /64", async () => {
  const from = { localAddress: "::1", host: "::1", headers: { "content-type": "application/json" } };
  const body = JSON.stringify({ as: "observer" });
  for (let i = 0; i < 60; i++) expect((await httpRequest(server.port, "POST", `/matchmake/joinById/${wrongCode(i)}`, { ...from, body })).status).not.toBe(200);
  expect((await httpRequest(server.port, "GET", `/api/games/${code}`, from)).status).toBe(429);
  // The matchmaker's warning names the key it locked.
  await waitFor(() => server.output().includes(`"address":"::/64"`), { message: "the lock's warning" });
  expect((await lookUp({ localAddress: "127.0.0.1", headers: {} }, code)).status).toBe(200);
});

describe("a bad TRUSTED_PROXIES", () => {
  it("stops the start with a message naming the variable and the bad entry", async () => {
    const db = tempDatabase();
    const child = spawnServer({ PORT: "0", DATABASE_PATH: db.databasePath, LOG_LEVEL: "warn", TRUSTED_PROXIES: "loopback, nginx" });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (out += d.toString()));
    let exit: number | null | undefined;
    child.once("exit", (c) => (exit = c));
    try {
      await waitFor(() => exit !== undefined, { timeout: 45_000, message: "the server to stop" });
      expect(exit).toBe(1);
      expect(out).toContain(`TRUSTED_PROXIES: "nginx" is not an IP address`);
      expect(out).not.toMatch(/is running/);
    } finally {
      if (exit === undefined) child.kill("SIGKILL");
      db.cleanup();
    }
  });
});
