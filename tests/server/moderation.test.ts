/**
 * Moderation on the real server: the facilitator removes a message for everyone (its text
 * leaves every client's state, the report logs the removal), mutes a person for some minutes,
 * and the game's word filter refuses a line and says which word. A removed line's words leave
 * the JSON log export too, and a mute outlasts a restart of the server. Teams fill one ministry at a
 * time: a late joiner takes a seat while one of its ministries is free.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { expectCleanDecoding, expectRefused, join, leaveAll, type Conn } from "../helpers/game-client.ts";
import { createGame, startServerProcess, tempDatabase, withBoots, type ServerProcess } from "../helpers/server-process.ts";
import { eventually, waitFor } from "../helpers/wait.ts";
import { say } from "../helpers/words.ts";
import { zhCN } from "../../client/i18n/zh-CN.ts";
import { translator } from "../../client/i18n/translator.ts";
import { getScenario } from "../../server/scenarios.ts";
import type { Text } from "../../shared/engine/text.ts";
import { replay } from "../../shared/engine/index.ts";
import { REMOVED, type LogExport } from "../../server/debrief/exports.ts";

const db = tempDatabase();
/** News and the report hold catalog keys with arguments: read them in English, with the scenario's names. */
const words = (t: Text) => say(t, getScenario("classroom-quick"));
const zh = (t: Text) => translator(zhCN, "zh-CN").render(t);
let server: ServerProcess;
let code: string;
let key: string;
let fac: Conn, obs: Conn, us: Conn, nl: Conn, late: Conn;

beforeAll(async () => {
  server = await startServerProcess({ databasePath: db.databasePath });
  ({ code, facilitatorKey: key } = await createGame(server, {
    scenarioId: "classroom-quick",
    settings: { teams: true, bots: true, seed: 4, eventSeconds: 600, negotiationSeconds: 3600, reviewSeconds: 600, wordFilter: ["idiot", "darn it"] },
  }));
  fac = await join.facilitator(server.endpoint, code, key);
  obs = await join.observer(server.endpoint, code);
  us = await join.player(server.endpoint, code, { name: "Una", seat: "US", roles: ["diplomat"] });
  nl = await join.player(server.endpoint, code, { name: "Nils", seat: "NL", roles: ["diplomat", "regulator", "envoy"] });
  await fac.command({ type: "start" });
  await fac.command({ type: "advance" });
  await eventually(() => expect(us.view().phase).toBe("negotiation"));
}, 120_000); // a server process, four joins and two phase changes: slow on a busy machine

afterAll(async () => {
  await leaveAll(fac, obs, us, nl, late);
  await server?.stop();
  db.cleanup();
});

afterEach(() => expectCleanDecoding());

