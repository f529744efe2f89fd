/**
 * Every example question that docs/RULES.md and docs/RULES.zh-CN.md quote in "Talking to a bot"
 * (§1) is one the bots' grammar (shared/bots/intents.ts) reads as the doc says: the examples of
 * each row of the questions table are questions of that row, and the other examples ask what the
 * paragraph they stand in says (a supply deal in the direction asked, a number on a term, a loan
 * to Kenya...). A question quoted in either doc and missing here fails the test, so a new example
 * is checked too. The Chinese examples differ from the English: "你们会借钱给肯尼亚吗？" was read as
 * nothing, and "每轮各投入 2 资金" (joint research's capital a round) as an offer of money.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { questionsIn, type Intent } from "../../shared/bots/intents.ts";
import { scenario } from "./helpers.ts";

const ZH: Record<string, string> = { US: "美国", NL: "荷兰", JP: "日本", DE: "德国", AU: "澳大利亚", IN: "印度", FI: "芬兰", CN: "中国", KE: "肯尼亚", ID: "印度尼西亚" };
const seats = scenario("alliance-2021").countries.map((c) => ({ id: c.id, names: [c.id, c.name, ...(ZH[c.id] ? [ZH[c.id]!] : [])] }));

/** The "Talking to a bot" section of a doc, its wrapped lines joined. */
function section(file: string): string {
  const doc = readFileSync(join(import.meta.dirname, "..", "..", "docs", file), "utf8");
  const start = Math.max(doc.indexOf("### Talking to a bot"), doc.indexOf("### 与机器人对话"));
  expect(start).toBeGreaterThan(0);
  return doc.slice(start, doc.indexOf("\n---", start)).replace(/\n {2,}/g, " ");
}
const DOCS = { en: section("RULES.md"), zh: section("RULES.zh-CN.md") };
const quoted = (text: string, lang: "en" | "zh") => [...text.matchAll(lang === "zh" ? /“([^”]+)”/g : /"([^"]+)"/g)].map((m) => m[1]!);

/** Each row of the questions table, by its first cell in either language, and the intent it is. */
const ROWS: Record<string, Intent["kind"]> = {
  why: "why",
  "what would it take": "take",
  "will you join": "join",
  "I propose": "propose",
  "what if": "if",
  trust: "trust",
  "if we pay": "pay",
  为什么: "why",
  需要什么条件: "take",
  会不会加入: "join",
  我提议: "propose",
  "如果…": "if",
  信誉: "trust",
  如果我们付钱: "pay",
};

/**
 * What the grammar reads each example as, asked of `to` (Japan unless said): the intent and the
 * clues the doc's paragraph names.
 */
