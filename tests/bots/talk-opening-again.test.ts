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
import type { Text } from "../../shared/engine/text.ts";
import { words, zhWords } from "./helpers.ts";

/** Each seat's opening line in the plenary, by round. */
function openings(state: GameState): Map<string, Map<number, (typeof state.messages)[number]>> {
  const by = new Map<string, Map<number, (typeof state.messages)[number]>>();
  for (const x of state.messages) {
    if (x.channel !== "plenary" || !x.from.seat || !x.said || !/^bot\.say\.(?:(?:want|seek|nothing|again|changed)\.|weigh$)/.test(x.said.key)) continue;
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
    // Round 3 opens with what changed since round 2 (the loan it signed), then its position.
    const third = cn.get(3)!.said!.args!.line as Text;
    expect(words(third)).toMatch(/^We need nothing more this round/);
    expect(words(cn.get(4)!.said)).toBe(`Our position is the same as last round. ${words(third)}`);
    expect(zhWords(cn.get(4)!.said)).toBe(`我方立场与上一轮相同。${zhWords(third)}`);
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

describe("a position said last round inside what changed since", () => {
  it("Indonesia in multipolar-2024 (seed talk) opened round 3 with the deal it signed in round 2, then its position; round 4, the same position, says it is the same as last round", () => {
    const game = playGame({ scenario: getScenario("multipolar-2024")!, settings: { seed: "talk" } }, {});
    const line = (round: number) => openings(game.state).get("ID")!.get(round)!;
    expect(line(3).said!.key).toBe("bot.say.changed.got");
    expect(words(line(4).said, "multipolar-2024")).toBe(`Our position is the same as last round. ${words(line(3).said!.args!.line as Text, "multipolar-2024")}`);
    expect(zhWords(line(4).said, "multipolar-2024")).toMatch(/^我方立场与上一轮相同。/);
  });
});

describe("a bot's opening line when its position changed since last round", () => {
  const game = playGame({ scenario: getScenario("classroom-quick")!, settings: { seed: "digest:0" } }, {});
  const line = (seat: string, round: number) => openings(game.state).get(seat)!.get(round)!.said!;
  /** The opening line a change wraps: this round's position, as it would read alone. */
  const inner = (t: Text) => t.args!.line as Text;

  it("Japan, whose coalition of round 1 every party signed, opens round 2 with it, then what it wants now, in English and Chinese", () => {
    const said = line("JP", 2);
    const signed = game.state.agreements.find((a) => a.proposedBy === "JP" && a.steps[0]!.round === 1 && a.type === "standards")!;
    expect(signed.parties.every((p) => signed.signatures.includes(p))).toBe(true);
    expect(signed.parties.filter((p) => p !== "JP").sort()).toEqual(["TW", "US"]);
    expect(words(said)).toBe(`Last round we signed a standards coalition with the United States and Taiwan. ${words(inner(said))}`);
    expect(words(inner(said))).toMatch(/^This round we want an infrastructure loan with Indonesia: it brings us .*\d/);
    expect(zhWords(said)).toMatch(/^上一轮我方已与.+达成标准联盟。本轮我方希望/);
  });

  it("India, whose private loan offer of round 2 no one took up, says so in round 3 and that it no longer seeks one", () => {
    const offered = game.state.agreements.filter((a) => a.proposedBy === "IN" && a.steps[0]!.round === 2);
    expect(offered.length).toBeGreaterThan(0);
    expect(offered.every((a) => !a.parties.every((p) => a.signatures.includes(p)))).toBe(true);
    const said = line("IN", 3);
    expect(words(said)).toBe(`Our offer of an infrastructure loan last round was not taken up, and we no longer seek it. ${words(inner(said))}`);
    expect(words(inner(said))).toMatch(/^We take no side this round/);
    expect(zhWords(said)).toMatch(/^上一轮我方提议达成基础设施贷款，未获接受，本轮不再寻求。/);
  });

  it("the Netherlands in digest:2, needing nothing in round 3, says so before what it wants in round 4", () => {
    const g = playGame({ scenario: getScenario("classroom-quick")!, settings: { seed: "digest:2" } }, {});
    const nl = openings(g.state).get("NL")!;
    expect((nl.get(3)!.said!.args!.line as Text).key).toMatch(/^bot\.say\.nothing\./);
    const said = nl.get(4)!.said!;
    expect(words(said)).toMatch(/^Last round we needed nothing more\. This round we want a standards coalition with Japan: it brings us .*\d/);
    expect(zhWords(said)).toMatch(/^上一轮我方别无所需。本轮我方希望/);
  });

  it("in a few games, every opening whose position differs from last round's says first what changed, and a deal it says it signed is one it proposed last round that every party signed", () => {
    let changed = 0;
    for (const [id, seed] of [["classroom-quick", "digest:1"], ["multipolar-2024", "talk"], ["alliance-2021", "digest:0"]] as const) {
      const g = playGame({ scenario: getScenario(id)!, settings: { seed } }, {});
      for (const [seat, byRound] of openings(g.state)) {
        for (const [round, x] of byRound) {
          if (!byRound.get(round - 1)) continue;
          const key = x.said!.key === "bot.say.weigh" ? (x.said!.args!.line as Text).key : x.said!.key;
          expect(key, `${id} ${seed} ${seat} round ${round}: ${words(x.said, id)}`).toMatch(/^bot\.say\.(again|changed)\./);
          if (key !== "bot.say.changed.got") continue;
          changed++;
          const t = x.said!.key === "bot.say.weigh" ? (x.said!.args!.line as Text) : x.said!;
          const named = words(t.args!.before as Text, id);
          const theirs = g.state.agreements.filter((a) => a.proposedBy === seat && a.steps[0]!.round === round - 1 && a.parties.every((p) => a.signatures.includes(p)));
          expect(theirs.length, `${id} ${seed} ${seat} round ${round}: ${named}`).toBeGreaterThan(0);
        }
      }
    }
    expect(changed).toBeGreaterThan(0);
  });
});
