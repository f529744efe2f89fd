/**
 * The facilitator's rule for private channels between countries (bilateral and minilateral):
 * open, within a bloc, or closed. It holds for opening a channel and for writing in one opened
 * before the rule changed, so "plenary only" means the plenary only. A country's own team
 * channel, the plenary and the broadcast are not private channels between countries.
 */
import { country, text, type Text } from "./text.ts";
import type { ChannelKind, ChannelPolicy } from "./types.ts";

export type PolicyRefusal = { code: "rule/channels_closed" | "rule/channel_blocked"; text: Text };

/** Why `members` may not talk privately under `policy` (null when they may); `me` is the one asking; `countries` give the blocs. */
export function channelPolicyRefusal(policy: ChannelPolicy | undefined, kind: ChannelKind, members: readonly string[], me: string, countries: readonly { id: string; bloc?: string }[]): PolicyRefusal | null {
  if (kind !== "bilateral" && kind !== "minilateral") return null;
  if (policy === "closed") return { code: "rule/channels_closed", text: text("refusal.channelsClosed") };
  if (policy === "same-bloc") {
    const blocOf = (id: string) => countries.find((c) => c.id === id)?.bloc;
    const outsider = members.find((m) => blocOf(m) !== blocOf(me));
    if (outsider) return { code: "rule/channel_blocked", text: text("refusal.channelBlocked", { country: country(outsider) }) };
  }
  return null;
}
