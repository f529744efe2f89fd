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
import { mindOf, rememberBetweenMoves } from "../../shared/bots/mind.ts";
import { decideBotAction } from "../../shared/bots/bot.ts";
import { speak } from "../../shared/bots/talk.ts";
import { act, negotiating, offer, seatActor, words, zhWords } from "./helpers.ts";

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

describe("the crisis as the end of a bot's game", () => {
  /** Round 5 of 6 of Alliance 2021 with a statement by the United States and Japan naming China in force (signed in round 4), tension set to `tension`. */
  const statementInForce = (tension: number): { state: GameState; id: string } => {
    let s: GameState = { ...negotiating("alliance-2021", 1), round: 4 };
    s = { ...s, table: { ...s.table, tension: 60 } };
    const { state, id } = offer(s, "US", { terms: { type: "alignment", clauses: ["threat-assessment", "supply-chain-risk"], target: "CN" }, parties: ["US", "JP"], duration: 3 });
    s = act(state, { actor: seatActor("JP"), move: { type: "sign", agreementId: id, revision: 1 } });
    for (let i = 0; i < 3; i++) s = act(s, { actor: { kind: "system" }, move: { type: "advance" } });
    expect([s.round, s.phase, s.agreements.find((a) => a.id === id)!.status]).toEqual([5, "negotiation", "in-force"]);
    return { state: { ...s, table: { ...s.table, tension } }, id };
  };
  /** Japan offers the United States a statement of all four clauses naming China, in round 5 at `tension`. */
  const statementOffered = (tension: number) => {
    const s: GameState = { ...negotiating("alliance-2021", 1), round: 5 };
    const all = ["threat-assessment", "supply-chain-risk", "surveillance-norms", "secure-infrastructure"] as const;
    return offer({ ...s, table: { ...s.table, tension } }, "JP", { terms: { type: "alignment", clauses: [...all], target: "CN" }, parties: ["JP", "US"], duration: 2 });
  };
  /** The seat's context as the bots had it before they weighed a crisis as the end of the game: no crisis score to read. */
  const withoutCrisisScore = (s: GameState, seat: string) => {
    const ctx = botContext(s, seat);
    Object.defineProperty(ctx, "crisisScore", { value: undefined });
    return ctx;
  };
  const decide = (ctx: ReturnType<typeof botContext>) => {
    rememberBetweenMoves(false);
    try {
      return decideBotAction(ctx, { rng: 12345 });
    } finally {
      rememberBetweenMoves(true);
    }
  };

  it("at tension 94, the United States leaves the statement in force whose tension takes this round's peak to 103, and says the crisis would end the game with its score halved", () => {
    const { state, id } = statementInForce(94);
    for (const seat of ["US", "JP"]) {
      const d = decide(botContext(state, seat))!;
      expect(d.action.move, seat).toEqual({ type: "withdraw", agreementId: id });
    }
    const d = decide(botContext(state, "US"))!;
    expect(words(d.reason, "alliance-2021")).toBe(
      `withdrew from ${id} (alignment statement): with it, tension would peak at 103, and a crisis at 100 ends the game with our score at 30.9 instead of 61.7; leaving costs 6 trust`,
    );
    expect(zhWords(d.reason, "alliance-2021")).toContain("紧张度将升至 103，而达到 100 的危机会结束游戏，我方得分将从 61.7 降至 30.9");
  });

  it("at tension 92, the United States declines Japan's statement that would bring the crisis, saying so; at 30 it signs it as before", () => {
    const hot = statementOffered(92);
    const d = decide(botContext(hot.state, "US"))!;
    expect(d.action.move).toMatchObject({ type: "decline", agreementId: hot.id });
    expect(words(d.reason, "alliance-2021")).toMatch(/costs us a (much )?higher risk of a crisis \(about \d+ in 100 more\), which would end the game with our score at 29\.3 instead of 58\.5/);
    expect(zhWords(d.reason, "alliance-2021")).toMatch(/代价是(更高|高得多)的危机风险（约高 \d+ 个百分点；危机会结束游戏，我方得分将从 58\.5 降至 29\.3）/);
    const calm = statementOffered(30);
    expect(decide(botContext(calm.state, "US"))!.action.move).toMatchObject({ type: "sign", agreementId: calm.id });
  });

  it("far from the crisis, weighs no crisis score and decides exactly as without one", () => {
    for (const [state, seat] of [[statementInForce(40).state, "US"], [statementInForce(40).state, "JP"], [statementOffered(30).state, "US"], [negotiating("alliance-2021", 1), "DE"]] as const) {
      expect(mindOf(botContext(state, seat)).crisis, seat).toBeUndefined();
      const d = decide(botContext(state, seat));
      const before = decide(withoutCrisisScore(state, seat));
      expect(d, seat).toEqual(before);
    }
  });
});