describe("moderation", () => {
  it("removes a message for everyone and logs the removal in the report", async () => {
    await nl.ok({ type: "chat", channel: "plenary", text: "SPAM-LINE ".repeat(40) });
    await eventually(() => expect(obs.view().messages.some((m) => m.text.startsWith("SPAM-LINE"))).toBe(true));
    const id = obs.view().messages.find((m) => m.text.startsWith("SPAM-LINE"))!.id;
    expectRefused(await nl.facilitator({ type: "delete-message", messageId: id }), "auth/facilitator_only");
    await fac.command({ type: "delete-message", messageId: id, reason: "spam" });
    for (const c of [obs, us, nl, fac]) await eventually(() => expect(c.view().messages.find((m) => m.id === id)).toMatchObject({ deleted: true, text: "" }));
    expectRefused(await fac.facilitator({ type: "delete-message", messageId: id }), "rule/already_deleted");
    expectRefused(await fac.facilitator({ type: "delete-message", messageId: 9999 }), "rule/unknown_message");
    // A late joiner never gets the text either.
    const latecomer = await join.observer(server.endpoint, code, "Late observer");
    expect(latecomer.received("SPAM-LINE")).toBe(false);
    await latecomer.leave();
    // The report, the log and the printed report asked together, before the checks: on a busy
    // machine a check's CPU (the replay below) can outlast the server's keep-alive, and a request
    // then sent on the connection the server closed fails ("other side closed").
    const get = (path: string) => fetch(`${server.url}/api/games/${code}/${path}`, { headers: { "x-facilitator-key": key } });
    const [reportRes, logRes, htmlRes] = await Promise.all([get("report"), get("log.json"), get("report.html?lang=en")]);
    const [reportJson, logJson, html] = await Promise.all([reportRes.json(), logRes.json(), htmlRes.text()]);
    const report = reportJson as { timeline: { text: Text }[]; chat: { messages: { id: number; text: string }[] } };
    expect(JSON.stringify(report)).not.toContain("SPAM-LINE");
    // Nor does the JSON log export: the removed line's words are replaced, and the log still replays.
    const log = logJson as LogExport;
    expect(JSON.stringify(log)).not.toContain("SPAM-LINE");
    expect(log.actions.filter((a) => a.move.type === "chat" && a.move.text === REMOVED)).toHaveLength(1);
    expect(replay(log.setup, log.actions).messages.find((m) => m.id === id)).toMatchObject({ deleted: true, text: "" });
    expect(report.timeline.map((e) => words(e.text)).join("\n")).toMatch(/removed a message by the Netherlands in .*Reason: spam/);
    // The printed report's chat says the line was removed, rather than leaving "R1 Netherlands:" bare.
    // A team game's report names the writer as the game did ("Ana · Netherlands").
    expect(html).toMatch(/<strong>(?:[^<]+ · )?Netherlands<\/strong>: <em class="removed">Message removed by the facilitator\.<\/em>/);
  });

  it("mutes a person for some minutes: they are told, others still talk, and the report says so", async () => {
    const holder = (await waitFor(() => fac.view().seats.find((s) => s.id === "NL")?.holders[0], { message: "Noor in the facilitator's seat list" })).id;
    expectRefused(await us.facilitator({ type: "mute", holder, minutes: 5 }), "auth/facilitator_only");
    await fac.command({ type: "mute", holder, minutes: 5 });
    // Told at once, and again at their next line, in their own language.
    const told = await waitFor(() => nl.notices.at(-1), { message: "the mute notice" });
    expect(say(told.text)).toBe("The facilitator muted you for 5 min: you can read, sign and decline, but not write, make offers or open talks.");
    expect(zh(told.text)).toBe("主持人已将你禁言 5 分钟：你可以阅读、签署和拒绝，但不能发言、提出协议或开启会谈。");
    const refused = expectRefused(await nl.act({ type: "chat", channel: "plenary", text: "Can I still talk?" }), "chat/muted");
    expect(refused.error.message).toMatch(/5 min/);
    expect(zh(refused.error.text!)).toBe("主持人已将你禁言；5 分钟后可再次发言。");
    // Nor through offers or new channels, which land on others' screens as lines do.
    const offer = expectRefused(await nl.act({ type: "propose", draft: { terms: { type: "supply", suppliers: ["NL"], buyers: ["US"], sector: "semis", volume: 2, price: 1, coInvest: 0 }, parties: ["NL", "US"], duration: 2 } }), "chat/muted");
    expect(say(offer.error.text!)).toBe("The facilitator muted you: for 5 min you can sign, decline and leave deals, but not make offers or open talks.");
    expectRefused(await nl.act({ type: "open-channel", members: ["US"] }), "chat/muted");
    await us.ok({ type: "chat", channel: "plenary", text: "The US still talks." });
    // The engine's own moves are not the console's: the room records mutes itself.
    expectRefused(await fac.facilitator({ type: "log-mute", seat: "NL", name: "x", minutes: 3 }), "input/invalid");
    await fac.command({ type: "mute", holder, minutes: 0 });
    await waitFor(() => nl.notices.length === 2, { message: "the notice that the mute is lifted" });
    expect(say(nl.notices[1]!.text)).toBe("The facilitator lifted your mute.");
    await nl.ok({ type: "chat", channel: "plenary", text: "Back, and polite." });
    await eventually(() => expect(obs.view().news.map((n) => words(n.text))).toEqual(expect.arrayContaining([expect.stringMatching(/muted Nils \(the Netherlands\) for 5 minutes/), expect.stringMatching(/unmuted Nils/)])));
  });

  it("refuses a line holding a filtered word and names the word; a word inside another is fine", async () => {
    const refused = expectRefused(await us.act({ type: "chat", channel: "plenary", text: "You IDIOT!" }), "chat/filtered");
    expect(refused.error.message).toContain("“idiot”");
    expect(zh(refused.error.text!)).toBe("本局不允许使用“idiot”一词；你的消息未发送。请换一种说法。");
    expectRefused(await us.act({ type: "chat", channel: "plenary", text: "oh darn it, again" }), "chat/filtered");
    await us.ok({ type: "chat", channel: "plenary", text: "Idiotically low tariffs are not the point." });
  });

  it("a long message is refused with the limit named, never cut", async () => {
    const refused = expectRefused(await us.act({ type: "chat", channel: "plenary", text: "x".repeat(1001) }), "input/invalid");
    expect(refused.error.message).toMatch(/1000 characters/);
  });
});

