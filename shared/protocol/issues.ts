/**
 * Zod's complaints turned into the one line a person reads: "draft.terms.sector: Invalid
 * option…". Used wherever input is refused (the room's requests and joins, the HTTP API,
 * the engine's own input check), so every refusal names its field the same way.
 */
import type { z } from "zod";
import { formatPath } from "../scenario/validate.ts";

type Issue = Pick<z.core.$ZodIssue, "path" | "message"> & { errors?: Issue[][] };

/**
 * The issue to report: the first one, and inside a union (whose "Invalid input" names no
 * field) the issue of the branch that came closest (fewest issues), with the full path.
 */
export function firstIssue(issues: readonly Issue[]): { path: string; message: string } | undefined {
  const first = issues[0];
  if (!first) return undefined;
  const i = deepest(first);
  return { path: formatPath(i.path), message: i.message };
}

/** "path: message", or "malformed request" when zod gave no issue at all. */
export function issueText(issues: readonly Issue[]): string {
  const i = firstIssue(issues);
  return i ? `${i.path}: ${i.message}` : "malformed request";
}

function deepest(issue: Issue): Issue {
  if (!issue.errors?.length) return issue;
  const branch = [...issue.errors].sort((a, b) => a.length - b.length)[0];
  const inner = branch?.[0];
  return inner ? deepest({ ...inner, path: [...issue.path, ...inner.path] }) : issue;
}
