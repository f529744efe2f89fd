/**
 * The address a request or WebSocket upgrade comes from, as the per-address limits count it
 * (server/codes.ts `codeGuesses`, `floods`; the games and classes created per address; the
 * debrief's wrong keys). One home: computed once per request and upgrade, stamped on it, and
 * read back by the HTTP API (`addressOf`), the matchmaker and the rooms (`peerOf`), so they
 * all count the same client under the same key.
 *
 * - Behind a proxy (docs/DEPLOY.md, "Behind a load balancer") every socket comes from the
 *   proxy: when the socket's address is one of TRUSTED_PROXIES, the client's address is taken
 *   from X-Forwarded-For the standard way (proxy-addr: the rightmost address that is not itself
 *   a trusted proxy). Anyone else's X-Forwarded-For is ignored: by default nobody is trusted.
 * - IPv6: a connection gets a /64 of its own (2^64 addresses), so an IPv6 address counts as its
 *   /64 (`2001:db8:1:2::/64`); an IPv4-mapped one (`::ffff:1.2.3.4`) as the IPv4 address.
 */
import type http from "node:http";
import { isIP } from "node:net";
import ipaddr from "ipaddr.js";
import proxyaddr from "proxy-addr";

/** Whether the address `hop` steps from the server is a proxy whose X-Forwarded-For is believed. */
export type Trust = (address: string, hop: number) => boolean;

export const TRUST_NOBODY: Trust = () => false;

/** proxy-addr's names for ranges: 127.0.0.1/8 and ::1; 169.254.0.0/16 and fe80::/10; 10/8, 172.16/12, 192.168/16 and fc00::/7. */
const RANGE_NAMES = ["loopback", "linklocal", "uniquelocal"];

/**
 * The proxies to trust, from a comma-separated list (TRUSTED_PROXIES) of addresses, CIDR
 * ranges (`10.0.0.0/8`, `fd00::/8`) and the names loopback, linklocal, uniquelocal; empty:
 * nobody. Throws on an entry that is none of these, naming it: a typo must not quietly trust
 * nobody (every client would share the proxy's address) or the wrong machines.
 */
export function trustedProxies(list: string): Trust {
  const entries = list
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean);
  for (const entry of entries) {
    if (RANGE_NAMES.includes(entry)) continue;
    // Node's strict parser: proxy-addr's (ipaddr.js) would read "1" as the address 0.0.0.1.
    const [address = "", prefix, ...more] = entry.split("/");
    let ok = isIP(address) !== 0 && !address.includes("%") && more.length === 0 && (prefix === undefined || /^\d{1,3}$/.test(prefix));
    if (ok) {
      try {
        proxyaddr.compile(entry); // the prefix fits the address (at most 32 or 128, more than 0)
      } catch {
        ok = false;
      }
    }
    if (!ok) throw new Error(`"${entry}" is not an IP address, a CIDR range (such as 10.0.0.0/8) or one of ${RANGE_NAMES.join(", ")}`);
  }
  return entries.length ? proxyaddr.compile(entries) : TRUST_NOBODY;
}

/**
 * The key an address is counted under: an IPv4 address as it is, an IPv6 address's /64, an
 * IPv4-mapped IPv6 address as its IPv4 address. A port some proxies add to the address they
 * forward (`1.2.3.4:5678`, `[2001:db8::1]:443`) is left out, or each connection would count
 * apart. Anything else that is not an address ("?") is its own key.
 */
export function limitKey(forwarded: string): string {
  const address = /^\[([^\]]+)\](?::\d+)?$|^(\d+\.\d+\.\d+\.\d+):\d+$/.exec(forwarded)?.slice(1).find(Boolean) ?? forwarded;
  if (isIP(address) !== 6) return address;
  // Without its zone (a link-local address's `%eth0.5`, `%br-1a2b`): ipaddr.js reads only
  // letters and digits there, and throws on the rest; the /64 does not depend on it.
  const ip = ipaddr.IPv6.parse(address.replace(/%.*$/, ""));
  if (ip.isIPv4MappedAddress()) return ip.toIPv4Address().toString();
  return `${new ipaddr.IPv6([...ip.parts.slice(0, 4), 0, 0, 0, 0]).toString()}/64`;
}

/** The limits' key for a request or upgrade: its client's address (see the top of this file). */
export function clientAddress(req: http.IncomingMessage, trust: Trust): string {
  if (!req.socket.remoteAddress) return "?";
  return limitKey(proxyaddr(req, trust));
}

/**
 * Where the address is stamped on each request and WebSocket upgrade before Colyseus or
 * Express sees it, overwriting whatever a client sent under that name. Colyseus's own auth
 * context (`ip`) believes X-Forwarded-For and X-Real-IP from anyone, which any client can
 * write: nothing here reads it.
 */
const PEER_HEADER = "x-chokepoint-peer";

/**
 * Stamps every request and upgrade with its client's address, ahead of every other listener
 * (install after the other listeners: server/app.ts does, after server/matchmake-guard.ts).
 */
export function stampClientAddresses(httpServer: http.Server, trust: Trust): void {
  const stamp = (req: http.IncomingMessage) => {
    req.headers[PEER_HEADER] = clientAddress(req, trust);
  };
  httpServer.prependListener("request", stamp);
  httpServer.prependListener("upgrade", stamp);
}

/** The address of a request the HTTP API serves (stamped by stampClientAddresses). */
export function addressOf(req: http.IncomingMessage): string {
  const stamped = req.headers[PEER_HEADER];
  return typeof stamped === "string" ? stamped : "?";
}

/** The address a matchmaker call or a room join came from: Colyseus's auth context (see PEER_HEADER). */
export function peerOf(context: { headers?: Headers } | undefined): string {
  return context?.headers?.get(PEER_HEADER) ?? "?";
}

/**
 * Whether a request was sent from this machine itself: every address on its way is a loopback
 * one, the socket's and each X-Forwarded-For hop's alike, believed or not. Nobody elsewhere opens
 * a socket from 127.0.0.0/8 or ::1; what can make a stranger's request look local is a proxy on
 * this machine (docs/DEPLOY.md), and such a proxy names the client it relays in X-Forwarded-For
 * whether or not TRUSTED_PROXIES trusts it, so any hop that is not loopback, or a header this
 * server does not read (Forwarded, X-Real-IP), counts as not local: it fails closed. A proxy that
 * forwards no client address at all cannot be told apart; docs/DEPLOY.md asks every proxy for one.
 */
export function fromThisMachine(req: http.IncomingMessage): boolean {
  if (!req.socket.remoteAddress || req.headers.forwarded !== undefined || req.headers["x-real-ip"] !== undefined) return false;
  // Asked for by a loopback name too: a forwarder that names no client (a tunnel) or a page on a
  // rebound domain reaches loopback under another Host.
  if (!loopbackHost(req.headers.host)) return false;
  return proxyaddr.all(req).every((address) => {
    const bare = address.replace(/%.*$/, "");
    return ipaddr.isValid(bare) && ipaddr.process(bare).range() === "loopback";
  });
}

/** Whether a Host header names this machine: localhost (or a name under it), 127.0.0.0/8 or [::1], with any port. */
function loopbackHost(host: string | undefined): boolean {
  if (!host) return false;
  const name = (host.startsWith("[") ? host.slice(1, host.indexOf("]")) : host.replace(/:\d+$/, "")).toLowerCase();
  if (name === "localhost" || name.endsWith(".localhost")) return true;
  return ipaddr.isValid(name) && ipaddr.process(name).range() === "loopback";
}
