/**
 * Deal ids. A deal card names its deal ("Sign A7KM"), and every seat reads the ids of the deals
 * it may see (./views.ts `canSeeAgreement`). Counted ids (A1, A2, …) told a seat that saw A20
 * and A22 that an offer A21 it may not see was made between others; so the n-th deal's id is
 * drawn instead: the n-th entry of a shuffle, seeded by the game's seed, of every id of the
 * form A + digit + letter + letter (docs/RULES.md, "Deals"). Ids are then unique in a game, and
 * neither their order nor their gaps say how many deals were made or when: a seat that does not
 * know the seed (it is never sent to a seat: it would tell the deck too) cannot tell which came
 * first. The shuffle draws from its own stream, never from the game's `rng`, so drawing an id
 * moves no other draw: same seed and same moves, same game and same ids. Games that share a seed
 * for the same events (a class's tables) would also share their ids, so one table's deals, listed
 * in order in its report or seen by a neighbour, would tell another's students the order of
 * theirs: the stream's seed takes the game's `idSalt` too (its code, which the server sets).
 *
 * A game made under edition 1 of the rules (`Settings.edition`: a setup that names none, as one
 * saved or exported before ids were drawn) keeps counted ids, so its log, whose moves name deals
 * by id, replays as played. The server makes every new game under `CURRENT_EDITION`.
 */
import { nextRandom, seedFrom } from "./rng.ts";
import type { Settings } from "./types.ts";

/**
 * The rules edition the server makes a new game under (./types.ts `Settings.edition`): 2 drew
 * deal ids, 3 made a line's id its move's version (./message-ids.ts), 4 opens a round with no
 * event card with the negotiation (./deck.ts `VERSION_CARDLESS_ROUNDS`).
 */
export const CURRENT_EDITION = 4;

/** Digits and capitals that cannot be read as one another (no 0/O, 1/I/L). */
const DIGITS = "23456789";
const LETTERS = "ABCDEFGHJKMNPQRSTUVWXYZ";
/** How many ids of the form A + digit + letter + letter there are. */
export const DRAWN_IDS = DIGITS.length * LETTERS.length * LETTERS.length;
/** A deal id's part after the A, either kind: counted (12) or drawn (7KM, 7KM2 past the first lap). */
const AFTER_A = `(?:\\d+|[${DIGITS}][${LETTERS}]{2}\\d*)`;
/** A deal id, counted or drawn. */
export const DEAL_ID = new RegExp(`^A${AFTER_A}$`);
/** Deal ids inside a text (a JSON, a sentence), as they are written. */
export const dealIdsIn = (s: string): string[] => s.match(new RegExp(`\\bA${AFTER_A}\\b`, "g")) ?? [];

/** The part after the A as a person may type it: any case, with no letter that reads as a digit. */
const TYPED = `(\\d{1,4}|[${DIGITS}][${LETTERS.toLowerCase()}]{2}\\d*)`;
/**
 * The deals a chat line names, as a deal card shows them ("A3", "a7km"), after a word for a deal
 * ("deal 7KM", "agreement #3") or in Chinese ("协议A7KM"): "a 10 loan" names none.
 */
export function dealIdsTyped(line: string): string[] {
  const found = line.toLowerCase().matchAll(new RegExp(`(?:\\b(?:a|(?:deal|agreement)\\s*a?)#?|协议\\s*a?)${TYPED}(?![a-z0-9])`, "g"));
  return [...found].map((r) => `A${r[1]!.toUpperCase()}`);
}

function spell(k: number): string {
  const d = Math.floor(k / (LETTERS.length * LETTERS.length));
  const rest = k % (LETTERS.length * LETTERS.length);
  return `A${DIGITS[d]}${LETTERS[Math.floor(rest / LETTERS.length)]}${LETTERS[rest % LETTERS.length]}`;
}

/** The shuffle's first entries, by seed: a game asks for the next one on each new deal. */
const drawn = new Map<string, { holder: { rng: number }; moved: Map<number, number>; order: number[] }>();

/** The `n`-th entry (0-based) of the seeded shuffle of 0 … DRAWN_IDS - 1 (a Fisher–Yates shuffle, run only as far as asked). */
function shuffled(seed: Settings["seed"], n: number): number {
  const key = String(seed);
  let s = drawn.get(key);
  if (!s) {
    if (drawn.size > 256) drawn.clear();
    s = { holder: { rng: seedFrom(`deal ids:${key}`) }, moved: new Map(), order: [] };
    drawn.set(key, s);
  }
  while (s.order.length <= n) {
    const i = s.order.length;
    const j = i + Math.floor(nextRandom(s.holder) * (DRAWN_IDS - i));
    const at = (x: number) => s!.moved.get(x) ?? x;
    const picked = at(j);
    s.moved.set(j, at(i));
    s.order.push(picked);
  }
  return s.order[n]!;
}

/**
 * The id of the `n`-th deal of a game (1-based: `GameState.nextAgreement`). Past the DRAWN_IDS-th
 * deal (no game comes near: a seat holds a few open offers at a time), the shuffle starts again
 * with the lap's number after it ("A7KM2"), so ids stay unique.
 */
export function dealId(settings: Pick<Settings, "seed" | "edition" | "idSalt">, n: number): string {
  if (settings.edition === 1) return `A${n}`;
  const lap = Math.floor((n - 1) / DRAWN_IDS);
  // Games of one seed (a class's tables, for the same events) draw apart by their salt (./types.ts `Settings.idSalt`).
  const id = spell(shuffled(settings.idSalt === undefined ? settings.seed : `${settings.seed}/${settings.idSalt}`, (n - 1) % DRAWN_IDS));
  return lap ? `${id}${lap + 1}` : id;
}
