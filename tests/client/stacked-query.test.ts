/**
 * The upright tablet's layout has one condition: client/phone.css writes its rules with the
 * queries client/ui/dom.ts decides with (the event card and the guide fold where the map sits
 * above the panel; the top bar's short words, which the guide names, on a phone either way up too).
 * client/ui/console/console.css too: the console's parts stick at the top of the panel's own
 * column exactly where phone.css lays a phone on its side out with no top bar.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LANDSCAPE_PHONE_QUERY, SHORT_BAR_QUERY, STACKED_QUERY, UPRIGHT_TABLET_QUERY } from "../../client/ui/dom.ts";

const root = join(import.meta.dirname, "..", "..");
const css = readFileSync(join(root, "client", "phone.css"), "utf8");
const consoleCss = readFileSync(join(root, "client", "ui", "console", "console.css"), "utf8");

describe("client/phone.css, client/ui/console/console.css and client/ui/dom.ts", () => {
  it("the tablet's and the phone on its side's layouts, the folding cards and the short bar use the queries the code decides with", () => {
    expect(css).toContain(`@media ${UPRIGHT_TABLET_QUERY} {`);
    expect(css).toContain(`@media ${STACKED_QUERY} {`);
    expect(css).toContain(`@media ${LANDSCAPE_PHONE_QUERY} {`);
    expect(css).toContain(`@media ${SHORT_BAR_QUERY} {`);
  });

  it("the console's parts stick under no bar on a phone on its side: the phone's layout's query", () => {
    expect(consoleCss).toContain(`@media ${LANDSCAPE_PHONE_QUERY} {`);
  });
});
