/**
 * Control-cell scripts (assets/injects): every shipped script is valid against its scenario,
 * loading one before the start plays the real events round by round in date order with their
 * effects, and a broken script is refused with the path of each problem. Every shipped script
 * is translated (assets/injects/<lang>/) with no text missing and no number stale; its own
 * cards carry their translations into the game, so each player reads them in their language.
 * Multipolar 2024's script is accepted whole from the lobby (no paired card scheduled before its
 * first is played) and its own card moves no metric further than the scenario's cards do.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tempFolder, validateScenario } from "../helpers/scenario-files.ts";
import { INJECT_DIR, getScenario, injectScriptsIn, shippedInjectScripts } from "../../server/scenarios.ts";
import { injectTextIssues, injectWords, parseInjectScriptText, type InjectScriptText } from "../../shared/scenario/inject-text.ts";
import { SCENARIO_LANGUAGES } from "../../shared/scenario/languages.ts";
import { analysisOf } from "../../server/debrief/analysis.ts";
import { localizeView, useScenarioText } from "../../client/i18n/scenario-text.ts";
import { publicScenarioText } from "../../server/scenario-texts.ts";
import { clientView } from "../client/fixtures.ts";
import { createGame, type GameState } from "../../shared/engine/index.ts";
import { injectMove, parseInjectScript, type InjectScript } from "../../shared/scenario/injects.ts";
import { FACILITATOR, SYSTEM, ok, refused } from "../engine/helpers.ts";
import type { Effect } from "../../shared/scenario/schema.ts";
import { issueLine } from "../../shared/scenario/validate.ts";
import { say, sayIssues } from "../helpers/words.ts";
import { loadCatalog } from "../../client/i18n/languages.ts";
import { translator } from "../../client/i18n/translator.ts";

/** A script's problems as an English-reading facilitator reads them. */
const lines = (parsed: ReturnType<typeof parseInjectScript>) => (parsed.ok ? [] : parsed.problems.map((p) => say(issueLine(p))));

const FILES = readdirSync(INJECT_DIR).filter((f) => f.endsWith(".json"));
const alliance = () => getScenario("alliance-2021")!;
const script = (): InjectScript => shippedInjectScripts().get("alliance-2021")![0]!;

