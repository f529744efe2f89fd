/**
 * "What would it take?" asked for no kind of deal, where every deal the bot's search finds with
 * the asker is one the rules refuse: the general answer (what it would sign, or that no deal with
 * the asker pays), not the rule that refuses a draft the asker never proposed nor named ("a regime
 * cannot target one of its own members"). Asked for a kind of deal, the rule still answers
 * (tests/bots/talk.test.ts).
 */
import { describe, expect, it } from "vitest";
import { playGame } from "../../shared/bots/game-loop.ts";
import { apply, createGame, type GameState } from "../../shared/engine/index.ts";
import { say, scenario, words, zhWords } from "./helpers.ts";

const MP = "multipolar-2024";

/** A multipolar game played by its bots, at the start of round 2's negotiation (the United States and Japan have no deal with China open to them). */
function roundTwo(): GameState {
  const s = scenario(MP);
  const setup = { scenario: s, settings: { seed: "a" } };
  const game = playGame(setup, {}, {});
  let state = createGame(setup);
  for (const a of game.log) {
    const r = apply(state, a);
    if (!r.ok) break;
    state = r.state;
    if (state.phase === "negotiation" && state.round === 2) return state;
  }
  throw new Error("no round 2");
}

describe("“what would it take?” for no kind of deal, where the rules refuse every draft found", () => {
  it.each([
    ["US", "What would it take for you to lower tension with us?"],
    ["JP", "What would it take for you to lower tension with us?"],
    ["US", "你们需要什么条件？"],
  ])("%s asks China in private “%s”: no rule about a draft never proposed, the general answer", (from, q) => {
    const r = say(roundTwo(), q, from, "CN");
    const en = words(r.said, MP);
    const zh = zhWords(r.said, MP);
    expect(JSON.stringify(r.said), en).not.toContain("offerNoneRule");
    expect(en).not.toMatch(/regime cannot target|is open to us this round/);
    expect(zh).not.toMatch(/本轮我方无法与你方达成/);
    expect(en).toMatch(/We see no deal with you that would pay for us|We would sign this/);
  });
});
