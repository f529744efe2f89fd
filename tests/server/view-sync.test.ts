/**
 * What leaves the room state after a delay (server/rooms/view-sync.ts), with the delay in the
 * test's hands: a round's lines leave only once they have been in the state a whole delay, so
 * that every client there got them in a patch first, even when rounds follow each other faster
 * than the delay.
 */
import { describe, expect, it } from "vitest";
import type { Client } from "@colyseus/core";
import { Encoder, Reflection, StateView } from "@colyseus/schema";
import type { Action } from "../../shared/engine/index.ts";
import { CHAT_WINDOW } from "../../server/rooms/view-sync.ts";
import { PRIVATE_WINDOW } from "../../shared/protocol/archive.ts";
import { syncedRoom } from "../helpers/synced-room.ts";
import { GameRoomState } from "../../server/rooms/room-state.ts";
import type { GameState, Move } from "../../shared/engine/index.ts";
import { computeSections } from "../../shared/protocol/sections.ts";
import { fromStepJson } from "../../shared/protocol/view.ts";
import { FACILITATOR, ok, seat, SYSTEM } from "../engine/helpers.ts";

const roundsOf = (state: InstanceType<typeof GameRoomState>, key: "news" | "events") => state[key].map((s) => (JSON.parse(s.json) as { round: number }).round);

describe("a round's lines in the room state", () => {
  it("stay a whole delay after the next round begins, even when two rounds begin within one delay", () => {
    const r = syncedRoom();
    r.act(FACILITATOR, { type: "start" });
    r.act(SYSTEM, { type: "advance" });
    r.act(seat("US"), { type: "chat", channel: "plenary", text: "round 1" });
    r.act(SYSTEM, { type: "advance" }); // round 1's review
    r.act(SYSTEM, { type: "advance" }); // round 2 begins: round 1 leaves after a delay
    expect(r.game().round).toBe(2);
    // Round 2 goes by within that delay: its line and its news enter the state just before round 1 leaves.
    r.act(SYSTEM, { type: "advance" });
    r.act(seat("US"), { type: "chat", channel: "plenary", text: "round 2" });
    r.act(SYSTEM, { type: "advance" });
    r.act(SYSTEM, { type: "advance" });
    expect(r.game().round).toBe(3);
    expect(roundsOf(r.state, "news")).toContain(2);

    r.delayPasses();
    // Round 1 is gone; round 2, which ended only now, is still there for the next patch.
    expect(r.state.since).toBe(2);
    expect(r.state.chat.map((l) => l.text)).toEqual(["round 2"]);
    expect(roundsOf(r.state, "news")).toContain(2);
    expect(roundsOf(r.state, "news")).not.toContain(1);

    r.delayPasses();
    expect(r.state.since).toBe(3);
    expect(r.state.chat.map((l) => l.text)).toEqual([]);
    expect(roundsOf(r.state, "news").every((round) => round >= 3)).toBe(true);
  });
});

describe("public lines beyond the chat window", () => {
  /** A negotiation whose plenary holds two lines more than the chat window. */
  const pastTheWindow = () => {
    const r = syncedRoom();
    r.act(FACILITATOR, { type: "start" });
    r.act(SYSTEM, { type: "advance" });
    const lines = Array.from({ length: CHAT_WINDOW + 2 }, (_, i) => `line ${i}`);
    for (const text of lines) r.act(seat("US"), { type: "chat", channel: "plenary", text });
    return { r, lines };
  };

  it("leave once they have been in the state a whole delay, never before", () => {
    const { r, lines } = pastTheWindow();
    r.act(seat("NL"), { type: "ready", ready: true });
    const texts = () => r.state.chat.map((l) => l.text);
    // Not yet a whole delay in the state: the next patch may be the first to carry them.
    expect(texts()).toEqual(lines);
    r.delayPasses();
    r.delayPasses();
    expect(texts()).toEqual(lines.slice(2));
    expect(r.state.chatGone).toBe(2);
  });

  it("a line the facilitator removes just before it would leave stays a whole delay more, so its removal reaches the clients that keep it", () => {
    const { r, lines } = pastTheWindow();
    const first = r.game().messages.find((m) => m.text === "line 0")!.id;
    r.delayPasses();
    r.act(FACILITATOR, { type: "delete-message", messageId: first, reason: "" });
    r.delayPasses();
    // It would have left in this run, in the patch that carried its removal: the removal would reach no one.
    const kept = r.state.chat.find((l) => l.id === first);
    expect(kept, "the removed line is still in the state for the next patch").toBeDefined();
    expect(kept).toMatchObject({ deleted: true, text: "" });
    r.delayPasses();
    expect(r.state.chat.some((l) => l.id === first)).toBe(false);
    expect(r.state.chat.map((l) => l.text)).toEqual(lines.slice(2));
  });
});

