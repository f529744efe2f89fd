/**
 * The words of a question pick the deal it asks about: the type whose words say the most of it
 * ("an alignment statement on supply-chain risk" is a statement), and a standards coalition by
 * its race and option ("for open 6G", "open RAN"), as docs/RULES.md "Talking to a bot" says.
 * Found by a tester.
 */
import { describe, expect, it } from "vitest";
import { parseIntent } from "../../shared/bots/intents.ts";
import { negotiating, say, words } from "./helpers.ts";

const ID = "alliance-2021";

/** The standards coalition an answer names by its terms: its technology and option. */
function coalitionIn(x: unknown): { technology: string; option: string } | undefined {
  if (!x || typeof x !== "object") return undefined;
  const t = x as { key?: string; args?: Record<string, unknown> };
  if (t.key === "deal.standards") {
    const opt = t.args!.option as { id: string; of: string };
    return { technology: opt.of, option: opt.id };
  }
  for (const v of Object.values(t.args ?? {})) {
    const hit = coalitionIn(v);
    if (hit) return hit;
  }
  return undefined;
}

describe("the type a question names", () => {
  it.each([
    ["I propose an alignment statement on supply-chain risk", "alignment"],
    ["我提议就供应链风险发表联合声明", "alignment"],
    ["would you join a regime on mineral supply?", "export-control"],
    ["I propose a supply deal in minerals", "supply"],
    ["我提议一项供应链协议", "supply"],
  ])("“%s” is a %s", (q, type) => {
    expect(parseIntent(q)).toMatchObject({ type });
  });
});

describe("a standards coalition named by its race and option", () => {
  it("“6G” and “open RAN” are telecom", () => {
    expect(parseIntent("will you join a standards coalition for open 6G?")).toMatchObject({ type: "standards", sector: "telecom" });
    expect(parseIntent("would you back open RAN?")).toMatchObject({ sector: "telecom" });
  });

  it.each([
    ["will you join a standards coalition for open 6G?", "6g", "open-6g"],
    ["你们会加入开放 6G 标准联盟吗？", "6g", "open-6g"],
    ["will you join a standards coalition for single-vendor integrated 6G?", "6g", "integrated-6g"],
    // The option's name in the scenario's Chinese translation (assets/scenarios/zh-CN/), as its English name narrows it.
    ["你们会加入支持一体化 6G 的标准联盟吗？", "6g", "integrated-6g"],
    ["你们会加入单一供应商 6G 的标准联盟吗？", "6g", "integrated-6g"],
    ["will you join a coalition for state-led AI governance?", "ai-gov", "state-led"],
    ["你们会加入国家主导的人工智能治理联盟吗？", "ai-gov", "state-led"],
    ["你们会加入支持各国自定密码标准的标准联盟吗？", "pqc", "national-pqc"],
  ])("“%s”: a coalition in the race, backing the option named", (q, race, option) => {
    // The post-quantum race opens in round 2 (docs/RULES.md §4.6): asked about it there.
    const s = negotiating(ID);
    const r = say(race === "pqc" ? { ...s, round: 2 } : s, q, "NL", "JP");
    const c = coalitionIn(r.said);
    expect(c, words(r.said, ID)).toBeDefined();
    expect(c, words(r.said, ID)).toEqual({ technology: race, option });
  });
});
