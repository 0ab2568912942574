// Finding the issues we filed. The source's identity lives in the hidden marker of each issue's body; the
// list endpoint filtered by label and creator is a consistent read, unlike the search index, which lags
// by seconds to minutes and would let a redelivery file a second issue.
import { labelNames, LABELS } from "../core/labels.js";
import { openFirstThenNewest } from "../core/issue-order.js";
import { findMarker } from "../core/marker.js";
import type { HandoffMarker, HandoffSource } from "../core/marker.js";
import { sameLogin } from "./app-identity.js";
import type { GitHub, RepoRef } from "./client.js";

export interface OurIssue {
  number: number;
  /** The numeric id, which the sub-issue API wants (not the number). */
  id: number;
  state: "open" | "closed";
  title: string;
  body: string;
  html_url: string;
  labels: string[];
  marker: HandoffMarker;
}

/**
 * Every issue (open or closed) labelled `handoff`, created by `creator`, whose body carries our marker.
 * Pull requests are skipped (the issues endpoint lists them too). One request per 100 issues.
 */
export async function listOurIssues(gh: GitHub, repo: RepoRef, creator: string): Promise<OurIssue[]> {
  const found: OurIssue[] = [];
  const iterator = gh.paginate.iterator("GET /repos/{owner}/{repo}/issues", {
    ...repo,
    labels: LABELS.handoff,
    creator,
    state: "all",
    per_page: 100,
  });
  for await (const page of iterator) {
    for (const issue of page.data) {
      if (issue.pull_request || !issue.body || !sameLogin(issue.user?.login, creator)) continue;
      const marker = findMarker(issue.body);
      if (!marker || marker.role !== undefined) continue;
      found.push({
        number: issue.number,
        id: issue.id,
        state: issue.state === "closed" ? "closed" : "open",
        title: issue.title,
        body: issue.body,
        html_url: issue.html_url,
        labels: labelNames(issue.labels),
        marker,
      });
    }
  }
  return found;
}

/** Whether two sources name the same origin (a comment by id, a file by path, an issue by number). */
export function sameSource(a: HandoffSource, b: HandoffSource): boolean {
  if (a.repo.toLowerCase() !== b.repo.toLowerCase()) return false;
  if (a.type === "comment" && b.type === "comment") return a.commentId === b.commentId;
  if (a.type === "file" && b.type === "file") return a.path === b.path;
  if (a.type === "issue" && b.type === "issue") return a.number === b.number;
  return false;
}

/** The issue filed from this source; an open one wins over closed ones, then the newest. */
export function findIssueForSource(issues: readonly OurIssue[], source: HandoffSource): OurIssue | null {
  const matching = issues.filter((issue) => sameSource(issue.marker.source, source));
  matching.sort(openFirstThenNewest);
  return matching[0] ?? null;
}
