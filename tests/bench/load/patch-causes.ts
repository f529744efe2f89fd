/**
 * What the load model's patches are made of (docs/PERFORMANCE.md, "median patch under load"):
 * a game server under the load model (./load-model.ts), each client's patches decoded by an
 * instrumented copy of the schema decoder's loop that counts the bytes of every operation by
 * what it writes (`chat.ChatLine.text`, `root.version`, `pub:country:*`, ...). Prints the
 * patches' size distribution, each kind of patch (the set of things it changed) with its count
 * and median, and where the bytes go.
 *
 *   node --import tsx tests/bench/load/patch-causes.ts [TREE=this one] [rooms=20] [warmup=5] [measure=20]
 *
 * TREE's own tests/bench/load/server-child.ts starts the server; the players are this tree's
 * (they decode by reflection, so any tree's wire format reads).
 */
import { loadavg } from "node:os";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { $refId, decode } from "@colyseus/schema";
import "./counting-socket.ts";
import { drive, gameRoomPlayers, leave, type Player } from "./load-model.ts";
import { pin } from "./ipc-child.ts";
import { sleep } from "../../helpers/wait.ts";

type ServerChild = typeof import("./server-child.ts");
type Ref = Record<string, unknown> & { constructor: { name: string; [Symbol.metadata]?: Record<number, { name: string }> } };
type Decoder = { root: { refs: Map<number, Ref>; garbageCollectDeletedRefs(): void }; state: Ref; currentRefId: number; triggerChanges?: (c: unknown[]) => void; decode: unknown };

const [treeArg, roomsArg, warmArg, measureArg] = process.argv.slice(2);
const tree = resolve(treeArg ?? fileURLToPath(new URL("../../..", import.meta.url)));
const rooms = Number(roomsArg ?? 20);
const warmup = Number(warmArg ?? 5);
const measure = Number(measureArg ?? 20);

const SWITCH_TO_STRUCTURE = 255;
const OPS: Record<number, string> = { 128: "add", 0: "replace", 64: "delete", 192: "delete+add", 10: "clear", 33: "delete by ref", 129: "add by ref" };

/** The name of every collection and section the state holds, by refId (rebuilt for each patch: refs come and go). */
function namesOf(state: Ref): Map<number, string> {
  const names = new Map<number, string>();
  const id = (x: unknown) => (x as Record<symbol | string, number> | undefined)?.[$refId as unknown as string] ?? -1;
  const each = (c: unknown, fn: (v: Ref, k: string) => void) => (c as { forEach(f: (v: Ref, k: string) => void): void } | undefined)?.forEach(fn);
  names.set(id(state), "root");
  for (const key of ["seats", "waiting", "pub", "priv", "news", "events", "agreements", "privateAgreements", "chat", "privateChat"]) if (state[key]) names.set(id(state[key]), key);
  for (const key of ["pub", "priv"]) each(state[key], (s, k) => names.set(id(s), `${key}:${k.replace(/:.*/, ":*")}`));
  for (const key of ["agreements", "privateAgreements"])
    each(state[key], (d) => {
      names.set(id(d), `${key}.Deal`);
      names.set(id(d.steps), `${key}.Deal.steps`);
    });
  for (const key of ["chat", "privateChat"]) each(state[key], (l) => names.set(id(l), `${key}.ChatLine`));
  for (const key of ["news", "events"]) each(state[key], (l) => names.set(id(l), `${key}.line`));
  return names;
}

type Patch = { size: number; ops: { label: string; bytes: number }[] };
const patches: Patch[] = [];
let recording = false;

/** The library's Decoder.decode loop (@colyseus/schema 5), counting each operation's bytes. */
function instrument(decoder: Decoder) {
  decoder.decode = function (this: Decoder, bytes: Uint8Array, it = { offset: 0 }, ref: Ref = this.state) {
    let names = recording ? namesOf(this.state) : undefined;
    const ops: Patch["ops"] = [];
    const label = (r: Ref, at: number): string => {
      const id = (r as unknown as Record<string, number>)[$refId as unknown as string]!;
      // A structure this patch added is in the state by now.
      if (!names?.has(id)) names = namesOf(this.state);
      const name = names.get(id) ?? r.constructor.name;
      const metadata = r.constructor[Symbol.metadata];
      if (metadata && !("$items" in r)) {
        const b = bytes[at]!;
        const op = (b >> 6) << 6;
        return `${name}.${metadata[b % (op || 255)]?.name ?? "?"}${op === 0 ? "" : `(${OPS[op] ?? op})`}`;
      }
      return `${name}[${OPS[bytes[at]!] ?? bytes[at]}]`;
    };
    const changes: unknown[] = [];
    let decodeOp = (ref.constructor as unknown as Record<string, Function>)["~decoder"]!;
    this.currentRefId = 0;
    while (it.offset < bytes.byteLength) {
      const start = it.offset;
      if (bytes[it.offset] === SWITCH_TO_STRUCTURE) {
        it.offset++;
        (ref["~onDecodeEnd"] as (() => void) | undefined)?.call(ref);
        const next = decode.number(bytes, it);
        const nextRef = this.root.refs.get(next);
        if (!nextRef) throw new Error(`refId not found: ${next}`);
        ref = nextRef;
        decodeOp = (ref.constructor as unknown as Record<string, Function>)["~decoder"]!;
        this.currentRefId = next;
        ops.push({ label: "(switch to a structure)", bytes: it.offset - start });
        continue;
      }
      const name = recording ? label(ref, start) : "";
      if (decodeOp(this, bytes, it, ref, changes) === -1) throw new Error("definition mismatch");
      ops.push({ label: name, bytes: it.offset - start });
    }
    (ref["~onDecodeEnd"] as (() => void) | undefined)?.call(ref);
    this.triggerChanges?.(changes);
    this.root.garbageCollectDeletedRefs();
    if (recording && bytes[0]! % 32 === 15) patches.push({ size: bytes.byteLength, ops });
    return changes;
  };
}

