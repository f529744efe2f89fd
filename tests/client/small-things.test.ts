/** The small things a player notices: code messages, sources as clean links, the rules page's reader. */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { codeError, codeProblem, parseRoute, UNUSED_IN_CODES } from "../../client/model/route.ts";
import { sourceLink, stripTracking } from "../../client/model/source.ts";
import { inline, numbered, parseMarkdown, plain, withoutDeveloperNotes } from "../../client/model/markdown.ts";
import { en } from "../../client/i18n/en.ts";
import { zhCN } from "../../client/i18n/zh-CN.ts";
import { translator } from "../../client/i18n/translator.ts";
import type { Text } from "../../shared/engine/text.ts";
import { t, useCatalog } from "../../client/i18n/index.ts";
import { capabilityRange } from "../../client/model/review.ts";
import { loadCatalog } from "../../client/i18n/languages.ts";
import { briefSteps } from "../../client/ui/pages/how-to-play.ts";
import { credentialsGone, JOIN_SENTENCES, joinRefusal } from "../../client/net/join-refusal.ts";
import { playNowRequest, readyLabel, redCellWords } from "../../client/model/lobby.ts";
import { holderRoles, personPlays, seatDone, seatsDone } from "../../shared/protocol/view.ts";
import { doneText } from "../../client/model/lobby.ts";
import { changeText } from "../../shared/bots/speech.ts";

const ROOT = join(import.meta.dirname, "..", "..");

describe("a wrong game code", () => {
  it("names the characters codes never use", () => {
    expect(codeProblem("ZZZZZ9")).toEqual({ kind: "unused", chars: ["Z"] });
    expect(codeError("zzzzz9")).toMatch(/never use Z\b/);
    expect(codeError("HQ0M1C")).toMatch(/never use 0 and 1/);
    expect(codeError("ZZZZZ9")).toContain(UNUSED_IN_CODES.join(" "));
  });
  it("says the length when every character is fine", () => {
    expect(codeError("HQ4M9")).toBe("A game code has six characters; this one has 5.");
  });
  it("names punctuation that cannot be part of a code", () => {
    expect(codeError("HQ4M9?")).toMatch(/“\?”/);
  });
  it("accepts a good code, spaced or lower case", () => {
    expect(codeProblem("hq4 m9c")).toBeUndefined();
  });
});

describe("sources", () => {
  it("lose their tracking tails and keep the rest of the address", () => {
    expect(stripTracking("https://kentik.com/blog/red-sea/?int_source=knac")).toBe("https://kentik.com/blog/red-sea/");
    expect(stripTracking("https://example.org/a?id=3&utm_source=x&utm_medium=y&fbclid=z#part")).toBe("https://example.org/a?id=3#part");
  });
  it("become links with a short text, and anything not a web address is no link", () => {
    expect(sourceLink("https://www.reuters.com/world/story-about-gallium/?utm_campaign=a")).toEqual({ href: "https://www.reuters.com/world/story-about-gallium/", text: "reuters.com/world/story-about-gallium" });
    expect(sourceLink("javascript:alert(1)")).toBeUndefined();
    expect(sourceLink("Ministry press release")).toBeUndefined();
  });
  it("in every shipped scenario carry no tracking tail", () => {
    const dir = join(ROOT, "assets", "scenarios");
    for (const file of readdirSync(dir).filter((f) => f.endsWith(".json"))) {
      const text = readFileSync(join(dir, file), "utf8");
      for (const [, url] of text.matchAll(/"(https?:\/\/[^"]+)"/g)) expect(stripTracking(url!), `${file}: ${url}`).toBe(url);
    }
  });
});

