/**
 * The catalog is the one home of every word: each key the engine and the server write exists
 * in it, every key in it is used, and each other catalog (the pseudo-locale) has the same keys
 * and the same placeholders; the Chinese states the English's numbers.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { en } from "../../client/i18n/en.ts";
import { LANGUAGES, loadCatalog, loadCatalogPart } from "../../client/i18n/languages.ts";
import { analyze } from "../../server/debrief/analysis.ts";
import { buildReport } from "../../server/debrief/report.ts";
import { keysOf, type Text } from "../../shared/engine/text.ts";
import { getScenario } from "../../server/scenarios.ts";
import type { Action } from "../../shared/engine/actions.ts";
import { missingNumbers } from "../../shared/scenario/numbers.ts";
import { translator } from "../../client/i18n/translator.ts";

const ROOT = join(import.meta.dirname, "..", "..");
const files = (d: string): string[] => readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(d, e.name)) : e.name.endsWith(".ts") ? [join(d, e.name)] : []));
const source = (dirs: string[], skip: RegExp) =>
  dirs
    .flatMap((d) => files(join(ROOT, d)))
    .filter((f) => !skip.test(f))
    .map((f) => readFileSync(f, "utf8"))
    .join("\n");
const keys = new Set(Object.keys(en));
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();

/**
 * The top-level property names of the object literal that starts at `code[open]` ("{"), or
 * undefined when it spreads another object (its names are then unknown).
 */
function literalNames(code: string, open: number): Set<string> | undefined {
  const names = new Set<string>();
  let depth = 0;
  let expectName = true;
  for (let i = open; i < code.length; i++) {
    const c = code[i]!;
    if (c === '"' || c === "'" || c === "`") {
      // A string or template: skip to its end (a template's ${…} may nest, which is rare in a value).
      const q = c;
      for (i++; i < code.length && code[i] !== q; i++) if (code[i] === "\\") i++;
      expectName = false;
      continue;
    }
    if (c === "{" || c === "(" || c === "[") {
      depth++;
      if (depth === 1) expectName = true;
      continue;
    }
    if (c === "}" || c === ")" || c === "]") {
      depth--;
      if (depth === 0) return names;
      continue;
    }
    if (depth !== 1) continue;
    if (c === ",") {
      expectName = true;
      continue;
    }
    if (expectName && /\S/.test(c)) {
      if (code.startsWith("...", i)) return undefined;
      const name = /^[\w$]+/.exec(code.slice(i))?.[0];
      if (name) {
        names.add(name);
        i += name.length - 1;
      }
      expectName = false;
    }
  }
  return undefined;
}

