// issue_comment.created / edited / deleted → a `/handoff` (file), a return (relay), or nothing.
// Cheap filters first, on the payload alone: a comment without the command, a deleted comment, and a bot's
// comment that is not a return all cost zero requests.
import type { Context } from "probot";
import { findMarker } from "../core/marker.js";
import { fileFromComment, type SourceComment } from "../flows/file-comment.js";
import type { FlowContext } from "../flows/context.js";
import { withMarker } from "../flows/messages.js";
import { looksLikeReturnDocument, parseCommand, type HandoffCommand } from "../flows/parse-command.js";
import { authorizeReturn } from "../flows/policy.js";
import { deliverReturn, relayExists, toHandoffIssue } from "../flows/return.js";
import { sameLogin } from "../github/app-identity.js";
import { identityOf, writtenByUs } from "../flows/identity.js";
import type { IssueAddress } from "../github/client.js";
import { upsertComment } from "../github/comments.js";
import { acquireReactionLock, reactOutcome, releaseReactionLock } from "../github/reaction-lock.js";
import { readConfig } from "./config.js";
import type { AppDeps } from "./deps.js";

type CommentContext = Context<"issue_comment.created" | "issue_comment.edited" | "issue_comment.deleted">;

type Intent = { type: "file"; command: HandoffCommand } | { type: "return"; text: string };

/** What the comment asks for, from its text and author alone; null with a reason when nothing. */
export function commentIntent(body: string, authorType: string | undefined): Intent | { type: "none"; reason: string } {
  const command = parseCommand(body);
  if (command?.kind === "return") return { type: "return", text: command.document };
  if (!command && looksLikeReturnDocument(body)) return { type: "return", text: body };
  // Bots may only return (a trusted agent's identity); they never file.
  if (authorType === "Bot") return { type: "none", reason: "comments by bots are ignored" };
  if (!command) return { type: "none", reason: "no /handoff command" };
  return { type: "file", command };
}

export function onComment(deps: AppDeps) {
  return async (context: CommentContext): Promise<void> => {
    const { payload, log } = context;
    const { comment, issue, repository } = payload;
    const where = `comment ${comment.id} on ${repository.full_name}#${issue.number}`;
    if (payload.action === "deleted") {
      log.info(`${where} was deleted; an issue filed from it stays as it is (it may already be in progress)`);
      return;
    }
    const intent = commentIntent(comment.body ?? "", comment.user?.type);
    if (intent.type === "none") {
      log.debug(`${where}: ${intent.reason}`);
      return;
    }
    // Only a bot's comment can be ours, so a person's costs nothing here; the bot login is cached per process.
    if (comment.user?.type === "Bot" && writtenByUs(comment.body ?? "", comment.user, identityOf(await deps.botLogin()))) {
      log.debug(`${where}: the comment was written by handoff`);
      return;
    }
    // A repeated X-GitHub-Delivery is the webhook server's to skip (src/server/deliveries.ts); the lock makes a
    // second delivery about the same comment (an edit, another hook) wait, then find the first one's issue.
    await deps.mutex.run(`${repository.full_name}#comment:${comment.id}`, async () => {
      const gh = context.octokit;
      const repo = { owner: repository.owner.login, repo: repository.name };
      const thread: IssueAddress = { ...repo, issue_number: issue.number };
      const botLogin = await deps.botLogin();
      const isOurs = (user: { login: string } | null | undefined) => sameLogin(user?.login, botLogin);

      const loaded = await readConfig(context);
      if (!loaded.ok) {
        log.warn(`${where}: invalid configuration; nothing done`);
        const source = { type: "comment" as const, repo: repository.full_name, commentId: comment.id, url: comment.html_url, thread: issue.number };
        const body = withMarker({ v: 1, kind: "handoff", source, hash: "", role: "reply" }, loaded.message);
        await upsertComment(gh, thread, body, isOurs, (m) => m.role === "reply" && m.source.type === "comment" && m.source.commentId === comment.id);
        await reactOutcome(gh, { ...repo, comment_id: comment.id }, "failure");
        return;
      }
      const ctx: FlowContext = { gh, config: loaded.config, log, botLogin, isOurs, now: deps.now };
      const author = comment.user?.login ?? "";

      if (intent.type === "file") {
        const source: SourceComment = {
          repo,
          id: comment.id,
          body: comment.body ?? "",
          html_url: comment.html_url,
          author,
          thread: { number: issue.number, isPullRequest: Boolean(issue.pull_request) },
        };
        const outcome = await fileFromComment(ctx, source, intent.command);
        log.info(`${where}: ${outcome}`);
      } else {
        await relayReturn(ctx, context, intent.text);
      }
    });
  };
}