describe("shipped inject scripts", () => {
  it.each(FILES)("%s is valid against its scenario", (file) => {
    const raw = JSON.parse(readFileSync(join(INJECT_DIR, file), "utf8"));
    const parsed = parseInjectScript(raw, getScenario(raw.scenario)!);
    expect(parsed.ok ? [] : parsed.problems).toEqual([]);
  });

  it("Alliance 2021 has a script that covers its whole deck, so no card comes out of order", () => {
    const cards = script().injects.flatMap((i) => (i.card ? [i.card] : []));
    expect(new Set(cards)).toEqual(new Set(alliance().events.map((e) => e.id)));
  });

  it("scheduled in the lobby, the script plays each round's injects with their effects, and nothing else", () => {
    let s: GameState = createGame({ scenario: alliance(), settings: { seed: 3 } });
    for (const inj of script().injects) s = ok(s, FACILITATOR, injectMove(inj, inj.round));
    expect(s.deck).toEqual([]);
    const tensionBefore = s.table.tension;
    s = ok(s, FACILITATOR, { type: "start" });
    const titles = (round: number) => s.events.filter((e) => e.round === round).map((e) => (e.custom ? e.title : e.id));
    const expected = (round: number) => script().injects.filter((i) => i.round === round).map((i) => i.card ?? i.custom!.title);
    expect(titles(1)).toEqual(expected(1));
    // Round 1's cards move the table: the Quad and AUKUS raise tension, the TTC cohesion.
    expect(s.table.tension).toBeGreaterThan(tensionBefore);
    expect(s.changes["table|cohesion"]?.causes.some((c) => c.label.key === "cause.card")).toBe(true);
    for (let round = 2; round <= 4; round++) {
      s = ok(s, SYSTEM, { type: "advance" });
      s = ok(s, SYSTEM, { type: "advance" });
      s = ok(s, SYSTEM, { type: "advance" });
      expect(s.round).toBe(round);
      expect(titles(round)).toEqual(expected(round));
    }
    // The script's own card (Italy leaves the Belt and Road) carries real effects too.
    const italy = s.events.find((e) => e.custom);
    expect(italy?.title).toBe("Italy leaves the Belt and Road");
    expect(s.changes["CN|influence"]?.causes.some((c) => c.label.key === "cause.card")).toBe(true);
  });

  it("scheduled in the lobby, the Multipolar 2024 script is accepted whole and plays each of its five rounds' injects, drawing nothing", () => {
    const multipolar = getScenario("multipolar-2024")!;
    const mp = shippedInjectScripts().get("multipolar-2024")![0]!;
    expect(new Set(mp.injects.map((i) => i.round))).toEqual(new Set([1, 2, 3, 4, 5]));
    let s: GameState = createGame({ scenario: multipolar, settings: { seed: 3 } });
    for (const inj of mp.injects) s = ok(s, FACILITATOR, injectMove(inj, inj.round));
    s = ok(s, FACILITATOR, { type: "start" });
    const titles = (round: number) => s.events.filter((e) => e.round === round).map((e) => (e.custom ? e.title : e.id));
    const expected = (round: number) => mp.injects.filter((i) => i.round === round).map((i) => i.card ?? i.custom!.title);
    for (let round = 1; round <= multipolar.rounds; round++) {
      if (round > 1) for (let phase = 0; phase < 3; phase++) s = ok(s, SYSTEM, { type: "advance" });
      expect(s.round).toBe(round);
      expect(titles(round)).toEqual(expected(round));
      // The script's own card (Europe's Critical Raw Materials Act, round 3) carries its effects.
      if (round === 3) expect(s.changes["DE|security"]?.causes).toContainEqual({ label: { key: "cause.card", args: { title: "Europe caps its reliance on any one supplier" } }, amount: 1 });
    }
    expect(s.deck.length).toBe(multipolar.events.length - mp.injects.filter((i) => i.card).length);
  });

  it("Multipolar 2024's own card moves nothing further than the scenario's own cards move it", () => {
    const mp = shippedInjectScripts().get("multipolar-2024")![0]!;
    const scenario = getScenario("multipolar-2024")!;
    const key = (e: Effect) => (e.kind === "metric" || e.kind === "table" ? `${e.kind}:${e.metric}` : e.kind);
    const largest = new Map<string, number>();
    const cardEffects = scenario.events.flatMap((c) => [...c.effects, ...(c.pressures ?? []).flatMap((p) => [...(p.unless ?? []), ...(p.met ?? [])])]);
    for (const e of cardEffects) if ("amount" in e) largest.set(key(e), Math.max(largest.get(key(e)) ?? 0, Math.abs(e.amount)));
    const own = mp.injects.flatMap((i) => i.custom?.effects ?? []);
    expect(own.length).toBeGreaterThan(0);
    for (const e of own) if ("amount" in e) expect(Math.abs(e.amount), key(e)).toBeLessThanOrEqual(largest.get(key(e)) ?? 0);
  });

  it("in the lobby a card can be scheduled but not played now", () => {
    const s = createGame({ scenario: alliance(), settings: { seed: 3 } });
    refused(s, FACILITATOR, { type: "play-event", cardId: "quad-cet" }, "rule/wrong_phase");
    ok(s, FACILITATOR, { type: "play-event", cardId: "quad-cet", round: 1 });
  });

  it("a broken script is refused with every problem, each by its inject, field and path", () => {
    const bad = structuredClone(script()) as InjectScript;
    bad.injects[1]!.card = "no-such-card";
    bad.injects[2]!.id = bad.injects[0]!.id;
    bad.injects.push({ ...bad.injects[0]!, id: "late", round: 1 });
    const parsed = parseInjectScript(bad, alliance());
    expect(parsed.ok).toBe(false);
    const problems = lines(parsed);
    expect(problems).toContain(`injects → ${bad.injects[1]!.id} → card (injects[1].card): the scenario has no card "no-such-card"`);
    expect(problems).toContain(`injects → ${bad.injects[0]!.id} → id (injects[2].id): "${bad.injects[0]!.id}" is used twice`);
    expect(problems.some((p) => p.startsWith(`injects → late → round (injects[${bad.injects.length - 1}].round): round 1 comes after round`))).toBe(true);
    expect(parseInjectScript("{ not json", alliance())).toMatchObject({ ok: false });
    const neither = parseInjectScript({ ...script(), injects: [{ id: "x", round: 1, date: "2021", why: "because" }] }, alliance());
    expect(lines(neither).join()).toMatch(/^injects → x \(injects\[0\]\): an inject names a deck card \(card\) or carries its own/);
    const wrongScenario = parseInjectScript(script(), getScenario("classroom-quick")!);
    expect(lines(wrongScenario)[0]).toMatch(/^scenario: the script is for "alliance-2021"/);
  });
});

