/**
 * A question in a channel addressed to another country ("China, what do you want?" to Australia's
 * channel) is not the bot's to answer: in a channel as in the plenary, the countries a question is
 * addressed to answer it (docs/RULES.md, "Talking to a bot"). Found by a tester in Alliance 2021.
 */
import { describe, expect, it } from "vitest";
import { questionsFor } from "../../shared/bots/intents.ts";
import { translatedNames } from "../../server/scenario-texts.ts";
import { act, negotiating, seatActor } from "./helpers.ts";

const ID = "alliance-2021";

function asked(text: string) {
  const s0 = negotiating(ID);
  const s1 = act(s0, { actor: seatActor("NL"), move: { type: "open-channel", members: ["AU"] } });
  const channel = Object.values(s1.channels).find((c) => c.kind === "bilateral" && c.members.includes("AU"))!;
  const s = act(s1, { actor: seatActor("NL"), move: { type: "chat", channel: channel.id, text } });
  return questionsFor(s.messages, s.channels, "AU", s.round - 1, s.scenario.countries, translatedNames(ID)).map((m) => m.text);
}

describe("a question in a two-way channel", () => {
  it("addressed to a country not in it waits on no one there", () => {
    expect(asked("China, what do you want?")).toEqual([]);
    expect(asked("中国，你们想要什么？")).toEqual([]);
  });

  it("addressed to the bot, or to nobody in particular, waits on it", () => {
    expect(asked("Australia, what do you want?")).toEqual(["Australia, what do you want?"]);
    expect(asked("what do you want?")).toEqual(["what do you want?"]);
    expect(asked("will you join controls on China?")).toEqual(["will you join controls on China?"]);
  });
});

describe("a deal a bot names", () => {
  it("never has in it an automated country that would not sign it: the rival signs only the types its script accepts", async () => {
    const { botContext } = await import("../../shared/bots/context.ts");
    const { decideBotAction } = await import("../../shared/bots/bot.ts");
    const { words } = await import("./helpers.ts");
    const s0 = negotiating(ID);
    expect(s0.scenario.rival?.accepts).not.toContain("standards");
    for (const q of ["will you join a standards coalition with China?", "what do you want from us and China?", "will you join a statement with China?"]) {
      const s1 = act(s0, { actor: seatActor("NL"), move: { type: "open-channel", members: ["AU"] } });
      const channel = Object.values(s1.channels).find((c) => c.kind === "bilateral" && c.members.includes("AU"))!;
      let s = act(s1, { actor: seatActor("NL"), move: { type: "chat", channel: channel.id, text: q } });
      let said;
      for (let i = 0; i < 5 && !said; i++) {
        const d = decideBotAction(botContext(s, "AU"), { rng: 12345 }, { names: translatedNames(ID) })!;
        if (d.action.move.type === "chat") said = d.action.move.said!;
        else s = act(s, { ...d.action, ...(d.reason ? { reason: d.reason } : {}) });
      }
      const json = JSON.stringify(said);
      const deal = /"key":"deal\.(standards|alignment)"[^]*?"parties":\{"list":\[([^\]]*)\]/.exec(json);
      if (/standards|statement/.test(q)) expect(words(said, ID), q).toMatch(/^China would sign no (?:standards coalition|alignment statement): an automated country signs only/);
      if (deal) expect(deal[2], `${q}: ${words(said, ID)}`).not.toMatch(/"id":"CN"/);
    }
  });
});
