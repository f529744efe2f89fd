/**
 * What the bots say in the plenary, read as a table reads it: one line each a round, none the
 * same as another's, the shared targets' note once a round, and an offer "in private" only while
 * it is open.
 */
import { describe, expect, it } from "vitest";
import { botContext } from "../../shared/bots/context.ts";
import { decideBotAction } from "../../shared/bots/bot.ts";
import { playGame } from "../../shared/bots/game-loop.ts";
import type { GameState } from "../../shared/engine/index.ts";
import type { Text } from "../../shared/engine/text.ts";
import { act, negotiating, scenario, seatActor, words } from "./helpers.ts";

/** Whether `t` holds a sentence with catalog key `key`, anywhere in its arguments. */
const holds = (t: unknown, key: string): boolean =>
  typeof t === "object" && t !== null && ((t as Text).key === key || Object.values((t as Text).args ?? {}).some((a) => holds(a, key)));

describe("the plenary, round by round", () => {
  it.each(["classroom-quick", "multipolar-2024"])("in %s no two bots post the same line in a round, and the shared targets' note comes once a round", (id) => {
    for (const seed of ["talk", "qa-1", "qa-2"]) {
      const game = playGame({ scenario: scenario(id), settings: { seed } }, {});
      for (let round = 1; round <= game.state.round; round++) {
        const lines = game.state.messages.filter((m) => m.channel === "plenary" && m.round === round && m.said && m.from.seat);
        const english = lines.map((m) => words(m.said, id));
        expect(new Set(english).size, `${id} ${seed} round ${round}:\n${english.join("\n")}`).toBe(english.length);
        const notes = lines.filter((m) => ["bot.say.below", "bot.say.above", "bot.say.onTrack", "bot.say.meets", "bot.say.crisis", "bot.say.crisisNear", "bot.say.crisisCalm"].some((k) => holds(m.said, k)));
        expect(notes.length, `${id} ${seed} round ${round}:\n${english.join("\n")}`).toBeLessThanOrEqual(1);
        // The note, where a line says it, comes from the first line that could say it.
        // A line that says its position is as last round's (`bot.say.again.`), or what changed since (`bot.say.changed.`), could, by the line it wraps.
        const inner = (t: Text): Text => (/^bot\.say\.(again|changed)\./.test(t.key) ? (t.args!.line as Text) : t);
        const could = lines.findIndex((m) => /^bot\.say\.(seek|nothing)\./.test(inner(m.said!).key) || inner(m.said!).key === "bot.say.weigh");
        if (notes.length) expect(lines.indexOf(notes[0]!)).toBe(could);
      }
    }
  });
});

describe("an offer out, in the plenary", () => {
  /** Japan's moves from round 1's negotiation up to its plenary line; `then` changes the state it speaks in. */
  function japanSpeaks(then: (s: GameState, offers: string[]) => GameState) {
    let s = negotiating();
    for (let i = 0; i < 30; i++) {
      const d = decideBotAction(botContext(s, "JP"), { rng: 12345 })!;
      if (d.action.move.type === "chat" && d.action.move.channel === "plenary") {
        const offers = s.agreements.filter((a) => a.proposedBy === "JP" && a.status === "proposed");
        expect(offers.length).toBeGreaterThan(0);
        const move = decideBotAction(botContext(then(s, offers.map((a) => a.id)), "JP"), { rng: 12345 })!.action.move;
        return words((move as { said: Text }).said);
      }
      s = act(s, d.reason ? { ...d.action, reason: d.reason } : d.action);
    }
    throw new Error("Japan never spoke in the plenary");
  }

  it("is said while it is open; once declined, Japan says it has none out", () => {
    expect(japanSpeaks((s) => s)).toMatch(/we have offered .* in private/);
    const declined = japanSpeaks((s, ids) =>
      ids.reduce((x, id) => {
        const a = x.agreements.find((y) => y.id === id)!;
        const by = a.parties.find((p) => !a.signatures.includes(p))!;
        return act(x, { actor: seatActor(by), move: { type: "decline", agreementId: id, revision: a.revision } });
      }, s),
    );
    expect(declined).not.toMatch(/offered/);
    expect(declined).toMatch(/^We need nothing more this round/);
  });
});
