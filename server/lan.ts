/**
 * Where other computers on the network reach this process: its non-internal IPv4 addresses with
 * its port. A teacher who opens the console as http://localhost:PORT (the README's address) would
 * otherwise put "localhost" on the join screen, which no student's phone can open; the class
 * console shows these instead (docs/TEACHING.md, "The join screen"), and the start message names them.
 */
import { networkInterfaces, type NetworkInterfaceInfo } from "node:os";

/** Interfaces of virtual machines and containers (Docker, libvirt, VMware, VirtualBox): reachable from this computer only, as a rule. */
const VIRTUAL = /^(docker|br-|veth|virbr|vmnet|vboxnet|cni|flannel|podman|lxc|lxd)/i;

/** A private range's rank: 192.168/16 (home and school Wi-Fi) first, then 10/8, 172.16/12; others (public, link-local) after. */
function rank(ip: string): number {
  const [a, b] = ip.split(".").map(Number) as [number, number];
  if (a === 192 && b === 168) return 0;
  if (a === 10) return 1;
  if (a === 172 && b >= 16 && b <= 31) return 2;
  if (a === 169 && b === 254) return 4; // link-local: no network gave an address
  return 3;
}

/**
 * `host:port` for each address students may reach, the most likely first (a private range, not a
 * virtual interface). `host`: the address the server listens on (HOST); one on loopback only has
 * none, one on a single address that one alone.
 */
export function lanAddresses(port: number, host?: string, interfaces: NodeJS.Dict<NetworkInterfaceInfo[]> = networkInterfaces()): string[] {
  const all = Object.entries(interfaces).flatMap(([name, list]) =>
    (list ?? []).filter((a) => a.family === "IPv4" && !a.internal).map((a) => ({ ip: a.address, rank: rank(a.address) + (VIRTUAL.test(name) ? 10 : 0) })),
  );
  const listens = !host || host === "0.0.0.0" || host === "::" ? undefined : host;
  const found = all.filter((a) => !listens || a.ip === listens).sort((x, y) => x.rank - y.rank);
  return [...new Set(found.map((a) => `${a.ip}:${port}`))];
}
