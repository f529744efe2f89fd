/**
 * The server splits each viewer's view into JSON sections; the client puts them back
 * together. For every viewer, the reassembled view must equal the engine's own view, and a
 * viewer's sections must hold nothing of another seat's private section.
 */
import { describe, expect, it } from "vitest";
import { playGame } from "../../shared/bots/game-loop.ts";
import { apply, canSeeAgreement, createGame, ROLES, viewFor, type Agreement, type GameState, type Message, type Viewer } from "../../shared/engine/index.ts";
import { computeSections, isPublicMessage, JsonCache, scenarioBook, scenarioCards, scenarioSecrets } from "../../shared/protocol/sections.ts";
import { assembleView, FACILITATOR_KEY, fromWireDeal, inOrderMade, fromWireLine, seatKey, toWireDeal, toWireLine, type SyncedState } from "../../shared/protocol/view.ts";
import { getScenario } from "../../server/scenarios.ts";
import { statesAlong } from "../engine/helpers.ts";
import { scenarioText, secretTexts } from "../../server/scenario-texts.ts";

/**
 * What a client decodes: the version, public sections and logs, its own private section, the
 * public deals and the unsigned ones it may read, public chat and the private lines it may read.
 */
function synced(state: GameState, viewer: Viewer, sections = computeSections(state, { US: "ACDEFG" }, new JsonCache(), secretTexts(state.scenario.id))): SyncedState {
  const { version, pub, priv, logs } = sections;
  // Deals travel apart from the sections, each to whoever may read it (server/rooms/view-sync.ts).
  const agreements = state.agreements;
  const mine = viewer.kind === "seat" ? seatKey(viewer.seat) : viewer.kind === "facilitator" ? FACILITATOR_KEY : undefined;
  const readable = new Set(viewFor(state, viewer).channels.map((c) => c.id));
  // As the room state holds them: round 1's lines without their round (the state's `since`).
  const line = (m: Message) => toWireLine(m, { since: 1 });
  const json = (x: unknown) => ({ json: JSON.stringify(x) });
  const isPublic = (a: Agreement) => canSeeAgreement({ kind: "observer" }, a);
  return {
    code: "ACDEFG",
    deadline: 0,
    paused: false,
    remainingMs: 0,
    version,
    since: 1,
    seats: {},
    pub: Object.fromEntries(Object.entries(pub).map(([k, json]) => [k, { json }])),
    priv: mine ? { [mine]: { json: priv[mine]! } } : {},
    news: logs.news.map(json),
    events: logs.events.map(json),
    history: state.history.map(json),
    agreements: Object.fromEntries(agreements.filter(isPublic).map((a) => [a.id, toWireDeal(a)])),
    privateAgreements: agreements.filter((a) => !isPublic(a) && canSeeAgreement(viewer, a)).map(toWireDeal),
    chat: state.messages.filter(isPublicMessage).map(line),
    privateChat: state.messages.filter((m) => !isPublicMessage(m) && readable.has(m.channel)).map(line),
  };
}

/** The scenario book a viewer's client fetches: the facilitator's has the event cards and the secret objectives. */
const bookFor = (s: GameState, viewer: Viewer) => ({
  ...scenarioBook(s.scenario),
  ...(viewer.kind === "facilitator" ? { cards: scenarioCards(s.scenario), secrets: scenarioSecrets(s.scenario, secretTexts(s.scenario.id)) } : {}),
});

/** A whole random game, and its state in the middle of round 2's negotiation (replayed from the log). */
function game(id: string, seed: number) {
  const scenario = getScenario(id)!;
  const setup = { scenario, settings: { seed } };
  const { state, log } = playGame(setup, {}, { others: { kind: "random" }, movesPerSeat: 3 });
  expect(log.length).toBeGreaterThan(50);
  let s = createGame(setup);
  for (const [, at] of statesAlong(setup, log)) {
    s = at;
    if (s.round === 2 && s.phase === "negotiation" && s.messages.length > 0 && s.agreements.length > 3) break;
  }
  return { state, middle: s };
}

