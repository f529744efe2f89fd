/**
 * A student's phone drops mid-game and a bot takes the seat over (server/rooms/seating.ts):
 * the handover is in the game's log, so the news, the after-action report (its timeline and
 * the countries table) and the gradebook say who played the seat from which round, and the
 * gradebook counts only the student's own actions. Those names are the facilitator's: a share
 * link (docs/PROTOCOL.md "Share links") and the public report tell the same game without them.
 * Bots that hold every seat end a phase once they are done only at a table nobody is at: a
 * connected facilitator keeps the phase to its clock or their advance (docs/RULES.md, §2).
 */
import { afterEach, expect, it } from "vitest";
import { expectCleanDecoding, join, leaveAll, type Conn } from "../helpers/game-client.ts";
import { createGame, lobby, type ServerProcess } from "../helpers/server-process.ts";
import { serverPerFile } from "../helpers/server-per-file.ts";
import { eventually, waitFor } from "../helpers/wait.ts";
import { say } from "../helpers/words.ts";
import { getScenario } from "../../server/scenarios.ts";
import type { Text } from "../../shared/engine/text.ts";
import type { DebriefReport, ShareCreated } from "../../shared/protocol/debrief.ts";
import { replay } from "../../shared/engine/index.ts";
import type { LogExport } from "../../server/debrief/exports.ts";

let server: ServerProcess;
serverPerFile((s) => (server = s), { botDelayMs: 50 });
afterEach(() => expectCleanDecoding());

const words = (t: Text) => say(t, getScenario("classroom-quick"));

it("a bot that takes over a dropped student's seat is named in the news, the report and the gradebook", async () => {
  const { code, facilitatorKey: key } = await createGame(server, {
    scenarioId: "classroom-quick",
    settings: { teams: false, bots: true, seed: 11, reconnectSeconds: 5, eventSeconds: 600, negotiationSeconds: 3600, reviewSeconds: 600 },
  });
  const get = (path: string) => fetch(`${server.url}/api/games/${code}/${path}`, { headers: { "x-facilitator-key": key } });
  const fac = await join.facilitator(server.endpoint, code, key);
  const ana = await join.player(server.endpoint, code, { name: "Ana", seat: "US" });
  const chloe = await join.player(server.endpoint, code, { name: "Chloe", seat: "IN" });
  const open: Conn[] = [fac, ana, chloe];
  try {
    await fac.command({ type: "start" });
    await fac.command({ type: "advance" });
    await eventually(() => expect(ana.view().phase).toBe("negotiation"));
    await ana.ok({ type: "chat", channel: "plenary", text: "The United States is here." });
    await ana.ok({ type: "chat", channel: "plenary", text: "Let us talk about gallium." });

    // Ana's phone drops and does not come back within the window: a bot plays the US.
    await ana.drop();
    await eventually(() => expect(fac.view().seats.find((s) => s.id === "US")!.bot).toBe(true), { timeout: 10_000 });
    await eventually(() => expect(chloe.view().news.map((n) => words(n.text))).toContain("A bot took over the United States from Ana in round 1."));
    // The bot plays: it says it is done, a move nobody at the table made.
    await eventually(() => expect(fac.view().ready).toContain("US"), { timeout: 10_000 });

    const report = (await (await get("report")).json()) as DebriefReport;
    expect(report.timeline.map((e) => words(e.text))).toContain("A bot took over the United States from Ana in round 1.");
    expect(report.countries.find((c) => c.id === "US")!.turns).toEqual([{ round: 1, to: "bot", names: ["Ana"] }]);
    expect(report.countries.find((c) => c.id === "IN")!.turns).toBeUndefined();
    const html = await (await get("report.html?lang=en")).text();
    expect(html.match(/<tr><th scope="row">United States<\/th><td>([^<]*)</)?.[1]).toMatch(/^Ana, then a bot from round 1 ·\u00a0/);
    expect(html.match(/<tr><th scope="row">India<\/th><td>([^<]*)</)?.[1]).toBe("Chloe");
    // The column says what it is about: the country's network, not the student's phone.
    expect(html).toContain("<th>Connected to the digital economy</th>");

    // The gradebook: Ana's own two messages, not the bot's moves, and the rounds the bot played.
    const csv = (await (await get("gradebook.csv?lang=en")).text()).trim().split("\r\n");
    expect(csv[0]).toMatch(/^table,game,student,seat,ministry,at the end,actions,rounds a bot played the seat,objectives met,/);
    expect(csv.find((l) => l.includes(",Ana,"))).toMatch(/,Ana,United States,,left; a bot played the seat to the end,2,from round 1,/);
    expect(csv.find((l) => l.includes(",Chloe,"))).toMatch(/,Chloe,India,,still in the seat,0,,/);

    // Ana comes back: she takes the seat over from the bot, and that is told too.
    const back = await join.player(server.endpoint, code, { name: "Ana", token: ana.welcome.token! });
    open.push(back);
    await eventually(() => expect(chloe.view().news.map((n) => words(n.text))).toContain("Ana took over the United States from a bot in round 1."));
    const again = await (await get("report.html?lang=en")).text();
    expect(again.match(/<tr><th scope="row">United States<\/th><td>([^<]*)</)?.[1]).toMatch(/^Ana, then a bot from round 1, then Ana from round 1 ·\u00a0/);
    const zh = await (await get("report.html?lang=zh-CN")).text();
    expect(zh).toContain("Ana，第 1 轮起由机器人接手，第 1 轮起由Ana接手");
    const later = (await (await get("gradebook.csv?lang=en")).text()).trim().split("\r\n");
    expect(later.find((l) => l.includes(",Ana,"))).toMatch(/,Ana,United States,,still in the seat,2,round 1,/);
  } finally {
    await leaveAll(...open);
  }
});

