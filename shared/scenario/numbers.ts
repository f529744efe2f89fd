/**
 * The numbers a text states, so a translation can be checked against its English: a figure
 * changed in the English ("60%" where it said "80%") and left in the translation is a stale
 * translation. Values, not spellings: "$52 billion" is 52e9 whether written "520亿美元" or
 * "52 billion"; "1,200" is 1200; Chinese numerals count ("三轮" states 3, "两" 2). Pure.
 */

const ENGLISH_SCALE: Record<string, number> = { thousand: 1e3, million: 1e6, billion: 1e9, bn: 1e9, trillion: 1e12 };

/** Each number of an English text, as written and as a value ("52 billion" → 52e9). */
export function englishNumbers(text: string): { written: string; value: number }[] {
  const out: { written: string; value: number }[] = [];
  for (const m of text.matchAll(/(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?:\s?(thousand|million|billion|trillion|bn)\b)?/gi)) {
    const base = Number(m[1]!.replace(/,/g, "") + (m[2] ?? ""));
    const scale = m[3] ? ENGLISH_SCALE[m[3].toLowerCase()]! : 1;
    out.push({ written: m[0], value: base * scale });
  }
  return out;
}

const DIGIT: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const UNIT: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
const BIG: Record<string, number> = { 万: 1e4, 亿: 1e8, 万亿: 1e12 };

/** A run of Chinese numerals below 10,000 ("二十一" → 21, "十" → 10, "三" → 3). */
function chineseSmall(run: string): number {
  let total = 0;
  let digit = 0;
  for (const ch of run) {
    if (ch in DIGIT) digit = DIGIT[ch]!;
    else {
      total += (digit || 1) * UNIT[ch]!;
      digit = 0;
    }
  }
  return total + digit;
}

/** Each number of a Chinese text as a value: Arabic or Chinese numerals, with 万/亿 scales ("520亿" → 52e9, "1.2万" → 12000). */
export function chineseNumbers(text: string): number[] {
  const out: number[] = [];
  for (const m of text.matchAll(/(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?\s?(万亿|万|亿)?/g)) out.push(Number(m[1]!.replace(/,/g, "") + (m[2] ?? "")) * (m[3] ? BIG[m[3]]! : 1));
  for (const m of text.matchAll(/([零〇一二两三四五六七八九十百千]+)(万亿|万|亿)?/g)) out.push(chineseSmall(m[1]!) * (m[2] ? BIG[m[2]]! : 1));
  return out;
}

const same = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a));

/** The numbers of the English (as written there) that its translation does not state. */
export function missingNumbers(english: string, translated: string, lang: string): string[] {
  const values = lang.startsWith("zh") ? chineseNumbers(translated) : englishNumbers(translated).map((n) => n.value);
  return englishNumbers(english)
    .filter((n) => !values.some((v) => same(v, n.value)))
    .map((n) => n.written);
}