describe("sections after open offers", () => {
  const sectionsOf = (state: InstanceType<typeof GameRoomState>) => ({
    pub: Object.fromEntries([...state.pub.entries()].map(([k, s]) => [k, s.json])),
    priv: Object.fromEntries([...state.priv.entries()].map(([k, s]) => [k, s.json])),
  });
  const fresh = (game: GameState) => {
    const s = computeSections(game);
    return { pub: s.pub, priv: s.priv };
  };

  it("are those a fresh computation gives after an offer, its amendment, signatures, a refusal and a deal that takes force", () => {
    const r = syncedRoom();
    r.act(FACILITATOR, { type: "start" });
    r.act(SYSTEM, { type: "advance" });
    const terms = (contribution: number) => ({ terms: { type: "rnd" as const, sector: "ai" as const, contribution }, parties: ["US", "NL"], duration: 2 });
    const moves: [Parameters<typeof ok>[1], Move][] = [
      [seat("US"), { type: "propose", draft: terms(2) }],
      [seat("US"), { type: "amend", agreementId: "A1", revision: 1, draft: terms(3) }],
      [seat("JP"), { type: "propose", draft: { ...terms(1), parties: ["JP", "CN"] } }],
      [seat("CN"), { type: "decline", agreementId: "A2", revision: 1 }],
      [seat("NL"), { type: "sign", agreementId: "A1", revision: 2 }],
      [SYSTEM, { type: "advance" }],
    ];
    for (const [actor, move] of moves) {
      r.act(actor, move);
      expect(sectionsOf(r.state)).toEqual(fresh(r.game()));
    }
    expect(r.game().agreements.map((a) => a.status)).toEqual(["in-force", "declined"]);
  });
});

describe("a party an amendment adds to an unsigned deal", () => {
  it("receives its steps with the reasons given, though they left the state for the others", () => {
    const jp = { view: new StateView() } as unknown as Client;
    const r = syncedRoom(() => [jp], () => ({ kind: "seat", seat: "JP", roles: [] }));
    const state = r.state;
    new Encoder(state); // views hold only what is attached to an encoded state
    const act = r.run;
    act({ actor: FACILITATOR, move: { type: "start" } });
    act({ actor: SYSTEM, move: { type: "advance" } });
    const draft = (parties: string[]) => ({ terms: { type: "rnd" as const, sector: "ai" as const, contribution: 2 }, parties, duration: 2 });
    act({ actor: seat("US"), move: { type: "propose", draft: draft(["US", "NL"]) }, reason: "why the US proposes" });
    const line = state.privateAgreements.at(-1)!;
    expect(jp.view!.has(line)).toBe(false);
    // A whole delay: the proposal's reason has gone out to the parties and leaves the state.
    for (let i = 0; i < 2; i++) r.delayPasses();
    expect(line.steps.join()).not.toContain("why the US proposes");

    act({ actor: seat("US"), move: { type: "amend", agreementId: "A1", revision: 1, draft: draft(["US", "NL", "JP"]) }, reason: "why Japan joins" });
    expect(jp.view!.has(line)).toBe(true);
    // Japan never had the first step: it gets it with its reason, as viewFor shows it.
    expect(line.steps.map((step) => fromStepJson(step).reason)).toEqual(["why the US proposes", "why Japan joins"]);
    for (let i = 0; i < 2; i++) r.delayPasses();
    expect(line.steps.join()).not.toContain("why");
  });
});

