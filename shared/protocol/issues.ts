/**
 * Zod's complaints about a malformed message turned into the one line its sender reads:
 * "draft.terms.sector: sector must be one of "semis", "ai", … — it is "bananas"". Used wherever
 * input is refused (the room's requests and joins, the HTTP API, the engine's own input check),
 * so every refusal names its field the same way, in plain words from the one home of them
 * (shared/scenario/plain-issues.ts) as a catalog text each reader gets in their language, and
 * quoting no more of what was sent than a short piece (a path's keys and a value are cut short).
 */
import type { z } from "zod";
import { text, type Text } from "../engine/text.ts";
import { clip, plainText } from "../scenario/plain-issues.ts";
import { formatPath } from "../scenario/validate.ts";

type Issue = z.core.$ZodIssue;

/**
 * The issue to report: the first one, and inside a union (whose "Invalid input" names no field)
 * the issue of the branch that came closest (fewest issues), with the full path; in plain words
 * about `input`, the value that was parsed (`schema`, its schema, tells what number a field wants).
 */
export function firstIssue(issues: readonly Issue[], input: unknown, schema?: z.ZodType): { path: string; text: Text } | undefined {
  const first = issues[0];
  if (!first) return undefined;
  const i = deepest(first);
  return { path: clip(formatPath(i.path.map((k) => (typeof k === "string" ? clip(k) : k))), 120), text: plainText(i, input, schema) };
}

/** "path: what is wrong" (the engine's `refusal.input`), or "malformed request" when zod gave no issue at all. */
export function issueText(issues: readonly Issue[], input: unknown, schema?: z.ZodType): Text {
  const i = firstIssue(issues, input, schema);
  return i ? text("refusal.input", { path: i.path, detail: i.text }) : text("issue.malformed");
}

function deepest(issue: Issue): Issue {
  if (issue.code !== "invalid_union" || !issue.errors.length) return issue;
  const branch = [...issue.errors].sort((a, b) => a.length - b.length)[0];
  const inner = branch?.[0];
  return inner ? deepest({ ...inner, path: [...issue.path, ...inner.path] } as Issue) : issue;
}
