/**
 * Small talk gets a courteous word back: "谢谢，再见", "thanks", "ok" and "bye" got the usage
 * help ("We answer offers and questions about deals: ask …"), as if the bot had not understood.
 */
import { describe, expect, it } from "vitest";
import { parseIntent, questionsIn } from "../../shared/bots/intents.ts";
import { negotiating, say, words, zhWords } from "./helpers.ts";

describe("small talk", () => {
  it("is read as such, alone; with a question or terms in it, it is that question", () => {
    for (const q of ["谢谢，再见", "thanks", "Thanks!", "ok", "OK.", "bye", "thank you very much", "好的，谢谢", "再见！", "ok, bye"]) expect(parseIntent(q), q).toEqual({ kind: "courtesy" });
    expect(parseIntent("ok at 0.5?").kind).not.toBe("courtesy");
    expect(questionsIn("Thanks. Why did you decline A3?").map((i) => i.kind)).toEqual(["why"]);
    expect(parseIntent("what now?")).toEqual({ kind: "other" });
  });

  it("gets a short courteous reply, not the usage help, in English and Chinese", () => {
    for (const q of ["谢谢，再见", "thanks", "ok", "bye"]) {
      const r = say(negotiating(), q, "CN", "US");
      expect(r.said.key, q).toBe("bot.dm.courtesy");
      expect(words(r.said), q).toBe("Glad to talk. Ask us about any deal whenever you like.");
      expect(zhWords(r.said), q).toBe("很高兴交流。有任何协议方面的问题，随时可以问我们。");
    }
  });
});
