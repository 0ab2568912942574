// Over 250 lines: one idea, the claim protocol (take, take over, release), reads as one piece, each branch
// justified where it stands.
//
// Exactly one run may work on a handoff at a time.
//
// The claim itself is a git ref, `refs/handoff/claims/<issue>`: creating a ref is the one compare-and-set
// GitHub offers (201 for the winner, 422 "Reference already exists" for everyone else), so two runs that
// start in the same second cannot both win. Labels and comments cannot do that: both runs would read
// "unclaimed" and both would write.
//
// The lease (who holds it, until when) lives in the tracking comment, not in the ref: the ref points at
// the run's GITHUB_SHA, whose commit date says when the code was written, not when the claim was made,
// and making a fresh commit per claim would cost three more requests. The comment is one we write
// anyway so people can see the claim, and only comments written by us are read.
import { contentHash, renderMarker } from "../core/marker.js";
import { statusOf, type GitHub, type IssueAddress } from "../github/client.js";
import { findOurComment, upsertComment, type IsOurs } from "../github/comments.js";
import type { ActionContext } from "./context.js";

export interface Lease {
  runId: string;
  runUrl: string;
  actor: string;
  claimedAt: string;
  expiresAt: string;
  /** Set when the run returned or failed. A released lease next to an existing ref means a new claim is being made. */
  releasedAt?: string;
  /**
   * The releasing token could not delete the ref (a return job with only `issues: write`): the ref is left
   * behind, and the next pickup, which holds `contents: write`, moves it instead of creating it.
   */
  refKept?: boolean;
}

export type ClaimOutcome =
  | { won: true; how: "created" | "rerun" | "expired" | "forced" | "left-behind"; previous?: Lease }
  | { won: false; reason: string; holder?: Lease };

/** The ref as the git-refs API names it in paths (without `refs/`). */
export function claimRef(issueNumber: number): string {
  return `handoff/claims/${issueNumber}`;
}

const LEASE_PATTERN = /<!--\s*handoff:lease\s+(\{[^<>]*\})\s*-->/;

export function parseLease(body: string): Lease | null {
  const match = LEASE_PATTERN.exec(body);
  if (!match?.[1]) return null;
  try {
    const value = JSON.parse(match[1]) as Partial<Lease>;
    const fields = [value.runId, value.runUrl, value.actor, value.claimedAt, value.expiresAt];
    if (fields.some((field) => typeof field !== "string")) return null;
    if (Number.isNaN(Date.parse(value.expiresAt!))) return null;
    if (value.releasedAt !== undefined && typeof value.releasedAt !== "string") return null;
    if (value.refKept !== undefined && typeof value.refKept !== "boolean") return null;
    return value as Lease;
  } catch {
    return null;
  }
}

export function newLease(context: ActionContext, now: Date, leaseMinutes: number): Lease {
  return {
    runId: context.runId,
    runUrl: context.runUrl,
    actor: context.actor,
    claimedAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + leaseMinutes * 60_000).toISOString(),
  };
}

const isClaimMarker = (marker: { role?: string }) => marker.role === "claim";

/** The tracking comment: the run's link, the claim time and the lease, for people and for the next run. */
export function renderClaimComment(
  issue: IssueAddress,
  context: ActionContext,
  lease: Lease,
  takenOver?: Lease,
): string {
  const url = `${context.serverUrl}/${issue.owner}/${issue.repo}/issues/${issue.issue_number}`;
  const leaseJson = JSON.stringify(lease);
  const marker = renderMarker({
    v: 1,
    kind: "handoff",
    source: { type: "issue", repo: `${issue.owner}/${issue.repo}`, number: issue.issue_number, url },
    hash: contentHash(leaseJson),
    role: "claim",
  });
  const lines = [marker, `<!-- handoff:lease ${leaseJson} -->`];
  if (lease.releasedAt) {
    lines.push(
      `**Released** at ${lease.releasedAt}: [workflow run ${lease.runId}](${lease.runUrl}) claimed this issue at ${lease.claimedAt} and has finished with it.`,
    );
    if (lease.refKept)
      lines.push(
        "",
        "The claim ref was left in place (the releasing token lacks `contents: write`); the next pickup moves it.",
      );
  } else {
    lines.push(
      `**Claimed** by [workflow run ${lease.runId}](${lease.runUrl}) at ${lease.claimedAt}.`,
      "",
      `The lease runs until ${lease.expiresAt}. Until then no other run picks this issue up, unless it is run with \`force: true\`; the claim is released when the run returns.`,
    );
  }
  if (takenOver)
    lines.push(
      "",
      `It took the claim over from [workflow run ${takenOver.runId}](${takenOver.runUrl}), whose lease ran until ${takenOver.expiresAt}.`,
    );
  return lines.join("\n");
}

