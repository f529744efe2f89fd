/**
 * A priced question about a deal the asker and the bot already have on the table is answered
 * about that deal (docs/RULES.md: a priced question gets "it would sign them, or the smallest
 * change"), not with "we see no such deal": Indonesia had offered Japan minerals at 1.3 and
 * told Japan, three times, that it saw no minerals deal with it that would pay.
 */
import { describe, expect, it } from "vitest";
import { botContext } from "../../shared/bots/context.ts";
import { appraise, decideBotAction } from "../../shared/bots/bot.ts";
import { questionsIn } from "../../shared/bots/intents.ts";
import type { GameState } from "../../shared/engine/index.ts";
import { translatedNames } from "../../server/scenario-texts.ts";
import { act, negotiating, offer, seatActor, words, zhWords } from "./helpers.ts";

type Said = NonNullable<GameState["messages"][number]["said"]>;

/** Japan writes `text` in the plenary, addressed to Indonesia; Indonesia's answer. */
function answer(state: GameState, text: string, from = "JP", to = "ID"): Said {
  const asked = act(state, { actor: seatActor(from), move: { type: "chat", channel: "plenary", text } });
  const d = decideBotAction(botContext(asked, to), { rng: 12345 }, { names: translatedNames("classroom-quick") });
  expect(d?.action.move.type, "the bot answers").toBe("chat");
  return (d!.action.move as { said: Said }).said;
}

const A4 = { terms: { type: "supply" as const, suppliers: ["ID"], buyers: ["JP"], sector: "minerals" as const, volume: 4, price: 1.3 }, duration: 4 };

describe("a priced question about a deal on the table", () => {
  it("names the open offer: as it stands, or the asker's price with the smallest change it would accept", () => {
    const { state, id } = offer(negotiating(), "ID", A4);
    const same = answer(state, "Indonesia, would you sell us critical minerals at 1.3?");
    expect(same.key).toBe("bot.dm.onTableAsIs");
    expect(words(same)).toMatch(new RegExp(`^We have that deal on the table already: ${id}\\. We would sign it as it stands: it `));
    const low = answer(state, "Indonesia, would you sell us critical minerals at 0.9?");
    expect(words(low)).not.toMatch(/no supply-chain deal/);
    expect(low.key).toBe("bot.dm.onTable");
    expect(words(low)).toMatch(new RegExp(`^We have such a deal on the table already: ${id}\\. `));
    // The verdict on 0.9 is the valuation's: yes if it pays, else the smallest change it would sign.
    const at = (price: number) => appraise(botContext(state, "ID"), { terms: { ...A4.terms, price, coInvest: 0 }, parties: [], duration: 4 })!;
    const pays = at(0.9).value >= at(0.9).threshold;
    expect((low.args!.then as Said).key).toBe(pays ? "bot.dm.ifYes" : "bot.dm.ifNear");
    expect(words(low)).toMatch(/price 1\.3 → 0\.9/);
    expect(zhWords(answer(state, "印度尼西亚，你们会以单价 0.9 向我们出售关键矿产吗？"))).toMatch(new RegExp(`^这样的协议已经摆在桌面上：${id}。.*从 1\\.3 改为 0\\.9`));
  });

  it("a deal signed by all is said to be, not offered again at other terms", () => {
    const { state, id } = offer(negotiating(), "ID", A4);
    const signed = act(state, { actor: seatActor("JP"), move: { type: "sign", agreementId: id, revision: 1 } });
    expect(signed.agreements.find((a) => a.id === id)?.status).toBe("signed");
    const said = answer(signed, "Indonesia, would you sell us critical minerals at 0.9?");
    expect(said.key).toBe("bot.dm.signed");
    expect(words(said)).toBe(`We have that deal with you already: ${id}, signed by all; it takes force at resolution.`);
  });

  it("a deal in the other direction, or of another sector, is not that deal", () => {
    const { state, id } = offer(negotiating(), "ID", A4);
    const buy = answer(state, "Indonesia, would you buy critical minerals from us at 0.9?");
    expect(words(buy)).not.toContain(id);
  });
});

describe("a price given after the question", () => {
  it("“…购买关键矿产吗？单价 1.2” asks at 1.2, and the answer's terms are at 1.2", () => {
    const seats = [{ id: "ID", names: ["Indonesia", "印度尼西亚"] }];
    expect(questionsIn("印度尼西亚，你们会从我们这里购买关键矿产吗？单价 1.2", seats, "ID")).toEqual([{ kind: "propose", type: "supply", sector: "minerals", supplier: "asker", terms: { price: 1.2 } }]);
    expect(questionsIn("Indonesia, would you sell us critical minerals? At 0.9.", seats, "ID")).toEqual([{ kind: "propose", type: "supply", sector: "minerals", supplier: "bot", terms: { price: 0.9 } }]);
    const zh = zhWords(answer(negotiating(), "印度尼西亚，你们会从我们这里购买关键矿产吗？单价 1.2", "CN"));
    expect(zh).toMatch(/单价 1\.2/);
    expect(zh).not.toMatch(/单价 (?!1\.2)\d/);
  });
});
