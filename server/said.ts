/**
 * A refusal's words from the server: a catalog text (client/i18n/en/server.ts) that each client
 * renders in its reader's language, and the same sentence in English as `message`, for logs,
 * tools and anyone reading the JSON. The room's replies (./rooms/replies.ts) and the HTTP
 * routes' failures (`sendFailure`) both carry them.
 */
import type { Response } from "express";
import type { Key } from "../client/i18n/en.ts";
import { scenarioNames, type Names, type Translator } from "../client/i18n/translator.ts";
import type { z } from "zod";
import type { ReplayRefused } from "../shared/engine/replay.ts";
import { text, type Arg, type Ref, type Text } from "../shared/engine/text.ts";
import type { Scenario } from "../shared/scenario/schema.ts";
import { SCENARIO_LANGUAGES } from "../shared/scenario/languages.ts";
import { issueText } from "../shared/protocol/issues.ts";
import { englishWords } from "./debrief/words.ts";
import { logger } from "./logger.ts";
import { localizedScenario } from "./scenario-texts.ts";

let english: Translator | undefined;

export function said(key: Key, args?: Record<string, Arg>): { message: string; text: Text } {
  const words = text(key, args);
  english ??= englishWords();
  return { message: english.render(words), text: words };
}

/**
 * A malformed request's refusal: the field and what is wrong with it in plain words
 * (shared/protocol/issues.ts), as a text each client renders in its reader's language and in
 * English. `input` is what was parsed (`schema`'s input), where the value found is read.
 */
export function saidInvalid(issues: readonly z.core.$ZodIssue[], input: unknown, schema?: z.ZodType): { message: string; text: Text } {
  const words = issueText(issues, input, schema);
  english ??= englishWords();
  return { message: english.render(words), text: words };
}

/** An HTTP route's refusal: its status, code and words (`text` absent where only the English message is meant, as for a malformed request). */
export type Failure = { status: number; code: string; message: string; text?: Text };

export function sendFailure(res: Response, f: Failure): void {
  res.status(f.status).json({ error: { code: f.code, message: f.message, text: f.text } });
}

/** A new game or class refused: this process has as many lobbies nobody has joined as it opens (server/app.ts `roomForNewGames`). */
export const NEW_GAMES_FULL = (): Failure => ({ status: 503, code: "server/busy", ...said("http.tooManyNewGames") });

/**
 * A stored game the rules of this version refuse to replay (shared/engine/replay.ts
 * `ReplayRefused`): the move, counted from 1, and the rule's own refusal. A conflict with the
 * stored game, not a fault of the server's: no retry will open it.
 */
export const REPLAY_REFUSED = (err: ReplayRefused): Failure => ({ status: 409, code: "game/rules_changed", ...said("http.rulesChanged", { n: err.index + 1, why: err.scenario ? withNames(err.text, err.scenario) : err.text }) });

/**
 * `t` with each country, standard, option and card it refers to carrying its name in every
 * language the scenario speaks (shared/engine/text.ts `Ref.names`): a refusal's reader may have
 * no scenario at hand (the start page, the archive), and would read "us" for the United States.
 * A country reads in the form the text gives it: inside a sentence ("the Netherlands") unless
 * the text asks for the bare name; an objective, which may be secret, is left as it is.
 */
export function withNames(t: Text, scenario: Scenario): Text {
  const readers: [string, Names][] = [["en", scenarioNames(scenario)], ...SCENARIO_LANGUAGES.map((lang): [string, Names] => [lang, scenarioNames(localizedScenario(scenario, lang))])];
  const nameIn = (n: Names, r: Ref): string | undefined => {
    if (r.ref === "country") return (r.inline !== false ? n.countryInSentence?.(r.id) : undefined) ?? n.country(r.id);
    if (r.ref === "technology") return n.technology(r.id);
    if (r.ref === "option") return n.option(r.of ?? "", r.id);
    if (r.ref === "event") return n.event(r.id);
    return undefined;
  };
  const named = (r: Ref): Ref => {
    const names = Object.fromEntries(readers.flatMap(([lang, n]) => ((name) => (name ? [[lang, name]] : []))(nameIn(n, r))));
    return Object.keys(names).length ? { ...r, names } : r;
  };
  const arg = (a: Arg): Arg => (typeof a !== "object" ? a : "list" in a ? { list: a.list.map(arg) } : "key" in a ? textOf(a) : named(a));
  const textOf = (x: Text): Text => (x.args ? { ...x, args: Object.fromEntries(Object.entries(x.args).map(([k, a]) => [k, arg(a)])) } : x);
  return textOf(t);
}

/**
 * Why this stored game is refused, wherever the server meets the refusal (a room's restore, an
 * API route, a class table's status or spreadsheet, a comparison): logged in one line, with the
 * game's code where the caller knows it (`where`), and said as `REPLAY_REFUSED` says it.
 */
export function refusedGame(err: ReplayRefused, where: { code?: string; path?: string } = {}): Failure {
  logger.warn({ ...where, entry: err.index, move: err.move, refusal: err.code }, "stored game refused on replay");
  return REPLAY_REFUSED(err);
}
