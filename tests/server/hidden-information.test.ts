/**
 * Hidden information, checked on the raw bytes each client receives: every WebSocket frame is recorded before the SDK decodes it (tests/helpers/
 * recording-socket.ts), and each secret is looked for as plain bytes. Every "must not see"
 * has a "must see" beside it, so a search that could never match would fail the test.
 */
import { randomBytes } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { join, leaveAll, type Conn, expectCleanDecoding } from "../helpers/game-client.ts";
import { createGame, type ServerProcess } from "../helpers/server-process.ts";
import { serverPerFile } from "../helpers/server-per-file.ts";
import { eventually, sleep, waitFor } from "../helpers/wait.ts";
import { scenarioText } from "../../server/scenario-texts.ts";
import { getScenario } from "../../server/scenarios.ts";
import { CHAT_WINDOW } from "../../server/rooms/view-sync.ts";
import { PRIVATE_WINDOW } from "../../shared/protocol/archive.ts";

let server: ServerProcess;
serverPerFile((s) => (server = s));

// The SDK only logs when it cannot decode a patch; a test that got a wrong state must fail.
afterEach(() => expectCleanDecoding());

const nonce = () => randomBytes(6).toString("hex").toUpperCase();
const SETTINGS = { teams: true, bots: false, seed: 11, eventSeconds: 600, negotiationSeconds: 3600, reviewSeconds: 600 };

type Cast = Record<string, Conn>;

/** Asserts that exactly the clients named in `who` received `text` (as UTF-8 bytes). */
function onlyThese(cast: Cast, text: string, who: string[], what: string) {
  const got = Object.entries(cast)
    .filter(([, c]) => c.received(text))
    .map(([name]) => name)
    .sort();
  expect(got, `who received ${what}`).toEqual([...who].sort());
}

async function settle(conns: Conn[], version: number) {
  for (const c of conns) await eventually(() => expect(c.view().version).toBeGreaterThanOrEqual(version));
}

/** Waits until no client has received a frame for `ms` (joins' seat patches can arrive late on a busy machine). */
async function quiet(conns: Conn[], ms = 400) {
  const count = () => conns.reduce((n, c) => n + c.socket.frames.length, 0);
  for (let i = 0; i < 50; i++) {
    const before = count();
    await sleep(ms);
    if (count() === before) return;
  }
}