async function createClaimRef(gh: GitHub, issue: IssueAddress, sha: string): Promise<boolean> {
  try {
    await gh.request("POST /repos/{owner}/{repo}/git/refs", {
      owner: issue.owner,
      repo: issue.repo,
      ref: `refs/${claimRef(issue.issue_number)}`,
      sha,
    });
    return true;
  } catch (error) {
    const status = statusOf(error);
    if (status === 422) return false;
    if (status === 403)
      throw new Error(
        `cannot claim ${issue.owner}/${issue.repo}#${issue.issue_number}: the claim is the git ref refs/${claimRef(issue.issue_number)}, and creating it needs \`contents: write\` in the pickup job's permissions`,
        { cause: error },
      );
    throw error;
  }
}

/** Where takeovers of one lease race: `handoff/takeovers/<issue>-<short hash of the lease being replaced>`. */
export function takeoverRef(issueNumber: number, replaced: Lease | null): string {
  const identity = replaced ? `${replaced.runId} ${replaced.claimedAt}` : "no lease";
  return `handoff/takeovers/${issueNumber}-${contentHash(identity).slice(0, 12)}`;
}

/**
 * Takes over an existing claim. A forced `updateRef` alone is last-writer-wins: two runs that both read the
 * same left-behind or expired lease would both "win". So each first creates a ref named after the lease it
 * replaces; creating a ref is GitHub's one compare-and-set, so exactly one run gets the 201 for that lease.
 * Only the winner moves the claim ref (re-creating it if it vanished meanwhile).
 */
async function takeOverClaimRef(
  gh: GitHub,
  issue: IssueAddress,
  sha: string,
  replaced: Lease | null,
): Promise<boolean> {
  const guard = takeoverRef(issue.issue_number, replaced);
  try {
    await gh.request("POST /repos/{owner}/{repo}/git/refs", {
      owner: issue.owner,
      repo: issue.repo,
      ref: `refs/${guard}`,
      sha,
    });
  } catch (error) {
    const status = statusOf(error);
    if (status === 422) return false;
    if (status === 403)
      throw new Error(
        `cannot take over the claim on ${issue.owner}/${issue.repo}#${issue.issue_number}: creating the git ref refs/${guard} needs \`contents: write\` in the pickup job's permissions`,
        { cause: error },
      );
    throw error;
  }
  try {
    await gh.request("PATCH /repos/{owner}/{repo}/git/refs/{ref}", {
      owner: issue.owner,
      repo: issue.repo,
      ref: claimRef(issue.issue_number),
      sha,
      force: true,
    });
  } catch (error) {
    const status = statusOf(error);
    if (status !== 404 && status !== 422) throw error;
    if (!(await createClaimRef(gh, issue, sha))) return false;
  }
  // Our own guard stays until the tracking comment names our lease: deleting it now would let a run that
  // still reads the replaced lease win the same takeover again. Older guards are done with.
  await removeTakeoverRefs(gh, issue, guard);
  return true;
}

/**
 * Best effort: deletes this issue's takeover guards except `keep`, the guard of the lease the tracking comment
 * still shows (a takeover of it may be in flight). A token without `contents: write`, or a race with another
 * cleaner, leaves guards behind; they are inert, because each names a lease that no comment shows any more.
 */
