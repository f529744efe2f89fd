/**
 * The client's single store: the latest view the server sent, who this browser is in the game,
 * and the state of the connection. The network seam writes it; panels and the board read it
 * and subscribe. No DOM, no network: unit tests drive it directly.
 */
import type { Notice, Welcome } from "../../shared/protocol/messages.ts";
import type { ClientView } from "../../shared/protocol/view.ts";

/** `closed`: the game is over and its room has closed (the server keeps its report and replay, not its room). */
export type Status = "idle" | "connecting" | "connected" | "reconnecting" | "lost" | "closed";

export type StoreState = {
  status: Status;
  view?: ClientView;
  me?: Welcome;
  /** Server time − local time, ms. */
  offset: number;
  /** The last notices from the server, newest last. */
  notices: (Notice & { at: number })[];
  error?: string;
  /** The seat was opened in another tab or on another device, which holds it now (the server closed this connection). */
  elsewhere?: boolean;
  /** The teacher removed this person from the class, or moved them to another of its tables (the server closed this connection saying which). */
  sentAway?: "removed" | "moved";
  /** The class's table a student was moved to, as the server's close named it (shared/protocol/messages.ts `MovedToSchema`). */
  movedTo?: number;
};

type Listener = (state: StoreState, previous: StoreState) => void;

export class Store {
  private state: StoreState = { status: "idle", offset: 0, notices: [] };
  private listeners = new Set<Listener>();

  get(): StoreState {
    return this.state;
  }

  set(patch: Partial<StoreState>) {
    const previous = this.state;
    this.state = { ...previous, ...patch };
    for (const l of [...this.listeners]) l(this.state, previous);
  }

  notice(n: Notice, at = Date.now()) {
    this.set({ notices: [...this.state.notices.slice(-19), { ...n, at }] });
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

export const store = new Store();
