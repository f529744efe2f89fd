/**
 * The causes of a change, by where they come from. One event card or one deal can reach a
 * number along many paths: a plant fire is a shortage in each of sixteen countries, and each
 * shortage a line of the table's resilience (shared/engine/resolution.ts, `shortages`). Read
 * one by one, the card hides among "16 other causes"; grouped, it is one line with its sum.
 * Presentation only: the recorded causes stay as they are, and still add up to the change.
 */
import { text, textId, type Arg, type Text } from "./text.ts";
import type { Cause } from "./types.ts";
import { DEAL_ID } from "./deal-ids.ts";


/**
 * The one event card or deal a cause comes from, as a label to show for its group: the card's
 * own cause ("Fire at a car-chip plant"), or the deal's id. Undefined when it has none, or
 * several (a shortage that both a ban and a regime caused stays a line of its own).
 */
export function causeSource(label: Text): Text | undefined {
  const found = new Map<string, Text>();
  collect(label, found);
  return found.size === 1 ? [...found.values()][0] : undefined;
}

function collect(t: Text, found: Map<string, Text>): void {
  if (t.key === "cause.card" || t.key === "cause.pressure" || t.key === "cause.pressureMet") {
    found.set(textId(t), t);
    return;
  }
  const id = t.args?.id;
  if (typeof id === "string" && DEAL_ID.test(id)) {
    const deal = text("cause.source.deal", { id });
    found.set(textId(deal), deal);
    return;
  }
  for (const arg of Object.values(t.args ?? {})) collectArg(arg, found);
}

function collectArg(a: Arg, found: Map<string, Text>): void {
  if (typeof a !== "object") return;
  if ("list" in a) for (const x of a.list) collectArg(x, found);
  else if ("key" in a) collect(a, found);
}

/**
 * Causes with the same source summed into one line labelled by it (when two or more share it),
 * the rest as they are; largest first. The amounts still add up to the change.
 */
export function groupCauses(causes: readonly Cause[]): Cause[] {
  const groups = new Map<string, { label: Text; amount: number; count: number; first: Cause }>();
  const out: (Cause | string)[] = [];
  for (const c of causes) {
    const source = causeSource(c.label);
    if (!source) {
      out.push(c);
      continue;
    }
    const key = textId(source);
    const g = groups.get(key);
    if (g) {
      g.amount += c.amount;
      g.count++;
    } else {
      groups.set(key, { label: source, amount: c.amount, count: 1, first: c });
      out.push(key);
    }
  }
  return out
    .map((x) => {
      if (typeof x !== "string") return x;
      const g = groups.get(x)!;
      return g.count > 1 ? { label: g.label, amount: g.amount } : g.first;
    })
    .sort((a, b) => Math.abs(b.amount) - Math.abs(a.amount));
}
