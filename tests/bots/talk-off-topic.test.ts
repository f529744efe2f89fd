/**
 * A student who chats off topic twice running (“今天天气不错，你们那边怎么样？”, then “你喜欢吃饺子
 * 吗？”) got the usage note, then “我方的答复与刚才相同。” and the note again: as if the second,
 * different question were the first asked again. A second line the bot cannot answer now gets a
 * short word that it answers deals; a third the whole note again, so no two lines running are the
 * same words.
 */
import { describe, expect, it } from "vitest";
import { negotiating, say, words, zhWords } from "./helpers.ts";

describe("off-topic lines in a row", () => {
  it("are not answered “our answer is the same as just now”", () => {
    let s = negotiating();
    const keys: string[] = [];
    const zh: string[] = [];
    for (const q of ["你好！", "今天天气不错，你们那边怎么样？", "你喜欢吃饺子吗？", "你们那边几点了？"]) {
      const r = say(s, q, "CN", "US");
      s = r.state;
      keys.push(r.said.key);
      zh.push(zhWords(r.said));
      expect(words(r.said), q).not.toMatch(/answer is the same|answer has not changed/);
    }
    expect(keys).toEqual(["bot.dm.hello", "bot.dm.helpAgain", "bot.dm.helpAny", "bot.dm.helpAgain"]);
    expect(zh[1]).toBe("这个问题我方无法回答，请就协议提问。");
    for (const line of zh) expect(line).not.toMatch(/答复与刚才相同|答复没有变化/);
  });

  it("a question asked again still gets “our answer is the same”", () => {
    const first = say(negotiating(), "你们想从我们这里得到什么？", "CN", "US");
    const again = say(first.state, "你们想从我们这里得到什么？", "CN", "US");
    expect(again.said.key).toBe("bot.dm.same");
  });
});
