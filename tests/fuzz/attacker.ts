/**
 * The hostile side of tests/fuzz/fuzz.ts, in its own process so that its sending loop does
 * not slow the honest players it is measured against. Each connection speaks from a loopback
 * address of its own and moves to a new one when the server stops letting it join. Reads FUZZ_URL, FUZZ_CODE,
 * FUZZ_FRAMES, FUZZ_CONNECTIONS and FUZZ_SECONDS; prints one JSON line with what it did.
 */
import { hostileFrame } from "./frames.ts";
import { RawClient } from "../helpers/raw-client.ts";
import { sleep, waitFor } from "../helpers/wait.ts";

const env = process.env;
const url = env.FUZZ_URL!;
const code = env.FUZZ_CODE!;
const frames = Number(env.FUZZ_FRAMES);
const until = performance.now() + Number(env.FUZZ_SECONDS) * 1000;
const kinds: Record<string, unknown>[] = [{ as: "observer" }, { as: "player", name: "Mallory" }, { as: "observer", name: "Eve" }];

let framesSent = 0;
let connections = 0;
const closes: Record<string, number> = {};
/** Connections the server closed while they were still sending (the rest this side closed). */
let cutOff = 0;

let refusedJoins = 0;
let addressesUsed = 0;
/** Loopback addresses 127.0.1.1, 127.0.1.2, …: a refused address is left for the next, as a botnet would. */
function nextAddress(): string {
  addressesUsed++;
  return `127.0.${1 + Math.floor(addressesUsed / 250)}.${1 + (addressesUsed % 250)}`;
}

async function attacker(n: number) {
  let i = n * 7;
  let address = nextAddress();
  while (framesSent < frames && performance.now() < until) {
    let raw: RawClient;
    try {
      raw = await RawClient.join(url, code, kinds[n % kinds.length]!, address);
    } catch {
      refusedJoins++;
      address = nextAddress();
      await sleep(10);
      continue;
    }
    connections++;
    while (raw.open && framesSent < frames && performance.now() < until) {
      // As fast as the socket drains: the kernel's buffer sets the pace, not this process's memory.
      if (raw.ws.bufferedAmount > 256 * 1024) {
        await sleep(1);
        continue;
      }
      raw.send(hostileFrame(i++));
      framesSent++;
      if (framesSent % 64 === 0) await new Promise((r) => setImmediate(r));
    }
    if (!raw.open) cutOff++;
    else await raw.close();
    await waitFor(() => raw.closed, { timeout: 5000 }).catch(() => undefined);
    const why = raw.closed ? `${raw.closed.code} ${raw.closed.reason}`.trim() : "no close";
    closes[why] = (closes[why] ?? 0) + 1;
  }
}

const started = performance.now();
console.log("START");
await Promise.all(Array.from({ length: Number(env.FUZZ_CONNECTIONS) }, (_, n) => attacker(n)));
console.log(JSON.stringify({ framesSent, connections, closes, cutOff, refusedJoins, addresses: addressesUsed, seconds: (performance.now() - started) / 1000 }));
process.exit(0);
