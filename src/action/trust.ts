// Whether an issue may be put in front of an agent that holds a write token. Everything here runs before any
// text of the issue reaches the agent, and every refusal reason is fixed text: it never echoes the issue, so a
// refusal comment cannot be used to relay a stranger's words either. Who is trusted is the shared policy
// (src/flows/policy.ts), the same the App applies.
import { findMarker, type HandoffMarker } from "../core/marker.js";
import type { CommentAuthor } from "../github/comments.js";
import type { TrustChecker } from "../flows/policy.js";

export interface IssueForTrust {
  body?: string | null;
  user: CommentAuthor | null;
  pull_request?: unknown;
  state?: string;
}

export type IssueVerdict = { trusted: true; marker: HandoffMarker } | { trusted: false; reason: string };

/**
 * The three checks, cheapest first: our marker (no request), the author, then whoever triggered the run.
 * The marker alone proves nothing (anyone can paste one), which is why the author check follows it.
 */
export async function checkIssue(issue: IssueForTrust, actor: string, checker: TrustChecker): Promise<IssueVerdict> {
  if (issue.pull_request) return { trusted: false, reason: "it is a pull request, not a handoff issue" };
  const marker = findMarker(issue.body ?? "");
  if (!marker) return { trusted: false, reason: "it does not carry a handoff marker (handoff did not file it)" };
  if (marker.kind !== "handoff") return { trusted: false, reason: "its marker is not a handoff's" };
  const author = await checker.person(issue.user, "author");
  if (!author.trusted) return author;
  const trigger = await checker.person({ login: actor }, "trigger");
  if (!trigger.trusted) return trigger;
  return { trusted: true, marker };
}
