/**
 * What a teacher reads when a scenario they edited is broken (`npm run validate-scenario`,
 * shared/scenario/validate.ts): every problem in one run, even when some parts do not have the
 * right shape; each in plain words, placed by the names of the things it is in (beside the JSON
 * path); and a duplicate id reported once, not as every reference it leaves dangling.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tempFolder, validateScenario, validateScenarioIn } from "../helpers/scenario-files.ts";
import { SCENARIO_DIR } from "../../server/scenarios.ts";
import { loadScenario, parseScenario } from "../../shared/scenario/validate.ts";
import { say, sayIssues } from "../helpers/words.ts";

/** A problem as the teacher reads it, in English. */
type ScenarioIssue = { path: string; place?: string; message: string };

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
const quick = (): Json => JSON.parse(readFileSync(join(SCENARIO_DIR, "classroom-quick.json"), "utf8"));
const country = (s: Json, id: string) => s.countries.find((c: Json) => c.id === id);

/** The teacher's copy of the classroom quick start, broken the ways people break it. */
function teachersCopy(): Json {
  const s = quick();
  s.rounds = "four";
  country(s, "JP").metrics.prosperity = 150;
  country(s, "NL").id = "US";
  s.events[1].effects.push({ kind: "metric", target: "UK", metric: "support", amount: 2 });
  s.targets.find((t: Json) => t.condition.kind === "table").condition.metric = "divid";
  s.events[0].text = s.events[0].text.replace("98.8%", "80%");
  return s;
}

function issuesOf(value: unknown): ScenarioIssue[] {
  const result = parseScenario(JSON.stringify(value));
  expect(result.ok).toBe(false);
  return result.ok ? [] : sayIssues(result.issues);
}
const at = (issues: ScenarioIssue[], path: string) => issues.find((i) => i.path === path);

