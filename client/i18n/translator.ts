/**
 * A translator: one catalog, one locale, and the names of one scenario. The client keeps one
 * current translator (index.ts); the server makes one per report, in the reader's language.
 * Pure: no DOM, no I/O.
 */
import { en, type Catalog, type Key } from "./en.ts";
import type { Arg, Ref, Text } from "../../shared/engine/text.ts";
import { ROLES } from "../../shared/engine/vocabulary.ts";

export type Params = Record<string, string | number>;
export type PluralBase = { [K in Key]: K extends `${infer B}.one` ? B : never }[Key];

/** Names the scenario gives (countries, standards races and their options, event cards). */
export type Names = {
  country(id: string): string | undefined;
  /** A country's name inside a sentence where it differs from the bare name ("the Netherlands"; shared/scenario/schema.ts `inSentence`). */
  countryInSentence?(id: string): string | undefined;
  technology(id: string): string | undefined;
  option(technology: string, id: string): string | undefined;
  event(id: string): string | undefined;
  /** A country's objective as this reader may read it (undefined for a secret they may not). */
  objective(country: string, id: string): string | undefined;
};

export const NO_NAMES: Names = { country: () => undefined, technology: () => undefined, option: () => undefined, event: () => undefined, objective: () => undefined };

/** Ref kinds the catalog names (the others come from the scenario). */
const PREFIX: Partial<Record<Ref["ref"], string>> = {
  group: "group",
  sector: "sector",
  type: "type",
  project: "project",
  clause: "clause",
  condition: "condition",
  stance: "stance",
  metric: "metric",
  phase: "phase",
  status: "status",
  role: "role",
};

export type Translator = ReturnType<typeof translator>;

/**
 * Intl's objects by locale, made when first used: a page's first NumberFormat costs 15–60 ms
 * (the locale's data), which held up the entry's evaluation before the first screen, and the
 * client makes a translator anew whenever the game's view changes (client/main.ts).
 */
const plurals = new Map<string, Intl.PluralRules>();
const formats = new Map<string, { format(x: number): string }>();
const plural = (locale: string) => {
  let p = plurals.get(locale);
  if (!p) plurals.set(locale, (p = new Intl.PluralRules(locale)));
  return p;
};
/**
 * A locale's number format with at most `digits` decimals, made once (client/model/format.ts uses
 * it too): a negative number with the real minus sign, as the signed changes beside it ("−2.8",
 * not "-2.8"), and no "-0" for a small negative rounded away.
 */
export const numberFormat = (locale: string, digits: number) => {
  const key = `${locale} ${digits}`;
  let f = formats.get(key);
  if (!f) {
    // Not `signDisplay: "negative"`, which browsers before 2022-23 refuse (a RangeError would stop every number).
    const intl = new Intl.NumberFormat(locale, { maximumFractionDigits: digits });
    const format = (x: number) => {
      const s = intl.format(x);
      return s[0] === "-" ? (/^-0(\D0+)?$/.test(s) ? s.slice(1) : `−${s.slice(1)}`) : s;
    };
    formats.set(key, (f = { format }));
  }
  return f;
};

/** Rounds half away from zero, so that −2.85 and 2.85 read as the same size (a change's sign and its words agree). */
export const roundAway = (x: number, digits: number) => {
  const f = 10 ** digits;
  return (Math.sign(x) * Math.round(Math.abs(x) * f)) / f || 0;
};

/** A change with its sign, rounded half away from zero: +1.5, −0.3, ±0 (the real minus sign). */
export function signedNumber(locale: string, x: number, digits: number): string {
  const v = roundAway(x, digits);
  return v === 0 ? "±0" : (v > 0 ? "+" : "−") + numberFormat(locale, digits).format(Math.abs(v));
}

/**
 * Decimals of a cause's amount wherever one is shown (the review, the projector, the report):
 * the same cause reads the same everywhere, its causes add up to a change shown to a tenth, and a
 * small one does not read as ±0.
 */
export const CAUSE_DIGITS = 2;