function viewersOf(state: GameState): Viewer[] {
  const seats = state.scenario.countries.filter((c) => c.control === "seat").map((c) => c.id);
  return [{ kind: "observer" }, { kind: "facilitator" }, ...seats.map((seat) => ({ kind: "seat" as const, seat, roles: [...ROLES] }))];
}

/** The engine's view without what only the server adds (rejoin codes) and in the client's order. */
function normalize(v: ReturnType<typeof viewFor>) {
  return { ...v, agreements: [...v.agreements].sort(inOrderMade), messages: [...v.messages].sort((a, b) => a.id - b.id) };
}

describe("view sections", () => {
  for (const id of ["classroom-quick", "alliance-2021"]) {
    it(`${id}: reassembled sections equal viewFor for every viewer, through a whole game`, () => {
      const { state, middle } = game(id, 7);
      for (const s of [middle, state]) {
        for (const viewer of viewersOf(s)) {
          const view = assembleView(synced(s, viewer), viewer, bookFor(s, viewer))!;
          const { code, deadline, paused, remainingMs, seats, waiting, rejoinCodes, recorded, ...rest } = view;
          void code, deadline, paused, remainingMs, seats, waiting;
          expect(recorded).toEqual(s.history.map((h) => h.round));
          if (viewer.kind === "facilitator") expect(rejoinCodes).toEqual({ US: "ACDEFG" });
          else expect(rejoinCodes).toBeUndefined();
          expect(normalize(rest as ReturnType<typeof viewFor>)).toEqual(normalize(viewFor(s, viewer)));
        }
      }
    });
  }

  it("the facilitator's book carries a card's conditional effects (pressures), which the console lists; a card without any carries none", () => {
    const alliance = getScenario("alliance-2021")!;
    const cards = scenarioCards(alliance);
    expect(cards.find((c) => c.id === "dutch-duv")!.pressures).toEqual(alliance.events.find((e) => e.id === "dutch-duv")!.pressures);
    expect(cards.find((c) => c.id === "gallium-licensing")).not.toHaveProperty("pressures");
  });

  it("classroom-quick: reassembled parts equal viewFor for every viewer after every action of a game", () => {
    const setup = { scenario: getScenario("classroom-quick")!, settings: { seed: 5 } };
    const { log } = playGame(setup, {}, { others: { kind: "random" }, movesPerSeat: 2 });
    let s = createGame(setup);
    const cache = new JsonCache(); // as the server keeps it, from one action to the next
    for (const action of log) {
      const r = apply(s, action);
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      s = r.state;
      const sections = computeSections(s, { US: "ACDEFG" }, cache, secretTexts(s.scenario.id));
      for (const viewer of viewersOf(s)) {
        const { code, deadline, paused, remainingMs, seats, waiting, rejoinCodes, recorded, ...rest } = assembleView(synced(s, viewer, sections), viewer, bookFor(s, viewer))!;
        void code, deadline, paused, remainingMs, seats, waiting, rejoinCodes, recorded;
        expect(normalize(rest as ReturnType<typeof viewFor>)).toEqual(normalize(viewFor(s, viewer)));
      }
    }
    expect(s.phase).toBe("ended");
  });

  it.each(["classroom-quick", "alliance-2021", "multipolar-2024"])("%s: sections kept from one action to the next are the bytes a fresh computation makes", (id) => {
    const setup = { scenario: getScenario(id)!, settings: { seed: 9 } };
    const { log } = playGame(setup, {}, { others: { kind: "random" }, movesPerSeat: 3 });
    const texts = secretTexts(id);
    let s = createGame(setup);
    const cache = new JsonCache();
    for (const action of log) {
      const r = apply(s, action);
      if (!r.ok) continue;
      s = r.state;
      const kept = computeSections(s, { US: "ACDEFG" }, cache, texts);
      const fresh = computeSections(s, { US: "ACDEFG" }, new JsonCache(), texts);
      expect(kept.pub).toEqual(fresh.pub);
      expect(kept.priv).toEqual(fresh.priv);
    }
    expect(s.phase).toBe("ended");
    // A game of the clock alone: no deal ever takes force, the scores move with the rounds.
    const accepted = (r: ReturnType<typeof apply>) => {
      if (!r.ok) throw new Error(r.error.code);
      return r.state;
    };
    s = accepted(apply(createGame(setup), { actor: { kind: "facilitator" }, move: { type: "start" } }));
    while (s.phase !== "ended") {
      s = accepted(apply(s, { actor: { kind: "system" }, move: { type: "advance" } }));
      expect(computeSections(s, {}, cache, texts).priv).toEqual(computeSections(s, {}, new JsonCache(), texts).priv);
      expect(computeSections(s, {}, cache, texts).pub).toEqual(computeSections(s, {}, new JsonCache(), texts).pub);
    }
  });

  it("a secret objective reads in the reader's language, for exactly those who may read it", () => {
    const { state, middle } = game("classroom-quick", 5);
    const chinese = (id: string) => scenarioText("classroom-quick", "zh-CN")!.countries[id]!.secret!;
    const secretsSeen = (s: GameState, viewer: Viewer, language?: string) =>
      Object.fromEntries(assembleView(synced(s, viewer), viewer, bookFor(s, viewer), language)!.countries.filter((c) => c.secret).map((c) => [c.id, c.secret]));
    const jp: Viewer = { kind: "seat", seat: "JP", roles: [...ROLES] };
    expect(secretsSeen(middle, jp, "zh-CN")).toEqual({ JP: { ...viewFor(middle, jp).countries.find((c) => c.id === "JP")!.secret, text: chinese("JP") } });
    expect(secretsSeen(middle, jp, "en").JP!.text).toBe(getScenario("classroom-quick")!.countries.find((c) => c.id === "JP")!.secret.text);
    expect(secretsSeen(middle, { kind: "observer" }, "zh-CN")).toEqual({});
    // At the end every secret is public, and read in Chinese by a Chinese reader.
    const all = secretsSeen(state, { kind: "observer" }, "zh-CN");
    expect(Object.keys(all).length).toBe(getScenario("classroom-quick")!.countries.length);
    for (const [id, o] of Object.entries(all)) expect(o!.text).toBe(chinese(id));
  });

  it("with teams off, no section sends a team channel, to its seat or the facilitator", () => {
    const scenario = getScenario("classroom-quick")!;
    let s = createGame({ scenario, settings: { seed: 3, teams: false, facilitatorReadsPrivate: true } });
    for (const action of [{ actor: { kind: "facilitator" as const }, move: { type: "start" as const } }, { actor: { kind: "system" as const }, move: { type: "advance" as const } }]) {
      const r = apply(s, action);
      if (!r.ok) throw new Error(r.error.code);
      s = r.state;
    }
    const { pub, priv } = computeSections(s);
    for (const json of [pub.channels!, ...Object.values(priv)]) expect(json).not.toContain('"kind":"team"');
    expect(JSON.parse(priv[seatKey("US")]!).channels).toEqual([]);
  });

  it("a seat's private section holds nothing from another seat's", () => {
    const scenario = getScenario("classroom-quick")!;
    const { middle: state } = game("classroom-quick", 3);
    expect(state.phase).toBe("negotiation");
    const { priv } = computeSections(state);
    const us = JSON.parse(priv[seatKey("US")]!);
    expect(us.secret.id).toBe(scenario.countries.find((c) => c.id === "US")!.secret.id);
    for (const other of scenario.countries.filter((c) => c.control === "seat" && c.id !== "US")) {
      expect(priv[seatKey("US")]).not.toContain(other.secret.text);
      expect(priv[seatKey(other.id)]).not.toContain(scenario.countries.find((c) => c.id === "US")!.secret.text);
    }
  });
});