/** A one-student classroom game with bots, in its negotiation: the student's seat is the US. */
async function negotiationWithOneStudent() {
  const { code, facilitatorKey: key } = await createGame(server, {
    scenarioId: "classroom-quick",
    settings: { teams: false, bots: true, seed: 12, reconnectSeconds: 5, eventSeconds: 600, negotiationSeconds: 3600, reviewSeconds: 600 },
  });
  const fac = await join.facilitator(server.endpoint, code, key);
  const ana = await join.player(server.endpoint, code, { name: "Ana", seat: "US" });
  await fac.command({ type: "start" });
  await fac.command({ type: "advance" });
  await eventually(() => expect(ana.view().phase).toBe("negotiation"));
  return { code, fac, ana };
}

it("with the facilitator connected, a negotiation whose students all dropped runs to the facilitator's advance, though the bots are done", async () => {
  const { fac, ana } = await negotiationWithOneStudent();
  try {
    const seats = fac.view().seats.map((s) => s.id);
    // The school's Wi-Fi drops: Ana does not come back, a bot plays the US.
    await ana.drop();
    await eventually(() => expect(fac.view().seats.find((s) => s.id === "US")!.bot).toBe(true), { timeout: 15_000 });
    // Every bot says it is done (or the phase ends under the test).
    await eventually(() => expect(fac.view().phase !== "negotiation" || seats.every((s) => fac.view().ready.includes(s))).toBe(true), { timeout: 30_000 });
    expect(fac.view().phase).toBe("negotiation");
    // Still the negotiation after what the facilitator does next, with its clock running.
    await fac.command({ type: "broadcast", text: "Your phones are back soon." });
    await eventually(() => expect(fac.view().messages.some((m) => m.channel === "broadcast")).toBe(true));
    expect(fac.view().phase).toBe("negotiation");
    expect(fac.view().paused).toBeFalsy();
    expect(fac.view().deadline).toBeGreaterThan(Date.now());
    // The facilitator ends it.
    await fac.command({ type: "advance" });
    await eventually(() => expect(fac.view().phase).toBe("review"));
  } finally {
    await leaveAll(fac, ana);
  }
});

