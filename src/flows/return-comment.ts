// A return comment on a handoff issue (`/handoff return`, or a bare `kind: return` document) → one relay on the
// parent thread, and the issue settled. The 👀 reaction is the lock, as for `/handoff`: of two deliveries of the
// same comment (two replicas), one gets 201 and relays; the other gets 200 and leaves it, unless the relay already
// exists (an edit or a redelivery after the first finished: the upsert updates it) or the first 👀 is older than
// the lease (that delivery died).
import { prepareReturn } from "../core/prepare.js";
import { acquireReactionLock, reactOutcome, releaseReactionLock, type CommentRef } from "../github/reaction-lock.js";
import { upsertReplyTo } from "./comment-reply.js";
import type { CommentResult, FlowContext } from "./context.js";
import type { CommentEvent } from "./events.js";
import { authorizeReturn } from "./policy.js";
import { handoffMarkerOf, toHandoffIssue } from "./handoff-issue.js";
import { deliverReturn, relayExists, type RelayOutcome } from "./return.js";

export async function returnFromComment(ctx: FlowContext, event: CommentEvent, text: string): Promise<CommentResult> {
  const { comment, issue, repo } = event;
  const ref: CommentRef = { ...repo, comment_id: comment.id };
  const where = `return in comment ${comment.id} on ${repo.owner}/${repo.repo}#${issue.number}`;
  const author = comment.user?.login ?? "";
  const done = (summary: string): CommentResult => {
    ctx.log.info(`${where}: ${summary}`);
    return { summary: `${where}: ${summary}` };
  };
  // Whether the thread is a handoff issue is in the payload (its author and marker): no request needed.
  const handoffIssue = toHandoffIssue(repo, issue);
  const marker = issue.isPullRequest ? null : handoffMarkerOf(handoffIssue, ctx.isOurs(issue.user));
  if (!marker) return done("the thread is not a handoff issue; nothing to return to");
  const { allowed, why } = await authorizeReturn(ctx.gh, repo, comment.user ?? author, ctx.config, ctx.trustedBots);
  if (!allowed) {
    if (comment.user?.type !== "Bot") await reactOutcome(ctx.gh, ref, "failure");
    return done(`not relayed: ${why}`);
  }
  if (ctx.config.dry_run) return done("dry run; not relayed");
  // One relay per return comment: a second return on the same handoff issue is relayed as its own comment.
  const returnKey = `comment-${comment.id}`;
  const lock = await acquireReactionLock(ctx.gh, ref, ctx.now?.() ?? Date.now());
  if (lock.state === "held" && !(await relayExists(ctx.gh, handoffIssue, ctx.isOurs, returnKey))) {
    return done(
      `another delivery started ${Math.round(lock.ageMs / 1000)}s ago and has not relayed yet; leaving it to that one`,
    );
  }
  if (lock.state === "stale")
    ctx.log.info(`${where}: taking over from a delivery that started ${Math.round(lock.ageMs / 1000)}s ago`);
  // 😕, and the 👀 removed so that an edit of the comment (a second chance) or a redelivery gets the lock at once.
  const fail = async (): Promise<void> => {
    await reactOutcome(ctx.gh, ref, "failure");
    await releaseReactionLock(ctx.gh, ref, lock.reactionId);
  };
  try {
    const source = {
      type: "issue" as const,
      repo: `${repo.owner}/${repo.repo}`,
      number: issue.number,
      url: issue.html_url,
    };
    const options = { source, author, parent: marker.parent, extraPatterns: ctx.config.redact.extra_patterns };
    const prepared = await prepareReturn(text, options);
    const result = await deliverReturn(ctx.gh, {
      handoffIssue,
      marker,
      prepared,
      returnKey,
      author,
      steps: { post: false, relay: true, closeOnDone: true },
      returnUrl: comment.html_url,
      isOurs: ctx.isOurs,
      log: ctx.log,
    });
    const problem = relayProblem(result.relay);
    if (!problem) {
      await reactOutcome(ctx.gh, ref, "success");
      return done(`returned (status ${result.status ?? "not given"}); ${result.relay.state}`);
    }
    // The return is settled on the issue; only the relay is missing. Say so where the person who returned sees it.
    await replyOnIssue(
      ctx,
      event,
      `**Returned, not relayed:** ${problem}. The labels and the issue's state are settled. Editing this comment (or redelivering its webhook) tries the relay again.`,
    );
    await fail();
    return { ...done(`returned; not relayed: ${problem}`), warning: `not relayed: ${problem}` };
  } catch (error) {
    // Best effort: the original error is what matters, in the log and to the shell.
    await fail().catch(() => undefined);
    throw error;
  }
}

function relayProblem(relay: RelayOutcome): string | null {
  return relay.state === "failed" || relay.state === "refused" ? relay.why : null;
}

/** Our one reply to this return comment, on the handoff issue (upserted: a retry updates it). */
async function replyOnIssue(ctx: FlowContext, event: CommentEvent, text: string): Promise<void> {
  await upsertReplyTo(ctx.gh, ctx.isOurs, event, "return", text);
}