/** How a day is written, alone (a class's default title, "Dec 5, 2026", "2026年12月5日") or in a moment. */
export const DAY: Intl.DateTimeFormatOptions = { year: "numeric", month: "short", day: "numeric" };
/** How a time of day is written ("02:05 PM", "14:05"). */
export const TIME_OF_DAY: Intl.DateTimeFormatOptions = { hour: "2-digit", minute: "2-digit" };
/**
 * How a moment is written, in the reader's zone, named: a day and its time (`date`: "Dec 4,
 * 2026, 09:43 PM GMT+8", "2026年12月4日 GMT+8 21:43") or the time of day alone (`time`: the
 * report's timeline and hot wash). The after-action report's page script
 * (server/debrief/report-html.ts, localTimes) and the app's screens (client/model/format.ts) alike.
 */
export const MOMENT_FORMS = {
  date: { ...DAY, ...TIME_OF_DAY, timeZoneName: "short" },
  time: { ...TIME_OF_DAY, timeZoneName: "short" },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;

/**
 * The locale a time of day or a moment is written in: the game's language `lang`, in the
 * reader's own region when `lang` names none and one of the browser's languages (`preferred`,
 * most wanted first) is `lang` with a region: "en" in an en-GB browser writes "20:33", in an
 * en-US one "08:33 PM"; a language that names its region ("zh-CN") is written as it is, and a
 * browser in another language changes nothing (a Chinese game read in an English browser).
 * Self-contained, no inner function: the report's page script runs its source (report-html.ts localTimes).
 */
export function clockLocale(lang: string, preferred: readonly string[]): string {
  if (lang.indexOf("-") >= 0) return lang;
  for (let i = 0; i < preferred.length; i++) {
    const p = String(preferred[i]);
    if (p.toLowerCase().split("-")[0] !== lang.toLowerCase()) continue;
    try {
      return Intl.DateTimeFormat.supportedLocalesOf([p]).length ? p : lang;
    } catch (e) {
      return lang;
    }
  }
  return lang;
}

/** A moment in `locale`'s words (the game's language, or its reader's variant of it: `clockLocale`), in the reader's zone. */
export function momentText(locale: string, ms: number, form: keyof typeof MOMENT_FORMS = "date"): string {
  return new Intl.DateTimeFormat(locale, MOMENT_FORMS[form]).format(ms);
}

/** Chinese characters and full-width punctuation (and the curly quotes Chinese text uses). */
const CJK = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef\u201c\u201d\u2018\u2019]/;
const cjk = (c: string | undefined) => !!c && CJK.test(c);