const READ: Record<string, { to?: string; is: Partial<Intent> & Record<string, unknown> }> = {
  // Where to ask.
  "Japan, why did you decline A3?": { is: { kind: "why", agreementId: "A3" } },
  "日本，为什么拒绝 A3？": { is: { kind: "why", agreementId: "A3" } },
  "Japan, will you join controls on China?": { is: { kind: "join", type: "export-control", on: "CN" } },
  "日本，需要什么条件才能加入对中国的芯片管制？": { is: { kind: "take", type: "export-control", sector: "semis", on: "CN" } },
  "why was A3 declined?": { is: { kind: "why", agreementId: "A3" } },
  "为什么拒绝 A3？": { is: { kind: "why", agreementId: "A3" } },
  "why did you decline?": { is: { kind: "why", declined: true } },
  "为什么拒绝？": { is: { kind: "why", declined: true } },
  "为何拒绝？": { is: { kind: "why", declined: true } },
  "why not?": { is: { kind: "why" } },
  "为什么不？": { is: { kind: "why" } },
  "what would it take to get chips?": { is: { kind: "take", sector: "semis" } },
  "怎样才能得到芯片？": { is: { kind: "take", sector: "semis" } },
  "China, what do you want?": { to: "CN", is: { kind: "take", wants: true } },
  "中国，你们想要什么？": { to: "CN", is: { kind: "take", wants: true } },
  "will you join a standards coalition with China?": { is: { kind: "join", type: "standards", partners: ["CN"] } },
  "你们会和中国一起加入标准联盟吗？": { is: { kind: "join", type: "standards", partners: ["CN"] } },
  // What it understands: a type and nothing else.
  "Would you do joint research?": { is: { kind: "join", type: "rnd" } },
  "Interested in a supply deal?": { is: { kind: "join", type: "supply" } },
  "联合研发呢？": { is: { kind: "join", type: "rnd" } },
  // Buying or selling.
  "would Japan buy 5G equipment from us?": { is: { kind: "propose", type: "supply", sector: "telecom", supplier: "asker" } },
  "日本会从芬兰购买5G设备吗？": { is: { kind: "propose", type: "supply", sector: "telecom", supplier: "asker", partners: ["FI"] } },
  "你们会从我们这里买芯片吗？": { is: { kind: "propose", type: "supply", sector: "semis", supplier: "asker" } },
  "we could sell you telecom": { is: { kind: "propose", type: "supply", sector: "telecom", supplier: "asker" } },
  "will you sell chips to us?": { is: { kind: "propose", type: "supply", sector: "semis", supplier: "bot" } },
  "can we buy chips from you?": { is: { kind: "propose", type: "supply", sector: "semis", supplier: "bot" } },
  "你们会卖芯片给我们吗？": { is: { kind: "propose", type: "supply", sector: "semis", supplier: "bot" } },
  "我们能从你们这里买芯片吗？": { is: { kind: "propose", type: "supply", sector: "semis", supplier: "bot" } },
  // Terms with a number, and a number alone.
  "at 0.8": { is: { terms: { price: 0.8 } } },
  "单价 0.8": { is: { terms: { price: 0.8 } } },
  "4 a round": { is: { terms: { volume: 4 } } },
  "4 units a round": { is: { terms: { volume: 4 } } },
  "每轮 4 单位": { is: { terms: { volume: 4 } } },
  "a loan of 20 at 3% interest": { is: { type: "loan", terms: { amount: 20, interest: 3 } } },
  "利率 3": { is: { terms: { interest: 3 } } },
  "提供 30 的贷款": { is: { type: "loan", terms: { amount: 30 } } },
  "2 capital a round each": { is: { kind: "if", terms: { contribution: 2 } } },
  "每轮各投入 2 资金": { is: { kind: "if", terms: { contribution: 2 } } },
  "would you accept 0.3 instead?": { is: { kind: "if", figure: 0.3 } },
  "你们能接受 0.3 吗？": { is: { kind: "if", figure: 0.3 } },
  "would you accept 0.4 on A11?": { is: { kind: "if", agreementId: "A11", figure: 0.4 } },
  "and at 0.5?": { is: { kind: "if", terms: { price: 0.5 } } },
  "单价 0.5 呢？": { is: { kind: "if", terms: { price: 0.5 } } },
  "如果这样呢？": { is: { kind: "if" } },
  // A loan to a country that needs a project.
  "Will you lend to Kenya?": { is: { kind: "propose", type: "loan", partners: ["KE"] } },
  "will you lend to Kenya?": { is: { kind: "propose", type: "loan", partners: ["KE"] } },
  "你们会借给肯尼亚吗？": { is: { kind: "propose", type: "loan", partners: ["KE"] } },
  "你们会借钱给肯尼亚吗？": { is: { kind: "propose", type: "loan", partners: ["KE"] } },
  // Follow-ups.
  "why?": { is: { kind: "why" } },
  "Why?": { is: { kind: "why" } },
  "为什么？": { is: { kind: "why" } },
  "and why?": { is: { kind: "why" } },
  "what would it take?": { is: { kind: "take", wants: undefined } },
  "需要什么条件？": { is: { kind: "take", wants: undefined } },
  "what would you want for it?": { is: { kind: "take", wants: undefined } },
  "你们想要什么作为交换？": { is: { kind: "take", wants: undefined } },
  "如果……呢？": { is: { kind: "if" } },
  "What do you want (from us)?": { is: { kind: "take", wants: true } },
  "what do you want?": { is: { kind: "take", wants: true } },
  "你们想要什么？": { is: { kind: "take", wants: true } },
  "你们想从我们这里得到什么？": { is: { kind: "take", wants: true } },
  "what are you looking for?": { is: { kind: "take", wants: true } },
  // The questions table.
  "why did you decline A3?": { is: { kind: "why", agreementId: "A3" } },
  "why did you decline our export control deal?": { is: { kind: "why", type: "export-control" } },
  "为什么拒绝我们的出口管制？": { is: { kind: "why", type: "export-control" } },
  "why did you decline our loan?": { is: { kind: "why", type: "loan" } },
  "为什么拒绝我们的贷款？": { is: { kind: "why", type: "loan" } },
  "Why did you decline?": { is: { kind: "why", declined: true } },
  "what would it take on A3?": { is: { kind: "take", agreementId: "A3" } },
  "怎样才能让你签 A3？": { is: { kind: "take", agreementId: "A3" } },
  "你们要什么条件？": { is: { kind: "take", wants: undefined } },
  "what do you want from us?": { is: { kind: "take", wants: true } },
  "what does Japan want from us?": { is: { kind: "take", wants: true } },
  "日本想从我们这里得到什么？": { is: { kind: "take", wants: true } },
  "我们的芯片出口管制提议需要什么条件？": { is: { kind: "take", type: "export-control", sector: "semis" } },
  "what do you want most this round, and why?": { is: { kind: "take", wants: true } },
  "what do you want most, and why?": { is: { kind: "take", wants: true } },
  "你们最想要什么，为什么？": { is: { kind: "take", wants: true } },
  "你们这一轮最想要什么，为什么？": { is: { kind: "take", wants: true } },
  "will you join A5?": { is: { kind: "join", agreementId: "A5" } },
  "你会加入 A5 吗？": { is: { kind: "join", agreementId: "A5" } },
  "会加入 A5 吗？": { is: { kind: "join", agreementId: "A5" } },
  "will you join a regime?": { is: { kind: "join", type: "export-control" } },
  "会加入出口管制吗？": { is: { kind: "join", type: "export-control" } },
  "would you sign a loan to us?": { is: { kind: "join", type: "loan" } },
  "what if Germany joins A5?": { is: { kind: "if", agreementId: "A5", partners: ["DE"], ifJoined: true } },
  "如果德国也加入 A5 呢？": { is: { kind: "if", agreementId: "A5", partners: ["DE"], ifJoined: true } },
  "I propose a loan": { is: { kind: "propose", type: "loan" } },
  "我提议一项贷款": { is: { kind: "propose", type: "loan" } },
  "how about joint research in quantum?": { is: { kind: "propose", type: "rnd", sector: "quantum" } },
  "我提议合作研究": { is: { kind: "propose", type: "rnd" } },
  "we will lend you 10 at 3%": { is: { kind: "propose", type: "loan", terms: { amount: 10, interest: 3 } } },
  "we are willing to lend you 30 for the economic corridor at 1%, would you accept?": { is: { kind: "propose", type: "loan", project: "corridor", terms: { amount: 30, interest: 1 } } },
  "我们愿意向印度提供 30 的基础设施贷款，用于经济走廊，利率 1%，你们接受吗？": { is: { kind: "propose", type: "loan", project: "corridor", partners: ["IN"], terms: { amount: 30, interest: 1 } } },
  "can you sign A21 if we make it broad?": { is: { kind: "if", agreementId: "A21", tier: "broad" } },
  "如果 A21 改成全面管制，你们签吗？": { is: { kind: "if", agreementId: "A21", tier: "broad" } },
  "would you accept a broad control instead of frontier?": { is: { kind: "if", type: "export-control", tier: "broad" } },
  "如果改成宽泛管制呢？": { is: { kind: "if", type: "export-control", tier: "broad" } },
  "如果改成全面管制，可以吗？": { is: { kind: "if", type: "export-control", tier: "broad" } },
  "do you accept 1% interest?": { is: { kind: "if", terms: { interest: 1 } } },
  "你们能接受利率 1% 吗？": { is: { kind: "if", terms: { interest: 1 } } },
  "行不行？": { is: { kind: "if" } },
  "will you join the chip regime if Japan does?": { to: "AU", is: { kind: "if", type: "export-control", sector: "semis", partners: ["JP"], ifJoined: true } },
  "如果日本也加入，你们会加入芯片管制吗？": { to: "AU", is: { kind: "if", type: "export-control", sector: "semis", partners: ["JP"], ifJoined: true } },
  "如果日本也加入呢？": { to: "AU", is: { kind: "if", partners: ["JP"], ifJoined: true } },
  "how can we raise our trust?": { is: { kind: "trust" } },
  "芬兰怎样才能提高信誉？": { is: { kind: "trust" } },
  "if we pay you, would you join the chip export control with us?": { is: { kind: "pay", type: "export-control", sector: "semis" } },
  "如果我们付钱给你们，你们会加入半导体出口管制吗？": { is: { kind: "pay", type: "export-control", sector: "semis" } },
  "如果我们用一笔资金补偿你们的损失，需要多少？": { is: { kind: "pay" } },
  // Small talk.
  thanks: { is: { kind: "courtesy" } },
  ok: { is: { kind: "courtesy" } },
  bye: { is: { kind: "courtesy" } },
  "谢谢，再见": { is: { kind: "courtesy" } },
  谢谢: { is: { kind: "courtesy" } },
  好的: { is: { kind: "courtesy" } },
  再见: { is: { kind: "courtesy" } },
};