describe("hidden information, facilitator without access to private channels", () => {
  let code: string;
  let key: string;
  let fac: Conn, obs: Conn, usDiplomat: Conn, usRegulator: Conn, nl: Conn, jp: Conn, cn: Conn;
  let cast: Cast;
  const m = {
    teamUS: `team-us-${nonce()}`,
    teamNL: `team-nl-${nonce()}`,
    bilateral: `bilateral-us-jp-${nonce()}`,
    minilateral: `minilateral-nl-jp-cn-${nonce()}`,
    matrix: `covert stockpiling of gallium ${nonce()}`,
    scheduled: `Scheduled shock ${nonce()}`,
    plenary: `plenary-${nonce()}`,
  };
  let secrets: Record<string, string>;
  let chineseSecrets: Record<string, string>;
  let rejoinCodes: Record<string, string>;

  beforeAll(async () => {
    ({ code, facilitatorKey: key } = await createGame(server, { scenarioId: "classroom-quick", settings: SETTINGS }));
    fac = await join.facilitator(server.endpoint, code, key);
    obs = await join.observer(server.endpoint, code);
    usDiplomat = await join.player(server.endpoint, code, { name: "Dip", seat: "US", roles: ["diplomat"] });
    usRegulator = await join.player(server.endpoint, code, { name: "Reg", seat: "US", roles: ["regulator", "envoy"] });
    nl = await join.player(server.endpoint, code, { name: "Noor", seat: "NL" });
    jp = await join.player(server.endpoint, code, { name: "Jun", seat: "JP" });
    cn = await join.player(server.endpoint, code, { name: "Chen", seat: "CN" });
    cast = { fac, obs, usDiplomat, usRegulator, nl, jp, cn };
  });
  afterAll(() => leaveAll(...Object.values(cast ?? {})));

  it("a chat line is a small patch, not the world again", async () => {
    await settle(Object.values(cast), 0);
    await eventually(() => expect(obs.view().seats.filter((s) => s.holders.length)).toHaveLength(4));
    await quiet(Object.values(cast));
    const fullState = Math.max(...obs.socket.frames.map((f) => f.length));
    const marks = new Map(Object.values(cast).map((c) => [c, c.socket.frames.length]));
    await nl.ok({ type: "chat", channel: "plenary", text: m.plenary });
    for (const c of Object.values(cast)) await eventually(() => expect(c.view().messages.map((x) => x.text)).toContain(m.plenary));
    for (const [c, mark] of marks) {
      const after = c.socket.frames.slice(mark);
      const bytes = after.reduce((n, f) => n + f.length, 0);
      expect(bytes, `${c.viewer.kind} received ${bytes} bytes for one chat line (full state: ${fullState})`).toBeLessThan(1_500);
      expect(bytes * 20).toBeLessThan(fullState);
    }
    expect(fullState).toBeGreaterThan(5_000);
  });

  it("plays a round with every kind of private data", async () => {
    await fac.command({ type: "start" });
    await fac.command({ type: "advance" });
    await fac.command({ type: "custom-event", title: m.scheduled, text: "A shock waiting for round 2.", effects: [], round: 2 });
    await usDiplomat.ok({ type: "chat", channel: "team:US", text: m.teamUS });
    await nl.ok({ type: "chat", channel: "team:NL", text: m.teamNL });
    await usRegulator.ok({ type: "open-channel", members: ["JP"] });
    await usRegulator.ok({ type: "chat", channel: "ch:JP+US", text: m.bilateral });
    await nl.ok({ type: "open-channel", members: ["JP", "CN"] });
    await nl.ok({ type: "chat", channel: "ch:CN+JP+NL", text: m.minilateral });
    // Unsigned offers, recognizable by their terms: JP–NL joint R&D, US–IN supply (IN has nobody yet).
    await jp.ok({ type: "propose", draft: { terms: { type: "rnd", sector: "quantum", contribution: 3.77 }, parties: ["JP", "NL"], duration: 2 } });
    const last = await usRegulator.ok({ type: "propose", draft: { terms: { type: "supply", suppliers: ["US"], buyers: ["IN"], sector: "biotech", volume: 2, price: 2.93 }, duration: 2 } });
    const matrix = await cn.ok({ type: "matrix", text: m.matrix });
    // Long speeches to India, whose seat nobody holds yet, in Chinese (three bytes a character):
    // the state of India's late player outgrows the encoder's 32 KB buffer
    // (server/rooms/full-state-serializer.ts). Private lines, as the public chat keeps only its latest few.
    const toIndia = [usRegulator, nl, jp, cn].map((c) => ({ c, channel: `ch:${[c.welcome.seat!, "IN"].sort().join("+")}` }));
    for (const { c } of toIndia) await c.ok({ type: "open-channel", members: ["IN"] });
    for (let i = 0; i < 3; i++) for (const { c, channel } of toIndia) await c.ok({ type: "chat", channel, text: `Statement for the record. ${"我们呼吁建立开放、有韧性的供应链。".repeat(55)}` });
    await settle(Object.values(cast), Math.max(last.version, matrix.version));

    const fv = fac.view();
    secrets = Object.fromEntries(fv.countries.filter((c) => c.secret).map((c) => [c.id, c.secret!.text]));
    chineseSecrets = Object.fromEntries(Object.keys(secrets).map((id) => [id, scenarioText("classroom-quick", "zh-CN")!.countries[id]!.secret!]));
    expect(Object.keys(secrets)).toEqual(expect.arrayContaining(["US", "NL", "JP", "CN", "IN", "ID"]));
    rejoinCodes = fv.rejoinCodes!;
    expect(Object.keys(rejoinCodes)).toHaveLength(7);
  });

  it("late joiners get a whole state: an observer, and a player for the seat an open offer names", async () => {
    cast.obsLate = await join.observer(server.endpoint, code, "Late observer");
    cast.inLate = await join.player(server.endpoint, code, { name: "Indira", seat: "IN" });
    await settle(Object.values(cast), fac.view().version);
    // Their full state is larger than the encoder's buffer (an SDK-side decoding failure would throw in view()).
    expect(Math.max(...cast.inLate.socket.frames.map((f) => f.length))).toBeGreaterThan(32 * 1024);
    expect(cast.inLate.view().messages.filter((x) => x.text.startsWith("Statement for the record."))).toHaveLength(12);
    // The decoded views agree with the bytes below.
    expect(cast.inLate.view().agreements.map((a) => a.terms.type)).toEqual(["supply"]);
    expect(cast.obsLate.view().agreements).toEqual([]);
  });

  it("each seat's secret objective reaches only that seat over the connection; the facilitator's client fetches them all with its key", async () => {
    const seatOf: Record<string, string[]> = { US: ["usDiplomat", "usRegulator"], NL: ["nl"], JP: ["jp"], CN: ["cn"], IN: ["inLate"], ID: [] };
    // KE and VN are automated partners: their objectives are the facilitator's to see.
    for (const [seat, text] of Object.entries(secrets)) onlyThese(cast, text, seatOf[seat] ?? [], `${seat}'s secret objective`);
    // Its translation travels with it, to the same people (the scenario's public text has none).
    for (const [seat, text] of Object.entries(chineseSecrets)) onlyThese(cast, text, seatOf[seat] ?? [], `${seat}'s secret objective in Chinese`);
    const get = (headers: Record<string, string> = {}) => fetch(`${server.url}/api/games/${code}/secrets`, { headers });
    expect((await get()).status).toBe(401);
    expect((await get({ "x-facilitator-key": `${key}x` })).status).toBe(403);
    expect((await get({ "x-seat-token": cast.nl!.welcome.token! })).status).toBe(401);
    const all = await get({ "x-facilitator-key": key });
    expect(all.status).toBe(200);
    const body = await all.text();
    for (const text of [...Object.values(secrets), ...Object.values(chineseSecrets)]) expect(body).toContain(JSON.stringify(text));
  });

  it("the scenario book (HTTP, anyone with the code) holds no secret objective and no event card; the cards need the facilitator key", async () => {
    const get = (path: string, headers: Record<string, string> = {}) => fetch(`${server.url}/api/games/${code}/${path}`, { headers });
    const res = await get("scenario");
    expect(res.status).toBe(200);
    const book = await res.text();
    const scenario = getScenario("classroom-quick")!;
    // What it must hold: every country's profile and public objectives, the shared targets.
    for (const c of scenario.countries) {
      expect(book).toContain(JSON.stringify(c.profile));
      for (const o of c.objectives) expect(book).toContain(JSON.stringify(o.text));
    }
    for (const secret of [...Object.values(secrets), ...Object.values(chineseSecrets)]) expect(book).not.toContain(secret);
    for (const c of scenario.countries) expect(book).not.toContain(c.secret.id);
    for (const e of scenario.events) expect(book).not.toContain(JSON.stringify(e.text));

    const unknown = await fetch(`${server.url}/api/games/ZZZZZZ/scenario`);
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe("game/unknown");
    expect((await get("cards")).status).toBe(401);
    expect((await get("cards", { "x-facilitator-key": `${key}x` })).status).toBe(403);
    const cards = await get("cards", { "x-facilitator-key": key });
    expect(cards.status).toBe(200);
    const deck = fac.view().deckCards!;
    expect(deck.length).toBeGreaterThan(3);
    expect(deck.map((c) => c.text)).toEqual(deck.map((c) => scenario.events.find((e) => e.id === c.id)!.text));
    expect(await cards.text()).toContain(JSON.stringify(deck[0]!.text));
    // The undrawn cards reach no client over the game's connection (the facilitator's console reads them from the route).
    for (const card of deck) onlyThese(cast, card.text, [], `undrawn card ${card.id}`);
  });

  it("team channels reach only their own team", () => {
    onlyThese(cast, m.teamUS, ["usDiplomat", "usRegulator"], "the US team channel");
    onlyThese(cast, m.teamNL, ["nl"], "the Dutch team channel");
    // Two people share the US seat: the line names who wrote it (a name the lobby already shows), for its readers only.
    expect(usRegulator.view().messages.find((x) => x.text === m.teamUS)?.from).toMatchObject({ seat: "US", roles: ["diplomat"], name: "Dip" });
    expect(obs.view().messages.find((x) => x.text === m.plenary)?.from).toMatchObject({ seat: "NL", name: "Noor" });
  });

  it("bilateral and minilateral channels reach only their members", () => {
    onlyThese(cast, m.bilateral, ["usDiplomat", "usRegulator", "jp"], "the US–Japan channel");
    onlyThese(cast, m.minilateral, ["nl", "jp", "cn"], "the NL–JP–CN channel");
    // Not even the channel's existence leaks: its id is in no one else's bytes.
    onlyThese(cast, "ch:CN+JP+NL", ["nl", "jp", "cn"], "the minilateral channel's id");
  });

  it("unsigned offers reach only their parties and the facilitator", () => {
    onlyThese(cast, '"contribution":3.77', ["jp", "nl", "fac"], "the JP–NL offer");
    onlyThese(cast, '"price":2.93', ["usDiplomat", "usRegulator", "inLate", "fac"], "the US–IN offer");
  });

  it("deal ids are drawn, not counted: the JP–NL offer's id reaches only its parties and the facilitator, and the ids others get do not count deals", () => {
    const deals = fac.view().agreements;
    expect(deals).toHaveLength(2);
    // A new game is made under the current edition (shared/engine/deal-ids.ts): A + digit + two letters, never A1, A2.
    for (const a of deals) expect(a.id).toMatch(/^A[2-9][A-HJKMNP-Z]{2}$/);
    const hidden = deals.find((a) => a.terms.type === "rnd")!.id;
    // As a JSON reply or the schema's string (its length in a byte, 0xa0 + length, then its letters).
    const sent = [Buffer.from(`"${hidden}"`), Buffer.concat([Buffer.from([0xa0 + hidden.length]), Buffer.from(hidden)])];
    const got = Object.entries(cast)
      .filter(([, c]) => sent.some((b) => c.bytes().includes(b)))
      .map(([name]) => name)
      .sort();
    expect(got, "who received the JP–NL offer's id").toEqual(["fac", "jp", "nl"]);
    expect(cn.view().agreements.map((a) => a.id)).not.toContain(hidden);
  });

  it("a pending matrix action reaches only its seat and the facilitator", () => {
    onlyThese(cast, m.matrix, ["cn", "fac"], "CN's pending matrix action");
  });

  it("facilitator-only data stays with the facilitator: rejoin codes, scheduled cards, the remaining deck", () => {
    for (const [seat, rejoin] of Object.entries(rejoinCodes)) onlyThese(cast, `"${rejoin}"`, ["fac"], `${seat}'s rejoin code`);
    onlyThese(cast, "rejoinCodes", ["fac"], "the rejoin codes section");
    onlyThese(cast, m.scheduled, ["fac"], "a card scheduled for a later round");
    onlyThese(cast, "deckRemaining", ["fac"], "the remaining deck");
  });

  it("credentials are never echoed: tokens reach only their holder, the facilitator key nobody", () => {
    for (const [name, c] of Object.entries(cast)) {
      const token = c.welcome.token;
      if (token) onlyThese(cast, token, [name], `${name}'s seat token`);
    }
    onlyThese(cast, key, [], "the facilitator key");
  });

  it("when the facilitator is allowed to read private channels, everyone is told; only lines written from then on reach them, and those stay theirs once it is off again", async () => {
    await fac.command({ type: "set-comms", facilitatorReadsPrivate: true });
    for (const c of Object.values(cast)) await eventually(() => expect(c.view().settings.facilitatorReadsPrivate).toBe(true));
    // Written while it was on: the facilitator receives it.
    const during = `team-us-during-${nonce()}`;
    await usDiplomat.ok({ type: "chat", channel: "team:US", text: during });
    await eventually(() => expect(fac.view().messages.map((x) => x.text)).toContain(during));
    await settle([fac], usRegulator.view().version);
    // Written while it was off: players wrote them under that setting, and it holds for them still.
    for (const line of [m.teamUS, m.teamNL, m.bilateral, m.minilateral]) expect(fac.received(line)).toBe(false);
    expect(obs.received(during)).toBe(false);

    await fac.command({ type: "set-comms", facilitatorReadsPrivate: false });
    for (const c of Object.values(cast)) await eventually(() => expect(c.view().settings.facilitatorReadsPrivate).toBe(false));
    const after = `team-us-after-${nonce()}`;
    await usDiplomat.ok({ type: "chat", channel: "team:US", text: after });
    await eventually(() => expect(usRegulator.view().messages.map((x) => x.text)).toContain(after));
    await settle([fac], usRegulator.view().version);
    expect(fac.received(after)).toBe(false);
    expect(fac.view().messages.map((x) => x.text)).not.toContain(m.teamUS);
    expect(fac.view().messages.map((x) => x.text)).toContain(during);
  });

  it("an unsigned offer follows its parties: a party added by an amendment receives it, nobody else; once all sign, everyone does", async () => {
    const offer = jp.view().agreements.find((a) => a.terms.type === "rnd" && a.parties.includes("NL"))!;
    const amended = await jp.ok({ type: "amend", agreementId: offer.id, revision: offer.revision, draft: { terms: { type: "rnd", sector: "quantum", contribution: 4.61 }, parties: ["JP", "NL", "CN"], duration: 2 } });
    await settle(Object.values(cast), amended.version);
    onlyThese(cast, '"contribution":4.61', ["jp", "nl", "cn", "fac"], "the amended JP–NL–CN offer");
    expect(cn.view().agreements.map((a) => a.id)).toContain(offer.id);
    // The new party holds the whole deal, its history too (the deal travels field by field, steps as a list).
    const seenBy = (c: Conn) => c.view().agreements.find((a) => a.id === offer.id);
    expect(seenBy(jp)!.steps.map((x) => x.what)).toEqual(["proposed", "amended"]);
    expect(seenBy(cn)).toEqual(seenBy(jp));
    expect(seenBy(fac)).toEqual(seenBy(jp));

    let deal = jp.view().agreements.find((a) => a.id === offer.id)!;
    let lastSign = amended.version;
    for (const [seat, conn] of [["JP", jp], ["NL", nl], ["CN", cn]] as const) {
      if (deal.signatures.includes(seat)) continue;
      const signed = await conn.ok({ type: "sign", agreementId: deal.id, revision: deal.revision });
      lastSign = signed.version;
      await settle([jp], signed.version);
      deal = jp.view().agreements.find((a) => a.id === offer.id)!;
    }
    // Every view at the last signature's patch: its parties already saw the deal's parties before
    // it was signed, so the deal in their views tells nothing of whether that patch has come.
    await settle(Object.values(cast), lastSign);
    for (const c of Object.values(cast)) await eventually(() => expect(c.view().agreements.find((a) => a.id === offer.id)?.parties).toEqual(["JP", "NL", "CN"]));
    onlyThese(cast, '"contribution":4.61', Object.keys(cast), "the deal once every party signed");
    // Its parties' views let go of the unsigned copy: each client holds the deal once.
    for (const c of [jp, nl, cn, fac]) expect(c.syncedState().privateAgreements.map((l) => l.id)).not.toContain(offer.id);
    // The other offer (US–IN) is still unsigned and still theirs alone.
    onlyThese(cast, '"price":2.93', ["usDiplomat", "usRegulator", "inLate", "fac"], "the US–IN offer");
  });
});

