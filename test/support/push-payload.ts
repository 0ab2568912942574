/** The `push` payload loader: commits, before/after, forced, created and deleted pushes. */
import { createHash } from "node:crypto";
import { applyUser, loadPayload, type MutableUser, type PayloadOf, type UserOverride } from "./payload-fixtures.js";

export interface PushCommit {
  id?: string;
  message?: string;
  added?: string[];
  modified?: string[];
  removed?: string[];
  author?: { name: string; email: string; username?: string };
}

export interface PushOptions {
  /** Default `refs/heads/main`, the default branch. */
  ref?: string;
  before?: string;
  after?: string;
  forced?: boolean;
  created?: boolean;
  deleted?: boolean;
  /** Replaces the fixture's two commits; `head_commit` becomes the last one (null when empty). */
  commits?: PushCommit[];
  defaultBranch?: string;
  sender?: UserOverride;
  installationId?: number;
}

type PushPayload = PayloadOf<"push">;

interface RawPush {
  ref: string;
  before: string;
  after: string;
  created: boolean;
  deleted: boolean;
  forced: boolean;
  compare: string;
  commits: Array<Record<string, unknown> & { id: string }>;
  head_commit: (Record<string, unknown> & { id: string }) | null;
  repository: { default_branch: string; master_branch?: string };
  sender: MutableUser;
  installation: { id: number };
}

/** A deterministic fake commit sha, so tests can seed the fake server with the same ids. */
export function fakeSha(seed: string): string {
  return createHash("sha1").update(seed).digest("hex");
}

/** A `push` payload; defaults to two commits on `main` adding, modifying and removing `.handoffs/` files. */
export function pushPayload(options: PushOptions = {}): PushPayload {
  const payload = loadPayload<RawPush>("push");
  const template = payload.commits[0] ?? {};
  if (options.commits) {
    payload.commits = options.commits.map((c, i) => {
      const id = c.id ?? fakeSha(`commit-${i}-${c.message ?? ""}`);
      return {
        ...template,
        id,
        tree_id: fakeSha(`tree-${id}`),
        message: c.message ?? `Commit ${i + 1}`,
        url: `https://github.com/octo-org/widgets/commit/${id}`,
        ...(c.author ? { author: c.author, committer: c.author } : {}),
        added: c.added ?? [],
        removed: c.removed ?? [],
        modified: c.modified ?? [],
      };
    });
    payload.after = options.after ?? payload.commits.at(-1)?.id ?? payload.after;
  }
  if (options.ref !== undefined) payload.ref = options.ref;
  if (options.before !== undefined) payload.before = options.before;
  if (options.after !== undefined) payload.after = options.after;
  if (options.forced !== undefined) payload.forced = options.forced;
  if (options.created !== undefined) payload.created = options.created;
  if (options.deleted !== undefined) payload.deleted = options.deleted;
  if (options.deleted) payload.after = options.after ?? "0000000000000000000000000000000000000000";
  payload.head_commit = payload.deleted ? null : (payload.commits.at(-1) ?? null);
  payload.compare = `https://github.com/octo-org/widgets/compare/${payload.before.slice(0, 12)}...${payload.after.slice(0, 12)}`;
  if (options.defaultBranch !== undefined) {
    payload.repository.default_branch = options.defaultBranch;
    if ("master_branch" in payload.repository) payload.repository.master_branch = options.defaultBranch;
  }
  applyUser(payload.sender, options.sender);
  if (options.installationId !== undefined) payload.installation.id = options.installationId;
  return payload as unknown as PushPayload;
}
