/**
 * Seat tokens, rejoin codes, class tokens, keys and ticket signatures are compared in constant
 * time (server/codes.ts `sameSecret`, crypto.timingSafeEqual over equal-length buffers), never
 * with `===`, whose time tells a guesser how many leading characters were right.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { ROOT } from "../helpers/server-process.ts";
import { blank } from "../helpers/blank.ts";

const compared = vi.hoisted(() => ({ calls: 0 }));
vi.mock("node:crypto", async (original) => {
  const crypto = await original<typeof import("node:crypto")>();
  return {
    ...crypto,
    timingSafeEqual: (a: NodeJS.ArrayBufferView, b: NodeJS.ArrayBufferView) => {
      compared.calls++;
      return crypto.timingSafeEqual(a, b);
    },
  };
});

const { hashKey, keyMatches, sameSecret } = await import("../../server/codes.ts");
const { checkTicket, issueTicket } = await import("../../server/debrief/tickets.ts");
const { Seating } = await import("../../server/rooms/seating.ts");
const { GameRoomState } = await import("../../server/rooms/room-state.ts");

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith(".ts") ? [path] : [];
  });
}

/** `a === b` and `a !== b` in a file's code (comments blanked) where either side names a secret. */
function secretEqualities(code: string): string[] {
  const SECRET = /(token|rejoincode|key|secret|signature|hash)$/i;
  const OPERAND = /([\w$.?!\]\[]+)\s*([!=]==)\s*([\w$.?!\]\[]+|"[^"]*"|'[^']*'|`[^`]*`)/g;
  // The last name of an operand: `h.record.token` → token; an index (`fields[key]`) is not the key.
  const last = (x: string) => x.replace(/\[[^\]]*\]$/, "[]").replace(/[?!\]\[()]+$/g, "").split(/[.?!\[\]]+/).filter(Boolean).at(-1) ?? "";
  const literal = (x: string) => /^(undefined|null|true|false|\d+|"[^"]*"|'[^']*'|`[^`]*`)$/.test(x);
  const found: string[] = [];
  blank(code, false).split("\n").forEach((line, i) => {
    for (const m of line.matchAll(OPERAND)) {
      const [, a, , b] = m;
      if ((SECRET.test(last(a!)) || SECRET.test(last(b!))) && !literal(a!) && !literal(b!)) found.push(`${i + 1}: ${m[0]}`);
    }
  });
  return found;
}

describe("no secret is compared with === on the server", () => {
  it("the scan finds such a comparison where there is one", () => {
    expect(secretEqualities("if (h.record.token === token) return h;\nconst same = code !== o.rejoinCode;")).toHaveLength(2);
    expect(secretEqualities('if (req.query.key === undefined) next();\nif (fields[key] !== wire[key]) x();\nif (o.as === "player" && !!o.token) y();')).toEqual([]);
  });

  it.each(sources(join(ROOT, "server")).map((f) => relative(ROOT, f)))("%s", (file) => {
    expect(secretEqualities(readFileSync(join(ROOT, file), "utf8"))).toEqual([]);
  });
});

describe("the comparisons go through crypto.timingSafeEqual", () => {
  beforeEach(() => {
    compared.calls = 0;
  });

  it("sameSecret: equal or not, whatever the lengths", () => {
    expect(sameSecret("abc", "abc")).toBe(true);
    expect(sameSecret("abc", "abd")).toBe(false);
    expect(sameSecret("abc", "abcdef")).toBe(false);
    expect(sameSecret("", "a")).toBe(false);
    expect(compared.calls).toBe(4);
  });

  it("a facilitator key and a ticket", () => {
    expect(keyMatches("the-key", hashKey("the-key"))).toBe(true);
    expect(keyMatches("the-kex", hashKey("the-key"))).toBe(false);
    const { ticket } = issueTicket("ACDEFG", hashKey("the-key"));
    expect(checkTicket(ticket, "ACDEFG", hashKey("the-key"))).toBe("ok");
    expect(checkTicket(ticket, "ACDEFH", hashKey("the-key"))).toBe("bad");
    expect(compared.calls).toBe(4);
  });

  it("a seat token and a rejoin code (server/rooms/seating.ts)", () => {
    const settings = { bots: true, teams: false, facilitatorReadsPrivate: false, channels: "open", quickStart: false, reconnectSeconds: 120 } as const;
    const seating = new Seating("ACDEFG", new GameRoomState(), settings, { saveHolder: async () => {}, saveSeat: async () => {}, saveObserver: async () => {}, forgetObserver: async () => {} }, () => [], () => ({ fitPrivateLines: () => {} }), () => "lobby");
    seating.holders.set("h1", { record: { id: "h1", seat: "US", roles: ["diplomat", "economist", "security"], name: "Ann", token: "t".repeat(24) } });
    seating.rejoinCodes.US = "QQQQQQ";
    expect(seating.holderByToken("t".repeat(24))?.record.id).toBe("h1");
    expect(seating.holderByToken("t".repeat(23) + "u")).toBeUndefined();
    expect(compared.calls).toBe(2);
    expect(seating.findPlayerSlot({ as: "player", name: "Ann", rejoinCode: "QQQQQQ" }).live?.record.id).toBe("h1");
    expect(compared.calls).toBe(3);
  });
});
