// One comment per purpose, updated in place: a redelivered webhook or a re-run must never post twice.
// The comment's identity lives in our hidden marker; only markers in comments written by us count,
// because anyone can paste a copy of a marker into their own comment.
import { findMarker } from "../core/marker.js";
import type { HandoffMarker } from "../core/marker.js";
import { idOf, type GitHub, type IssueAddress } from "./client.js";

export interface CommentAuthor {
  login: string;
  type?: string;
}

/** Decides whether a comment's author is us (the App's bot, or the workflow's token identity). */
export type IsOurs = (author: CommentAuthor | null | undefined) => boolean;

export interface FoundComment {
  id: number;
  body: string;
  html_url: string;
  marker: HandoffMarker;
}

/** The first comment on the thread written by us whose marker satisfies `match`, or null. */
export async function findOurComment(
  gh: GitHub,
  thread: IssueAddress,
  isOurs: IsOurs,
  match: (marker: HandoffMarker) => boolean,
): Promise<FoundComment | null> {
  const iterator = gh.paginate.iterator("GET /repos/{owner}/{repo}/issues/{issue_number}/comments", {
    ...thread,
    per_page: 100,
  });
  for await (const page of iterator) {
    for (const comment of page.data) {
      if (!isOurs(comment.user) || !comment.body) continue;
      const marker = findMarker(comment.body);
      if (marker && match(marker)) {
        return { id: comment.id, body: comment.body, html_url: comment.html_url, marker };
      }
    }
  }
  return null;
}

export interface UpsertResult {
  id: number;
  html_url: string;
  action: "created" | "updated" | "unchanged";
}

/** Creates the comment, or updates ours in place when one with a matching marker exists. */
export async function upsertComment(
  gh: GitHub,
  thread: IssueAddress,
  body: string,
  isOurs: IsOurs,
  match: (marker: HandoffMarker) => boolean,
): Promise<UpsertResult> {
  const existing = await findOurComment(gh, thread, isOurs, match);
  if (existing) {
    if (existing.body === body) return { id: existing.id, html_url: existing.html_url, action: "unchanged" };
    const { data } = await gh.request("PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}", {
      owner: thread.owner,
      repo: thread.repo,
      comment_id: existing.id,
      body,
    });
    return { id: idOf(data.id), html_url: data.html_url, action: "updated" };
  }
  const { data } = await gh.request("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", { ...thread, body });
  return { id: idOf(data.id), html_url: data.html_url, action: "created" };
}
