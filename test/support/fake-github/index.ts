/**
 * A local, in-memory stand-in for the parts of GitHub's REST API that handoff uses. See
 * test/support/README.md for what it answers and how to seed, inspect and break it.
 */
import type { Commit } from "./git-store.js";
import { listen, type RecordedCall, type ServerOptions } from "./server.js";
import {
  FakeState,
  type CommentRecord,
  type IssueRecord,
  type RepoRecord,
  type Role,
  type StateOptions,
} from "./state.js";
import type { Faults } from "./faults.js";

export type { RecordedCall } from "./server.js";
export type { Fault, FaultSpec } from "./faults.js";
export { Faults, primaryRateLimit, secondaryRateLimit, tooManyRequests } from "./faults.js";
export { FakeState, ROLE_RANK } from "./state.js";
export type { CommentRecord, FakeUser, IssueRecord, RepoRecord, RepoSeed, Role, StateOptions } from "./state.js";

export interface FakeGitHubOptions extends StateOptions, ServerOptions {}

export interface SeedIssue {
  /** `owner/name`; default the first repository. */
  repo?: string;
  title?: string;
  body?: string | null;
  labels?: string[];
  assignees?: string[];
  /** Author login; default `octocat`. */
  user?: string;
  state?: "open" | "closed";
  isPullRequest?: boolean;
  /** Backdate it (affects sorting and `since`). */
  createdAt?: Date;
}

export interface SeedComment {
  repo?: string;
  issueNumber: number;
  body: string;
  user?: string;
  createdAt?: Date;
}

export interface SetFile {
  repo?: string;
  path: string;
  /** `null` deletes the file. */
  content: string | null;
  /** Default: the repository's default branch. */
  branch?: string;
  message?: string;
}

export interface FakeGitHub {
  /** Base URL, e.g. `http://127.0.0.1:53123`; use as Octokit's `baseUrl` or `GITHUB_API_URL`. */
  readonly url: string;
  readonly state: FakeState;
  /** Every request received, in order. */
  readonly requests: RecordedCall[];
  /** One line per problem: requests not in GitHub's REST description, or routes the fake lacks. */
  readonly violations: string[];
  readonly faults: Faults;
  repo(fullName?: string): RepoRecord;
  seedIssue(input?: SeedIssue): IssueRecord;
  seedComment(input: SeedComment): CommentRecord;
  /** Commits one file change to a branch; returns the new commit. */
  setFile(input: SetFile): Commit;
  /** Commits several changes at once (`null` deletes); returns the new commit. */
  commit(input: { repo?: string; branch?: string; message?: string; changes: Record<string, string | null> }): Commit;
  /** The sha a branch (default: the default branch) points at. */
  headSha(repo?: string, branch?: string): string;
  setPermission(repo: string, login: string, role: Role): void;
  /** Maps a token to the user it authenticates as. */
  setToken(token: string, login: string): void;
  close(): Promise<void>;
}

export async function startFakeGitHub(options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  const state = new FakeState(options);
  const server = await listen(state, options);

  const repo = (fullName?: string): RepoRecord => {
    const found = fullName ? state.repos.get(fullName.toLowerCase()) : state.repos.values().next().value;
    if (!found) throw new Error(`fake GitHub: no repository ${fullName ?? "(none seeded)"}`);
    return found;
  };

  const commit: FakeGitHub["commit"] = (input) => {
    const record = repo(input.repo);
    const branch = input.branch ?? record.defaultBranch;
    return record.git.commitToBranch(branch, input.message ?? "Update files", input.changes, record.defaultBranch);
  };

  return {
    url: server.url,
    state,
    requests: server.requests,
    get violations() {
      return server.requests.flatMap((r) => r.errors);
    },
    faults: server.faults,
    repo,
    seedIssue(input = {}) {
      const record = repo(input.repo);
      const issue = state.createIssue(record, {
        title: input.title ?? "A seeded issue",
        body: input.body ?? null,
        labels: input.labels,
        assignees: input.assignees,
        user: state.user(input.user ?? "octocat"),
        isPullRequest: input.isPullRequest,
      });
      if (input.createdAt) {
        issue.createdAt = input.createdAt;
        issue.updatedAt = input.createdAt;
      }
      if (input.state === "closed") {
        issue.state = "closed";
        issue.stateReason = "completed";
        issue.closedAt = issue.updatedAt;
      }
      return issue;
    },
    seedComment(input) {
      const record = repo(input.repo);
      const issue = state.issue(record, input.issueNumber);
      if (!issue) throw new Error(`fake GitHub: no issue #${input.issueNumber} in ${record.fullName}`);
      const comment = state.createComment(issue, input.body, state.user(input.user ?? "octocat"));
      if (input.createdAt) {
        comment.createdAt = input.createdAt;
        comment.updatedAt = input.createdAt;
      }
      return comment;
    },
    setFile: (input) =>
      commit({
        repo: input.repo,
        branch: input.branch,
        message: input.message ?? `${input.content === null ? "Delete" : "Update"} ${input.path}`,
        changes: { [input.path]: input.content },
      }),
    commit,
    headSha(fullName, branch) {
      const record = repo(fullName);
      const sha = record.git.refs.get(`refs/heads/${branch ?? record.defaultBranch}`);
      if (!sha) throw new Error(`fake GitHub: no branch ${branch} in ${record.fullName}`);
      return sha;
    },
    setPermission: (fullName, login, role) => state.setPermission(fullName, login, role),
    setToken: (token, login) => void state.tokens.set(token, login),
    close: server.close,
  };
}
