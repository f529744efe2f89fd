/**
 * A bot gives one reason for one deal: the plenary's "this round we want …: it …" and chat's "we
 * would sign A4 as it stands: it …" say what its proposal said on the deal's card (talk.ts
 * `proposedWhy`), and no reason cites "0 points".
 */
import { describe, expect, it } from "vitest";
import { botContext } from "../../shared/bots/context.ts";
import { decideBotAction } from "../../shared/bots/bot.ts";
import { playGame } from "../../shared/bots/game-loop.ts";
import type { GameState } from "../../shared/engine/index.ts";
import { seatIds } from "../../shared/engine/setup.ts";
import { act, negotiating, scenario, seatActor, words, zhWords } from "./helpers.ts";

type Said = NonNullable<GameState["messages"][number]["said"]>;
const setup = (seed: number) => ({ scenario: scenario("classroom-quick"), settings: { seed } });

describe("the reason a bot gives for its own deal", () => {
  it("in the plenary is its proposal's, never “costs us little (0 points)”", () => {
    for (const seed of [1, 2]) {
      const { state } = playGame(setup(seed), {});
      const wants = state.messages.filter((m) => m.said?.key.startsWith("bot.say.want."));
      expect(wants.length).toBeGreaterThan(0);
      for (const m of wants) {
        const mine = Object.values(state.agreements).filter((a) => a.proposedBy === m.from.seat && a.steps[0]!.round === m.round);
        const whys = mine.flatMap((a) => a.steps.filter((x) => x.by === m.from.seat && (x.reason as Said | undefined)?.args?.why).map((x) => JSON.stringify((x.reason as Said).args!.why)));
        expect(whys, words(m.said)).toContain(JSON.stringify(m.said!.args!.why));
      }
      for (const m of state.messages.filter((x) => x.said)) {
        expect(words(m.said)).not.toMatch(/\(0 points\)/);
        expect(zhWords(m.said)).not.toMatch(/（0 分）/);
      }
    }
  });

  it("in chat, as it stands, is the card's", () => {
    // Each seat's first proposal of round 1, asked about by a party at once.
    let asked = 0;
    for (const by of ["ID", "TW", "NL", "JP"]) {
      let s = negotiating();
      for (let i = 0; i < 20; i++) {
        const d = decideBotAction(botContext(s, by), { rng: 1 });
        if (!d) break;
        s = act(s, d.reason ? { ...d.action, reason: d.reason } : d.action);
        if (d.action.move.type === "propose") break;
      }
      const a = Object.values(s.agreements).find((x) => x.proposedBy === by && x.status === "proposed");
      const asker = a?.parties.find((p) => p !== by && seatIds(s).includes(p));
      if (!a || !asker) continue;
      const card = a.steps[0]!.reason as Said;
      const q = act(s, { actor: seatActor(asker), move: { type: "chat", channel: "plenary", text: `${by}, what would it take on ${a.id}?` } });
      const said = (decideBotAction(botContext(q, by), { rng: 1 })!.action.move as { said: Said }).said;
      if (said.key !== "bot.dm.takeAsIs") continue;
      expect(said.args!.why, words(said)).toEqual(card.args!.why);
      asked++;
    }
    expect(asked, "a bot's own open offer it would sign as it stands").toBeGreaterThan(0);
  });
});
