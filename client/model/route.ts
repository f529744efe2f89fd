/**
 * Page addresses. A teacher can say "open host:2567/HQ4M9C": the code alone is the way in.
 *   /                 start page
 *   /CODE             the game (rejoins with what this browser remembers, else the join form)
 *   /CODE/watch       projector / observer view
 */
import { CODE_ALPHABET } from "../../shared/protocol/messages.ts";

export type Route = { kind: "start" } | { kind: "game"; code: string } | { kind: "watch"; code: string };

const CODE = new RegExp(`^[${CODE_ALPHABET}]{6}$`);

export function normalizeCode(text: string): string {
  return text.trim().toUpperCase().replace(/[\s-]/g, "");
}

export function isCode(text: string): boolean {
  return CODE.test(normalizeCode(text));
}

export function parseRoute(path: string): Route {
  const parts = path.split("/").filter(Boolean);
  const code = parts[0] ? normalizeCode(decodeURIComponent(parts[0])) : "";
  if (!code || !CODE.test(code)) return { kind: "start" };
  if (parts[1] === "watch") return { kind: "watch", code };
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
  }
}
