/**
 * What a tester playing China on a phone, in Chinese, found talking to the bots: "what would
 * it take?" on a declined deal gave no draft where chat gave one; bots answered about closed
 * deals as if open, and about unrelated deals; and some Chinese wording read badly.
 */
import { describe, expect, it } from "vitest";
import { botContext } from "../../shared/bots/context.ts";
import { askBotOn, decideBotAction, dealWith } from "../../shared/bots/bot.ts";
import { because, partText } from "../../shared/bots/speech.ts";
import { translatedNames } from "../../server/scenario-texts.ts";
import type { GameState } from "../../shared/engine/index.ts";
import { act, negotiating, offer, seatActor, words, zhWords } from "./helpers.ts";

type Said = NonNullable<GameState["messages"][number]["said"]>;
const rng = () => ({ rng: 12345 });
const names = () => ({ names: translatedNames("classroom-quick") });

/** `from` writes `text` in `channel` (opening a channel with `to` for "dm"); `to`'s answer. */
function answer(state: GameState, from: string, to: string, text: string, channel: "dm" | "plenary" = "dm"): Said {
  let s = state;
  let id = "plenary";
  if (channel === "dm") {
    const find = (g: GameState) => Object.values(g.channels).find((c) => c.kind === "bilateral" && c.members.includes(to) && c.members.includes(from));
    if (!find(s)) s = act(s, { actor: seatActor(from), move: { type: "open-channel", members: [to] } });
    id = find(s)!.id;
  }
  s = act(s, { actor: seatActor(from), move: { type: "chat", channel: id, text } });
  const d = decideBotAction(botContext(s, to), rng(), names())!;
  expect(d.action.move.type).toBe("chat");
  return (d.action.move as { said: Said }).said;
}

/** Japan declines a frontier chip control the United States offered it. */
function declinedControl() {
  const ctl = offer(negotiating(), "US", { terms: { type: "export-control", sector: "semis", tier: "frontier", target: "CN" }, parties: ["US", "JP"], duration: 3 });
  const d = decideBotAction(botContext(ctl.state, "JP"), rng())!;
  expect(d.action.move).toMatchObject({ type: "decline", agreementId: ctl.id });
  const state = act(ctl.state, { ...d.action, reason: d.reason! });
  const a = state.agreements.find((x) => x.id === ctl.id)!;
  return { state, id: ctl.id, draft: { terms: a.terms, parties: a.parties, duration: a.duration } };
}

/** India signs the deal with China it would sign; China withdraws from it. */
function brokenByChina() {
  const s = negotiating();
  const w = dealWith(botContext(s, "IN"), "CN")!;
  expect(w, "India sees a deal with China").not.toBeNull();
  const o = offer(s, "CN", w.draft);
  const d = decideBotAction(botContext(o.state, "IN"), rng())!;
  expect(d.action.move).toMatchObject({ type: "sign", agreementId: o.id });
  const signed = act(o.state, { ...d.action, reason: d.reason! });
  const state = act(signed, { actor: seatActor("CN"), move: { type: "withdraw", agreementId: o.id } });
  expect(state.agreements.find((a) => a.id === o.id)!.status).toBe("broken");
  return { state, id: o.id, type: w.draft.terms.type };
}

describe("“what would it take?” on a deal no small change saves", () => {
  it("the button and chat say so, with why (the deal as it stands), and name no other deal", () => {
    const g = declinedControl();
    const b = askBotOn(botContext(g.state, "JP"), "US", g.draft);
    expect("draft" in b, "no other deal instead").toBe(false);
    const none = (b as { none?: Said }).none;
    expect(words(none)).toMatch(/^Japan: “No small change of these terms makes the deal worth it for us: as it stands, it .*\d/);
    expect(zhWords(none)).toMatch(/^(日本|Japan)：“对这些条款做小幅修改也不足以让我方觉得值得：按现有条款，.*\d/);
    // Chat, on the deal, says the same, and proposes nothing.
    for (const q of [`What would it take on ${g.id}?`, `日本，${g.id} 需要什么条件？`]) {
      const said = answer(g.state, "US", "JP", q);
      expect(said.key, q).toBe("bot.dm.takeNothingWhy");
      expect(words(said), q).toMatch(new RegExp(`^No small change of ${g.id} makes it worth it for us: as it stands, it .*\\d.*\\.$`));
    }
  });
});