describe("the review's folded capabilities", () => {
  it("say how much each sector rose or fell, the sign in the word: 各提升 0.2–0.5, 各下降 0.1–0.3 (en up/down … each); a mixed range keeps its signs", async () => {
    try {
      useCatalog(await loadCatalog("zh-CN"), "zh-CN");
      expect(capabilityRange([0.2, 0.5, 0.3])).toBe("各提升 0.2–0.5");
      expect(capabilityRange([-0.1, -0.3])).toBe("各下降 0.1–0.3");
      expect(capabilityRange([-0.2, 0.3])).toBe("变化从 −0.2 到 +0.3");
      useCatalog(en, "en");
      expect(capabilityRange([0.2, 0.5])).toBe("up 0.2–0.5 each");
      expect(capabilityRange([-0.2, 0.3])).toBe("from −0.2 to +0.3");
    } finally {
      useCatalog(en, "en");
    }
  });
});

describe("the map's legend", () => {
  it("says what the percentage on an export-control fence is (the map labels a fence \"Chips 65%\"), in English and Chinese", async () => {
    try {
      for (const [catalog, lang, chokepoints] of [[en, "en", "chokepoints"], [await loadCatalog("zh-CN"), "zh-CN", "关键节点"]] as const) {
        useCatalog(catalog, lang);
        const line = t("board.legend.fence");
        expect(line, lang).toContain(chokepoints);
        expect(line, lang).toContain(`${t("sectorShort.semis")} 65%`);
      }
    } finally {
      useCatalog(en, "en");
    }
  });
});

describe("a country's trade exposure", () => {
  it("says what its percentages are shares of (\"Trade exposure: China 15%\" left it open), in English and Chinese", async () => {
    try {
      for (const [catalog, lang, words] of [[en, "en", "share of its trade"], [await loadCatalog("zh-CN"), "zh-CN", "贸易总额的份额"]] as const) {
        useCatalog(catalog, lang);
        expect(t("country.exposure"), lang).toContain(words);
      }
    } finally {
      useCatalog(en, "en");
    }
  });
});

describe("a loan's interest field", () => {
  it("says the rate is on the whole loan, once, not a yearly or per-round rate (docs/RULES.md: a repayment is amount × (1 + interest ÷ 100) ÷ repayment rounds)", async () => {
    try {
      for (const [catalog, lang, words] of [[en, "en", "on the whole loan"], [await loadCatalog("zh-CN"), "zh-CN", "按整笔贷款计"]] as const) {
        useCatalog(catalog, lang);
        expect(t("builder.interest"), lang).toContain(words);
      }
    } finally {
      useCatalog(en, "en");
    }
  });
});

describe("the deal builder's number fields in Chinese", () => {
  it("name the field, then its unit and range in one pair of full-width brackets, as 金额（资金，1–60）: 利率（%，按整笔贷款计，0–15）, not 利率 %，按整笔贷款计（0–15）", async () => {
    const zh = await loadCatalog("zh-CN");
    const fields = ["builder.volume", "builder.price", "builder.coInvest", "builder.amount", "builder.interest", "builder.grace", "builder.duration"] as const;
    expect(fields.map((k) => zh[k]).filter((v) => !/^[^（）%，\s]+（[^（）]*\d+–\d+）$/.test(v))).toEqual([]);
  });
});

