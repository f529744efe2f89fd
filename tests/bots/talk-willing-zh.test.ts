/**
 * "你们愿意和中国签一份关键矿产供应链协议吗？" — "would you sign …?" put as Chinese puts it, a
 * willingness (愿意, 肯, 会不会) and a 签 after it — is a question of joining, as its English is:
 * a student playing China asked India so, in a DM and in the plenary, and got the usage help
 * ("我方只回应提议和有关协议的问题…") as if India had not understood.
 */
import { describe, expect, it } from "vitest";
import { parseIntent } from "../../shared/bots/intents.ts";
import { negotiating, say, zhWords } from "./helpers.ts";

describe("a Chinese “would you sign …?”", () => {
  it("is a join question, as its English is", () => {
    const seats = [{ id: "CN", names: ["CN", "China", "中国"] }];
    expect(parseIntent("你们愿意和中国签一份关键矿产供应链协议吗？", seats, "IN")).toEqual(parseIntent("would you sign a critical minerals supply deal with China?", seats, "IN"));
    for (const q of ["你们愿意签供应链协议吗？", "你们肯签吗？", "你们愿不愿意签？", "你们会不会签这项协议？"]) expect(parseIntent(q).kind, q).toBe("join");
    // "We are willing to…" is the asker's own offer, as before.
    expect(parseIntent("我们愿意签一份供应链协议").kind).toBe("propose");
  });

  it("gets the bot's answer on that deal, not the usage help", () => {
    const q = "你们愿意和中国签一份关键矿产供应链协议吗？";
    const r = say(negotiating(), q, "CN", "IN");
    expect(r.said.key).not.toMatch(/^bot\.dm\.help/);
    expect(r.said.key).toBe(say(negotiating(), "would you sign a critical minerals supply deal with China?", "CN", "IN").said.key);
    expect(zhWords(r.said)).not.toMatch(/^我方(?:只回应|可以回答)/);
  });
});