describe("a closed deal is said to be closed", () => {
  it("“why? what would it take?” after China withdrew: says the deal is over and who withdrew, in English and Chinese", () => {
    const g = brokenByChina();
    for (const [q, channel] of [["India, why did you decline? What would it take?", "plenary"], ["印度，为什么拒绝？需要什么条件？", "plenary"], ["为什么拒绝？", "dm"]] as const) {
      const said = answer(g.state, "CN", "IN", q, channel);
      const en = words(said);
      expect(en, q).toMatch(new RegExp(`^${g.id} is over: you withdrew from it in round 1\\. We signed ${g.id}: `));
      expect(zhWords(said), q).toMatch(new RegExp(`^${g.id} 已终止：你方在第 1 轮退出了该协议。我方签署了 ${g.id}：`));
    }
  });

  it("“what if Japan joins too?” to Japan on a deal it declined: closed, then a fresh deal with Japan in it", () => {
    const g = declinedControl();
    for (const q of ["如果日本也加入呢？", "What if Japan joins too?"]) {
      const said = answer(g.state, "US", "JP", `${g.id}. ${q}`);
      expect(words(said), q).toMatch(new RegExp(`^${g.id} is closed: we declined it in round 1\\. `));
      expect(words(said), q).not.toMatch(/would not join/);
      expect(zhWords(said), q).toMatch(new RegExp(`^${g.id} 已关闭：我方已在第 1 轮拒绝。`));
    }
  });

  it("“India, what if Japan joins too?” in the plenary, nothing discussed there: about its deal with the asker, not any deal at all", () => {
    const g = brokenByChina();
    for (const q of ["印度，如果日本也加入呢？", "India, what if Japan joins too?"]) {
      const said = answer(g.state, "CN", "IN", q, "plenary");
      const en = words(said);
      expect(en, q).toMatch(new RegExp(`^${g.id} is over: you withdrew from it in round 1\\. `));
      expect(zhWords(said), q).toMatch(new RegExp(`^${g.id} 已终止：你方在第 1 轮退出了该协议。`));
    }
  });
});

describe("Chinese that reads naturally, numbers that say what they count", () => {
  it("a deal with partners: “与美国和台湾地区达成标准联盟”, not “达成与…的标准联盟”", () => {
    expect(zhWords({ key: "bot.say.want.pragmatist", args: { deal: { key: "bot.say.deal.with", args: { type: { key: "bot.say.kind.standards" }, partners: { ref: "country", id: "US" } } }, why: "x" } } as never)).toMatch(/^本轮我方希望与.+达成标准联盟：x。$/);
  });

  it("a gain of a goal without a doubled subject; the shared targets said plainly; capital over the deal's rounds", () => {
    const goal = { label: "objective", points: 1.5, amount: 1.5, objective: { id: "nl-supply", of: "NL", condition: { kind: "agreement" as const, type: "supply" as const, sector: "semis" as const, atLeast: 1 } } };
    expect(zhWords({ key: "bot.body.gains", args: { gains: partText(goal, true) } } as never)).not.toMatch(/我方获得我方/);
    expect(zhWords(partText({ label: "the shared targets", points: 0.4, amount: 6.2 }, true))).toBe("更大的共同目标达成机会（约高 6 个百分点）");
    const capital = { label: "capital", points: -0.5, amount: -16, rounds: 4 };
    expect(words(partText(capital, false))).toBe("16 capital over its 4 rounds");
    expect(zhWords(partText(capital, false))).toBe("4 轮共 16 资金");
  });

  it("capital a supply deal costs is said over the deal's rounds: 4 a round at 1 for 4 rounds is “16 capital over its 4 rounds”", () => {
    // China offers Japan minerals, 4 a round at 1, for 4 rounds (Japan signs it: its reason has the numbers).
    const o = offer(negotiating(), "CN", { terms: { type: "supply", suppliers: ["CN"], buyers: ["JP"], sector: "minerals", volume: 4, price: 1 }, duration: 4 });
    const d = decideBotAction(botContext(o.state, "JP"), rng())!;
    expect(words(d.reason)).toMatch(/ 16 capital over its 4 rounds/);
    expect(zhWords(d.reason)).toMatch(/4 轮共 16 资金/);
    // A decline says it the same way.
    const no = because({ value: -0.3, parts: [{ label: "capital", points: -0.3, amount: -16, rounds: 4 }] }, true);
    expect(words(no)).toBe("costs us 16 capital over its 4 rounds for nothing we need");
    expect(zhWords(no)).toBe("代价是 4 轮共 16 资金，却换不来我方所需");
  });

  it("a deal longer than the game: its capital is said over the rounds left, not as the deal's own rounds", () => {
    // The same minerals for 5 rounds, in a game of 4: Japan counts the 4 rounds the game has left.
    const o = offer(negotiating(), "CN", { terms: { type: "supply", suppliers: ["CN"], buyers: ["JP"], sector: "minerals", volume: 4, price: 1 }, duration: 5 });
    const d = decideBotAction(botContext(o.state, "JP"), rng())!;
    expect(words(d.reason)).toMatch(/ 16 capital over the 4 rounds left/);
    expect(words(d.reason)).not.toMatch(/over its/);
    expect(zhWords(d.reason)).toMatch(/剩余 4 轮共 16 资金/);
  });
});
