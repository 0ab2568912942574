// Over 250 lines: one flow, `fileFromComment`, whose steps below share one comment, one context and their early
// exits; split, each part would pass them on.
//
// `/handoff` in a comment → one redacted, labelled, linked issue, and one reply in the source thread.
//
// 1. lock      👀 on the comment: 201 = ours to file; 200 = another delivery started (see reaction-lock.ts)
// 2. authorise the collaborator-permission API, never `author_association`
// 3. prepare   redact → parse → render (fails closed on RedactionError)
// 4. find      the issue already filed from this comment, by marker (consistent list, not search)
// 5. write     create (assignees, overflow parts, sub-issue) or update when the hash changed
// 6. reply     upserted by marker; then 🚀 (or 😕 on any failure)
//
// Shell-agnostic: plain event data in, a `GitHub` client and a `Log`; the App calls it, the Action could.
import { RedactionError } from "../core/redact/error.js";
import { prepareIssue, type PreparedIssue } from "../core/prepare.js";
import type { HandoffSource } from "../core/marker.js";
import type { IssueAddress, RepoRef } from "../github/client.js";
import { upsertComment } from "../github/comments.js";
import { findIssueForSource, listOurIssues, type OurIssue } from "../github/issues.js";
import { hasPermission } from "../github/permission.js";
import {
  acquireReactionLock,
  reactOutcome,
  releaseReactionLock,
  type CommentRef,
  type LockState,
} from "../github/reaction-lock.js";
import { withCommandTitle } from "./command-document.js";
import type { FlowContext } from "./context.js";
import { createHandoffIssue } from "./create-issue.js";
import { details, diagnosticLine, redactionLine, withMarker } from "./messages.js";
import { USAGE, type HandoffCommand } from "./parse-command.js";
import { syncOverflowParts } from "./overflow.js";

export interface SourceComment {
  repo: RepoRef;
  id: number;
  body: string;
  html_url: string;
  author: string;
  /** The issue or pull request the comment is on. */
  thread: { number: number; isPullRequest: boolean };
}

export type CommentOutcome = "filed" | "updated" | "unchanged" | "previewed" | "denied" | "usage" | "invalid" | "busy";

/** The outcome, and the issue filed, updated or found unchanged: what the shell's one log line names. */
export interface FileResult {
  outcome: CommentOutcome;
  issue?: { number: number; html_url: string };
}

function repoName(repo: RepoRef): string {
  return `${repo.owner}/${repo.repo}`;
}

function sourceOf(comment: SourceComment): Extract<HandoffSource, { type: "comment" }> {
  return {
    type: "comment",
    repo: repoName(comment.repo),
    commentId: comment.id,
    url: comment.html_url,
    thread: comment.thread.number,
  };
}

/** Posts (or updates) our one reply on the source thread. */
async function reply(ctx: FlowContext, comment: SourceComment, hash: string, text: string): Promise<void> {
  const source = sourceOf(comment);
  const thread: IssueAddress = { ...comment.repo, issue_number: comment.thread.number };
  const body = withMarker({ v: 1, kind: "handoff", source, hash, role: "reply" }, text);
  const result = await upsertComment(
    ctx.gh,
    thread,
    body,
    ctx.isOurs,
    (m) => m.role === "reply" && m.source.type === "comment" && m.source.commentId === comment.id,
  );
  ctx.log.info(`reply ${result.action} on ${repoName(comment.repo)}#${comment.thread.number}`);
}

