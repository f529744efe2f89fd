/**
 * Questions of a person that a bot once garbled (read as a reader reads the answer): a
 * condition clause that names another deal, a country named as a market rather than a party,
 * and two questions whose answers are one paragraph.
 */
import { describe, expect, it } from "vitest";
import { questionsIn } from "../../shared/bots/intents.ts";
import { negotiating, say, scenario, words } from "./helpers.ts";

const al = "alliance-2021";
const seats = scenario(al).countries.map((c) => ({ id: c.id, names: [c.id, c.name] }));

describe("a question with a condition clause", () => {
  it("reads the deal asked about from the main clause: 'if … we add joint chip research, would you join a broad chip regime' asks about the regime", () => {
    const [q] = questionsIn("If Australia covers your critical minerals and we add joint chip research, would you join a broad chip regime with us and the Netherlands?", seats, "JP");
    expect(q).toMatchObject({ type: "export-control", tier: "broad", sector: "semis" });
    const { said } = say(negotiating(al, 1), "If Australia covers your critical minerals and we add joint chip research, would you join a broad chip regime with us and the Netherlands?", "US", "JP");
    const line = words(said, al);
    expect(line).toMatch(/export-control regime/);
    expect(line).not.toMatch(/joint R&D/);
  });
});

describe("a country named as a market", () => {
  it("is no party: 'if we pay you for your lost China sales' names China's market, not China as a member", () => {
    for (const q of ["If we pay you for your lost China sales, would you join a chip export-control regime with us?", "Would you join a chip regime with us if we cover your sales to China?", "如果我们补偿你们在中国市场的损失，你们会加入芯片出口管制吗？"]) {
      const [intent] = questionsIn(q, [...seats.map((x) => (x.id === "CN" ? { ...x, names: [...x.names, "中国"] } : x))], "JP");
      expect(intent && "partners" in intent ? intent.partners : undefined, q).toBeUndefined();
    }
    const { said } = say(negotiating(al, 1), "If we pay you for your lost China sales, would you join a chip export-control regime with us?", "US", "JP");
    expect(words(said, al)).not.toMatch(/China would sign no/);
  });
});

describe("two questions with one answer", () => {
  it("says the answer once: 'would you join …? What would it take?' does not repeat the paragraph", () => {
    const { said } = say(negotiating(al, 1), "Would you join a chip export-control regime with us? What would it take?", "US", "JP");
    const line = words(said, al);
    const first = line.slice(0, 60);
    expect(line.indexOf(first, 1), line).toBe(-1);
  });
});