describe("hidden information, facilitator reading private channels (a game setting)", () => {
  it("the facilitator receives private channels, the observer never does", async () => {
    const { code, facilitatorKey } = await createGame(server, { scenarioId: "classroom-quick", settings: { ...SETTINGS, facilitatorReadsPrivate: true } });
    const fac = await join.facilitator(server.endpoint, code, facilitatorKey);
    const obs = await join.observer(server.endpoint, code);
    const us = await join.player(server.endpoint, code, { name: "Ana", seat: "US" });
    const jp = await join.player(server.endpoint, code, { name: "Jun", seat: "JP" });
    const nl = await join.player(server.endpoint, code, { name: "Noor", seat: "NL" });
    try {
      for (const c of [fac, obs, us, jp, nl]) await eventually(() => expect(c.view().settings.facilitatorReadsPrivate).toBe(true));
      const team = `team-${nonce()}`;
      const bilateral = `bilateral-${nonce()}`;
      await us.ok({ type: "chat", channel: "team:US", text: team });
      await us.ok({ type: "open-channel", members: ["JP"] });
      const last = await jp.ok({ type: "chat", channel: "ch:JP+US", text: bilateral });
      // A facilitator who joins afterwards gets the history too.
      const late = await join.facilitator(server.endpoint, code, facilitatorKey);
      const cast = { fac, late, obs, us, jp, nl };
      await settle(Object.values(cast), last.version);
      onlyThese(cast, team, ["fac", "late", "us"], "the US team channel");
      onlyThese(cast, bilateral, ["fac", "late", "us", "jp"], "the US–Japan channel");
      expect(late.view().messages.map((x) => x.text)).toEqual(expect.arrayContaining([team, bilateral]));
    } finally {
      await leaveAll(fac, obs, us, jp, nl);
    }
  });

  it("secret objectives are revealed to everyone once the game is over", async () => {
    const { code, facilitatorKey } = await createGame(server, { scenarioId: "classroom-quick", settings: { ...SETTINGS, rounds: 1 } });
    const fac = await join.facilitator(server.endpoint, code, facilitatorKey);
    const obs = await join.observer(server.endpoint, code);
    try {
      const secret = await waitFor(() => fac.view().countries.find((c) => c.id === "JP")?.secret?.text, { message: "JP's secret in the facilitator's view" });
      expect(obs.received(secret)).toBe(false);
      await fac.command({ type: "start" });
      await fac.command({ type: "end-game" });
      await eventually(() => expect(obs.view().phase).toBe("ended"));
      await eventually(() => expect(obs.received(secret)).toBe(true));
      expect(obs.view().countries.find((c) => c.id === "JP")?.secret?.text).toBe(secret);
    } finally {
      await leaveAll(fac, obs);
    }
  });
});

