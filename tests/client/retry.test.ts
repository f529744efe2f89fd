/** The client's side of "retries must not act twice": one action id per action, the same on every try. */
import { describe, expect, it } from "vitest";
import { newActionId, sendAction } from "../../client/net/retry.ts";
import { ActionIdSchema, type Reply } from "../../shared/protocol/messages.ts";

const offline: Reply<Record<string, unknown>> = { ok: false, error: { code: "client/offline", message: "Reconnecting…" } };

describe("sendAction", () => {
  it("sends an unanswered action again, after the reconnection, with the same id", async () => {
    const sent: Record<string, unknown>[] = [];
    let reconnects = 0;
    const replies = [offline, { ok: false as const, error: { code: "client/no_reply", message: "no reply" } }, { ok: true as const, version: 7 }];
    const reply = await sendAction(
      { type: "chat", channel: "plenary", text: "hello" },
      async (body) => (sent.push(body), replies.shift()!),
      async () => (reconnects++, true),
    );
    expect(reply).toEqual({ ok: true, version: 7 });
    expect(sent).toHaveLength(3);
    expect(reconnects).toBe(2);
    expect(new Set(sent.map((b) => b.actionId)).size).toBe(1);
    expect(sent[0]).toMatchObject({ type: "chat", channel: "plenary", text: "hello" });
    expect(ActionIdSchema.safeParse(sent[0]!.actionId).success).toBe(true);
  });

  it("never repeats an answered action, refused or not, and stops when the connection does not come back", async () => {
    let sends = 0;
    const refused = await sendAction({ type: "ready", ready: true }, async () => (sends++, { ok: false as const, error: { code: "rule/wrong_phase", message: "not now" } }), async () => true);
    expect(refused.ok).toBe(false);
    expect(sends).toBe(1);
    sends = 0;
    const gaveUp = await sendAction({ type: "ready", ready: true }, async () => (sends++, offline), async () => false);
    expect(gaveUp).toEqual(offline);
    expect(sends).toBe(1);
  });

  it("each action gets its own id", () => {
    const ids = new Set(Array.from({ length: 1000 }, newActionId));
    expect(ids.size).toBe(1000);
    for (const id of [...ids].slice(0, 20)) expect(ActionIdSchema.safeParse(id).success).toBe(true);
  });
});
