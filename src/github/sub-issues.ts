// Linking a new issue under its parent. GitHub only links an issue under an issue (never a pull request)
// of the same owner, at most 100 per parent; everything it refuses falls back to a plain text link, which
// the rendered body already carries, so a refusal is a note, never a failure.
import { MAX_SUB_ISSUES } from "../core/limits.js";
import { statusOf, type GitHub, type IssueAddress, type RepoRef } from "./client.js";

export type SubIssueResult = { linked: true } | { linked: false; reason: string };

export interface LinkRequest {
  parent: IssueAddress;
  /** Whether the parent is known (from the payload) to be a pull request: then no request is made. */
  parentIsPullRequest: boolean;
  child: RepoRef & { id: number };
}

/** Decides from what is already known whether GitHub could link them; null when it could. */
export function subIssueObstacle(request: LinkRequest): string | null {
  if (request.parentIsPullRequest) return "a pull request cannot be a parent issue";
  if (request.parent.owner.toLowerCase() !== request.child.owner.toLowerCase()) {
    return "a parent issue must belong to the same owner";
  }
  return null;
}

export async function linkSubIssue(gh: GitHub, request: LinkRequest): Promise<SubIssueResult> {
  const obstacle = subIssueObstacle(request);
  if (obstacle) return { linked: false, reason: obstacle };
  try {
    await gh.request("POST /repos/{owner}/{repo}/issues/{issue_number}/sub_issues", {
      ...request.parent,
      sub_issue_id: request.child.id,
    });
    return { linked: true };
  } catch (error) {
    const status = statusOf(error);
    // 422: already linked elsewhere, the parent is full (100), or the parent is a pull request;
    // 404/403/410: no such parent or no access. All are the user's data, not our bug.
    if (status === 422)
      return {
        linked: false,
        reason: `GitHub refused the link (a parent holds at most ${MAX_SUB_ISSUES} sub-issues; pull requests cannot be parents)`,
      };
    if (status === 404 || status === 403 || status === 410)
      return { linked: false, reason: "the parent issue was not found or is not accessible" };
    throw error;
  }
}