describe("the How to play page", () => {
  it("names each ready button as it reads on a laptop and on a phone, in English and Chinese", async () => {
    try {
      for (const lang of ["en", "zh-CN"] as const) {
        useCatalog(await loadCatalog(lang), lang);
        const steps = briefSteps();
        (["event", "negotiation", "review"] as const).forEach((phase, i) => {
          expect(steps[i], `${lang} ${phase}`).toContain(`“${t(`bar.ready.${phase}`)}”`);
          expect(steps[i], `${lang} ${phase}`).toContain(`“${t(`bar.ready.${phase}.short`)}”`);
        });
      }
      useCatalog(en, "en");
      expect(briefSteps()[1]).toContain("Press “I'm done negotiating” (“Done” on a phone)");
    } finally {
      useCatalog(en, "en");
    }
  });
  it("has its own address", () => {
    expect(parseRoute("/how-to-play")).toEqual({ kind: "howto" });
  });
  it("reads docs/RULES.md: every numbered section, the tables and nested lists", () => {
    const blocks = parseMarkdown(readFileSync(join(ROOT, "docs", "RULES.md"), "utf8"));
    const sections = blocks.filter((b) => b.kind === "heading" && b.level === 2).map((b) => (b.kind === "heading" ? plain(b.text) : ""));
    expect(sections[0]).toBe("1. Who is at the table");
    expect(sections.length).toBeGreaterThanOrEqual(9);
    const ministries = blocks.find((b) => b.kind === "table");
    expect(ministries?.kind === "table" && ministries.head.map(plain)).toEqual(["ministry", "agreement types"]);
    expect(blocks.some((b) => b.kind === "list" && b.items.some((i) => i.children))).toBe(true);
    // No Markdown marks are left in the text a reader sees.
    const texts = JSON.stringify(blocks);
    expect(texts).not.toMatch(/\*\*|\| ---/);
  });
  it("leaves developer asides out for players, and the rest of each sentence whole", () => {
    expect(withoutDeveloperNotes("pays half (the scenario's `alignment.regimeDiscount`, 0.5): Japan")).toBe("pays half (0.5): Japan");
    expect(withoutDeveloperNotes("at random (docs/BALANCE.md). When")).toBe("at random. When");
    expect(withoutDeveloperNotes("against par (shared/engine/scoring.ts, `againstPar`), and the rank (see client/model/review.ts `whoWon`).")).toBe("against par, and the rank.");
    expect(withoutDeveloperNotes("one pact (`rule/already_screened`, on proposal and on signature)")).toBe("one pact (on proposal and on signature)");
    expect(withoutDeveloperNotes("settings of the scenario (`rules.*`).")).toBe("settings of the scenario.");
    expect(withoutDeveloperNotes("只付一半（情景的 `alignment.regimeDiscount`，0.5）：日本")).toBe("只付一半（0.5）：日本");
    expect(withoutDeveloperNotes("（提议和签署时均检查，代码为 `rule/already_screened`）")).toBe("（提议和签署时均检查）");
    // A link's address, a plain aside and code that names no setting stay.
    for (const kept of ["(as [the teaching kit](TEACHING.md) gives)", "rules [How to play](RULES.md).", "(1 − 0.05)", "tier (`frontier` only, or `broad`)"]) expect(withoutDeveloperNotes(kept)).toBe(kept);
  });
  it("reads inline marks", () => {
    expect(inline("a **bold** and `code` [link](https://x.org) *em*")).toEqual([
      { kind: "text", text: "a " },
      { kind: "strong", text: "bold" },
      { kind: "text", text: " and " },
      { kind: "code", text: "code" },
      { kind: "text", text: " " },
      { kind: "link", text: "link", href: "https://x.org" },
      { kind: "text", text: " " },
      { kind: "em", text: "em" },
    ]);
  });
  it("numbers a contents entry once: by the heading's own number, or else by its place", () => {
    expect(numbered("3. Deals", 2)).toEqual({ number: "3.", text: "Deals" });
    expect(numbered("Learning objectives", 0)).toEqual({ number: "1.", text: "Learning objectives" });
    expect(numbered("A 3-hour exercise (Alliance 2021)", 2)).toEqual({ number: "3.", text: "A 3-hour exercise (Alliance 2021)" });
  });
  it("reads an autolink as a link to its address, not as text in angle brackets", () => {
    expect(inline("(CNAS, <https://www.cnas.org/a_b>)")).toEqual([
      { kind: "text", text: "(CNAS, " },
      { kind: "link", text: "https://www.cnas.org/a_b", href: "https://www.cnas.org/a_b" },
      { kind: "text", text: ")" },
    ]);
    // The teaching kit's sources, in both languages, are links.
    for (const file of ["TEACHING.md", "TEACHING.zh-CN.md"]) {
      const shown = JSON.stringify(parseMarkdown(readFileSync(join(ROOT, "docs", file), "utf8")));
      expect(shown, file).not.toMatch(/<https?:/);
      expect(shown, file).toContain('"href":"https://www.cnas.org/publications/commentary/what-would-a-us-led-global-technology-alliance-look-like"');
    }
  });
});

