/**
 * Small talk gets a courteous word back: "谢谢，再见", "thanks", "ok" and "bye" got the usage
 * help ("We answer offers and questions about deals: ask …"), as if the bot had not understood.
 * A thanks gets a "you're welcome": "谢谢" had "很高兴交流。有任何协议方面的问题，随时可以问我们。",
 * and a thanks again "我方的答复与刚才相同。很高兴交流。…", then "如前所述，我方的答复没有变化。…",
 * as if it were a question answered before; a thanks again now gets the other of two short wordings.
 */
import { describe, expect, it } from "vitest";
import { parseIntent, questionsIn } from "../../shared/bots/intents.ts";
import { negotiating, say, words, zhWords } from "./helpers.ts";

describe("small talk", () => {
  it("is read as such, alone; with a question or terms in it, it is that question", () => {
    for (const q of ["ok", "OK.", "bye", "再见！", "ok, bye", "好的"]) expect(parseIntent(q), q).toEqual({ kind: "courtesy" });
    for (const q of ["谢谢，再见", "thanks", "Thanks!", "thank you", "thank you very much", "好的，谢谢", "谢谢", "谢谢你们", "多谢", "非常感谢", "thanks a lot"]) expect(parseIntent(q), q).toEqual({ kind: "courtesy", thanks: true });
    expect(parseIntent("ok at 0.5?").kind).not.toBe("courtesy");
    expect(questionsIn("Thanks. Why did you decline A3?").map((i) => i.kind)).toEqual(["why"]);
    expect(parseIntent("what now?")).toEqual({ kind: "other" });
  });

  it("gets a short courteous reply, not the usage help, in English and Chinese", () => {
    for (const q of ["ok", "bye"]) {
      const r = say(negotiating(), q, "CN", "US");
      expect(r.said.key, q).toBe("bot.dm.courtesy");
      expect(words(r.said), q).toBe("Glad to talk. Ask us about any deal whenever you like.");
      expect(zhWords(r.said), q).toBe("很高兴交流。有任何协议方面的问题，随时可以问我们。");
    }
  });

  it("a thanks gets a you're-welcome, and thanks again never the same words twice running nor 'our answer is the same'", () => {
    for (const q of ["谢谢", "thanks", "thank you", "谢谢你们", "谢谢，再见"]) {
      const r = say(negotiating(), q, "CN", "US");
      expect(words(r.said), q).toBe("You're welcome.");
      expect(zhWords(r.said), q).toBe("不客气。");
    }
    let s = negotiating();
    const said: string[] = [];
    for (const q of ["谢谢", "谢谢", "thanks", "谢谢你们"]) {
      const r = say(s, q, "CN", "US");
      s = r.state;
      said.push(zhWords(r.said));
      expect(words(r.said), q).toMatch(/^(?:You're welcome|Any time)\.$/);
    }
    expect(said).toEqual(["不客气。", "不用谢。", "不客气。", "不用谢。"]);
  });
});