describe("teams that fill", () => {
  it("a late joiner without a seat takes one free ministry of a seat that still has one", async () => {
    late = await join.player(server.endpoint, code, { name: "Lee" });
    expect(late.welcome).toMatchObject({ seat: "US", roles: ["regulator"] });
    // Una, alone in the seat until now, acted for the regulator too: she is told who holds it now.
    const teammate = await waitFor(() => us.notices.find((n) => n.text.key === "server.notice.teammate"), { message: "Una told of her teammate" });
    expect(words(teammate.text)).toBe("Lee joined your country as Regulator: the deals of that ministry are theirs now.");
    expect(nl.notices.some((n) => n.text.key === "server.notice.teammate")).toBe(false);
    // The console moves a person to another ministry of the same seat.
    const holder = await waitFor(() => fac.view().seats.find((s) => s.id === "US")!.holders.find((x) => x.name === "Lee")?.id, { message: "Lee in the facilitator's seat list" });
    await fac.command({ type: "assign-seat", holder, seat: "US", roles: ["envoy"] });
    await eventually(() => expect(late.welcome).toMatchObject({ seat: "US", roles: ["envoy"] }));
    // Told in words, in the reader's language.
    const told = await waitFor(() => late.notices.at(-1), { message: "the notice of the move" });
    expect(words(told.text)).toBe("The facilitator moved you to the United States, as Economic envoy.");
    expect(zh(told.text)).toBe("主持人已把你调到US，担任经济特使。"); // the page names the country from the scenario's texts
    expectRefused(await fac.facilitator({ type: "assign-seat", holder, seat: "US", roles: ["diplomat"] }), "seat/taken");
    // The game is under way: the move is in the news and the report; a refused one is not.
    await eventually(() => expect(obs.view().news.map((n) => words(n.text)).filter((line) => line.startsWith("The facilitator moved"))).toEqual(["The facilitator moved Lee to the United States."]));
    const report = (await (await fetch(`${server.url}/api/games/${code}/report`, { headers: { "x-facilitator-key": key } })).json()) as { timeline: { text: Text }[]; players: { seat: string; name: string; roles: string[] }[] };
    expect(report.timeline.map((e) => words(e.text))).toContain("The facilitator moved Lee to the United States.");
    // The facilitator's report names who played each seat, with their ministries; a seat with nobody was a bot's.
    expect(report.players).toEqual(expect.arrayContaining([{ seat: "US", name: "Lee", roles: ["envoy"] }]));
    const html = await (await fetch(`${server.url}/api/games/${code}/report.html?lang=en`, { headers: { "x-facilitator-key": key } })).text();
    const usRow = html.match(/<tr><th scope="row">United States<\/th><td>([^<]*)</)?.[1] ?? "";
    expect(usRow).toContain("Lee (Economic envoy)");
    expect(html).toMatch(/<tr><th scope="row">India<\/th><td>bot ·\u00a0/);
    // The settings line says how long each phase ran.
    expect(html).toContain("phases of 10 min (event), 60 min (negotiation) and 10 min (review)");
    // The room keeps these records itself.
    expectRefused(await fac.facilitator({ type: "log-seat", change: "freed", seat: "US" }), "input/invalid");
    expectRefused(await fac.facilitator({ type: "log-clock", change: "pause" }), "input/invalid");
  });
});

describe("a mute", () => {
  it("survives a restart of the server: the muted person still cannot write until the time is up", { timeout: withBoots(1) }, async () => {
    const holder = (await waitFor(() => fac.view().seats.find((s) => s.id === "NL")?.holders[0], { message: "Nils in the facilitator's seat list" })).id;
    await fac.command({ type: "mute", holder, minutes: 10 });
    const token = nl.welcome.token!;
    await leaveAll(fac, obs, us, nl, late);
    const port = server.port;
    expect(await server.stop(), server.output()).toEqual({ code: 0, signal: null });
    server = await startServerProcess({ databasePath: db.databasePath, port });
    nl = await join.player(server.endpoint, code, { name: "Nils", token });
    expect(nl.welcome.seat).toBe("NL");
    const refused = expectRefused(await nl.act({ type: "chat", channel: "plenary", text: "Restarted, so I can talk?" }), "chat/muted");
    expect(refused.error.message).toMatch(/(9|10) min/);
    fac = await join.facilitator(server.endpoint, code, key);
    // The console opened now shows the mute: its welcome gives the time left.
    expect(fac.welcome.mutes?.[holder]).toBeGreaterThan(8 * 60_000);
    expect(fac.welcome.mutes?.[holder]).toBeLessThanOrEqual(10 * 60_000);
    await fac.command({ type: "mute", holder, minutes: 0 });
    await waitFor(() => nl.notices.length === 1, { message: "the notice that the mute is lifted" });
    expect(say(nl.notices[0]!.text)).toBe("The facilitator lifted your mute.");
    await nl.ok({ type: "chat", channel: "plenary", text: "Unmuted after the restart." });
  });
});
