/**
 * The Content-Security-Policy of the client's pages (dist/index.html and every path that serves
 * it). The page runs only the scripts the build made: its module files from this origin and the
 * one inline script index.html carries, named by its SHA-256 (read from the built file, so a new
 * build names its own). Text a player wrote that an escaping mistake let into the page as markup
 * would not run, and the page talks only to this server: over HTTP and its game socket on the host
 * the browser asked for. No frame-ancestors: a school may show the game inside its learning platform.
 */
import { createHash } from "node:crypto";

const INLINE_SCRIPT = /<script>([\s\S]*?)<\/script>/g;

/** The inline scripts' hashes in a built index.html, as CSP sources. */
function inlineScriptSources(indexHtml: string): string[] {
  return [...indexHtml.matchAll(INLINE_SCRIPT)].map((m) => `'sha256-${createHash("sha256").update(m[1]!, "utf8").digest("base64")}'`);
}

/** A host header fit to name in a policy (a name or address and a port); anything else is left out. */
const HOST = /^[a-z0-9.-]+(:\d{1,5})?$|^\[[0-9a-f:.]+\](:\d{1,5})?$/i;

/** The policy for a page of the client built as `indexHtml`, asked for on `host`. */
export function clientPagePolicy(indexHtml: string): (host: string | undefined) => string {
  const scripts = ["'self'", ...inlineScriptSources(indexHtml)].join(" ");
  return (host) => {
    const sockets = host && HOST.test(host) ? ` ws://${host} wss://${host}` : "";
    return [
      "default-src 'self'",
      `script-src ${scripts}`,
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data: blob:",
      "font-src 'self' data:",
      `connect-src 'self'${sockets}`,
      "object-src 'none'",
      "base-uri 'none'",
      "form-action 'self'",
    ].join("; ");
  };
}
