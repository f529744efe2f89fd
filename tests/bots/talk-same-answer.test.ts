/**
 * The same question twice in a channel (shared/bots/talk.ts `asAnswered`): a bot whose answer is
 * the one it gave just before says so ("Our answer is the same as just now."), in two wordings
 * in turn, so no two answers running are the same words and the asker sees it heard them.
 * Found playing: "what do you want from us?" then "你们想要什么？" got Japan's answer twice, word
 * for word, as if it had not read the second.
 */
import { describe, expect, it } from "vitest";
import { negotiating, say, words, zhWords } from "./helpers.ts";

describe("a question asked again", () => {
  it("Japan, asked what it wants in English, then in Chinese, then again: its answer stands, said so, never the same words twice running", () => {
    const first = say(negotiating(), "what do you want from us?", "US", "JP");
    const second = say(first.state, "你们想要什么？", "US", "JP");
    expect(words(second.said)).toBe(`Our answer is the same as just now. ${words(first.said)}`);
    expect(zhWords(second.said)).toBe(`我方的答复与刚才相同。${zhWords(first.said)}`);
    // The terms it invites the asker to propose are those of the answer it wraps.
    expect(second.draft).toEqual(first.draft);
    const third = say(second.state, "what do you want?", "US", "JP");
    expect(words(third.said)).toBe(`As we said, our answer has not changed. ${words(first.said)}`);
    const fourth = say(third.state, "what do you want?", "US", "JP");
    expect(words(fourth.said)).toBe(words(second.said));
  });

  it("a different question gets its own answer, unwrapped", () => {
    const first = say(negotiating(), "what do you want from us?", "US", "JP");
    const other = say(first.state, "how does trust work?", "US", "JP");
    expect(words(other.said)).not.toMatch(/^Our answer is the same/);
  });
});
