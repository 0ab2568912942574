// Who may put words in front of an agent that holds a write token. Everything here runs before any
// text of the issue reaches the agent, and every refusal reason is fixed text: it never echoes the
// issue, so a refusal comment cannot be used to relay a stranger's words either.
import { findMarker } from "../core/marker.js";
import type { HandoffMarker } from "../core/marker.js";
import type { GitHub, RepoRef } from "../github/client.js";
import type { CommentAuthor, IsOurs } from "../github/comments.js";
import { hasPermission, type Permission } from "../github/permission.js";

/** The identity of the workflow's own `GITHUB_TOKEN`. */
export const ACTIONS_BOT = "github-actions[bot]";

export type Verdict = { trusted: true } | { trusted: false; reason: string };

export interface TrustPolicy {
  repo: RepoRef;
  /** Lower-cased `name[bot]` logins whose issues and comments are trusted like a writer's. */
  trustedBots: readonly string[];
}

export interface IssueForTrust {
  body?: string | null;
  user: CommentAuthor | null;
  pull_request?: unknown;
  state?: string;
}

export function isBot(author: CommentAuthor): boolean {
  return author.type === "Bot" || author.login.endsWith("[bot]");
}

/** Our own comments: written by the workflow token, the App token's bot (`app-slug`), or a bot the workflow lists. */
export function actionIsOurs(inputs: { "trusted-bots": readonly string[]; "app-slug"?: string }): IsOurs {
  const ours = new Set([ACTIONS_BOT, ...inputs["trusted-bots"], ...(inputs["app-slug"] ? [`${inputs["app-slug"]}[bot]`] : [])]);
  return (author) => !!author && isBot(author) && ours.has(author.login.toLowerCase());
}

/**
 * Answers "is this login trusted?" at most once per login per run: a thread with many comments from
 * the same people costs one permission request per person, not per comment.
 */
export class TrustChecker {
  private readonly cache = new Map<string, Promise<Verdict>>();

  constructor(
    private readonly gh: GitHub,
    private readonly policy: TrustPolicy,
    private readonly minimum: Permission = "write",
  ) {}

  /** A listed bot, or a user with at least write permission. A bot not on the list is refused. */
  person(author: CommentAuthor | null | undefined, role: "author" | "trigger" | "commenter"): Promise<Verdict> {
    if (!author?.login) return Promise.resolve({ trusted: false, reason: `its ${describe(role)} is unknown (a deleted account)` });
    const key = `${role}:${author.login.toLowerCase()}`;
    let verdict = this.cache.get(key);
    if (!verdict) {
      verdict = this.check(author, role);
      this.cache.set(key, verdict);
    }
    return verdict;
  }

  private async check(author: CommentAuthor, role: "author" | "trigger" | "commenter"): Promise<Verdict> {
    if (isBot(author)) {
      return this.policy.trustedBots.includes(author.login.toLowerCase())
        ? { trusted: true }
        : { trusted: false, reason: `its ${describe(role)} is a bot that is not listed in trusted-bots` };
    }
    const { allowed } = await hasPermission(this.gh, this.policy.repo, author.login, this.minimum);
    return allowed ? { trusted: true } : { trusted: false, reason: `its ${describe(role)} does not have ${this.minimum} permission` };
  }
}

function describe(role: "author" | "trigger" | "commenter"): string {
  return role === "trigger" ? "trigger (whoever labelled it or started the run)" : role;
}

export type IssueVerdict = { trusted: true; marker: HandoffMarker } | { trusted: false; reason: string };

/**
 * The three checks, cheapest first: our marker (no request), the author, then whoever triggered the run.
 * The marker alone proves nothing (anyone can paste one), which is why the author check follows it.
 */
export async function checkIssue(issue: IssueForTrust, actor: string, checker: TrustChecker): Promise<IssueVerdict> {
  if (issue.pull_request) return { trusted: false, reason: "it is a pull request, not a handoff issue" };
  const marker = findMarker(issue.body ?? "");
  if (!marker) return { trusted: false, reason: "it does not carry a handoff marker (handoff did not file it)" };
  if (marker.kind !== "handoff") return { trusted: false, reason: "its marker is not a handoff's" };
  const author = await checker.person(issue.user, "author");
  if (!author.trusted) return author;
  const trigger = await checker.person({ login: actor }, "trigger");
  if (!trigger.trusted) return trigger;
  return { trusted: true, marker };
}
