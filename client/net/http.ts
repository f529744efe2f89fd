/**
 * The HTTP half of the network seam: scenarios, game creation and lobby lookups. Every
 * failure comes back as a sentence from the catalog or the server, never as an exception
 * the page has to decode.
 */
import type { CodeIsClass, CreateGameReply, CreateGameRequest, LobbyInfo, ScenarioSummary } from "../../shared/protocol/messages.ts";
import type { ScenarioBook } from "../../shared/protocol/view.ts";
import { PLACE_HEADER, pastHeaders, type PastAuth, type PastItems, type PastPart } from "../../shared/protocol/archive.ts";
import type { RoundRecord } from "../../shared/engine/types.ts";
import { currentLocale, render, t, wholeCatalogReady } from "../i18n/index.ts";
import type { Text } from "../../shared/engine/text.ts";
import { localizeLobby, scenarioTextFor, useScenarioText } from "../i18n/scenario-text.ts";
import type { PublicScenarioText } from "../../shared/scenario/translation.ts";
import { isScenarioLanguage } from "../../shared/scenario/languages.ts";
import { clockOffset } from "../model/countdown.ts";

/**
 * `offset`: server time − this browser's (../model/countdown.ts), from the reply's Date header;
 * only for a request that went to the server just now (`cache: "no-store"`), as a reply a cache
 * kept carries the Date of when it was first sent (a browser's Back then Forward replays one).
 */
export type HttpResult<T> = { ok: true; value: T; offset?: number } | { ok: false; status: number; message: string; code?: string };

/**
 * Replies the projector's page asked for in client/index.html while its code downloaded (the
 * game's lobby and its scenario book: the board's first frame waited on these round trips one
 * after the other), each with the cache mode it was asked with. The first route takes them, each
 * once; `forgetEarlyReplies` drops the rest.
 */
type EarlyReply = { sent: number; cache?: RequestCache; reply: Promise<Response> };
const early = new Map(Object.entries((globalThis as { chokepointEarly?: Record<string, EarlyReply> }).chokepointEarly ?? {}));

export function forgetEarlyReplies() {
  early.clear();
}

export async function call<T>(path: string, init?: RequestInit): Promise<HttpResult<T>> {
  // The early replies were asked with no credentials: only a request that sends none takes one.
  const asked = init?.headers || init?.body || init?.method ? undefined : early.get(path);
  early.delete(path);
  const sent = asked?.sent || Date.now();
  const fresh = (asked ? asked.cache : init?.cache) === "no-store";
  let res: Response;
  try {
    const ask = () => fetch(path, { ...init, headers: { accept: "application/json", ...(init?.body ? { "content-type": "application/json" } : {}), ...init?.headers } });
    res = await (asked ? asked.reply.catch(ask) : ask());
  } catch {
    return { ok: false, status: 0, message: t("error.network") };
  }
  const offset = fresh ? clockOffset(res.headers.get("date"), sent, Date.now()) : undefined;
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    body = undefined;
  }
  const error = (body as { error?: { code?: string; message?: string; text?: Text } } | undefined)?.error;
  if (!res.ok || (body as { ok?: boolean } | undefined)?.ok === false) {
    // A refusal's text may name any key of the catalog, the start page's part of it or not.
    if (error?.text) await wholeCatalogReady();
    return { ok: false, status: res.status, message: refusalWords(error) ?? `${res.status} ${res.statusText}`, ...(error?.code ? { code: error.code } : {}) };
  }
  return { ok: true, value: body as T, ...(offset === undefined ? {} : { offset }) };
}

/**
 * The server's network addresses (server/lan.ts) for a page opened as localhost, whose join link
 * would name localhost (../model/join-address.ts). `ask`: by default GET /api/addresses, which
 * answers this computer alone; the class console asks with its key. The server's answer, even
 * none (the join screen then warns rather than guess); undefined when there was no answer to
 * read (a refusal, the network, a reply not understood): the page's own address stays, unwarned.
 */
export async function networkAddresses(ask: () => Promise<HttpResult<unknown>> = () => call<unknown>("/api/addresses")): Promise<string[] | undefined> {
  try {
    const reply = await ask();
    if (!reply.ok) return undefined;
    // zod comes with the schema, in a chunk of its own: only a page on localhost asks.
    const { JoinAddressesSchema } = await import("../../shared/protocol/classes.ts");
    const parsed = JoinAddressesSchema.safeParse(reply.value);
    return parsed.success ? parsed.data.addresses : undefined;
  } catch {
    return undefined;
  }
}