describe("chat lines and deals on the wire", () => {
  it("deals come back exactly, with every optional field", () => {
    const { state } = game("alliance-2021", 7);
    const deals = state.agreements;
    expect(deals.length).toBeGreaterThan(10);
    for (const a of deals) expect(fromWireDeal(toWireDeal(a))).toEqual(a);
    const odd: Agreement = { ...deals[0]!, signatures: [], left: [], brokenBy: "US", built: 0 };
    expect(fromWireDeal(toWireDeal(odd))).toEqual(odd);
    // Steps of every shape: the system's (no actor) outside the negotiation, reasons as words and as catalog text.
    const steps: Agreement["steps"] = [
      { round: 1, phase: "negotiation", what: "proposed", by: "US", revision: 1, reason: "chips for both" },
      { round: 1, phase: "negotiation", what: "amended", by: "JP", revision: 2 },
      { round: 1, phase: "negotiation", what: "signed", by: "US", revision: 2, reason: { key: "bot.reason.gain", args: { n: 3 } } },
      { round: 2, phase: "review", what: "in-force", revision: 2 },
    ];
    const stepped: Agreement = { ...deals[0]!, steps };
    expect(fromWireDeal(toWireDeal(stepped))).toEqual(stepped);
    expect(toWireDeal(stepped).steps[1]).toBe('[1,"amended",2,"JP"]');
    expect(toWireDeal(stepped).terms).not.toContain('"type"');
  });

  it("carry every message back exactly, leaving out the sender's roles when it held them all, the plenary's name and the state's round", () => {
    const messages: GameState["messages"] = [
      { id: 1, round: 1, channel: "plenary", from: { seat: "US", roles: [...ROLES] }, text: "All roles" },
      { id: 2, round: 2, channel: "team:US", from: { seat: "US", roles: ["regulator", "envoy"] }, text: "Two roles" },
      { id: 3, round: 2, channel: "ch:JP+US", from: { seat: "JP", roles: ["envoy", "diplomat", "regulator"] }, text: "Every role, another order" },
      { id: 4, round: 3, channel: "broadcast", from: { facilitator: true }, text: "From the facilitator" },
      { id: 5, round: 3, channel: "plenary", from: { seat: "CN", roles: [...ROLES] }, text: "", said: { key: "bot.chat.open", args: { n: 2 } } },
      { id: 6, round: 4, channel: "plenary", from: { seat: "NL" }, text: "", deleted: true },
      // A bot's line with the terms it would sign (shared/bots/talk.ts).
      { id: 7, round: 4, channel: "ch:JP+US", from: { seat: "JP", roles: [...ROLES] }, text: "", said: { key: "bot.dm.offer", args: { rounds: "2 rounds" } }, draft: { terms: { type: "rnd", sector: "ai", contribution: 2 }, parties: ["JP", "US"], duration: 2 } },
    ];
    for (const m of messages) expect(fromWireLine(toWireLine(m))).toEqual(m);
    // In a room state that holds rounds 3 and later: a line of round 3 leaves its round out.
    for (const m of messages.slice(3)) expect(fromWireLine(toWireLine(m, { since: 3 }), 3)).toEqual(m);
    expect(toWireLine(messages[0]!)).not.toHaveProperty("roles");
    expect(toWireLine(messages[1]!).roles).toBe("regulator,envoy");
    expect(toWireLine(messages[4]!, { since: 3 })).toEqual({ id: 5, seat: "CN", text: "", said: JSON.stringify(messages[4]!.said) });
    expect(toWireLine(messages[5]!, { since: 3 })).toMatchObject({ round: 4 });
    expect(toWireLine(messages[5]!)).not.toHaveProperty("channel");
  });
});
