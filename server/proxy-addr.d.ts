/** proxy-addr ships no types (they are a separate package): the calls server/client-address.ts makes. */
declare module "proxy-addr" {
  import type { IncomingMessage } from "node:http";
  /** The client's address: the rightmost of the socket's and X-Forwarded-For's that `trust` does not trust. */
  function proxyaddr(req: IncomingMessage, trust: (address: string, hop: number) => boolean): string;
  namespace proxyaddr {
    /** A trust function for addresses, CIDR ranges and the names loopback, linklocal, uniquelocal; throws TypeError on a bad one. */
    function compile(entries: string | string[]): (address: string, hop: number) => boolean;
    /** Every address on the request's way, the socket's first, then X-Forwarded-For's from the right (all of them, without `trust`). */
    function all(req: IncomingMessage, trust?: (address: string, hop: number) => boolean): string[];
  }
  export default proxyaddr;
}
