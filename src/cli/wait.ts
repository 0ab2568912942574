// `handoff wait ISSUE`: polls a handoff issue until a trusted return arrives, then prints it as an agent may read it.
//
//   1. read the issue: it must carry our marker; its author, when a bot, is the App's bot
//   2. read who else is trusted: --trusted, and `trusted` in .github/handoff.yml on the default branch
//   3. poll its comments with conditional requests until a counted return arrives or the time is up
//   4. sanitise and redact the return exactly as pickup does (textForAgent), and report its status
import { textForAgent } from "../core/agent-text.js";
import { findMarker } from "../core/marker.js";
import { CONFIG_PATH } from "../config/load.js";
import type { GitHub, IssueAddress, RepoRef } from "../github/client.js";
import { CommentPoller, type PolledComment, type PollCounts } from "./comment-poller.js";
import { sleep } from "./duration.js";
import { fetchRepoConfig } from "./remote-config.js";
import { classifyComment, exitCodeFor, type ReturnPolicy } from "./returns.js";

export interface WaitOptions {
  issue: number;
  timeoutMs: number;
  intervalMs: number;
  trusted: readonly string[];
  /** Notes for people (ignored returns, what is being waited for): stderr. */
  note: (line: string) => void;
}

export type WaitResult =
  | {
      outcome: "returned";
      issue: number;
      status: string;
      return: string;
      url: string;
      author: string;
      counts: PollCounts;
    }
  | { outcome: "timeout"; issue: number; counts: PollCounts };

export interface WaitJson {
  issue: number;
  status: string;
  return: string;
  url: string;
}

export async function waitForReturn(gh: GitHub, repo: RepoRef, options: WaitOptions): Promise<WaitResult> {
  const address: IssueAddress = { ...repo, issue_number: options.issue };
  const name = `${repo.owner}/${repo.repo}#${options.issue}`;

  // 1. the issue
  const { data: issue } = await gh.request("GET /repos/{owner}/{repo}/issues/{issue_number}", { ...address });
  const marker = findMarker(issue.body ?? "");
  if (issue.pull_request || !marker || marker.kind !== "handoff" || marker.role !== undefined) {
    throw new Error(
      `${name} is not a handoff issue (it carries no handoff marker): wait on the issue \`handoff publish\` printed`,
    );
  }
  const appBot = issue.user?.type === "Bot" ? issue.user.login : null;

  // 2. trust
  const policy: ReturnPolicy = {
    appBot,
    trusted: options.trusted,
    trustedBots: (await fetchRepoConfig(gh, repo, options.note)).trusted,
  };

  // 3. poll
  const poller = new CommentPoller(gh, address);
  const seen: PolledComment[] = [];
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const fresh = await poller.poll();
    seen.push(...fresh);
    let found: Extract<ReturnType<typeof classifyComment>, { kind: "return" }> | undefined;
    for (const comment of fresh) {
      const verdict = classifyComment(comment, policy, seen);
      if (verdict.kind === "ignored") {
        options.note(
          `ignored a return on ${name} by ${verdict.author} (${comment.html_url}): not handoff's App or Action, nor an identity in --trusted or ${CONFIG_PATH}`,
        );
      } else if (verdict.kind === "return") {
        found = verdict; // the newest counted return wins
      }
    }
    if (found) {
      // 4. what an agent may read
      const readable = await textForAgent([found.text]);
      if (readable.removed > 0)
        options.note(`removed ${readable.removed} hidden or invisible piece(s) from the return`);
      if (readable.redacted > 0) options.note(`redacted ${readable.redacted} secret(s) or personal data in the return`);
      return {
        outcome: "returned",
        issue: options.issue,
        status: found.status || "unknown",
        return: readable.text,
        url: found.comment.html_url,
        author: found.author,
        counts: poller.counts,
      };
    }
    const left = deadline - Date.now();
    if (left <= 0) return { outcome: "timeout", issue: options.issue, counts: poller.counts };
    await sleep(Math.min(options.intervalMs, left));
  }
}

export function waitExitCode(result: WaitResult): number {
  return result.outcome === "timeout" ? 2 : exitCodeFor(result.status);
}
