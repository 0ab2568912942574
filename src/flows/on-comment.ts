// issue_comment (created, edited, deleted) → file a `/handoff`, carry a return, or nothing: the one handler, for
// the App and the Action's `mode: file` alike.
//
// 1. decide     from the payload alone (no request): deleted, no command, a bot that would file, our own comment
// 2. configure  `.github/handoff.yml`; when invalid, one reply says what is wrong, and 😕
// 3. act        file (file-comment.ts) or return (return-comment.ts)
import { reactOutcome } from "../github/reaction-lock.js";
import { upsertReplyTo } from "./comment-reply.js";
import { flowContext, type CommentResult, type EventContext } from "./context.js";
import type { CommentEvent } from "./events.js";
import { fileFromComment, type SourceComment } from "./file-comment.js";
import { writtenByUs, type Identity } from "./identity.js";
import { looksLikeReturnDocument, parseCommand, type HandoffCommand } from "./parse-command.js";
import { returnFromComment } from "./return-comment.js";

export type CommentDecision =
  { type: "none"; reason: string } | { type: "file"; command: HandoffCommand } | { type: "return"; text: string };

/** Where a comment is, for log lines. */
export function commentName(event: CommentEvent): string {
  return `comment ${event.comment.id} on ${event.repo.owner}/${event.repo.repo}#${event.issue.number}`;
}

/**
 * What the comment asks for, from its text and author alone. Bots may only return (a trusted agent's identity),
 * never file. Our own comments (replies, relays, posted returns) are never acted on; only a bot's comment can be
 * ours, so `identity` is asked for (the App's costs `GET /app` once per process) only then.
 */
export async function decideComment(event: CommentEvent, identity: () => Promise<Identity>): Promise<CommentDecision> {
  if (event.action === "deleted")
    return { type: "none", reason: "it was deleted; an issue filed from it stays as it is" };
  const { body, user } = event.comment;
  const command = parseCommand(body);
  const isBot = user?.type === "Bot";
  let decision: CommentDecision;
  if (command?.kind === "return") decision = { type: "return", text: command.document };
  else if (!command && looksLikeReturnDocument(body)) decision = { type: "return", text: body };
  else if (isBot) return { type: "none", reason: "comments by bots are ignored" };
  else if (!command) return { type: "none", reason: "no /handoff command" };
  else decision = { type: "file", command };
  if (isBot && writtenByUs(body, user, await identity()))
    return { type: "none", reason: "the comment was written by handoff" };
  return decision;
}

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
  const outcome = await fileFromComment(flow, source, decision.command);
  return { summary: `${name}: ${outcome}` };
}

/** The reply naming what is wrong with `.github/handoff.yml`, then 😕 on the comment. */
async function replyInvalidConfig(ctx: EventContext, event: CommentEvent, message: string): Promise<void> {
  await upsertReplyTo(ctx.gh, ctx.identity.isOurs, event, "handoff", message);
  await reactOutcome(ctx.gh, { ...event.repo, comment_id: event.comment.id }, "failure");
}
