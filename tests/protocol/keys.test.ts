/**
 * A facilitator's or teacher's key is shown once and may be written down by hand: made of the
 * join codes' alphabet (no I, l, O, 0 to misread), shown in groups of four, and read back
 * however it was typed (with the groups' spaces, in lower case). Keys made before, in another
 * alphabet, still open their games exactly as typed.
 */
import { describe, expect, it } from "vitest";
import { newKey } from "../../server/codes.ts";
import { CODE_ALPHABET, KEY_LENGTH, keyGroups, typedKey } from "../../shared/protocol/messages.ts";

describe("a key written by hand", () => {
  it("has no look-alike characters and about 147 bits", () => {
    const keys = Array.from({ length: 200 }, newKey);
    for (const k of keys) {
      expect(k).toHaveLength(KEY_LENGTH);
      expect(k).toMatch(new RegExp(`^[${CODE_ALPHABET}]+$`));
      expect(k).not.toMatch(/[IlO0o1]/);
    }
    expect(new Set(keys).size).toBe(keys.length);
    expect(KEY_LENGTH * Math.log2(CODE_ALPHABET.length)).toBeGreaterThan(144);
  });

  it("is shown in groups of four and read back from them, in any case", () => {
    const k = newKey();
    const grouped = keyGroups(k).join(" ");
    expect(keyGroups(k)).toHaveLength(8);
    expect(typedKey(grouped)).toBe(k);
    expect(typedKey(`  ${grouped.toLowerCase()}\n`)).toBe(k);
  });

  it("a key of the old kind is read exactly as typed, only without spaces around it", () => {
    expect(typedKey(" RdX3FbIv4b8l3HQcDnL6O7Zn ")).toBe("RdX3FbIv4b8l3HQcDnL6O7Zn");
    expect(typedKey("a-b_cDefghijk")).toBe("a-b_cDefghijk");
  });
});
