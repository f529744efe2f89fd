/**
 * Page addresses. A teacher can say "open host:2567/HQ4M9C": the code alone is the way in.
 *   /                 start page
 *   /CODE             the game (rejoins with what this browser remembers, else the join form)
 *   /CODE?to=table    a class's code: straight on to the table its place token names, else its join form
 *   /CODE/watch       projector / observer view
 *   /CODE/replay      replay viewer of a game, round by round (?share=TOKEN for a share link)
 *   /archive          the facilitator's games (by the keys this browser keeps)
 *   /how-to-play      the rules, with a short summary first
 *   /compare/A+B[+C]  two or more games of one scenario side by side
 *   /class/CODE       the class console: join screen, every table, commands to all
 *   /teaching         the teaching kit (docs/TEACHING.md): plans, briefs, glossary
 */
import { CODE_ALPHABET } from "../../shared/protocol/messages.ts";
import { list, t } from "../i18n/index.ts";

export type Route =
  | { kind: "start" }
  | { kind: "game"; code: string }
  | { kind: "watch"; code: string }
  | { kind: "replay"; code: string }
  | { kind: "archive" }
  | { kind: "howto" }
  | { kind: "compare"; codes: string[] }
  | { kind: "class"; code: string }
  | { kind: "teaching" };

const CODE = new RegExp(`^[${CODE_ALPHABET}]{6}$`);

export function normalizeCode(text: string): string {
  return text.trim().toUpperCase().replace(/[\s-]/g, "");
}

export function isCode(text: string): boolean {
  return CODE.test(normalizeCode(text));
}

/** Letters and digits that codes leave out because they are easily confused (O and 0, I and 1...). */
export const UNUSED_IN_CODES = [..."ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"].filter((c) => !CODE_ALPHABET.includes(c));

/**
 * What is wrong with a typed code, in terms a player can act on: the characters codes never
 * use (in the order typed), or its length. Undefined when it is a well-formed code.
 */
export function codeProblem(text: string): { kind: "unused"; chars: string[] } | { kind: "length"; length: number } | { kind: "other"; chars: string[] } | undefined {
  const code = normalizeCode(text);
  if (CODE.test(code)) return undefined;
  const typed = [...new Set(code)];
  const unused = typed.filter((c) => UNUSED_IN_CODES.includes(c));
  if (unused.length) return { kind: "unused", chars: unused };
  const other = typed.filter((c) => !CODE_ALPHABET.includes(c));
  if (other.length) return { kind: "other", chars: other };
  return { kind: "length", length: code.length };
}

/**
 * "Go to my new table" (client/ui/game-screen.ts): the class's page, which takes a student the
 * teacher moved on to her new seat at once, as its "Back to my table" does (client/ui/class/class-forms.ts).
 */
export const onwardPath = (classCode: string) => `/${classCode}?to=table`;
export const isOnward = (search: string) => new URLSearchParams(search).get("to") === "table";

export function parseRoute(path: string): Route {
  const parts = path.split("/").filter(Boolean);
  if (parts[0] === "archive" && parts.length === 1) return { kind: "archive" };
  if (parts[0] === "how-to-play" && parts.length === 1) return { kind: "howto" };
  if (parts[0] === "compare") {
    const codes = [...new Set(decodeURIComponent(parts[1] ?? "").split(/[+,\s]+/).map(normalizeCode).filter((c) => CODE.test(c)))];
    return codes.length ? { kind: "compare", codes } : { kind: "archive" };
  }
  if (parts[0] === "teaching" && parts.length === 1) return { kind: "teaching" };
  if (parts[0] === "class") {
    const c = normalizeCode(decodeURIComponent(parts[1] ?? ""));
    return CODE.test(c) ? { kind: "class", code: c } : { kind: "start" };
  }
  const code = parts[0] ? normalizeCode(decodeURIComponent(parts[0])) : "";
  if (!code || !CODE.test(code)) return { kind: "start" };
  if (parts[1] === "watch") return { kind: "watch", code };
  if (parts[1] === "replay") return { kind: "replay", code };
  return { kind: "game", code };
}

export function routePath(route: Route): string {
  switch (route.kind) {
    case "start":
      return "/";
    case "game":
      return `/${route.code}`;
    case "watch":
      return `/${route.code}/watch`;
    case "replay":
      return `/${route.code}/replay`;
    case "archive":
      return "/archive";
    case "howto":
      return "/how-to-play";
    case "compare":
      return `/compare/${route.codes.join("+")}`;
    case "class":
      return `/class/${route.code}`;
    case "teaching":
      return "/teaching";
  }
}

/** The sentence for a code that cannot be one: which characters are never used, or its length. */
export function codeError(text: string): string {
  const problem = codeProblem(text);
  if (!problem) return "";
  if (problem.kind === "unused") return t("error.code.unused", { chars: list(problem.chars), unused: UNUSED_IN_CODES.join(" ") });
  if (problem.kind === "other") return t("error.code.other", { chars: problem.chars.map((c) => `“${c}”`).join(" ") });
  return t("error.code.length", { count: problem.length });
}