/**
 * A return comment on a handoff issue → one relay on the parent thread. The 👀 reaction is the lock, as for
 * `/handoff`: of two deliveries of the same comment (two replicas), one gets 201 and relays; the other gets 200
 * and leaves it, unless the relay already exists (an edit or a redelivery after the first finished: the upsert
 * updates it) or the first 👀 is older than the lease (that delivery died).
 */
async function relayReturn(ctx: FlowContext, context: CommentContext, text: string): Promise<void> {
  const { comment, issue, repository } = context.payload;
  const repo = { owner: repository.owner.login, repo: repository.name };
  const ref = { ...repo, comment_id: comment.id };
  const where = `return in comment ${comment.id} on ${repository.full_name}#${issue.number}`;
  const author = comment.user?.login ?? "";
  // Whether the thread is a handoff issue is in the payload (its author and marker): no request needed.
  if (issue.pull_request || !ctx.isOurs(issue.user) || !findMarker(issue.body ?? "")) {
    ctx.log.info(`${where}: the thread is not a handoff issue; nothing to return to`);
    return;
  }
  const { allowed, why } = await authorizeReturn(ctx.gh, repo, author, ctx.config);
  if (!allowed) {
    ctx.log.info(`${where}: not relayed: ${why}`);
    if (comment.user?.type !== "Bot") await reactOutcome(ctx.gh, ref, "failure");
    return;
  }
  if (ctx.config.dry_run) {
    ctx.log.info(`${where}: dry run; not relayed`);
    return;
  }
  const handoffIssue = toHandoffIssue(repo, issue);
  // One relay per return comment: a second return on the same handoff issue is relayed as its own comment.
  const returnKey = `comment-${comment.id}`;
  const lock = await acquireReactionLock(ctx.gh, ref, ctx.now?.() ?? Date.now());
  if (lock.state !== "acquired") {
    if (lock.state === "held" && !(await relayExists(ctx.gh, handoffIssue, ctx.isOurs, returnKey))) {
      ctx.log.info(`${where}: another delivery started ${Math.round(lock.ageMs / 1000)}s ago and has not relayed yet; leaving it to that one`);
      return;
    }
    if (lock.state === "stale") ctx.log.info(`${where}: taking over from a delivery that started ${Math.round(lock.ageMs / 1000)}s ago`);
  }
  // 😕, and the 👀 removed so that an edit of the comment (a second chance) gets the lock at once.
  const fail = async (): Promise<void> => {
    await reactOutcome(ctx.gh, ref, "failure");
    await releaseReactionLock(ctx.gh, ref, lock.reactionId);
  };
  try {
    const result = await deliverReturn(ctx.gh, {
      handoffIssue,
      returnText: text,
      author,
      closeOnDone: true,
      relayToParent: true,
      postOnIssue: false,
      returnUrl: comment.html_url,
      returnKey,
      extraPatterns: ctx.config.redact.extra_patterns,
      isOurs: ctx.isOurs,
      log: ctx.log,
    });
    if (result.delivered) await reactOutcome(ctx.gh, ref, "success");
    else await fail();
  } catch (error) {
    // Best effort: the original error is what matters, in the log and to Probot.
    await fail().catch(() => undefined);
    throw error;
  }
}
