// The issue's comments an agent may read (with `include-comments`): written by a writer or a listed bot,
// and written before this step began, so that nobody can slip a comment in between the trust check and
// the agent's start. Our own machine comments (claims, refusals, failure notes) are noise to an agent;
// an earlier return is not: it says what a previous session already did.
import { findMarker } from "../core/marker.js";
import type { GitHub, IssueAddress, Log } from "../github/client.js";
import type { IsOurs } from "../github/comments.js";
import type { TrustChecker } from "../flows/policy.js";

export interface ThreadComment {
  id: number;
  author: string;
  createdAt: string;
  url: string;
  body: string;
}

export interface SelectedComments {
  included: ThreadComment[];
  /** How many were left out, and why; logged, never shown to the agent. */
  skipped: { untrusted: number; tooNew: number; machine: number };
}

export async function selectComments(
  gh: GitHub,
  issue: IssueAddress,
  options: { startedAt: Date; checker: TrustChecker; isOurs: IsOurs; log: Log },
): Promise<SelectedComments> {
  const included: ThreadComment[] = [];
  const skipped = { untrusted: 0, tooNew: 0, machine: 0 };
  const comments = await gh.paginate("GET /repos/{owner}/{repo}/issues/{issue_number}/comments", {
    ...issue,
    per_page: 100,
  });
  for (const comment of comments) {
    if (Date.parse(comment.created_at) >= options.startedAt.getTime()) {
      skipped.tooNew++;
      continue;
    }
    const marker = comment.body ? findMarker(comment.body) : null;
    if (marker && options.isOurs(comment.user) && marker.role !== "return") {
      skipped.machine++;
      continue;
    }
    const verdict = await options.checker.person(comment.user, "commenter");
    if (!verdict.trusted) {
      skipped.untrusted++;
      options.log.info(`comment ${comment.id} left out: ${verdict.reason}`);
      continue;
    }
    included.push({
      id: comment.id,
      author: comment.user?.login ?? "ghost",
      createdAt: comment.created_at,
      url: comment.html_url,
      body: comment.body ?? "",
    });
  }
  return { included, skipped };
}
