/**
 * The notes this tab saved to a game, kept in the tab's session storage: the server sends notes
 * to the facilitator's report only (docs/PROTOCOL.md, `note`), so an observer could not reread
 * what they wrote. Only the writer's own notes are here; a closed tab forgets them (the report
 * keeps them all). Pure but for the storage it is given.
 */
export type SavedNote = { kind: "note" | "finding"; text: string; at: number; round: number };

type Store = Pick<Storage, "getItem" | "setItem">;

/** At most this many per game in a tab (a game keeps 2,000 notes in all: server/rooms/requests.ts). */
export const SAVED_NOTES_KEPT = 200;

const notesKey = (code: string) => `chokepoint:notes:${code.toUpperCase()}`;

export function savedNotes(store: Store | undefined, code: string): SavedNote[] {
  try {
    const list = JSON.parse(store?.getItem(notesKey(code)) ?? "[]") as unknown;
    return Array.isArray(list) ? list.filter((n): n is SavedNote => !!n && typeof n.text === "string" && typeof n.at === "number") : [];
  } catch {
    return [];
  }
}

export function saveNote(store: Store | undefined, code: string, note: SavedNote): SavedNote[] {
  const next = [...savedNotes(store, code), note].slice(-SAVED_NOTES_KEPT);
  try {
    store?.setItem(notesKey(code), JSON.stringify(next));
  } catch {
    // A full or refused storage: the note is in the report all the same.
  }
  return next;
}
