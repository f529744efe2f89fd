/**
 * Retries must not act twice. Every action a client sends carries an id it chose; the room
 * remembers the answer per seat (or the facilitator) and gives a repeat the first answer
 * without applying it again. Accepted actions are remembered durably: the id is stored with
 * the action in the log (as `WHO/ID`) and read back when the game is restored. Refusals by the
 * rules are remembered for this process's life; other refusals (rate limits, storage errors)
 * are not, so a later retry is tried again.
 */
import type { Reply } from "../../shared/protocol/messages.ts";

type Answer = Reply<{ version: number }>;
/** Oldest answers are forgotten past this many (per game); logged ids come back on a restore. */
const MAX_REMEMBERED = 20_000;

export class ActionIds {
  private answers = new Map<string, Answer | Promise<Answer>>();

  /** The id stored in the log for `who`'s action `id`. */
  static logId(who: string, id: string): string {
    return `${who}/${id}`;
  }

  /**
   * Rebuilds the answers of a restored game from its log: each action is one version
   * (shared/engine/apply.ts), so the one at position i answered `finalVersion - (n - 1 - i)`.
   */
  static fromLog(entries: { id?: string }[], finalVersion: number): ActionIds {
    const ids = new ActionIds();
    entries.forEach((e, i) => {
      if (e.id) ids.answers.set(e.id, { ok: true, version: finalVersion - (entries.length - 1 - i) });
    });
    return ids;
  }

  /** The first answer to `who`'s action `id`, or what `run` answers if this id is new. */
  answer(who: string, id: string, run: (logId: string) => Answer | Promise<Answer>): Answer | Promise<Answer> {
    const key = ActionIds.logId(who, id);
    const known = this.answers.get(key);
    if (known) return known;
    const result = run(key);
    if (result instanceof Promise) {
      // A repeat arriving while the first is still being stored waits for the same answer.
      const pending = result.then(
        (answer) => this.settle(key, answer),
        (err: unknown) => {
          this.answers.delete(key);
          throw err;
        },
      );
      this.answers.set(key, pending);
      this.trim();
      return pending;
    }
    this.settle(key, result);
    this.trim();
    return result;
  }

  private settle(key: string, answer: Answer): Answer {
    if (answer.ok || answer.error.code.startsWith("rule/")) this.answers.set(key, answer);
    else this.answers.delete(key);
    return answer;
  }

  private trim() {
    if (this.answers.size <= MAX_REMEMBERED) return;
    for (const key of this.answers.keys()) {
      if (this.answers.size <= MAX_REMEMBERED) break;
      this.answers.delete(key);
    }
  }
}
