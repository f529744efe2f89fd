/**
 * A table of a class, as the class console's tab keeps it (session storage) for that table's
 * console opened there: its number for the top bar and the way back. The table's address stays
 * /CODE, with nothing of the class in it, since a projector may show it. Apart from
 * class-api.ts, so the entry (client/main.ts) does not load the class console's requests.
 */
type Kv = Pick<Storage, "getItem" | "setItem">;

export type ClassTable = { classCode: string; table: number };
const tableName = (game: string) => `chokepoint:class-table:${game.toUpperCase()}`;

export const rememberClassTable = (s: Kv, game: string, table: ClassTable) => s.setItem(tableName(game), JSON.stringify(table));

export function classTable(s: Pick<Storage, "getItem">, game: string): ClassTable | undefined {
  try {
    const v = JSON.parse(s.getItem(tableName(game)) ?? "null") as Partial<ClassTable> | null;
    return typeof v?.classCode === "string" && typeof v.table === "number" ? { classCode: v.classCode, table: v.table } : undefined;
  } catch {
    return undefined;
  }
}

/** How often a table's console opened from the class console says so: well within the 90 s one word counts for (server/rooms/GameRoom.ts CLASS_CONSOLE_WATCH_MS). */
const WATCH_MS = 30_000;

/**
 * While a table's console opened from the class console is open in this tab (where the class
 * console was), every table of the class counts as watched, as with the class console open: bots
 * do not end a phase early at a table whose phones all dropped (docs/RULES.md, §2). Returns the stop.
 */
export function watchClass(classCode: string, key: string): () => void {
  const say = () => void fetch(`/api/classes/${encodeURIComponent(classCode)}/watch`, { method: "POST", headers: { "x-facilitator-key": key } }).catch(() => undefined);
  say();
  const timer = setInterval(say, WATCH_MS);
  return () => clearInterval(timer);
}
