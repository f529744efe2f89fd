/**
 * Class mode over HTTP (server/classes/routes.ts): create a class, look a code up, be placed
 * at a table, the console's status and commands, and the CSV exports (fetched with the key
 * in a header, never in an address; the page saves them as files).
 */
import { PLACE_HEADER } from "../../shared/protocol/archive.ts";
import type { ClassCommand, ClassCommandReply, ClassInfo, ClassJoinReply, ClassStatus, CreateClassReply, CreateClassRequest, MoveStudentReply, MoveStudentRequest, RemoveStudentRequest, RemoveUnjoinedReply, RemoveUnjoinedRequest } from "../../shared/protocol/classes.ts";
import { call, refusalWords } from "./http.ts";
import type { Text } from "../../shared/engine/text.ts";
import { currentLocale } from "../i18n/index.ts";

const KEY_HEADER = "x-facilitator-key";
const enc = encodeURIComponent;
/** The reader's language: the server puts the scenario's words (cards, names) and the CSV headings into it. */
const lang = () => `lang=${enc(currentLocale())}`;

export const createClass = (request: CreateClassRequest, key?: string) =>
  call<CreateClassReply>("/api/classes", { method: "POST", body: JSON.stringify(request), ...(key ? { headers: { [KEY_HEADER]: key } } : {}) });
/** `place`: this browser's place token in the class, if it has one (an address locked for wrong codes still answers it). */
export const classInfo = (code: string, place?: string) => call<ClassInfo>(`/api/classes/${enc(code)}?${lang()}`, place ? { headers: { [PLACE_HEADER]: place } } : undefined);
export const joinClass = (code: string, name: string, token?: string) =>
  call<ClassJoinReply>(`/api/classes/${enc(code)}/join`, { method: "POST", body: JSON.stringify({ name, ...(token ? { token } : {}) }) });
export const classStatus = (code: string, key: string) => call<ClassStatus>(`/api/classes/${enc(code)}/status?${lang()}`, { headers: { [KEY_HEADER]: key } });
export const classCommand = (code: string, key: string, command: ClassCommand) =>
  call<ClassCommandReply>(`/api/classes/${enc(code)}/command`, { method: "POST", body: JSON.stringify(command), headers: { [KEY_HEADER]: key } });
/** Unchecked here: ./http.ts `networkAddresses` validates it. */
export const joinAddresses = (code: string, key: string) => call<unknown>(`/api/classes/${enc(code)}/addresses`, { headers: { [KEY_HEADER]: key } });
export const removeStudent = (code: string, key: string, request: RemoveStudentRequest) =>
  call<{ ok: true }>(`/api/classes/${enc(code)}/remove`, { method: "POST", body: JSON.stringify(request), headers: { [KEY_HEADER]: key } });
/** Moves a student of the class to another of its tables (docs/PROTOCOL.md, "Classes"). */
export const moveStudent = (code: string, key: string, request: MoveStudentRequest) =>
  call<MoveStudentReply>(`/api/classes/${enc(code)}/move?${lang()}`, { method: "POST", body: JSON.stringify(request), headers: { [KEY_HEADER]: key } });
/** Removes the students listed who still never came to their table (docs/PROTOCOL.md, "Classes"). */
export const removeUnjoined = (code: string, key: string, request: RemoveUnjoinedRequest) =>
  call<RemoveUnjoinedReply>(`/api/classes/${enc(code)}/remove-unjoined`, { method: "POST", body: JSON.stringify(request), headers: { [KEY_HEADER]: key } });

/** A CSV export, headed in the reader's language: the file, or an error sentence. */
export async function fetchCsv(path: string, key: string): Promise<{ ok: true; file: Blob } | { ok: false; problem: string }> {
  let res: Response;
  try {
    res = await fetch(`${path}${path.includes("?") ? "&" : "?"}${lang()}`, { headers: { [KEY_HEADER]: key } });
  } catch {
    return { ok: false, problem: "network" };
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => undefined)) as { error?: { message?: string; text?: Text } } | undefined;
    return { ok: false, problem: refusalWords(body?.error) ?? `${res.status}` };
  }
  return { ok: true, file: await res.blob() };
}

// What this browser keeps about classes: the teacher's key, a student's place token.
const classKeyName = (code: string) => `chokepoint:class:${code.toUpperCase()}`;
const placeName = (code: string) => `chokepoint:class-place:${code.toUpperCase()}`;
type Kv = Pick<Storage, "getItem" | "setItem">;

export const classKey = (s: Kv, code: string) => s.getItem(classKeyName(code)) ?? undefined;
export const rememberClassKey = (s: Kv, code: string, key: string) => s.setItem(classKeyName(code), key);
export const placeToken = (s: Kv, code: string) => s.getItem(placeName(code)) ?? undefined;
export const rememberPlace = (s: Kv, code: string, token: string) => s.setItem(placeName(code), token);