describe("a script file's problems, all in one pass", () => {
  it("names a malformed inject and an unknown card together, both paths written alike", () => {
    const bad = structuredClone(script()) as InjectScript;
    bad.injects[1]!.card = "no-such-card";
    (bad.injects[3] as { round: unknown }).round = "two";
    const problems = lines(parseInjectScript(bad, alliance()));
    expect(problems).toContain(`injects → ${bad.injects[1]!.id} → card (injects[1].card): the scenario has no card "no-such-card"`);
    expect(problems).toContain(`injects → ${bad.injects[3]!.id} → round (injects[3].round): round must be a whole number from 1 to 12 — it is the text "two"`);
  });

  it("says each mistake in plain words in the facilitator's language, never in the schema library's (a wrong type, a missing field, a stray field, a word that is not an option)", async () => {
    const bad = structuredClone(script()) as InjectScript;
    (bad.injects[0] as { round: unknown }).round = "2";
    delete (bad.injects[1] as { why?: unknown }).why;
    (bad.injects[2] as { when?: unknown }).when = "now";
    bad.injects[3] = { ...bad.injects[3]!, card: undefined, custom: { title: "A card", text: "Its text.", effects: [{ kind: "metric", target: "US", metric: "prosprity", amount: 2 } as never] } };
    const parsed = parseInjectScript(JSON.stringify(bad), alliance());
    const [r1, r2, r3, r4] = [0, 1, 2, 3].map((i) => bad.injects[i]!.id);
    expect(lines(parsed)).toEqual(
      expect.arrayContaining([
        `injects → ${r1} → round (injects[0].round): round must be a whole number from 1 to 12, not text: write 2 without the quotes`,
        `injects → ${r2} → why (injects[1].why): why is missing: it must be text`,
        `injects → ${r3} (injects[2]): injects #3 has no field "when": check the spelling, or remove it`,
        expect.stringMatching(new RegExp(`^injects → ${r4} → custom → effects → #1 → metric \\(injects\\[3\\]\\.custom\\.effects\\[0\\]\\.metric\\): metric must be one of .*"prosperity".* — it is "prosprity" \\(did you mean "prosperity"\\?\\)$`)),
      ]),
    );
    const zh = translator(await loadCatalog("zh-CN"), "zh-CN");
    const chinese = parsed.ok ? [] : parsed.problems.map((p) => zh.render(issueLine(p)));
    expect(chinese).toEqual(
      expect.arrayContaining([
        `injects → ${r1} → round（injects[0].round）：round 应为 1 到 12 之间的整数，而不是文本：请去掉引号，写成 2`,
        `injects → ${r2} → why（injects[1].why）：缺少 why：它应为文本`,
        `injects → ${r3}（injects[2]）：injects #3 没有字段 "when"：请检查拼写，或将其删除`,
      ]),
    );
    for (const line of [...lines(parsed), ...chinese]) expect(line).not.toMatch(/Invalid|Expected|expected|received|Unrecognized/);
  });

  it("quotes a long value it refuses only in part", () => {
    const bad = structuredClone(script()) as InjectScript;
    (bad.injects[0] as { round: unknown }).round = "x".repeat(5000);
    const [line] = lines(parseInjectScript(bad, alliance()));
    expect(line).toMatch(/round must be a whole number from 1 to 12 — it is the text "x+…"$/);
    expect(line!.length).toBeLessThan(200);
  });

  it("says a file that is not an inject script is not one, before its fields' complaints", () => {
    const scenarioFile = { id: "my-scenario", rounds: 4, countries: [] };
    const parsed = parseInjectScript(JSON.stringify(scenarioFile), alliance());
    expect(lines(parsed)[0]).toMatch(/^\(root\): this is not an inject script, which has scenario, title and injects/);
  });
});