/** What caused a patch, from the operations it holds. */
function causes(p: Patch): string {
  const found = new Set<string>();
  for (const { label } of p.ops) {
    if (label.startsWith("root.version")) found.add("version");
    else if (label.startsWith("chat[add") || label.startsWith("chat.ChatLine")) found.add("plenary line");
    else if (label.startsWith("chat[delete") || label.startsWith("root.chatGone")) found.add("chat window trim");
    else if (label.startsWith("privateChat[add") || label.startsWith("privateChat.ChatLine") || label.startsWith("root.privateChat")) found.add("bilateral line");
    else if (label.startsWith("root.dealsTrimmed") || /Deal\.steps\[replace/.test(label)) found.add("reasons trim / deal dropped");
    else if (label.includes("Deal")) found.add("offer/amend");
    else if (label.startsWith("privateAgreements[") || label.startsWith("agreements[")) found.add("offer/amend");
    else if (label.startsWith("pub:") || label.startsWith("priv:") || label.startsWith("pub[") || label.startsWith("priv[")) found.add(`section ${label.replace(/\..*|\[.*/, "")}`);
    else if (label !== "(switch to a structure)") found.add(label.replace(/\(.*/, ""));
  }
  return [...found].sort().join(" + ") || "(nothing)";
}

pin(process.pid, 1);
const server = await ((await import(`${tree}/tests/bench/load/server-child.ts`)) as ServerChild).BenchServer.start("game", 0);
const players: Player[] = await gameRoomPlayers(server, rooms);
for (const p of players) instrument((p.room as unknown as { serializer: { decoder: Decoder } }).serializer.decoder);
const load = drive(players);
await sleep(warmup * 1000);
recording = true;
await sleep(measure * 1000);
recording = false;
await load.stop();
await leave(players);
await server.stop();

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const q = (xs: number[], f: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(f * xs.length))] ?? NaN;
const sizes = patches.map((p) => p.size);
console.log(`${tree}: ${rooms} rooms, ${measure} s, load average ${loadavg()[0]!.toFixed(1)}`);
console.log(`patches: ${patches.length} (${(patches.length / players.length / measure).toFixed(2)} a client a second), median ${median(sizes)} B, p25 ${q(sizes, 0.25)}, p75 ${q(sizes, 0.75)}, p90 ${q(sizes, 0.9)}; ${(sizes.reduce((a, b) => a + b, 0) / players.length / measure).toFixed(0)} B a client a second`);
const kinds = new Map<string, number[]>();
for (const p of patches) {
  const k = causes(p);
  kinds.set(k, [...(kinds.get(k) ?? []), p.size]);
}
console.log("\nkinds of patch (what each changed): share, median size [p10-p90]");
for (const [k, xs] of [...kinds].sort((a, b) => b[1].length - a[1].length)) console.log(`  ${((xs.length / patches.length) * 100).toFixed(1).padStart(5)}%  ${String(median(xs)).padStart(5)} B [${q(xs, 0.1)}-${q(xs, 0.9)}]  ${k}`);
const bytes = new Map<string, { bytes: number; n: number }>();
let header = 0;
for (const p of patches) {
  header += p.size - p.ops.reduce((a, o) => a + o.bytes, 0);
  for (const o of p.ops) {
    const b = bytes.get(o.label) ?? { bytes: 0, n: 0 };
    b.bytes += o.bytes;
    b.n++;
    bytes.set(o.label, b);
  }
}
const total = sizes.reduce((a, b) => a + b, 0);
console.log("\nbytes by operation: share of all patch bytes, operations a patch, bytes an operation");
console.log(`  ${((header / total) * 100).toFixed(1).padStart(5)}%  ${(1).toFixed(2)}  ${(header / patches.length).toFixed(1).padStart(6)} B  (frame header)`);
for (const [label, b] of [...bytes].sort((a, c) => c[1].bytes - a[1].bytes)) console.log(`  ${((b.bytes / total) * 100).toFixed(1).padStart(5)}%  ${(b.n / patches.length).toFixed(2)}  ${(b.bytes / b.n).toFixed(1).padStart(6)} B  ${label}`);
process.exit(0);
