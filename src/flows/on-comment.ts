// issue_comment (created, edited, deleted) → file a `/handoff`, carry a return, or nothing: the one handler, for
// the App and the Action's `mode: file` alike.
//
// 1. decide     from the payload alone (no request): deleted, no command, a bot that would file, our own comment
//               (comment-decision.ts: a module of its own, so the Action decides before it loads the rest)
// 2. configure  `.github/handoff.yml`; when invalid, one reply says what is wrong, and 😕
// 3. act        file (file-comment.ts) or return (return-comment.ts)
import { reactOutcome } from "../github/reaction-lock.js";
import { upsertReplyTo } from "./comment-reply.js";
import { flowContext, type CommentResult, type EventContext } from "./context.js";
import { commentName, type CommentDecision } from "./comment-decision.js";
import type { CommentEvent } from "./events.js";
import { fileFromComment, type SourceComment } from "./file-comment.js";
import { returnFromComment } from "./return-comment.js";

export { commentName, decideComment, type CommentDecision } from "./comment-decision.js";

/** Acts on a decided comment: reads the configuration, then files or returns. */
export async function handleComment(
  ctx: EventContext,
  event: CommentEvent,
  decision: CommentDecision,
): Promise<CommentResult> {
  const name = commentName(event);
  if (decision.type === "none") return { summary: `${name}: ${decision.reason}` };
  const loaded = await ctx.loadConfig();
  if (!loaded.ok) {
    ctx.log.warn(`${name}: invalid configuration; nothing done`);
    await replyInvalidConfig(ctx, event, loaded.message);
    return { summary: `${name}: invalid configuration; nothing done`, failure: loaded.message.replace(/\n+/g, " ") };
  }
  const flow = flowContext(ctx, loaded.config);
  if (decision.type === "return") return returnFromComment(flow, event, decision.text);
  const source: SourceComment = {
    repo: event.repo,
    id: event.comment.id,
    body: event.comment.body,
    html_url: event.comment.html_url,
    author: event.comment.user?.login ?? "",
    thread: { number: event.issue.number, isPullRequest: event.issue.isPullRequest },
  };
  const { outcome, issue } = await fileFromComment(flow, source, decision.command);
  return { summary: `${name}: ${outcome}${issue ? ` #${issue.number} (${issue.html_url})` : ""}` };
}

/** The reply naming what is wrong with `.github/handoff.yml`, then 😕 on the comment. */
async function replyInvalidConfig(ctx: EventContext, event: CommentEvent, message: string): Promise<void> {
  await upsertReplyTo(ctx.gh, ctx.identity.isOurs, event, "handoff", message);
  await reactOutcome(ctx.gh, { ...event.repo, comment_id: event.comment.id }, "failure");
}
