/**
 * A small Markdown reader for the documents the game ships (docs/RULES.md): headings,
 * paragraphs, bullet and numbered lists (nested by indent), tables, rules, and inline bold,
 * italics, code, links and autolinks (<https://…>). It returns plain data; the page turns it into elements, so no
 * document text ever becomes HTML.
 */

export type Inline = { kind: "text" | "strong" | "em" | "code"; text: string } | { kind: "link"; text: string; href: string };
export type ListItem = { text: Inline[]; children?: Block };
export type Block =
  | { kind: "heading"; level: number; text: Inline[]; id: string }
  | { kind: "paragraph"; text: Inline[] }
  | { kind: "list"; ordered: boolean; items: ListItem[] }
  | { kind: "table"; head: Inline[][]; rows: Inline[][][] }
  | { kind: "rule" };

const INLINE = /(\*\*[^*]+\*\*|`[^`]+`|\[[^\]]+\]\([^)\s]+\)|<https?:\/\/[^>\s]+>|\*[^*\s][^*]*\*|_[^_\s][^_]*_)/;

export function inline(text: string): Inline[] {
  const out: Inline[] = [];
  for (const part of text.split(INLINE)) {
    if (!part) continue;
    if (part.startsWith("**") && part.endsWith("**") && part.length > 4) out.push({ kind: "strong", text: part.slice(2, -2) });
    else if (part.startsWith("`") && part.endsWith("`") && part.length > 2) out.push({ kind: "code", text: part.slice(1, -1) });
    else if (/^\[[^\]]+\]\([^)\s]+\)$/.test(part)) {
      const m = /^\[([^\]]+)\]\(([^)\s]+)\)$/.exec(part)!;
      out.push({ kind: "link", text: m[1]!, href: m[2]! });
    } else if (/^<https?:\/\/[^>\s]+>$/.test(part)) {
      // An autolink (<https://…>): the address is its own text.
      out.push({ kind: "link", text: part.slice(1, -1), href: part.slice(1, -1) });
    } else if (/^([*_]).+\1$/.test(part) && part.length > 2) out.push({ kind: "em", text: part.slice(1, -1) });
    else out.push({ kind: "text", text: part });
  }
  return out;
}

/** A contents entry: a heading's own number ("3. Deals" in docs/RULES.md) or else its place, and the rest of its text. */
export function numbered(text: string, index: number): { number: string; text: string } {
  const own = /^(\d+)[.)]\s+(.*)$/.exec(text);
  return own ? { number: `${own[1]}.`, text: own[2]! } : { number: `${index + 1}.`, text };
}

/** The text of inline parts, without marks (for ids and titles). */
export function plain(parts: Inline[]): string {
  return parts.map((p) => p.text).join("");
}

/**
 * A translation's blocks with the original's heading ids, heading by heading, so a link to
 * an anchor (/teaching#chokepoint) lands on the same section in every language. The two
 * documents must have the same headings in the same order (their tests check it).
 */
export function withHeadingIds(translation: Block[], original: Block[]): Block[] {
  const ids = original.flatMap((b) => (b.kind === "heading" ? [b.id] : []));
  let n = 0;
  return translation.map((b) => (b.kind === "heading" ? { ...b, id: ids[n++] ?? b.id } : b));
}

export function slug(text: string): string {
  return text
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-|-$/g, "");
}

/**
 * What in the documents is for contributors, not players: a refusal code (`rule/no_trust`), a
 * scenario setting (`supply.fullPrice`, `rival.*`), a function (`seatRanks`) or a source file
 * (shared/engine/scoring.ts, `docs/BALANCE.md`, in code marks or not).
 */
const DEVELOPER = /`[a-z]+\/[a-z_]+`|`[a-z]\w*(?:\.(?:\w+|\*))+`|`[a-z]+[A-Z]\w*`|(?:^|[\s(`（])(?:[\w.-]+\/)*[\w-]+\.(?:ts|md|json|css|html)\b/;
/** Asides in brackets, English or Chinese; a link's address (`](RULES.md)`) is none. */
const ASIDE = /(\s*)(?<!\])\(([^()]*)\)|(\s*)（([^（）]*)）/g;

/**
 * A document's text for players: developer references live in asides, "(`rule/no_trust`)" or
 * "(the scenario's `alignment.regimeDiscount`, 0.5)", and each part of an aside that holds one
 * goes, "(0.5)"; an aside left empty goes whole with the space before it, so no "()" and no
 * dangling "see" is left. One outside brackets stays (tests/client/panels-dom.test.ts renders
 * the rules page and finds none).
 */
