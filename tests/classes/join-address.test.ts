/**
 * The class's join screen opened as localhost (the README's address) shows where students'
 * devices reach the server (client/model/join-address.ts, server/lan.ts): its private network
 * address first, others small, a warning with none; by any other name, the page's own address.
 */
import { describe, expect, it } from "vitest";
import { joinAddress } from "../../client/model/join-address.ts";
import { lanAddresses } from "../../server/lan.ts";

const at = (url: string) => new URL(url);
const nic = (address: string, internal = false) => ({ address, family: "IPv4" as const, internal, netmask: "", mac: "", cidr: null });

describe("the join address", () => {
  it("opened as localhost, 127.0.0.1 or [::1]: the server's first network address, the others listed", () => {
    for (const page of ["http://localhost:2567/class/ABC", "http://127.0.0.1:2567/", "http://[::1]:2567/"])
      expect(joinAddress(at(page), ["192.168.1.20:2567", "10.0.0.5:2567"])).toEqual({ host: "192.168.1.20:2567", origin: "http://192.168.1.20:2567", others: ["10.0.0.5:2567"], unreachable: false });
  });
  it("opened as localhost with no network address: the page's own, and a warning; none asked yet: no warning", () => {
    expect(joinAddress(at("http://localhost:2567/"), [])).toMatchObject({ host: "localhost:2567", unreachable: true });
    expect(joinAddress(at("http://localhost:2567/"))).toMatchObject({ host: "localhost:2567", unreachable: false });
  });
  it("opened by a real name or a network address (a proxy, a school server): the page's own, whatever the server's are", () => {
    expect(joinAddress(at("https://play.example.org/class/ABC"), ["192.168.1.20:2567"])).toEqual({ host: "play.example.org", origin: "https://play.example.org", others: [], unreachable: false });
    expect(joinAddress(at("http://192.168.1.20:2567/"), ["10.0.0.5:2567"]).host).toBe("192.168.1.20:2567");
  });
});

describe("the server's network addresses", () => {
  const interfaces = { lo: [nic("127.0.0.1", true)], docker0: [nic("172.17.0.1")], eth0: [nic("203.0.113.9")], wlan0: [nic("10.1.2.3"), { ...nic("fe80::1"), family: "IPv6" as const, scopeid: 0 }], en1: [nic("192.168.0.12")] };
  it("private ranges first (192.168, 10, 172.16–31), a container's bridge after a real network's, no loopback nor IPv6", () => {
    expect(lanAddresses(2567, undefined, interfaces)).toEqual(["192.168.0.12:2567", "10.1.2.3:2567", "203.0.113.9:2567", "172.17.0.1:2567"]);
  });
  it("HOST on loopback: none; on one address: that one", () => {
    expect(lanAddresses(2567, "127.0.0.1", interfaces)).toEqual([]);
    expect(lanAddresses(80, "10.1.2.3", interfaces)).toEqual(["10.1.2.3:80"]);
    expect(lanAddresses(80, "0.0.0.0", interfaces)).toHaveLength(4);
  });
});
