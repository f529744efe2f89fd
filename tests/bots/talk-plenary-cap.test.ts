/**
 * A plenary line that names many countries (docs/RULES.md §1, "Talking to a bot"): at most three
 * of them answer it (`PLENARY_ANSWERS`), the first three, each once, as for a line that names none.
 * Found by a playtester: "Japan, India, Indonesia, Taiwan and the Netherlands, what do you want
 * from us?" got five answers, one after another, in a plenary the whole class reads. A warning of
 * the crisis alone (`bot.say.`) answers no question and is not counted.
 */
import { describe, expect, it } from "vitest";
import { botContext } from "../../shared/bots/context.ts";
import { decideBotAction } from "../../shared/bots/bot.ts";
import { PLENARY_ANSWERS, questionsFor } from "../../shared/bots/intents.ts";
import type { GameState } from "../../shared/engine/index.ts";
import { act, negotiating, seatActor } from "./helpers.ts";

const SEATS = ["US", "NL", "JP", "CN", "IN", "ID", "TW"];
const plenary = (s: GameState, text: string, from = "US") => act(s, { actor: seatActor(from), move: { type: "chat", channel: "plenary", text } });
const waitsOn = (s: GameState) => SEATS.filter((seat) => questionsFor(s.messages, s.channels, seat, s.round - 1, s.scenario.countries, {}, s.agreements).length > 0);

/** Each seat the line waits on answers in turn, the first waiting first, until none waits: the seats that answered. */
function answerAll(state: GameState): string[] {
  let s = state;
  const answered: string[] = [];
  for (let turn = 0; turn < 10; turn++) {
    const next = waitsOn(s).find((seat) => seat !== "US");
    if (!next) break;
    const d = decideBotAction(botContext(s, next), { rng: 1 })!;
    expect(d.action.move.type === "chat" && d.action.move.channel === "plenary", `${next} answers in the plenary`).toBe(true);
    s = act(s, d.action);
    answered.push(next);
  }
  return answered;
}

const LINE = "Japan, India, Indonesia, Taiwan and the Netherlands: what do you want from us?";

describe("a plenary line naming more countries than answer one line", () => {
  it(`names five countries: each is asked, but only the first ${PLENARY_ANSWERS} to answer do, each once`, () => {
    const s = plenary(negotiating(), LINE);
    expect(waitsOn(s)).toEqual(["NL", "JP", "IN", "ID", "TW"]);
    expect(answerAll(s)).toEqual(["NL", "JP", "IN"]);
  });

  it("a country's warning of the crisis alone is not one of the answers counted", () => {
    let s = plenary(negotiating(), LINE);
    s = act(s, { actor: seatActor("NL"), move: { type: "chat", channel: "plenary", said: { key: "bot.say.crisisCalm", args: { now: 80, at: 90, cut: 20, decay: 5 } } } });
    expect(answerAll(s)).toEqual(["JP", "IN", "ID"]);
  });

  it("a line naming three is answered by all three", () => {
    expect(answerAll(plenary(negotiating(), "Japan, India and Taiwan: what do you want from us?"))).toEqual(["JP", "IN", "TW"]);
  });
});
