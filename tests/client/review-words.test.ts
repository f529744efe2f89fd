/** Sentences a QA walkthrough read twice over: a bot's view of its terms, and a signing's news once its round resolved. */
import { afterEach, describe, expect, it } from "vitest";
import { en } from "../../client/i18n/en.ts";
import { render, useCatalog } from "../../client/i18n/index.ts";
import { loadCatalog } from "../../client/i18n/languages.ts";
import { newsOf, newsText } from "../../client/model/review.ts";
import { ref, text } from "../../shared/engine/text.ts";
import { asSeat, clientView, negotiation, review } from "./fixtures.ts";

afterEach(() => useCatalog(en, "en"));

describe("a bot's view of the terms it would sign (What would it take?)", () => {
  // Every reason the answer carries (shared/bots: dealWith, askBotOn, whatWouldItTake): each has a colon of its own.
  const why = text("bot.body.gains", { gains: text("bot.part.plus", { amount: 12, what: ref("metric", "influence", true) }) });
  const reasons = [
    text("bot.why.worth", { why }),
    text("bot.why.asIs", { why }),
    text("bot.why.instead", { why }),
    text("bot.why.then", { change: "2 → 3 rounds", why }),
  ];
  let who = "India";
  const view = (reason: ReturnType<typeof text>) => render(text("deals.ask.theirView", { who, reason }));

  it("reads with one colon, in English and in Chinese", async () => {
    for (const r of reasons) expect(view(r).match(/:/g)?.length ?? 0, view(r)).toBe(1);
    expect(view(reasons[0]!)).toBe("As India sees it, worth signing: brings us +12 influence");
    useCatalog(await loadCatalog("zh-CN"), "zh-CN");
    who = "印度";
    for (const r of reasons) expect(view(r).match(/：/g)?.length ?? 0, view(r)).toBe(1);
    expect(view(reasons[0]!)).toBe("在印度看来，值得签署：带来 +12 国际影响力");
  });
});

describe("a signing in the news", () => {
  it("takes force at resolution while its round is played; once the round resolved, the review says only that it was signed", async () => {
    const live = clientView(negotiation(), asSeat("US"));
    const signed = live.news.find((n) => n.text.key === "news.signed")!;
    expect(render(newsText(signed, live.recorded.includes(signed.round)))).toMatch(/It takes force at resolution\.$/);
    const after = clientView(review(), asSeat("US"));
    const news = newsOf(after, 1).filter((n) => n.kind === "agreement");
    expect(news.length).toBeGreaterThan(0);
    for (const n of news) expect(render(n.text)).not.toMatch(/takes force/);
    expect(render(news[0]!.text)).toMatch(/^Signed \(A\d\): .+\.$/);
    useCatalog(await loadCatalog("zh-CN"), "zh-CN");
    for (const n of news) expect(render(n.text)).not.toMatch(/结算时生效/);
  });
});
