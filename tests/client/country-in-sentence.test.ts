/**
 * A country's name inside an English sentence: the scenario's `inSentence` ("the Netherlands"),
 * capitalised where it opens a sentence; the bare name in labels; Chinese names stand alone.
 */
import { describe, expect, it } from "vitest";
import { en } from "../../client/i18n/en.ts";
import { zhCN } from "../../client/i18n/zh-CN.ts";
import { scenarioNames, translator } from "../../client/i18n/translator.ts";
import { localizeView, useScenarioText } from "../../client/i18n/scenario-text.ts";
import { describe as describeDeal } from "../../shared/engine/agreements/index.ts";
import { channelTitle, countries, country, ref, text } from "../../shared/engine/text.ts";
import { publicText, translateScenario } from "../../shared/scenario/translation.ts";
import { scenarioText } from "../../server/scenario-texts.ts";
import { getScenario } from "../../server/scenarios.ts";
import { createGame } from "../../shared/engine/setup.ts";
import { asSeat, clientView } from "./fixtures.ts";
import type { Agreement } from "../../shared/engine/types.ts";
import { lengthText } from "../../shared/bots/speech.ts";

const scenario = getScenario("classroom-quick")!;
const english = translator(en, "en", scenarioNames(scenario));
const regime = { parties: ["NL", "US"], terms: { type: "export-control", sector: "semis", tier: "frontier", target: "CN" } } as Pick<Agreement, "terms" | "parties">;