describe("a client that already holds a deal", () => {
  it("decodes its steps as they are when, within one patch, a step is rewritten and the deal's readers change", () => {
    const fac = { view: new StateView() } as unknown as Client;
    const r = syncedRoom(() => [fac], () => ({ kind: "facilitator" }));
    const encoder = new Encoder(r.state);
    const shared = { offset: 0 };
    encoder.encodeAll(shared);
    const decoder = Reflection.decode(Reflection.encode(encoder));
    decoder.decode(encoder.encodeAllView(fac.view!, shared.offset, { ...shared }));
    encoder.discardChanges();
    /** One patch, as the room's clock sends it. */
    const patch = () => {
      const it = { offset: 0 };
      encoder.encode(it);
      decoder.decode(encoder.encodeView(fac.view!, it.offset, it));
      encoder.discardChanges();
    };
    const act = r.run;
    act({ actor: FACILITATOR, move: { type: "start" } });
    act({ actor: SYSTEM, move: { type: "advance" } });
    const draft = (parties: string[]) => ({ terms: { type: "rnd" as const, sector: "ai" as const, contribution: 2 }, parties, duration: 2 });
    act({ actor: seat("US"), move: { type: "propose", draft: draft(["US", "NL"]) }, reason: "why the US proposes" });
    patch();
    // The reason leaves the state; then an amendment adds a party, whose steps go out with their reasons again.
    for (let i = 0; i < 2; i++) r.delayPasses();
    patch();
    act({ actor: seat("US"), move: { type: "amend", agreementId: "A1", revision: 1, draft: draft(["US", "NL", "JP"]) } });
    patch();
    const held = (decoder.state as unknown as { toJSON(): { privateAgreements: { steps: string[] }[] } }).toJSON().privateAgreements;
    expect(held.map((d) => d.steps.map((step) => fromStepJson(step).what))).toEqual([["proposed", "amended"]]);
  });
});