export function withoutDeveloperNotes(text: string): string {
  return text.replace(ASIDE, (whole, space: string | undefined, inner: string | undefined, zhSpace: string | undefined, zhInner: string | undefined) => {
    const body = inner ?? zhInner!;
    // A link's address is not read as a reference: "(see [the kit](TEACHING.md))" keeps its link.
    const isDeveloper = (part: string) => DEVELOPER.test(part.replace(/\]\([^)\s]*\)/g, "]"));
    if (!isDeveloper(body)) return whole;
    // Parts and the separators between them: "a, b; c" is ["a", ", ", "b", "; ", "c"].
    const pieces = body.split(/(\s*[,;，；、]\s*)/);
    let kept = "";
    for (let i = 0; i < pieces.length; i += 2) {
      const part = pieces[i]!;
      if (!part.trim() || isDeveloper(part)) continue;
      kept += (kept ? pieces[i - 1] : "") + part;
    }
    if (!kept) return "";
    return inner !== undefined ? `${space}(${kept})` : `${zhSpace}（${kept}）`;
  });
}

const ITEM = /^(\s*)([-*+]|\d+[.)])\s+(.*)$/;
const cells = (line: string, read: (text: string) => Inline[]) =>
  line
    .trim()
    .replace(/^\||\|$/g, "")
    .split("|")
    .map((c) => read(c.trim()));

/** `forPlayers`: without developer references (`withoutDeveloperNotes`), as the rules page shows them. */
export function parseMarkdown(source: string, options: { forPlayers?: boolean } = {}): Block[] {
  const read = (text: string) => inline(options.forPlayers ? withoutDeveloperNotes(text) : text);
  const lines = source.replace(/\r\n?/g, "\n").split("\n");
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (!line.trim()) {
      i++;
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      const text = read(heading[2]!.trim());
      blocks.push({ kind: "heading", level: heading[1]!.length, text, id: slug(plain(text)) });
      i++;
      continue;
    }
    if (/^\s*(-{3,}|\*{3,})\s*$/.test(line)) {
      blocks.push({ kind: "rule" });
      i++;
      continue;
    }
    if (line.trim().startsWith("|")) {
      const rows: string[] = [];
      while (i < lines.length && lines[i]!.trim().startsWith("|")) rows.push(lines[i++]!);
      const body = rows.filter((r, n) => !(n === 1 && /^\s*\|?[\s:|-]+\|?\s*$/.test(r)));
      blocks.push({ kind: "table", head: cells(body[0]!, read), rows: body.slice(1).map((r) => cells(r, read)) });
      continue;
    }
    if (ITEM.test(line)) {
      const [list, next] = readList(lines, i, indentOf(line), read);
      blocks.push(list);
      i = next;
      continue;
    }
    const para: string[] = [];
    while (i < lines.length && lines[i]!.trim() && !/^(#{1,6}\s|\s*\||\s*-{3,}\s*$)/.test(lines[i]!) && !ITEM.test(lines[i]!)) para.push(lines[i++]!.trim());
    blocks.push({ kind: "paragraph", text: read(para.join(" ")) });
  }
  return blocks;
}

function indentOf(line: string): number {
  return /^\s*/.exec(line)![0].length;
}

/** Reads the list starting at line `i` (items at `indent`; deeper items nest). */
function readList(lines: string[], start: number, indent: number, read: (text: string) => Inline[]): [Extract<Block, { kind: "list" }>, number] {
  const ordered = /^\s*\d/.test(lines[start]!);
  const items: ListItem[] = [];
  let texts: string[] = [];
  const flush = () => {
    if (items.length && texts.length) items[items.length - 1]!.text = read(texts.join(" "));
    texts = [];
  };
  let i = start;
  while (i < lines.length) {
    const line = lines[i]!;
    if (!line.trim()) {
      // A blank line ends the list unless the next line continues it.
      const next = lines[i + 1];
      if (next && (ITEM.test(next) && indentOf(next) >= indent)) {
        i++;
        continue;
      }
      break;
    }
    const m = ITEM.exec(line);
    const depth = indentOf(line);
    if (m && depth === indent) {
      flush();
      items.push({ text: [] });
      texts.push(m[3]!);
      i++;
      continue;
    }
    if (m && depth > indent && items.length) {
      flush();
      const [child, next] = readList(lines, i, depth, read);
      items[items.length - 1]!.children = child;
      i = next;
      continue;
    }
    if (m || depth < indent || /^(#{1,6}\s|\s*\|)/.test(line)) break;
    texts.push(line.trim());
    i++;
  }
  flush();
  return [{ kind: "list", ordered, items }, i];
}
