/**
 * A bot's opening line in the plenary, round after round (shared/bots/talk.ts `speak`, `asBefore`):
 * where its position is the one it opened the last round with, it says so ("Our position is the
 * same as last round.", then "… has not changed for 3 rounds."), so no two rounds running open with
 * the same words. Found by a playtester: China opened rounds 3 and 4 of a classroom game with "We
 * need nothing more this round and will not pay for what does not protect us. …", word for word.
 */
import { describe, expect, it } from "vitest";
import { getScenario } from "../../server/scenarios.ts";
import { playGame } from "../../shared/bots/game-loop.ts";
import type { GameState } from "../../shared/engine/index.ts";
import { words, zhWords } from "./helpers.ts";

/** Each seat's opening line in the plenary, by round. */
function openings(state: GameState): Map<string, Map<number, (typeof state.messages)[number]>> {
  const by = new Map<string, Map<number, (typeof state.messages)[number]>>();
  for (const x of state.messages) {
    if (x.channel !== "plenary" || !x.from.seat || !x.said || !/^bot\.say\.(want|seek|nothing|weigh|again)\./.test(x.said.key)) continue;
    const mine = by.get(x.from.seat) ?? new Map();
    if (!mine.has(x.round)) mine.set(x.round, x);
    by.set(x.from.seat, mine);
  }
  return by;
}

describe("a bot's opening line in consecutive rounds", () => {
  it("China in classroom game digest:0, needing nothing in rounds 3 and 4: round 4 says its position is the same as last round, in English and Chinese", () => {
    const game = playGame({ scenario: getScenario("classroom-quick")!, settings: { seed: "digest:0" } }, {});
    const cn = openings(game.state).get("CN")!;
    expect(words(cn.get(3)!.said)).toMatch(/^We need nothing more this round/);
    expect(words(cn.get(4)!.said)).toBe(`Our position is the same as last round. ${words(cn.get(3)!.said)}`);
    expect(zhWords(cn.get(4)!.said)).toBe(`我方立场与上一轮相同。${zhWords(cn.get(3)!.said)}`);
  });

  it("no seat opens two rounds running with the same words, in a few classroom games", () => {
    let again = 0;
    for (const [id, seeds] of [["classroom-quick", ["digest:0", "digest:1", "digest:2", "digest:3", "digest:4"]]] as const) {
      for (const seed of seeds) {
        const game = playGame({ scenario: getScenario(id)!, settings: { seed } }, {});
        for (const [seat, byRound] of openings(game.state)) {
          for (const [round, line] of byRound) {
            const last = byRound.get(round - 1);
            if (!last) continue;
            expect(words(line.said, id), `${id} ${seed} ${seat} round ${round}`).not.toBe(words(last.said, id));
            expect(zhWords(line.said, id), `${id} ${seed} ${seat} round ${round}`).not.toBe(zhWords(last.said, id));
            if (line.said!.key.startsWith("bot.say.again.")) again++;
          }
        }
      }
    }
    expect(again).toBeGreaterThan(0);
  });
});

describe("a position said last round inside what the bot weighs most", () => {
  it("Indonesia in multipolar-2024 (seed talk) opened round 3 with its position and what it weighs most; round 4, the same position, says it is the same as last round", () => {
    const game = playGame({ scenario: getScenario("multipolar-2024")!, settings: { seed: "talk" } }, {});
    const line = (round: number) => game.state.messages.find((x) => x.channel === "plenary" && x.from.seat === "ID" && x.round === round && x.said && /^bot\.say\.(?:(?:want|seek|nothing|again)\.|weigh$)/.test(x.said.key))!;
    expect(line(3).said!.key).toBe("bot.say.weigh");
    expect(words(line(4).said, "multipolar-2024")).toMatch(/^Our position is the same as last round\./);
    expect(zhWords(line(4).said, "multipolar-2024")).toMatch(/^我方立场与上一轮相同。/);
  });
});
