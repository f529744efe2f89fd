/**
 * A student's first line to a bot is often “你好！”: it was met with the note of what the bot
 * answers alone, which opened “我方只回应提议和有关协议的问题” — a brush-off for a hello. A
 * greeting and nothing else is now greeted back before that note, and the note says what the bot
 * answers as its English does, with no “only” (我方可以回答…).
 */
import { describe, expect, it } from "vitest";
import { parseIntent } from "../../shared/bots/intents.ts";
import { negotiating, say, words, zhWords } from "./helpers.ts";

describe("a greeting", () => {
  it("alone is read as one; with a question in it, it is that question", () => {
    for (const q of ["你好！", "您好", "大家好。", "hello", "Hi there!", "good morning"]) expect(parseIntent(q), q).toEqual({ kind: "other", greeting: true });
    expect(parseIntent("你好，你们为什么拒绝？").kind).toBe("why");
    expect(parseIntent("你喜欢吃饺子吗？")).toEqual({ kind: "other" });
  });

  it("is greeted back, then told what the bot answers, in Chinese and English", () => {
    const r = say(negotiating(), "你好！", "CN", "US");
    expect(zhWords(r.said)).toMatch(/^你好！我方可以回答提议和协议方面的问题。你可以问：“/);
    expect(words(r.said)).toMatch(/^Hello\. We answer offers and questions about deals: ask “/);
    // A line that is no greeting gets the note alone, with no 只回应 in it.
    const other = say(negotiating(), "今天天气不错，你们那边怎么样？", "CN", "US");
    expect(zhWords(other.said)).toMatch(/^我方可以回答/);
  });
});