describe("a game's past over HTTP, for those who join late", () => {
  let code: string;
  let key: string;
  let fac: Conn, obs: Conn, us: Conn, jp: Conn, nl: Conn;
  let late: Record<string, Conn>;
  const m = { plenary: `plenary-${nonce()}`, team: `team-us-${nonce()}`, bilateral: `bilateral-us-jp-${nonce()}` };
  const declined = '"contribution":3.77';
  const lapsed = '"price":2.93';
  const signed = '"target":"CN"';
  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${server.url}/api/games/${code}/${path}`, { headers });
  const body = async (path: string, headers: Record<string, string> = {}) => {
    const res = await get(path, headers);
    expect(res.status, `${path} ${JSON.stringify(headers)}`).toBe(200);
    // A deal's terms and steps are JSON inside the JSON: unescaped, as the raw bytes are searched elsewhere.
    return (await res.text()).replaceAll('\\"', '"');
  };
  const tokenOf = (c: Conn) => ({ "x-seat-token": c.welcome.token! });

  beforeAll(async () => {
    ({ code, facilitatorKey: key } = await createGame(server, { scenarioId: "classroom-quick", settings: { ...SETTINGS, teams: false } }));
    fac = await join.facilitator(server.endpoint, code, key);
    obs = await join.observer(server.endpoint, code);
    us = await join.player(server.endpoint, code, { name: "Ana", seat: "US" });
    jp = await join.player(server.endpoint, code, { name: "Jun", seat: "JP" });
    nl = await join.player(server.endpoint, code, { name: "Noor", seat: "NL" });
    await fac.command({ type: "start" });
    await fac.command({ type: "advance" });
    // Round 1: public, team and bilateral lines; an offer declined, one nobody answers (it lapses), one signed.
    await us.ok({ type: "chat", channel: "plenary", text: m.plenary });
    await us.ok({ type: "chat", channel: "team:US", text: m.team });
    await us.ok({ type: "open-channel", members: ["JP"] });
    await us.ok({ type: "chat", channel: "ch:JP+US", text: m.bilateral });
    const offer = await jp.propose({ terms: { type: "rnd", sector: "quantum", contribution: 3.77 }, parties: ["JP", "NL"], duration: 2 });
    await nl.ok({ type: "decline", agreementId: offer, revision: 1 });
    await us.propose({ terms: { type: "supply", suppliers: ["US"], buyers: ["IN"], sector: "biotech", volume: 2, price: 2.93 }, duration: 2 });
    const alignment = await us.propose({ terms: { type: "alignment", clauses: ["supply-chain-risk"], target: "CN" }, parties: ["US", "JP"], duration: 2 });
    await jp.ok({ type: "sign", agreementId: alignment, revision: 1 });
    await fac.command({ type: "advance" });
    await fac.command({ type: "advance" });
    // Round 2: round 1's lines, steps and ended deals leave the room state.
    for (const c of [fac, obs, us, jp, nl]) await eventually(() => expect(c.syncedState().since).toBe(2), { timeout: 10_000 });
    late = {
      obs: await join.observer(server.endpoint, code, "Late observer"),
      fac: await join.facilitator(server.endpoint, code, key),
      in: await join.player(server.endpoint, code, { name: "Indira", seat: "IN" }),
    };
  });
  afterAll(() => leaveAll(fac, obs, us, jp, nl, ...Object.values(late ?? {})));

  it("a late join holds none of the earlier rounds; those who were there keep them", async () => {
    for (const [name, c] of Object.entries(late)) {
      await eventually(() => expect(c.view().round).toBe(2));
      for (const text of [m.plenary, m.team, m.bilateral, declined, lapsed, signed.replace("CN", "XX")]) expect(c.received(text), `${name} received ${text}`).toBe(false);
    }
    expect(us.view().messages.map((x) => x.text)).toEqual(expect.arrayContaining([m.plenary, m.bilateral]));
    // Teams are off: the US's team channel is a channel of one, which no view carries, nor its line.
    for (const c of [fac, obs, us, jp, nl]) {
      expect(c.view().channels.filter((x) => x.kind === "team")).toEqual([]);
      expect(c.received(m.team)).toBe(false);
    }
    expect(obs.view().messages.map((x) => x.text)).toContain(m.plenary);
    expect(nl.view().agreements.map((a) => a.status)).toContain("declined");
    expect(us.view().agreements.map((a) => a.status).sort()).toEqual(["in-force", "lapsed"]);
    // The deal in force is on the late joiners' screens, without its round-1 steps (proposed, signed, in force).
    expect(late.obs!.view().agreements.map((a) => [a.terms.type, a.steps.length])).toEqual([["alignment", 0]]);
    expect(obs.view().agreements.map((a) => [a.terms.type, a.steps.length])).toEqual([["alignment", 3]]);
  });

  it("the chat's past reaches each asker as far as they may read it", async () => {
    const chat = async (headers: Record<string, string> = {}) => body("past/chat", headers);
    const plain = await chat();
    expect(plain).toContain(m.plenary);
    for (const text of [m.team, m.bilateral]) expect(plain).not.toContain(text);
    const asIn = await chat(tokenOf(late.in!));
    expect(asIn).toContain(m.plenary);
    for (const text of [m.team, m.bilateral]) expect(asIn).not.toContain(text);
    const asUs = await chat(tokenOf(us));
    for (const text of [m.plenary, m.bilateral]) expect(asUs).toContain(text);
    expect(asUs).not.toContain(m.team); // teams are off: nobody's to read
    const asJp = await chat(tokenOf(jp));
    expect(asJp).toContain(m.bilateral);
    expect(asJp).not.toContain(m.team);
    // The facilitator reads private channels only when the game allows it (not here).
    const asFac = await chat({ "x-facilitator-key": key });
    expect(asFac).toContain(m.plenary);
    for (const text of [m.team, m.bilateral]) expect(asFac).not.toContain(text);
  });

  it("the deals' past: signed ones for all, an unsigned one for its parties and the facilitator", async () => {
    const deals = (headers: Record<string, string> = {}) => body("past/deals", headers);
    const plain = await deals();
    expect(plain).toContain(signed);
    for (const text of [declined, lapsed]) expect(plain).not.toContain(text);
    const asJp = await deals(tokenOf(jp));
    expect(asJp).toContain(declined);
    expect(asJp).not.toContain(lapsed);
    const asIn = await deals(tokenOf(late.in!));
    expect(asIn).toContain(lapsed);
    expect(asIn).not.toContain(declined);
    const asFac = await deals({ "x-facilitator-key": key });
    for (const text of [declined, lapsed, signed]) expect(asFac).toContain(text);
  });

  it("round records, last changes, news and events are public; secrets are in none of them", async () => {
    const secrets = fac.view().countries.flatMap((c) => (c.secret ? [c.secret.text] : []));
    expect(secrets.length).toBeGreaterThan(3);
    const record = await body("rounds/1");
    expect(JSON.parse(record)).toMatchObject({ round: 1 });
    expect(JSON.parse(record).changes.length).toBeGreaterThan(10);
    // Each metric's last change (the country panel's, for a late joiner): round 1's, from its record.
    const changes = await body("past/changes");
    expect(JSON.parse(changes)).toMatchObject({ round: 1, changes: JSON.parse(record).changes.map((change: unknown) => ({ round: 1, change })) });
    for (const text of [record, changes, await body("past/news"), await body("past/events")]) for (const secret of secrets) expect(text).not.toContain(secret);
  });

  it("wrong credentials, parts and rounds are refused", async () => {
    expect((await get("past/chat", { "x-seat-token": "not-a-token" })).status).toBe(403);
    expect((await get("past/deals", { "x-facilitator-key": `${key}x` })).status).toBe(403);
    expect((await get("past/secrets")).status).toBe(400);
    expect((await get("rounds/0")).status).toBe(400);
    expect((await get("rounds/x1")).status).toBe(400);
    expect((await get("rounds/2")).status).toBe(404);
    expect((await fetch(`${server.url}/api/games/ZZZZZZ/past/news`)).status).toBe(404);
  });

  it("a late joiner's client fetches what its panels read, and sees what the others see", async () => {
    const c = late.in!;
    await c.fetchPast("chat");
    await c.fetchPast("deals");
    await c.fetchRecords();
    const v = c.view();
    expect(v.messages.map((x) => x.text)).toContain(m.plenary);
    expect(v.messages.map((x) => x.text)).not.toContain(m.bilateral);
    expect(v.agreements.map((a) => a.status).sort()).toEqual(["in-force", "lapsed"]);
    const inForce = (view: typeof v) => view.agreements.find((a) => a.status === "in-force");
    expect(inForce(v)).toEqual(inForce(us.view()));
    expect(v.history.map((h) => h.round)).toEqual([1]);
  });

  it("a deal that ended leaves the room state within its round: its parties keep it, a later join fetches it", async () => {
    const terms = '"contribution":2.61';
    await fac.command({ type: "advance" }); // round 2's negotiation
    const offer = await jp.propose({ terms: { type: "rnd", sector: "quantum", contribution: 2.61 }, parties: ["JP", "NL"], duration: 2 });
    await nl.ok({ type: "decline", agreementId: offer, revision: 1 });
    for (const c of [jp, nl, fac]) await eventually(() => expect(c.syncedState().privateAgreements.map((d) => d.id)).not.toContain(offer), { timeout: 10_000 });
    for (const c of [jp, nl, fac]) expect(c.view().agreements.find((a) => a.id === offer)?.status).toBe("declined");
    expect(fac.view().round).toBe(2);
    const later = await join.facilitator(server.endpoint, code, key);
    try {
      expect(later.received(terms)).toBe(false);
      expect(later.view().agreements.map((a) => a.id)).not.toContain(offer);
      await later.fetchPast("deals");
      expect(later.view().agreements.find((a) => a.id === offer)).toEqual(fac.view().agreements.find((a) => a.id === offer));
    } finally {
      await leaveAll(later);
    }
    expect(await body("past/deals", tokenOf(nl))).toContain(terms);
    expect(await body("past/deals", tokenOf(us))).not.toContain(terms);
    expect(await body("past/deals")).not.toContain(terms);
  });

  it("the room state holds the latest public lines only: those who were there keep the rest, a later join fetches them", async () => {
    const lines = Array.from({ length: CHAT_WINDOW + 2 }, (_, i) => `window-${i}-${nonce()}`);
    for (const text of lines) await jp.ok({ type: "chat", channel: "plenary", text });
    await eventually(() => expect(obs.syncedState().chat.map((l) => l.text)).toEqual(lines.slice(2)), { timeout: 10_000 });
    for (const c of [obs, us, fac]) expect(c.view().messages.map((x) => x.text)).toEqual(expect.arrayContaining(lines));
    const later = await join.observer(server.endpoint, code, "Later observer");
    try {
      for (const text of lines.slice(0, 2)) expect(later.received(text)).toBe(false);
      expect(later.view().messages.map((x) => x.text)).toEqual(expect.arrayContaining(lines.slice(2)));
      await later.fetchPast("chat");
      expect(later.view().messages.map((x) => x.text)).toEqual(expect.arrayContaining(lines));
      expect(later.view().messages.map((x) => x.text)).not.toContain(m.team);
    } finally {
      await leaveAll(later);
    }
  });

  it("the room state holds each private channel's latest lines only: its members keep the rest, a member's new device fetches them, nobody else gets them", async () => {
    const member = late.in!;
    await member.ok({ type: "open-channel", members: ["US"] });
    const lines = Array.from({ length: PRIVATE_WINDOW + 2 }, (_, i) => `private-window-${i}-${nonce()}`);
    for (const [i, text] of lines.entries()) await [us, member][i % 2]!.ok({ type: "chat", channel: "ch:IN+US", text });
    const inChannel = (c: Conn) => c.syncedState().privateChat.filter((l) => l.channel === "ch:IN+US").map((l) => l.text);
    await eventually(() => expect(inChannel(us)).toEqual(lines.slice(2)), { timeout: 10_000 });
    for (const c of [us, member]) expect(c.view().messages.map((x) => x.text)).toEqual(expect.arrayContaining(lines));
    // Nobody outside the channel received a byte of it, before or after the window moved.
    for (const c of [fac, obs, jp, nl, late.obs!, late.fac!]) for (const text of lines) expect(c.received(text)).toBe(false);
    // The same seat on another device (its token): the window's lines at once, the rest on demand.
    const device = await join.player(server.endpoint, code, { name: "Indira", token: member.welcome.token! });
    const outsider = await join.observer(server.endpoint, code, "Another observer");
    try {
      await eventually(() => expect(inChannel(device)).toEqual(lines.slice(2)));
      for (const text of lines.slice(0, 2)) expect(device.received(text)).toBe(false);
      expect(device.archive.lacks("chat")).toBe(true);
      await device.fetchPast("chat");
      expect(device.view().messages.map((x) => x.text)).toEqual(expect.arrayContaining(lines));
      for (const text of lines) expect(outsider.received(text)).toBe(false);
      expect(await body("past/chat", tokenOf(us))).toContain(lines[0]);
      expect(await body("past/chat")).not.toContain(lines[0]);
    } finally {
      await leaveAll(device, outsider);
    }
  });

  it("a line removed after its round left the room state is removed for those who kept it", async () => {
    const id = us.view().messages.find((x) => x.text === m.plenary)!.id;
    await fac.command({ type: "delete-message", messageId: id, reason: "spam" });
    for (const c of [us, jp, obs]) await eventually(() => expect(c.view().messages.find((x) => x.id === id)).toMatchObject({ deleted: true, text: "" }));
    expect(await body("past/chat")).not.toContain(m.plenary);
  });
});
