/**
 * What a client that sends a malformed message is told (shared/protocol/issues.ts): the field
 * and what it must be, in plain words from the catalog in the reader's language, never the
 * schema library's own wording, and never more than a short piece of what was sent.
 */
import { describe, expect, it } from "vitest";
import { en } from "../../client/i18n/en.ts";
import { zhCN } from "../../client/i18n/zh-CN.ts";
import { translator } from "../../client/i18n/translator.ts";
import { issueText } from "../../shared/protocol/issues.ts";
import type { z } from "zod";
import { JoinOptionsSchema, PlayerMoveSchema, splitActionId } from "../../shared/protocol/messages.ts";
import { ReplayQuerySchema, ShareRequestSchema } from "../../shared/protocol/debrief.ts";

const english = translator(en, "en");
const chinese = translator(zhCN, "zh-CN");

/** The refusal of `move` as PlayerMoveSchema checks it, in English and in Chinese. */
function refusal(move: unknown): [string, string] {
  const parsed = PlayerMoveSchema.safeParse(move);
  expect(parsed.success).toBe(false);
  const said = issueText(parsed.error!.issues, move, PlayerMoveSchema);
  return [english.render(said), chinese.render(said)];
}

describe("a malformed message's refusal", () => {
  it("names a number sent as text, and the number wanted", () => {
    expect(refusal({ type: "sign", agreementId: "A1", revision: "2" })).toEqual([
      "revision: revision must be a whole number of at least 1, not text: write 2 without the quotes",
      "revision：revision 应为不小于 1 的整数，而不是文本：请去掉引号，写成 2",
    ]);
  });

  it("names a missing field and what it must be", () => {
    expect(refusal({ type: "sign", agreementId: "A1" })).toEqual(["revision: revision is missing: it must be a whole number of at least 1", "revision：缺少 revision：它应为不小于 1 的整数"]);
  });

  it("names the options of a word that is not one, and the one meant", () => {
    const [en, zh] = refusal({ type: "propose", draft: { terms: { type: "rnd", sector: "quantm", contribution: 1 }, parties: ["NL", "US"], duration: 1 } });
    expect(en).toMatch(/^draft\.terms\.sector: sector must be one of "semis", "ai", "quantum", .* — it is "quantm" \(did you mean "quantum"\?\)$/);
    expect(zh).toMatch(/^draft\.terms\.sector：sector 应为 "semis", "ai", "quantum", .* 之一，现在是 "quantm"（是不是想写“quantum”？）$/);
  });

  it("names a field the message may not have", () => {
    expect(refusal({ type: "ready", ready: true, cheat: 1 })).toEqual(['(root): the input has no field "cheat": check the spelling, or remove it', '(root)：输入内容没有字段 "cheat"：请检查拼写，或将其删除']);
  });

  it("says what a message that is not an object must be", () => {
    const split = splitActionId("sign everything");
    expect(split.ok).toBe(false);
    if (split.ok) return;
    const said = issueText(split.issues, "sign everything");
    expect(english.render(said)).toBe('(root): the input must be a group of fields { … } — it is the text "sign everything"');
    expect(chinese.render(said)).toBe('(root)：输入内容应为字段组 { … }，现在是文本 "sign everything"');
  });

  it("gives a schema's own words in the reader's language: a move's action id, a chat line, a share link's setting, a replay's round, a join's ministries", () => {
    const said = (schema: z.ZodType, input: unknown) => {
      const parsed = schema.safeParse(input);
      expect(parsed.success).toBe(false);
      const words = issueText(parsed.error!.issues, input, schema);
      return [english.render(words), chinese.render(words)];
    };
    const split = splitActionId({ type: "ready", ready: true, actionId: "short" });
    expect(split.ok).toBe(false);
    if (!split.ok) expect([english.render(issueText(split.issues, {})), chinese.render(issueText(split.issues, {}))]).toEqual(["actionId: an action id is 8 to 64 letters, digits, - or _", "actionId：操作 id 为 8 到 64 个字母、数字、- 或 _"]);
    expect(refusal({ type: "chat", channel: "plenary", text: "x".repeat(1001) })).toEqual(["text: a message is at most 1000 characters", "text：消息最多 1000 个字符"]);
    expect(said(ShareRequestSchema, { privateChat: "yes" })).toEqual(["privateChat: privateChat is true or false", "privateChat：privateChat 应为 true 或 false"]);
    expect(said(ReplayQuerySchema, { round: "13" })).toEqual(["round: one round, a whole number from 0 to 12 (?round=N, given once)", "round：一个回合，0 到 12 之间的整数（?round=N，只给一次）"]);
    expect(said(JoinOptionsSchema, { as: "player", name: "Dup", seat: "NL", roles: ["envoy", "envoy"] })).toEqual(["roles: each ministry at most once (diplomat, regulator, envoy)", "roles：每个部门最多一次（diplomat、regulator、envoy）"]);
    expect(said(JoinOptionsSchema, { as: "player", name: "x".repeat(41), seat: "NL" })[1]).toBe("name：名字最多 40 个字符");
  });

  it("quotes only a short piece of a long value or a long field name", () => {
    const long = "z".repeat(10_000);
    for (const move of [{ type: "sign", agreementId: "A1", revision: long }, { type: "ready", ready: true, [long]: 1 }, { type: "ready", ready: true, ...Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`field${i}`, i])) }]) {
      const [en, zh] = refusal(move);
      expect(en.length, en).toBeLessThan(300);
      expect(zh.length, zh).toBeLessThan(300);
    }
  });

  it("never speaks in the schema library's words", () => {
    const moves: unknown[] = [
      { type: "teleport" },
      { type: "chat", channel: "plenary", text: 5 },
      { type: "chat", channel: "plenary", text: "x".repeat(1001) },
      { type: "propose", draft: { terms: { type: "screening" }, parties: ["NL", "US"], duration: 99 } },
      { type: "propose", draft: "everything" },
      null,
      [],
    ];
    for (const move of moves) for (const said of refusal(move)) expect(said).not.toMatch(/Invalid|Expected|expected|received|Too (big|small)|Unrecognized/);
  });
});