describe("a name inside a sentence", () => {
  it("starts lower-case unless it is an acronym (\"Waiting for: undersea cable, 5G network\", not \"5g network\")", async () => {
    const { needsText } = await import("../../client/model/format.ts");
    expect(needsText(["cable", "5g", "datacentre"])).toBe("undersea cable, 5G network, data centre");
  });
});

describe("emoji", () => {
  it("are found with their skin tones and joined parts, and named", async () => {
    const { emojiParts, namedEmoji } = await import("../../client/model/emoji.ts");
    expect(emojiParts("deal? 👍🏽 ok")).toEqual([{ text: "deal? " }, { text: "👍🏽", emoji: "thumbs up" }, { text: " ok" }]);
    expect(emojiParts("👩‍💻")).toEqual([{ text: "👩‍💻", emoji: "emoji" }]);
    expect(namedEmoji("fine ❤️ 🇯🇵")).toBe("fine [heart] [Japan flag]");
  });
  it("are named in the reader's language, a flag by its country's name", async () => {
    const { emojiParts } = await import("../../client/model/emoji.ts");
    const chips = (text: string) => emojiParts(text).flatMap((p) => (p.emoji ? [p.emoji] : []));
    const line = "我们同意标准联盟 🤝🇺🇸🇨🇳 👍🏽";
    expect(chips(line)).toEqual(["handshake", "United States flag", "China flag", "thumbs up"]);
    try {
      useCatalog(zhCN, "zh-CN");
      expect(chips(line)).toEqual(["握手", "美国国旗", "中国国旗", "点赞"]);
      // Letters that name no region, and an emoji without a name of its own, are "emoji" in the reader's words.
      expect(chips("🇽🇽 👩‍💻")).toEqual(["表情", "表情"]);
    } finally {
      useCatalog(en, "en");
    }
  });
  it("leave symbols every font draws alone (©, ™, →, ★)", async () => {
    const { emojiParts } = await import("../../client/model/emoji.ts");
    expect(emojiParts("© ™ → ★ ✔")).toEqual([{ text: "© ™ → ★ ✔" }]);
  });
});