export async function fileFromComment(
  ctx: FlowContext,
  comment: SourceComment,
  command: HandoffCommand,
): Promise<FileResult> {
  const ref: CommentRef = { ...comment.repo, comment_id: comment.id };
  const name = `comment ${comment.id} on ${repoName(comment.repo)}#${comment.thread.number}`;
  const now = ctx.now?.() ?? Date.now();

  // 1. lock. Outside the main `try` below, yet a failure here must still reach the thread: on a pull request, an
  // App without `pull_requests: write` gets 403 for the 👀 itself, and the person saw nothing at all.
  let lock: LockState;
  try {
    lock = await acquireReactionLock(ctx.gh, ref, now);
  } catch (error) {
    await reply(ctx, comment, "", interruptedText(error)).catch((replyError: unknown) =>
      ctx.log.warn(`${name}: could not reply either (${(replyError as { status?: number }).status ?? "no status"})`),
    );
    throw error;
  }
  let known: OurIssue[] | undefined;
  if (lock.state !== "acquired") {
    known = await listOurIssues(ctx.gh, comment.repo, ctx.botLogin);
    if (!findIssueForSource(known, sourceOf(comment)) && lock.state === "held") {
      ctx.log.info(
        `${name}: another delivery started ${Math.round(lock.ageMs / 1000)}s ago and has not filed yet; leaving it to that one`,
      );
      return { outcome: "busy" };
    }
    if (lock.state === "stale")
      ctx.log.info(`${name}: taking over from a delivery that started ${Math.round(lock.ageMs / 1000)}s ago`);
  }

  const release = async (outcome: "failure" | null): Promise<void> => {
    if (outcome) await reactOutcome(ctx.gh, ref, outcome);
    await releaseReactionLock(ctx.gh, ref, lock.reactionId);
  };

  try {
    // 2. authorise
    const { allowed, permission } = await hasPermission(
      ctx.gh,
      comment.repo,
      comment.author,
      ctx.config.minimum_permission,
    );
    if (!allowed) {
      ctx.log.info(
        `${name}: ${comment.author} has ${permission} permission, below ${ctx.config.minimum_permission}; not filing`,
      );
      await reply(
        ctx,
        comment,
        "",
        `Not filed: filing a handoff needs \`${ctx.config.minimum_permission}\` permission on this repository, and \`${comment.author}\` has \`${permission}\`.`,
      );
      await release("failure");
      return { outcome: "denied" };
    }
    if (command.document === "") {
      ctx.log.info(`${name}: /handoff without a document; replying with usage`);
      await reply(ctx, comment, "", USAGE);
      await release("failure");
      return { outcome: "usage" };
    }

    // 3. prepare
    const source = sourceOf(comment);
    let prepared: PreparedIssue;
    try {
      prepared = await prepareIssue(withCommandTitle(command.document, command.title), {
        source,
        author: comment.author,
        parent: `${repoName(comment.repo)}#${comment.thread.number}`,
        labels: ctx.config.labels,
        extraPatterns: ctx.config.redact.extra_patterns,
      });
    } catch (error) {
      if (!(error instanceof RedactionError)) throw error;
      ctx.log.warn(`${name}: redaction could not be completed (${error.message}); nothing filed`);
      await reply(
        ctx,
        comment,
        "",
        "Not filed: the document could not be checked for secrets safely, so nothing was posted. Shorten it or split it, and try again.",
      );
      await release("failure");
      return { outcome: "invalid" };
    }
    if (prepared.errors.length > 0) {
      ctx.log.info(`${name}: the document has ${prepared.errors.length} error(s); not filing`);
      const lines = prepared.errors.map((d) => `- ${diagnosticLine(d)}`).join("\n");
      await reply(
        ctx,
        comment,
        prepared.hash,
        `Not filed: the document has errors (lines counted from the line after \`/handoff\`).\n\n${lines}`,
      );
      await release("failure");
      return { outcome: "invalid" };
    }

    if (command.dryRun || ctx.config.dry_run) {
      ctx.log.info(`${name}: dry run; replying with a preview`);
      const preview = details(`Preview: ${prepared.issue.title}`, prepared.issue.body);
      await reply(
        ctx,
        comment,
        prepared.hash,
        `Dry run: nothing was filed. This is the issue that would be.\n\n${preview}\n\n${redactionLine(prepared.redactions)}`,
      );
      await release(null);
      return { outcome: "previewed" };
    }

    // 4. find
    known ??= await listOurIssues(ctx.gh, comment.repo, ctx.botLogin);
    const existing = findIssueForSource(known, source);

    // 5. write
    const notes: string[] = [];
    let outcome: CommentOutcome;
    let issue: { number: number; html_url: string };
    if (existing) {
      issue = existing;
      if (existing.marker.hash === prepared.hash) {
        ctx.log.info(`${name}: #${existing.number} already has this content; no update`);
        outcome = "unchanged";
      } else {
        await ctx.gh.request("PATCH /repos/{owner}/{repo}/issues/{issue_number}", {
          ...comment.repo,
          issue_number: existing.number,
          title: prepared.issue.title,
          body: prepared.issue.body,
        });
        await syncOverflowParts(ctx, { ...comment.repo, issue_number: existing.number }, prepared, false);
        ctx.log.info(`${name}: updated #${existing.number}`);
        outcome = "updated";
      }
    } else {
      const thread = `${repoName(comment.repo)}#${comment.thread.number}`;
      const created = await createHandoffIssue(ctx, comment.repo, prepared, {
        thread,
        threadIsPullRequest: comment.thread.isPullRequest,
      });
      issue = created;
      notes.push(...created.notes);
      outcome = "filed";
    }

    // 6. reply
    const verb = outcome === "filed" ? "Filed" : outcome === "updated" ? "Updated" : "Filed earlier:";
    await reply(
      ctx,
      comment,
      prepared.hash,
      [`${verb} #${issue.number} — ${prepared.issue.title}`, redactionLine(prepared.redactions), ...notes].join("\n\n"),
    );
    // Also when unchanged: a delivery that filed but failed before its 🚀 (a 5xx on the reply) is completed by
    // a redelivery that finds the issue unchanged, and only that redelivery can still say so. 200 when present.
    await reactOutcome(ctx.gh, ref, "success");
    return { outcome, issue };
  } catch (error) {
    // Best effort: the original error is what matters, in the log and to Probot. The person who wrote the
    // comment sees one reply (upserted: a later success replaces it) besides the 😕, not only a log line.
    await reply(ctx, comment, "", interruptedText(error)).catch(() => undefined);
    await release("failure").catch(() => undefined);
    throw error;
  }
}

