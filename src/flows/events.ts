// The events the flows act on, parsed with zod from a webhook payload (the App's, or the event file the Action's
// runner writes: the same JSON) into shapes that belong to no shell. Only what a flow reads is kept: the payload's
// objects are parsed without their other keys (a comment payload carries the whole repository, issue and sender,
// and copying every key cost more than the rest of the parse). The users and labels handed on keep only what is read
// of them too (`login` and `type`; `name`), checked exactly as before: a payload refused then is refused now.
import * as z from "../core/zod.js";
import type { RepoRef } from "../github/client.js";
import type { CommentAuthor } from "../github/comments.js";
import type { PushData } from "./push-changes.js";

const User = z.object({ login: z.string(), type: z.optional(z.string()) });
const Label = z.union([z.string(), z.object({ name: z.nullish(z.string()) })]);
const Repository = z.object({
  name: z.string(),
  full_name: z.string(),
  html_url: z.string(),
  default_branch: z.optional(z.string()),
  master_branch: z.optional(z.string()),
  owner: z.object({ login: z.optional(z.string()), name: z.nullish(z.string()) }),
});

const CommentPayload = z.object({
  action: z.string(),
  comment: z.object({ id: z.number(), body: z.nullish(z.string()), html_url: z.string(), user: z.nullable(User) }),
  issue: z.object({
    number: z.number(),
    body: z.nullish(z.string()),
    html_url: z.string(),
    state: z.optional(z.string()),
    labels: z.optional(z.array(Label)),
    user: z.nullable(User),
    pull_request: z.optional(z.unknown()),
  }),
  repository: Repository,
});

const PushPayload = z.looseObject({
  ref: z.string(),
  before: z.string(),
  after: z.string(),
  created: z.boolean(),
  deleted: z.boolean(),
  forced: z.boolean(),
  commits: z.array(
    z.looseObject({
      id: z.string(),
      added: z.optional(z.array(z.string())),
      modified: z.optional(z.array(z.string())),
      removed: z.optional(z.array(z.string())),
    }),
  ),
  repository: Repository,
});

export interface CommentEvent {
  action: "created" | "edited" | "deleted" | (string & {});
  repo: RepoRef;
  comment: { id: number; body: string; html_url: string; user: CommentAuthor | null };
  /** The issue or pull request the comment is on. */
  issue: {
    number: number;
    body: string;
    html_url: string;
    state: string;
    labels: ReadonlyArray<string | { name?: string | null }>;
    user: CommentAuthor | null;
    isPullRequest: boolean;
  };
}

function repoOf(repository: z.infer<typeof Repository>): RepoRef {
  // A push payload's owner carries `name` (and `login` only sometimes); the full name always says both.
  const owner = repository.owner.login ?? repository.owner.name ?? repository.full_name.split("/")[0] ?? "";
  return { owner, repo: repository.name };
}

/** An `issue_comment` payload → the event; throws a ZodError naming the field when it is not one. */
export function parseCommentEvent(payload: unknown): CommentEvent {
  const { action, comment, issue, repository } = z.parseOrThrow(CommentPayload, payload);
  return {
    action,
    repo: repoOf(repository),
    comment: { id: comment.id, body: comment.body ?? "", html_url: comment.html_url, user: comment.user },
    issue: {
      number: issue.number,
      body: issue.body ?? "",
      html_url: issue.html_url,
      state: issue.state ?? "open",
      labels: issue.labels ?? [],
      user: issue.user,
      isPullRequest: issue.pull_request !== undefined && issue.pull_request !== null,
    },
  };
}

/** A `push` payload → the push's plain data; throws a ZodError naming the field when it is not one. */
export function parsePushEvent(payload: unknown): PushData {
  const push = z.parseOrThrow(PushPayload, payload);
  const { repository } = push;
  return {
    repo: repoOf(repository),
    htmlUrl: repository.html_url,
    ref: push.ref,
    defaultBranch: repository.default_branch ?? repository.master_branch ?? "main",
    before: push.before,
    after: push.after,
    created: push.created,
    deleted: push.deleted,
    forced: push.forced,
    commits: push.commits.map((c) => ({
      id: c.id,
      added: c.added ?? [],
      modified: c.modified ?? [],
      removed: c.removed ?? [],
    })),
  };
}
