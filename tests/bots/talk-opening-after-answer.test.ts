/**
 * A bot says once a negotiation, in the plenary, what it wants and why (docs/RULES.md §1, "Bots";
 * shared/bots/talk.ts `speak`), even where a person asked it something in the plenary before it
 * spoke: its answer there is no opening line. It used to count any line of its own in the
 * plenary as its opening, so a bot asked "Japan, what do you want from us?" first answered,
 * proposed, and never told the table what it wanted that round.
 */
import { describe, expect, it } from "vitest";
import { decideBotAction } from "../../shared/bots/bot.ts";
import { botContext } from "../../shared/bots/context.ts";
import type { GameState } from "../../shared/engine/index.ts";
import { act, negotiating, seatActor, words } from "./helpers.ts";

/** An opening line's key: what it wants, seeks or needs, or that line wrapped ("as last round", "what changed", "what we weigh most"). */
const OPENING = /^bot\.say\.(?:(?:want|seek|nothing|again|changed)\.|weigh$)/;

/** Japan's plenary lines this round once it has nothing more to do (its moves, one by one). */
function japanPlays(s: GameState): { state: GameState; lines: string[] } {
  for (let i = 0; i < 12; i++) {
    const d = decideBotAction(botContext(s, "JP"), { rng: 1 }, {}, { counters: true, questionsFirst: true });
    if (!d || (d.action.move.type === "ready" && s.ready.includes("JP"))) break;
    s = act(s, { ...d.action, ...(d.reason ? { reason: d.reason } : {}) });
    if (d.action.move.type === "ready") break;
  }
  const lines = s.messages.filter((x) => x.channel === "plenary" && x.from.seat === "JP" && x.round === s.round && x.said).map((x) => x.said!.key);
  return { state: s, lines };
}

describe("a bot's opening line after it answered in the plenary", () => {
  it("Japan, asked in the plenary what it wants before it spoke, answers, then still says once what it wants this round", () => {
    let s = negotiating("classroom-quick", 1);
    s = act(s, { actor: seatActor("US"), move: { type: "chat", channel: "plenary", text: "Japan, what do you want from us?" } });
    const { state, lines } = japanPlays(s);
    const opening = lines.filter((k) => OPENING.test(k));
    expect(lines[0]).not.toMatch(/^bot\.say\./);
    expect(opening).toHaveLength(1);
    const said = state.messages.find((x) => x.channel === "plenary" && x.from.seat === "JP" && x.said?.key === opening[0])!.said;
    expect(words(said)).toMatch(/\S/);
    // Once: it does not open again.
    expect(japanPlays(state).lines.filter((k) => OPENING.test(k))).toHaveLength(1);
  });
});
