/**
 * What this browser remembers about the games it joined, so a refresh returns to the same
 * seat: per game code, the player's name and seat token, the facilitator key, and which of
 * them this tab was using. Takes Storage objects so tests can pass a Map-backed fake.
 */
export type Remembered = {
  player?: { name: string; token?: string; seat?: string };
  facilitator?: { key: string };
  /** The game is a quick game ("Play now"), as its lobby said when this browser joined it. */
  quick?: boolean;
  /** What this browser created the game with (scenario and settings), for "Play again". */
  created?: { scenarioId: string; settings: Record<string, unknown> };
  observer?: { name?: string };
};
export type As = "player" | "facilitator" | "observer";

type Store = Pick<Storage, "getItem" | "setItem" | "removeItem">;

const gameKey = (code: string) => `chokepoint:game:${code.toUpperCase()}`;
const tabKey = (code: string) => `chokepoint:tab:${code.toUpperCase()}`;
const readKey = (code: string) => `chokepoint:read:${code.toUpperCase()}`;
const openTabKey = (code: string) => `chokepoint:open-tab:${code.toUpperCase()}`;

export class SessionMemory {
  constructor(
    private local: Store,
    private tab: Store,
  ) {}

  get(code: string): Remembered {
    try {
      return JSON.parse(this.local.getItem(gameKey(code)) ?? "{}") as Remembered;
    } catch {
      return {};
    }
  }

  update(code: string, patch: Remembered, as?: As) {
    const next = { ...this.get(code), ...patch };
    this.local.setItem(gameKey(code), JSON.stringify(next));
    if (as) this.tab.setItem(tabKey(code), as);
  }

  forget(code: string, as: As) {
    const next = this.get(code);
    delete next[as];
    this.local.setItem(gameKey(code), JSON.stringify(next));
    if (this.tab.getItem(tabKey(code)) === as) this.tab.removeItem(tabKey(code));
  }

  /** Whether `code` is a quick game ("Play now"), made in this browser or known from its lobby: no facilitator runs it. */
  quickGame(code: string): boolean {
    const r = this.get(code);
    return r.quick === true || r.created?.settings.quickStart === true;
  }

  /** How this tab should rejoin `code` after a refresh: what it used last, else the strongest it knows. */
  resumeAs(code: string): As | undefined {
    const r = this.get(code);
    const last = this.tab.getItem(tabKey(code)) as As | null;
    if (last && r[last]) return last;
    if (r.facilitator) return "facilitator";
    if (r.player?.token) return "player";
    return undefined;
  }

  /** The panel tab this browser tab had open in `code` (a reload comes back to it; another tab has its own). */
  openTab(code: string): string | undefined {
    return this.tab.getItem(openTabKey(code)) ?? undefined;
  }

  saveOpenTab(code: string, tab: string) {
    try {
      this.tab.setItem(openTabKey(code), tab);
    } catch {
      // Storage refused (a private window's quota): the tab is not restored after a reload.
    }
  }

  readMarks(code: string): Record<string, number> {
    try {
      return JSON.parse(this.local.getItem(readKey(code)) ?? "{}") as Record<string, number>;
    } catch {
      return {};
    }
  }

  saveReadMarks(code: string, marks: Record<string, number>) {
    this.local.setItem(readKey(code), JSON.stringify(marks));
  }
}

/** A Storage-like object kept in memory (for tests, and when the browser blocks storage). */
export function memoryStorage(): Store {
  const m = new Map<string, string>();
  return { getItem: (k) => m.get(k) ?? null, setItem: (k, v) => void m.set(k, v), removeItem: (k) => void m.delete(k) };
}
