/**
 * Terms of the glossary in docs/TEACHING.md (its "### term" headings) and where each is found
 * in running text, so the UI can link a term to its entry. Pure.
 */
import { slug } from "./markdown.ts";

/** A glossary heading and the words that name it in game text. */
const TERMS: { heading: string; words: string[] }[] = [
  { heading: "Chokepoint", words: ["chokepoints", "chokepoint"] },
  { heading: "EUV / DUV lithography", words: ["EUV", "DUV", "lithography"] },
  { heading: "EDA", words: ["EDA"] },
  { heading: "SME", words: ["SME"] },
  { heading: "HBM", words: ["HBM"] },
  { heading: "Entity List", words: ["Entity List"] },
  { heading: "FDPR", words: ["FDPR", "foreign direct product rule"] },
  { heading: "CFIUS", words: ["CFIUS"] },
  { heading: "Investment screening", words: ["investment screening"] },
  { heading: "Wassenaar Arrangement", words: ["Wassenaar"] },
  { heading: "Friend-shoring", words: ["friend-shoring"] },
  { heading: "Small yard, high fence", words: ["small yard", "small yards"] },
  { heading: "PGII / BRI / Digital Silk Road", words: ["PGII", "Belt and Road", "BRI", "Digital Silk Road"] },
  { heading: "Minerals Security Partnership (MSP)", words: ["Minerals Security Partnership", "MSP"] },
];

const byWord = new Map(TERMS.flatMap((t) => t.words.map((w) => [w.toLowerCase(), slug(t.heading)] as const)));
const words = [...byWord.keys()].sort((a, b) => b.length - a.length).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
const PATTERN = new RegExp(`\\b(${words.join("|")})\\b`, "gi");

export type GlossPart = { text: string; anchor?: string };

/** Splits text into plain parts and glossary terms (each term linked once per text). */
export function glossParts(text: string): GlossPart[] {
  const out: GlossPart[] = [];
  const seen = new Set<string>();
  let last = 0;
  for (const m of text.matchAll(PATTERN)) {
    const anchor = byWord.get(m[0].toLowerCase())!;
    if (seen.has(anchor)) continue;
    seen.add(anchor);
    if (m.index > last) out.push({ text: text.slice(last, m.index) });
    out.push({ text: m[0], anchor });
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push({ text: text.slice(last) });
  return out;
}

/** The epilogue of docs/TEACHING.md: what happened in the real world, for the end of a game. */
export const EPILOGUE_ANCHOR = slug("What really happened (2021–2025)");

/** The anchors of the glossary's terms (a test checks each is a heading of docs/TEACHING.md). */
export const TERM_ANCHORS = TERMS.map((t) => slug(t.heading));
