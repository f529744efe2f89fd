/**
 * Bots talk: once a negotiation each says in the plenary what it wants and why (from its
 * valuation, in its personality's voice, never naming its secret objective), and it answers
 * questions put to it in chat by the small grammar of shared/bots/intents.ts.
 */
import { describe, expect, it } from "vitest";
import { botContext } from "../../shared/bots/context.ts";
import { appraise, botChooser, dealWith, decideBotAction, noDealWith } from "../../shared/bots/bot.ts";
import { describe as describeDeal } from "../../shared/engine/agreements/index.ts";
import { localizedScenario } from "../../server/scenario-texts.ts";
import { zhCN } from "../../client/i18n/zh-CN.ts";
import { en as enCatalog } from "../../client/i18n/en.ts";
import { scenarioNames, translator } from "../../client/i18n/translator.ts";
import { playGame, questions, Turns, waitingOn } from "../../shared/bots/game-loop.ts";
import { parseIntent, questionsIn } from "../../shared/bots/intents.ts";
import { because, changeText, partText } from "../../shared/bots/speech.ts";
import type { Text } from "../../shared/engine/text.ts";
import type { GameState } from "../../shared/engine/index.ts";
import type { Draft } from "../../shared/engine/actions.ts";
import { translatedNames } from "../../server/scenario-texts.ts";
import { createGame, seatIds } from "../../shared/engine/setup.ts";
import { text } from "../../shared/engine/text.ts";
import { MoveSchema } from "../../shared/engine/actions.ts";
import { PlayerMoveSchema } from "../../shared/protocol/messages.ts";
import { act, negotiating, offer, scenario, seatActor, words, zhWords } from "./helpers.ts";

const rng = () => ({ rng: 12345 });

describe("the grammar of questions", () => {
  it.each([
    ["Why did you decline A3?", { kind: "why", agreementId: "A3" }],
    ["why not?", { kind: "why" }],
    ["你们为什么拒绝协议A12？", { kind: "why", agreementId: "A12" }],
    ["What would it take for you to sign A4?", { kind: "take", agreementId: "A4" }],
    ["what would it take to get a loan from you", { kind: "take", type: "loan" }],
    ["需要什么条件才能签供应协议？", { kind: "take", type: "supply" }],
    ["Will you join A5?", { kind: "join", agreementId: "A5" }],
    ["will you join an export control regime on China?", { kind: "join", type: "export-control" }],
    ["would you sign a loan to us?", { kind: "join", type: "loan" }],
    ["Would you back a standards coalition?", { kind: "join", type: "standards" }],
    ["你们会加入标准联盟吗", { kind: "join", type: "standards" }],
    ["I propose a joint R&D programme in AI", { kind: "propose", type: "rnd", sector: "ai" }],
    ["日本，为什么拒绝 A3？", { kind: "why", agreementId: "A3" }],
    ["为何拒绝A7", { kind: "why", agreementId: "A7" }],
    ["日本，怎样才能让你签 A4？", { kind: "take", agreementId: "A4" }],
    ["你们要什么条件才肯提供贷款？", { kind: "take", type: "loan" }],
    ["日本，你会加入 A5 吗？", { kind: "join", agreementId: "A5" }],
    ["我提议一项供应协议", { kind: "propose", type: "supply" }],
    // docs/RULES.zh-CN.md's examples.
    ["为何拒绝？", { kind: "why", declined: true }],
    ["你们要什么条件？", { kind: "take" }],
    ["会加入出口管制吗？", { kind: "join", type: "export-control" }],
    ["我提议一项贷款", { kind: "propose", type: "loan" }],
    ["我提议合作研究", { kind: "propose", type: "rnd" }],
    ["Hello there, nice weather", { kind: "other" }],
    // A QA player's phrasings: a sector, a tier, a what-if on a deal (named or the last discussed).
    ["how about joint research in quantum?", { kind: "propose", type: "rnd", sector: "quantum" }],
    ["Can you sign A21 if we make it broad?", { kind: "if", agreementId: "A21", tier: "broad" }],
    ["ok but if we pay you something?", { kind: "pay" }],
    ["Would you accept a broad control instead of frontier?", { kind: "if", type: "export-control", tier: "broad" }],
    ["Netherlands and Japan: why won't you join a chip control with us?", { kind: "why", type: "export-control", sector: "semis" }],
    ["join an export control?", { kind: "join", type: "export-control" }],
    ["I propose a semiconductor export-control regime", { kind: "propose", type: "export-control", sector: "semis" }],
    ["Taiwan what do you want from us?", { kind: "take", wants: true }],
    ["日本，需要什么条件？", { kind: "take" }],
    ["日本，为什么拒绝芯片管制？", { kind: "why", type: "export-control", sector: "semis" }],
    ["为何拒绝？", { kind: "why", declined: true }],
    ["如果改成全面管制呢？", { kind: "if", type: "export-control", tier: "broad" }],
    ["如果我们给你们补偿呢？", { kind: "pay" }],
    ["你们会加入量子领域的联合研发吗？", { kind: "join", type: "rnd", sector: "quantum" }],
    ["怎样才能让你们签半导体供应协议？", { kind: "take", type: "supply", sector: "semis" }],
    ["我提议一项前沿芯片出口管制", { kind: "propose", type: "export-control", sector: "semis", tier: "frontier" }],
    // A number after "a" is not a deal's id: the card says "A10".
    ["what would it take for a 10 loan?", { kind: "take", type: "loan" }],
    ["why did you decline a10?", { kind: "why", agreementId: "A10" }],
    ["why not deal 4?", { kind: "why", agreementId: "A4" }],
    // A condition on who else is in; a control on everyone outside its members.
    ["will you join the chip regime if Japan does?", { kind: "if", type: "export-control", sector: "semis", ifJoined: true }],
    ["would you sign A19 if Japan joins too?", { kind: "if", agreementId: "A19", ifJoined: true }],
    ["如果日本也加入，你们会加入芯片管制吗？", { kind: "if", type: "export-control", sector: "semis", ifJoined: true }],
    ["Can you sign A21 if we make it broad?", { kind: "if", agreementId: "A21", tier: "broad" }],
    ["will you join a semiconductors regime on everyone outside?", { kind: "join", type: "export-control", sector: "semis", target: "outside" }],
    ["would you join a chip control on all outside countries?", { kind: "join", type: "export-control", sector: "semis", target: "outside" }],
    ["你们会加入对所有外部国家的芯片管制吗？", { kind: "join", type: "export-control", sector: "semis", target: "outside" }],
    // An offer of money, however put: what money can and cannot buy (docs/RULES.md §1).
    ["如果我们用一笔资金补偿你们的损失，需要多少？", { kind: "pay" }],
    ["If we pay you, would you join the chip export control with us?", { kind: "pay", type: "export-control", sector: "semis" }],
    ["如果我们付钱给你们，你们会加入半导体出口管制吗？", { kind: "pay", type: "export-control", sector: "semis" }],
    ["We can cover your loss. How much?", { kind: "pay" }],
    ["What would it take if we compensate you for A4?", { kind: "pay", agreementId: "A4" }],
    ["Would money help? We have funds.", { kind: "pay" }],
    ["我们可以出钱，你们加入管制吗？", { kind: "pay", type: "export-control" }],
    ["给钱的话，你们签 A2 吗？", { kind: "pay", agreementId: "A2" }],
    // Lending, put as a verb, is a loan proposed: its amount and interest are the terms valued.
    ["Will you lend to them?", { kind: "propose", type: "loan" }],
    ["could you lend us 20?", { kind: "propose", type: "loan", terms: { amount: 20 } }],
    ["we will lend you 10 at 3%", { kind: "propose", type: "loan", terms: { amount: 10, interest: 3 } }],
    ["are you lending to anyone this round?", { kind: "propose", type: "loan" }],
    ["why haven't you lent us anything?", { kind: "why", type: "loan" }],
    ["could you lend us 20 if we make it 2%?", { kind: "if", type: "loan", terms: { amount: 20, interest: 2 } }],
    ["你们会借给我们吗？", { kind: "propose", type: "loan" }],
    ["我们借给你们 10，利率 3%", { kind: "propose", type: "loan", terms: { amount: 10, interest: 3 } }],
    // Lending told in the past is news, not an offer to answer.
    ["We lent to Kenya last round.", { kind: "other" }],
    ["我们借给了肯尼亚。", { kind: "other" }],
    ["你们能借款 20 吗？", { kind: "propose", type: "loan", terms: { amount: 20 } }],
    ["你们会放贷吗？", { kind: "propose", type: "loan" }],
    // Whether terms would do, in plain Chinese and English: a what-if on the deal discussed.
    ["你们能接受利率 1% 吗？", { kind: "if", terms: { interest: 1 } }],
    ["你们能接受全面管制吗？", { kind: "if", type: "export-control", tier: "broad" }],
    ["贷款 30 行不行？", { kind: "if", type: "loan", terms: { amount: 30 } }],
    ["同意吗？", { kind: "if" }],
    ["Do you accept 1% interest?", { kind: "if", terms: { interest: 1 } }],
    // "我们愿意…" is an offer, with its terms and its project, however it ends.
    ["我们愿意向印度提供 30 的基础设施贷款，用于经济走廊，利率 1%，你们接受吗？", { kind: "propose", type: "loan", project: "corridor", terms: { interest: 1, amount: 30 } }],
    ["我们提议向印度提供 30 的基础设施贷款，用于经济走廊，利率 1%。", { kind: "propose", type: "loan", project: "corridor", terms: { interest: 1, amount: 30 } }],
    ["我方愿意提供一笔 20 的贷款，用于数据中心", { kind: "propose", type: "loan", project: "datacentre", terms: { amount: 20 } }],
    ["We are willing to lend you 30 for the economic corridor at 1%, would you accept?", { kind: "propose", type: "loan", project: "corridor", terms: { interest: 1, amount: 30 } }],
    ["we propose a loan of 30 for an undersea cable", { kind: "propose", type: "loan", project: "cable", terms: { amount: 30 } }],
  ])("%s", (words, intent) => {
    expect(parseIntent(words)).toEqual(intent);
  });

  it("names the partners a question names, by their names in any translation, never the bot asked nor a word like “in”", () => {
    const tr = translatedNames("classroom-quick");
    const seats = scenario().countries.map((c) => ({ id: c.id, names: [c.name, ...(tr[c.id] ?? [])] }));
    expect(parseIntent("Japan, will you join a chip control with the Netherlands?", seats, "JP")).toEqual({ kind: "join", type: "export-control", sector: "semis", partners: ["NL"] });
    expect(parseIntent("日本，你们会和荷兰一起加入芯片管制吗？", seats, "JP")).toEqual({ kind: "join", type: "export-control", sector: "semis", partners: ["NL"] });
    expect(parseIntent("Japan, how about research in quantum?", seats, "JP")).toEqual({ kind: "propose", type: "rnd", sector: "quantum" });
    expect(parseIntent("Japan, will you lend to Kenya?", seats, "JP")).toEqual({ kind: "propose", type: "loan", partners: ["KE"] });
    expect(parseIntent("日本，你们会借给肯尼亚吗？", seats, "JP")).toEqual({ kind: "propose", type: "loan", partners: ["KE"] });
  });

  it("“U.S.” is the United States and ends no sentence", () => {
    const seats = scenario().countries.map((c) => ({ id: c.id, names: [c.id, c.name] }));
    expect(questionsIn("Japan, will you join a chip control with the U.S.? Why not?", seats, "JP")).toEqual([
      { kind: "join", type: "export-control", sector: "semis", partners: ["US"] },
      { kind: "why" },
    ]);
    const s = negotiating();
    const said = act(s, { actor: seatActor("CN"), move: { type: "chat", channel: "plenary", text: "Will the U.S. join a research programme with us?" } });
    expect(waitingOn(said, "US")).toBe(true);
  });

  it("a seat's id names it only as written: “in” is not India", () => {
    const s = negotiating();
    const said = (text: string) => act(s, { actor: seatActor("US"), move: { type: "chat", channel: "plenary", text } });
    expect(waitingOn(said("Japan, how about research in quantum?"), "IN")).toBe(false);
    expect(waitingOn(said("IN, why not?"), "IN")).toBe(true);
    expect(waitingOn(said("India, why not?"), "IN")).toBe(true);
  });
});

/** US opens a channel with Japan (a bot) and writes in it. */
function ask(state: GameState, words: string, to = "JP"): { state: GameState; channel: string } {
  const open = (s: GameState) => Object.values(s.channels).some((c) => c.kind === "bilateral" && c.members.includes(to) && c.members.includes("US"));
  const opened = open(state) ? state : act(state, { actor: seatActor("US"), move: { type: "open-channel", members: [to] } });
  const channel = Object.values(opened.channels).find((c) => c.kind === "bilateral" && c.members.includes(to) && c.members.includes("US"))!.id;
  return { state: act(opened, { actor: seatActor("US"), move: { type: "chat", channel, text: words } }), channel };
}

function reply(state: GameState, seat = "JP") {
  const d = decideBotAction(botContext(state, seat), rng());
  expect(d?.action.move.type, "the bot writes back").toBe("chat");
  return d!.action.move as { type: "chat"; channel: string; said: NonNullable<GameState["messages"][number]["said"]> };
}

