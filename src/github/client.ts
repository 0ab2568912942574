// The slice of Octokit the shared GitHub code needs. Probot's `context.octokit` and the Action's client both
// satisfy it (same @octokit/core 7 and plugin-paginate-rest 14). Calls name their route to `request` and
// `paginate`, which @octokit/types checks (parameters and response) as it does `rest.*`'s methods, without
// `rest.*`'s route table (82 KB in the Action's bundle, and a cost per App delivery).
import type { Octokit } from "@octokit/core";
import type { PaginateInterface } from "@octokit/plugin-paginate-rest";

export type GitHub = Pick<Octokit, "request"> & { paginate: PaginateInterface };

export interface RepoRef {
  owner: string;
  repo: string;
}

export interface IssueAddress extends RepoRef {
  issue_number: number;
}

/** `owner/repo#12`: how we name a thread in markers, logs and outputs. */
export function formatIssue(ref: IssueAddress): string {
  return `${ref.owner}/${ref.repo}#${ref.issue_number}`;
}

/** Parses `owner/repo#12` (the form `formatIssue` writes); null for anything else. */
export function parseIssueAddress(text: string): IssueAddress | null {
  const match = /^([\w.-]{1,100})\/([\w.-]{1,100})#(\d{1,10})$/.exec(text.trim());
  if (!match) return null;
  return { owner: match[1]!, repo: match[2]!, issue_number: Number(match[3]) };
}

/** The HTTP status of an Octokit RequestError, or undefined for anything else. */
export function statusOf(error: unknown): number | undefined {
  if (typeof error === "object" && error !== null && "status" in error) {
    const status = (error as { status: unknown }).status;
    return typeof status === "number" ? status : undefined;
  }
  return undefined;
}

/** What both shells can log to: Probot's pino logger and the Action's @actions/core adapter. */
export interface Log {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  debug(message: string): void;
}

/**
 * An id from a response. GitHub's description types int64 ids (issues, comments) as `number | bigint`, but
 * Octokit parses responses with `JSON.parse`, which only gives numbers (ids stay below 2^53).
 */
export function idOf(id: number | bigint): number {
  return Number(id);
}
