/**
 * The HTTP half of the network seam: scenarios, game creation and lobby lookups. Every
 * failure comes back as a sentence from the catalog or the server, never as an exception
 * the page has to decode.
 */
import type { ShareCreated } from "../../shared/protocol/debrief.ts";
import type { CreateGameReply, CreateGameRequest, LobbyInfo, ScenarioSummary } from "../../shared/protocol/messages.ts";
import { t } from "../i18n/index.ts";
import { clockOffset } from "../model/countdown.ts";

export type HttpResult<T> = { ok: true; value: T; offset: number } | { ok: false; status: number; message: string; code?: string };

export async function call<T>(path: string, init?: RequestInit): Promise<HttpResult<T>> {
  const sent = Date.now();
  let res: Response;
  try {
    res = await fetch(path, { ...init, headers: { accept: "application/json", ...(init?.body ? { "content-type": "application/json" } : {}), ...init?.headers } });
  } catch {
    return { ok: false, status: 0, message: t("error.network") };
  }
  const offset = clockOffset(res.headers.get("date"), sent, Date.now());
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    body = undefined;
  }
  const error = (body as { error?: { code?: string; message?: string } } | undefined)?.error;
  if (!res.ok || (body as { ok?: boolean } | undefined)?.ok === false) {
    return { ok: false, status: res.status, message: error?.message ?? `${res.status} ${res.statusText}`, ...(error?.code ? { code: error.code } : {}) };
  }
  return { ok: true, value: body as T, offset };
}

export function listScenarios() {
  return call<ScenarioSummary[]>("/api/scenarios");
}

export function createGame(request: CreateGameRequest) {
  return call<CreateGameReply>("/api/games", { method: "POST", body: JSON.stringify(request) });
}

export function lobbyInfo(code: string) {
  return call<LobbyInfo>(`/api/games/${encodeURIComponent(code)}`);
}

/** A read-only share link to the game's report (facilitator only). */
export function createShare(code: string, key: string) {
  return call<ShareCreated>(`/api/games/${encodeURIComponent(code)}/share`, { method: "POST", headers: { "x-facilitator-key": key } });
}
