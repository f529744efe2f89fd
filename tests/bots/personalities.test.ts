/**
 * How the five personalities differ, as docs/RULES.md §1 ("Bots") tells players: a hawk weighs
 * security most, is the readiest to take on the other camp and sells it nothing; a dove weighs
 * trust and support, signs for the least and leaves the most to the other side; a hedger
 * proposes no deal that takes a side and counts signing one as a cost; a free rider asks the
 * most before it signs and keeps its word least; a pragmatist weighs its country's goals as they
 * are.
 */
import { describe, expect, it } from "vitest";
import { botContext } from "../../shared/bots/context.ts";
import { outlookOf, valueFor } from "../../shared/bots/value.ts";
import { project, worldOf } from "../../shared/bots/model.ts";
import { profileFor } from "../../shared/bots/personality.ts";
import { DraftSchema } from "../../shared/engine/index.ts";
import { PERSONALITIES } from "../../shared/engine/vocabulary.ts";
import { negotiating } from "./helpers.ts";

const all = PERSONALITIES.map((p) => profileFor(p));
const most = (f: (p: (typeof all)[number]) => number) => all.reduce((a, b) => (f(b) > f(a) ? b : a)).personality;
const least = (f: (p: (typeof all)[number]) => number) => all.reduce((a, b) => (f(b) < f(a) ? b : a)).personality;

describe("the personalities, as the rules describe them", () => {
  it("a hawk weighs security most, is the readiest to take on the other camp, and alone sells it nothing", () => {
    expect(most((p) => p.tilt.security)).toBe("hawk");
    expect(most((p) => p.escalation)).toBe("hawk");
    expect(all.filter((p) => !p.suppliesOtherSide).map((p) => p.personality)).toEqual(["hawk"]);
  });

  it("a dove weighs trust and support more, signs for the least and leaves the most to the other side", () => {
    const dove = profileFor("dove");
    expect(dove.tilt.trust).toBeGreaterThan(1);
    expect(dove.tilt.support).toBeGreaterThan(1);
    expect(least((p) => p.threshold)).toBe("dove");
    expect(most((p) => p.generosity)).toBe("dove");
  });

  it("a free rider asks the most before it signs and keeps its word least", () => {
    expect(most((p) => p.threshold)).toBe("free-rider");
    expect(least((p) => p.keepsWord)).toBe("free-rider");
  });

  it("a pragmatist weighs its country's goals as they are", () => {
    expect(Object.values(profileFor("pragmatist").tilt).every((x) => x === 1)).toBe(true);
  });

  it("a hedger alone takes no side: an alignment statement costs it 3 points ('our room to manoeuvre' in its reasons), and no one else", () => {
    expect(all.filter((p) => !p.takesSides).map((p) => p.personality)).toEqual(["hedger"]);
    const s = negotiating("classroom-quick", 1);
    const ctx = botContext(s, "IN");
    const w = worldOf(ctx.view, ctx);
    const o = outlookOf(w);
    const statement = project(w, DraftSchema.parse({ terms: { type: "alignment", clauses: ["supply-chain-risk"], target: "CN" }, parties: ["US", "IN"], duration: 2 }));
    for (const p of all) {
      const cost = valueFor(w, o, "IN", statement, p, { objectives: [] }).parts.find((x) => x.label === "keeping our options open");
      if (p.personality === "hedger") expect(cost?.points).toBe(-3);
      else expect(cost, p.personality).toBeUndefined();
    }
  });
});
