/**
 * A schema built on first use (shared/lazy.ts) stands in for the schema itself: built once and
 * only when used, it is a zod schema to `instanceof`, reads its `.shape` and `.options`, keeps
 * its own error messages, makes new schemas from itself and nests inside eager ones with the
 * same paths. The move lists (arrays built on first use) spread and slice as arrays do.
 */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { lazy } from "../../shared/lazy.ts";
import { DraftSchema, FACILITATOR_MOVE_SCHEMAS, MoveSchema, SEAT_MOVE_SCHEMAS } from "../../shared/engine/actions.ts";
import { TermsSchema } from "../../shared/engine/agreements/index.ts";
import { ActionIdSchema, JoinCode, PlayerMoveSchema } from "../../shared/protocol/messages.ts";
import { plainText } from "../../shared/scenario/plain-issues.ts";
import { en } from "../../client/i18n/en.ts";
import { translator } from "../../client/i18n/translator.ts";

describe("a schema built on first use", () => {
  it("is built once, at its first use, not when it is made", () => {
    let builds = 0;
    const Count = lazy(() => {
      builds++;
      return z.number().int();
    });
    expect(builds).toBe(0);
    expect(Count.parse(3)).toBe(3);
    expect(Count.safeParse(1.5).success).toBe(false);
    expect(builds).toBe(1);
  });

  it("is a zod schema of its kind, with its shape and its options", () => {
    expect(DraftSchema).toBeInstanceOf(z.ZodObject);
    expect(DraftSchema).toBeInstanceOf(z.ZodType);
    expect(Object.keys(DraftSchema.shape)).toEqual(["terms", "parties", "duration"]);
    expect(DraftSchema.shape.duration.safeParse(0).success).toBe(false);
    expect(TermsSchema).toBeInstanceOf(z.ZodDiscriminatedUnion);
    expect(TermsSchema.options.map((o) => o.shape.type.value).sort()).toEqual(["alignment", "export-control", "loan", "rnd", "screening", "standards", "supply"]);
  });

  it("keeps its own messages, and an eager schema around it reports the same path and message", () => {
    const english = translator(en, "en");
    const words = (i: Parameters<typeof plainText>[0] | undefined) => (i ? english.render(plainText(i, undefined)) : undefined);
    const message = JoinCode.safeParse("hello").error?.issues[0]?.message;
    expect(words(JoinCode.safeParse("hello").error?.issues[0])).toMatch(/^a game code is six characters from ACDEFGHJKMNPQRTUVWXY/);
    expect(words(ActionIdSchema.safeParse(undefined).error?.issues[0])).toBe("every action needs an actionId, chosen by the client");
    const Around = z.strictObject({ code: JoinCode, codes: z.array(JoinCode) });
    const issues = Around.safeParse({ code: "hello", codes: ["ACDEFG", "hi"] }).error?.issues ?? [];
    expect(issues.map((i) => [i.path, i.message])).toEqual([
      [["code"], message],
      [["codes", 1], message],
    ]);
    expect(Around.parse({ code: " acdefg ", codes: [] })).toEqual({ code: "ACDEFG", codes: [] });
  });

  it("makes new schemas from itself", () => {
    const Point = lazy(() => z.strictObject({ x: z.number() }));
    expect(Point.optional().parse(undefined)).toBeUndefined();
    expect(Point.extend({ y: z.number() }).parse({ x: 1, y: 2 })).toEqual({ x: 1, y: 2 });
    expect(Point.default({ x: 0 }).parse(undefined)).toEqual({ x: 0 });
    expect(Point.describe("a point").description).toBe("a point");
    expect(z.toJSONSchema(Point)).toMatchObject({ type: "object", properties: { x: { type: "number" } }, required: ["x"] });
  });

  it("a list of move schemas built on first use spreads, slices and counts like the array it stands for", () => {
    // Array.isArray is false for it (its stand-in is an object): use it by spreading or slicing, as messages.ts does.
    expect([...SEAT_MOVE_SCHEMAS]).toHaveLength(SEAT_MOVE_SCHEMAS.length);
    expect(SEAT_MOVE_SCHEMAS.slice(1)).toHaveLength(SEAT_MOVE_SCHEMAS.length - 1);
    for (const s of [...SEAT_MOVE_SCHEMAS, ...FACILITATOR_MOVE_SCHEMAS]) expect(s).toBeInstanceOf(z.ZodType);
    const ready = { type: "ready", ready: true };
    expect(MoveSchema.parse(ready)).toEqual(ready);
    expect(PlayerMoveSchema.parse(ready)).toEqual(ready);
    expect(PlayerMoveSchema.safeParse({ type: "start" }).success).toBe(false);
    expect(MoveSchema.safeParse({ type: "start" }).success).toBe(true);
  });
});
