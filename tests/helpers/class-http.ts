/**
 * A class's HTTP routes as the class tests call them (docs/PROTOCOL.md, "Classes"): a POST with
 * the facilitator key when given, a game's lobby, and the class console's status. `server` is a
 * getter, as the test files' server is set once their server has started.
 */
import type { ClassStatus, CreateClassReply } from "../../shared/protocol/classes.ts";
import type { LobbyInfo } from "../../shared/protocol/messages.ts";

export function classHttp(server: () => { url: string }) {
  async function post<T>(path: string, body: unknown, key?: string): Promise<T> {
    const res = await fetch(`${server().url}${path}`, { method: "POST", headers: { "content-type": "application/json", ...(key ? { "x-facilitator-key": key } : {}) }, body: JSON.stringify(body) });
    return (await res.json()) as T;
  }
  return {
    post,
    /** A class of one table of the classroom quick start, bots on, clocks long enough that phases move only when the test says. */
    async oneTable(teams: boolean): Promise<CreateClassReply> {
      return post<CreateClassReply>("/api/classes", { scenarioId: "classroom-quick", tables: 1, settings: { teams, bots: true, seed: 4, eventSeconds: 600, negotiationSeconds: 3600, reviewSeconds: 600 } });
    },
    lobby: async (code: string) => (await (await fetch(`${server().url}/api/games/${code}`)).json()) as LobbyInfo,
    status: async (code: string, key: string) => (await (await fetch(`${server().url}/api/classes/${code}/status`, { headers: { "x-facilitator-key": key } })).json()) as ClassStatus,
  };
}
