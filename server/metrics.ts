/**
 * Prometheus metrics at /metrics (prom-client): games and players on this process, games asleep, room
 * requests by reply code with their latency, HTTP requests by status, patches and bytes sent
 * over WebSockets, and how many appends each commit carried.
 */
import { Protocol } from "@colyseus/core";
import { WebSocketClient } from "@colyseus/ws-transport";
import client from "prom-client";

export const registry = new client.Registry();
client.collectDefaultMetrics({ register: registry });

const replySeconds = new client.Histogram({
  name: "chokepoint_reply_seconds",
  help: "Time from a room request's arrival to its reply (stored before the reply), by request type.",
  labelNames: ["type"],
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  registers: [registry],
});
const requests = new client.Counter({
  name: "chokepoint_requests_total",
  help: "Room requests by type and reply code (ok, or the error code such as rule/wrong_phase).",
  labelNames: ["type", "code"],
  registers: [registry],
});
const httpRequests = new client.Counter({
  name: "chokepoint_http_requests_total",
  help: "HTTP API requests by method and status code.",
  labelNames: ["method", "status"],
  registers: [registry],
});
const cameBack = new client.Counter({
  name: "chokepoint_rejoins_total",
  help: "People who came back to a game: with their seat token or rejoin code (rejoin), or by the SDK's reconnection (reconnect). The log has at most one line a minute per person.",
  labelNames: ["how"],
  registers: [registry],
});
const slowClients = new client.Counter({
  name: "chokepoint_slow_clients_cut_total",
  help: "Connections cut because more than SLOW_CLIENT_BYTES waited unsent to them (a client that does not read; server/rooms/send-guard.ts).",
  registers: [registry],
});
const patches = new client.Counter({ name: "chokepoint_patches_sent_total", help: "State patches sent to clients (one per client per patch).", registers: [registry] });
const bytes = new client.Counter({ name: "chokepoint_sent_bytes_total", help: "Bytes sent to clients over WebSockets (patches, full states, messages).", registers: [registry] });

/** Gauges read when scraped: games, players, leases and commits come from the running server. */
export function observeServer(source: { games(): number; asleep(): Promise<number>; players(): number; leases(): number; commits(): { commits: number; entries: number } }) {
  for (const m of ["chokepoint_games", "chokepoint_games_asleep", "chokepoint_players", "chokepoint_leases", "chokepoint_store_commits_total", "chokepoint_store_appends_total"]) registry.removeSingleMetric(m);
  new client.Gauge({ name: "chokepoint_games", help: "Games running on this process.", registers: [registry], collect() { this.set(source.games()); } });
  new client.Gauge({
    name: "chokepoint_games_asleep",
    help: "Unfinished games asleep in the database (nobody connected for the idle time; they wake when someone comes back), counted across all processes.",
    registers: [registry],
    async collect() {
      this.set(await source.asleep());
    },
  });
  new client.Gauge({ name: "chokepoint_players", help: "Clients connected to games on this process.", registers: [registry], collect() { this.set(source.players()); } });
  new client.Gauge({ name: "chokepoint_leases", help: "Game leases this process holds.", registers: [registry], collect() { this.set(source.leases()); } });
  new client.Gauge({ name: "chokepoint_store_commits_total", help: "Database commits that carried appended actions.", registers: [registry], collect() { this.set(source.commits().commits); } });
  new client.Gauge({ name: "chokepoint_store_appends_total", help: "Actions appended (several share a commit under load).", registers: [registry], collect() { this.set(source.commits().entries); } });
}

type Handler = (client: never, payload: unknown) => unknown;

/** Wraps a room request handler: counts its reply code and times it, async replies included. */
export function timed<H extends Handler>(type: string, handler: H): H {
  const labels = { type };
  // No closure made per request beyond the promise's own callback (a request makes enough).
  const done = (start: number, reply: unknown) => {
    replySeconds.observe(labels, (performance.now() - start) / 1000);
    const r = reply as { ok?: boolean; error?: { code?: string } } | undefined;
    requests.inc({ type, code: r?.ok === false ? (r.error?.code ?? "error") : "ok" });
    return reply;
  };
  return ((c: never, payload: unknown) => {
    const start = performance.now();
    const out = handler(c, payload);
    return out instanceof Promise ? out.then((reply) => done(start, reply)) : done(start, out);
  }) as H;
}

export function countRejoin(how: "rejoin" | "reconnect") {
  cameBack.inc({ how });
}

export function countSlowClient() {
  slowClients.inc();
}

export function countHttp(method: string, status: number) {
  httpRequests.inc({ method, status: String(status) });
}

// Every frame a client receives goes through WebSocketClient.raw: count it there, once for all rooms.
const raw = WebSocketClient.prototype.raw;
WebSocketClient.prototype.raw = function (data, options, cb) {
  bytes.inc(data.byteLength);
  if (data[0] === Protocol.ROOM_STATE_PATCH) patches.inc();
  return raw.call(this, data, options, cb);
};
