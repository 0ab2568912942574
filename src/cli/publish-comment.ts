// `handoff publish` by default: the document goes to the App as a `/handoff` comment on its parent, so the issue
// is written by the App's bot (and pickup's trust in that author holds). Then the App's reply is awaited, bounded.
//
//   1. find our earlier comment carrying this document's `id`: edit it (the App updates its issue) or post anew
//   2. wait for the App's reply to that comment, newer than our write (conditional polling: 304s cost nothing)
//   3. read the issue number the reply names, and believe it only if that issue is the App's, filed from our comment
import { findMarker } from "../core/marker.js";
import { MAX_BODY_CHARS } from "../core/limits.js";
import { parseHandoff } from "../core/parse.js";
import type { PreparedIssue } from "../core/prepare.js";
import { sanitizeForAgent } from "../core/sanitize.js";
import { parseCommand } from "../flows/parse-command.js";
import { sameLogin } from "../github/app-identity.js";
import { statusOf, type GitHub, type IssueAddress, type RepoRef } from "../github/client.js";
import { CommentPoller, type PolledComment } from "./comment-poller.js";
import { formatDuration, sleep } from "./duration.js";
import { PublishError } from "./publish-error.js";

export interface CommentInput {
  prepared: PreparedIssue;
  id: string;
  me: string | null;
  parent: number;
  timeoutMs: number;
  intervalMs: number;
  note: (line: string) => void;
}

/** Our `/handoff` comment on the parent carrying this `id`, if one was posted before. */
async function findOurComment(
  gh: GitHub,
  thread: IssueAddress,
  id: string,
  me: string | null,
): Promise<PolledComment | null> {
  const comments = await gh.paginate("GET /repos/{owner}/{repo}/issues/{issue_number}/comments", {
    ...thread,
    per_page: 100,
  });
  for (const comment of comments) {
    if (!comment.body || (me && !sameLogin(comment.user?.login, me))) continue;
    const command = parseCommand(comment.body);
    if (command?.kind === "handoff" && parseHandoff(command.document).id === id) return comment as PolledComment;
  }
  return null;
}

/** 1. The comment as the App should read it: the redacted document under the command. */
async function writeComment(
  gh: GitHub,
  thread: IssueAddress,
  input: CommentInput,
): Promise<{ comment: PolledComment; wrote: "created" | "updated" | "unchanged" }> {
  const body = `/handoff\n${input.prepared.redactedText}`;
  if (body.length > MAX_BODY_CHARS) {
    throw new PublishError(
      `the document is ${body.length} characters, over GitHub's ${MAX_BODY_CHARS} for a comment: split it, or use --direct (which continues long documents in comments)`,
    );
  }
  const existing = await findOurComment(gh, thread, input.id, input.me);
  if (existing?.body === body) return { comment: existing, wrote: "unchanged" };
  if (existing) {
    const { data } = await gh.request("PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}", {
      owner: thread.owner,
      repo: thread.repo,
      comment_id: existing.id,
      body,
    });
    return { comment: data as PolledComment, wrote: "updated" };
  }
  const { data } = await gh.request("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", { ...thread, body });
  return { comment: data as PolledComment, wrote: "created" };
}

function isReplyTo(reply: PolledComment, ours: PolledComment, wrote: string): boolean {
  if (reply.user?.type !== "Bot") return false;
  const marker = findMarker(reply.body);
  if (marker?.role !== "reply" || marker.source.type !== "comment" || marker.source.commentId !== ours.id) return false;
  // After an edit, only a reply to the edit counts (GitHub's times are to the second, hence >=).
  return wrote === "unchanged" || reply.updated_at >= ours.updated_at;
}

/** 3. The issue the reply names, verified: written by the replying bot, filed from our comment. */
async function issueFromReply(
  gh: GitHub,
  repo: RepoRef,
  reply: PolledComment,
  ours: PolledComment,
): Promise<{ number: number; html_url: string } | null> {
  const text = reply.body.slice(reply.body.indexOf("-->") + 3);
  for (const match of text.matchAll(/#(\d{1,10})\b/g)) {
    const number = Number(match[1]);
    try {
      const { data } = await gh.request("GET /repos/{owner}/{repo}/issues/{issue_number}", {
        ...repo,
        issue_number: number,
      });
      const marker = findMarker(data.body ?? "");
      const filedFromUs =
        marker?.role === undefined && marker?.source.type === "comment" && marker.source.commentId === ours.id;
      if (filedFromUs && sameLogin(data.user?.login, reply.user?.login))
        return { number: data.number, html_url: data.html_url };
    } catch (error) {
      if (statusOf(error) !== 404) throw error;
    }
  }
  return null;
}

export async function publishByComment(
  gh: GitHub,
  repo: RepoRef,
  input: CommentInput,
): Promise<{ issue: number; url: string; created: boolean }> {
  const thread: IssueAddress = { ...repo, issue_number: input.parent };
  const { comment, wrote } = await writeComment(gh, thread, input);
  input.note(
    `${wrote === "unchanged" ? "the /handoff comment is unchanged" : `/handoff comment ${wrote}`}: ${comment.html_url}`,
  );

  // 2. the App's reply
  const poller = new CommentPoller(gh, thread);
  const deadline = Date.now() + input.timeoutMs;
  for (;;) {
    const reply = (await poller.poll()).filter((c) => isReplyTo(c, comment, wrote)).pop();
    if (reply) {
      const issue = await issueFromReply(gh, repo, reply, comment);
      if (issue) return { issue: issue.number, url: issue.html_url, created: wrote === "created" };
      const said = sanitizeForAgent(reply.body.slice(reply.body.indexOf("-->") + 3)).text.trim();
      throw new PublishError(`the App did not file it; it replied (${reply.html_url}):\n${said}`);
    }
    const left = deadline - Date.now();
    if (left <= 0) {
      throw new PublishError(
        `the App has not answered ${comment.html_url} within ${formatDuration(input.timeoutMs)}. Is the handoff App installed on ${repo.owner}/${repo.repo}? Publish again later (nothing is filed twice), or use --direct without the App`,
        2,
      );
    }
    await sleep(Math.min(input.intervalMs, left));
  }
}