describe("a country's name inside a sentence", () => {
  it("takes its article in the middle of a sentence: a deal's title, a bot's line", () => {
    expect(english.render(describeDeal(regime))).toBe("Controls by the Netherlands and the United States on exports of frontier semiconductors to China");
    const line = text("bot.dm.offerWith", { countries: countries(["NL"]), deal: describeDeal(regime), rounds: lengthText(2), why: "pays" });
    expect(english.render(line)).toBe("Not with you alone. With the Netherlands in it, this would pay for us, for 2 rounds: Controls by the Netherlands and the United States on exports of frontier semiconductors to China. By our count, it pays.");
  });

  it("a possessive after a name that ends in s takes the apostrophe alone: the United States' action, Japan's", () => {
    const ruling = (id: string) => english.render(text("news.ruling", { country: country(id), action: "Port fees", status: "upheld" }));
    expect(ruling("US")).toBe("Ruling on the United States' action “Port fees”: upheld.");
    expect(ruling("JP")).toBe("Ruling on Japan's action “Port fees”: upheld.");
    // Opening a sentence, capitalised, and any name ending in s (the Philippines too).
    expect(english.t("news.fall", { country: "The Netherlands", stance: "hedging" })).toBe("The Netherlands' government fell; the new one is hedging.");
    expect(english.t("refusal.projectTaken", { country: "the Philippines", project: "grid", id: "A2" })).toBe("the Philippines' grid is already financed (A2).");
    expect(english.t("news.fall", { country: "Kenya", stance: "hedging" })).toBe("Kenya's government fell; the new one is hedging.");
  });

  it("capitalises where it opens a sentence, and only there", () => {
    expect(english.render(text("news.withdrew", { country: country("NL"), id: "A1", type: ref("type", "screening") }))).toBe("The Netherlands withdrew from A1 (Investment screening pact).");
    expect(english.render(text("refusal.noTrust", { a: country("US"), b: country("CN") }))).toMatch(/^The United States and China are in opposite camps/);
    // A text inside another, where that one puts it mid-sentence, stays lower-case.
    const withdrew = text("news.withdrew", { country: country("US"), id: "A1", type: ref("type", "screening") });
    expect(english.render(text("misc.aside", { text: withdrew }))).toBe(" (the United States withdrew from A1 (Investment screening pact).)");
    // A country without one reads as its bare name.
    expect(english.render(text("news.withdrew", { country: country("JP"), id: "A1", type: ref("type", "screening") }))).toMatch(/^Japan withdrew/);
  });

  it("a metric's or a sector's name that opens a sentence is capitalised: a missed target's reason", () => {
    expect(english.render(text("target.why.above", { what: ref("metric", "divide", true), now: 53.7, bound: 45 }))).toBe("Global tech divide is 53.7; it needs 45 or less.");
    expect(english.render(text("target.why.below", { what: ref("metric", "resilience", true), now: 38, bound: 50 }))).toMatch(/^[A-Z]\S* .*is 38; it needs 50 or more\.$/);
    // Inside another text, where it does not open the sentence, it stays lower-case.
    expect(english.render(text("misc.aside", { text: text("target.why.above", { what: ref("metric", "divide", true), now: 53.7, bound: 45 }) }))).toBe(" (global tech divide is 53.7; it needs 45 or less.)");
  });

  it("a standard's technology reads lower-case inside a sentence and capitalised where it opens one", () => {
    const alliance = getScenario("alliance-2021")!;
    const words = translator(en, "en", scenarioNames(alliance));
    const coalition = { parties: ["US", "JP"], terms: { type: "standards", technology: "pqc", option: "open-pqc" } } as Pick<Agreement, "terms" | "parties">;
    expect(words.render(describeDeal(coalition))).toBe("Coalition of the United States and Japan backing algorithms vetted in NIST's open international contest for post-quantum cryptography");
    expect(words.render(text("target.why.standardOpen", { technology: ref("technology", "pqc") }))).toBe("No standard for post-quantum cryptography has been set.");
    expect(words.render(text("world.standard", { technology: ref("technology", "pqc"), option: "x" }))).toBe("Post-quantum cryptography: x");
    // A name that opens with an acronym or a digit keeps it: "AI governance", "6G networks".
    expect(words.render(text("target.why.standardOpen", { technology: ref("technology", "ai-gov") }))).toBe("No standard for AI governance has been set.");
  });

  it("stays bare in a label: a channel's name, a message's sender", () => {
    expect(english.render(channelTitle({ kind: "minilateral", members: ["NL", "US"] }))).toBe("Netherlands and United States");
    expect(english.render(channelTitle({ kind: "team", members: ["NL"] }))).toBe("Netherlands");
    expect(english.refName({ ref: "country", id: "NL" })).toBe("Netherlands");
  });

  it("is English only: a Chinese reader reads the translation's name alone, in the report and in the client", () => {
    const zhScenario = translateScenario(scenario, scenarioText("classroom-quick", "zh-CN"));
    expect(zhScenario.countries.find((c) => c.id === "NL")?.inSentence).toBeUndefined();
    const zh = translator(zhCN, "zh-CN", scenarioNames(zhScenario));
    expect(zh.render(describeDeal(regime))).toBe(`${zh.refName({ ref: "country", id: "NL" })}和${zh.refName({ ref: "country", id: "US" })}对中国实施前沿半导体出口管制`);

    const view = clientView(createGame({ scenario, settings: { seed: 1 } }), asSeat("US"));
    expect(view.countries.find((c) => c.id === "NL")?.inSentence).toBe("the Netherlands");
    useScenarioText("classroom-quick", "zh-CN", publicText(scenarioText("classroom-quick", "zh-CN")!));
    const nl = localizeView(view, "zh-CN").countries.find((c) => c.id === "NL")!;
    expect(nl.name).not.toBe("Netherlands");
    expect(nl.inSentence).toBeUndefined();
    useScenarioText("classroom-quick", "zh-CN", null);
  });
});

describe("a group's name inside a sentence", () => {
  it("reads lower-case inside a sentence and capitalised where it opens one, as a country's does", () => {
    const restriction = (on: string) => text("effect.restriction", { by: country("CN"), sector: ref("sector", "semis", true), on: ref("group", on), rounds: "2 rounds" });
    expect(english.render(restriction("alliance"))).toBe("China stops supplies of semiconductors to the alliance for 2 rounds");
    expect(english.render(restriction("rival"))).toBe("China stops supplies of semiconductors to the alliance's rival bloc for 2 rounds");
    expect(english.render(text("effect.capital", { who: ref("group", "seats"), amount: "+10" }))).toBe("All seats: Capital +10");
    // A list's option is a label: the catalog's own capital.
    expect(english.label("group", "alliance")).toBe("The alliance");
    // Chinese names stand alone (no scenario names here: the country reads as its id).
    expect(translator(zhCN, "zh-CN").render(restriction("alliance"))).toBe("CN停止向同盟阵营供应半导体，为期 2 rounds");
  });
});
