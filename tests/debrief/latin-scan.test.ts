/**
 * The Latin-word scan the Chinese and pseudo-locale checks use (tests/helpers/latin-scan.ts):
 * a deal id is a name, taken out whole, so no part of one is ever reported as a stray word.
 */
import { describe, expect, it } from "vitest";
import { strayWords } from "../helpers/latin-scan.ts";

describe("strayWords", () => {
  it("takes out a drawn deal id whole when another id, or what an allowed name leaves of one, is its start", () => {
    // A report in Chinese that names A6SK and A6MK: "SK" is allowed (SK hynix, a scenario's
    // name), and taking it out of "A6SK" leaves "A6", which is the start of "A6MK".
    expect(strayWords("美国签署 A6SK（出口管制机制）。A6MK：出口管制 +7.5", ["SK"])).toEqual([]);
    expect(strayWords("A7 已到期；A7XV（联合研发）生效", [])).toEqual([]);
  });

  it("still finds a word next to an id", () => {
    expect(strayWords("A6MK deal", [])).toEqual(["deal"]);
    expect(strayWords("A6MKdeal", [])).toEqual(["MKdeal"]);
  });
});