async function removeTakeoverRefs(gh: GitHub, issue: IssueAddress, keep: string): Promise<void> {
  try {
    const prefix = `handoff/takeovers/${issue.issue_number}-`;
    const { data } = await gh.request("GET /repos/{owner}/{repo}/git/matching-refs/{ref}", {
      owner: issue.owner,
      repo: issue.repo,
      ref: prefix,
    });
    for (const { ref } of data) {
      const name = ref.replace(/^refs\//, "");
      if (name === keep || !name.startsWith(prefix)) continue;
      await gh
        .request("DELETE /repos/{owner}/{repo}/git/refs/{ref}", { owner: issue.owner, repo: issue.repo, ref: name })
        .catch(() => undefined);
    }
  } catch {
    // Cleanup only: a leftover guard never decides a claim.
  }
}

export interface ClaimOptions {
  context: ActionContext;
  force: boolean;
  isOurs: IsOurs;
  now: Date;
}

/**
 * Tries to claim the issue for this run. A held claim is taken over only when its lease has run out,
 * when `force` is set, when the previous run released it but could not delete the ref, or when it is this
 * very run's (a re-run of a failed attempt keeps GITHUB_RUN_ID). Every takeover is a compare-and-set keyed
 * on the lease it replaces (takeOverClaimRef), so of two runs that race for it, exactly one wins.
 */
export async function acquireClaim(gh: GitHub, issue: IssueAddress, options: ClaimOptions): Promise<ClaimOutcome> {
  const { context, now } = options;
  if (await createClaimRef(gh, issue, context.sha)) return { won: true, how: "created" };

  const comment = await findOurComment(gh, issue, options.isOurs, isClaimMarker);
  const lease = comment ? parseLease(comment.body) : null;
  // A released lease belongs to an earlier claim: the ref that exists now is a newer run's, which has not
  // written its comment yet. Treating the old lease as "expired" would let two new runs both win.
  const holder = lease && !lease.releasedAt ? lease : undefined;
  let how: "rerun" | "expired" | "forced" | "left-behind" | undefined;
  if (lease?.releasedAt && lease.refKept) how = "left-behind";
  else if (holder?.runId === context.runId) how = "rerun";
  else if (options.force) how = "forced";
  else if (holder && Date.parse(holder.expiresAt) <= now.getTime()) how = "expired";

  if (!how) {
    const reason = holder
      ? `it is already claimed by workflow run ${holder.runId} (${holder.runUrl}) until ${holder.expiresAt}`
      : "it is already claimed by another run (its claim ref exists; run with force: true if that run is gone)";
    return { won: false, reason, holder };
  }
  if (how !== "rerun" && !(await takeOverClaimRef(gh, issue, context.sha, lease))) {
    return { won: false, reason: "another run took the claim over at the same moment", holder };
  }
  return { won: true, how, previous: holder };
}

/** Makes the claim visible: one tracking comment, updated in place on a takeover or a re-run. */
export async function recordClaim(
  gh: GitHub,
  issue: IssueAddress,
  body: string,
  isOurs: IsOurs,
): Promise<{ html_url: string }> {
  return upsertComment(gh, issue, body, isOurs, isClaimMarker);
}

export type ReleaseOutcome = "released" | "not-held" | "ref-kept" | "not-ours";

/**
 * Releases this run's claim: first marks the tracking comment released, then deletes the ref. In that order, a
 * crash in between leaves a ref with a released lease, which the next pickup takes over as left behind;
 * the other order would leave an old unreleased lease that a later race could mistake for the live one.
 *
 * Only a lease of this run (GITHUB_RUN_ID) is released. A return that runs after another run took the claim
 * over (`force`, an expired lease) must leave that run's claim alone, and with no lease in the comment the ref
 * may be a new pickup's whose comment is not written yet: `not-ours`, and nothing is touched.
 */
export async function releaseClaim(
  gh: GitHub,
  issue: IssueAddress,
  options: { isOurs: IsOurs; context: ActionContext; now: Date },
): Promise<ReleaseOutcome> {
  const comment = await findOurComment(gh, issue, options.isOurs, isClaimMarker);
  const lease = comment ? parseLease(comment.body) : null;
  if (!comment || !lease || lease.runId !== options.context.runId) return "not-ours";
  const update = async (next: Lease): Promise<void> => {
    const body = renderClaimComment(issue, options.context, next);
    await gh.request("PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}", {
      owner: issue.owner,
      repo: issue.repo,
      comment_id: comment.id,
      body,
    });
  };
  const released = lease.releasedAt ? lease : { ...lease, releasedAt: options.now.toISOString() };
  if (released !== lease) await update(released);
  const result = await deleteClaimRef(gh, issue);
  if (result === "forbidden") {
    if (!released.refKept) await update({ ...released, refKept: true });
    return "ref-kept";
  }
  await removeTakeoverRefs(gh, issue, takeoverRef(issue.issue_number, released));
  return result;
}

/**
 * Deletes the claim ref. Already gone (404, or 422 "Reference does not exist") is what we wanted; 403 means
 * the token lacks `contents: write`, which a return job need not hold (the next pickup moves the ref).
 */
async function deleteClaimRef(gh: GitHub, issue: IssueAddress): Promise<"released" | "not-held" | "forbidden"> {
  try {
    await gh.request("DELETE /repos/{owner}/{repo}/git/refs/{ref}", {
      owner: issue.owner,
      repo: issue.repo,
      ref: claimRef(issue.issue_number),
    });
    return "released";
  } catch (error) {
    const status = statusOf(error);
    if (status === 404 || status === 422) return "not-held";
    if (status === 403) return "forbidden";
    throw error;
  }
}
