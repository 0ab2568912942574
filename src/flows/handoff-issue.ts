// A handoff issue as the return flows read it, whichever shell fetched it (a webhook payload or the REST API), and
// the two facts they take from it: whether it is one (our marker, from a trusted author) and its parent thread.
import { labelNames } from "../core/labels.js";
import { findMarker, type HandoffMarker } from "../core/marker.js";
import { parseIssueAddress, type IssueAddress, type RepoRef } from "../github/client.js";
import type { CommentAuthor } from "../github/comments.js";

export interface HandoffIssue {
  repo: RepoRef;
  number: number;
  body: string;
  html_url: string;
  state: "open" | "closed";
  labels: string[];
  /** Who wrote the issue: its marker counts only when that is us. */
  user: CommentAuthor | null;
}

/** The issue as a webhook payload or the REST API gives it: labels may be names or label objects. */
export interface IssueLike {
  number: number;
  body?: string | null;
  html_url: string;
  state?: string;
  labels?: ReadonlyArray<string | { name?: string | null }>;
  user: CommentAuthor | null;
}

/** One reading of an issue for `deliverReturn`, whichever shell fetched it. */
export function toHandoffIssue(repo: RepoRef, issue: IssueLike): HandoffIssue {
  return {
    repo,
    number: issue.number,
    body: issue.body ?? "",
    html_url: issue.html_url,
    state: issue.state === "closed" ? "closed" : "open",
    labels: labelNames(issue.labels),
    user: issue.user,
  };
}

/** The parent thread of a handoff issue, from its marker. */
export function parentOf(marker: HandoffMarker): IssueAddress | null {
  if (marker.parent) return parseIssueAddress(marker.parent);
  if (marker.source.type === "comment") return parseIssueAddress(`${marker.source.repo}#${marker.source.thread}`);
  return null;
}

/** The handoff issue's own marker when the issue is one (`trusted`: its author is us, or passes the policy). */
export function handoffMarkerOf(issue: HandoffIssue, trusted: boolean): HandoffMarker | null {
  const marker = trusted ? findMarker(issue.body) : null;
  return marker && marker.role === undefined ? marker : null;
}