describe("a teacher's broken scenario", () => {
  it("reports the shape problems and the cross-reference problems in one run", () => {
    const issues = issuesOf(teachersCopy());
    const paths = issues.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(["rounds", "countries[2].metrics.prosperity", "targets[1].condition.metric", "countries[1].id", "events[1].effects[3].target"]));
  });

  it("says each problem in plain words, naming the value it found", () => {
    const issues = issuesOf(teachersCopy());
    expect(at(issues, "rounds")?.message).toBe('rounds must be a whole number from 1 to 12 — it is the text "four"');
    expect(at(issues, "countries[2].metrics.prosperity")?.message).toBe("prosperity must be at most 100 — it is 150");
    expect(at(issues, "targets[1].condition.metric")?.message).toBe('metric must be one of "cohesion", "resilience", "divide", "tension" — it is "divid" (did you mean "divide"?)');
    for (const i of issues) expect(i.message).not.toMatch(/Invalid input|expected number|Too big|Too small|<=|>=/);
  });

  it("places each problem by the names of what it is in, beside its JSON path", () => {
    const issues = issuesOf(teachersCopy());
    expect(at(issues, "countries[2].metrics.prosperity")?.place).toBe("countries → JP (Japan) → metrics → prosperity");
    expect(at(issues, "events[1].effects[3].target")?.place).toMatch(/^events → [\w-]+ \(.+\) → effects → #4 → target$/);
    expect(at(issues, "rounds")?.place).toBe("rounds");
  });

  it("reports a duplicate country id once: not again as every place that still names the country's old id", () => {
    const issues = issuesOf(teachersCopy());
    const duplicate = at(issues, "countries[1].id");
    expect(duplicate?.message).toMatch(/"US"/);
    expect(duplicate?.message).toMatch(/United States/);
    expect(duplicate?.message).toMatch(/Netherlands/);
    expect(duplicate?.message).toMatch(/"NL"/);
    expect(issues.filter((i) => /"NL"/.test(i.message))).toHaveLength(1);
    expect(issues.filter((i) => /exposure to itself/.test(i.message))).toEqual([]);
    // A reference to a country no edit explains is still its own problem.
    expect(at(issues, "events[1].effects[3].target")?.message).toMatch(/"UK"/);
  });

  it("names an unknown country once, with every place that names it", () => {
    const s = quick();
    s.events[1].effects.push({ kind: "metric", target: "UK", metric: "support", amount: 2 });
    s.events[2].effects.push({ kind: "capital", target: "UK", amount: 2 });
    const issues = issuesOf(s).filter((i) => /"UK"/.test(i.message));
    expect(issues).toHaveLength(1);
    expect(issues[0]!.message).toContain("events[2].effects");
  });

  it("checks what parsed of a file that is half broken, without crashing", () => {
    const s = quick();
    s.countries[3].metrics = null;
    s.events[2] = "a card";
    s.rival = 7;
    s.year = "soon";
    s.countries[0].exposure.XX = 0.1;
    const issues = issuesOf(s);
    expect(at(issues, "countries[0].exposure.XX")?.message).toMatch(/"XX"/);
    // The country that did not parse is still a country others may name.
    expect(issues.filter((i) => /"CN"/.test(i.message))).toEqual([]);
    const gone = quick();
    gone.countries[3] = null;
    const named = issuesOf(gone).filter((i) => /unknown country "CN"/.test(i.message));
    expect(named).toHaveLength(1);
    expect(named[0]!.message).toMatch(/and \d+ more places$/);
    for (const broken of [null, [], "text", 5, { countries: "none" }, { countries: [null, 1] }, { ...quick(), events: {}, targets: [1] }, { ...quick(), standards: [{ id: 3 }] }])
      expect(() => parseScenario(broken)).not.toThrow();
  });

  it("the server's loader says the same: place, path and plain words", () => {
    const s = quick();
    country(s, "JP").metrics.prosperity = 150;
    expect(() => loadScenario(s, say)).toThrow("countries → JP (Japan) → metrics → prosperity (countries[2].metrics.prosperity): prosperity must be at most 100 — it is 150");
  });

  it("validate-scenario prints every problem of the teacher's file in one run, the Chinese text's stale number too", () => {
    const dir = tempFolder("teacher");
    mkdirSync(join(dir, "zh-CN"));
    writeFileSync(join(dir, "lesson.json"), JSON.stringify(teachersCopy(), null, 2));
    writeFileSync(join(dir, "zh-CN", "lesson.json"), readFileSync(join(SCENARIO_DIR, "zh-CN", "classroom-quick.json")));
    const r = validateScenario(join(dir, "lesson.json"));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('rounds must be a whole number from 1 to 12 — it is the text "four"');
    expect(r.stderr).toContain("countries → JP (Japan) → metrics → prosperity");
    expect(r.stderr).toContain("countries[2].metrics.prosperity");
    expect(r.stderr).toMatch(/"UK"/);
    expect(r.stderr).toMatch(/\(events\[0\]\.text\): the zh-CN translation does not state "80"/);
    expect(r.stderr).toContain("6 problems");
  });

  it("validate-scenario speaks Chinese when asked (--lang zh-CN) or when the locale is Chinese, and English otherwise", () => {
    const dir = tempFolder("teacher-zh");
    mkdirSync(join(dir, "zh-CN"));
    writeFileSync(join(dir, "lesson.json"), JSON.stringify(teachersCopy(), null, 2));
    writeFileSync(join(dir, "zh-CN", "lesson.json"), readFileSync(join(SCENARIO_DIR, "zh-CN", "classroom-quick.json")));
    const file = join(dir, "lesson.json");
    for (const r of [validateScenarioIn({ LANG: "C.UTF-8" }, "--lang", "zh-CN", file), validateScenarioIn({ LANG: "zh_CN.UTF-8" }, file), validateScenarioIn({ LANG: "en_GB.UTF-8", LC_ALL: "zh_TW.UTF-8" }, file)]) {
      expect(r.status).toBe(1);
      expect(r.stderr).toContain(`${file}：6 个问题`);
      expect(r.stderr).toContain('rounds：rounds 应为 1 到 12 之间的整数，现在是文本 "four"');
      expect(r.stderr).toContain("countries → JP (Japan) → metrics → prosperity（countries[2].metrics.prosperity）：prosperity 不能大于 100，现在是 150");
      expect(r.stderr).toContain('（targets[1].condition.metric）：metric 应为 "cohesion", "resilience", "divide", "tension" 之一，现在是 "divid"（是不是想写“divide”？）');
      expect(r.stderr).toMatch(/国家编号“US”重复/);
      expect(r.stderr).toMatch(/（events\[0\]\.text）：zh-CN 译文没有写出英文中的 "80"/);
      expect(r.stderr).not.toMatch(/must be|problems/);
    }
    const english = validateScenarioIn({ LANG: "zh_CN.UTF-8" }, "--lang", "en", file);
    expect(english.stderr).toContain("6 problems");
    const ok = validateScenarioIn({ LANG: "C.UTF-8" }, "--lang=zh-CN", join(SCENARIO_DIR, "classroom-quick.json"));
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/classroom-quick\.json：正常 — “.+”，\d 个席位，\d 轮，\d+ 张事件卡，已译成 zh-CN/);
    const unknown = validateScenarioIn({ LANG: "C.UTF-8" }, "--lang", "fr", file);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('--lang must be one of en, zh-CN: "fr" is not');
  });
});
