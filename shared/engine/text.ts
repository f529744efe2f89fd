/**
 * Words as data. The engine and the server never write a sentence a person reads: they write a
 * catalog key and its arguments, and every reader (a client, the report) renders it in their own
 * language from client/i18n. An argument is a plain value (an id, a number, a player's own text),
 * a reference to something with a name (a country, a sector, an agreement type...) that the
 * reader names in their language, a list of arguments, or a nested text.
 */

/** Things with a name the catalog or the scenario gives: `{ ref: "sector", id: "semis" }`. */
export const REF_KINDS = [
  "country",
  /** A group of countries an effect names ("all", "seats" or a bloc: shared/engine/effects.ts `targetIds`). */
  "group",
  "sector",
  "type",
  "project",
  "clause",
  "condition",
  "stance",
  "metric",
  "phase",
  "status",
  "role",
  "technology",
  "option",
  "event",
  "objective",
] as const;
export type RefKind = (typeof REF_KINDS)[number];
/**
 * `of` names the parent (an option's technology, an objective's country); `inline` asks for the
 * form used inside a sentence (English lowers "Undersea cable"). A country inside a text always
 * reads in that form (its scenario's `inSentence`: "the Netherlands") unless `inline: false`
 * asks for the bare name a label wants (a channel's members, a message's sender). A group reads
 * the same way ("supplies to the alliance", "The alliance: …" opening a sentence).
 */
export type Ref = {
  ref: RefKind;
  id: string;
  of?: string;
  inline?: boolean;
  /**
   * The scenario's name for it in each language (language id → name, in the form this text reads
   * it), for a reader who has no scenario at hand: the reason a stored game is refused, which
   * the start page shows before any game is open (server/said.ts `REPLAY_REFUSED`). Only the
   * server writes it; a reader with the scenario's names reads those.
   */
  names?: Readonly<Record<string, string>>;
};

export type Arg = string | number | Ref | Text | { list: Arg[] };
export type Text = { key: string; args?: Record<string, Arg> };

/** `text("news.signed", { id: "A3", deal: description })`. */
export function text(key: string, args?: Record<string, Arg>): Text {
  return args ? { key, args } : { key };
}

/** A clock's seconds as the minutes a sentence names, to a tenth where they are not whole (news, the report's settings). */
export function minutesArg(seconds: number): number {
  return Math.round((seconds / 60) * 10) / 10;
}

export const country = (id: string): Ref => ({ ref: "country", id });
export const countries = (ids: readonly string[]): { list: Arg[] } => ({ list: ids.map(country) });
/** A country's bare name, for a text that is a label rather than a sentence ("Netherlands, Japan" naming a channel). */
export const countryLabel = (id: string): Ref => ({ ref: "country", id, inline: false });
export const sector = (id: string): Ref => ({ ref: "sector", id });
/** A sector named inside a sentence ("sales of semiconductors"; a label keeps "Semiconductors"). */
export const sectorInSentence = (id: string): Ref => ({ ref: "sector", id, inline: true });
export const ref = (kind: RefKind, id: string, inline?: boolean): Ref => (inline ? { ref: kind, id, inline } : { ref: kind, id });
/** A standard's option is named within its technology; `inline` inside a sentence ("backing open, interoperable 6G"). */
export const option = (technology: string, id: string, inline?: boolean): Ref => (inline ? { ref: "option", id, of: technology, inline } : { ref: "option", id, of: technology });
export const list = (items: readonly Arg[]): { list: Arg[] } => ({ list: [...items] });

/** A channel's name: its kind for the plenary and broadcasts, its country for a team, its countries otherwise. */
export function channelTitle(c: { kind: string; members: readonly string[] }): Text {
  if (c.kind === "plenary" || c.kind === "broadcast") return text(`talks.kind.${c.kind}`);
  if (c.kind === "team") return text("report.channel.members", { members: countryLabel(c.members[0] ?? "") });
  return text("report.channel.members", { members: list(c.members.map(countryLabel)) });
}

/** A stable identity for a text, so equal causes merge in the ledger and the preview. */
export function textId(t: Text): string {
  return JSON.stringify(t);
}

/**
 * Whether two texts have the same `textId`, without writing either out: the ledger compares
 * each new cause with every cause a change already has, and most differ in their key.
 */
export function sameText(a: Text, b: Text): boolean {
  return a === b || (a.key === b.key && sameJson(a.args, b.args));
}

/** `JSON.stringify(a) === JSON.stringify(b)` for the plain data of texts (keys in order, undefined left out). */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) {
    // JSON writes every non-finite number as null, and -0 as 0 (which === already equates).
    return typeof a === "number" && typeof b === "number" && !Number.isFinite(a) && !Number.isFinite(b);
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i] ?? null, b[i] ?? null)) return false;
    return true;
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  // Same keys and values first, without allocating: most pairs differ somewhere.
  let n = 0;
  for (const k in x) {
    if (x[k] === undefined) continue;
    if (!sameJson(x[k], y[k])) return false;
    n++;
  }
  for (const k in y) if (y[k] !== undefined) n--;
  if (n !== 0) return false;
  // Equal values; JSON also writes the keys in order (texts have a few keys: count, don't allocate).
  let i = 0;
  for (const k in x) {
    if (x[k] === undefined) continue;
    let j = 0;
    for (const l in y) {
      if (l === k) break;
      if (y[l] !== undefined) j++;
    }
    if (i++ !== j) return false;
  }
  return true;
}

export function isText(a: unknown): a is Text {
  return typeof a === "object" && a !== null && "key" in a && typeof (a as Text).key === "string";
}

/** Every key a text uses, nested ones included (tests check the catalog has them all). */
export function keysOf(t: Text): string[] {
  const out = [t.key];
  const walk = (a: Arg) => {
    if (isText(a)) out.push(...keysOf(a));
    else if (typeof a === "object" && "list" in a) a.list.forEach(walk);
  };
  for (const a of Object.values(t.args ?? {})) walk(a);
  return out;
}

/** The agreement a cause belongs to, when it is one of that deal's own effects (keys `cause.deal.*`). */
export function dealOf(t: Text): string | undefined {
  const id = t.args?.id;
  return t.key.startsWith("cause.deal.") && typeof id === "string" ? id : undefined;
}
