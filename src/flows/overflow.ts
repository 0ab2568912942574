// Documents over GitHub's 65,536-character limit continue in comments on their issue, in order. Each part
// carries a marker with role `overflow` and its part number, so an update edits the same comments in place.
import { findMarker, renderMarker } from "../core/marker.js";
import type { HandoffMarker } from "../core/marker.js";
import type { GitHub, IssueAddress, Log } from "../github/client.js";
import type { IsOurs } from "../github/comments.js";

export interface OverflowSource {
  issue: { overflow: string[] };
  hash: string;
  document: { kind: "handoff" | "return" };
}

interface PartsContext {
  gh: GitHub;
  log: Log;
  isOurs: IsOurs;
}

/** The part's own marker when the renderer wrote one; otherwise ours, prepended. */
function partBody(
  text: string,
  index: number,
  issue: IssueAddress,
  hash: string,
  kind: HandoffMarker["kind"],
): { body: string; part: number } {
  const own = findMarker(text);
  if (own?.role === "overflow" && own.part !== undefined) return { body: text, part: own.part };
  const marker: HandoffMarker = {
    v: 1,
    kind,
    source: { type: "issue", repo: `${issue.owner}/${issue.repo}`, number: issue.issue_number, url: "" },
    hash,
    role: "overflow",
    part: index + 1,
  };
  return { body: `${renderMarker(marker)}\n${text}`, part: index + 1 };
}

/**
 * Creates or updates the overflow comments, one after another (never a burst). `fresh` = the issue was just
 * created, so there is nothing to look up.
 */
export async function syncOverflowParts(
  ctx: PartsContext,
  issue: IssueAddress,
  prepared: OverflowSource,
  fresh: boolean,
): Promise<void> {
  const parts = prepared.issue.overflow.map((text, index) =>
    partBody(text, index, issue, prepared.hash, prepared.document.kind),
  );
  const existing = new Map<number, { id: number; body: string }>();
  if (!fresh && parts.length > 0) {
    const comments = await ctx.gh.paginate("GET /repos/{owner}/{repo}/issues/{issue_number}/comments", {
      ...issue,
      per_page: 100,
    });
    for (const comment of comments) {
      if (!ctx.isOurs(comment.user) || !comment.body) continue;
      const marker = findMarker(comment.body);
      if (marker?.role === "overflow" && marker.part !== undefined)
        existing.set(marker.part, { id: comment.id, body: comment.body });
    }
  }
  for (const { body, part } of parts) {
    const current = existing.get(part);
    if (current?.body === body) continue;
    if (current)
      await ctx.gh.request("PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}", {
        owner: issue.owner,
        repo: issue.repo,
        comment_id: current.id,
        body,
      });
    else await ctx.gh.request("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", { ...issue, body });
  }
  if (parts.length > 0) ctx.log.info(`${parts.length} overflow part(s) in sync on #${issue.issue_number}`);
  const stale = [...existing.keys()].filter((part) => part > parts.length);
  if (stale.length > 0)
    ctx.log.info(
      `#${issue.issue_number}: ${stale.length} older overflow part(s) are no longer used and were left as they are`,
    );
}
