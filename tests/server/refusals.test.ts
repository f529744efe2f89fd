/**
 * Refusals on the real server: every refused request gets a reply with a namespaced code and
 * a sentence, and the client keeps its seat and connection.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { expectRefused, join, leaveAll, refusedJoin, type AnyReply, type Conn, expectCleanDecoding } from "../helpers/game-client.ts";
import { createGame, getJson, type ServerProcess } from "../helpers/server-process.ts";
import { serverPerFile } from "../helpers/server-per-file.ts";
import { eventually, waitFor } from "../helpers/wait.ts";
import { RateLimiter } from "../../server/codes.ts";
import { ASKS_PER_TEN_SECONDS, PREVIEWS_PER_TEN_SECONDS } from "../../server/rooms/requests.ts";
import type { DraftInput } from "../../shared/engine/actions.ts";
import { zhCN } from "../../client/i18n/zh-CN.ts";
import { translator } from "../../client/i18n/translator.ts";

let server: ServerProcess;
serverPerFile((s) => (server = s));

// The SDK only logs when it cannot decode a patch; a test that got a wrong state must fail.
afterEach(() => expectCleanDecoding());

const screening = (parties: string[], duration = 2): DraftInput => ({ terms: { type: "screening" }, parties, duration });
const SETTINGS = { teams: true, bots: false, seed: 3, eventSeconds: 600, negotiationSeconds: 3600, reviewSeconds: 600 };

describe("HTTP API refusals", () => {
  it("names the field of a malformed game, and answers unknown scenarios and codes", async () => {
    const bad = await fetch(`${server.url}/api/games`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ scenarioId: "classroom-quick", settings: { rounds: "three" } }) });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: "input/invalid", message: expect.stringMatching(/^settings\.rounds: /) } });

    const unknown = await fetch(`${server.url}/api/games`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ scenarioId: "atlantis-2030" }) });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { code: "input/unknown_scenario" } });

    const missing = await getJson(server, "/api/games/ACDEFG");
    expect(missing).toMatchObject({ status: 404, body: { error: { code: "game/unknown" } } });
    expect((await getJson(server, "/api/nothing-here")).status).toBe(404);
  });
});

describe("joining refusals", () => {
  let code: string;
  let first: Conn;

  beforeAll(async () => {
    ({ code } = await createGame(server, { scenarioId: "classroom-quick", settings: SETTINGS }));
    first = await join.player(server.endpoint, code, { name: "Ana", seat: "US", roles: ["diplomat"] });
  });
  afterAll(() => leaveAll(first));

  it("refuses a seat token that is unknown or belongs to another game, instead of seating a new player", async () => {
    expect(await refusedJoin(server.endpoint, code, { as: "player", name: "Mallory", token: "made-up-token-0123456789" })).toMatch(/^auth\/bad_token/);
    const other = await createGame(server, { scenarioId: "classroom-quick", settings: SETTINGS });
    const elsewhere = await join.player(server.endpoint, other.code, { name: "Bo", seat: "US", roles: ["diplomat"] });
    const token = elsewhere.welcome.token!;
    await leaveAll(elsewhere);
    expect(await refusedJoin(server.endpoint, code, { as: "player", name: "Bo", token })).toMatch(/^auth\/bad_token/);
    // Nobody new appeared in the game.
    const info = (await getJson<{ seats: { holders: { name: string }[] }[] }>(server, `/api/games/${code}`)).body;
    expect(info.seats.flatMap((s) => s.holders.map((h) => h.name))).not.toContain("Mallory");
  });

  it("refuses a wrong facilitator key", async () => {
    expect(await refusedJoin(server.endpoint, code, { as: "facilitator", key: "not-the-key-at-all" })).toMatch(/^auth\/bad_key/);
  });

  it("refuses a ministry that is already taken, and names it", async () => {
    expect(await refusedJoin(server.endpoint, code, { as: "player", name: "Bea", seat: "US", roles: ["diplomat", "envoy"] })).toMatch(/^seat\/taken: .*diplomat/);
  });

  it("refuses the same ministry twice in one join, and the seat stays open for those ministries", async () => {
    const refusal = await refusedJoin(server.endpoint, code, { as: "player", name: "Dup", seat: "NL", roles: ["diplomat", "diplomat", "diplomat"] });
    expect(refusal).toBe("input/invalid: roles: each ministry at most once (diplomat, regulator, envoy)");
    expect(await refusedJoin(server.endpoint, code, { as: "player", name: "Dup", seat: "NL", roles: ["envoy", "regulator", "envoy"] })).toMatch(/^input\/invalid: roles: each ministry at most once/);
    const info = (await getJson<{ seats: { id: string; holders: { name: string }[] }[] }>(server, `/api/games/${code}`)).body;
    expect(info.seats.find((s) => s.id === "NL")!.holders).toEqual([]);
  });

  it("refuses a seat taken by a lone player when teams are off", async () => {
    const solo = await createGame(server, { scenarioId: "classroom-quick", settings: { bots: false } });
    const owner = await join.player(server.endpoint, solo.code, { name: "Owner", seat: "NL" });
    expect(await refusedJoin(server.endpoint, solo.code, { as: "player", name: "Intruder", seat: "NL" })).toMatch(/^seat\/taken/);
    await owner.leave();
  });

  it("refuses unknown seats, unknown rejoin codes and malformed join options", async () => {
    expect(await refusedJoin(server.endpoint, code, { as: "player", name: "Bea", seat: "FR" })).toMatch(/^seat\/unknown/);
    expect(await refusedJoin(server.endpoint, code, { as: "player", name: "Bea", rejoinCode: "AAAAAA" })).toMatch(/^auth\/bad_rejoin_code/);
    expect(await refusedJoin(server.endpoint, code, { as: "player", name: "" })).toMatch(/^input\/invalid: name/);
    expect(await refusedJoin(server.endpoint, code, { as: "spy" } as never)).toMatch(/^input\/invalid/);
  });

  it("refuses an unknown game code", async () => {
    const message = await refusedJoin(server.endpoint, "QQQQQQ", { as: "observer" });
    expect(message).toMatch(/^game\/not_found: room "QQQQQQ" not found/);
  });
});

describe("refused moves keep the player seated and connected", () => {
  let code: string;
  let fac: Conn, obs: Conn, usDiplomat: Conn, usRegulator: Conn, nl: Conn, jp: Conn, waiting: Conn;
  let all: Conn[];

  beforeAll(async () => {
    let key: string;
    ({ code, facilitatorKey: key } = await createGame(server, { scenarioId: "classroom-quick", settings: SETTINGS }));
    fac = await join.facilitator(server.endpoint, code, key);
    obs = await join.observer(server.endpoint, code);
    usDiplomat = await join.player(server.endpoint, code, { name: "Dana", seat: "US", roles: ["diplomat"] });
    usRegulator = await join.player(server.endpoint, code, { name: "Reg", seat: "US", roles: ["regulator", "envoy"] });
    nl = await join.player(server.endpoint, code, { name: "Noor", seat: "NL" });
    jp = await join.player(server.endpoint, code, { name: "Jun", seat: "JP" });
    waiting = await join.player(server.endpoint, code, { name: "Late" });
    all = [fac, obs, usDiplomat, usRegulator, nl, jp, waiting];
    expect(usDiplomat.welcome).toMatchObject({ seat: "US", roles: ["diplomat"] });
    expect(nl.welcome).toMatchObject({ seat: "NL", roles: ["diplomat", "regulator", "envoy"] });
    expect(waiting.welcome.seat).toBeUndefined();
  });
  afterAll(() => leaveAll(...(all ?? [])));

  it("refuses moves out of phase, and people without a seat", async () => {
    expectRefused(await usRegulator.act({ type: "propose", draft: screening(["US", "NL"]) }), "rule/wrong_phase");
    expectRefused(await waiting.act({ type: "chat", channel: "plenary", text: "hello?" }), "rule/not_seated");
    expectRefused(await obs.act({ type: "chat", channel: "plenary", text: "hello from the gallery" }), "rule/not_a_player");
    expectRefused(await fac.act({ type: "ready", ready: true }), "rule/not_a_player");
    expectRefused(await obs.preview({ draft: screening(["US", "NL"]) }), "rule/not_seated");
  });

  it("refuses facilitator commands from players and observers", async () => {
    for (const c of [obs, nl, usDiplomat, waiting]) {
      const reply = expectRefused(await c.facilitator({ type: "start" }), "auth/facilitator_only");
      expect(reply.error.message).toBeTruthy();
    }
    expectRefused(await nl.facilitator({ type: "assign-seat", holder: "x", seat: "NL" }), "auth/facilitator_only");
    expect(obs.view().phase).toBe("lobby");
    await fac.command({ type: "start" });
    await fac.command({ type: "advance", phase: "event" });
    for (const c of all) await eventually(() => expect(c.view().phase).toBe("negotiation"));
    // A second "end the event" (a click that lands after the clock opened the negotiation) ends nothing.
    expectRefused(await fac.facilitator({ type: "advance", phase: "event" }), "rule/phase_moved");
    expect(fac.view().phase).toBe("negotiation");
  });

  it("previews a ruling for the facilitator only, with effects checked as the ruling's, and changes nothing", async () => {
    await jp.ok({ type: "matrix", text: "We stockpile gallium, so that our fabs keep running, because the ban bites." });
    await eventually(() => expect(fac.view().matrix?.some((m) => m.id === "M1" && m.status === "pending")).toBe(true));
    const security = fac.view().countries.find((c) => c.id === "JP")!.metrics.security;
    const effects = [{ kind: "metric", target: "JP", metric: "security", amount: 5 }];
    for (const c of [obs, nl, jp, waiting]) expectRefused(await c.previewRuling({ matrixId: "M1", effects }), "auth/facilitator_only");
    expectRefused(await fac.previewRuling({ matrixId: "M1", effects: [{ ...effects[0], amount: 500 }] }), "input/invalid");
    expectRefused(await fac.previewRuling({ matrixId: "M9", effects }), "rule/unknown_matrix");
    const reply = (await fac.previewRuling({ matrixId: "M1", effects })) as AnyReply & { lines: unknown[] };
    expect(reply.ok).toBe(true);
    expect(reply.lines).toEqual([{ subject: "JP", key: "security", from: security, to: security + 5 }]);
    // Only a preview: the action still waits, and Japan's security is what it was.
    expect(fac.view().matrix?.find((m) => m.id === "M1")?.status).toBe("pending");
    expect(fac.view().countries.find((c) => c.id === "JP")!.metrics.security).toBe(security);
  });

  it("refuses a deal type the minister does not handle (rule/wrong_role)", async () => {
    const regime: DraftInput = { terms: { type: "export-control", sector: "semis", tier: "frontier", target: "CN" }, parties: ["US", "NL"], duration: 2 };
    const reply = expectRefused(await usDiplomat.act({ type: "propose", draft: regime }), "rule/wrong_role");
    expect(reply.error.message).toMatch(/Regulator/);
    // The regulator of the same seat may.
    await usRegulator.ok({ type: "propose", draft: regime });
    // And the diplomat handles statements.
    await usDiplomat.ok({ type: "propose", draft: { terms: { type: "alignment", clauses: ["supply-chain-risk"], target: "CN" }, parties: ["US", "JP"], duration: 1 } });
  });

  it("refuses a country that is not a party", async () => {
    expectRefused(await jp.act({ type: "propose", draft: screening(["US", "NL"]) }), "rule/not_a_party");
    // A signed deal between others is public, but JP can neither sign nor leave it.
    await nl.ok({ type: "propose", draft: screening(["NL", "US"], 3) });
    const offer = await waitFor(() => usRegulator.view().agreements.find((a) => a.proposedBy === "NL" && a.type === "screening"), { message: "NL's offer" });
    await usRegulator.ok({ type: "sign", agreementId: offer.id, revision: offer.revision });
    await eventually(() => expect(jp.view().agreements.find((a) => a.id === offer.id)?.status).toBe("signed"));
    expectRefused(await jp.act({ type: "sign", agreementId: offer.id, revision: offer.revision }), "rule/not_a_party");
    expectRefused(await jp.act({ type: "withdraw", agreementId: offer.id }), "rule/not_a_party");
    // An unsigned offer between others is not even acknowledged.
    await nl.ok({ type: "propose", draft: screening(["NL", "IN"], 1) });
    const hidden = await waitFor(() => nl.view().agreements.find((a) => a.proposedBy === "NL" && a.status === "proposed"), { message: "a second NL offer" });
    expectRefused(await jp.act({ type: "sign", agreementId: hidden.id, revision: 1 }), "rule/unknown_agreement");
    expectRefused(await jp.act({ type: "chat", channel: "team:US", text: "let me in" }), "rule/not_in_channel");
  });

  it("refuses a signature on a revision that an amendment replaced (rule/stale_revision)", async () => {
    await usRegulator.ok({ type: "propose", draft: screening(["US", "JP"], 2) });
    const offer = await waitFor(() => jp.view().agreements.find((a) => a.proposedBy === "US" && a.type === "screening" && a.parties.includes("JP")), { message: "the US offer to JP" });
    expect(offer.revision).toBe(1);
    // JP counters with a longer pact: revision 2, signatures reset to JP's.
    await jp.ok({ type: "amend", agreementId: offer.id, revision: 1, draft: screening(["US", "JP"], 4) });
    // The US, still looking at revision 1, cannot sign terms that changed under it.
    const stale = expectRefused(await usRegulator.act({ type: "sign", agreementId: offer.id, revision: 1 }), "rule/stale_revision");
    expect(stale.error.message).toMatch(/revision 2/);
    expectRefused(await usRegulator.act({ type: "decline", agreementId: offer.id, revision: 1 }), "rule/stale_revision");
    await eventually(() => expect(usRegulator.view().agreements.find((a) => a.id === offer.id)).toMatchObject({ revision: 2, signatures: ["JP"], duration: 4 }));
    await usRegulator.ok({ type: "sign", agreementId: offer.id, revision: 2 });
    await eventually(() => expect(obs.view().agreements.find((a) => a.id === offer.id)?.status).toBe("signed"));
  });

  it.each([
    ["a chat line without text", { type: "chat", channel: "plenary" }, /^text: /],
    ["a chat line that is too long", { type: "chat", channel: "plenary", text: "x".repeat(1001) }, /^text: .*1000/],
    ["an unknown sector in a draft", { type: "propose", draft: { terms: { type: "export-control", sector: "bananas", tier: "frontier", target: "CN" }, parties: ["NL"], duration: 1 } }, /^draft\.terms\.sector: /],
    ["a revision that is not a number", { type: "sign", agreementId: "A1", revision: "one" }, /^revision: /],
    ["a duration out of range", { type: "propose", draft: { terms: { type: "screening" }, parties: ["NL", "US"], duration: 99 } }, /^draft\.duration: /],
    ["an unknown move", { type: "teleport" }, /^type: /],
    ["a reason longer than 300 characters", { type: "decline", agreementId: "A1", revision: 1, reason: "x".repeat(301) }, /^reason: .*300/],
    ["a reason of nothing visible", { type: "withdraw", agreementId: "A1", reason: " \u200b " }, /^reason: .*empty/],
    ["a reason on a move that takes none", { type: "sign", agreementId: "A1", revision: 1, reason: "because" }, /reason/],
    ["a stray field", { type: "ready", ready: true, cheat: 1 }, /cheat/],
    ["a string instead of an object", "sign everything", /^\(root\): /],
    ["nothing at all", null, /^\(root\): /],
  ])("answers %s with input/invalid naming the field", async (_what, payload, message) => {
    const reply = expectRefused(await nl.act(payload), "input/invalid");
    expect(reply.error.message).toMatch(message);
    expect(nl.open).toBe(true);
  });

  it("carries a person's reason for declining to the deal's parties, and to no one outside it", async () => {
    await usDiplomat.ok({ type: "propose", draft: { terms: { type: "alignment", clauses: ["threat-assessment"], target: "CN" }, parties: ["US", "JP"], duration: 3 } });
    const offer = await waitFor(() => jp.view().agreements.find((a) => a.proposedBy === "US" && a.status === "proposed" && a.duration === 3), { message: "the US statement of 3 rounds with JP" });
    const why = `Our cabinet cannot screen investors this year ${Date.now()}`;
    await jp.ok({ type: "decline", agreementId: offer.id, revision: offer.revision, reason: `  ${why}\u202e ` });
    // Tidied as a chat line is (no direction overrides, no outer spaces), on the decline's step.
    await eventually(() => expect(usDiplomat.view().agreements.find((a) => a.id === offer.id)?.steps.at(-1)).toMatchObject({ what: "declined", by: "JP", reason: why }));
    expect(usRegulator.received(why)).toBe(true);
    for (const c of [nl, obs, waiting]) expect(c.received(why)).toBe(false);
  });

  it("tells a malformed message's sender in plain words which field is wrong and what it must be, in their language, quoting only a little of what was sent", async () => {
    const zh = translator(zhCN, "zh-CN");
    const revision = expectRefused(await nl.act({ type: "sign", agreementId: "A1", revision: "one" }), "input/invalid");
    expect(revision.error.message).toBe('revision: revision must be a whole number of at least 1 — it is the text "one"');
    expect(zh.render(revision.error.text!)).toBe("revision：revision 应为不小于 1 的整数，现在是文本 \"one\"");
    const sector = expectRefused(await nl.act({ type: "propose", draft: { terms: { type: "rnd", sector: "semi", contribution: 1 }, parties: ["NL", "US"], duration: 1 } }), "input/invalid");
    expect(sector.error.message).toMatch(/^draft\.terms\.sector: sector must be one of "semis", .* — it is "semi" \(did you mean "semis"\?\)$/);
    const stray = expectRefused(await nl.act({ type: "ready", ready: true, cheat: 1 }), "input/invalid");
    expect(stray.error.message).toBe('(root): the input has no field "cheat": check the spelling, or remove it');
    expect(zh.render(stray.error.text!)).toBe('(root)：输入内容没有字段 "cheat"：请检查拼写，或将其删除');
    // A long value is quoted only in part; a long stray field's name too (both inside the transport's 4 KB frame).
    const long = "y".repeat(1500);
    const huge = expectRefused(await nl.act({ type: "sign", agreementId: "A1", revision: long, [long]: 1 }), "input/invalid");
    expect(huge.error.message.length).toBeLessThan(200);
    expect(JSON.stringify(huge.error).length).toBeLessThan(600);
    for (const reply of [revision, sector, stray, huge]) expect(reply.error.message).not.toMatch(/Invalid|Expected|expected|received/);
    expect(nl.open).toBe(true);
  });

  it("answers malformed facilitator commands and previews the same way", async () => {
    expect(expectRefused(await fac.facilitator({ type: "extend", seconds: 1 }), "input/invalid").error.message).toMatch(/^seconds: /);
    expect(expectRefused(await fac.facilitator({ type: "play-event" }), "input/invalid").error.message).toMatch(/^cardId: /);
    expect(expectRefused(await nl.preview({ draft: { terms: { type: "rnd", sector: "semis" }, duration: 1 } }), "input/invalid").error.message).toMatch(/^draft\.terms\.contribution: /);
    expect(fac.open).toBe(true);
  });

  it("after all that, the same clients are still seated, connected and able to act", async () => {
    for (const c of [nl, fac, usDiplomat, jp]) expect(c.open).toBe(true);
    expect(nl.welcomes).toHaveLength(1);
    await nl.ok({ type: "chat", channel: "plenary", text: "Still here." });
    await fac.command({ type: "broadcast", text: "Carry on." });
    await eventually(() => expect(obs.view().messages.map((m) => m.text)).toEqual(expect.arrayContaining(["Still here.", "Carry on."])));
    await eventually(() => expect(obs.view().seats.find((s) => s.id === "NL")!.holders).toMatchObject([{ name: "Noor", connected: true }]));
  });

  it("an unknown request type gets a coded refusal and does not cost the connection either", async () => {
    expectRefused((await jp.room.request("hack" as never, {} as never, { timeout: 3000 })) as AnyReply, "input/unknown_request");
    expect(jp.open).toBe(true);
    await jp.ok({ type: "chat", channel: "plenary", text: "ok" });
  });

  it("limits chat flooding per player with rate/limited, and the player stays", async () => {
    const replies = [];
    for (let i = 0; i < 10; i++) replies.push(await usDiplomat.act({ type: "chat", channel: "plenary", text: `spam ${i}` }));
    expect(replies.slice(0, 8).every((r) => r.ok)).toBe(true);
    const limited = expectRefused(replies[8]!, "rate/limited");
    expect(limited.error.message).toMatch(/wait/);
    // The sender reads why in their own language (client/i18n/en/server.ts).
    expect(translator(zhCN, "zh-CN").render(limited.error.text!)).toBe("发送消息过于频繁；请等几秒后再发送。");
    expectRefused(replies[9]!, "rate/limited");
    expect(usDiplomat.open).toBe(true);
    // Only the flooder is limited, and only for chat: a teammate and other moves go through.
    await jp.ok({ type: "chat", channel: "plenary", text: "not me" });
    await usDiplomat.ok({ type: "ready", ready: false });
    // Refused lines never reached the table.
    await eventually(() => expect(obs.view().messages.map((m) => m.text)).toContain("not me"));
    expect(obs.view().messages.filter((m) => m.text.startsWith("spam ")).length).toBe(8);
  });

  it("limits bursts of any request per player", async () => {
    const replies = await Promise.all(Array.from({ length: 45 }, (_, i) => jp.act({ type: "ready", ready: i % 2 === 0 })));
    const limited = replies.filter((r) => !r.ok);
    expect(limited.length).toBeGreaterThan(0);
    for (const r of limited) expectRefused(r, "rate/limited");
    expect(jp.open).toBe(true);
  });
});

describe("previews and questions to the bots", () => {
  let fac: Conn, ana: Conn, noor: Conn;
  let bot: string;

  beforeAll(async () => {
    const { code, facilitatorKey } = await createGame(server, { scenarioId: "classroom-quick", settings: { ...SETTINGS, teams: false, bots: true } });
    fac = await join.facilitator(server.endpoint, code, facilitatorKey);
    ana = await join.player(server.endpoint, code, { name: "Ana", seat: "US" });
    noor = await join.player(server.endpoint, code, { name: "Noor", seat: "NL" });
    await fac.command({ type: "start" });
    await fac.command({ type: "advance" });
    await eventually(() => expect(ana.view().phase).toBe("negotiation"));
    bot = (await waitFor(() => ana.view().seats.find((s) => s.bot), { message: "a seat a bot plays" })).id;
  });
  afterAll(() => leaveAll(fac, ana, noor));

  it(`are limited per person: past ${PREVIEWS_PER_TEN_SECONDS} previews in 10 s, a refusal in plain words; others still get theirs`, async () => {
    const replies = await Promise.all(Array.from({ length: PREVIEWS_PER_TEN_SECONDS + 5 }, () => ana.preview({ draft: screening(["US", "NL"]) })));
    expect(replies.filter((r) => r.ok)).toHaveLength(PREVIEWS_PER_TEN_SECONDS);
    const limited = expectRefused(replies.at(-1)!, "rate/limited");
    expect(limited.error.message).toBe("Too many previews at once; wait a few seconds.");
    expect(translator(zhCN, "zh-CN").render(limited.error.text!)).toBe("预览请求过于频繁，请稍等几秒。");
    expect(ana.open).toBe(true);
    expect((await noor.preview({ draft: screening(["US", "NL"]) })).ok).toBe(true);
  });

  it(`past ${ASKS_PER_TEN_SECONDS} questions to the bots in 10 s, the same; a move still goes through`, async () => {
    const replies = await Promise.all(Array.from({ length: ASKS_PER_TEN_SECONDS + 3 }, () => noor.askBot({ seat: bot })));
    expect(replies.filter((r) => r.ok)).toHaveLength(ASKS_PER_TEN_SECONDS);
    const limited = expectRefused(replies.at(-1)! as AnyReply, "rate/limited");
    expect(limited.error.message).toBe("You are asking the bots too fast; wait a few seconds, then ask again.");
    expect(translator(zhCN, "zh-CN").render(limited.error.text!)).toBe("向机器人提问过于频繁；请等几秒后再问。");
    expect(noor.open).toBe(true);
    expect((await ana.askBot({ seat: bot })).ok).toBe(true);
    await noor.ok({ type: "chat", channel: "plenary", text: "still here" });
  });
});

describe("a facilitator's stale phase command", () => {
  it("refuses ending, or adding time to, a phase of a round that has already ended, and changes nothing (rule/phase_moved)", async () => {
    const { code, facilitatorKey } = await createGame(server, { scenarioId: "classroom-quick", settings: SETTINGS });
    const fac = await join.facilitator(server.endpoint, code, facilitatorKey);
    const us = await join.player(server.endpoint, code, { name: "Ana", seat: "US" });
    try {
      await fac.command({ type: "start" });
      await fac.command({ type: "advance", phase: "event", round: 1 });
      await eventually(() => expect(fac.view().phase).toBe("negotiation"));
      // "End the negotiation now?" stays open while round 1's negotiation and review end and round 2 opens.
      await fac.command({ type: "advance", phase: "negotiation", round: 1 });
      await fac.command({ type: "advance", phase: "review", round: 1 });
      await fac.command({ type: "advance", phase: "event", round: 2 });
      await eventually(() => expect([fac.view().round, fac.view().phase]).toEqual([2, "negotiation"]));
      const deadline = fac.view().deadline;
      const stale = expectRefused(await fac.facilitator({ type: "advance", phase: "negotiation", round: 1 }), "rule/phase_moved");
      expect(stale.error.message).toMatch(/negotiation of round 1 has already ended/);
      expect(translator(zhCN, "zh-CN").render(stale.error.text!)).toMatch(/第 1 轮/);
      expectRefused(await fac.facilitator({ type: "extend", seconds: 60, phase: "negotiation", round: 1 }), "rule/phase_moved");
      // Nothing changed: the same phase, the same clock, for the players too.
      await us.ok({ type: "ready", ready: false, phase: "negotiation" });
      expect([fac.view().round, fac.view().phase, fac.view().deadline]).toEqual([2, "negotiation", deadline]);
      expect([us.view().round, us.view().phase]).toEqual([2, "negotiation"]);
      // The command naming what is shown now does its work.
      await fac.command({ type: "extend", seconds: 60, phase: "negotiation", round: 2 });
      await fac.command({ type: "advance", phase: "negotiation", round: 2 });
      await eventually(() => expect([us.view().round, us.view().phase]).toEqual([2, "review"]));
    } finally {
      await leaveAll(fac, us);
    }
  });
});

describe("a facilitator's extends", () => {
  it("stop at two hours left in the phase, running or paused, whatever the presses: more is refused (rule/clock_full)", async () => {
    const { code, facilitatorKey } = await createGame(server, { scenarioId: "classroom-quick", settings: SETTINGS });
    const fac = await join.facilitator(server.endpoint, code, facilitatorKey);
    try {
      await fac.command({ type: "start" });
      await eventually(() => expect(fac.view().phase).toBe("event"));
      const left = () => fac.view().deadline - Date.now();
      const press = () => fac.facilitator({ type: "extend", seconds: 3600, phase: "event", round: 1 });
      // 10 minutes left: the first press adds an hour, the second only what fits under two hours.
      expect((await press()).ok).toBe(true);
      expect((await press()).ok).toBe(true);
      await eventually(() => expect(left()).toBeGreaterThan(7100_000));
      const full = expectRefused(await press(), "rule/clock_full");
      expect(full.error.message).toMatch(/120 minutes left/);
      expect(translator(zhCN, "zh-CN").render(full.error.text!)).toMatch(/120 分钟/);
      expect(left()).toBeLessThanOrEqual(7200_000);
      // Paused, the time left is held to the same bound.
      await fac.command({ type: "pause" });
      await eventually(() => expect(fac.view().paused).toBe(true));
      expectRefused(await press(), "rule/clock_full");
      expect(fac.view().remainingMs).toBeLessThanOrEqual(7200_000);
      // The news says the time each press added.
      const added = fac.view().news.flatMap((n) => (typeof n.text === "object" && n.text.key === "news.clockExtended" ? [n.text.args?.minutes] : []));
      expect(added).toEqual([60, 50]);
    } finally {
      await leaveAll(fac);
    }
  });
});

describe("the chat's rate", () => {
  it("lets a person refused for the rate, who keeps pressing Send every second, through once their first line is 10 s old", async () => {
    const { code, facilitatorKey } = await createGame(server, { scenarioId: "classroom-quick", settings: SETTINGS });
    const fac = await join.facilitator(server.endpoint, code, facilitatorKey);
    const us = await join.player(server.endpoint, code, { name: "Ana", seat: "US" });
    try {
      await fac.command({ type: "start" });
      await fac.command({ type: "advance", phase: "event" });
      await eventually(() => expect(us.view().phase).toBe("negotiation"));
      const send = (text: string) => us.act({ type: "chat", channel: "plenary", text });
      const first = Date.now();
      for (let i = 0; i < 8; i++) await us.ok({ type: "chat", channel: "plenary", text: `fast ${i}` });
      expect(expectRefused(await send("slow down?"), "rate/limited").error.text).toMatchObject({ key: "server.chatTooFast" });
      // Refused tries do not count: the next try after the window has passed goes through.
      let refused = 0;
      await waitFor(
        async () => {
          const reply = await send("one more");
          if (!reply.ok) refused++;
          return reply.ok;
        },
        { timeout: 20_000, interval: 1000, message: "a line through once the window passed" },
      );
      // It still had to wait for the window: 8 lines in any 10 s.
      expect(Date.now() - first).toBeGreaterThanOrEqual(10_000);
      expect(refused).toBeGreaterThanOrEqual(5);
      await eventually(() => expect(fac.view().messages.map((m) => m.text)).toContain("one more"));
      expect(fac.view().messages.filter((m) => m.text === "one more" || m.text === "slow down?").map((m) => m.text)).toEqual(["one more"]);
    } finally {
      await leaveAll(fac, us);
    }
  });
});

describe("the rate limiter", () => {
  it("counts only what it lets through: someone who keeps trying gets through once the window passes, and a flood still gets 8 per 10 s", () => {
    const chat = new RateLimiter(8, 10_000);
    const t0 = 1_000_000;
    for (let i = 0; i < 8; i++) expect(chat.hit("ana", t0 + i)).toBe(true);
    for (let t = t0 + 8; t < t0 + 10_000; t += 1000) expect(chat.hit("ana", t)).toBe(false);
    // The first line has left the window; the other seven are still in it.
    expect(chat.hit("ana", t0 + 10_000)).toBe(true);
    expect(chat.hit("ana", t0 + 10_000)).toBe(false);
    expect(chat.hit("bo", t0 + 10_000)).toBe(true);

    const flood = new RateLimiter(8, 10_000);
    const through: number[] = [];
    for (let t = 0; t < 60_000; t += 100) if (flood.hit("x", t)) through.push(t);
    expect(through).toHaveLength(48);
    for (const t of through) expect(through.filter((u) => u >= t && u < t + 10_000).length).toBeLessThanOrEqual(8);
  });
});

describe("guessing game codes", () => {
  it("is rate-limited per address after a run of wrong codes (runs last: it blocks lookups for a minute)", async () => {
    let status = 0;
    let body: unknown;
    let tries = 0;
    while (tries < 70) {
      tries++;
      ({ status, body } = await getJson(server, `/api/games/${"ACDEFGHJKMNPQRTUVWXY3469".slice(tries % 18, (tries % 18) + 6)}`));
      if (status !== 404) break;
    }
    expect(status).toBe(429);
    expect(body).toMatchObject({ error: { code: "rate/limited" } });
    expect(tries).toBeLessThanOrEqual(61);
  });
});
