/**
 * The facilitator keys this browser keeps: one per game it created or opened as facilitator
 * (SessionMemory's `chokepoint:game:CODE` entries), plus keys typed into the archive page (a
 * facilitator on a new computer). The archive asks the server for the games of each key.
 */
import type { Remembered } from "./session-memory.ts";

type Enumerable = Pick<Storage, "getItem" | "setItem" | "length" | "key">;

const GAME = /^chokepoint:game:([A-Z0-9]{6})$/;
const EXTRA = "chokepoint:keys";

/** Every (game code, facilitator key) pair this browser remembers. */
export function rememberedKeys(storage: Enumerable): { code: string; key: string }[] {
  const out: { code: string; key: string }[] = [];
  for (let i = 0; i < storage.length; i++) {
    const name = storage.key(i);
    const m = name ? GAME.exec(name) : null;
    if (!m) continue;
    try {
      const r = JSON.parse(storage.getItem(name!) ?? "{}") as Remembered;
      if (r.facilitator?.key) out.push({ code: m[1]!, key: r.facilitator.key });
    } catch {
      // a damaged entry: skip it
    }
  }
  return out.sort((a, b) => a.code.localeCompare(b.code));
}

/** Keys typed into the archive page. */
export function extraKeys(storage: Enumerable): string[] {
  try {
    const v = JSON.parse(storage.getItem(EXTRA) ?? "[]") as unknown;
    return Array.isArray(v) ? v.filter((k): k is string => typeof k === "string") : [];
  } catch {
    return [];
  }
}

export function addExtraKey(storage: Enumerable, key: string) {
  const keys = extraKeys(storage);
  if (!keys.includes(key)) storage.setItem(EXTRA, JSON.stringify([...keys, key]));
}

export function removeExtraKey(storage: Enumerable, key: string) {
  storage.setItem(EXTRA, JSON.stringify(extraKeys(storage).filter((k) => k !== key)));
}