it("at a table nobody is at any more, the bots' negotiation ends once they are done", async () => {
  const { code, fac, ana } = await negotiationWithOneStudent();
  try {
    await fac.leave();
    await ana.drop();
    await eventually(async () => expect((await lobby(server, code)).phase).toBe("review"), { timeout: 30_000 });
  } finally {
    await leaveAll(fac, ana);
  }
});

it("a player whose connection drops holds the negotiation while she may come back: the bots are done, it waits for her, and ends once she is back and ready", async () => {
  const { code, facilitatorKey: key } = await createGame(server, {
    scenarioId: "classroom-quick",
    settings: { teams: false, bots: true, seed: 13, reconnectSeconds: 600, eventSeconds: 600, negotiationSeconds: 3600, reviewSeconds: 600 },
  });
  const fac = await join.facilitator(server.endpoint, code, key);
  const ana = await join.player(server.endpoint, code, { name: "Ana", seat: "US" });
  const open: Conn[] = [fac, ana];
  try {
    await fac.command({ type: "start" });
    await fac.command({ type: "advance" });
    await eventually(() => expect(ana.view().phase).toBe("negotiation"));
    const bots = fac.view().seats.filter((s) => s.id !== "US").map((s) => s.id).sort();
    await fac.leave();
    // Her page goes away (she opened the rules in its place, or her phone slept): nobody is connected.
    await ana.drop();
    const game = async () => {
      const log = (await (await fetch(`${server.url}/api/games/${code}/log.json`, { headers: { "x-facilitator-key": key } })).json()) as LogExport;
      return replay(log.setup, log.actions);
    };
    // Every bot says it is done...
    await eventually(async () => expect([...(await game()).ready].sort()).toEqual(bots), { timeout: 30_000 });
    // ...and the negotiation waits for her: back, she finds it still running.
    const back = await ana.reconnect();
    open.push(back);
    expect(back.view().phase).toBe("negotiation");
    expect((await lobby(server, code)).phase).toBe("negotiation");
    // She says she is ready: it ends.
    await back.ok({ type: "ready", ready: true });
    await eventually(() => expect(back.view().phase).toBe("review"));
  } finally {
    await leaveAll(...open);
  }
});

