/**
 * Scenario files are untrusted input: every shipped file loads and
 * plays; broken files are refused with issues whose path names the field at fault, by the
 * parser and by the `validate-scenario` command.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tempFolder, validateScenario } from "../helpers/scenario-files.ts";
import { SCENARIO_DIR, shippedScenarios } from "../../server/scenarios.ts";
import { playGame } from "../../shared/bots/game-loop.ts";
import { createGame, seatIds } from "../../shared/engine/index.ts";
import { loadScenario, parseScenario } from "../../shared/scenario/validate.ts";
import { say, sayIssues } from "../helpers/words.ts";
import { parseScenarioText, translateScenario, translationIssues, type ScenarioText } from "../../shared/scenario/translation.ts";

const FILES = readdirSync(SCENARIO_DIR).filter((f) => f.endsWith(".json")).sort();
const raw = (file: string) => JSON.parse(readFileSync(join(SCENARIO_DIR, file), "utf8"));
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
const index = (s: Json, id: string) => s.countries.findIndex((c: Json) => c.id === id);

describe("shipped scenarios", () => {
  it("there is at least the classroom quick start", () => {
    expect(FILES).toContain("classroom-quick.json");
  });

  it.each(FILES)("%s parses with no issues", (file) => {
    const result = parseScenario(readFileSync(join(SCENARIO_DIR, file), "utf8"));
    expect(result.ok ? [] : result.issues).toEqual([]);
  });

  it("the server loads every file, each under its own id", () => {
    const loaded = shippedScenarios();
    expect(loaded.size).toBe(FILES.length);
    for (const file of FILES) expect(loaded.get(raw(file).id)).toBeDefined();
  });

  it.each(FILES)("%s is playable to the end", (file) => {
    const scenario = shippedScenarios().get(raw(file).id)!;
    const s = createGame({ scenario, settings: { seed: 1 } });
    expect(seatIds(s).length).toBeGreaterThanOrEqual(2);
    expect(s.deck.sort()).toEqual(scenario.events.map((e) => e.id).sort());
    const game = playGame({ scenario, settings: { seed: 1 } }, {}, { others: { kind: "random" }, movesPerSeat: 2 });
    expect(game.state.phase).toBe("ended");
    expect(game.state.history.length).toBeGreaterThan(0);
  });
});

/** Broken variants of classroom quick start: what to break, and the path (and words) the issue must name. */
const BROKEN: [string, string, (s: Json) => void, RegExp?][] = [
  ["an unknown country in exposure", "countries[0].exposure.XX", (s) => (s.countries[index(s, "US")].exposure.XX = 0.1), /unknown country "XX"/],
  ["exposure to itself", "countries[1].exposure.NL", (s) => (s.countries[index(s, "NL")].exposure.NL = 0.1)],
  ["exposures adding up to more than 1", "countries[2].exposure", (s) => (s.countries[index(s, "JP")].exposure.CN = 0.9), /more than 1/],
  ["a chokepoint share over 1", "countries[0].sectors.semis.chokepoint", (s) => (s.countries[index(s, "US")].sectors.semis.chokepoint = 1.5)],
  ["chokepoint shares adding up to more than 1", "countries", (s) => (s.countries[index(s, "NL")].sectors.semis.chokepoint = 0.9), /semis/],
  ["a capability over 10", "countries[3].sectors.telecom.capability", (s) => (s.countries[index(s, "CN")].sectors.telecom.capability = 11)],
  ["weights not summing to 1", "countries[2].weights", (s) => (s.countries[index(s, "JP")].weights.trust += 0.2), /not 1/],
  ["an unknown standard option in a secret objective", "countries[2].secret.condition.option", (s) => (s.countries[index(s, "JP")].secret.condition.option = "closed-6g"), /closed-6g/],
  ["an unknown standards race in a secret objective", "countries[2].secret.condition.technology", (s) => (s.countries[index(s, "JP")].secret.condition.technology = "7g")],
  ["a race that opens after the last round", "standards[0].opens", (s) => (s.standards[0].opens = 5), /the race opens in round 5, after the scenario's last round \(4\): it could never be run/],
  ["a race that opens in round 0", "standards[0].opens", (s) => (s.standards[0].opens = 0)],
  ["an unknown sector", "countries[0].sectors", (s) => (s.countries[index(s, "US")].sectors.steel = { capability: 1, chokepoint: 0 }), /steel/],
  ["an unknown effect target", "events[0].effects[0].target", (s) => (s.events[0].effects[0] = { kind: "metric", target: "XX", metric: "support", amount: 1 })],
  ["a pressure naming an unknown country", "events[0].pressures[0].regime", (s) => (s.events[0].pressures[0].regime.members = ["XX"]), /unknown country/],
  ["a paired card after an unknown card", "events[9].after", (s) => (s.events[9].after = "nope"), /unknown event/],
  ["a paired card after a later card", "events[0].after", (s) => (s.events[0].after = s.events[8].id), /later era/],
  ["an unknown country imposing a restriction", `events[10].effects[0].by`, (s) => s.events.push({ ...s.events[0], id: "ban", effects: [{ kind: "restriction", by: "XX", sector: "minerals", on: "US", rounds: 1 }] })],
  ["a country's name in a sentence that is not text", "countries[1].inSentence", (s) => (s.countries[index(s, "NL")].inSentence = true), /^inSentence must be text — it is true$/],
  ["a country's name in a sentence left empty", "countries[1].inSentence", (s) => (s.countries[index(s, "NL")].inSentence = " "), /^inSentence must not be empty$/],
  ["a duplicate country id", "countries[1].id", (s) => (s.countries[index(s, "NL")].id = "US"), /duplicate/],
  ["a duplicate event id", "events[1].id", (s) => (s.events[1].id = s.events[0].id), /duplicate/],
  ["a target naming an unknown partner", "targets[3].condition.partner", (s) => s.targets.push({ text: "Connect Mars.", condition: { kind: "connected", partner: "MARS" } })],
  ["an objective about a country that needs nothing", "countries[0].objectives[1].condition.partner", (s) => (s.countries[index(s, "US")].objectives[1].condition.partner = "NL"), /needs no infrastructure/],
  ["an agreement objective with an unknown partner", "countries[1].objectives[1].condition.with[0]", (s) => (s.countries[index(s, "NL")].objectives[1].condition.with = ["XX"])],
  ["a side on an objective that is not about supply", "countries[1].secret.condition.as", (s) => (s.countries[index(s, "NL")].secret.condition.as = "supplier"), /supply deals only/],
  ["a side that is neither supplier nor buyer", "countries[5].objectives[1].condition.as", (s) => (s.countries[index(s, "ID")].objectives[1].condition.as = "seller")],
  ["a side on a shared target", "targets[3].condition.as", (s) => s.targets.push({ text: "Trade.", condition: { kind: "agreement", type: "supply", as: "buyer" } }), /a country's objective/],
  ["atLeast above atMost", "targets[1].condition", (s) => (s.targets[1].condition.atLeast = 90), /atLeast/],
  ["an automated partner that needs nothing", "countries[7].needs", (s) => (s.countries[index(s, "KE")].needs = [])],
  ["a rival country without a rival script", "rival", (s) => (s.countries[index(s, "CN")].control = "rival")],
  ["a rival script naming a seat", "rival.country", (s) => (s.rival = { country: "CN", accepts: [], retaliation: { threshold: 0.5, sector: "minerals", rounds: 1, tension: 5 }, loanOffer: { amount: 10, interest: 5, grace: 1, duration: 4 }, courting: { prosperity: 1 }, standards: {} }), /control "rival"/],
  ["a missing title", "title", (s) => delete s.title],
  ["rounds as words", "rounds", (s) => (s.rounds = "four")],
  ["an unknown rule", "rules.loans", (s) => (s.rules.loans.forgiveness = 1), /forgiveness/],
  ["a negative coefficient", "rules.controls.drag", (s) => (s.rules.controls.drag = -1)],
  ["an unknown stance", "countries[4].stance", (s) => (s.countries[index(s, "IN")].stance = "neutral")],
  ["only one seat", "countries", (s) => s.countries.forEach((c: Json) => c.id !== "US" && c.control === "seat" && (c.control = "partner", c.needs = ["cable"])), /two seats/],
];

describe("broken scenarios", () => {
  const base = raw("classroom-quick.json");

  it("the indices these cases use are still right", () => {
    expect(["US", "NL", "JP", "CN", "IN", "ID", "TW", "KE"].map((id) => index(base, id))).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(base.events.length).toBe(10);
    expect(base.events[0].pressures.length).toBe(1);
    expect(base.events[9].after).toBe("ai-diffusion");
    expect(base.targets.length).toBe(3);
  });

  it.each(BROKEN)("%s → an issue at %s", (_why, path, breakIt, words) => {
    const s = structuredClone(base);
    breakIt(s);
    const result = parseScenario(JSON.stringify(s));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const issue = result.issues.find((i) => i.path === path);
    expect(issue, `issues: ${JSON.stringify(result.issues)}`).toBeDefined();
    if (words) expect(say(issue!.text)).toMatch(words);
  });

  it.each([
    ["not JSON at all", "this is not json"],
    ["a truncated file", JSON.stringify(base).slice(0, 500)],
  ])("%s → one issue at the root", (_why, text) => {
    const result = parseScenario(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(sayIssues(result.issues)).toEqual([{ path: "(root)", message: expect.stringMatching(/^not valid JSON/) }]);
  });

  it("parses a value as well as text", () => {
    expect(parseScenario(structuredClone(base)).ok).toBe(true);
    expect(parseScenario(null).ok).toBe(false);
  });
});

describe("validate-scenario command", () => {
  const dir = tempFolder("scenario");
  const cli = validateScenario;

  it("is what `npm run validate-scenario` runs", () => {
    const scripts = JSON.parse(readFileSync("package.json", "utf8")).scripts as Record<string, string>;
    expect(scripts["validate-scenario"]).toContain(join("server", "cli", "validate-scenario.ts"));
  });

  it("accepts every shipped file", () => {
    const r = cli(...FILES.map((f) => join(SCENARIO_DIR, f)));
    expect(r.stderr).not.toMatch(/problem/);
    expect(r.status).toBe(0);
    for (const f of FILES) expect(r.stdout).toContain(`${f}: ok`);
  });

  it("exits non-zero on a bad file and prints the path of each problem", () => {
    const s = raw("classroom-quick.json");
    s.countries[0].exposure.XX = 0.1;
    s.countries[2].weights.trust += 0.2;
    const bad = join(dir, "bad.json");
    writeFileSync(bad, JSON.stringify(s));
    const r = cli(bad);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("countries[0].exposure.XX");
    expect(r.stderr).toContain("countries[2].weights");
  });

  it("exits non-zero on bad JSON and on a missing file", () => {
    const bad = join(dir, "broken.json");
    writeFileSync(bad, "{ nope");
    const r = cli(bad, join(dir, "missing.json"));
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/\(root\): not valid JSON/);
    expect(r.stderr).toMatch(/missing\.json: cannot read/);
  });
});

describe("scenario translations (assets/scenarios/zh-CN/)", () => {
  const zh = (file: string): ScenarioText => {
    const parsed = parseScenarioText(readFileSync(join(SCENARIO_DIR, "zh-CN", file), "utf8"));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    return parsed.text;
  };
  const quick = () => loadScenario(raw("classroom-quick.json"));

  it.each(FILES)("%s has a Chinese text for every title, profile, objective, card, target and question", (file) => {
    expect(translationIssues(loadScenario(raw(file)), zh(file))).toEqual([]);
  });

  it("names each text without a translation by its path and its English, and each translation of something gone", () => {
    const s = raw("classroom-quick.json");
    s.events.push({ ...s.events[0], id: "new-card", title: "A card added later" });
    s.countries[2].objectives[0].text = "Changed in English";
    const text = structuredClone(zh("classroom-quick.json"));
    delete text.countries.JP!.objectives["jp-minerals"];
    text.events["retired-card"] = { title: "旧卡", date: "2020年", text: "已删除的卡。" };
    text.debrief.pop();
    const issues = sayIssues(translationIssues(loadScenario(s), text));
    expect(issues).toEqual([
      { path: "countries[2].objectives[0].text", place: "countries → JP (Japan) → objectives → jp-minerals → text", message: 'no zh-CN translation of "Changed in English"' },
      { path: "events[10]", place: "events → new-card (A card added later)", message: 'no zh-CN translation of "A card added later"' },
      { path: "debrief[4]", place: "debrief → #5", message: expect.stringMatching(/^no zh-CN translation of "Was the world more connected/) },
      { path: "(zh-CN)", message: 'events translates event card "retired-card", which the scenario does not have' },
    ]);
  });

  it("names each translation that does not state a number its English states (the English moved on, the translation did not)", () => {
    const s = raw("classroom-quick.json");
    const target = s.targets.findIndex((t: Json) => /resilience reaches 63/.test(t.text));
    s.targets[target].text = "Supply-chain resilience reaches 75.";
    s.countries[0].profile = s.countries[0].profile.replace("$52.7bn", "$60bn");
    const issues = sayIssues(translationIssues(loadScenario(s), zh("classroom-quick.json")));
    expect(issues).toEqual([
      { path: "countries[0].profile", place: "countries → US (United States) → profile", message: expect.stringMatching(/^the zh-CN translation does not state "60bn" as the English does/) },
      { path: `targets[${target}].text`, place: expect.stringMatching(/^targets → #\d \("Supply-chain resilience reaches 75\."\) → text$/), message: expect.stringMatching(/^the zh-CN translation does not state "75" as the English does \(stale\?\): "产业链供应链韧性达到 63。"/) },
    ]);
  });

  it("a translated scenario reads in Chinese and keeps English only where a text has no translation", () => {
    const text = structuredClone(zh("classroom-quick.json"));
    delete text.events["mate-60"];
    const s = translateScenario(quick(), text);
    expect(s.title).toBe("2023 课堂快速入门");
    expect(s.countries.find((c) => c.id === "CN")!.secret.text).toMatch(/国际影响力/);
    expect(s.events.find((e) => e.id === "gallium-licensing")!.title).toMatch(/镓/);
    expect(s.events.find((e) => e.id === "mate-60")!.title).toBe("A 7nm chip in a Huawei phone");
    // Only words change: every number and rule is the scenario's own.
    expect({ ...s, title: "", summary: "", countries: [], events: [], standards: [], targets: [], debrief: [] }).toEqual({ ...quick(), title: "", summary: "", countries: [], events: [], standards: [], targets: [], debrief: [] });
  });

  it("validate-scenario refuses a scenario whose translation misses a text, naming it", () => {
    const dir = tempFolder("translated");
    mkdirSync(join(dir, "zh-CN"));
    const s = raw("classroom-quick.json");
    s.events.push({ ...s.events[0], id: "new-card", title: "A card added later" });
    writeFileSync(join(dir, "classroom-quick.json"), JSON.stringify(s));
    writeFileSync(join(dir, "zh-CN", "classroom-quick.json"), readFileSync(join(SCENARIO_DIR, "zh-CN", "classroom-quick.json")));
    const cli = validateScenario(join(dir, "classroom-quick.json"));
    expect(cli.status).toBe(1);
    expect(cli.stderr).toContain('events → new-card (A card added later) (events[10]): no zh-CN translation of "A card added later"');
  });

  it("validate-scenario refuses a translation whose numbers are stale", () => {
    const dir = tempFolder("stale");
    mkdirSync(join(dir, "zh-CN"));
    writeFileSync(join(dir, "classroom-quick.json"), readFileSync(join(SCENARIO_DIR, "classroom-quick.json")));
    const text = JSON.parse(readFileSync(join(SCENARIO_DIR, "zh-CN", "classroom-quick.json"), "utf8"));
    text.events["gallium-licensing"].text = text.events["gallium-licensing"].text.replace("98.8%", "80%");
    writeFileSync(join(dir, "zh-CN", "classroom-quick.json"), JSON.stringify(text));
    const cli = validateScenario(join(dir, "classroom-quick.json"));
    expect(cli.status).toBe(1);
    expect(cli.stderr).toMatch(/events → gallium-licensing \(.+\) → text \(events\[0\]\.text\): the zh-CN translation does not state "98\.8" as the English does/);
  });
});
