/**
 * The deal cards write a price and a loan in capital ("单价 1 资金", "贷款 14 资金"), and a
 * student who writes a proposal the same way ("我提议：中国向美国供应关键矿产，每轮 3 单位，单价 2
 * 资金") proposes a deal: the unit after a term's number is no offer of money. The word 资金 read
 * as "we will pay you" turned the proposal into a money question on the deal last discussed
 * ("在供应链协议中，付款就是价格，以及任何共同投资。不，即使将 A5YW 的领域从半导体改为关键矿产…"),
 * where the same words in English ("at 2 capital each") were a proposal.
 */
import { describe, expect, it } from "vitest";
import { parseIntent } from "../../shared/bots/intents.ts";
import { negotiating, say, zhWords } from "./helpers.ts";

const seats = [
  { id: "CN", names: ["CN", "China", "中国"] },
  { id: "US", names: ["US", "United States", "美国"] },
];

describe("a term's capital in Chinese", () => {
  it("is the term's unit, as “capital” is in English: a proposal stays a proposal", () => {
    const zh = parseIntent("我提议：中国向美国供应关键矿产，每轮 3 单位，单价 2 资金，4 轮。", seats, "US");
    expect(zh).toEqual(parseIntent("I propose: China supplies the US critical minerals, 3 units a round at 2 capital each, for 4 rounds.", seats, "US"));
    expect(zh).toMatchObject({ kind: "propose", type: "supply", terms: { volume: 3, price: 2 } });
    expect(parseIntent("借给你们 20 资金，利率 3%")).toEqual(parseIntent("we lend you 20 at 3%"));
  });

  it("money put on the table is still an offer of money", () => {
    expect(parseIntent("我们给你们 5 资金，你们加入吗？").kind).toBe("pay");
    expect(parseIntent("单价 2 资金，另外我们再补偿你们 3 资金").kind).toBe("pay");
    expect(parseIntent("如果我们付钱呢？").kind).toBe("pay");
  });

  it("a bot answers the proposal, not with what money buys in a supply deal", () => {
    const r = say(negotiating(), "我提议：中国向美国供应关键矿产，每轮 3 单位，单价 2 资金，4 轮。", "CN", "US");
    expect(r.said.key).not.toMatch(/^bot\.dm\.pay/);
    expect(zhWords(r.said)).not.toContain("付款就是价格");
  });
});