describe("answering questions in chat", () => {
  it("a question waits on the bot until it answers, in the channel it was asked in", () => {
    const { state, channel } = ask(negotiating(), "Hello Japan, how are you?");
    expect(waitingOn(state, "JP")).toBe(true);
    const r = reply(state);
    expect(r.channel).toBe(channel);
    expect(words(r.said)).toMatch(/^We answer offers and questions about deals/);
    const after = act(state, { actor: seatActor("JP"), move: r });
    expect(waitingOn(after, "JP")).toBe(false);
  });

  it("two questions written one after the other each get their answer, in the order asked; a flood only its latest few", () => {
    const asked = ask(negotiating(), "Hello Japan, how are you?");
    let state = act(asked.state, { actor: seatActor("US"), move: { type: "chat", channel: asked.channel, text: "What would it take to do a deal with you?" } });
    const first = reply(state);
    expect(words(first.said)).toMatch(/^We answer offers and questions about deals/);
    state = act(state, { actor: seatActor("JP"), move: first });
    expect(waitingOn(state, "JP"), "the second question still waits").toBe(true);
    const second = reply(state);
    expect(second.channel).toBe(asked.channel);
    expect(words(second.said)).toMatch(/^We would sign this, for \d rounds: /);
    state = act(state, { actor: seatActor("JP"), move: second });
    expect(waitingOn(state, "JP")).toBe(false);
    // Six lines at once: the bot answers the latest three, then nothing waits on it.
    for (let i = 1; i <= 6; i++) state = act(state, { actor: seatActor("US"), move: { type: "chat", channel: asked.channel, text: `Line ${i}: why not?` } });
    const answers = [];
    while (waitingOn(state, "JP")) {
      const r = reply(state);
      answers.push(r);
      state = act(state, { actor: seatActor("JP"), move: r });
      expect(answers.length).toBeLessThanOrEqual(3);
    }
    expect(answers).toHaveLength(3);
  });

  it("in the plenary one person's flood keeps only their own latest few: another person's question to the bot still waits, and is answered first", () => {
    const line = (seat: string, text: string) => (state = act(state, { actor: seatActor(seat), move: { type: "chat", channel: "plenary", text } }));
    let state = negotiating();
    line("IN", "Japan, what would it take to do a deal with you?");
    for (let i = 1; i <= 8; i++) line("US", `Japan, line ${i}: why not?`);
    const askers = [];
    while (waitingOn(state, "JP")) {
      askers.push(questions(state, "JP")[0]!.from.seat);
      state = act(state, { actor: seatActor("JP"), move: reply(state) });
      expect(askers.length).toBeLessThanOrEqual(4);
    }
    expect(askers).toEqual(["IN", "US", "US", "US"]);
  });

  it("a person who keeps writing to the bot in their channel does not hold back another person's question in theirs: the oldest question waiting is answered first", () => {
    const asked = ask(negotiating(), "Japan, line 1: why not?");
    let state = act(asked.state, { actor: seatActor("IN"), move: { type: "open-channel", members: ["JP"] } });
    const theirs = Object.values(state.channels).find((c) => c.kind === "bilateral" && c.members.includes("IN") && c.members.includes("JP"))!.id;
    state = act(state, { actor: seatActor("IN"), move: { type: "chat", channel: theirs, text: "What would it take to do a deal with you?" } });
    // The United States writes two lines for each the bot answers (its chat rate is twice a bot's pace).
    const channels = [];
    for (let i = 2; i <= 10; i += 2) {
      for (const n of [i, i + 1]) state = act(state, { actor: seatActor("US"), move: { type: "chat", channel: asked.channel, text: `line ${n}: why not?` } });
      const r = reply(state);
      channels.push(r.channel);
      state = act(state, { actor: seatActor("JP"), move: r });
    }
    expect(channels.indexOf(theirs), JSON.stringify(channels)).toBeGreaterThanOrEqual(0);
    expect(channels.indexOf(theirs)).toBeLessThanOrEqual(1);
  });

  it("why, on a private offer of three it turned down, asked in the plenary: it says nothing of it there but to ask in private (the third country did not choose to show it), and answers in the asker's channel", () => {
    const dear = offer(negotiating(), "US", { terms: { type: "export-control", sector: "semis", tier: "broad", target: "CN" }, parties: ["US", "IN", "NL"], duration: 3 });
    // One memory for India's turns: it remembers why it took itself out of an offer.
    const memory = rng();
    const said = (s: GameState) => (decideBotAction(botContext(s, "IN"), memory)!.action.move as { channel: string; said: Said });
    const d = decideBotAction(botContext(dear.state, "IN"), memory)!;
    expect(["decline", "amend"]).toContain(d.action.move.type);
    const answered = act(dear.state, { ...d.action, reason: d.reason! });
    const inPlenary = said(act(answered, { actor: seatActor("US"), move: { type: "chat", channel: "plenary", text: `India, why did you decline ${dear.id}?` } }));
    expect(inPlenary.channel).toBe("plenary");
    expect(words(inPlenary.said)).toBe(`Not everyone here may see ${dear.id}: open a private channel with us and ask there, and we will answer.`);
    const { state } = ask(answered, `Why did you decline ${dear.id}?`, "IN");
    expect(words(said(state).said)).toMatch(new RegExp(`^We (stayed out of|declined) ${dear.id}: costs us `));
  });

  it("asked in the plenary about a private deal it signed, it does not deny it: it asks for a private channel, and tells the plenary nothing of the deal; there it answers", () => {
    // The walkthrough's question: a pact of four the United States proposed and Japan signed, not yet signed by all (so private to its parties).
    const pact = offer(negotiating(), "US", { terms: { type: "export-control", sector: "semis", tier: "frontier", target: "CN" }, parties: ["US", "JP", "NL", "TW"], duration: 3 });
    const signed = act(pact.state, { actor: seatActor("JP"), move: { type: "sign", agreementId: pact.id, revision: 1 } });
    const deal = signed.agreements.find((a) => a.id === pact.id)!;
    expect(deal.signatures).toEqual(expect.arrayContaining(["US", "JP"]));
    expect(deal.status).toBe("proposed");
    const inPlenary = (s: GameState, asker: string, text: string) => reply(act(s, { actor: seatActor(asker), move: { type: "chat", channel: "plenary", text } }));
    const r = inPlenary(signed, "US", `Japan, what would it take for you to sign ${pact.id}?`);
    expect(r.channel).toBe("plenary");
    expect(words(r.said)).toBe(`Not everyone here may see ${pact.id}: open a private channel with us and ask there, and we will answer.`);
    expect(zhWords(r.said)).toBe(`这里并非人人都能看到协议 ${pact.id}：请与我方开设私下频道并在那里提问，我方会回答。`);
    // What the plenary receives names none of the deal's parties or terms, and invites no terms.
    expect(r).not.toHaveProperty("draft");
    for (const said of [words(r.said), zhWords(r.said)]) expect(said).not.toMatch(/Netherlands|Taiwan|United States|China|semiconductor|export|荷兰|台湾|美国|中国|半导体|出口/);
    // The same question in the two's private channel gets the answer about the deal.
    const { said } = turn(signed, `What would it take for you to sign ${pact.id}?`);
    expect(said.key).not.toMatch(/^bot\.dm\.(unknown|private)/);
    expect(words(said)).toContain(pact.id);
    // A country not party to it, asking the same in the plenary, learns nothing: the answer a deal that does not exist gets.
    expect(words(inPlenary(signed, "IN", `Japan, what would it take for you to sign ${pact.id}?`).said)).toBe(`We see no deal ${pact.id}.`);
    expect(words(inPlenary(signed, "IN", "Japan, what would it take for you to sign A99?").said)).toBe("We see no deal A99.");
    // With private channels closed by the facilitator, it says it cannot discuss the deal there.
    const closed = act(signed, { actor: { kind: "facilitator" }, move: { type: "set-comms", channels: "closed" } });
    const shut = inPlenary(closed, "US", `Japan, what would it take for you to sign ${pact.id}?`);
    expect(words(shut.said)).toBe(`Not everyone here may see ${pact.id}, and private channels between us are closed, so we cannot discuss it here.`);
  });

  it("why: the reason it gave on the deal, from its valuation", () => {
    const dear = offer(negotiating(), "US", { terms: { type: "export-control", sector: "semis", tier: "broad", target: "CN" }, parties: ["US", "IN"], duration: 3 });
    const d = decideBotAction(botContext(dear.state, "IN"), rng())!;
    expect(d.action.move.type).toBe("decline");
    const declined = act(dear.state, { ...d.action, reason: d.reason! });
    const { state } = ask(declined, `Why did you decline ${dear.id}?`, "IN");
    const r = reply(state, "IN");
    // Its reason as an answer, the deal named once: not "On A3: declined: …", "关于 A3：已拒绝：…".
    expect(words(d.reason)).toMatch(/^declined: /);
    expect(words(r.said)).toBe(`We declined ${dear.id}: ${words(d.reason).replace(/^declined: /, "")}.`);
    expect(zhWords(r.said)).toMatch(new RegExp(`^我方拒绝了 ${dear.id}：[^：]+。$`));
  });

  it("what would it take, on a declined deal: the change of terms it would sign", () => {
    const near = offer(negotiating(), "ID", { terms: { type: "supply", suppliers: ["ID"], buyers: ["JP"], sector: "minerals", volume: 6, price: 4 }, duration: 2 });
    const declined = act(near.state, { actor: seatActor("JP"), move: { type: "decline", agreementId: near.id, revision: 1 } });
    const opened = act(declined, { actor: seatActor("ID"), move: { type: "open-channel", members: ["JP"] } });
    const channel = Object.values(opened.channels).find((c) => c.kind === "bilateral")!.id;
    const state = act(opened, { actor: seatActor("ID"), move: { type: "chat", channel, text: `What would it take on ${near.id}?` } });
    const r = reply(state);
    expect(words(r.said)).toMatch(new RegExp(`^We would sign ${near.id} with (price|volume) \\d`));
  });

  it("what would it take, on a country: a deal it would sign with the asker, which it then signs", () => {
    const s = negotiating();
    const w = dealWith(botContext(s, "JP"), "US");
    expect(w, "Japan sees a deal with the United States").not.toBeNull();
    expect(words(w!.reason)).toMatch(/^worth signing: /);
    const again = offer(s, "US", w!.draft);
    const d = decideBotAction(botContext(again.state, "JP"), rng())!;
    expect(d.action.move).toMatchObject({ type: "sign", agreementId: again.id });
    // Asked in chat, it names that deal.
    const r = reply(ask(s, "What would it take to do a deal with you?").state);
    expect(words(r.said)).toMatch(/^We would sign this, for \d rounds: .+\. By our count, it brings us .+\. Propose it/);
  });

  it("a line that invites a proposal carries exactly the terms it names, for the asker to put in the deal builder; only a bot's line carries terms", () => {
    const s = negotiating();
    const { state, channel } = ask(s, "What would it take to do a deal with you?");
    const r = reply(state);
    expect(r.said.key).toBe("bot.dm.offer");
    const draft = (r as typeof r & { draft?: Draft }).draft;
    expect(draft, "the line carries the terms it names").toBeDefined();
    // The very terms its words describe, over the rounds they say: proposed, the bot signs them.
    expect(r.said.args!.deal).toEqual(describeDeal(draft!));
    expect(words(r.said)).toContain(`for ${draft!.duration} rounds`);
    const proposed = offer(s, "US", draft!);
    expect(decideBotAction(botContext(proposed.state, "JP"), rng())!.action.move).toMatchObject({ type: "sign", agreementId: proposed.id });
    // The message keeps them, for its channel's members (the view filters lines by channel).
    const line = act(state, { actor: seatActor("JP"), move: r }).messages.at(-1)!;
    expect(line.draft).toEqual(draft);
    // A person's message carries no terms, nor does a line that names none.
    expect(PlayerMoveSchema.safeParse({ type: "chat", channel, text: "hi", draft }).success).toBe(false);
    expect(MoveSchema.safeParse({ type: "chat", channel, text: "hi", draft }).success).toBe(false);
    expect(reply(ask(s, "Hello Japan, how are you?").state)).not.toHaveProperty("draft");
  });

  it("will you join a deal every party signed: none can join it now; then yes or no on the fresh deal of its kind, with the valuation's reason", () => {
    // A regime the United States and the Netherlands signed: public, so Japan sees it, and closed to new parties (docs/RULES.md §3).
    const regime = offer(negotiating(), "US", { terms: { type: "export-control", sector: "semis", tier: "frontier", target: "CN" }, parties: ["US", "NL"], duration: 4 });
    const signed = act(regime.state, { actor: seatActor("NL"), move: { type: "sign", agreementId: regime.id, revision: 1 } });
    const r = reply(ask(signed, `Japan, will you join ${regime.id}?`).state);
    // The fresh deal of its kind (the same regime with Japan in it) is one the engine refuses: its members are in one regime on chips to China already (docs/RULES.md §4.1).
    expect(words(r.said)).toBe(`${regime.id} is signed by all its parties, and no country can join it now: a deal takes new parties only while it is an offer. No export-control regime in semiconductors with you is open to us this round: the United States is already in ${regime.id} on semiconductors against China (one regime per sector and target): leave the United States out of this one, or leave ${regime.id} first.`);
  });

  it("in the plenary a bot answers to its country's name in every shipped translation, in Chinese too", () => {
    const s = negotiating();
    const translated = translatedNames("classroom-quick");
    const ask = (text: string) => act(s, { actor: seatActor("US"), move: { type: "chat", channel: "plenary", text } });
    // Chinese is written without spaces: the name counts wherever it stands.
    for (const text of ["日本，为什么拒绝 A3？", "请问日本为什么拒绝A3", "JP: 怎样才能让你签？"]) {
      expect(waitingOn(ask(text), "JP", translated), text).toBe(true);
      expect(waitingOn(ask(text), "NL", translated), text).toBe(false);
    }
    // Without the translations (a scenario with none) the Chinese name is just a word.
    expect(waitingOn(ask("日本，为什么拒绝 A3？"), "JP")).toBe(false);
    // 印度 (India) inside 印度尼西亚 (Indonesia) names Indonesia only.
    const indonesia = ask("印度尼西亚，你会加入 A5 吗？");
    expect(waitingOn(indonesia, "ID", translated)).toBe(true);
    expect(waitingOn(indonesia, "IN", translated)).toBe(false);
    expect(waitingOn(ask("印度和印度尼西亚，你们会加入 A5 吗？"), "IN", translated)).toBe(true);
    // The bot answers in the plenary, with a catalog sentence each reader reads in their language.
    const asked = ask("日本，你们想要什么条件？");
    const d = decideBotAction(botContext(asked, "JP"), rng(), { names: translated });
    expect(d?.action.move).toMatchObject({ type: "chat", channel: "plenary" });
    const said = (d!.action.move as { said: Parameters<typeof zhWords>[0] }).said;
    expect(words(said)).toMatch(/^We would sign this, for \d rounds: /);
    expect(zhWords(said)).not.toMatch(/\{|bot\./);
    expect(zhWords(said)).not.toBe(words(said));
    const after = act(asked, d!.action);
    expect(waitingOn(after, "JP", translated)).toBe(false);
  });

  it("a question in the plenary waits on a bot only when it names it", () => {
    const s = negotiating();
    const named = act(s, { actor: seatActor("US"), move: { type: "chat", channel: "plenary", text: "Japan, what would it take?" } });
    expect(waitingOn(named, "JP")).toBe(true);
    expect(waitingOn(named, "NL")).toBe(false);
    expect(reply(named).channel).toBe("plenary");
  });
});

describe("talking in the plenary", () => {
  it("every bot writes one grounded message a round, in its personality's voice, never naming its secret", () => {
    const s = scenario();
    const game = playGame({ scenario: s, settings: { seed: "talk" } }, {});
    const seats = s.countries.filter((c) => c.control === "seat");
    for (let round = 1; round <= game.state.round; round++) {
      for (const c of seats) {
        const said = game.state.messages.filter((m) => m.channel === "plenary" && m.from.seat === c.id && m.round === round);
        expect(said.length, `${c.id} in round ${round}`).toBe(1);
        const english = words(said[0]!.said);
        if (c.secret) expect(english).not.toContain(c.secret.text.replace(/\.$/, ""));
        // Grounded: a deal it proposed this round and what it is worth, an offer it has out, or what it
        // needs (nothing); the table's numbers once a round (tests/bots/plenary.test.ts).
        expect(english).toMatch(/: .*\d|nothing|no side|offered an? .* in private/);
        expect(zhWords(said[0]!.said)).not.toMatch(/\{|bot\./);
      }
    }
    // Personalities speak differently: the hawk (US) leads with security, the hedger (Indonesia) with its options.
    const first = (id: string) => words(game.state.messages.find((m) => m.from.seat === id)!.said);
    const personality = (id: string) => seats.find((c) => c.id === id)!.personality;
    expect(new Set(seats.map((c) => first(c.id).split(/[.:]/)[0])).size).toBeGreaterThan(1);
    for (const c of seats) if (personality(c.id) === "hawk") expect(first(c.id)).toMatch(/^Security first/);
    // A deal it wants reads as one deal in English: "we want a supply-chain deal with…".
    const wants = seats.flatMap((c) => game.state.messages.filter((m) => m.channel === "plenary" && m.from.seat === c.id).map((m) => words(m.said)));
    const wanted = /(?:this round we (?:want|offer|would do)|This round:) /;
    const named = wants.filter((w) => wanted.test(w));
    expect(named.length).toBeGreaterThan(0);
    for (const w of named) expect(w).toMatch(/(?:this round we (?:want|offer|would do)|This round:) an? [a-z]/);
  });
});

describe("talking in the plenary, which everyone reads", () => {
  /** Japan's moves alone from `state` up to its plenary line (its offers wait, unsigned); `before`: the state it speaks in, changed first. */
  function plenaryLine(state: GameState, before: (s: GameState) => GameState = (s) => s) {
    let s = state;
    for (let i = 0; i < 30; i++) {
      const d = decideBotAction(botContext(s, "JP"), rng())!;
      if (d.action.move.type === "chat" && d.action.move.channel === "plenary") {
        const spoken = decideBotAction(botContext(before(s), "JP"), rng())!.action.move as { channel: string; said: Said };
        expect(spoken.channel).toBe("plenary");
        return { said: spoken.said, state: s };
      }
      s = act(s, d.reason ? { ...d.action, reason: d.reason } : d.action);
    }
    throw new Error("Japan never spoke in the plenary");
  }

  it("a deal it proposed that only its parties see is named by its kind alone: not with whom, nor its numbers; once every party has signed, with both", () => {
    const { said, state } = plenaryLine(negotiating());
    const offers = state.agreements.filter((a) => a.proposedBy === "JP");
    expect(offers.length).toBeGreaterThan(0);
    expect(offers.every((a) => a.status === "proposed" && a.parties.some((p) => !a.signatures.includes(p)))).toBe(true);
    const partners = [...new Set(offers.flatMap((a) => a.parties))].filter((p) => p !== "JP");
    const english = words(said);
    // Offered in private to someone, and what it would sign with the reader is its answer when asked (the button's, talk.ts dealWith): not "we want a loan" to a reader it would offer a control.
    expect(english).toMatch(/^This round we have offered an? [a-z].* in private; ask us what we would sign with you\. Note: /);
    const name = (p: string, sc = scenario()) => sc.countries.find((c) => c.id === p)!.name;
    for (const p of partners) expect(english).not.toContain(name(p));
    expect(english).not.toMatch(/brings us|costs us|points?\b/);
    const chinese = zhLocal(said);
    for (const p of partners) expect(chinese).not.toContain(name(p, localizedScenario(scenario(), "zh-CN")));

    // The same deal signed by every party is public: named with its partners and why.
    const signedByAll = (s: GameState) =>
      offers.reduce((x, a) => a.parties.filter((p) => !a.signatures.includes(p)).reduce((y, p) => act(y, { actor: seatActor(p), move: { type: "sign", agreementId: a.id, revision: a.revision } }), x), s);
    const shown = words(plenaryLine(negotiating(), signedByAll).said);
    expect(shown).toMatch(/^This round we want an? [a-z].* with .+: it (brings|costs) us /);
    expect(partners.filter((p) => shown.includes(name(p))).length, shown).toBeGreaterThan(0);
  });
});

/** A bot sentence as a Chinese reader reads it, with the scenario's Chinese names (as the client renders it). */
const zhLocal = (t: Parameters<typeof words>[0]) => translator(zhCN, "zh-CN", scenarioNames(localizedScenario(scenario(), "zh-CN"))).render(t!);
type Said = NonNullable<GameState["messages"][number]["said"]>;
/** The argument `k` of a catalog sentence, as an English reader reads it. */
const arg = (t: Said, k: string) => words((t.args as Record<string, Said>)[k]);
/** An answer to an offer of money (“if we pay you…”): its answer on the deal itself, after the lead that the deal's terms carry no payment or where they do. */
const payThen = (t: Said): Said => {
  const lead = t.key === "bot.dm.pay.money" ? ((t.args as Record<string, Said>).first as Said) : t;
  expect(lead.key).toMatch(/^bot\.dm\.pay\.(none|terms)/);
  return (lead.args as Record<string, Said>).then!;
};
/** "not worth signing: X" / "worth signing: X" → X: the valuation's own words. */
const why = (t: Said) => words(t).replace(/^(not )?worth signing: /, "");

/** In round 1, Japan declines a frontier chip control the United States proposed with it, and signs a screening pact after it. */
function declinedControl() {
  const ctl = offer(negotiating(), "US", { terms: { type: "export-control", sector: "semis", tier: "frontier", target: "CN" }, parties: ["US", "JP"], duration: 3 });
  const d = decideBotAction(botContext(ctl.state, "JP"), rng())!;
  expect(d.action.move).toMatchObject({ type: "decline", agreementId: ctl.id });
  const declined = act(ctl.state, { ...d.action, reason: d.reason! });
  const pact = offer(declined, "US", { terms: { type: "screening" }, parties: ["US", "JP"], duration: 3 });
  const p = decideBotAction(botContext(pact.state, "JP"), rng())!;
  expect(p.action.move).toMatchObject({ agreementId: pact.id });
  return { state: act(pact.state, { ...p.action, reason: p.reason! }), control: ctl.id, pact: pact.id, declined: d.reason! };
}

/** US writes `text` to Japan in their channel; Japan's reply, and the state after it. */
function turn(state: GameState, text: string, to = "JP") {
  const asked = ask(state, text, to);
  const r = reply(asked.state, to);
  return { said: r.said, state: act(asked.state, { actor: seatActor(to), move: r }) };
}

describe("what a QA player wrote to the bots", () => {
  it("a named sector constrains the answer: joint research in quantum, or why none pays in quantum", () => {
    const { said } = turn(negotiating(), "how about joint research in quantum?");
    const en = words(said);
    expect(en).toMatch(/quantum/i);
    expect(en).not.toMatch(/AI & compute/);
    expect(zhLocal(said)).toMatch(/量子/);
    // The joint research it would sign, or the valuation of the nearest: its numbers either way.
    expect(["bot.dm.offer", "bot.dm.offerNoneWhy", "bot.dm.offerNoneIf"]).toContain(said.key);
    expect(en).toMatch(/\d/);
  });

  it("what-ifs on the deal named or last discussed are valued as changed: yes or no, by the valuation of the changed deal", () => {
    const g = declinedControl();
    const broad = { terms: { type: "export-control" as const, sector: "semis" as const, tier: "broad" as const, target: "CN" }, parties: ["US", "JP"], duration: 3 };
    const first = turn(g.state, `Can you sign ${g.control} if we make it broad?`);
    const a = appraise(botContext(first.state, "JP"), broad)!;
    expect((first.said.args as { id: string }).id).toBe(g.control);
    expect(first.said.key).toBe(a.value >= a.threshold ? "bot.dm.ifYes" : "bot.dm.ifNo");
    expect(arg(first.said, "change")).toMatch(/tier Frontier only → Broad/);
    expect(arg(first.said, "why")).toBe(why(a.reason));
    // No id: the deal last discussed in this channel.
    const second = turn(first.state, "ok but if we pay you something?");
    expect((payThen(second.said).args as { id: string }).id).toBe(g.control);
    const third = turn(second.state, "Would you accept a broad control instead of frontier?");
    expect((third.said.args as { id: string }).id).toBe(g.control);
    expect(arg(third.said, "why")).toBe(why(a.reason));
    // In Chinese too.
    const fourth = turn(third.state, "如果改成全面管制呢？");
    // The same answer as just before, said so (talk.ts `asAnswered`).
    expect(words(fourth.said)).toBe(`Our answer is the same as just now. ${words(third.said)}`);
    expect(zhLocal(fourth.said)).toMatch(new RegExp(`^我方的答复与刚才相同。(不，即使将|可以：若将) ${g.control} 的管制范围从仅限前沿技术改为全面管制，`));
  });

  it("“why” with a type or sector answers on the matching deal the asker offered, not the latest one", () => {
    const g = declinedControl();
    const plenary = (text: string) => act(g.state, { actor: seatActor("US"), move: { type: "chat", channel: "plenary", text } });
    const names = { names: translatedNames("classroom-quick") };
    for (const text of ["Netherlands and Japan: why won't you join a chip control with us?", "日本，为什么拒绝芯片管制？"]) {
      const d = decideBotAction(botContext(plenary(text), "JP"), rng(), names)!;
      const said = (d.action.move as { said: Said }).said;
      expect(words(said), text).toBe(`We declined ${g.control}: ${words(g.declined).replace(/^declined: /, "")}.`);
    }
  });

  it("“why did you decline?” naming no deal: the deal it declined, not a deal it signed or proposed since; nothing declined, and it says so", () => {
    // Japan declined the United States' control, then signed its screening pact.
    const g = declinedControl();
    const reason = `We declined ${g.control}: ${words(g.declined).replace(/^declined: /, "")}.`;
    for (const q of ["why did you decline?", "为什么拒绝？"]) expect(words(turn(g.state, q).said), q).toBe(reason);
    // Japan signed the pact and declined nothing of the United States'.
    const pact = offer(negotiating(), "US", { terms: { type: "screening" }, parties: ["US", "JP"], duration: 3 });
    const p = decideBotAction(botContext(pact.state, "JP"), rng())!;
    expect(p.action.move).toMatchObject({ type: "sign", agreementId: pact.id });
    const signed = act(pact.state, { ...p.action, reason: p.reason! });
    const none = turn(signed, "why did you decline?").said;
    expect(words(none)).toBe("We have declined no deal of yours, nor stepped out of one.");
    expect(zhLocal(turn(signed, "为什么拒绝？").said)).toBe("我方没有拒绝过你方的任何协议，也没有退出过。");
  });

  it("“why did you decline?” after it stepped out of the asker's regime of three, then signed a pact: the reason it gave when it left", () => {
    const regime = offer(negotiating(), "US", { terms: { type: "export-control", sector: "semis", tier: "broad", target: "CN" }, parties: ["US", "IN", "NL"], duration: 3 });
    const memory = rng();
    const d = decideBotAction(botContext(regime.state, "IN"), memory)!;
    expect(d.action.move.type).toBe("amend");
    // Then it signs the United States' screening pact: a reason given since, but not a decline.
    const pact = offer(act(regime.state, { ...d.action, reason: d.reason! }), "US", { terms: { type: "screening" }, parties: ["US", "IN"], duration: 3 });
    const p = decideBotAction(botContext(pact.state, "IN"), memory)!;
    expect(p.action.move).toMatchObject({ type: "sign", agreementId: pact.id });
    const { state } = ask(act(pact.state, { ...p.action, reason: p.reason! }), "why did you decline?", "IN");
    const r = decideBotAction(botContext(state, "IN"), memory)!.action.move as { said: Said };
    expect(words(r.said)).toMatch(new RegExp(`^We stayed out of ${regime.id}: costs us `));
  });

  it("just after signing the asker's deal, with nothing more that pays: it says it has just signed it, on the country card and in chat, not that it sees no deal", () => {
    // India proposes the supply deal China would sign; China signs it, and then sees none more.
    const { o, s, signed } = chinaSignsIndiasOffer();
    expect(s.action.move).toMatchObject({ type: "sign", agreementId: o.id });
    expect(dealWith(botContext(signed, "CN"), "IN")).toBeNull();
    const card = noDealWith(botContext(signed, "CN"), "IN");
    expect(words(card)).toBe(`China signed ${o.id} this round and sees no other deal with you that pays for it now; make it an offer and it will answer.`);
    expect(zhLocal(card)).toBe(`中国本轮已签署 ${o.id}，看不到与你方之间其他对其有利的协议；向其提出提议，它会答复。`);
    const en = words(say(signed, "what would it take?", "IN", "CN").said);
    expect(en).toMatch(new RegExp(`^We signed ${o.id} this round(\\.| and see no other deal)`));
    expect(en).not.toMatch(/No deal with you|We see no deal/);
    expect(zhWords(say(signed, "需要什么条件？", "IN", "CN").said)).toMatch(new RegExp(`^我方本轮已签署 ${o.id}`));
    // Before it signs, the card has nothing of the kind to say.
    expect(noDealWith(botContext(o.state, "CN"), "IN")).toBeUndefined();
  });

  it("just after signing an offer that still waits on the asker's signature: it says the offer waits on it, not that the two have signed", () => {
    const { o, signed } = chinaSignsIndiasOffer();
    // The same deal as if India's signature were still missing: China's alone makes no deal.
    const open = structuredClone(signed);
    const deal = open.agreements.find((a) => a.id === o.id)!;
    deal.status = "proposed";
    deal.signatures = deal.signatures.filter((p) => p !== "IN");
    const card = noDealWith(botContext(open, "CN"), "IN");
    expect(words(card)).toBe(`China signed ${o.id} (now waiting on your signature) this round and sees no other deal with you that pays for it now; make it an offer and it will answer.`);
    expect(zhLocal(card)).toBe(`中国本轮已签署 ${o.id}（现待你方签署），看不到与你方之间其他对其有利的协议；向其提出提议，它会答复。`);
    expect(words(say(open, "what would it take?", "IN", "CN").said)).toMatch(new RegExp(`^We signed ${o.id} \\(now waiting on your signature\\) this round`));
    // Its signature taken off since (India amended the offer): it has signed nothing this round.
    deal.signatures = ["IN"];
    expect(noDealWith(botContext(open, "CN"), "IN")).toBeUndefined();
  });

  it("just after signing an offer that is still its parties' alone, asked in the plenary: it names no such deal", () => {
    const { o, signed } = chinaSignsIndiasOffer();
    // The same deal as if a third party had yet to sign: an open offer only its parties see.
    const open = structuredClone(signed);
    const deal = open.agreements.find((a) => a.id === o.id)!;
    deal.status = "proposed";
    deal.parties = [...deal.parties, "US"];
    const asked = act(open, { actor: seatActor("IN"), move: { type: "chat", channel: "plenary", text: "China, what would it take?" } });
    const r = decideBotAction(botContext(asked, "CN"), rng())!.action.move as { said: Said };
    expect(words(r.said)).not.toContain(o.id);
    // In private, between the two, it says so.
    expect(words(say(open, "what would it take?", "IN", "CN").said)).toContain(o.id);
  });

  it("a regime nobody pays for is explained from the valuation, not a stock line", () => {
    let state = negotiating();
    for (const q of ["join an export control?", "I propose a semiconductor export-control regime", "What would it take for you to join an export control?"]) {
      const r = turn(state, q, "NL");
      state = r.state;
      const en = words(r.said);
      expect(en, q).not.toBe("We see no export-control regime with you that would pay for us.");
      // What joining would cost it, in numbers: a deal it would sign, or why the nearest does not pay.
      expect(["bot.dm.offer", "bot.dm.offerNoneWhy", "bot.dm.offerNoneIf"], q).toContain(r.said.key);
      expect(en, q).toMatch(/Controls by .*\(.*\d/);
    }
  });

  it("never suggests a deal the asker and the bot already have", () => {
    const s = negotiating();
    const w = dealWith(botContext(s, "TW"), "US")!;
    expect(w).not.toBeNull();
    const proposed = offer(s, "US", w.draft);
    const d = decideBotAction(botContext(proposed.state, "TW"), rng())!;
    expect(d.action.move).toMatchObject({ type: "sign", agreementId: proposed.id });
    const signed = act(proposed.state, { ...d.action, reason: d.reason! });
    const again = dealWith(botContext(signed, "TW"), "US");
    if (again) expect(again.draft.terms.type === w.draft.terms.type && JSON.stringify(again.draft.terms) === JSON.stringify(w.draft.terms)).toBe(false);
    const r = turn(signed, "Taiwan what do you want from us?", "TW");
    expect(words(r.said)).not.toContain(words(describeDeal(w.draft)));
  });

  it("a question in Chinese is answered in a catalog sentence every reader reads in their own language", () => {
    const s = negotiating();
    const asked = act(s, { actor: seatActor("US"), move: { type: "chat", channel: "plenary", text: "日本，需要什么条件？" } });
    const d = decideBotAction(botContext(asked, "JP"), rng(), { names: translatedNames("classroom-quick") })!;
    const said = (d.action.move as { said: Said }).said;
    expect(words(said)).toMatch(/^We would sign this, for \d rounds: /);
    // No English left for a Chinese reader (ids, 6G and the like aside).
    expect(zhLocal(said)).toMatch(/^我方会签署这项为期 \d 轮的协议：/);
    expect(zhLocal(said)).not.toMatch(/[A-Za-z]{4,}/);
  });
});

describe("how a valuation's parts read", () => {
  it("a decline names a gain worth little to the bot, not “nothing we need”", () => {
    const v = { value: -0.12, parts: [{ label: "security", amount: 0.1, points: 0.02 }, { label: "capital", amount: -10.4, points: -0.14 }] };
    expect(words(because(v, true))).toBe("costs us 10.4 capital for +0.1 security; −0.1 points to us, all told");
    expect(zhWords(because(v, true))).toMatch(/\+0\.1 国家安全/);
    // With no gain at all, nothing we need.
    expect(words(because({ value: -0.14, parts: [v.parts[1]!] }, true))).toBe("costs us 10.4 capital for nothing we need");
  });

  it("with no deal to suggest, it asks for an offer and says it will answer it", () => {
    expect(words(text("bot.dm.offerNone"))).toBe("We see no deal with you that would pay for us; make us an offer and we will answer it.");
    expect(zhWords(text("bot.dm.offerNone"))).toBe("我方看不到与你方之间对我方有利的协议；请提出提议，我方会答复。");
  });

  it("a decline worth about nothing says it gains the bot nothing, not “only +0 points … too little”", () => {
    for (const value of [0.03, -0.02]) {
      const v = { value, parts: [{ label: "security", amount: 2, points: 0.5 }, { label: "prosperity", amount: -1.5, points: -0.5 + value }] };
      expect(words(because(v, true)), String(value)).toBe("costs us 1.5 prosperity for +2 security; all told, it gains us nothing");
      expect(zhWords(because(v, true)), String(value)).toBe("代价是 1.5 经济繁荣，换来 +2 国家安全；整体来看，对我方毫无好处");
    }
    // Worth a tenth or more, the points are said.
    expect(words(because({ value: 0.1, parts: [{ label: "security", amount: 2, points: 0.6 }, { label: "prosperity", amount: -1.5, points: -0.5 }] }, true))).toMatch(/; only \+0\.1 points to us, all told, too little$/);
  });

  it("a deal declined that costs nothing and gains nothing: “gains us nothing”, not “gives us too little (0 points)”; a little, with its points", () => {
    expect(words(because({ value: 0.02, parts: [{ label: "influence", amount: 0.1, points: 0.02 }] }, true))).toBe("gains us nothing");
    expect(zhWords(because({ value: 0, parts: [] }, true))).toBe("对我方毫无好处");
    expect(words(because({ value: 0.3, parts: [{ label: "influence", amount: 1, points: 0.3 }] }, true))).toBe("gives us too little (0.3 points)");
  });

  it("a cost to a goal reads as a setback to it (“costs us 7.4 prosperity and a setback to our goal of prosperity at 56 or more”), not as if the goal were a price paid", () => {
    const goal = { label: "objective", points: -1.4, amount: -1.4, objective: { id: "tw-secure", of: "TW", condition: { kind: "metric" as const, metric: "security" as const, atLeast: 45 } } };
    expect(words(partText(goal, false))).toBe("a setback to our goal of security at 45 or more (−1.4 points)");
    expect(zhWords(partText(goal, false))).toMatch(/^我方目标“国家安全保持在 45 或以上”受挫（−1\.4 分）$/);
    const other = { ...goal, objective: { id: "tw-secure", of: "TW" } };
    expect(words(partText(other, false))).toMatch(/^a setback to our objective “.+” \(−1\.4 points\)$/);
    expect(zhWords(partText(other, false))).toMatch(/^我方目标“.+”受挫（−1\.4 分）$/);
  });

  it("a goal gained reads in Chinese as progress on it after 带来 and 换取 (带来我方目标“X”的进展), not as if the goal itself were brought or bought (带来我方目标“X”)", () => {
    const goal = { label: "objective", points: 1.5, amount: 1.5, objective: { id: "tw-secure", of: "TW", condition: { kind: "metric" as const, metric: "security" as const, atLeast: 45 } } };
    expect(zhWords(because({ value: 1.5, parts: [goal] }, false))).toBe("带来我方目标“国家安全保持在 45 或以上”的进展（+1.5 分）");
    const other = { ...goal, objective: { id: "tw-secure", of: "TW" } };
    expect(zhWords(partText(other, true))).toMatch(/^我方目标“.+”的进展（\+1\.5 分）$/);
  });

  it("the shared targets and the crisis in plain words, by how much likelier (“about 13 in 100 more”; no number for a change under 3), not in percentage points; an objective with a short form by its condition, not its whole text in quotes", () => {
    const shared = { label: "the shared targets", points: 0.4, amount: 1.3 };
    expect(words(partText(shared, true))).toBe("a slightly better chance that the table meets its shared targets");
    expect(words(partText({ ...shared, points: -0.4 }, false))).toBe("a little of the table's chance to meet its shared targets");
    expect(zhWords(partText(shared, true))).toBe("稍大的共同目标达成机会");
    expect(words(partText({ ...shared, amount: 12.6 }, true))).toBe("a better chance that the table meets its shared targets (about 13 in 100 more)");
    expect(zhWords(partText({ ...shared, amount: 12.6 }, true))).toBe("更大的共同目标达成机会（约高 13 个百分点）");
    expect(words(partText({ ...shared, amount: 30.1 }, true))).toBe("a much better chance that the table meets its shared targets (about 30 in 100 more)");
    expect(words(partText({ ...shared, points: -2, amount: 30.1 }, false))).toBe("much of the table's chance to meet its shared targets (about 30 in 100)");
    expect(zhWords(partText({ ...shared, points: -2, amount: 30.1 }, false))).toBe("很大一部分共同目标达成机会（约 30 个百分点）");
    const crisis = { label: "a crisis", points: -3, amount: 81.8, score: { now: 58.5, crisis: 29.3 } };
    expect(words(partText(crisis, false))).toBe("a much higher risk of a crisis (about 82 in 100 more), which would end the game with our score at 29.3 instead of 58.5");
    expect(words(partText({ ...crisis, points: 0.2, amount: 2.6 }, true))).toBe("a slightly lower risk of a crisis, which would end the game with our score at 29.3 instead of 58.5");
    expect(zhWords(partText({ ...crisis, points: 0.2, amount: 2.6 }, true))).toBe("稍低的危机风险（危机会结束游戏，我方得分将从 58.5 降至 29.3）");
    for (const t of [partText(shared, true), partText(crisis, false)]) expect(words(t)).not.toMatch(/percentage|points of chance/);
    const goal = { label: "objective", points: 1.5, amount: 1.5, objective: { id: "tw-secure", of: "TW", condition: { kind: "metric" as const, metric: "security" as const, atLeast: 45 } } };
    expect(words(partText(goal, true))).toBe("our goal of security at 45 or more (+1.5 points)");
    const deal = { ...goal, objective: { id: "nl-supply", of: "NL", condition: { kind: "agreement" as const, type: "supply" as const, sector: "semis" as const, atLeast: 1 } } };
    expect(words(partText(deal, true))).toBe("our goal of a supply-chain deal in semiconductors (+1.5 points)");
    expect(zhWords(partText(deal, true))).toMatch(/^我方目标“半导体领域的供应链协议”的进展（\+1\.5 分）$/);
    // A side named, the goal says it: selling is not buying.
    const sell = { ...goal, objective: { id: "id-nickel", of: "ID", condition: { kind: "agreement" as const, type: "supply" as const, sector: "minerals" as const, as: "supplier" as const, atLeast: 1 } } };
    expect(words(partText(sell, true))).toBe("our goal of selling critical minerals through a supply-chain deal (+1.5 points)");
    expect(zhWords(partText(sell, true))).toBe("我方目标“作为供应方签订关键矿产领域的供应链协议”的进展（+1.5 分）");
    const buy = { ...sell, objective: { ...sell.objective, id: "jp-minerals", of: "JP", condition: { ...sell.objective.condition, as: "buyer" as const } } };
    expect(words(partText(buy, true))).toBe("our goal of buying critical minerals through a supply-chain deal (+1.5 points)");
    // Without a short form: the objective's own text, as before.
    const other = { ...goal, objective: { id: "tw-secure", of: "TW" } };
    expect(words(partText(other, true))).toMatch(/^our objective “Keep security at 45 or more/);
  });
});

describe("what a player bargaining with the bots found", () => {
  /** The United States and India sign a deal India would sign; the United States withdraws from it. */
  function broken() {
    const s = negotiating();
    const w = dealWith(botContext(s, "IN"), "US")!;
    expect(w, "India sees a deal with the United States").not.toBeNull();
    const offered = offer(s, "US", w.draft);
    const d = decideBotAction(botContext(offered.state, "IN"), rng())!;
    expect(d.action.move).toMatchObject({ type: "sign", agreementId: offered.id });
    const signed = act(offered.state, { ...d.action, reason: d.reason! });
    const state = act(signed, { actor: seatActor("US"), move: { type: "withdraw", agreementId: offered.id } });
    expect(state.agreements.find((a) => a.id === offered.id)!.status).toBe("broken");
    return { state, id: offered.id };
  }

  it("a deal the asker broke is over: the bot says so, and who withdrew, instead of offering to sign it as it stands", () => {
    const g = broken();
    for (const q of [`Sorry India, we withdrew from ${g.id}. Will you still trade with us? What would it take?`, `Will you join ${g.id}?`, `Can you sign ${g.id} if we pay you something?`]) {
      const { said } = turn(g.state, q, "IN");
      const en = words(said);
      expect(en, q).toMatch(new RegExp(`^${g.id} is over: you withdrew from it in round 1\\. `));
      expect(en, q).not.toMatch(/as it stands|Yes, we would join/);
      expect(zhLocal(said), q).toMatch(new RegExp(`^${g.id} 已终止：你方在第 1 轮退出了该协议。`));
    }
  });

  it("in the plenary the country a question is addressed to answers, not a country it is about (in English and Chinese)", () => {
    const s = negotiating();
    const translated = translatedNames("classroom-quick");
    const plenary = (text: string) => act(s, { actor: seatActor("US"), move: { type: "chat", channel: "plenary", text } });
    for (const text of [
      "日本，需要什么条件才能加入对中国的前沿芯片管制？",
      "Japan, what would it take to join frontier chip controls on China?",
      "Sorry Japan: would China ever accept controls?",
      "@Japan what would China say to a broad chip control?",
      "请问日本：中国会怎么看？",
    ]) {
      const state = plenary(text);
      expect(waitingOn(state, "JP", translated), text).toBe(true);
      expect(waitingOn(state, "CN", translated), text).toBe(false);
    }
    // Addressed to two: both answer; 印度 inside 印度尼西亚 addresses Indonesia alone.
    const two = plenary("Netherlands and Japan: why won't you join a chip control on China?");
    expect(["NL", "JP", "CN"].map((c) => waitingOn(two, c, translated))).toEqual([true, true, false]);
    const indonesia = plenary("印度尼西亚，你会加入对中国的管制吗？");
    expect(["ID", "IN", "CN"].map((c) => waitingOn(indonesia, c, translated))).toEqual([true, false, false]);
    // Addressed to nobody in particular: every country named is asked, as before.
    const nobody = plenary("What would it take for China and Japan to sign a supply deal?");
    expect(["CN", "JP"].map((c) => waitingOn(nobody, c, translated))).toEqual([true, true]);
    // The country a control is on is its target (`on`), not a partner the deal must include.
    const seats = scenario().countries.map((c) => ({ id: c.id, names: [c.name, ...(translated[c.id] ?? [])] }));
    expect(parseIntent("日本，需要什么条件才能加入对中国的前沿芯片管制？", seats, "JP")).toEqual({ kind: "take", type: "export-control", sector: "semis", tier: "frontier", on: "CN" });
    expect(parseIntent("Japan, will you join a chip control on China with the Netherlands?", seats, "JP")).toEqual({ kind: "join", type: "export-control", sector: "semis", partners: ["NL"], on: "CN" });
  });

  it("several questions in one message are each answered, in the order asked, in one line (three at most)", () => {
    expect(questionsIn("why did you offer 1.3? It is too expensive. What would it take to get minerals?")).toEqual([{ kind: "why" }, { kind: "take", sector: "minerals" }]);
    expect(questionsIn("荷兰，为什么拒绝 A12？如果改成宽泛管制呢？")).toEqual([{ kind: "why", agreementId: "A12" }, { kind: "if", type: "export-control", tier: "broad" }]);
    // A sentence that asks nothing lends the deal it names to the question after it.
    expect(questionsIn("We withdrew from A1. Will you still trade with us? What would it take?")).toEqual([{ kind: "take", agreementId: "A1" }]);
    const g = declinedControl();
    const { said } = turn(g.state, `Why did you decline ${g.control}? It is too strict for us. Would you accept a broad control instead of frontier?`);
    expect(said.key).toBe("bot.dm.two");
    const en = words(said);
    expect(en).toMatch(new RegExp(`^We declined ${g.control}: .+\\. (Yes|No|Not)\\b.*tier Frontier only → Broad`));
    expect(zhLocal(said)).toMatch(new RegExp(`^我方拒绝了 ${g.control}：.+。(不，即使将|可以：若将|仅将) ${g.control} 的管制范围从仅限前沿技术改为全面管制`));
    // In Chinese in the plenary, the same two answers.
    const translated = translatedNames("classroom-quick");
    const plenary = (text: string) => act(g.state, { actor: seatActor("US"), move: { type: "chat", channel: "plenary", text } });
    const zh = decideBotAction(botContext(plenary(`日本，为什么拒绝 ${g.control}？如果改成宽泛管制呢？`), "JP"), rng(), { names: translated })!;
    expect(words((zh.action.move as { said: Said }).said)).toBe(en);
    // Each country answers the sentences addressed to it.
    const split = plenary(`日本，为什么拒绝 ${g.control}？荷兰，你们会加入 ${g.control} 吗？`);
    const jp = (decideBotAction(botContext(split, "JP"), rng(), { names: translated })!.action.move as { said: Said }).said;
    expect(jp.key).toBe("bot.dm.why.declined");
    expect(waitingOn(split, "NL", translated)).toBe(true);
    // A flood: the first three questions.
    const flood = turn(g.state, "Why? What would it take? Will you join a regime? How about a loan? What about research?");
    expect(flood.said.key).toBe("bot.dm.three");
  });

  it("a question that names terms is answered on those terms: yes to them as they are, never a dearer price; else the smallest change from them", () => {
    expect(parseIntent("What would it take on minerals at 0.8?")).toEqual({ kind: "take", sector: "minerals", terms: { price: 0.8 } });
    expect(parseIntent("需要什么条件才能以每单位 0.8 买稀土？")).toEqual({ kind: "take", sector: "minerals", terms: { price: 0.8 } });
    expect(parseIntent("How about minerals, 4 a round at 1.1 each, for 3 rounds?")).toEqual({ kind: "propose", sector: "minerals", terms: { volume: 4, price: 1.1 } });
    // As a deal's card says it: "4 units a round", "1 unit a round".
    expect(parseIntent("How about minerals, 4 units a round at 1.1 each, for 3 rounds?")).toEqual({ kind: "propose", sector: "minerals", terms: { volume: 4, price: 1.1 } });
    expect(parseIntent("How about minerals, 1 unit a round at 1.1 each?")).toEqual({ kind: "propose", sector: "minerals", terms: { volume: 1, price: 1.1 } });
    // As a deal's card and a bot now say it, the price in capital.
    expect(parseIntent("How about minerals, 4 units a round at 1.1 capital each?")).toEqual({ kind: "propose", sector: "minerals", terms: { volume: 4, price: 1.1 } });
    expect(parseIntent("I propose a loan of 20 at 3% interest")).toEqual({ kind: "propose", type: "loan", terms: { amount: 20, interest: 3 } });
    expect(parseIntent("如果利率降到 3 呢？")).toEqual({ kind: "if", terms: { interest: 3 } });
    // Indonesia offers Japan minerals, 4 a round at 1.3; Japan declines and asks about 0.8.
    const a2 = offer(negotiating(), "ID", { terms: { type: "supply", suppliers: ["ID"], buyers: ["JP"], sector: "minerals", volume: 4, price: 1.3 }, duration: 3 });
    const declined = act(a2.state, { actor: seatActor("JP"), move: { type: "decline", agreementId: a2.id, revision: 1 } });
    const opened = act(declined, { actor: seatActor("JP"), move: { type: "open-channel", members: ["ID"] } });
    const channel = Object.values(opened.channels).find((c) => c.kind === "bilateral")!.id;
    const asked = (text: string) => {
      const state = act(opened, { actor: seatActor("JP"), move: { type: "chat", channel, text } });
      return (decideBotAction(botContext(state, "ID"), rng())!.action.move as { said: Said }).said;
    };
    const at = asked("What would it take on minerals at 0.8?");
    expect(words(at)).toMatch(/^We would sign this, for \d rounds: Critical minerals from Indonesia to Japan: \d+ units? a round at 0\.8 capital each/);
    expect(zhLocal(asked("需要什么条件才能以每单位 0.8 买稀土？"))).toMatch(/^我方会签署这项为期 \d 轮的协议：印度尼西亚向日本供应关键矿产：每轮 \d+ 单位，单价 0\.8 资金/);
    const onA2 = asked(`What would it take on ${a2.id} at 0.8?`);
    expect(onA2.key).toBe("bot.dm.ifYes");
    expect(words(onA2)).toMatch(new RegExp(`^Yes: with price 1\\.3 → 0\\.8, we would sign ${a2.id}: `));
    const yes = appraise(botContext(opened, "ID"), { terms: { type: "supply", suppliers: ["ID"], buyers: ["JP"], sector: "minerals", volume: 4, price: 0.8, coInvest: 0 }, parties: ["ID", "JP"], duration: 3 })!;
    expect(yes.value).toBeGreaterThanOrEqual(yes.threshold);
    // Terms that fall short: said so, then the smallest change from the asker's terms (India buys; 0.2 is still too dear for it).
    const low = turn(negotiating(), "What would it take on minerals at 0.2?", "IN").said;
    expect(low.key).toBe("bot.dm.offerNear");
    // The length follows the terms: "Not as you put it, for 4 rounds" would blame the length.
    expect(words(low)).toMatch(/^Not as you put it: Critical minerals from the United States to India: \d+ units? a round at 0\.2 capital each, for \d rounds\. It .*\. With price 0\.2 → [01](\.\d)?, we would sign it/);
    expect(zhWords(low)).toMatch(/^按你方所说的条款不行：.+，为期 \d 轮。/);
  });

  it("what it says in chat of a supply deal is what it does with the offer: “not as you put it” is declined or countered, “we would sign this” is signed", () => {
    // Alliance 2021, round 4 of a bots' game: the United Kingdom's deals near its threshold, where
    // a valuation that differs from the one it signs by would say no to a deal it then signs.
    const setup = { scenario: scenario("alliance-2021"), settings: { seed: "f1" } };
    let s = createGame(setup);
    for (const a of playGame(setup, {}).log) {
      if (s.phase === "negotiation" && s.round === 4) break;
      s = act(s, a);
    }
    expect(s.round).toBe(4);
    const WORD = { ai: "AI", energy: "batteries", semis: "chips" } as const;
    const seen: string[] = [];
    for (const asker of ["NL", "DE", "JP"])
      for (const sector of ["ai", "energy", "semis"] as const)
        for (const price of [0.1, 0.4, 1.3]) {
          const opened = act(s, { actor: seatActor(asker), move: { type: "open-channel", members: ["GB"] } });
          const channel = Object.values(opened.channels).find((c) => c.kind === "bilateral" && c.members.includes("GB") && c.members.includes(asker))!.id;
          const asked = act(opened, { actor: seatActor(asker), move: { type: "chat", channel, text: `Will you sell us ${WORD[sector]}, 4 units a round at ${price} capital each?` } });
          const said = (decideBotAction(botContext(asked, "GB"), rng())!.action.move as { said: Said }).said;
          // (No deal of that kind it could make with the asker: nothing to offer.)
          if (said.key !== "bot.dm.offer" && said.key !== "bot.dm.offerNear") continue;
          // The deal the answer is about, as the asker then proposes it: the terms asked, for the rounds it names.
          const rounds = ((said.args as { rounds: Said }).rounds.args as { count: number }).count;
          const draft = { terms: { type: "supply" as const, suppliers: ["GB"], buyers: [asker], sector, volume: 4, price, coInvest: 0 }, parties: [], duration: rounds };
          expect(said.args!.deal).toEqual(describeDeal({ ...draft, parties: ["GB", asker] }));
          const o = offer(asked, asker, draft);
          const d = decideBotAction(botContext(o.state, "GB"), rng())!;
          const signs = d.action.move.type === "sign" && d.action.move.agreementId === o.id;
          expect(signs, `${asker} ${sector} at ${price}: ${words(said, "alliance-2021")}`).toBe(said.key === "bot.dm.offer");
          seen.push(said.key);
        }
    // Both answers were given, several times, so both directions were checked.
    expect(seen.filter((k) => k === "bot.dm.offer").length).toBeGreaterThan(2);
    expect(seen.filter((k) => k === "bot.dm.offerNear").length).toBeGreaterThan(2);
  });

  it("a bot says the same numbers about a deal in chat as on the deal card, at the same revision", () => {
    // Regimes the United States offers, which these bots decline (the model and the engine's preview differ on them).
    for (const [to, sector, tier] of [["NL", "semis", "broad"], ["TW", "telecom", "broad"], ["JP", "semis", "frontier"]] as const) {
      const o = offer(negotiating(), "US", { terms: { type: "export-control", sector, tier, target: "CN" }, parties: ["US", to], duration: 3 });
      const d = decideBotAction(botContext(o.state, to), rng())!;
      expect(d.action.move, to).toMatchObject({ type: "decline", agreementId: o.id });
      const card = arg(d.reason as Said, "why");
      const declined = act(o.state, { ...d.action, reason: d.reason! });
      const join = turn(declined, `Will you join ${o.id}?`, to).said;
      expect(join.key, to).toBe("bot.dm.joinNo");
      expect(arg(join, "why"), to).toBe(card);
      const stands = payThen(turn(declined, `Can you sign ${o.id} if we pay you something?`, to).said);
      if ("no" in (stands.args as object)) expect(arg(stands, "no"), to).toBe(card);
      else expect(arg(stands, "why"), to).toBe(card);
    }
  });

  it("a deal proposed “with you” is answered about the asker and the bot; a third country the answer needs is said plainly", () => {
    const asked = (from: string, to: string, text: string) => {
      const opened = act(negotiating(), { actor: seatActor(from), move: { type: "open-channel", members: [to] } });
      const channel = Object.values(opened.channels).find((c) => c.kind === "bilateral")!.id;
      const state = act(opened, { actor: seatActor(from), move: { type: "chat", channel, text } });
      return (decideBotAction(botContext(state, to), rng())!.action.move as { said: Said }).said;
    };
    // Japan to India: joint research by the two, not with China (nobody named it).
    const india = words(asked("JP", "IN", "I propose joint research in quantum"));
    expect(india).toMatch(/Joint quantum research by India and Japan,/);
    expect(india).not.toMatch(/China|Taiwan/);
    // China to the United States: a hawk shares no research with the other camp, with Japan in it
    // or not (tests/bots/other-side.test.ts), and says so. (Before, only with Japan in it would it
    // pay, "bot.dm.offerWith": no shipped seat and question reaches that answer now.)
    const us = asked("CN", "US", "I propose joint research in AI");
    expect(us.key).toBe("bot.dm.offerNoneWhy");
    expect(words(us)).toMatch(/^No joint R&D \/ talent exchange in AI & compute with you would pay for us\..*It would supply China, in the rival camp: we do not supply the rival camp, with goods or research, at any price\./);
    expect(zhLocal(us)).toMatch(/。该协议会向对立阵营的中国提供我方的产品或研发成果，无论价格如何，我方都不会这样做。$/);
  });

  it("a no comes with the numbers behind it, or the rule that stands in the way, not a bare no", () => {
    // On a deal it declined: no small change pays, and what the deal as it stands costs it (the card's numbers); no other deal instead.
    const g = declinedControl();
    const take = turn(g.state, `What would it take on ${g.control}?`).said;
    expect(take.key).toBe("bot.dm.takeNothingWhy");
    expect(arg(take, "why")).toBe(arg(g.declined as Said, "why"));
    const asked = (from: string, to: string, text: string) => {
      const opened = act(negotiating(), { actor: seatActor(from), move: { type: "open-channel", members: [to] } });
      const channel = Object.values(opened.channels).find((c) => c.kind === "bilateral")!.id;
      const state = act(opened, { actor: seatActor(from), move: { type: "chat", channel, text } });
      return (decideBotAction(botContext(state, to), rng())!.action.move as { said: Said }).said;
    };
    // A kind of deal neither side's needs suggest: its plain terms, valued.
    const quantum = asked("TW", "IN", "I propose a supply deal in quantum");
    expect(quantum.key).toBe("bot.dm.offerNoneWhy");
    expect(words(quantum)).toMatch(/\. The nearest, over \d+ rounds: Quantum from Taiwan to India: \d+ units? a round at [\d.]+ capital each\. It costs us .*\d/);
    // The length is said once: the capital it costs is not "… over its 4 rounds" again.
    expect(words(quantum).match(/over (its )?\d+ rounds/g)).toHaveLength(1);
    expect(zhWords(quantum).match(/\d+ 轮/g)).toHaveLength(1);
    const statement = asked("TW", "ID", "what would it take for a statement?");
    expect(["bot.dm.offer", "bot.dm.offerNoneWhy", "bot.dm.offerNoneIf"]).toContain(statement.key);
    expect(words(statement)).toMatch(/Statement by .*\(.*\d/);
    // A deal the rules rule out: the rule.
    const regime = asked("CN", "JP", "will you join a regime?");
    expect(regime.key).toBe("bot.dm.offerNoneRule");
    expect(words(regime)).toBe("No export-control regime with you is open to us this round: a regime cannot target one of its own members.");
    expect(zhLocal(regime)).toMatch(/^本轮我方无法与你方达成出口管制机制：/);
  });
});

describe("what a tester playing the US in Alliance 2021 saw", () => {
  /**
   * US offers the Netherlands (and Japan) a frontier chip regime on China; the Netherlands
   * declines it, or stays out of it and lets the others go ahead when Japan is in it too.
   */
  function allianceRegime(state = negotiating("alliance-2021"), parties = ["US", "NL", "JP"]) {
    const o = offer(state, "US", { terms: { type: "export-control", sector: "semis", tier: "frontier", target: "CN" }, parties, duration: 3 });
    const d = decideBotAction(botContext(o.state, "NL"), rng())!;
    expect(d.action.move).toMatchObject({ type: parties.length > 2 ? "amend" : "decline", agreementId: o.id });
    return { state: act(o.state, { ...d.action, reason: d.reason! }), id: o.id, reason: d.reason! };
  }

  it("a decline names China's ban on critical minerals, the regime's biggest cost, and that minerals from elsewhere would spare it", () => {
    const { reason } = allianceRegime();
    const en = words(reason, "alliance-2021");
    expect(en).toMatch(/^stayed out of A1: costs us [\d.]+ prosperity and [\d.]+ domestic support .*, most of it from China's ban on critical minerals in answer \(−[\d.]+ prosperity, .*\); critical minerals from elsewhere would spare us that(?:, but not the rest of the cost, .*; even without the ban it would cost us [\d.]+ points? all told)?; go ahead without us$/);
    expect(zhWords(reason, "alliance-2021")).toMatch(/其中大部分来自(?:China|中国)作为报复实施的关键矿产禁运（−[\d.]+ 经济繁荣.*）；从其他国家获得关键矿产可免去这部分损失(?:，但免不了其余的代价——.*；即使没有禁令，总体仍会让我方损失 [\d.]+ 分)?；其他各方可在没有我方的情况下继续$/);
  });

  it("with minerals bought elsewhere covering the shortage, the ban costs nothing and is not named", () => {
    let s = negotiating("alliance-2021");
    const supply = offer(s, "AU", { terms: { type: "supply", suppliers: ["AU"], buyers: ["NL"], sector: "minerals", volume: 10, price: 1, coInvest: 0 }, parties: [], duration: 5 });
    s = act(supply.state, { actor: seatActor("NL"), move: { type: "sign", agreementId: supply.id, revision: supply.state.agreements.find((a) => a.id === supply.id)!.revision } });
    expect(s.agreements.find((a) => a.id === supply.id)!.status).toBe("signed");
    const en = words(allianceRegime(s).reason, "alliance-2021");
    expect(en).not.toMatch(/ban/);
  });

  it("with some minerals already bought (Japan's 4 a round from Canada), it asks for the rest: “more critical minerals (N more a round)”, and N more silences the ban", () => {
    const al = "alliance-2021";
    /** Japan's reason for staying out of a chip regime on China in round 2, buying `volume` minerals a round from Canada since round 1. */
    const reason = (volume: number) => {
      const minerals = offer(negotiating(al), "CA", { terms: { type: "supply", suppliers: ["CA"], buyers: ["JP"], sector: "minerals", volume, price: 1 }, duration: 5 });
      let s = act(minerals.state, { actor: seatActor("JP"), move: { type: "sign", agreementId: minerals.id, revision: 1 } });
      while (s.round === 1 || s.phase !== "negotiation") s = act(s, { actor: { kind: "system" }, move: { type: "advance" } });
      expect(s.agreements.find((a) => a.id === minerals.id)!.status).toBe("in-force");
      const regime = offer(s, "US", { terms: { type: "export-control", sector: "semis", tier: "broad", target: "CN" }, parties: ["US", "NL", "JP"], duration: 4 });
      return decideBotAction(botContext(regime.state, "JP"), rng())!.reason!;
    };
    /** The minerals it asks for, a round, buying `volume` already. */
    const asked = (t: ReturnType<typeof reason>) => Number(words(t, al).match(/China's ban on critical minerals in answer \(.*\); more critical minerals \(([\d.]+) more a round\) from elsewhere would spare us that/)?.[1]);
    const covered = reason(4);
    expect(words(covered, al)).not.toMatch(/; critical minerals from elsewhere/);
    const more = asked(covered);
    expect(more).toBeGreaterThan(0);
    expect(zhWords(covered, al)).toContain(`；从其他国家再获得关键矿产（每轮再多 ${more}）可免去这部分损失`);
    // What it asks for is what it lacks: 2 more a round buying 2 fewer, and with that much more bought the ban is no longer its complaint.
    expect(asked(reason(2))).toBeCloseTo(more + 2, 5);
    expect(words(reason(4 + Math.ceil(more)), al)).not.toMatch(/ban/);
  });

  it("why it stayed out of an offer, asked in a later round: it still gives its reason to the offer's parties, and to nobody else", () => {
    // One memory for the Netherlands' moves, as a game keeps it (game-loop.ts `Turns.rng`).
    const memory = rng();
    const o = offer(negotiating("alliance-2021"), "US", { terms: { type: "export-control", sector: "semis", tier: "frontier", target: "CN" }, parties: ["US", "NL", "JP"], duration: 3 });
    const d = decideBotAction(botContext(o.state, "NL"), memory)!;
    expect(d.action.move).toMatchObject({ type: "amend", agreementId: o.id });
    let s = act(o.state, { ...d.action, reason: d.reason! });
    const answer = (asker: string) => {
      const asked = ask(s, `Why did you leave ${o.id}?`, "NL");
      const state = asker === "US" ? asked.state : act(act(s, { actor: seatActor(asker), move: { type: "open-channel", members: ["NL"] } }), { actor: seatActor(asker), move: { type: "chat", channel: `ch:${[asker, "NL"].sort().join("+")}`, text: `Why did you leave ${o.id}?` } });
      const move = decideBotAction(botContext(state, "NL"), memory)!.action.move as { said: Said };
      return words(move.said, "alliance-2021");
    };
    const then = answer("US");
    expect(then).toMatch(new RegExp(`^We stayed out of ${o.id}: costs us .*go ahead without us\\.$`));
    // On to round 2's negotiation: the offer is no longer one the Netherlands can see.
    while (s.round === 1 || s.phase !== "negotiation") s = act(s, { actor: { kind: "system" }, move: { type: "advance" } });
    expect(s.agreements.find((a) => a.id === o.id)!.parties).not.toContain("NL");
    expect(answer("US")).toBe(then);
    expect(answer("DE")).toBe(`We see no deal ${o.id}.`);
  });

  it("a security gain the ban outweighs is said with its numbers, not as “for nothing we need”", () => {
    const { reason } = allianceRegime();
    const en = words(reason, "alliance-2021");
    expect(en).not.toMatch(/for nothing we need/);
    expect(en).toMatch(/for \+[\d.]+ security before the ban;.*−[\d.]+ security\)/);
    expect(zhWords(reason, "alliance-2021")).toMatch(/换来禁运前 \+[\d.]+ 国家安全/);
  });

  it("a no on a regime says it valued the regime over the rounds it would run, not “this round”", () => {
    const s = negotiating("alliance-2021");
    const { said } = turn(s, "South Korea, will you join a semiconductors regime?", "KR");
    expect(said.key).toBe("bot.dm.offerNoneWhy");
    const en = words(said, "alliance-2021");
    expect(en).not.toMatch(/this round/);
    expect(en).toMatch(/^No export-control regime in semiconductors with you would pay for us\. The nearest, over (\d+) rounds: Controls by .*\. It costs us /);
    const rounds = Number(/over (\d+) rounds/.exec(en)![1]);
    expect(rounds).toBe(s.settings.rounds - s.round + 1);
    expect(zhWords(said, "alliance-2021")).not.toMatch(/本轮/);
  });

  it("a change of tier is said in the deal form's words (“Frontier only → Broad”), not the engine's “all”", () => {
    const { state, id } = allianceRegime(undefined, ["US", "NL"]);
    const { said } = turn(state, "Netherlands, would you accept a broad control instead of frontier?", "NL");
    const en = words(said, "alliance-2021");
    // A1 was not named in the channel: the answer says what it is.
    expect(en).toContain(`${id} (export-control regime) with tier Frontier only → Broad`);
    expect(en).not.toMatch(/→ all/);
    expect(zhWords(said, "alliance-2021")).toContain("管制范围从仅限前沿技术改为全面管制");
    // Every term by its name in the deal form, and its value as the form names it.
    const loan: Extract<Draft["terms"], { type: "loan" }> = { type: "loan", lenders: ["US"], recipient: "KE", project: "5g", amount: 10, interest: 3, grace: 1, conditions: [] };
    expect(words(changeText({ terms: loan, duration: 3 }, { terms: { ...loan, project: "cable", lenders: ["US", "JP"] }, duration: 3 }), "alliance-2021")).toBe(
      "lenders United States → United States and Japan; project 5G network → undersea cable",
    );
  });

  it("“…if Japan does?” is a condition on who else is in: on a declined regime, it says so and answers about one with Japan in it", () => {
    const { state, id } = allianceRegime(undefined, ["US", "NL"]);
    const { said } = turn(state, "Netherlands, will you join the chip regime if Japan does?", "NL");
    const en = words(said, "alliance-2021");
    expect(en).toMatch(new RegExp(`^${id} is closed: we declined it in round 1\\. `));
    expect(en).not.toMatch(/would not join/);
    // The answer after it is about a chip regime with the US, the Netherlands and Japan in it.
    expect(en).toMatch(/(?:Controls by (?=[^:]*Japan)(?=[^:]*Netherlands)(?=[^:]*United States)[^:]* on exports of \w+ semiconductors)/);
    expect(zhWords(said, "alliance-2021")).toMatch(new RegExp(`^${id} 已关闭：我方已在第 1 轮拒绝。`));
  });

  it("“on everyone outside” is the regime's target, not China", () => {
    const { said } = turn(negotiating("alliance-2021"), "South Korea, will you join a semiconductors regime on everyone outside?", "KR");
    const en = words(said, "alliance-2021");
    expect(en).toMatch(/semiconductors to everyone outside/);
    expect(en).not.toMatch(/semiconductors to China/);
    const zh = turn(negotiating("alliance-2021"), "韩国，你们会加入对所有外部国家的芯片管制吗？", "KR").said;
    expect(words(zh, "alliance-2021")).toMatch(/semiconductors to everyone outside/);
  });
});

describe("a bot that has made many moves in a negotiation", () => {
  it("still answers every question and offer a person puts to it, without counter-offers (the cap on a seat's moves ends only ping-pong)", () => {
    // movesPerSeat 1: at most 3 moves a negotiation, answers included, before the cap.
    const turns = new Turns("cap", ["JP"], 1);
    const chooser = () => (state: GameState, seat: string, rng: { rng: number }, limits?: { counters: boolean }) => botChooser(state, seat, rng, {}, limits);
    let s = negotiating();
    const play = () => {
      const turn = turns.next(s, ["JP"], chooser);
      if (turn) s = act(s, turn.action);
      return turn;
    };
    // Japan's own moves, then it is done.
    let moves = 0;
    while (play()) moves++;
    expect(moves).toBeGreaterThanOrEqual(1);
    expect(s.ready).toContain("JP");
    // Three questions one after another: each is answered in the channel, past the cap.
    for (const question of ["why not?", "what would it take on minerals?", "will you join a chip control?"]) {
      const asked = ask(s, question);
      s = asked.state;
      const turn = play();
      expect(turn?.action.move, question).toMatchObject({ type: "chat", channel: asked.channel });
    }
    // A person's offer it would counter (too dear: see "counters a near miss" in decisions.test.ts) is signed or declined, never left waiting.
    const sent = offer(s, "ID", { terms: { type: "supply", suppliers: ["ID"], buyers: ["JP"], sector: "minerals", volume: 6, price: 4 }, duration: 2 });
    s = sent.state;
    const turn = play();
    expect(["sign", "decline"]).toContain(turn?.action.move.type);
    expect(waitingOn(s, "JP")).toBe(false);
  });

  it("counts only the moves the game took: a move refused (a chat line the server would not store, say) leaves the seat its full ration", () => {
    // movesPerSeat 1: one move of its own a negotiation.
    const turns = new Turns("refused", ["JP"], 1);
    const chooser = () => (state: GameState, seat: string, rng: { rng: number }, limits?: { counters: boolean }) => botChooser(state, seat, rng, {}, limits);
    let s = negotiating();
    const own = turns.next(s, ["JP"], chooser);
    expect(own?.action.move.type).toBe("propose");
    // Refused: nothing happened, and it sits out until something new waits on it.
    turns.refused(s, "JP");
    expect(turns.next(s, ["JP"], chooser)).toBeNull();
    // A person's question: answered; then its own move, which the refusal did not use up.
    s = ask(s, "why not?").state;
    const answer = turns.next(s, ["JP"], chooser)!;
    expect(answer.action.move.type).toBe("chat");
    s = act(s, answer.action);
    expect(turns.next(s, ["JP"], chooser)?.action.move.type).toBe("propose");
  });
});

/** Brackets inside brackets, in either script: "(costs us … goal … (−0.6) …)". */
function nestedBrackets(s: string): boolean {
  let depth = 0;
  for (const c of s) {
    if (c === "(" || c === "（") depth++;
    else if (c === ")" || c === "）") depth--;
    if (depth > 1) return true;
  }
  return false;
}

/** Every bot but the United States' in each shipped scenario, asked `questions` in turn by the United States: each answer, with where it was asked. */
function everyBotsAnswers(questions: string[], check: (said: Said, where: { id: string; bot: string; q: string }) => void) {
  for (const id of ["classroom-quick", "alliance-2021", "multipolar-2024"]) {
    const start = negotiating(id);
    for (const bot of seatIds(start).filter((s) => s !== "US")) {
      let s = start;
      for (const q of questions) {
        const t = turn(s, q, bot);
        s = t.state;
        check(t.said, { id, bot, q });
      }
    }
  }
}

describe("how an answer reads to a player", () => {
  it("no bracket inside a bracket, in English or Chinese, in every shipped scenario's bots' answers to the questions players ask", () => {
    const questions = ["What would it take for you to join a chip export control regime with us?", "Why?", "What would it take?", "Why?", "will you join the chip regime if Japan does?", "I propose a joint R&D programme in AI", "我提议一项供应协议"];
    let read = 0;
    everyBotsAnswers(questions, (said, { id, bot, q }) => {
      for (const line of [words(said, id), zhWords(said, id)]) expect(nestedBrackets(line), `${id} ${bot}, “${q}”: ${line}`).toBe(false);
      read++;
    });
    expect(read).toBeGreaterThan(100);
  });

  it("says once that the numbers are its own: no “By our count: … for us.” after “We would sign this”, no “for us” twice in a sentence; in Chinese it calls the player 你方 (你方提出后…), as the rest of the game does", () => {
    const questions = ["What would it take?", "Why?", "I propose a joint R&D programme in AI", "Why?", "Would you join a screening pact?"];
    const keys = new Set<string>();
    everyBotsAnswers(questions, (said, { id, bot, q }) => {
      keys.add(said.key);
      const en = words(said, id);
      for (const sentence of en.split(/(?<=\.)\s+/)) {
        expect(sentence.match(/\bfor us\b/g)?.length ?? 0, `${id} ${bot}, “${q}”: ${en}`).toBeLessThanOrEqual(1);
        expect(sentence, `${id} ${bot}, “${q}”`).not.toMatch(/^By our count:|By our count.*\bfor us\b/);
      }
      expect(zhWords(said, id), `${id} ${bot}, “${q}”`).not.toContain("贵方");
    });
    // The answers that gave the numbers behind a deal it would sign were among them.
    expect([...keys]).toEqual(expect.arrayContaining(["bot.dm.offer", "bot.dm.whyYes"]));
  });

  it("in the last round a deal runs one round, and says so in the singular: “for 1 round”, not “for 1 rounds”", () => {
    let s = negotiating();
    while (s.round < s.settings.rounds || s.phase !== "negotiation") s = act(s, { actor: { kind: "system" }, move: { type: "advance" } });
    const said = [turn(s, "What would it take?", "JP").said, turn(s, "What would it take?", "NL").said, turn(s, "What would it take for you to join a chip export control regime with us?", "NL").said];
    const en = said.map((x) => words(x));
    expect(en.join(" ")).toMatch(/\b(for|over) 1 round\b/);
    expect(en.join(" ")).not.toMatch(/\b1 rounds\b/);
    for (const x of said) expect(zhWords(x)).not.toMatch(/1 轮 轮|1轮/);
  });

  it("one point is “1 point”: “−1 point to us, all told”, not “−1 points”", () => {
    const ctl = offer(negotiating(), "US", { terms: { type: "export-control", sector: "semis", tier: "frontier", target: "CN" }, parties: ["US", "NL"], duration: 3 });
    const d = decideBotAction(botContext(ctl.state, "NL"), rng())!;
    expect(d.action.move.type).toBe("decline");
    expect(words(d.reason)).toMatch(/; −1 point to us, all told$/);
    expect(zhWords(d.reason)).toMatch(/；整体来看，对我方为 −1 分$/);
  });

  it("the reason why none pays is a sentence of its own, after the deal, not in brackets around its numbers", () => {
    const { said } = turn(negotiating(), "What would it take for you to join a chip export control regime with us?", "NL");
    expect(said.key).toBe("bot.dm.offerNoneWhy");
    expect(words(said)).toMatch(
      /^No export-control regime in semiconductors with you would pay for us\. The nearest, over 4 rounds: Controls by the Netherlands and the United States on exports of frontier semiconductors to China\. It costs us [\d.]+ prosperity and a setback to our goal of prosperity at 55 or more \(−[\d.]+ points\) for \+[\d.]+ security; −[\d.]+ points to us, all told\.$/,
    );
    expect(zhWords(said)).toMatch(/^我方看不出与你方达成半导体领域的出口管制机制对我方有利。最接近的一项为期 4 轮：.+。代价是 .+（−[\d.]+ 分），换来 \+[\d.]+ 国家安全；整体来看，对我方为 −[\d.]+ 分。$/);
  });

  it("“Why?” after “what would it take?” gives that answer's reason again, its deal referred back to, not “Which deal?”", () => {
    const first = turn(negotiating(), "What would it take for you to join a chip export control regime with us?", "NL");
    const no = turn(first.state, "Why?", "NL").said;
    expect(no.key).toBe("bot.dm.whyNo");
    expect(arg(no, "why")).toBe(arg(first.said, "why"));
    expect(words(no)).toMatch(/^Because that deal does not pay for us over 4 rounds: it costs us [\d.]+ prosperity .*, all told\.$/);
    expect(zhWords(no)).toMatch(/^因为那项为期 4 轮的协议对我方不利：代价是 /);
    // After a deal it would sign: why that one pays.
    const offered = turn(negotiating(), "What would it take?", "NL");
    expect(offered.said.key).toBe("bot.dm.offer");
    const yes = turn(offered.state, "为什么？", "NL").said;
    expect(yes.key).toBe("bot.dm.whyYes");
    expect(arg(yes, "why")).toBe(arg(offered.said, "why"));
    expect(words(yes)).toMatch(/^Because that deal pays for us over \d rounds: it brings us .*\d/);
    expect(zhWords(yes)).toMatch(/^因为那项为期 \d 轮的协议对我方有利：/);
    // Asked first, with nothing said before: which deal.
    expect(turn(negotiating(), "Why?", "NL").said.key).toBe("bot.dm.whyWhich");
  });

  it("“Why?” after a decline that followed its “what would it take?” answer asks about the decline, not the answer before it", () => {
    const offered = turn(negotiating(), "What would it take?");
    expect(offered.said.key).toBe("bot.dm.offer");
    const ctl = offer(offered.state, "US", { terms: { type: "export-control", sector: "semis", tier: "frontier", target: "CN" }, parties: ["US", "JP"], duration: 3 });
    const d = decideBotAction(botContext(ctl.state, "JP"), rng())!;
    expect(d.action.move).toMatchObject({ type: "decline", agreementId: ctl.id });
    const why = turn(act(ctl.state, { ...d.action, reason: d.reason! }), "Why?").said;
    expect(why.key).not.toBe("bot.dm.whyYes");
    expect(words(why)).toContain(ctl.id);
  });

  it("“why did you decline A1? what would it take on A1?” in one message says the deal's numbers once, not twice in one reply", () => {
    const g = declinedControl();
    const { said } = turn(g.state, `Why did you decline ${g.control}? What would it take on ${g.control}?`);
    expect(said.key).toBe("bot.dm.two");
    const en = words(said);
    const why = words(g.declined).replace(/^declined: /, "");
    expect(en).toBe(`We declined ${g.control}: ${why}. No small change of ${g.control} makes it worth it for us.`);
    expect(zhWords(said)).toMatch(new RegExp(`^我方拒绝了 ${g.control}：[^。]+。对 ${g.control} 做小幅修改也不足以让我方觉得值得。$`));
  });
});

describe("an offer of money for a deal (docs/RULES.md §1: a regime carries no payment)", () => {
  it.each(["classroom-quick", "alliance-2021"])("in %s, the Netherlands stays on the regime it priced, says it has no payment in it, and names the deal with money it would sign", (id) => {
    const first = turn(negotiating(id), "What would it take for you to join a chip export control regime with us?", "NL");
    expect(first.said.key).toBe("bot.dm.offerNoneWhy");
    let state = first.state;
    for (const [i, q] of ["如果我们用一笔资金补偿你们的损失，需要多少？", "If we pay you, would you join the chip export control with us?", "如果我们付钱给你们，你们会加入半导体出口管制吗？"].entries()) {
      const r = turn(state, q, "NL");
      state = r.state;
      // Asked again, the same answer, said so (talk.ts `asAnswered`): the answer inside.
      const wrapper = ["bot.dm.same", "bot.dm.sameAgain"][i - 1];
      if (wrapper) expect(r.said.key, q).toBe(wrapper);
      const said = wrapper ? (r.said.args!.line as Text) : r.said;
      const en = words(said, id);
      const zh = zhWords(said, id);
      // The regime it priced, not another deal: no payment in its terms, each deal judged on its own,
      // then what would make that regime pay (its numbers were just given), without them again.
      expect(en, q).toMatch(/^There is no payment in the terms of an export-control regime, and we judge each deal on its own\. /);
      expect(zh, q).toMatch(/^出口管制机制的条款中没有付款，而且我方对每项协议分别评估。/);
      expect(["bot.dm.pay.change", "bot.dm.pay.joinIf", "bot.dm.pay.nothing"], q).toContain(payThen(said).key);
      expect(en, q).not.toMatch(/research|screening|−[\d.]+ points to us/i);
      // Money where the rules put it: chips the Netherlands would sell the United States, by its valuation.
      expect(said.key, q).toBe("bot.dm.pay.money");
      expect(en, q).toMatch(/ Money can change hands in another kind of deal: we would sign this with you, for \d rounds: Semiconductors from the Netherlands to the United States: \d+ units? a round at [\d.]+ capital each\. By our count, it brings us .*\d.*\. Propose it and we will answer within moments\.$/);
      expect(zh, q).toMatch(/资金可以在另一类协议中往来：我方愿与你方签署这项为期 \d 轮的协议：.+供应半导体：每轮 \d+ 单位，单价 [\d.]+ 资金。按我方估算，这项协议.+。你方提出后，我方会很快答复。$/);
    }
    // “Why?” then is about the regime, its numbers again, not “Which deal?”.
    const why = turn(state, "为什么？", "NL").said;
    expect(why.key).toBe("bot.dm.whyNo");
    expect(arg(why, "why")).toBe(arg(first.said, "why"));
  });

  it("asked first, “if we pay you, would you join the chip export control?” names the nearest regime and its numbers; money for nothing named gets the deal with money it would sign", () => {
    const { said } = turn(negotiating(), "If we pay you, would you join the chip export control with us?", "NL");
    expect(words(said)).toMatch(
      /^There is no payment in the terms of an export-control regime, and we judge each deal on its own\. No export-control regime in semiconductors with you would pay for us\. The nearest, over 4 rounds: Controls by the Netherlands and the United States on exports of frontier semiconductors to China\. It costs us .*−[\d.]+ points to us, all told\. Money can change hands/,
    );
    const money = turn(negotiating(), "如果我们用一笔资金补偿你们的损失，需要多少？", "NL").said;
    expect(money.key).toBe("bot.dm.offer");
    expect(words(money)).toMatch(/^We would sign this, for \d rounds: Semiconductors from the Netherlands to the United States: /);
  });

  it("on a supply deal the money is its price: the terms it would sign, the asker paying", () => {
    const { said } = turn(negotiating(), "If we pay you, will you sell us chips?", "NL");
    expect(said.key).toBe("bot.dm.pay.terms.supply");
    expect(words(said)).toMatch(/^In a supply-chain deal, the payment is the price, and any co-investment\. We would sign this, for \d rounds: Semiconductors from the Netherlands to the United States: /);
    expect(zhWords(said)).toMatch(/^在供应链协议中，付款就是价格，以及任何共同投资。我方会签署这项为期 \d 轮的协议：/);
  });
});

/** `from` writes `text` to the bot `to` in their channel; the bot's reply, and the state after it (`memory`: the bot's, as a game keeps it). */
function say(state: GameState, text: string, from: string, to: string, memory = rng()) {
  const open = (s: GameState) => Object.values(s.channels).find((c) => c.kind === "bilateral" && c.members.includes(to) && c.members.includes(from));
  const opened = open(state) ? state : act(state, { actor: seatActor(from), move: { type: "open-channel", members: [to] } });
  const asked = act(opened, { actor: seatActor(from), move: { type: "chat", channel: open(opened)!.id, text } });
  // It answers the offers before it first (India signs China's pact, say), then the question.
  let state_ = asked;
  for (let i = 0; i < 5; i++) {
    const d = decideBotAction(botContext(state_, to), memory, { names: translatedNames(state_.scenario.id) })!;
    if (d.action.move.type === "chat") return { said: (d.action.move as { said: Said }).said, state: act(state_, d.action) };
    state_ = act(state_, { ...d.action, ...(d.reason ? { reason: d.reason } : {}) });
  }
  throw new Error(`${to} did not answer “${text}”`);
}

describe("what an instructor playing China (Multipolar 2024) and the United States (Alliance 2021) wrote in Chinese", () => {
  const mp = "multipolar-2024";
  /** China asks India (a bot) about a screening pact China proposed, by its id: a deal discussed before the loan. */
  function pactDiscussed(lang: "zh" | "en") {
    const pact = offer(negotiating(mp), "CN", { terms: { type: "screening" }, parties: ["CN", "IN"], duration: 3 });
    return say(pact.state, lang === "zh" ? `你们会加入 ${pact.id} 吗？` : `Will you join ${pact.id}?`, "CN", "IN").state;
  }
  const en = (t: Said) => words(t, mp);
  const zh = (t: Said) => zhWords(t, mp);

  it.each([
    ["zh", "我们愿意向印度提供 30 的基础设施贷款，用于经济走廊，利率 1%，你们接受吗？"],
    ["zh", "我们提议向印度提供 30 的基础设施贷款，用于经济走廊，利率 1%。"],
    ["en", "We are willing to lend India 30 for the economic corridor at 1%, would you accept?"],
  ] as const)("%s: an offer of a loan of 30 for the corridor at 1%% is valued on those terms, not changed silently: more than India can repay in the game, it names the debt and the change it would sign", (lang, text) => {
    // India has 5 capital and earns 5 a round: repaying 30.3 in round 3 would leave it about 10 below zero.
    const { said } = say(pactDiscussed(lang), text, "CN", "IN");
    expect(said.key).toBe("bot.dm.offerNear");
    expect(en(said)).toMatch(/^Not as you put it: Loan of 30 capital from China to India for the economic corridor at 1% .*It costs us 30\.3 capital \([\d.]+ more than we will have\) .*With grace rounds 0 → 1/);
    expect(zh(said)).toMatch(/贷款 30 资金，用于经济走廊，利率 1%.*代价是 30\.3 资金（其中 [\d.]+ 超出我方届时的资金）/);
  });

  it.each([
    ["zh", "我们愿意向印度提供 15 的基础设施贷款，用于经济走廊，利率 1%，你们接受吗？"],
    ["en", "We are willing to lend India 15 for the economic corridor at 1%, would you accept?"],
  ] as const)("%s: a loan of 15 for the corridor at 1%%, within India's means, it would sign as offered", (lang, text) => {
    const { said } = say(pactDiscussed(lang), text, "CN", "IN");
    expect(said.key).toBe("bot.dm.offer");
    expect(en(said)).toMatch(/^We would sign this, for \d rounds: Loan of 15 capital from China to India for the economic corridor at 1% /);
    expect(en(said)).not.toMatch(/debt/);
    expect(zh(said)).toMatch(/贷款 15 资金，用于经济走廊，利率 1%/);
  });

  it("a loan for a project India does not need, or one already financed, is refused with the reason, not swapped for another project", () => {
    const g = say(negotiating(mp), "We propose a loan of 10 for a 5G network.", "CN", "IN");
    expect(g.said.key).toBe("bot.dm.offerNoneRule");
    expect(en(g.said)).toBe("No infrastructure loan with you is open to us this round: India has not asked for a 5G network.");
    expect(zh(say(negotiating(mp), "我们提议向印度提供 10 的贷款，用于 5G 网络。", "CN", "IN").said)).toMatch(/^本轮我方无法与你方达成基础设施贷款：.*5G 网络/);
    // The corridor financed by the United States: the World table still lists it among India's needs, but no second loan may finance it.
    const us = offer(negotiating(mp), "US", { terms: { type: "loan", lenders: ["US"], recipient: "IN", project: "corridor", amount: 10, interest: 3, grace: 1, conditions: [] }, duration: 5 });
    const signed = act(us.state, { actor: seatActor("IN"), move: { type: "sign", agreementId: us.id, revision: 1 } });
    for (const text of ["我们提议向印度提供 30 的基础设施贷款，用于经济走廊，利率 1%。", "We propose a loan of 30 for the economic corridor at 1%."]) {
      const { said } = say(signed, text, "CN", "IN");
      expect(said.key, text).toBe("bot.dm.offerNoneRule");
      expect(en(said), text).toBe(`No infrastructure loan with you is open to us this round: India's economic corridor is already financed (${us.id}).`);
    }
  });

  it.each(["zh", "en"] as const)("%s: after the loan it offered in words, “why?” (past a note of what it answers), a what-if on the rate and money offered are about that loan, not the pact discussed before", (lang) => {
    const t = (zhText: string, enText: string) => (lang === "zh" ? zhText : enText);
    const loan = say(pactDiscussed(lang), t("我们愿意向印度提供 15 的基础设施贷款，用于经济走廊，利率 1%，你们接受吗？", "We are willing to lend India 15 for the economic corridor at 1%, would you accept?"), "CN", "IN");
    expect(loan.said.key).toBe("bot.dm.offer");
    const help = say(loan.state, t("你好", "Hello"), "CN", "IN");
    expect(help.said.key).toBe("bot.dm.hello");
    const why = say(help.state, t("为什么？", "Why?"), "CN", "IN");
    expect(why.said.key).toBe("bot.dm.whyYes");
    expect(arg(why.said, "why")).toBe(arg(loan.said, "why"));
    // "Why did you decline our loan?": it declined none; then why the loan discussed pays, in a sentence of its own (not "Because…").
    const declined = say(why.state, t("为什么拒绝我们的贷款？", "Why did you decline our loan?"), "CN", "IN").said;
    expect(declined.key).toBe("bot.dm.whyNoneOf");
    expect(en(declined)).toMatch(/^We have turned down no infrastructure loan of yours\. The deal we named pays for us over \d rounds: /);
    expect(zh(declined)).toMatch(/^我方没有拒绝过你方的任何基础设施贷款。我方提到的那项为期 \d 轮的协议对我方有利：/);
    // A rate asked: the same loan (15 for the corridor) at that rate.
    const rate = say(why.state, t("你们能接受利率 1% 吗？", "Do you accept 1% interest?"), "CN", "IN").said;
    expect(rate.key).toBe("bot.dm.offer");
    expect(en(rate)).toMatch(/Loan of 15 capital from China to India for the economic corridor at 1% /);
    // Money offered: on the loan, whose money is its amount and interest.
    const pay = say(loan.state, t("如果我们给你们一笔资金补偿呢？", "What if we pay you?"), "CN", "IN").said;
    expect(pay.key).toBe("bot.dm.pay.terms.loan");
    expect(en(pay)).not.toMatch(/screening/);
  });

  it("“why did you decline our loan?” with no loan discussed: it declined none, and names the loan it would sign, not another deal's reason", () => {
    const { said } = say(pactDiscussed("zh"), "为什么拒绝我们的贷款？", "CN", "IN");
    expect(said.key).toBe("bot.dm.whyNoneOf");
    expect(en(said)).toMatch(/^We have turned down no infrastructure loan of yours\. /);
    expect(en(said)).not.toMatch(/screening|A1\b/);
  });

  it.each([
    ["zh", "你们需要什么条件才加入芯片出口管制？", "你们能接受全面管制吗？", "如果日本也加入呢？"],
    ["en", "What would it take for you to join a chip export control regime with us?", "Do you accept a broad control?", "What if Japan joins too?"],
  ] as const)("%s: a what-if after the regime it priced is about that regime (broad, then with Japan in it), not a screening pact nobody mentioned", (_lang, first, broad, japan) => {
    const al = "alliance-2021";
    // A screening pact the United States and the Netherlands have: the latest deal between them.
    const pact = offer(negotiating(al), "US", { terms: { type: "screening" }, parties: ["US", "NL"], duration: 3 });
    let state = act(pact.state, { actor: seatActor("NL"), move: { type: "sign", agreementId: pact.id, revision: 1 } });
    const asked = (text: string) => {
      const r = say(state, text, "US", "NL");
      state = r.state;
      return { key: r.said.key, en: words(r.said, al), zh: zhWords(r.said, al) };
    };
    expect(asked(first).key).toBe("bot.dm.offerNoneWhy");
    const b = asked(broad);
    expect(b.en).toMatch(/Controls by .* on exports of all semiconductors to China/);
    expect(b.en).not.toContain(pact.id);
    const j = asked(japan);
    expect(j.en, j.en).toMatch(/Controls by (?=[^:.]*Japan)[^:.]* on exports of all semiconductors to China/);
    expect(j.en).not.toContain(pact.id);
    expect(j.zh).not.toContain(pact.id);
  });

  it("a reply about a deal nobody named in the channel says what it is: “A1 (investment screening pact)”", () => {
    const al = "alliance-2021";
    const pact = offer(negotiating(al), "US", { terms: { type: "screening" }, parties: ["US", "NL"], duration: 3 });
    const state = act(pact.state, { actor: seatActor("NL"), move: { type: "sign", agreementId: pact.id, revision: 1 } });
    for (const text of ["如果日本也加入呢？", "What if Japan joins too?"]) {
      const { said } = say(state, text, "US", "NL");
      expect(words(said, al), text).toContain(`${pact.id} (investment screening pact)`);
      expect(zhWords(said, al), text).toMatch(new RegExp(`${pact.id}（投资审查`));
    }
  });
});

describe("what a student playing Finland in Alliance 2021 asked Japan on a phone", () => {
  const al = "alliance-2021";
  const both = (t: Said) => ({ en: words(t, al), zh: zhWords(t, al) });

  it.each([
    ["What do you want most from this round, and why?", { kind: "take", wants: true }],
    ["你们这一轮最想要什么，为什么？", { kind: "take", wants: true }],
    ["What does Japan want from us this round?", { kind: "take", wants: true }],
    ["What are you looking for?", { kind: "take", wants: true }],
    ["日本想从我们这里得到什么？", { kind: "take", wants: true }],
    ["你们想要什么？", { kind: "take", wants: true }],
    ["Would Japan buy trusted 5G network equipment from Finland?", { kind: "propose", type: "supply", sector: "telecom", supplier: "asker" }],
    ["What would it take for Japan to buy telecom from Finland?", { kind: "take", type: "supply", sector: "telecom", supplier: "asker" }],
    ["Will you sell chips to us?", { kind: "propose", type: "supply", sector: "semis", supplier: "bot" }],
    ["We could sell you telecom equipment", { kind: "propose", type: "supply", sector: "telecom", supplier: "asker" }],
    ["日本会从芬兰购买可信的5G网络设备吗？", { kind: "propose", type: "supply", sector: "telecom", supplier: "asker" }],
    ["你们会卖芯片给我们吗？", { kind: "propose", type: "supply", sector: "semis", supplier: "bot" }],
    ["How can Finland raise its trust?", { kind: "trust" }],
    ["芬兰怎样才能提高信誉？", { kind: "trust" }],
    // A why of its own stays a why.
    ["Why do you want a loan?", { kind: "why", type: "loan" }],
  ])("%s", (text, intent) => {
    expect(parseIntent(text)).toEqual(intent);
  });

  it("“what does X want?” asks the bot when X is it (by any of its names), not when X is a third country", () => {
    const seats = scenario(al).countries.map((c) => ({ id: c.id, names: [c.name, ...(translatedNames(al)[c.id] ?? [])] }));
    expect(parseIntent("What does Japan want from us this round?", seats, "JP")).toEqual({ kind: "take", wants: true });
    expect(parseIntent("What does South Korea want from us?", seats, "JP").kind).not.toBe("take");
    expect(parseIntent("日本想从我们这里得到什么？", seats, "JP")).toEqual({ kind: "take", wants: true });
    expect(parseIntent("日本，你们最想要什么？", seats, "JP")).toEqual({ kind: "take", wants: true });
    expect(parseIntent("韩国想从我们这里得到什么？", seats, "JP").kind).not.toBe("take");
    // "You and Korea" is the bot asked, with a partner.
    expect(parseIntent("What do you and South Korea need from us?", seats, "JP")).toEqual({ kind: "take", partners: ["KR"], wants: true });
  });

  it("each question the note of what a bot answers suggests, in English and in Chinese, is a question the bots understand", () => {
    for (const help of [enCatalog["bot.dm.help"], zhCN["bot.dm.help"], enCatalog["bot.dm.helpAny"], zhCN["bot.dm.helpAny"]]) {
      const suggested = [...help.replaceAll("{id}", "A3").matchAll(/“([^”]+)”/g)].map((m) => m[1]!);
      expect(suggested, help).toHaveLength(3);
      for (const q of suggested) expect(questionsIn(q), q).not.toEqual([]);
    }
  });

  it("“What do you want most? And why?” in two sentences is one question: the why is the reason the answer gives", () => {
    expect(questionsIn("What do you want most from this round? And why?")).toEqual([{ kind: "take", wants: true }]);
    expect(questionsIn("你们这一轮最想要什么？为什么？")).toEqual([{ kind: "take", wants: true }]);
    // A why on a deal after it is its own question.
    expect(questionsIn("What do you want? Why did you decline A3?")).toEqual([{ kind: "take", wants: true }, { kind: "why", agreementId: "A3" }]);
  });

  it.each([
    ["en", "What do you want from us?", "What do you want most from this round, and why?"],
    ["en", "What do you want from us?", "What do you want most from this round? And why?"],
    ["en", "What do you want from us?", "What does Japan want from us this round?"],
    ["zh", "你们需要什么条件？", "你们这一轮最想要什么，为什么？"],
    ["zh", "你们需要什么条件？", "日本想从我们这里得到什么？"],
  ] as const)("%s: “%s” and “%s” get the same answer: what it wants, with its reason", (_lang, plain, asked) => {
    const s = negotiating(al);
    const want = say(s, plain, "FI", "JP").said;
    const got = say(s, asked, "FI", "JP").said;
    expect(got.key).not.toBe("bot.dm.whyWhich");
    expect(got.key).not.toMatch(/^bot\.dm\.help/);
    expect(got).toEqual(want);
  });

  it.each([
    ["Would Japan buy trusted 5G network equipment from Finland?"],
    ["What would it take for Japan to buy telecom from Finland?"],
    ["日本会从芬兰购买可信的5G网络设备吗？"],
  ])("“%s”: a supply deal in telecom, Finland supplying and Japan buying", (asked) => {
    const { said } = say(negotiating(al), asked, "FI", "JP");
    const { en, zh } = both(said);
    expect(en, en).toMatch(/Telecom[^:]* from Finland to Japan/);
    expect(en).not.toMatch(/from Japan to Finland/);
    expect(zh, zh).toMatch(/(?:Finland|芬兰)向(?:Japan|日本)供应通信/);
  });

  it("“will you sell us chips?” is the other way: Japan supplies", () => {
    const { en } = both(say(negotiating(al), "Will you sell semiconductors to us?", "FI", "JP").said);
    expect(en, en).toMatch(/Semiconductors[^:]* from Japan to Finland/);
  });

  it("“why did you decline our export control deal?” after it stepped out of it: that it stayed out, and the reason on the deal's step, never “Because…” on its own", () => {
    const memory = rng();
    const o = offer(negotiating(al), "FI", { terms: { type: "export-control", sector: "semis", tier: "frontier", target: "CN" }, parties: ["FI", "JP", "NL"], duration: 3 });
    const d = decideBotAction(botContext(o.state, "JP"), memory)!;
    expect(d.action.move).toMatchObject({ type: "amend", agreementId: o.id });
    const state = act(o.state, { ...d.action, reason: d.reason! });
    const step = state.agreements.find((a) => a.id === o.id)!.steps.at(-1)!;
    expect(step).toMatchObject({ by: "JP", what: "stepped-out" });
    for (const asked of ["Why did you decline our export control deal?", "为什么拒绝我们的出口管制？"]) {
      const { en, zh } = both(say(state, asked, "FI", "JP", memory).said);
      expect(en, en).toBe(`We ${words(step.reason as Said, al)}.`.replace(/go ahead without us\.$/, "the others may go ahead without us."));
      expect(en).not.toMatch(/turned down no|Because/);
      expect(zh, zh).toMatch(new RegExp(`^我方未加入 ${o.id}：`));
    }
  });

  it("“why did you decline our export control deal?” with none of theirs, after the regime it priced: that regime's reason follows as a sentence of its own, not “Because…”", () => {
    const s = say(negotiating(al), "What would it take for you to join a chip export control regime with us?", "FI", "JP").state;
    const { said } = say(s, "Why did you decline our export control deal?", "FI", "JP");
    expect(said.key).toBe("bot.dm.whyNoneOf");
    const { en, zh } = both(said);
    expect(en, en).toMatch(/^We have turned down no export-control regime of yours\. The deal we named does not pay for us over \d rounds: /);
    expect(en).not.toMatch(/Because/);
    expect(zh, zh).not.toMatch(/因为/);
  });

  it("“how can Finland raise its trust?”: what moves trust, by the scenario's rules, in English and Chinese", () => {
    const s = negotiating(al);
    const r = s.scenario.rules;
    for (const asked of ["How can Finland raise its trust?", "芬兰怎样才能提高信誉？"]) {
      const { said } = say(s, asked, "FI", "JP");
      expect(said.key).toBe("bot.dm.trust");
      const { en, zh } = both(said);
      expect(en).toContain(`each party gains +${r.trust.kept} trust`);
      expect(en).toContain(`early (−${r.trust.withdraw})`);
      expect(en).toContain(`defaults on a loan (−${r.loans.defaultTrust})`);
      expect(zh).toContain(`+${r.trust.kept} 信誉`);
    }
  });
});

/** India proposes the supply deal China would sign, and China (a bot) signs it: the offer, China's decision and the state after. */
function chinaSignsIndiasOffer() {
  const d = dealWith(botContext(negotiating(), "CN"), "IN")!;
  const o = offer(negotiating(), "IN", d.draft);
  const s = decideBotAction(botContext(o.state, "CN"), rng())!;
  return { o, s, signed: act(o.state, { ...s.action, reason: s.reason! }) };
}
