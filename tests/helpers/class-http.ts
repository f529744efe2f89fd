/**
 * A class's HTTP routes as the class tests call them (docs/PROTOCOL.md, "Classes"): a POST with
 * the facilitator key when given, a game's lobby, and the class console's status. `server` is a
 * getter, as the test files' server is set once their server has started.
 */
import type { ClassStatus } from "../../shared/protocol/classes.ts";
import type { LobbyInfo } from "../../shared/protocol/messages.ts";

export function classHttp(server: () => { url: string }) {
  return {
    async post<T>(path: string, body: unknown, key?: string): Promise<T> {
      const res = await fetch(`${server().url}${path}`, { method: "POST", headers: { "content-type": "application/json", ...(key ? { "x-facilitator-key": key } : {}) }, body: JSON.stringify(body) });
      return (await res.json()) as T;
    },
    lobby: async (code: string) => (await (await fetch(`${server().url}/api/games/${code}`)).json()) as LobbyInfo,
    status: async (code: string, key: string) => (await (await fetch(`${server().url}/api/classes/${code}/status`, { headers: { "x-facilitator-key": key } })).json()) as ClassStatus,
  };
}