export function translator(catalog: Catalog, locale: string, names: Names = NO_NAMES) {
  const has = (key: string): key is Key => key in catalog;
  // Chinese templates set a space beside a value for the numbers most values start or end
  // with ("以 {costs} 换取"); beside a value that starts or ends with a character, the space goes,
  // between two values as between a value and the template's own character.
  // Only the template's own spaces: a person's words in a value are never touched.
  const spaced = !locale.startsWith("zh");

  function t(key: Key, params?: Params): string {
    const text = catalog[key] ?? en[key] ?? key;
    if (!params) return text;
    // A value the template quotes (“{title}”) that has quotes of its own (a card titled
    // “矿产安全伙伴关系”启动) takes single ones inside the double, as Chinese and English nest them.
    const quoted = (value: string, start: number, end: number) => (text[start - 1] === "“" && text[end] === "”" ? value.replace(/“/g, "‘").replace(/”/g, "’") : value);
    // A possessive after a name that ends in s takes the apostrophe alone ("the United States'
    // action", "the Netherlands' project", not "States's"): the one place the English templates'
    // "{country}'s" is made, for every name.
    if (spaced)
      return text.replace(/\{(\w+)\}('s\b)?/g, (whole, name: string, possessive: string | undefined, at: number) => {
        if (!(name in params)) return whole;
        const value = quoted(String(params[name]), at, at + whole.length - (possessive?.length ?? 0));
        return possessive ? value + (value.endsWith("s") ? "'" : possessive) : value;
      });
    // The character beside a placeholder: the template's own, or, where another placeholder
    // stands there ("{term} {from}"), the end of its value.
    const valueOf = (name: string | undefined) => (name !== undefined && name in params ? String(params[name]) : undefined);
    const charBefore = (i: number) => {
      const v = valueOf(/\{(\w+)\}$/.exec(text.slice(0, i))?.[1]);
      return v === undefined ? text[i - 1] : v[v.length - 1];
    };
    const charAfter = (i: number) => valueOf(/^\{(\w+)\}/.exec(text.slice(i))?.[1])?.[0] ?? text[i];
    return text.replace(/( ?)\{(\w+)\}( ?)/g, (whole, pre: string, name: string, post: string, at: number) => {
      if (!(name in params)) return whole;
      const value = quoted(String(params[name]), at + pre.length, at + whole.length - post.length);
      const before = pre && cjk(charBefore(at)) && cjk(value[0]) ? "" : pre;
      const after = post && cjk(value[value.length - 1]) && cjk(charAfter(at + whole.length)) ? "" : post;
      return before + value + after;
    });
  }

  /** The key of a plural form: a `.zero` form, where the catalog has one, says none in words. */
  const pluralKey = (base: string, count: number) => `${base}.${count === 0 && has(`${base}.zero`) ? "zero" : plural(locale).select(count) === "one" ? "one" : "other"}` as Key;

  /** A plural form: `tn("deal.duration", 3)` → "3 rounds". `count` is passed as a parameter. */
  function tn(base: PluralBase, count: number, params?: Params): string {
    return t(pluralKey(base, count), { count: num(count), ...params });
  }

  /** Looks up `prefix.id`, falling back to the id itself for data the catalog does not know. */
  function label(prefix: string, id: string): string {
    const key = `${prefix}.${id}`;
    return has(key) ? t(key) : id;
  }

  /** "A, B and C" in the catalog's words. */
  function list(items: string[]): string {
    if (items.length <= 1) return items[0] ?? t("misc.none");
    return t("misc.and", { a: items.slice(0, -1).join(t("misc.comma")), b: items[items.length - 1]! });
  }

  /** A number as the reader writes it (at most two decimals). */
  const num = (x: number, digits = 2) => numberFormat(locale, digits).format(x);

  /** Whether names change inside a sentence, as English ones do ("undersea cable", "the Netherlands"); Chinese ones do not. */
  const inSentence = catalog["misc.inlineLower"] === "yes";
  /** The form of a name inside a sentence: English lowers "Undersea cable" but keeps "AI & compute" and "5G network". */
  const inline = (name: string) => (/^[A-Z][a-z]/.test(name) && inSentence ? name[0]!.toLowerCase() + name.slice(1) : name);

  /** The name of a country, group, sector, standard... in this language; `inline`, as it reads inside a sentence ("the Netherlands", "the alliance", "undersea cable"). */
  function refName(r: Ref): string {
    let name: string | undefined;
    // The names a text carries (shared/engine/text.ts `Ref.names`), where this translator has no scenario's.
    const carried = r.names?.[locale] ?? r.names?.en;
    if (r.ref === "country") {
      if (r.id === "outside") return t("deal.outside");
      return (r.inline && inSentence ? names.countryInSentence?.(r.id) : undefined) ?? names.country(r.id) ?? carried ?? r.id;
    }
    else if (r.ref === "technology") name = names.technology(r.id) ?? carried;
    else if (r.ref === "option") name = names.option(r.of ?? "", r.id) ?? carried;
    else if (r.ref === "event") name = names.event(r.id) ?? carried;
    // Inside a sentence: without its own full stop.
    else if (r.ref === "objective") name = names.objective(r.of ?? "", r.id)?.replace(/[.。]$/, "") ?? t("country.secret");
    else name = label(PREFIX[r.ref]!, r.id);
    name ??= r.id;
    return r.inline ? inline(name) : name;
  }

  /**
   * An argument in words; `start`: it opens a sentence, where a country's or a group's name
   * capitalises ("The Netherlands declined", "The alliance: …"). A person's words (a string) are never touched.
   */
  function arg(a: Arg, start: boolean): string {
    if (typeof a === "number") return num(a);
    if (typeof a === "string") return a;
    if ("list" in a) return list(a.list.map((x, i) => arg(x, start && i === 0)));
    if ("key" in a) return render(a, start);
    // A sector's or a metric's name opening a sentence capitalises too ("Global tech divide is 53.7; …").
    if (a.ref !== "country" && a.ref !== "group" && a.ref !== "technology") return start ? capitalize(refName(a)) : refName(a);
    // A country, a group or a standard's technology inside a text reads as in a sentence ("the Netherlands", "the alliance", "post-quantum cryptography") unless the text is a label that asks for its bare name (`inline: false`).
    const name = refName(a.inline === undefined ? { ...a, inline: true } : a);
    return start ? capitalize(name) : name;
  }

  const capitalize = (s: string) => (/^\p{Ll}/u.test(s) ? s[0]!.toLocaleUpperCase(locale) + s.slice(1) : s);

  /**
   * A standards coalition's sentence (shared/engine/agreements/standards.ts `summary`) in the form
   * its names ask for: a side of one (docs/RULES.md §4.6) reads "China alone backs …", and the
   * technology is left out when saying it would repeat a word: the option's name already says
   * one of its words ("single-vendor integrated 6G", "national cryptographic standards"), or the
   * technology's name or the option's repeats one of the sentence's own (zh 标准联盟 and
   * 关键矿产标准). The names are the reader's, so the reader picks the form (stored games' news too).
   */
  function standardsKey(x: Text): Key {
    const { parties, option, technology } = x.args ?? {};
    const alone = typeof parties === "object" && "list" in parties && parties.list.length === 1;
    const full: Key = alone ? "deal.standards.alone" : "deal.standards";
    const name = (a: Arg | undefined) => (typeof a === "object" && "ref" in a ? refName(a) : "");
    const own = (catalog[full] ?? en[full]).replace(/\{\w+\}/g, " ");
    const pieces = [own, name(technology), name(option)].map(contentWords);
    const repeats = pieces.some((a, i) => pieces.slice(i + 1).some((b) => a.some((w) => b.some((v) => sameWord(w, v)))));
    return repeats || name(technology) === "" ? (alone ? "deal.standards.alone.named" : "deal.standards.named") : full;
  }

  /**
   * An engine text in words; a plural key takes its form from the `count` argument. `start`:
   * the text opens a sentence (as a whole text does; a text inside another where that one puts it).
   */
  function render(x: Text, start = true): string {
    const count = x.args?.count;
    const key = x.key === "deal.standards" ? standardsKey(x) : has(x.key) ? x.key : typeof count === "number" && has(`${x.key}.one`) ? pluralKey(x.key, count) : undefined;
    if (!key) return x.key;
    // The placeholders that open a sentence: the template's first (when the text opens one) and any after a full stop.
    const template = catalog[key] ?? en[key];
    const opening = new Set<string>();
    for (const m of template.matchAll(/(^|[.!?。！？]\s*)\{(\w+)\}/g)) if (m.index > 0 || m[1] || start) opening.add(m[2]!);
    const args: Params = {};
    for (const [k, a] of Object.entries(x.args ?? {})) args[k] = arg(a, opening.has(k));
    const out = t(key, args);
    // An optional clause the text leaves out (a deal's extras, a ruling's note) is simply absent,
    // with the space beside it; a text with every clause keeps its own spaces (" against 8").
    const absent = out.replace(/\{\w+\}/g, "");
    const said = absent === out ? out : absent.trim();
    // A rule of the engine's inside another sentence ("No deal with you is open to us this round: a
    // regime cannot target…") reads on from it, in a language whose sentences lower a word there (not
    // a name it opens with: "…this round: India has not asked…").
    return !start && inSentence && key.startsWith("refusal.") && !template.startsWith("{") ? uncapitalize(said) : said;
  }

  /** "A regime…" → "a regime…"; an acronym or a name in capitals ("AI", "EU") as written. */
  const uncapitalize = (s: string) => (/^\p{Lu}(?:\p{Ll}|\s)/u.test(s) ? s[0]!.toLocaleLowerCase(locale) + s.slice(1) : s);

  return { locale, catalog, t, tn, has, label, list, num, render, refName };
}

