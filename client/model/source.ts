/**
 * A card's source as a link: the address without the tracking tails sites append
 * (utm_*, int_source, fbclid, ...), and a short text to show (the site and the path).
 */

/** Query keys that only track where a reader came from; they never change the page. */
const TRACKING = /^(utm_\w+|int_\w+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|igshid|yclid|_ga|_gl|ref_src|ref_url|cmpid|ocid|smid|sr_share|share_source|spm|at_\w+)$/i;

export type SourceLink = { href: string; text: string };

/** Drops tracking parameters (and a fragment of only tracking), keeping every other part. */
export function stripTracking(address: string): string {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return address;
  }
  for (const key of [...url.searchParams.keys()]) if (TRACKING.test(key)) url.searchParams.delete(key);
  if (/^#?(utm_|int_)/i.test(url.hash)) url.hash = "";
  const out = url.toString();
  // URL keeps a bare "?" when every parameter went.
  return out.replace(/\?(#|$)/, "$1");
}

/** A link to show, or undefined when the text is not a web address. */
export function sourceLink(address: string): SourceLink | undefined {
  const href = stripTracking(address.trim());
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return undefined;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return undefined;
  const path = url.pathname.replace(/\/$/, "");
  const text = `${url.hostname.replace(/^www\./, "")}${path.length > 40 ? `${path.slice(0, 39)}…` : path}`;
  return { href, text };
}