/** The shipped scenarios, their titles, summaries and seats in the reader's language. */
export function listScenarios() {
  return call<ScenarioSummary[]>(`/api/scenarios?lang=${encodeURIComponent(currentLocale())}`);
}

/**
 * Makes a scenario's words in the reader's language the ones in use (client/i18n/scenario-text.ts):
 * fetched once per scenario; nothing for English (the game's own words) or a language the
 * scenario is not translated into.
 */
export async function loadScenarioText(scenario: string): Promise<void> {
  const lang = currentLocale();
  if (scenarioTextFor(scenario, lang)) return;
  const words = !isScenarioLanguage(lang) ? undefined : await call<PublicScenarioText>(`/api/scenarios/${encodeURIComponent(scenario)}/text/${encodeURIComponent(lang)}`);
  useScenarioText(scenario, lang, words?.ok ? words.value : null);
}

/**
 * The credentials this browser holds for a game (its seat token, or the facilitator key), sent
 * as headers with each request of that game: an address locked for wrong codes (a school's,
 * shared with a guesser) still answers requests that carry them (docs/PROTOCOL.md). None: no
 * init, so the projector's page takes the replies index.html asked for early.
 */
function withCredentials(credentials: PastAuth | undefined): RequestInit | undefined {
  const headers = credentials ? pastHeaders(credentials) : {};
  return Object.keys(headers).length ? { headers } : undefined;
}

/** What of a game's scenario never changes (profiles, objectives, titles): fetched once, never in the room state. */
export function scenarioBook(code: string, credentials?: PastAuth) {
  return call<ScenarioBook>(`/api/games/${encodeURIComponent(code)}/scenario`, withCredentials(credentials));
}

/** Every secret objective, for the facilitator's book. */
export function scenarioSecrets(code: string, key: string) {
  return call<NonNullable<ScenarioBook["secrets"]>>(`/api/games/${encodeURIComponent(code)}/secrets`, { headers: { "x-facilitator-key": key } });
}

/** The scenario's event cards, for the facilitator (its key opens them): the console lists the undrawn ones. */
export function scenarioCards(code: string, key: string) {
  return call<NonNullable<ScenarioBook["cards"]>>(`/api/games/${encodeURIComponent(code)}/cards`, { headers: { "x-facilitator-key": key } });
}

/** A part of a game's past that left the room state (shared/protocol/archive.ts), as far as these credentials read it. */
export function gamePast<P extends PastPart>(code: string, part: P, credentials: PastAuth) {
  return call<PastItems[P]>(`/api/games/${encodeURIComponent(code)}/past/${part}`, { headers: pastHeaders(credentials) });
}

/** A round's record: what changed in it and why (the review). */
export function roundRecord(code: string, round: number, credentials?: PastAuth) {
  return call<RoundRecord>(`/api/games/${encodeURIComponent(code)}/rounds/${round}`, withCredentials(credentials));
}

export function createGame(request: CreateGameRequest) {
  return call<CreateGameReply>("/api/games", { method: "POST", body: JSON.stringify(request) });
}

/**
 * A game's lobby, its seats named in the reader's language; or the code is a class's. `place`: the
 * place token this browser keeps for a class of that code, which an address locked for wrong
 * codes still answers (server/app.ts). Always asked of the server, never of the browser's cache:
 * its Date header is the game page's clock offset (client/main.ts).
 */
export async function lobbyInfo(code: string, credentials?: PastAuth, place?: string): Promise<HttpResult<LobbyInfo | CodeIsClass>> {
  const init: RequestInit = { ...(place ? { headers: { [PLACE_HEADER]: place } } : withCredentials(credentials)), cache: "no-store" };
  const info = await call<LobbyInfo | CodeIsClass>(`/api/games/${encodeURIComponent(code)}`, init);
  if (!info.ok || isClassCode(info.value)) return info;
  await loadScenarioText(info.value.scenario.id);
  return { ...info, value: localizeLobby(info.value, currentLocale()) };
}

export const isClassCode = (info: LobbyInfo | CodeIsClass): info is CodeIsClass => "class" in info;

/** A refusal's words: the server's catalog text in the reader's language, else its English message. */
export function refusalWords(error: { message?: string; text?: Text } | undefined): string | undefined {
  return error?.text ? render(error.text) : error?.message;
}