describe("a long private chat", () => {
  it("leaves the room state's arrays once no view holds its lines: beyond the channel's window, a round's lines, ended offers; not the game's", () => {
    type Held = { client: Client; decoder: ReturnType<typeof Reflection.decode> };
    let here: Held[] = [];
    const r = syncedRoom(() => here.map((h) => h.client), () => seat("US"));
    const { state, sync } = r;
    const encoder = new Encoder(state);
    const connect = (): Held => {
      const client = { view: new StateView() } as unknown as Client;
      return { client, decoder: Reflection.decode(Reflection.encode(encoder)) };
    };
    // Two people at the US seat; one drops during round 1 and comes back in round 2.
    const a = connect();
    const b = connect();
    here = [a, b];
    /** The first state of a connection, as the room sends it. */
    const welcome = (h: Held) => {
      const shared = { offset: 0 };
      encoder.encodeAll(shared);
      h.decoder = Reflection.decode(Reflection.encode(encoder));
      h.decoder.decode(encoder.encodeAllView(h.client.view!, shared.offset, { ...shared }));
    };
    /** One patch to the connected clients, as the room's clock sends it (server/rooms/GameRoom.ts via Colyseus). */
    const patch = () => {
      const it = { offset: 0 };
      const changed = encoder.hasChanges;
      if (changed) encoder.encode(it);
      const shared = it.offset;
      for (const h of here) if (changed || h.client.view!.changes.size > 0) h.decoder.decode(encoder.encodeView(h.client.view!, shared, it));
      encoder.discardChanges();
    };
    const delay = () => {
      patch();
      r.delayPasses();
      patch();
    };
    const act = (action: Action) => {
      r.run(action);
      patch();
    };
    const toNegotiation = () => {
      while (r.game().phase !== "negotiation") act({ actor: SYSTEM, move: { type: "advance" } });
    };
    const talk = (round: number, lines: number) => {
      for (let i = 0; i < lines; i++) {
        act({ actor: seat("US"), move: { type: "chat", channel: "team:US", text: `round ${round} line ${i}` } });
        if (i % 4 === 0) {
          act({ actor: seat("US"), move: { type: "propose", draft: { terms: { type: "rnd", sector: "ai", contribution: 2 }, parties: ["US", "NL"], duration: 2 } } });
          act({ actor: seat("NL"), move: { type: "decline", agreementId: r.game().agreements.at(-1)!.id, revision: 1 } });
        }
        if (i % 10 === 9) delay();
      }
    };
    /** What a client decoded of the private arrays. */
    const decoded = (h: Held) => (h.decoder.state as unknown as { toJSON(): { privateChat: { text: string }[]; privateAgreements: { status: string }[] } }).toJSON();
    const texts = (h: Held) => decoded(h).privateChat.map((l) => l.text);
    const roundLines = (round: number, lines: number) => Array.from({ length: lines }, (_, i) => `round ${round} line ${i}`);
    /** The channel's latest lines: those its window holds. */
    const windowOf = (round: number, lines: number) => roundLines(round, lines).slice(-PRIVATE_WINDOW);

    act({ actor: FACILITATOR, move: { type: "start" } });
    for (const h of here) welcome(h);
    toNegotiation();
    talk(1, 40);
    // Lines beyond the channel's window leave it once they have been in the state a whole delay,
    // never before: the ten since the last delay are all there, two more than the window.
    expect(texts(a)).toEqual(roundLines(1, 40).slice(30));
    for (let i = 0; i < 2; i++) delay();
    expect(texts(a)).toEqual(windowOf(1, 40));
    // They leave the array a delay after they left the views.
    delay();
    expect(state.privateChat.map((l) => l.text)).toEqual(windowOf(1, 40));
    here = [a]; // b's connection drops: its view still holds round 1's last lines
    act({ actor: SYSTEM, move: { type: "advance" } });
    toNegotiation();
    expect(r.game().round).toBe(2);
    talk(2, 30);
    for (let i = 0; i < 3; i++) delay();
    // Round 1 left a's view; its lines stay in the state while b's view holds them.
    expect(texts(a)).toEqual(windowOf(2, 30));
    expect(state.privateChat.map((l) => l.text)).toEqual([...windowOf(1, 40), ...windowOf(2, 30)]);

    here = [a, b]; // b comes back: it holds exactly round 2's last lines, and then round 1's leave the state
    sync.fitPrivateLines(b.client);
    welcome(b);
    expect(texts(b)).toEqual(windowOf(2, 30));
    for (let i = 0; i < 2; i++) delay();
    expect(state.privateChat.map((l) => l.text)).toEqual(windowOf(2, 30));
    expect(state.privateAgreements.length).toBe(0);
    // The clients' decoded arrays are still exactly what their views hold.
    for (const h of [a, b]) expect(texts(h)).toEqual(windowOf(2, 30));

    // b leaves for good while away; a talks on through another round: the state holds one round's lines.
    here = [a];
    sync.forget(b.client);
    act({ actor: SYSTEM, move: { type: "advance" } });
    toNegotiation();
    talk(3, 30);
    for (let i = 0; i < 3; i++) delay();
    expect(state.privateChat.map((l) => l.text)).toEqual(windowOf(3, 30));
    expect(state.privateAgreements.length).toBe(0);
    expect(texts(a)).toEqual(windowOf(3, 30));
    expect(decoded(a).privateAgreements).toEqual([]);
    // The engine keeps every line and offer (the past over HTTP reads them there).
    expect(r.game().messages.length).toBe(100);
    // A late join reads the current round's last lines from the state (the rest over HTTP).
    const c = connect();
    here = [a, c];
    sync.fitPrivateLines(c.client);
    welcome(c);
    expect(texts(c)).toEqual(windowOf(3, 30));
  });
});
