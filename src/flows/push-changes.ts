// What a push changed under the handoff directory. Decided from the payload whenever it can be, because a
// push that touches no handoff file must cost nothing.
import type { GitHub, Log, RepoRef } from "../github/client.js";
import { compareCommits, listTree, type FileChange } from "../github/contents.js";
import { isHandoffPath } from "../config/schema.js";
import { unionCommitChanges } from "./plan-sync.js";

export const ZERO_SHA = "0000000000000000000000000000000000000000";
/** GitHub's push payload lists at most 20 commits; with 20 the list may be cut. */
export const PAYLOAD_COMMIT_LIMIT = 20;

export interface PushCommitData {
  id: string;
  added?: string[];
  modified?: string[];
  removed?: string[];
}

/** The plain data of a push, from the webhook (App) or `github.context.payload` (Action). */
export interface PushData {
  repo: RepoRef;
  /** `https://github.com/owner/repo` (or the GHES equivalent), for links to files. */
  htmlUrl: string;
  ref: string;
  defaultBranch: string;
  before: string;
  after: string;
  created: boolean;
  deleted: boolean;
  forced: boolean;
  commits: PushCommitData[];
}

export type PushRelevance = { relevant: false; reason: string } | { relevant: true; complete: boolean };

/** Whether the payload's commit list can be trusted to name every changed file. */
export function payloadIsComplete(push: PushData): boolean {
  return push.commits.length < PAYLOAD_COMMIT_LIMIT && !push.created && !push.forced && push.before !== ZERO_SHA;
}

/**
 * Decides from the payload alone, before any request (not even the configuration): only a push to the
 * default branch that touches some `.md` file can matter. The configured directory is unknown until the
 * configuration is read, so any Markdown path qualifies here; the directory filter comes after.
 * An incomplete payload cannot rule anything out, so it always qualifies.
 */
export function pushRelevance(push: PushData): PushRelevance {
  if (push.deleted) return { relevant: false, reason: "the branch was deleted" };
  if (push.ref !== `refs/heads/${push.defaultBranch}`)
    return { relevant: false, reason: `${push.ref} is not the default branch` };
  if (!payloadIsComplete(push)) return { relevant: true, complete: false };
  const touched = [...unionCommitChanges(push.commits).keys()];
  if (!touched.some((path) => /\.md$/i.test(path))) return { relevant: false, reason: "no Markdown file changed" };
  return { relevant: true, complete: true };
}

export type PushChanges =
  | { mode: "changes"; changes: FileChange[] }
  /** The whole directory at `after`: everything in `paths` is wanted, anything else of ours was removed. */
  | { mode: "directory"; paths: string[]; truncated: boolean };

/** The handoff files the push changed: from the payload, else the compare API, else the tree at `after`. */
export async function collectChanges(
  gh: GitHub,
  push: PushData,
  directory: string,
  log: Log,
): Promise<PushChanges | null> {
  const inDirectory = (change: FileChange) =>
    isHandoffPath(change.path, directory) ||
    (change.previousPath !== undefined && isHandoffPath(change.previousPath, directory));
  if (payloadIsComplete(push)) {
    const changes = [...unionCommitChanges(push.commits)].map(([path, status]): FileChange => ({ path, status }));
    return { mode: "changes", changes: changes.filter(inDirectory) };
  }
  if (push.before !== ZERO_SHA) {
    const compared = await compareCommits(gh, push.repo, push.before, push.after);
    if (compared.ok) return { mode: "changes", changes: compared.changes.filter(inDirectory) };
    log.info(
      `compare ${push.before.slice(0, 7)}...${push.after.slice(0, 7)} failed (${compared.reason}); reconciling the whole directory`,
    );
  }
  const tree = await listTree(gh, push.repo, push.after);
  if (!tree.ok) {
    log.warn(`cannot list the tree at ${push.after.slice(0, 7)}: ${tree.reason}; nothing synced`);
    return null;
  }
  return {
    mode: "directory",
    paths: tree.paths.filter((path) => isHandoffPath(path, directory)),
    truncated: tree.truncated,
  };
}