/** Little English words a repeat of which goes unnoticed. */
const FUNCTION_WORDS = new Set(["a", "an", "the", "of", "for", "by", "and", "or", "to", "in", "on", "at", "with", "from", "as", "its"]);

/**
 * The words of a text that carry meaning, to tell a repeat: Latin words and numbers ("6G",
 * "standards") but the little ones, lower-cased, and each pair of adjacent Han characters (a
 * Chinese word is mostly two: 标准, 密码) but those with a particle (的, 和).
 */
function contentWords(s: string): string[] {
  const out = (s.toLowerCase().match(/[\p{Script=Latin}\p{N}]+/gu) ?? []).filter((w) => !FUNCTION_WORDS.has(w));
  for (const run of s.match(/\p{Script=Han}+/gu) ?? []) for (let i = 0; i + 1 < run.length; i++) if (!/[的和与及之]/u.test(run.slice(i, i + 2))) out.push(run.slice(i, i + 2));
  return out;
}

/** One word in two forms: the same, or (Latin) the same stem with at most three letters of ending each ("cryptographic", "cryptography"). */
function sameWord(a: string, b: string): boolean {
  if (a === b) return true;
  let n = 0;
  while (n < a.length && a[n] === b[n]) n++;
  return n >= 4 && a.length - n <= 3 && b.length - n <= 3 && /^\p{Script=Latin}+$/u.test(a + b);
}

