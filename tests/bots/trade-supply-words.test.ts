/**
 * "Supplies" and 供应 say a direction of trade as "sells" and 卖 do (shared/bots/intents.ts
 * `TRADE`, `supplierOf`): "中国向美国供应稀土" (China, writing to the United States) is a supply
 * deal China supplies, not a question with no direction.
 */
import { describe, expect, it } from "vitest";
import { questionsIn } from "../../shared/bots/intents.ts";
import { scenario } from "./helpers.ts";

const ZH: Record<string, string> = { US: "美国", CN: "中国", JP: "日本" };
const seats = scenario().countries.map((c) => ({ id: c.id, names: [c.id, c.name, ...(ZH[c.id] ? [ZH[c.id]!] : [])] }));
/** What China, writing to the United States' bot (or `to`), asks in `q`. */
const read = (q: string, to = "US") => questionsIn(q, seats, to)[0];

describe("supplying, in English and in Chinese, is a supply deal in the direction said", () => {
  it.each([
    ["中国向美国供应稀土", "asker", "minerals"],
    ["我们可以向你们供应稀土", "asker", "minerals"],
    ["我们可以向你们供货芯片", "asker", "semis"],
    ["美国向中国供应芯片吗？", "bot", "semis"],
    ["你们会供应芯片给我们吗？", "bot", "semis"],
    ["China supplies the US with rare earths", "asker", "minerals"],
    ["We could supply rare earths to you", "asker", "minerals"],
    ["Would the US supply chips to China?", "bot", "semis"],
    // To Japan: to the United States' bot, "us" is its name too.
    ["Will you supply us with chips?", "bot", "semis", "JP"],
  ] as const)("%s: %s supplies", (q, supplier, sector, to?: string) => {
    expect(read(q, to), q).toMatchObject({ type: "supply", sector, supplier });
  });

  it("a supply deal named as such (供应链协议, 供应协议) says no direction", () => {
    for (const q of ["你们会签一项芯片供应链协议吗？", "怎样才能让你们签半导体供应协议？", "Would you sign a supply deal in chips?"]) expect(read(q), q).not.toHaveProperty("supplier");
  });
});
