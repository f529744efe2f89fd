import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readScenarioFolder, SCENARIO_DIR } from "../../server/scenarios.ts";
import { readTranslations } from "../../server/scenario-texts.ts";

/** An author's folder: the shipped classroom scenario copied under a new id and file name, a draft with a typo, and a copy that repeats an id. */
function authorsFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), "chokepoint-scenarios-"));
  const raw = JSON.parse(readFileSync(join(SCENARIO_DIR, "classroom-quick.json"), "utf8")) as { id: string; title: string; countries: { id: string }[] };
  const mine = { ...raw, id: "thinktank-2025", title: "Think tank 2025" };
  writeFileSync(join(dir, "thinktank.json"), JSON.stringify(mine));
  const typo = { ...mine, id: "thinktank-typo", countries: mine.countries.map((c, i) => (i === 0 ? { ...c, id: "JPN" } : c)) };
  writeFileSync(join(dir, "a-draft.json"), JSON.stringify(typo));
  writeFileSync(join(dir, "z-copy.json"), JSON.stringify(mine));
  mkdirSync(join(dir, "zh-CN"));
  writeFileSync(join(dir, "zh-CN", "thinktank.json"), readFileSync(join(SCENARIO_DIR, "zh-CN", "classroom-quick.json"), "utf8"));
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
