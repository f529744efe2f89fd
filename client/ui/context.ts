/** What every panel of the game screen may use: the latest view, requests, and navigation. */
import type { Agreement } from "../../shared/engine/types.ts";
import type { ClientView } from "../../shared/protocol/view.ts";
import type { DealForm } from "../model/deal-form.ts";
import type { GameConnection } from "../net/connection.ts";
import type { SessionMemory } from "../net/session-memory.ts";
import type { ClassTable } from "../net/class-table.ts";
import type { Store } from "../state/store.ts";

export type TabId = "lobby" | "country" | "talks" | "deals" | "review" | "world" | "console" | "table";

export type UiContext = {
  code: string;
  store: Store;
  conn: GameConnection;
  memory: SessionMemory;
  view(): ClientView | undefined;
  openProfile(countryId: string, from?: HTMLElement | null): void;
  /** `start`: fields the new draft starts with (the guide's suggested partner). */
  openBuilder(mode?: { amend?: Agreement; counter?: Agreement; type?: Agreement["type"]; start?: Partial<DealForm> }, from?: HTMLElement | null): void;
  selectTab(tab: TabId, focus?: boolean): void;
  openChannel(channelId: string): void;
  /** The room's screen (/CODE/watch): the public board in large type, for everyone at once; an observer's own screen is not one. */
  projector: boolean;
  /** Whether bots take the seats nobody holds when the game starts (the lobby info says; the view does not carry it). */
  bots: boolean;
  /** The event card's clock at this table, a card (the lobby info says; absent where none was read). */
  eventSeconds?: number;
  /** The class this game is a table of (its lobby info says), and the table's number. */
  classTable?: ClassTable;
  /** A new game with the same settings and a new seed, this browser in the same place. */
  playAgain?(): Promise<{ ok: true } | { ok: false; message: string }>;
  /** Highlights a country on the board (from a list row) without moving focus. */
  highlight(countryId: string | undefined): void;
  /**
   * Resolves after the board's first frame (or once it failed): work the first frame does not
   * show, such as the projector's QR code, waits for it.
   */
  boardShown: Promise<void>;
};

export interface Panel {
  readonly el: HTMLElement;
  render(view: ClientView): void;
  /** Called when the panel comes back on screen (a detached list forgets where it was scrolled). */
  shown?(): void;
}
