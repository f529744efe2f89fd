/**
 * A room state's memory after a long private chat (docs/PERFORMANCE.md, "Private lines'
 * memory"): one game (classroom scenario of tests/engine/helpers.ts) through the room's view
 * sync (server/rooms/view-sync.ts) with a seat and the facilitator connected, a real encoder
 * and their patches; in each of its rounds a share of N private lines (the US team channel) and
 * of N offers (US to NL, declined). Prints the room state's private arrays and the live heap
 * after a forced GC (the room state, its views, the encoder and the engine's game, which keeps
 * every message and deal).
 *
 *   node --import tsx --expose-gc tests/bench/private-memory.ts [N]
 */
import type { Client } from "@colyseus/core";
import { Encoder, StateView } from "@colyseus/schema";
import { syncedRoom } from "../helpers/synced-room.ts";
import { FACILITATOR, seat, SYSTEM } from "../engine/helpers.ts";

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error("run with node --expose-gc");
const n = Number(process.argv[2] ?? 3000);
const heap = () => {
  for (let i = 0; i < 3; i++) gc();
  return process.memoryUsage().heapUsed;
};
const before = heap();

const us = { view: new StateView() } as unknown as Client;
const fac = { view: new StateView() } as unknown as Client;
const room = syncedRoom(() => [us, fac], (c) => (c === us ? seat("US") : { kind: "facilitator" }));
const encoder = new Encoder(room.state);
const patch = () => {
  const it = { offset: 0 };
  encoder.encode(it);
  for (const c of [us, fac]) encoder.encodeView(c.view!, it.offset, { ...it });
  encoder.discardChanges();
};
/** A delay passes: patches go out, then what waited for it runs. */
const delay = () => {
  patch();
  room.delayPasses();
  patch();
};
const act = room.run;
const toNegotiation = () => {
  while (room.game().phase !== "negotiation") act({ actor: SYSTEM, move: { type: "advance" } });
};
act({ actor: FACILITATOR, move: { type: "start" } });
toNegotiation();
const rounds = room.game().scenario.rounds - 1;
const draft = { terms: { type: "rnd" as const, sector: "ai" as const, contribution: 2 }, parties: ["US", "NL"], duration: 2 };
let sent = 0;
for (let round = 1; round <= rounds; round++) {
  if (round > 1) toNegotiation();
  const share = Math.ceil((n * round) / rounds) - sent;
  for (let i = 0; i < share; i++) {
    act({ actor: seat("US"), move: { type: "chat", channel: "team:US", text: `private line ${sent + i} of a long and talkative game, about forty bytes more` } });
    act({ actor: seat("US"), move: { type: "propose", draft } });
    const id = room.game().agreements.at(-1)!.id;
    act({ actor: seat("NL"), move: { type: "decline", agreementId: id, revision: 1 } });
    if (i % 20 === 0) delay();
  }
  sent += share;
  delay();
  act({ actor: SYSTEM, move: { type: "advance" } }); // the review
  act({ actor: SYSTEM, move: { type: "advance" } }); // the next round: the last one's lines leave after a delay
  delay();
  delay();
}
delay(); // what the last round's end let go
const after = heap();
const counts = { privateChat: room.state.privateChat.length, privateAgreements: room.state.privateAgreements.length, round: room.game().round, messages: room.game().messages.length, deals: room.game().agreements.length };
// The heap holds the engine's game too (its messages and deals, which the engine keeps whole).
console.log(JSON.stringify({ n, ...counts, heapMB: +((after - before) / 2 ** 20).toFixed(2) }));
void [room, encoder];
