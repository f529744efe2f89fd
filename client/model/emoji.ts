/**
 * Emoji in chat and on cards. Where the device has an emoji font they are drawn as they are;
 * where it has none (many classroom PCs and projectors), each is shown by its name instead of
 * an empty box. This module finds them and names them in the reader's language; client/ui/emoji.ts decides which.
 */
import { currentLocale, label, t } from "../i18n/index.ts";

/** One emoji: a pictograph from the emoji planes, or any pictograph asking for emoji style
 * (U+FE0F), with its skin tone and joined parts (👩‍💻), or a pair of flag letters. */
const EMOJI = /(?:\p{Regional_Indicator}{2}|[\u{1F000}-\u{1FAFF}](?:\p{Emoji_Modifier}|\uFE0F)?|\p{Extended_Pictographic}\uFE0F)(?:\u200D\p{Extended_Pictographic}\uFE0F?(?:\p{Emoji_Modifier})?)*/gu;

/**
 * The emoji people type most in a negotiation, each by its name's catalog key (`emoji.<id>`,
 * client/i18n/<lang>/game.ts): a Chinese class reads 握手 where an English one reads "handshake".
 * Others are called "emoji" (`emoji.other`), a flag by its country.
 */
const NAMES: Record<string, string> = {
  "👍": "thumbs-up", "👎": "thumbs-down", "👏": "clapping", "🙏": "please", "🤝": "handshake", "👋": "waving",
  "😀": "grin", "😃": "smile", "😄": "smile", "😁": "grin", "😂": "laughing", "🤣": "laughing",
  "😊": "smile", "🙂": "smile", "😉": "wink", "😍": "love-it", "😎": "cool", "🤔": "thinking",
  "😐": "straight-face", "😬": "grimace", "😅": "phew", "😢": "sad", "😭": "crying", "😡": "angry",
  "😠": "angry", "😱": "shocked", "😮": "surprised", "🙄": "eye-roll", "🤷": "shrug", "❤️": "heart",
  "💔": "broken-heart", "🔥": "fire", "🎉": "party", "✅": "yes", "❌": "no", "⚠️": "warning",
  "💯": "hundred", "💰": "money", "💸": "money", "📈": "rising", "📉": "falling", "🚢": "ship",
  "🌍": "world", "🌏": "world", "🌎": "world", "🔒": "locked", "🔓": "unlocked", "⚡": "lightning",
  "💡": "idea", "🤖": "robot", "👀": "watching", "🙈": "oops",
};

/** The regional-indicator letters' code, "US" for 🇺🇸; none for anything else. */
function flagCode(emoji: string): string | undefined {
  const letters = [...emoji].map((c) => c.codePointAt(0)! - 0x1f1e6);
  return letters.length === 2 && letters.every((n) => n >= 0 && n < 26) ? String.fromCharCode(...letters.map((n) => 65 + n)) : undefined;
}

/** A region's name in the reader's language (Intl.DisplayNames: "United States", "美国"), or none where it knows no such region. */
function regionName(code: string): string | undefined {
  try {
    return new Intl.DisplayNames([currentLocale()], { type: "region", fallback: "none" }).of(code);
  } catch {
    return undefined;
  }
}

export type TextPart = { text: string; emoji?: string };

/** The emoji's name in the reader's language ("thumbs up", "点赞"; a flag's country, "United States flag"), ignoring skin tone and emoji-style marks. */
export function emojiName(emoji: string): string {
  const base = emoji.replace(/[\u{1F3FB}-\u{1F3FF}]/gu, "");
  const bare = base.replace(/\uFE0F/g, "");
  const id = NAMES[base] ?? NAMES[bare] ?? NAMES[`${bare}\uFE0F`];
  if (id) return label("emoji", id);
  const code = flagCode(bare);
  const country = code && regionName(code);
  return country ? t("emoji.flag", { country }) : t("emoji.other");
}

/** Text split into plain runs and emoji (each with its name). */
export function emojiParts(text: string): TextPart[] {
  const out: TextPart[] = [];
  let at = 0;
  for (const m of text.matchAll(EMOJI)) {
    if (m.index! > at) out.push({ text: text.slice(at, m.index) });
    out.push({ text: m[0], emoji: emojiName(m[0]) });
    at = m.index! + m[0].length;
  }
  if (at < text.length) out.push({ text: text.slice(at) });
  return out;
}

/** The text with each emoji replaced by its name in brackets, for surfaces that draw text only. */
export function namedEmoji(text: string): string {
  return emojiParts(text)
    .map((p) => (p.emoji ? `[${p.emoji}]` : p.text))
    .join("");
}
