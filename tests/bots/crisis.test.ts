/**
 * The crisis as the bots weigh it and speak of it: the engine ends the game in a crisis when a
 * round's resolution drives tension to 100, before the round's drift cools it (docs/RULES.md §5,
 * shared/engine/resolution.ts), and a crisis halves every score ("No crisis" is one of Alliance
 * 2021's shared targets).
 */
import { describe, expect, it } from "vitest";
import { botContext } from "../../shared/bots/context.ts";
import { project, worldOf } from "../../shared/bots/model.ts";
import { noCrisisChance, outlookOf, tensionPeaks } from "../../shared/bots/value.ts";
import { DraftSchema, type GameState } from "../../shared/engine/index.ts";
import { negotiating } from "./helpers.ts";

const atTension = (tension: number): GameState => {
  const s = negotiating("alliance-2021", 1);
  return { ...s, table: { ...s.table, tension } };
};
const regime = DraftSchema.parse({ terms: { type: "export-control", sector: "semis", tier: "frontier", target: "CN" }, parties: ["US", "NL", "JP"], duration: 8 });

describe("the crisis in a bot's valuation", () => {
  it("sees that a chip regime signed in the next-to-last round at tension 90 ends the game in a crisis this round (its tension and China's retaliation, before the drift), where the long view alone gave the table even odds", () => {
    const s = { ...negotiating("alliance-2021", 1), round: 5 };
    const ctx = botContext({ ...s, table: { ...s.table, tension: 90 } }, "JP");
    const w = worldOf(ctx.view, ctx);
    const o = outlookOf(w);
    const proj = project(w, regime);
    expect(proj.regime?.targetsRival).toBe(true);
    // This round's peak: 90, the regime's 4.7 and the retaliation's 8, over 100.
    expect(tensionPeaks(w, o, proj)[0]).toBeCloseTo(102.7, 1);
    expect([...tensionPeaks(w, o, null)]).toEqual([90, 87]);
    // Without the regime the table is safe this round; with it, the crisis is all but certain
    // (the long view, 90 plus the regime's 17.4 over two rounds read with a spread of 16, said 29%).
    expect(noCrisisChance(w, o, null)).toBeGreaterThan(0.6);
    expect(noCrisisChance(w, o, proj)).toBeLessThan(0.1);
    // Early in the game, at tension 30, the regime leaves the chance near where it was.
    const calm = botContext(atTension(30), "JP");
    const cw = worldOf(calm.view, calm);
    const co = outlookOf(cw);
    expect(noCrisisChance(cw, co, project(cw, regime))).toBeGreaterThan(0.5);
  });
});