describe("the catalog", () => {
  it("has every key the engine and the server write (literal keys and the prefixes of built ones)", () => {
    const code = source(["shared", "server"], /^$/);
    const literal = [...code.matchAll(/\btext\(\s*"([\w.-]+)"/g)].map((m) => m[1]!);
    expect(literal.length).toBeGreaterThan(100);
    expect(literal.filter((k) => !keys.has(k) && !keys.has(`${k}.one`))).toEqual([]);
    const built = [...code.matchAll(/\btext\(\s*`([\w.-]+)\.\$\{/g)].map((m) => `${m[1]!}.`);
    expect(built.filter((p) => ![...keys].some((k) => k.startsWith(p)))).toEqual([]);
  });

  it("gets a value for every placeholder wherever code names its key with the values written out", () => {
    // A value left out shows its placeholder to the reader ("Remove Cal (table {table}, {seat})").
    const catalog = en as Record<string, string>;
    const forms = (key: string) => (key in catalog ? [catalog[key]!] : [`${key}.one`, `${key}.other`].filter((k) => k in catalog).map((k) => catalog[k]!));
    const missing: string[] = [];
    let checked = 0;
    for (const file of ["client", "server", "shared"].flatMap((d) => files(join(ROOT, d))).filter((f) => !/[/\\]i18n[/\\](en|zh-CN)[/\\]/.test(f))) {
      const code = readFileSync(file, "utf8");
      const where = (at: number) => `${file.slice(ROOT.length + 1)}:${code.slice(0, at).split("\n").length}`;
      // ("key", { … }) and, for a plural, ("key", count, { … }), whose count fills {count}.
      for (const m of code.matchAll(/\(\s*"([\w.-]+)"\s*,\s*(?:([\w.$?]+(?:\([^()]*\))?)\s*,\s*)?\{/g)) {
        const texts = forms(m[1]!);
        const given = texts.length ? literalNames(code, m.index + m[0].length - 1) : undefined;
        if (!given) continue;
        checked++;
        const wanted = new Set(texts.flatMap(placeholders));
        const lacking = [...wanted].filter((p) => !given.has(p) && !(m[2] && p === "count"));
        if (lacking.length) missing.push(`${where(m.index)} ${m[1]} lacks ${lacking.join(", ")}`);
      }
      // t("key") with no values at all.
      for (const m of code.matchAll(/\b(?:t|k|w\.t)\(\s*"([\w.-]+)"\s*\)/g)) if (placeholders(catalog[m[1]!] ?? "").length) missing.push(`${where(m.index)} ${m[1]} has no values`);
    }
    expect(checked).toBeGreaterThan(500);
    expect(missing).toEqual([]);
  });

  it("has every key of every text in the golden games and their reports", () => {
    for (const name of ["negotiation", "chip-alliance", "random-game"]) {
      const golden = JSON.parse(readFileSync(join(ROOT, "tests", "golden", `${name}.json`), "utf8")) as { scenario: string; settings: { seed: number }; log: Action[] };
      const scenario = getScenario(golden.scenario)!;
      const analysis = analyze({ scenario, settings: golden.settings }, golden.log.map((action) => ({ action, at: null })));
      const record = { code: "ABCDEF", scenario, settings: { bots: true, teams: false, facilitatorReadsPrivate: true, channels: "open" as const, quickStart: false, reconnectSeconds: 60 }, seed: "1", keyHash: "", createdAt: 0, finishedAt: null };
      const report = buildReport(record, analysis, "facilitator");
      const s = analysis.final;
      const texts: Text[] = [
        ...s.news.map((n) => n.text),
        ...s.history.flatMap((h) => h.changes.flatMap((c) => c.causes.map((x) => x.label))),
        ...report.timeline.map((e) => e.text),
        ...report.agreements.map((a) => a.description),
        report.chat.note,
      ];
      expect(texts.length, name).toBeGreaterThan(20);
      const used = texts.flatMap(keysOf);
      expect(used.filter((k) => !keys.has(k) && !keys.has(`${k}.one`)), name).toEqual([]);
    }
  });

  it("has no dead key: each is named in the code, or built from a prefix the code names", () => {
    const code = source(["client", "server", "shared"], /[/\\]i18n[/\\][\w-]+[/\\]/);
    const prefixes = [
      ...[...code.matchAll(/`([\w.-]+)\.\$\{/g)].map((m) => `${m[1]}.`),
      ...[...code.matchAll(/\b(?:label|tn)\(\s*"([\w.-]+)"/g)].map((m) => `${m[1]}.`),
      ...[...code.matchAll(/plural: "([\w.-]+)"/g)].map((m) => `${m[1]}.`),
      // A plural text the code writes: text("bot.points", { count }) is "bot.points.one" or ".other".
      ...[...code.matchAll(/\btext\(\s*"([\w.-]+)",\s*\{\s*count\b/g)].map((m) => `${m[1]}.`),
      ...[...code.matchAll(/PREFIX[^}]*\}/g)].flatMap((m) => [...m[0].matchAll(/"([\w-]+)"/g)].map((x) => `${x[1]}.`)),
    ];
    const dead = [...keys].filter((k) => !code.includes(`"${k}"`) && !prefixes.some((p) => k.startsWith(p)));
    expect(dead).toEqual([]);
  });

  it.each(LANGUAGES.filter((l) => l !== "en"))("%s has the same keys and placeholders as English", async (lang) => {
    const other = await loadCatalog(lang);
    expect(Object.keys(other).sort()).toEqual([...keys].sort());
    for (const [k, v] of Object.entries(en)) expect(placeholders(other[k as keyof typeof en]), k).toEqual(placeholders(v));
  });

  it.each(LANGUAGES)("%s comes to a browser in two parts that make its whole catalog, and the start page's code names only keys of the first", async (lang) => {
    const [first, later] = await Promise.all([loadCatalogPart(lang, "first"), loadCatalogPart(lang, "later")]);
    expect(Object.keys(first).filter((k) => k in later)).toEqual([]);
    expect([...Object.keys(first), ...Object.keys(later)].sort()).toEqual([...keys].sort());
    // The first screen draws with the first part alone (client/ui/language.ts): a key of the later part would read in English there.
    const startPage = ["client/ui/start-page.ts", "client/ui/class/class-forms.ts", "client/model/lobby.ts", "client/ui/language.ts", "client/ui/rejoin-form.ts", "client/ui/key-keeper.ts", "client/model/route.ts", "client/main.ts"];
    const named = startPage.flatMap((f) => [...readFileSync(join(ROOT, f), "utf8").matchAll(/\b(?:t|tn|sentence)\(\s*"([\w.-]+)"/g)].map((m) => m[1]!));
    expect(named.length).toBeGreaterThan(100);
    expect(named.filter((k) => !(k in first) && !(`${k}.one` in first))).toEqual([]);
  });

  it("zh-CN follows the glossary (docs/GLOSSARY.zh-CN.md) where a literal word crept in: an inject is 突发事件, not 注入", async () => {
    const zh = await loadCatalog("zh-CN");
    expect(Object.entries(zh).filter(([, v]) => v.includes("注入")).map(([k]) => k)).toEqual([]);
  });

  it("zh-CN names a loan's sides 贷款方 and 借款方 (a loan is repaid: never 受援方) and a seat 席位 (never 座位 nor 位置), as docs/GLOSSARY.zh-CN.md does", async () => {
    const zh = await loadCatalog("zh-CN");
    expect(zh["builder.recipient"]).toBe("借款方");
    expect(Object.entries(zh).filter(([k, v]) => /受援|座位/.test(v) || (!k.startsWith("bot.") && /\b(seat|place)s?\b/i.test(en[k as keyof typeof en]) && v.includes("位置"))).map(([k, v]) => `${k}: ${v}`)).toEqual([]);
  });

  it("zh-CN bots' plenary lines say things as Chinese says them: 我方能与你方签什么，欢迎来问 (not the calque 与你方能签什么，请问我方) and 全桌需要把它降到 45 或以下 (not 全桌需要不高于 45)", async () => {
    const zh = await loadCatalog("zh-CN");
    const seek = Object.keys(en).filter((k) => k.startsWith("bot.say.seek.") && en[k as keyof typeof en].includes("ask us"));
    expect(seek.length).toBeGreaterThan(3);
    expect(seek.filter((k) => !zh[k as keyof typeof en].includes("我方能与你方签什么，欢迎来问")).map((k) => `${k}: ${zh[k as keyof typeof en]}`)).toEqual([]);
    expect(Object.entries(zh).filter(([, v]) => /请问我方|需要不高于/.test(v)).map(([k, v]) => `${k}: ${v}`)).toEqual([]);
  });

  it("zh-CN names the rejoin code as the join page's \"我有重新加入代码\" does, 重新加入代码, never 重新加入码: the wrong-code refusal shows under that very field", async () => {
    const zh = await loadCatalog("zh-CN");
    expect(zh["fac.rejoin"]).toBe("重新加入代码");
    expect(Object.entries(zh).filter(([, v]) => v.includes("重新加入码")).map(([k, v]) => `${k}: ${v}`)).toEqual([]);
  });

  it("zh-CN names a private channel as the Talks panel's \"开设私下频道\" does, 私下频道, never 私聊频道 (the hint under the message field named it so)", async () => {
    const zh = await loadCatalog("zh-CN");
    expect(zh["talks.open"]).toBe("开设私下频道");
    expect(Object.entries(zh).filter(([, v]) => v.includes("私聊")).map(([k, v]) => `${k}: ${v}`)).toEqual([]);
  });

  it("zh-CN names an offer 提议, as the Deals tab's 给你的提议 does, never 报价 (a price quote: most deals have no price) outside a bot's own haggling over its counter-offer", async () => {
    const zh = await loadCatalog("zh-CN");
    expect(zh["deals.pending"]).toBe("给你的提议");
    expect(Object.entries(zh).filter(([k, v]) => !k.startsWith("bot.") && v.includes("报价")).map(([k, v]) => `${k}: ${v}`)).toEqual([]);
  });

  it("zh-CN says staying out of an offer with its button's word 不参加, and keeps 退出 for withdrawing from a signed deal (docs/GLOSSARY.zh-CN.md)", async () => {
    const zh = await loadCatalog("zh-CN");
    const stayOut = Object.keys(en).filter((k) => /^deals\.(done\.)?leave\b/.test(k));
    expect(stayOut.length).toBeGreaterThan(2);
    expect(stayOut.filter((k) => !zh[k as keyof typeof en].includes(zh["deals.leave"]) || zh[k as keyof typeof en].includes("退出")).map((k) => `${k}: ${zh[k as keyof typeof en]}`)).toEqual([]);
  });

  it("zh-CN names a round's review 回顾 and the game's debrief 复盘, never one word for both (docs/GLOSSARY.zh-CN.md)", async () => {
    const zh = await loadCatalog("zh-CN");
    const misnamed = Object.entries(en).flatMap(([k, v]) => {
      const z = zh[k as keyof typeof en];
      if (/\breview\b/i.test(v) && (!z.includes("回顾") || z.includes("复盘"))) return [`${k}: ${z}`];
      if (/debrief|after-action/i.test(v) && (!z.includes("复盘") || z.includes("回顾"))) return [`${k}: ${z}`];
      return [];
    });
    expect(misnamed).toEqual([]);
  });

  it("zh-CN sets a space between a Chinese character and a value that may start or end with a Latin letter or a figure : 在 6G 网络领域, not 在6G 网络领域 (the space goes beside a Chinese value)", async () => {
    const zh = await loadCatalog("zh-CN");
    // Standards, technologies and projects are named "6G 网络", "5G 网络", "单一供应商的一体化 6G"; a share is "50%", a term "4 轮"; a moment "2026年12月4日 GMT+8 21:43".
    const latinValues = /\{(technology|option|project|pct|when|duration)\}/g;
    const joined = Object.entries(zh).flatMap(([k, v]) =>
      [...v.matchAll(latinValues)].some((m) => /[\u4e00-\u9fff]/.test(v[m.index - 1] ?? "") || /[\u4e00-\u9fff]/.test(v[m.index + m[0].length] ?? "")) ? [`${k}: ${v}`] : [],
    );
    expect(joined).toEqual([]);
  });

  it("zh-CN addresses the player as 你/你方 and leaves 我方 to the bots' voice (a card quoting a bot's 我方目标 sits beside the player's buttons)", async () => {
    const zh = await loadCatalog("zh-CN");
    // The player's own voice: a matrix action they write ("We do…"); a cause a country's own review
    // lists; a draft they send their team ("A draft for our Regulator").
    const ownVoice = ["pmatrix.action", "cause.deal.builtOnOurs", "builder.toTeam.text"];
    expect(Object.entries(zh).filter(([k, v]) => !k.startsWith("bot.") && !ownVoice.includes(k) && v.includes("我方")).map(([k, v]) => `${k}: ${v}`)).toEqual([]);
  });

  it("zh-CN names a metric by its glossary term where a bot's style weighs it: 它把国家安全放在首位, 它看重信誉 (not 安全, 信任)", async () => {
    const zh = await loadCatalog("zh-CN");
    const off = Object.entries(en).flatMap(([k, v]) =>
      k.startsWith("country.style.") ? ["prosperity", "security", "influence", "trust"].filter((m) => new RegExp(`\\b${m}\\b`).test(v) && !zh[k as keyof typeof en].includes(zh[`metric.${m}` as keyof typeof en])).map((m) => `${k}: ${m}`) : [],
    );
    expect(off).toEqual([]);
  });

  it("zh-CN counts trust as the metric 信誉 where a sentence names an amount of it (a bot leaving a deal: 损失 2 信誉, not 2 点信任)", async () => {
    const zh = await loadCatalog("zh-CN");
    const off = Object.entries(en).filter(([k, v]) => /\{\w+\} trust\b/.test(v) && !zh[k as keyof typeof en].includes(zh["metric.trust"])).map(([k]) => `${k}: ${zh[k as keyof typeof en]}`);
    expect(off).toEqual([]);
  });

  it("zh-CN states every number its English states (no figure left behind when the English changes)", async () => {
    const zh = await loadCatalog("zh-CN");
    const stale = Object.entries(en).flatMap(([k, v]) => {
      const lost = missingNumbers(v, zh[k as keyof typeof en], "zh-CN");
      return lost.length ? [`${k}: ${lost.join(", ")}`] : [];
    });
    expect(stale).toEqual([]);
  });

  it("a reason quoting a share the engine made with pct() (0.7 → 70) prints it as a percent, in English and Chinese: “sold below the full price: 70% of it”, “仅得 70%”", async () => {
    const engine = source(["shared/engine"], /^$/);
    // The keys on each line that passes pct(...) as an argument and show it (of a ternary's two, "lead protected" in full quotes none).
    const quoted = [...new Set(engine.split("\n").filter((l) => /\bpct: pct\(/.test(l)).flatMap((l) => [...l.matchAll(/"(cause\.[\w.]+)"/g)].map((m) => m[1]!)))].filter((k) => en[k as keyof typeof en].includes("{pct}"));
    expect(quoted).toEqual(expect.arrayContaining(["cause.deal.belowFullPrice", "cause.deal.repeatSupply", "cause.deal.secondTier", "cause.deal.revenueLostAligned", "cause.controlsDrag"]));
    for (const [lang, catalog] of [["en", en], ["zh-CN", await loadCatalog("zh-CN")]] as const) {
      const say = translator(catalog, lang);
      const bare = quoted.map((k) => say.t(k as keyof typeof en, { pct: 70, cause: "A2", id: "A2", parties: "P", sector: "S", country: "C", interest: 3, breakthrough: 2, learning: 1 })).filter((s) => !/70 ?%/.test(s));
      expect(bare, lang).toEqual([]);
    }
  });
});
