// A compare-and-set without `contents: write`: the 👀 reaction on the source comment.
//
// GitHub documents (REST "Create reaction for an issue comment", and the OpenAPI description's responses)
// that `POST /repos/{o}/{r}/issues/comments/{id}/reactions` answers 201 when the reaction is new and 200
// when this identity had already added that reaction. A reaction is unique per (comment, user, content),
// so of two deliveries racing on the same comment exactly one sees 201: that one may file. A 200 means
// another delivery (on this or another replica) got there first; the reaction's `created_at` says when,
// which lets a later delivery take over when the first one evidently died (older than the lease).
// The real guarantee against duplicates remains the marker lookup, which every path re-checks.
import type { GitHub, RepoRef } from "./client.js";

/** How long a 👀 without a filed issue counts as "another delivery is still working on it". */
export const LOCK_LEASE_MS = 2 * 60 * 1000;

export type LockState =
  | { state: "acquired"; reactionId: number }
  | { state: "held"; reactionId: number; ageMs: number }
  | { state: "stale"; reactionId: number; ageMs: number };

export interface CommentRef extends RepoRef {
  comment_id: number;
}

/** Adds 👀 to the comment and reads the answer as a lock. */
export async function acquireReactionLock(
  gh: GitHub,
  comment: CommentRef,
  now: number = Date.now(),
  leaseMs: number = LOCK_LEASE_MS,
): Promise<LockState> {
  const response = await gh.request("POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions", {
    ...comment,
    content: "eyes",
  });
  const reactionId = response.data.id;
  if (response.status === 201) return { state: "acquired", reactionId };
  const ageMs = Math.max(0, now - Date.parse(response.data.created_at));
  return ageMs < leaseMs ? { state: "held", reactionId, ageMs } : { state: "stale", reactionId, ageMs };
}

/**
 * Removes our 👀 when a delivery ends without filing, so that an edit of the comment (a second chance)
 * gets 201 again instead of waiting out the lease.
 */
export async function releaseReactionLock(gh: GitHub, comment: CommentRef, reactionId: number): Promise<void> {
  await gh.request("DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions/{reaction_id}", {
    ...comment,
    reaction_id: reactionId,
  });
}

/** 🚀 on success, 😕 on failure: the outcome, visible on the comment itself. */
export async function reactOutcome(gh: GitHub, comment: CommentRef, outcome: "success" | "failure"): Promise<void> {
  await gh.request("POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions", {
    ...comment,
    content: outcome === "success" ? "rocket" : "confused",
  });
}
