/**
 * What people type that others see: names and chat lines. A name cannot reverse the names
 * after it in someone else's list or pass for "the Facilitator" with direction controls, nor
 * be invisible (a seat that looks free but is held); a chat line cannot fill everyone's screen
 * with a page of blank lines.
 */
import { describe, expect, it } from "vitest";
import { ActionSchema, CHAT_LINES } from "../../shared/engine/actions.ts";
import { JoinOptionsSchema } from "../../shared/protocol/messages.ts";
import { ClassJoinSchema, ExitTicketSchema, NoteSchema } from "../../shared/protocol/classes.ts";
import { plainText } from "../../shared/scenario/plain-issues.ts";
import { en } from "../../client/i18n/en.ts";
import { zhCN } from "../../client/i18n/zh-CN.ts";
import { translator } from "../../client/i18n/translator.ts";

const english = translator(en, "en");
const chinese = translator(zhCN, "zh-CN");
/** What a refusal says of the first problem zod found, in English (or in Chinese). */
const why = (r: { error?: { issues: Parameters<typeof plainText>[0][] } }, words = english) => (r.error?.issues[0] ? words.render(plainText(r.error.issues[0], undefined)) : undefined);

const player = (name: string) => JoinOptionsSchema.safeParse({ as: "player", name, seat: "US" });
const chat = (text: string) => ActionSchema.parse({ actor: { kind: "seat", seat: "US", roles: ["diplomat"] }, move: { type: "chat", channel: "plenary", text } }).move as { text: string };

describe("a person's name", () => {
  it("loses direction controls, so it reads as typed and leaves the names after it in place", () => {
    const parsed = player("\u202ErotatilicaF eht");
    expect(parsed.success && (parsed.data as { name: string }).name).toBe("rotatilicaF eht");
    const isolated = ClassJoinSchema.parse({ name: " \u2067Chloe\u2069 " });
    expect(isolated.name).toBe("Chloe");
  });

  it("must show something: only zero-width characters, blank spaces or a blank Braille cell are refused with a reason", () => {
    for (const invisible of ["\u200B".repeat(40), "\u200B\u200C\u200D\u2060\uFEFF", "\u3000\u00A0\u2800", "\u202E"]) {
      const parsed = player(invisible);
      expect(parsed.success, JSON.stringify(invisible)).toBe(false);
      expect(why(parsed)).toMatch(/a name (needs letters or numbers a reader can see|is required)/);
    }
  });

  it("loses control characters and halves of broken characters, and a name of only those, or of marks on no letter, is refused", () => {
    for (const unseen of ["\u0000\u0000", "\u001b\u0007"]) expect(player(unseen).success, JSON.stringify(unseen)).toBe(false);
    for (const marks of ["\ufe0f\ufe0f", "\u0301\u0301\u0301"]) expect(why(player(marks)), JSON.stringify(marks)).toBe("a name needs letters or numbers a reader can see");
    const broken = player("A\uD800B");
    expect(broken.success && (broken.data as { name: string }).name).toBe("AB");
    const bell = player("Ana\u0007\u001b");
    expect(bell.success && (bell.data as { name: string }).name).toBe("Ana");
  });

  it("keeps four marks on a letter at most: forty accents stacked on one letter do not cover the lines around it", () => {
    const zalgo = player(`Z${"\u0301".repeat(39)}`);
    expect(zalgo.success && (zalgo.data as { name: string }).name).toBe(`Z${"\u0301".repeat(4)}`);
    // Scripts that write marks on their letters keep them.
    for (const name of ["नमस्ते", "ภาษาไทย", "Tiếng Việt"]) expect(player(name).success && (player(name).data as { name: string }).name, name).toBe(name);
  });

  it("keeps names in every script, and refuses long ones as before", () => {
    for (const name of ["Sam", "李明", "محمد", "Zoë 🙂"]) expect(player(name).success, name).toBe(true);
    expect(why(player("x".repeat(41)))).toBe("a name is at most 40 characters");
    expect(why(player("x".repeat(10_000)))).toBe("a name is at most 40 characters");
    // A Chinese reader is told in Chinese.
    expect(why(player("x".repeat(41)), chinese)).toBe("名字最多 40 个字符");
    expect(why(player("\u200B"), chinese)).toBe("名字需要有看得见的文字或数字");
  });
});

describe("a chat line", () => {
  it("loses direction controls and control characters, so a link reads as it goes, and a line of nothing visible is refused as empty", () => {
    expect(chat("see \u202Ehttp://evil.example\u202C now").text).toBe("see http://evil.example now");
    expect(chat("a\u0000b\tc\u0007").text).toBe("ab c");
    expect(chat("a\uDC00b").text).toBe("ab");
    const blank = ActionSchema.safeParse({ actor: { kind: "seat", seat: "US", roles: ["diplomat"] }, move: { type: "chat", channel: "plenary", text: "\u200B".repeat(1000) } });
    expect(blank.success).toBe(false);
    expect(why(blank)).toBe("a message cannot be empty");
    expect(why(blank, chinese)).toBe("消息不能为空");
    // Emoji sequences (joiners, variation selectors) and right-to-left scripts stay as typed.
    expect(chat("👩‍💻 ✌️ שלום مرحبا").text).toBe("👩‍💻 ✌️ שלום مرحبا");
  });

  it("keeps one blank line at most between lines", () => {
    expect(chat(`wake up${"\n".repeat(990)}!`).text).toBe("wake up\n\n!");
    expect(chat("first\r\n\r\n \r\n\r\nsecond\nthird").text).toBe("first\n\nsecond\nthird");
  });

  it(`keeps ${CHAT_LINES} lines; the rest join the last one`, () => {
    const lines = Array.from({ length: 30 }, (_, i) => `point ${i + 1}`);
    const kept = chat(lines.join("\n")).text.split("\n");
    expect(kept).toHaveLength(CHAT_LINES);
    expect(kept[CHAT_LINES - 1]).toBe(lines.slice(CHAT_LINES - 1).join(" "));
    expect(chat("a short list:\n- one\n- two").text).toBe("a short list:\n- one\n- two");
  });
});

describe("an exit-ticket answer and an observer's note", () => {
  it("reach the teacher's report and gradebook without control or direction characters, their line breaks kept", () => {
    const ticket = ExitTicketSchema.parse({ answers: ["We traded \u0000chips\u0007", "\u202Edecnalab\nthen trust", "  "] });
    expect(ticket.answers).toEqual(["We traded chips", "decnalab\nthen trust", ""]);
    expect(NoteSchema.parse({ text: "Japan \u2066hedged\u2069\u001b[31m" }).text).toBe("Japan hedged[31m");
    expect(why(NoteSchema.safeParse({ text: "\u0000\u0007" }))).toBe("a note cannot be empty");
    expect(why(NoteSchema.safeParse({ text: "\u0000\u0007" }), chinese)).toBe("笔记不能为空");
  });
});
