/**
 * Lines for text drawn on a canvas (the board's event card, client/board/event-card.ts), broken
 * as a browser breaks Chinese: between any two Chinese characters, and at spaces, filling each
 * line as far as it goes. Phaser's own wrap breaks at spaces alone, so a title such as
 * "140 家实体被列入清单；中国禁止向美国出口镓" left "140" alone on its first line and the rest,
 * one unbroken "word", on the next (wider than the card). Latin words stay whole; a closing mark
 * (，。；）” …) never begins a line, an opening one (（“ …) never ends one. Pure: `measure` gives
 * a string's drawn width.
 */

const HAN = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f\u2018-\u201d]/u;
/** Marks that may not begin a line (they keep to the character before them). */
const CLOSING = /^[，。、；：！？）》」』”’〉】…,.;:!?)\]]$/u;
/** Marks that may not end a line (they keep to the character after them). */
const OPENING = /^[（《「『“‘〈【(\[]$/u;

/** Whether a text holds Chinese (or other full-width) characters, which break between each other. */
export const breaksBetweenCharacters = (text: string): boolean => HAN.test(text);

/** The text's pieces that may not be split: a Chinese character (with the marks that keep to it), a Latin word, a space. */
function pieces(line: string): string[] {
  const raw: string[] = [];
  let word = "";
  for (const ch of line) {
    if (ch === " " || HAN.test(ch)) {
      if (word) raw.push(word);
      word = "";
      raw.push(ch);
    } else word += ch;
  }
  if (word) raw.push(word);
  const out: string[] = [];
  let opening = "";
  for (const p of raw) {
    if (OPENING.test(p)) {
      opening += p;
      continue;
    }
    if (CLOSING.test(p) && out.length && out[out.length - 1] !== " ") out[out.length - 1] += opening + p;
    else out.push(opening + p);
    opening = "";
  }
  if (opening) out.push(opening);
  return out;
}

/** The lines of `text` no wider than `width` where they can be (a piece wider than a line keeps a line of its own). */
export function wrapLines(text: string, width: number, measure: (s: string) => number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split("\n")) {
    let line = "";
    for (const p of pieces(paragraph)) {
      if (p === " " && !line) continue;
      if (line && measure(line + p) > width) {
        lines.push(line.trimEnd());
        line = p === " " ? "" : p;
      } else line += p;
    }
    lines.push(line.trimEnd());
  }
  return lines;
}
