/**
 * The address every per-address limit counts (server/client-address.ts): the socket's, or
 * behind a trusted proxy the X-Forwarded-For address it vouches for; an IPv6 address as its
 * /64. The whole server behind a proxy: tests/server/proxies.test.ts.
 */
import type http from "node:http";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { clientAddress, limitKey, TRUST_NOBODY, trustedProxies } from "../../server/client-address.ts";
import { GuessLimiter } from "../../server/codes.ts";
import { ROOT } from "../helpers/server-process.ts";

/** A request as proxy-addr reads it: the socket's address and the headers. */
const request = (remoteAddress: string, forwardedFor?: string) =>
  ({ socket: { remoteAddress }, headers: forwardedFor === undefined ? {} : { "x-forwarded-for": forwardedFor } }) as unknown as http.IncomingMessage;

describe("the limits' key for an address", () => {
  it("an IPv4 address is itself; an IPv4-mapped IPv6 address is its IPv4 address", () => {
    expect(limitKey("203.0.113.9")).toBe("203.0.113.9");
    expect(limitKey("::ffff:203.0.113.9")).toBe("203.0.113.9");
    expect(limitKey("::ffff:cb00:7109")).toBe("203.0.113.9");
  });

  it("an IPv6 address is its /64: one connection's 2^64 addresses share a key, another /64 has its own", () => {
    const key = limitKey("2001:db8:1:2::a");
    expect(key).toBe("2001:db8:1:2::/64");
    expect(limitKey("2001:db8:1:2:ffff:ffff:ffff:ffff")).toBe(key);
    expect(limitKey("2001:DB8:1:2:0:0:0:B")).toBe(key);
    expect(limitKey("fe80::1%eth0")).toBe("fe80::/64");
    expect(limitKey("fe80::2%br-1a2b")).toBe("fe80::/64");
    expect(limitKey("fe80::3%eth0.5")).toBe("fe80::/64");
    expect(limitKey("2001:db8:1:3::a")).not.toBe(key);
    expect(limitKey("2001:db8:2:2::a")).not.toBe(key);
  });

  it("a port a proxy forwards with the address is left out; what is not an address is its own key", () => {
    expect(limitKey("203.0.113.9:51234")).toBe("203.0.113.9");
    expect(limitKey("[2001:db8:1:2::a]:443")).toBe("2001:db8:1:2::/64");
    expect(limitKey("?")).toBe("?");
    expect(limitKey("unknown")).toBe("unknown");
  });

  it("wrong codes from one /64 lock all of it, and no other", () => {
    const limiter = new GuessLimiter(3, 60_000, 60_000);
    for (const a of ["2001:db8:1:2::1", "2001:db8:1:2::2", "2001:db8:1:2:a:b:c:d"]) limiter.miss(clientAddress(request(a), TRUST_NOBODY), 1000);
    expect(limiter.blocked(clientAddress(request("2001:db8:1:2::99"), TRUST_NOBODY), 1001)).toBe(true);
    expect(limiter.blocked(clientAddress(request("2001:db8:1:3::1"), TRUST_NOBODY), 1001)).toBe(false);
    expect(limiter.blocked(clientAddress(request("::ffff:192.0.2.1"), TRUST_NOBODY), 1001)).toBe(false);
  });
});

describe("the client's address", () => {
  it("trusting nobody (the default), X-Forwarded-For is ignored: the socket's address", () => {
    expect(clientAddress(request("192.0.2.1", "198.51.100.7"), TRUST_NOBODY)).toBe("192.0.2.1");
    expect(clientAddress(request("::ffff:127.0.0.1", "198.51.100.7"), trustedProxies(""))).toBe("127.0.0.1");
  });

  it("from a trusted proxy, the rightmost X-Forwarded-For address that is not itself a trusted proxy", () => {
    const loopback = trustedProxies("loopback");
    expect(clientAddress(request("127.0.0.1", "10.9.9.9, 198.51.100.7"), loopback)).toBe("198.51.100.7");
    expect(clientAddress(request("::ffff:127.0.0.1", "198.51.100.7"), loopback)).toBe("198.51.100.7");
    // What the client wrote itself is left of what the proxy added: not believed.
    expect(clientAddress(request("127.0.0.1", "10.9.9.9, 198.51.100.7"), trustedProxies("127.0.0.1, 198.51.100.0/24"))).toBe("10.9.9.9");
    expect(clientAddress(request("127.0.0.1", "2001:db8:1:2::a"), loopback)).toBe("2001:db8:1:2::/64");
    // The proxy sent no X-Forwarded-For: the proxy's own address.
    expect(clientAddress(request("127.0.0.1"), loopback)).toBe("127.0.0.1");
  });

  it("from a socket that is not a trusted proxy, X-Forwarded-For is ignored", () => {
    expect(clientAddress(request("192.0.2.1", "198.51.100.7"), trustedProxies("loopback, 10.0.0.0/8"))).toBe("192.0.2.1");
  });
});

describe("TRUSTED_PROXIES", () => {
  it("takes addresses, CIDR ranges and proxy-addr's names, separated by commas; empty trusts nobody", () => {
    const trust = trustedProxies(" 192.0.2.10, 10.0.0.0/8 ,fd00::/8,loopback ");
    for (const a of ["192.0.2.10", "10.1.2.3", "fd00::2", "127.0.0.1", "::1"]) expect(trust(a, 0), a).toBe(true);
    for (const a of ["192.0.2.11", "11.0.0.1", "fe80::1", "198.51.100.7"]) expect(trust(a, 0), a).toBe(false);
    expect(trustedProxies("uniquelocal")("172.16.0.1", 0)).toBe(true);
    expect(trustedProxies("linklocal")("169.254.1.1", 0)).toBe(true);
    expect(trustedProxies("")("127.0.0.1", 0)).toBe(false);
  });

  it.each(["nginx", "1", "true", "127.0.0.1/33", "10.0.0.0/0", "10.0.0.0/8/8", "10.0.0.0/x", "::1/129", "localhost", "127.0.0.256"])("refuses %j, naming it", (entry) => {
    expect(() => trustedProxies(`loopback, ${entry}`)).toThrow(`"${entry}" is not an IP address, a CIDR range (such as 10.0.0.0/8) or one of loopback, linklocal, uniquelocal`);
  });
});

it("one home: nothing else on the server reads a socket's address, Express's req.ip or X-Forwarded-For", () => {
  const files = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith(".ts") && !e.name.endsWith(".d.ts") ? [join(dir, e.name)] : []));
  const readers = files(join(ROOT, "server"))
    .filter((f) => /\breq\.ip\b|\.remoteAddress\b|x-forwarded-for|x-real-ip/i.test(readFileSync(f, "utf8").replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, "")))
    .map((f) => relative(ROOT, f));
  expect(readers).toEqual([join("server", "client-address.ts")]);
});