describe("why a join was refused", () => {
  it("reads in the reader's language, without the server's code", async () => {
    try {
      useCatalog(await loadCatalog("zh-CN"), "zh-CN");
      expect(joinRefusal("seat/taken: Japan is already taken")).toEqual({ code: "seat/taken", message: "该席位（或你所选的部门）已有人。请另选，或询问主持人。" });
      expect(joinRefusal("rate/limited: too many wrong codes from here; wait a minute").message).toBe("来自该网络的请求过多；请等一分钟后再试。");
      expect(joinRefusal('game/not_found: room "QQQQQQ" not found: no game of this code is running (it has ended, or the code is mistyped)')).toEqual({ code: "game/not_found", message: "没有使用这个代码、正在进行的对局：对局可能已经结束，或代码输错了。请向主持人或老师核对代码。" });
      expect(joinRefusal("input/invalid: roles: each ministry at most once (diplomat, regulator, envoy)", { as: "player", name: "Dup", seat: "NL", roles: ["diplomat", "diplomat"] }).message).toMatch(/^无法这样加入本局：.*。请修改后再加入。$/);
      useCatalog(en, "en");
      expect(joinRefusal("auth/bad_key: that facilitator key does not open this game").message).toBe("That facilitator key does not open this game.");
      // A code no person meets keeps its detail; a sentence with no code stays whole.
      expect(joinRefusal("input/invalid: name: Required")).toEqual({ code: "input/invalid", message: "name: Required" });
      // A malformed join is read again from what was sent, in the reader's words; one this page finds well-formed came from a server of another version.
      expect(joinRefusal("input/invalid: name: a name is required", { as: "player", name: "  " }).message).toBe("The game cannot take this join: a name is required. Change it and join again.");
      expect(joinRefusal("input/invalid: name: a name is required", { as: "player", name: "Ana" }).message).toBe(t("join.invalidOther"));
      expect(joinRefusal("closed")).toEqual({ message: "closed" });
    } finally {
      useCatalog(en, "en");
    }
  });
  it("has a sentence for every code the server refuses a person's join with", () => {
    const forTools = new Set(["input/invalid", "http/forbidden"]);
    const files = ["server/matchmake-guard.ts", ...readdirSync(join(ROOT, "server", "rooms")).map((f) => `server/rooms/${f}`)];
    const codes = new Set(files.flatMap((f) => [...readFileSync(join(ROOT, f), "utf8").matchAll(/new ServerError\(\d+, [`"]([a-z]+\/[a-z_]+):/g)].map((m) => m[1]!)));
    expect(codes.size).toBeGreaterThan(5);
    for (const code of codes) if (!forTools.has(code)) expect(JOIN_SENTENCES, code).toHaveProperty([code]);
  });
});

describe("seats done", () => {
  const seat = (id: string, bot: boolean, connected: boolean[], done = false) => ({ id, name: id, bloc: "alliance", bot, holders: connected.map((c, i) => ({ id: `${id}${i}`, name: `${id}${i}`, roles: "", connected: c })), done });
  /** Each seat's `done` as the room judges it (server/rooms/GameRoom.ts `markDone`), then the count every view shows. */
  const judged = (seats: ReturnType<typeof seat>[], table: { ready: string[]; phase: string }, waitedOn: (seat: string) => boolean = () => false) =>
    seatsDone(seats.map((x) => ({ ...x, done: seatDone(table, x, waitedOn) === true })));
  it("counts the table's seats, a bot's and one whose people are away; a bot is done unless something waits on it; a seat nobody plays is in neither number", () => {
    const seats = [seat("US", false, [true]), seat("JP", true, []), seat("IN", false, [false]), seat("KE", false, [])];
    expect(judged(seats, { ready: [], phase: "negotiation" })).toEqual({ count: 1, total: 3 });
    expect(judged(seats, { ready: ["US", "IN"], phase: "negotiation" })).toEqual({ count: 3, total: 3 });
    // An offer or a question waits on Japan's bot: it is not done until it answers.
    expect(judged(seats, { ready: ["US", "IN"], phase: "negotiation" }, (s) => s === "JP")).toEqual({ count: 2, total: 3 });
    expect(seatDone({ ready: [], phase: "negotiation" }, seat("KE", false, []), () => false)).toBeUndefined();
  });
  it("in the event and the review counts the same seats, the bots done (they read no card): the same total in every phase", () => {
    const seats = [seat("US", false, [true]), seat("JP", true, []), seat("NL", true, []), seat("IN", false, [true])];
    for (const phase of ["event", "review"]) {
      expect(judged(seats, { ready: [], phase })).toEqual({ count: 2, total: 4 });
      expect(judged(seats, { ready: ["US"], phase })).toEqual({ count: 3, total: 4 });
      expect(judged(seats, { ready: ["US", "IN"], phase }, () => true)).toEqual({ count: 4, total: 4 });
    }
    expect(judged(seats, { ready: [], phase: "negotiation" }).total).toBe(4);
  });
  it("counts what the server judged: a seat's done flag, not the offers a view sees; a flag on a seat nobody plays counts for nothing", () => {
    expect(seatsDone([seat("US", false, [true], true), seat("JP", true, [], false), seat("KE", false, [], true)])).toEqual({ count: 1, total: 2 });
  });
  it("says, at a table no person plays, that the clock ends the phase however many seats are done (only people's done ends one early)", () => {
    expect(personPlays([seat("US", false, [true]), seat("JP", true, [])])).toBe(true);
    // Dropped, a person may come back: the phase still waits on them.
    expect(personPlays([seat("US", false, [false]), seat("JP", true, [])])).toBe(true);
    // Back at a seat a bot took meanwhile.
    expect(personPlays([seat("US", true, [true]), seat("JP", true, [])])).toBe(true);
    expect(personPlays([seat("US", true, []), seat("JP", true, []), seat("KE", false, [])])).toBe(false);
    expect(personPlays([seat("US", true, [false])])).toBe(false);
    expect(doneText({ count: 13, total: 13 }, true)).toBe("13 of 13 seats done");
    expect(doneText({ count: 13, total: 13 }, false)).toBe("13 of 13 seats done · the clock ends the phase");
    useCatalog(zhCN, "zh-CN");
    try {
      expect(doneText({ count: 13, total: 13 }, false)).toBe("13 个席位中已有 13 个完成 · 本阶段到时结束");
    } finally {
      useCatalog(en, "en");
    }
  });
  it("does not shrink to the bots' seats when every student's phone drops", () => {
    const seats = [seat("US", false, [false]), seat("NL", false, [false]), seat("JP", true, []), seat("CN", true, [])];
    expect(judged(seats, { ready: ["JP", "CN"], phase: "negotiation" })).toEqual({ count: 2, total: 4 });
  });
});

describe("a seat holder's ministries", () => {
  it("reads the seat list's comma-joined roles the same way everywhere: none from an empty string, not one empty ministry", () => {
    expect(holderRoles("diplomat,regulator")).toEqual(["diplomat", "regulator"]);
    expect(holderRoles("")).toEqual([]);
  });
});

describe("the ready button", () => {
  const review = (round: number) => ({ phase: "review", round, settings: { rounds: 4 } }) as never;
  it("in the last round's review leads to the final scores, not to a next round, in English and Chinese", async () => {
    try {
      useCatalog(en, "en");
      expect([readyLabel(review(3)), readyLabel(review(3), true)]).toEqual(["I have read the review: next round", "Next"]);
      expect([readyLabel(review(4)), readyLabel(review(4), true)]).toEqual(["I have read the review: see the final scores", "Final scores"]);
      useCatalog(await loadCatalog("zh-CN"), "zh-CN");
      expect([readyLabel(review(3)), readyLabel(review(3), true)]).toEqual(["我已看完回顾，进入下一轮", "下一轮"]);
      expect([readyLabel(review(4)), readyLabel(review(4), true)]).toEqual(["我已看完回顾，查看最终得分", "最终得分"]);
    } finally {
      useCatalog(en, "en");
    }
  });
});

describe("a reload that fails", () => {
  it("forgets the seat token only when it will never open the game again", () => {
    expect(credentialsGone({ raw: "auth/bad_token: that seat token is not one of this game's" })).toBe(true);
    expect(credentialsGone({ raw: "auth/bad_key: wrong facilitator key" })).toBe(true);
    // As the connection passes a refusal: its code beside a message already in the reader's words.
    expect(credentialsGone({ code: "auth/bad_token", raw: "This seat's token is not one of this game's." })).toBe(true);
    expect(credentialsGone({ code: "seat/taken", raw: "That seat is already taken." })).toBe(false);
    expect(credentialsGone({ status: 404 })).toBe(true);
    expect(credentialsGone({ over: true })).toBe(true);
    // A school's address locked for a minute, a game moving between processes, the network: the token works later.
    expect(credentialsGone({ raw: "rate/limited: too many wrong codes from here; wait a minute" })).toBe(false);
    expect(credentialsGone({ status: 429 })).toBe(false);
    expect(credentialsGone({ status: 503 })).toBe(false);
    expect(credentialsGone({ status: 0 })).toBe(false);
    expect(credentialsGone({ raw: "game/elsewhere: the game is moving" })).toBe(false);
  });
});

describe("Play now", () => {
  it("gives a slow reader a minute for the event card and two for the review (the person moves them on with Go on)", () => {
    const classroom = { id: "classroom-quick", timers: { eventSeconds: 20, negotiationSeconds: 300, reviewSeconds: 60 } };
    expect(playNowRequest(classroom)).toEqual({ scenarioId: "classroom-quick", settings: { bots: true, quickStart: true, eventSeconds: 60, reviewSeconds: 120 } });
    // A scenario that already reads slower keeps its own clocks.
    expect(playNowRequest({ id: "x", timers: { eventSeconds: 90, reviewSeconds: 300 } }).settings).toMatchObject({ eventSeconds: 90, reviewSeconds: 300 });
  });
});

describe("the red cell's option on the start page", () => {
  it("names the rival as a sentence does, from the scenario list's own names", () => {
    const us = { id: "US", name: "United States", inSentence: "the United States" };
    expect(redCellWords(us).label).toBe("Red cell: a person plays the United States");
    expect(redCellWords(us).hint).toMatch(/^The United States becomes a seat/);
    expect(redCellWords({ id: "CN", name: "China" }).label).toBe("Red cell: a person plays China");
    useCatalog(zhCN, "zh-CN");
    try {
      expect(redCellWords({ id: "CN", name: "中国" }).label).toBe("红队：由真人扮演中国");
    } finally {
      useCatalog(en, "en");
    }
  });
});

describe("a text inside a text", () => {
  it("keeps its own leading space: a standards race reads 'weight 20 against 8'", () => {
    const english = translator(en, "en");
    const race = (against: Text | string) => ({ key: "news.standard", args: { option: "Open RAN", technology: "6G", weight: 20, against } }) as Text;
    expect(english.render(race({ key: "news.standardAgainst", args: { weight: 8 } }))).toBe("Open RAN leads the 6G race (weight 20 against 8).");
    expect(english.render(race(""))).toBe("Open RAN leads the 6G race (weight 20).");
    expect(translator(zhCN, "zh-CN").render(race({ key: "news.standardAgainst", args: { weight: 8 } }))).toBe("Open RAN 在 6G 之争中领先（权重 20，对方为 8）。");
    // A Chinese name sits close to the Chinese around it; a Latin one stands apart.
    const zh = translator(zhCN, "zh-CN");
    const coalition = (technology: string, option: string) => zh.t("deal.standards", { parties: "日本和美国", technology, option });
    expect(coalition("6G 网络", "单一供应商的一体化 6G")).toBe("日本和美国组成标准联盟，在 6G 网络领域支持单一供应商的一体化 6G");
    expect(coalition("人工智能治理", "以权利为本的人工智能规范")).toBe("日本和美国组成标准联盟，在人工智能治理领域支持以权利为本的人工智能规范");
  });
});

describe("a quoted title with quotes of its own", () => {
  it("nests them: single quotes inside the template's double ones, in Chinese and English alike", () => {
    const zh = translator(zhCN, "zh-CN");
    expect(zh.t("inject.deck.when", { title: "“矿产安全伙伴关系”启动" })).toBe("何时打出“‘矿产安全伙伴关系’启动”");
    expect(translator(en, "en").t("inject.deck.when", { title: "“Digital solidarity” call" })).toBe("When to play “‘Digital solidarity’ call”");
    // A title the template does not quote keeps its own quotes.
    expect(zh.t("cause.card", { title: "“矿产安全伙伴关系”启动" })).toBe("“矿产安全伙伴关系”启动");
  });
});

describe("spaces in Chinese sentences", () => {
  const zh = translator(zhCN, "zh-CN");
  it("keep the template's space beside a number and drop it between two characters", () => {
    expect(zh.t("bot.body.gainsFor", { costs: "0.7 资金", gains: "我方目标“X”（+3）" })).toBe("以 0.7 资金换取我方目标“X”（+3）");
    expect(zh.t("bot.body.costsForNet", { costs: "4 经济繁荣", gains: "+2 安全", points: zh.tn("bot.points", 0.6) })).toBe("代价是 4 经济繁荣，换来 +2 安全；整体来看，对我方为 −0.6 分");
    expect(zh.t("bot.body.costsForNet", { costs: zh.t("bot.part.secret.cost"), gains: "+2 安全", points: zh.tn("bot.points", 1) })).toBe("代价是我方一项目标受挫，换来 +2 安全；整体来看，对我方为 −1 分");
  });
  it("quote a bot's reason on a deal card, so its 我方 (the bot) is not read as the reader's side, and say its hidden goal once", () => {
    const gains = zh.t("bot.body.gains", { gains: zh.list([zh.t("bot.part.secret.gain"), zh.t("bot.part.plus", { amount: 12, what: "国际影响力" })]) });
    expect(zh.t("deals.said", { step: zh.t("deals.step.proposed", { by: "日本" }), reason: gains })).toBe("由日本提出，理由：“带来我方一项目标的进展和 +12 国际影响力”");
  });
  it("drop it between two values that meet on characters, keep it beside a number or a Latin id", () => {
    const two = translator({ ...zhCN, "bot.change": "{term} {from} → {to}" }, "zh-CN");
    expect(two.t("bot.change", { term: "管制范围", from: "全面", to: "前沿" })).toBe("管制范围全面 → 前沿");
    expect(two.t("bot.change", { term: "价格", from: "5", to: "4" })).toBe("价格 5 → 4");
    expect(zh.t("deals.buttonFor", { action: "签署", id: "A3" })).toBe("签署 A3");
  });
  it("read a change of terms as Chinese: from one value to another", () => {
    expect(zh.t("bot.change", { term: "管制范围", from: "全面", to: "前沿" })).toBe("管制范围从全面改为前沿");
    expect(zh.t("bot.change", { term: "价格", from: "5", to: "4" })).toBe("价格从 5 改为 4");
  });
  it("write a loan's sum after 贷款 with its unit: 提供贷款 8 资金, not 提供 8 贷款 nor a bare 8", () => {
    expect(zh.t("deal.loan", { lenders: "日本", recipient: "印度尼西亚", amount: 8, project: "5G 网络", interest: 5, grace: "宽限期 1 轮", conditions: "" })).toBe("日本向印度尼西亚提供贷款 8 资金，用于 5G 网络，利率 5%（宽限期 1 轮）");
  });
  it("keep a setting's name apart from its on/off value: 团队模式：关, not 团队模式关", () => {
    expect(zh.t("lobby.settings", { teams: zh.t("lobby.off"), bots: zh.t("lobby.on"), rounds: 4 })).toBe("团队模式：关 · 机器人：开 · 4 轮");
  });
  it("never touch a person's own words, and leave other languages alone", () => {
    expect(zh.t("bot.body.gainsFor", { costs: "王 芳", gains: "李 娜" })).toBe("以王 芳换取李 娜");
    expect(translator(en, "en").t("bot.body.gainsFor", { costs: "4 capital", gains: "+2 security" })).toBe("brings us +2 security for 4 capital");
  });
});

describe("a bot's change to a deal's length", () => {
  it("reads as one, whatever the number of rounds: never \"1 rounds\"", () => {
    const english = translator(en, "en");
    expect(english.render(changeText({ terms: { type: "screening" }, duration: 1 }, { terms: { type: "screening" }, duration: 2 }))).toBe("length 1 → 2 rounds");
    expect(translator(zhCN, "zh-CN").render(changeText({ terms: { type: "screening" }, duration: 3 }, { terms: { type: "screening" }, duration: 1 }))).toBe("期限从 3 轮改为 1 轮");
  });
});
