// Filing one prepared handoff as an issue: assignees that can be assigned, overflow parts, sub-issue link.
// Shared by the comment flow and the file sync, so both file exactly the same way.
import type { PreparedIssue } from "../core/prepare.js";
import { findMarker } from "../core/marker.js";
import { renderLabels } from "../core/render.js";
import { filingLabels } from "../core/routing.js";
import { filterAssignable } from "../github/assignees.js";
import { idOf, parseIssueAddress, statusOf, type RepoRef } from "../github/client.js";
import { findIssueForSource, listOurIssues } from "../github/issues.js";
import { linkSubIssue } from "../github/sub-issues.js";
import type { FlowContext } from "./context.js";
import { syncOverflowParts } from "./overflow.js";

export interface CreatedIssue {
  number: number;
  id: number;
  html_url: string;
  /** Sentences for the reply: assignees dropped, a parent GitHub would not link. */
  notes: string[];
}

export interface ParentHint {
  /** `owner/repo#n` of the thread the handoff came from, and whether it is a pull request (from the payload). */
  thread?: string;
  threadIsPullRequest?: boolean;
}

export async function createHandoffIssue(
  ctx: FlowContext,
  repo: RepoRef,
  prepared: PreparedIssue,
  hint: ParentHint = {},
): Promise<CreatedIssue> {
  const notes: string[] = [];
  const { assignable, dropped } = await filterAssignable(ctx.gh, repo, prepared.document.assignees);
  if (dropped.length > 0)
    notes.push(`Not assigned (they cannot be assigned here): ${dropped.map((l) => `\`${l}\``).join(", ")}.`);
  const data = await fileOnce(ctx, repo, {
    title: prepared.issue.title,
    body: prepared.issue.body,
    labels: renderLabels(prepared.issue.labels, routingLabels(ctx, prepared)),
    ...(assignable.length > 0 ? { assignees: assignable } : {}),
  });
  ctx.log.info(`filed ${repo.owner}/${repo.repo}#${data.number}`);
  await syncOverflowParts(ctx, { ...repo, issue_number: data.number }, prepared, true);
  const note = await linkToParent(ctx, prepared.parent, hint, { ...repo, id: data.id });
  if (note) notes.push(note);
  if (prepared.foreignParent) {
    ctx.log.info(`not linking to ${prepared.foreignParent}: it is in another repository`);
    notes.push(
      `Parent ${prepared.foreignParent} is in another repository: handoff links and relays only within this one, so it is mentioned here, not linked.`,
    );
  }
  return { ...data, notes };
}

/** Attempts at filing when GitHub's answer is lost, as many as the retry plugin would make. */
const FILING_ATTEMPTS = 4;

/**
 * POST the issue, and when GitHub's answer is lost (a 5xx, a dropped connection, a timeout: GitHub may have filed
 * it anyway, as it sometimes does behind a 502), look for it by its marker before filing again. The retry plugin
 * would resend the POST blind and file the handoff twice, so it is off for this one request.
 */
async function fileOnce(
  ctx: FlowContext,
  repo: RepoRef,
  fields: { title: string; body: string; labels: string[]; assignees?: string[] },
): Promise<{ number: number; id: number; html_url: string }> {
  const marker = findMarker(fields.body);
  for (let attempt = 1; ; attempt++) {
    try {
      const { data } = await ctx.gh.request("POST /repos/{owner}/{repo}/issues", {
        ...repo,
        ...fields,
        request: { retries: 0 },
      });
      return { number: data.number, id: idOf(data.id), html_url: data.html_url };
    } catch (error) {
      // Octokit gives a lost answer status 500 (network errors and timeouts too); a 4xx was GitHub's refusal.
      const status = statusOf(error);
      if (!marker || attempt >= FILING_ATTEMPTS || status === undefined || status < 500) throw error;
      // The list read keeps the retry plugin, whose backoff then spaces these attempts while GitHub is failing.
      // Callers file only when no issue has this source; one that has it now, with this very content, is ours.
      const filed = findIssueForSource(await listOurIssues(ctx.gh, repo, ctx.botLogin), marker.source);
      if (filed && filed.marker.hash === marker.hash) {
        ctx.log.warn(`filing answered ${status}, but GitHub had filed #${filed.number}: keeping it, not filing again`);
        return { number: filed.number, id: filed.id, html_url: filed.html_url };
      }
    }
  }
}

/** `agent:<name>` and, with `ready_on_file`, the ready label; none for a document with errors (its fields are not used). */
function routingLabels(ctx: FlowContext, prepared: PreparedIssue): string[] {
  if (prepared.errors.length > 0) return [];
  return filingLabels(prepared.document, ctx.config);
}

/** Links the new issue under its parent; a sentence for the reply when GitHub cannot. */
async function linkToParent(
  ctx: FlowContext,
  parent: string | undefined,
  hint: ParentHint,
  child: RepoRef & { id: number },
): Promise<string | null> {
  if (!ctx.config.link_sub_issues || !parent) return null;
  const address = parseIssueAddress(parent);
  if (!address) {
    ctx.log.info(`not linking a sub-issue: parent ${parent} is not owner/repo#n`);
    return null;
  }
  const isThread = hint.thread !== undefined && hint.thread.toLowerCase() === parent.toLowerCase();
  const result = await linkSubIssue(ctx.gh, {
    parent: address,
    parentIsPullRequest: isThread && hint.threadIsPullRequest === true,
    child,
  });
  if (result.linked) {
    ctx.log.info(`linked as a sub-issue of ${parent}`);
    return null;
  }
  ctx.log.info(`not linked as a sub-issue of ${parent}: ${result.reason}`);
  return `Parent: ${parent} (not linked as a sub-issue: ${result.reason}).`;
}