describe("inject script translations (assets/injects/zh-CN/)", () => {
  const zh = (file = "alliance-2021.json"): InjectScriptText => {
    const parsed = parseInjectScriptText(readFileSync(join(INJECT_DIR, "zh-CN", file), "utf8"));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    return parsed.text;
  };
  const italy = () => script().injects.find((i) => i.custom)!;

  it.each(FILES.flatMap((file) => SCENARIO_LANGUAGES.map((lang) => [file, lang])))("%s has a %s text for its title and every inject's date, why and own card", (file, lang) => {
    const raw = JSON.parse(readFileSync(join(INJECT_DIR, file), "utf8"));
    const parsed = parseInjectScript(raw, getScenario(raw.scenario)!);
    if (!parsed.ok) throw new Error(lines(parsed).join());
    const text = parseInjectScriptText(readFileSync(join(INJECT_DIR, lang, file), "utf8"));
    expect(text.ok ? injectTextIssues(parsed.script, text.text) : text.issues).toEqual([]);
  });

  it("names each inject without a translation, each own card without its words, each stale number and each inject gone", () => {
    const text = structuredClone(zh());
    delete text.injects["r1-quad"];
    delete text.injects["r4-italy-bri"]!.title;
    text.injects["r3-gallium"]!.why = text.injects["r3-gallium"]!.why.replace("98.8%", "80%");
    text.injects["r1-renesas"]!.title = "一张牌堆里的卡";
    text.injects["retired"] = { date: "2020年", why: "已删除。" };
    const issues = sayIssues(injectTextIssues(script(), text));
    const at = (id: string) => script().injects.findIndex((i) => i.id === id);
    expect(issues).toEqual([
      { path: `injects[${at("r1-quad")}]`, message: expect.stringMatching(/^no zh-CN translation of inject "r1-quad"/) },
      { path: "(zh-CN)", message: expect.stringMatching(/^injects\.r1-renesas translates a card title or text, but the inject plays the deck card "renesas-fire"/) },
      { path: `injects[${at("r3-gallium")}].why`, message: expect.stringMatching(/^the zh-CN translation does not state "98\.8" as the English does/) },
      { path: `injects[${at("r4-italy-bri")}].custom.title`, message: 'no zh-CN translation of "Italy leaves the Belt and Road"' },
      { path: "(zh-CN)", message: 'injects translates inject "retired", which the script does not have' },
    ]);
  });

  it("validate-scenario checks a script and refuses one whose translation misses an inject", () => {
    const dir = tempFolder("script");
    mkdirSync(join(dir, "zh-CN"));
    writeFileSync(join(dir, "alliance-2021.json"), readFileSync(join(INJECT_DIR, "alliance-2021.json")));
    const text = zh();
    delete text.injects["r2-bis"];
    writeFileSync(join(dir, "zh-CN", "alliance-2021.json"), JSON.stringify(text));
    const cli = validateScenario;
    const shipped = cli(join(INJECT_DIR, "alliance-2021.json"));
    expect(shipped.stdout).toContain("alliance-2021.json: ok");
    expect(shipped.status).toBe(0);
    const broken = cli(join(dir, "alliance-2021.json"));
    expect(broken.status).toBe(1);
    expect(broken.stderr).toMatch(/injects\[8\]: no zh-CN translation of inject "r2-bis"/);
  });

  it("is served only to readers of a language it is translated into; its own card carries every translation", () => {
    expect(injectScriptsIn("alliance-2021", "en")[0]).not.toHaveProperty("translation");
    expect(injectScriptsIn("alliance-2021", "en-XA")[0]).not.toHaveProperty("translation");
    const served = injectScriptsIn("alliance-2021", "zh-CN")[0]!;
    expect(served.translation?.title).toMatch(/^控制组剧本/);
    expect(injectWords(italy(), served.translation)).toEqual({ date: "2023年12月", why: expect.stringMatching(/七国集团/), title: "意大利退出“一带一路”" });
    expect(italy().custom!.texts?.["zh-CN"]?.title).toBe("意大利退出“一带一路”");
    expect(injectMove(italy())).toMatchObject({ type: "custom-event", title: "Italy leaves the Belt and Road", texts: { "zh-CN": { title: "意大利退出“一带一路”" } } });
  });

  it("serves Multipolar 2024's script by its scenario's id the same way, with its own card in Chinese", () => {
    expect(injectScriptsIn("multipolar-2024", "en")[0]).not.toHaveProperty("translation");
    const served = injectScriptsIn("multipolar-2024", "zh-CN")[0]!;
    expect(served.scenario).toBe("multipolar-2024");
    expect(served.translation?.title).toMatch(/^控制组剧本：2024 多极世界/);
    const crma = served.injects.find((i) => i.custom)!;
    expect(injectWords(crma, served.translation)).toEqual({ date: "2024年", why: expect.stringMatching(/第二供应来源/), title: "欧洲为单一来源依赖设定上限" });
    expect(injectMove(crma)).toMatchObject({ type: "custom-event", title: "Europe caps its reliance on any one supplier", texts: { "zh-CN": { title: "欧洲为单一来源依赖设定上限" } } });
    expect(injectScriptsIn("classroom-quick", "zh-CN")).toEqual([]);
  });

  it("a fired card of the script's own reads in each player's language: the board, and the report in Chinese", () => {
    let s: GameState = createGame({ scenario: alliance(), settings: { seed: 3 } });
    s = ok(s, FACILITATOR, { type: "start" });
    s = ok(s, FACILITATOR, injectMove(italy()));
    const played = s.events.find((e) => e.custom)!;
    expect(played.title).toBe("Italy leaves the Belt and Road");
    const view = clientView(s, { kind: "facilitator" });
    useScenarioText("alliance-2021", "zh-CN", publicScenarioText("alliance-2021", "zh-CN")!);
    const chinese = localizeView(view, "zh-CN").events.find((e) => e.custom)!;
    expect(chinese.title).toBe("意大利退出“一带一路”");
    expect(chinese.text).toMatch(/^罗马通知北京/);
    expect(localizeView(view, "en").events.find((e) => e.custom)!.title).toBe("Italy leaves the Belt and Road");
    useScenarioText("alliance-2021", "zh-CN", null);
    // The report's analysis in Chinese replays the card in Chinese; in English, as it was played.
    const record = { code: "ITALYB", scenario: alliance(), seed: "3", settings: { bots: true, teams: false, facilitatorReadsPrivate: true, channels: "open" as const, quickStart: false, reconnectSeconds: 60 }, keyHash: "", createdAt: 0, finishedAt: null };
    const log = [{ action: { actor: FACILITATOR, move: { type: "start" as const } }, at: 1 }, { action: { actor: FACILITATOR, move: injectMove(italy()) }, at: 2 }] as Parameters<typeof analysisOf>[1];
    expect(analysisOf(record, log, "zh-CN").final.events.find((e) => e.custom)!.title).toBe("意大利退出“一带一路”");
    expect(analysisOf(record, log, "en").final.events.find((e) => e.custom)!.title).toBe("Italy leaves the Belt and Road");
  });
});
