/**
 * The debrief and archive API (docs/PROTOCOL.md "Debrief and archive") for the console, the
 * archive, the replay viewer and the compare page. A credential is the game's facilitator key
 * (sent as the `x-facilitator-key` header, never in a URL) or a share token (`x-share-token`).
 * Links a browser tab opens carry a short-lived ticket the key bought, or the share token.
 * Failures come back as sentences, never throws.
 */
import type { ArchiveReply, CompareReply, DebriefReport, ForkReply, GameLinks, ReplayReply, ShareCreated, ShareInfo, ShareRequest, TicketReply } from "../../shared/protocol/debrief.ts";
import type { Action } from "../../shared/engine/actions.ts";
import { call } from "./http.ts";
import { currentLocale } from "../i18n/index.ts";

export type Credential = { key: string } | { share: string } | Record<string, never>;

const headers = (c: Credential): Record<string, string> => ("key" in c ? { "x-facilitator-key": c.key } : "share" in c ? { "x-share-token": c.share } : {});
/** The reader's language: the server puts the scenario's words (titles, names, cards, objectives) into it. */
const lang = () => `lang=${encodeURIComponent(currentLocale())}`;
const game = (code: string) => `/api/games/${encodeURIComponent(code)}`;

/** Every game made with this key. */
export function archive(key: string) {
  return call<ArchiveReply>(`/api/archive?${lang()}`, { headers: headers({ key }) });
}

export function report(code: string, credential: Credential) {
  return call<DebriefReport>(`${game(code)}/report?${lang()}`, { headers: headers(credential) });
}

/** The game's log, each action with the time the server stored it (the facilitator's export: server/debrief/exports.ts `logExport`). */
export function actionLog(code: string, key: string) {
  return call<{ actions: Action[]; times: (number | null)[]; setup: { settings: { edition?: number } } }>(`${game(code)}/log.json`, { headers: headers({ key }) });
}

/** The board at the start and the end of every round (a key gives the facilitator's frames; nothing, the observer's). */
export function replayFrames(code: string, credential: Credential) {
  return call<ReplayReply>(`${game(code)}/replay?${lang()}`, { headers: headers(credential) });
}

export function shares(code: string, key: string) {
  return call<{ shares: ShareInfo[] }>(`${game(code)}/shares`, { headers: headers({ key }) });
}

/** A read-only link; `privateChat`: whether it reads the private talks (left out unless asked). */
export function createShareLink(code: string, key: string, request: ShareRequest) {
  return call<ShareCreated>(`${game(code)}/share`, { method: "POST", headers: headers({ key }), body: JSON.stringify(request) });
}

export function revokeShare(code: string, key: string, id: string) {
  return call<{ ok: true }>(`${game(code)}/shares/${encodeURIComponent(id)}`, { method: "DELETE", headers: headers({ key }) });
}

/** A new game from the start of `round` of this one, same seats and settings (it opens paused). */
export function fork(code: string, key: string, round: number) {
  return call<ForkReply>(`${game(code)}/fork`, { method: "POST", headers: headers({ key }), body: JSON.stringify({ round }) });
}

/** The server's comparison: every code must have been made with this key. */
export function compare(codes: string[], key: string) {
  return call<CompareReply>(`/api/compare?codes=${encodeURIComponent(codes.join(","))}&${lang()}`, { headers: headers({ key }) });
}

/** What a link a browser tab opens may carry: a short-lived ticket (the facilitator's), a share token, or nothing. Never the key. */
export type LinkAccess = { ticket: string } | { share: string } | Record<string, never>;

/** A short-lived ticket for this game's links, bought with the key (sent in a header). */
export function ticket(code: string, key: string) {
  return call<TicketReply>(`${game(code)}/ticket`, { method: "POST", headers: headers({ key }) });
}

/** Links a browser tab can open (a ticket or share token rides in the query; the server answers with no-referrer). */
export function linksFor(code: string, access: LinkAccess): GameLinks & { download: string; logDownload: string; replayPage: string } {
  const q = "ticket" in access ? `?ticket=${encodeURIComponent(access.ticket)}` : "share" in access ? `?share=${encodeURIComponent(access.share)}` : "";
  const base = game(code);
  const amp = q ? "&" : "?";
  return {
    report: `${base}/report${q}`,
    html: `${base}/report.html${q}${amp}${lang()}`,
    download: `${base}/report.html${q}${amp}download=1&${lang()}`,
    csv: `${base}/metrics.csv${q}${amp}${lang()}`,
    log: `${base}/log.json${q}`,
    logDownload: `${base}/log.json${q}${amp}download=1`,
    replay: `${base}/replay${q}`,
    replayPage: `/${encodeURIComponent(code)}/replay${"share" in access ? q : ""}`,
  };
}
