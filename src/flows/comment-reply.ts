// Our one reply to a comment, in that comment's thread. Upserted by (role `reply`, this comment): a retry, an edit
// or a redelivery updates it, never adds a second.
import { upsertComment, type IsOurs } from "../github/comments.js";
import type { GitHub } from "../github/client.js";
import type { HandoffMarker } from "../core/marker.js";
import type { CommentEvent } from "./events.js";
import { withMarker } from "./messages.js";

export async function upsertReplyTo(
  gh: GitHub,
  isOurs: IsOurs,
  event: CommentEvent,
  kind: HandoffMarker["kind"],
  text: string,
): Promise<void> {
  const { comment, issue, repo } = event;
  const source = {
    type: "comment" as const,
    repo: `${repo.owner}/${repo.repo}`,
    commentId: comment.id,
    url: comment.html_url,
    thread: issue.number,
  };
  const body = withMarker({ v: 1, kind, source, hash: "", role: "reply" }, text);
  const thread = { ...repo, issue_number: issue.number };
  const isReply = (m: HandoffMarker) =>
    m.role === "reply" && m.source.type === "comment" && m.source.commentId === comment.id;
  await upsertComment(gh, thread, body, isOurs, isReply);
}
