import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { INJECT_DIR, readScenarioFolder, SCENARIO_DIR } from "../../server/scenarios.ts";
import { readTranslations } from "../../server/scenario-texts.ts";
import { tempFolder, validateScenario } from "../helpers/scenario-files.ts";

type Raw = { id: string; title: string; countries: { id: string; iso: string }[] };
const shipped = (id: string) => JSON.parse(readFileSync(join(SCENARIO_DIR, `${id}.json`), "utf8")) as Raw;

/** A file and its Chinese beside it, as an author lays them out. */
function writeWithChinese(dir: string, name: string, content: unknown, chinese: string) {
  writeFileSync(join(dir, name), JSON.stringify(content));
  mkdirSync(join(dir, "zh-CN"), { recursive: true });
  writeFileSync(join(dir, "zh-CN", name), chinese);
}

/** An author's folder: the shipped classroom scenario copied under a new id and file name, a draft with a typo, and a copy that repeats an id. */
function authorsFolder(): string {
  const dir = tempFolder("scenarios");
  const mine = { ...shipped("classroom-quick"), id: "thinktank-2025", title: "Think tank 2025" };
  writeWithChinese(dir, "thinktank.json", mine, readFileSync(join(SCENARIO_DIR, "zh-CN", "classroom-quick.json"), "utf8"));
  const typo = { ...mine, id: "thinktank-typo", countries: mine.countries.map((c, i) => (i === 0 ? { ...c, id: "JPN" } : c)) };
  writeFileSync(join(dir, "a-draft.json"), JSON.stringify(typo));
  writeFileSync(join(dir, "z-copy.json"), JSON.stringify(mine));
  return dir;
}

describe("a scenario folder with an author's files in it", () => {
  it("loads the files that check out, whichever comes first, and names each file left out and why", () => {
    const { byId, leftOut } = readScenarioFolder(authorsFolder());
    expect([...byId.keys()]).toEqual(["thinktank-2025"]);
    expect(leftOut.map((l) => l.file.split("/").pop())).toEqual(["a-draft.json", "z-copy.json"]);
    expect(leftOut[0]!.why).toMatch(/unknown country "US"/);
    expect(leftOut[1]!.why).toBe(`its id "thinktank-2025" is already thinktank.json's`);
  });

  it("finds a scenario's Chinese beside its file under the file's name, as the validator does, though the name is not its id", () => {
    const { byId } = readScenarioFolder(authorsFolder());
    const zh = readTranslations(byId.get("thinktank-2025")!.file).get("zh-CN");
    expect(zh?.title).toMatch(/[\u4e00-\u9fff]/);
  });

  it("loads every shipped scenario from the shipped folder, none left out", () => {
    const { byId, leftOut } = readScenarioFolder(SCENARIO_DIR);
    expect(leftOut).toEqual([]);
    expect(byId.size).toBe(3);
  });
});

describe("validate-scenario on an author's own scenario", () => {
  it("names a country whose ISO code the world map does not have, which the board could not draw", () => {
    const dir = tempFolder("iso");
    const raw = shipped("classroom-quick");
    const off = { ...raw, countries: raw.countries.map((c, i) => (i === 1 ? { ...c, iso: "999" } : c)) };
    writeWithChinese(dir, "classroom-quick.json", off, readFileSync(join(SCENARIO_DIR, "zh-CN", "classroom-quick.json"), "utf8"));
    const run = validateScenario(join(dir, "classroom-quick.json"));
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`countries → ${raw.countries[1]!.id}`);
    expect(run.stderr).toContain(`ISO code "999" is not on the world map`);
    expect(validateScenario(join(SCENARIO_DIR, "classroom-quick.json")).status).toBe(0);
  });

  it("checks a control-cell script written for it when both files are named, and says how when only the script is", () => {
    const dir = tempFolder("script");
    const scenario = { ...shipped("alliance-2021"), id: "alliance-mine" };
    writeWithChinese(dir, "alliance-mine.json", scenario, readFileSync(join(SCENARIO_DIR, "zh-CN", "alliance-2021.json"), "utf8"));
    const script = { ...(JSON.parse(readFileSync(join(INJECT_DIR, "alliance-2021.json"), "utf8")) as object), scenario: "alliance-mine" };
    writeWithChinese(dir, "my-script.json", script, readFileSync(join(INJECT_DIR, "zh-CN", "alliance-2021.json"), "utf8"));
    const both = validateScenario(join(dir, "alliance-mine.json"), join(dir, "my-script.json"));
    expect(both.stderr).toBe("");
    expect(both.stdout).toMatch(/my-script\.json: ok — .* injects for alliance-mine/);
    const alone = validateScenario(join(dir, "my-script.json"));
    expect(alone.status).toBe(1);
    expect(alone.stderr).toContain(`no scenario "alliance-mine": none shipped, and none among the files given`);
  });
});
