/** The board's event card breaks a Chinese title as a browser would, not at its one space (client/model/line-wrap.ts). */
import { describe, expect, it } from "vitest";
import { breaksBetweenCharacters, wrapLines } from "../../client/model/line-wrap.ts";

// Each character as wide as a 17-px Chinese glyph; Latin and digits half as wide.
const measure = (s: string) => [...s].reduce((w, ch) => w + (/[\u3000-\u9fff\uff00-\uffef“”]/.test(ch) ? 17 : 9), 0);

describe("wrapLines", () => {
  it("fills a Chinese title's first line instead of leaving “140” alone on it, and keeps every line within the card", () => {
    const title = "140 家实体被列入清单；中国禁止向美国出口镓";
    const lines = wrapLines(title, 326, measure);
    expect(lines[0]).not.toBe("140");
    expect(lines[0]!.startsWith("140 家实体")).toBe(true);
    expect(lines.join("")).toBe(title);
    for (const l of lines) expect(measure(l), l).toBeLessThanOrEqual(326);
    expect(lines).toHaveLength(2);
  });

  it("never begins a line with a closing mark, nor ends one with an opening mark", () => {
    const lines = wrapLines("美光被排除在中国关键信息基础设施之外，“实体清单”扩大", 6 * 17, measure);
    for (const l of lines.slice(1)) expect(l[0], lines.join("|")).not.toMatch(/[，。；）”]/);
    for (const l of lines) expect(l.at(-1), lines.join("|")).not.toMatch(/[（“]/);
    expect(lines.join("")).toBe("美光被排除在中国关键信息基础设施之外，“实体清单”扩大");
  });

  it("breaks English at spaces only, keeping each word whole", () => {
    const lines = wrapLines("Micron barred from China's critical infrastructure", 160, measure);
    expect(lines.join(" ")).toBe("Micron barred from China's critical infrastructure");
    for (const l of lines) expect(l.split(" ").every((w) => "Micron barred from China's critical infrastructure".split(" ").includes(w))).toBe(true);
    expect(breaksBetweenCharacters("Micron barred")).toBe(false);
    expect(breaksBetweenCharacters("美光")).toBe(true);
  });
});
