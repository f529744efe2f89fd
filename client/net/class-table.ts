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
