/**
 * Where students open the class's join link. The page's own address serves, as a rule: a school's
 * server or one behind a proxy is opened by the name students reach it by. A console opened as
 * localhost (the README's address) is the exception: on a phone "localhost" is the phone itself.
 * Then the server's own network addresses (GET /api/classes/CODE/addresses, server/lan.ts) stand
 * in, the most likely first; with none known, the join screen says that students cannot reach it.
 */

export type JoinAddress = {
  /** What the join screen shows before the code: `host[:port]`. */
  host: string;
  /** The link's start, scheme and host, for the QR code. */
  origin: string;
  /** Other network addresses of the server, shown small. */
  others: string[];
  /** Opened as localhost and no network address known: students cannot open what is shown. */
  unreachable: boolean;
};

type Where = Pick<Location, "hostname" | "host" | "origin">;

/** A name only this computer answers to (RFC 6761 `localhost`, 127.0.0.0/8, ::1). */
export function isLoopback(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/\.$/, "");
  return name === "localhost" || name.endsWith(".localhost") || /^127(\.\d{1,3}){3}$/.test(name) || name === "[::1]" || name === "::1";
}

/** `lan`: the server's network addresses (`host:port`); undefined while the answer is on its way (no warning yet). */
export function joinAddress(where: Where, lan?: readonly string[]): JoinAddress {
  const own = { host: where.host, origin: where.origin, others: [], unreachable: false };
  if (!isLoopback(where.hostname) || !lan) return own;
  const [first, ...others] = lan;
  // The server speaks plain HTTP on its own port (docs/DEPLOY.md: TLS is a proxy's, and a proxy is reached by its name).
  return first ? { host: first, origin: `http://${first}`, others, unreachable: false } : { ...own, unreachable: true };
}