/** Why filing stopped, for the thread: the status and the request, never GitHub's message or the document. */
export function interruptedText(error: unknown): string {
  const status = (error as { status?: unknown }).status;
  const request = (error as { request?: { method?: unknown; url?: unknown } }).request;
  // GitHub names the permissions that would have been enough, e.g. `issues=write; pull_requests=write`.
  const headers = (error as { response?: { headers?: Record<string, unknown> } }).response?.headers;
  const acceptedHeader = headers?.["x-accepted-github-permissions"];
  const accepted =
    typeof acceptedHeader === "string" && /^[a-z_]+=[a-z]+([;,] ?[a-z_]+=[a-z]+)*$/.test(acceptedHeader)
      ? `\`${acceptedHeader}\``
      : null;
  const prHint = accepted?.includes("pull_requests=") ? " (on a pull request: the pull_requests permission)" : "";
  const route =
    typeof request?.method === "string" && typeof request.url === "string"
      ? ` to \`${request.method} ${new URL(request.url, "https://api.github.com").pathname}\``
      : "";
  const why =
    status === 403 && accepted
      ? `the App lacks a permission it needs here: GitHub accepts ${accepted} for this request${prHint}; grant it in the App's settings (Permissions) and accept it in the installation`
      : status === 403
        ? "the App lacks a permission it needs here, or GitHub is rate-limiting it"
        : status === 404
          ? "something it needed was deleted or is not visible to the App"
          : status === 410
            ? "issues are disabled on this repository"
            : status === 422
              ? "GitHub refused a value (a label, an assignee or a milestone)"
              : "GitHub failed or did not answer, also after retrying";
  if (typeof status !== "number")
    return "Filing did not finish: an unexpected error stopped it (the App's log has the details). Nothing is lost: this comment stays, and editing it or redelivering the webhook tries again without filing twice.";
  const answered = `GitHub answered ${status}${route}`;
  return `Filing did not finish: ${answered} (${why}). Nothing is lost: this comment stays, and editing it or redelivering the webhook tries again without filing twice.`;
}