/** Names from a scenario as the engine holds it (the server's report, tests). */
export function scenarioNames(scenario: {
  countries: readonly { id: string; name: string; inSentence?: string; objectives: readonly { id: string; text: string }[] }[];
  standards: readonly { id: string; name: string; options: readonly { id: string; name: string }[] }[];
  events: readonly { id: string; title: string }[];
}): Names {
  return {
    country: (id) => scenario.countries.find((c) => c.id === id)?.name,
    countryInSentence: (id) => scenario.countries.find((c) => c.id === id)?.inSentence,
    technology: (id) => scenario.standards.find((s) => s.id === id)?.name,
    option: (tech, id) => scenario.standards.find((s) => s.id === tech)?.options.find((o) => o.id === id)?.name,
    event: (id) => scenario.events.find((e) => e.id === id)?.title,
    // Public objectives only: a secret one is named as "secret objective".
    objective: (country, id) => scenario.countries.find((c) => c.id === country)?.objectives.find((o) => o.id === id)?.text,
  };
}

/** The words a list of ministries needs: the client's current translator (index.ts) or one the server made for a reader. */
type MinistryWords = { t(key: Key, params?: Params): string; label(prefix: string, id: string): string };

/** Ministries as every list of people names them: "Diplomat, Regulator". */
export const ministryList = (words: MinistryWords, roles: readonly string[]): string => roles.map((r) => words.label("role", r)).join(words.t("misc.comma"));

/**
 * The ministries a person holds, as the table's console names them beside the person's name
 * ("Diplomat, Regulator"), or "" where they tell nothing: a game without teams, or a person who
 * holds all three. Their own, never those a person alone at their country acts for while nobody
 * holds them (shared/protocol/view.ts `actingMinistries`): the class console's roster, the gradebook
 * (server/classes/class-csv.ts) and the report's control table name them so. The game's and the
 * console's lists of people add those too (client/model/format.ts `ministriesActing`).
 */
export const heldMinistries = (words: MinistryWords, teams: boolean | undefined, roles: readonly string[] | undefined): string =>
  teams && roles?.length && roles.length < ROLES.length ? ministryList(words, roles) : "";