const read = (q: string) => {
  const intents = questionsIn(q, seats, READ[q]?.to ?? "JP");
  expect(intents, q).toHaveLength(1);
  return intents[0]!;
};

describe("the example questions of “Talking to a bot” are read as the rules say", () => {
  for (const lang of ["en", "zh"] as const) {
    it(`every example question quoted in the ${lang} doc is checked here (a “…” fragment is its example's)`, () => {
      const asked = quoted(DOCS[lang], lang).filter((p) => /[?？]$/.test(p) && !p.startsWith("…"));
      expect(asked.length).toBeGreaterThan(40);
      expect(asked.filter((p) => !(p in READ))).toEqual([]);
    });

    it(`the ${lang} questions table: each example asks its row's question`, () => {
      const rows = DOCS[lang].split("\n").filter((l) => l.startsWith("| **"));
      expect(rows).toHaveLength(7);
      for (const row of rows) {
        const [head, examples] = row.slice(2).split(" | ");
        const kind = ROWS[head!.replaceAll("*", "")];
        expect(kind, head).toBeDefined();
        const phrases = quoted(examples!, lang);
        expect(phrases.length, head).toBeGreaterThan(1);
        for (const p of phrases) expect(read(p).kind, `${head}: ${p}`).toBe(kind);
      }
    });
  }

  it.each(Object.entries(READ))("“%s”", (q, { is }) => {
    const quotedIn = quoted(DOCS.en, "en").includes(q) || quoted(DOCS.zh, "zh").includes(q);
    expect(quotedIn, `${q} is quoted in a doc`).toBe(true);
    // `wants: undefined`: a follow-up on the deal discussed, not what the bot wants most.
    const absent = Object.fromEntries(Object.keys(is).map((k) => [k, undefined]));
    expect({ ...absent, ...read(q) }).toMatchObject(is);
  });
});