it("a share link of the finished game names none of the students, in any of its files; the facilitator's own report names them and shows their exit tickets, and the English gradebook keeps their Chinese answers readable", async () => {
  const { code, facilitatorKey: key } = await createGame(server, {
    scenarioId: "classroom-quick",
    settings: { teams: false, bots: true, seed: 12, eventSeconds: 600, negotiationSeconds: 3600, reviewSeconds: 600 },
  });
  const NAMES = ["李明", "Kenji Okada", "Nia Vos"];
  const ANSWER = "Gallium: 我们和荷兰签了供应协议。";
  const fac = await join.facilitator(server.endpoint, code, key);
  const li = await join.player(server.endpoint, code, { name: "李明", seat: "CN" });
  const kenji = await join.player(server.endpoint, code, { name: "Kenji Okada", seat: "JP" });
  const nia = await join.player(server.endpoint, code, { name: "Nia Vos", seat: "NL" });
  const open: Conn[] = [fac, li, kenji, nia];
  try {
    await fac.command({ type: "start" });
    await fac.command({ type: "advance" });
    await eventually(() => expect(kenji.view().phase).toBe("negotiation"));
    // The facilitator mutes Kenji for a moment, then gives China and the Netherlands to bots.
    const holder = await waitFor(() => fac.view().seats.find((s) => s.id === "JP")?.holders[0]?.id, { message: "Kenji in the seat list" });
    await fac.command({ type: "mute", holder, minutes: 5 });
    await fac.command({ type: "mute", holder, minutes: 0 });
    await fac.command({ type: "bot-seat", seat: "CN", bot: true });
    await fac.command({ type: "bot-seat", seat: "NL", bot: true });
    await eventually(() => expect(kenji.view().news.map((n) => words(n.text))).toContain("A bot took over China from 李明 in round 1."));
    await fac.command({ type: "end-game" });
    await eventually(() => expect(kenji.view().phase).toBe("ended"));
    expect(await kenji.room.request("exit-ticket", { answers: [ANSWER, "", "An alliance of trust, mostly."] })).toMatchObject({ ok: true });

    const made = await fetch(`${server.url}/api/games/${code}/share`, { method: "POST", headers: { "x-facilitator-key": key } });
    const share = (await made.json()) as ShareCreated;
    const withLang = (link: string, lang: string) => `${link}&lang=${lang}`;
    const links = [...Object.values(share.links), ...Object.values(share.links).map((l) => withLang(l, "zh-CN"))];
    for (const link of links) {
      const res = await fetch(`${server.url}${link}`);
      expect(res.status, link).toBe(200);
      const bytes = Buffer.from(await res.arrayBuffer());
      for (const name of [...NAMES, ANSWER]) {
        expect(bytes.includes(Buffer.from(name, "utf8")), `${name} in ${link}`).toBe(false);
        // Nor written as JSON escapes.
        const escaped = [...name].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`).join("");
        expect(bytes.toString("utf8").toLowerCase().includes(escaped), `${name} escaped in ${link}`).toBe(false);
      }
    }
    // It still tells the handover and the mute, without the people, and its log still replays.
    const shared = (await (await fetch(`${server.url}${share.links.report}`)).json()) as DebriefReport;
    const told = shared.timeline.map((e) => words(e.text));
    expect(told).toContain("A bot took over China from its players in round 1.");
    expect(told).toContain("The facilitator muted a player (Japan) for 5 minutes.");
    expect(shared.countries.find((c) => c.id === "CN")!.turns).toEqual([{ round: 1, to: "bot" }]);
    expect(shared.exitTickets).toBeUndefined();
    const log = (await (await fetch(`${server.url}${share.links.log}`)).json()) as LogExport;
    expect(replay(log.setup, log.actions).phase).toBe("ended");
    const sharedHtml = await (await fetch(`${server.url}${share.links.html}&lang=en`)).text();
    expect(sharedHtml).not.toContain(`id="tickets"`);
    // Nor does the public report of the game (no key, no link) name anyone or show a ticket.
    const pub = await (await fetch(`${server.url}/api/games/${code}/report.html?lang=zh-CN`)).text();
    for (const name of [...NAMES, ANSWER]) expect(pub).not.toContain(name);

    // The facilitator's own key: the names, and the exit ticket in a section of its own.
    const get = (path: string) => fetch(`${server.url}/api/games/${code}/${path}`, { headers: { "x-facilitator-key": key } });
    const own = (await (await get("report")).json()) as DebriefReport;
    expect(own.timeline.map((e) => words(e.text))).toContain("A bot took over China from 李明 in round 1.");
    expect(own.exitTickets).toEqual([{ seat: "JP", name: "Kenji Okada", answers: [ANSWER, "", "An alliance of trust, mostly."] }]);
    expect(JSON.stringify(await (await get("log.json")).json())).toContain("Nia Vos");
    const html = await (await get("report.html?lang=en")).text();
    const tickets = html.slice(html.indexOf(`<section id="tickets"`), html.indexOf("</section>", html.indexOf(`<section id="tickets"`)));
    expect(tickets).toContain("<h2>Exit tickets</h2>");
    expect(tickets).toContain("<h3>Japan — Kenji Okada</h3>");
    expect(tickets).toContain(ANSWER);
    expect(tickets).toContain("No answer.");
    expect(html).toContain(`<a href="#tickets">Exit tickets</a>`);
    const zh = await (await get("report.html?lang=zh-CN")).text();
    expect(zh).toContain("<h2>离场小测</h2>");
    expect(zh).toContain("<h3>日本——Kenji Okada</h3>");

    // The gradebook from the English console starts with a byte-order mark, so Excel reads the Chinese answer as written.
    const gradebook = Buffer.from(await (await get("gradebook.csv?lang=en")).arrayBuffer());
    expect([...gradebook.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(gradebook.toString("utf8")).toContain(`,Kenji Okada,Japan,,`);
    expect(gradebook.toString("utf8")).toContain(ANSWER);
  } finally {
    await leaveAll(...open);
  }
});
