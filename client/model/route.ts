/**
 * Page addresses. A teacher can say "open host:2567/HQ4M9C": the code alone is the way in.
 *   /                 start page
 *   /CODE             the game (rejoins with what this browser remembers, else the join form)
 *   /CODE/watch       projector / observer view
 *   /CODE/replay      replay viewer of a game, round by round (?share=TOKEN for a share link)
 *   /archive          the facilitator's games (by the keys this browser keeps)
 *   /compare/A+B[+C]  two or more games of one scenario side by side
 */
import { CODE_ALPHABET } from "../../shared/protocol/messages.ts";

export type Route =
  | { kind: "start" }
  | { kind: "game"; code: string }
  | { kind: "watch"; code: string }
  | { kind: "replay"; code: string }
  | { kind: "archive" }
  | { kind: "compare"; codes: string[] };

const CODE = new RegExp(`^[${CODE_ALPHABET}]{6}$`);

export function normalizeCode(text: string): string {
  return text.trim().toUpperCase().replace(/[\s-]/g, "");
}

export function isCode(text: string): boolean {
  return CODE.test(normalizeCode(text));
}

export function parseRoute(path: string): Route {
  const parts = path.split("/").filter(Boolean);
  if (parts[0] === "archive" && parts.length === 1) return { kind: "archive" };
  if (parts[0] === "compare") {
    const codes = [...new Set(decodeURIComponent(parts[1] ?? "").split(/[+,\s]+/).map(normalizeCode).filter((c) => CODE.test(c)))];
    return codes.length ? { kind: "compare", codes } : { kind: "archive" };
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
    case "compare":
      return `/compare/${route.codes.join("+")}`;
  }
}
