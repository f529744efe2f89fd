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
import { viewFor } from "../../shared/engine/views.ts";
import type { Text } from "../../shared/engine/text.ts";
import { mindOf } from "../../shared/bots/mind.ts";
import { decideBotAction } from "../../shared/bots/bot.ts";
import { speak } from "../../shared/bots/talk.ts";
import { act, negotiating, offer, seatActor, words } from "./helpers.ts";

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

describe("the crisis in a bot's plenary line", () => {
  /** What Germany says in the plenary of `s` (it has proposed nothing: its note on the table). */
  const germanySays = (s: GameState) => words((speak(mindOf(botContext(s, "DE")))?.action.move as { said?: Text } | undefined)?.said, "alliance-2021");

  it("at tension 95 with a chip regime signed, warns that this round's peak reaches the crisis, with the regime's share and what a crisis costs, instead of counting targets", () => {
    let s: GameState = { ...negotiating("alliance-2021", 1), round: 5 };
    s = { ...s, table: { ...s.table, tension: 95 } };
    const { state, id } = offer(s, "US", { terms: { type: "export-control", sector: "semis", tier: "frontier", target: "CN" }, parties: ["US", "NL", "JP"], duration: 2 });
    s = state;
    for (const p of ["NL", "JP"]) s = act(s, { actor: seatActor(p), move: { type: "sign", agreementId: id, revision: 1 } });
    expect(s.agreements.find((a) => a.id === id)!.status).toBe("signed");
    const line = germanySays(s);
    expect(line).toContain(`tension stands at 95, and the deals signed and in force add 12.7 this round (${id} +12.7) before it cools by 3: that peak of 107.7 reaches the crisis at 100, which ends the game and takes 50% off every score`);
    expect(line).not.toMatch(/meets all/);
  });

  it("counts the shared targets as the game shows them: all six of Alliance 2021's, the crisis one too", () => {
    const s = negotiating("alliance-2021", 1);
    const line = germanySays({ ...s, table: { ...s.table, resilience: 60, cohesion: 60 } });
    const shown = viewFor(s, { kind: "observer" }).outcome.targets;
    expect(shown).toHaveLength(6);
    expect(line).toMatch(/the table meets 3 of its 6 shared targets for now/);
  });
});

describe("the crisis in a bot's answer", () => {
  it("asked in the plenary whether to keep a deal in force at tension 95, answers with this round's projection, not the usage help", () => {
    let s: GameState = { ...negotiating("alliance-2021", 1), round: 5 };
    s = { ...s, table: { ...s.table, tension: 95 } };
    const { state, id } = offer(s, "US", { terms: { type: "export-control", sector: "semis", tier: "frontier", target: "CN" }, parties: ["US", "NL", "JP"], duration: 2 });
    s = state;
    for (const p of ["NL", "JP"]) s = act(s, { actor: seatActor(p), move: { type: "sign", agreementId: id, revision: 1 } });
    s = act(s, { actor: seatActor("US"), move: { type: "chat", channel: "plenary", text: `Tension stands at 95. Germany, should we keep ${id} in force or leave it?` } });
    for (let i = 0; i < 10; i++) {
      const d = decideBotAction(botContext(s, "DE"), { rng: 12345 })!;
      const move = d.action.move;
      if (move.type === "chat") {
        const line = words(move.said, "alliance-2021");
        expect(line).toContain(`(${id} +12.7) before it cools by 3: that peak of 107.7 reaches the crisis at 100`);
        expect(line).not.toMatch(/ask me/i);
        return;
      }
      s = act(s, { ...d.action, ...(d.reason ? { reason: d.reason } : {}) });
    }
    throw new Error("Germany did not answer");
  });
});
