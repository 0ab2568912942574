// Reconciling `.handoffs/` with issues, the way repository-settings/app reconciles settings: given what
// exists (our issues with file sources) and what changed, decide what to create, update, close or report.
// Pure: no GitHub. Running the same plan twice changes nothing, because an update is planned only when the
// redacted content's hash or the source path differs.
import { openFirstThenNewest } from "../core/issue-order.js";
import type { Diagnostic } from "../core/types.js";

export type OnRemove = "close" | "comment" | "ignore";

export interface ExistingFileIssue {
  number: number;
  state: "open" | "closed";
  /** The path in the issue's marker. */
  path: string;
  /** The hash in the issue's marker. */
  hash: string;
}

export interface WantedFile {
  path: string;
  /** How the file came to be in this push; `present` when the whole directory is reconciled. */
  change: "added" | "modified" | "renamed" | "present";
  /** The path before a rename, when GitHub's compare said so. */
  previousPath?: string;
  /** The frontmatter `id`, when the document has one. */
  id?: string;
  hash: string;
  /** The document's status says `done`. */
  done: boolean;
  /** Errors that keep the document from being filed (YAML, schema). */
  errors: Diagnostic[];
}

export interface RemovedFile {
  path: string;
  /** The frontmatter `id` the file had before it was removed, when it was read. */
  id?: string;
}

export type SyncAction =
  | { type: "create"; file: WantedFile }
  | {
      type: "update";
      issue: ExistingFileIssue;
      file: WantedFile;
      renamedFrom?: string;
      reopen: boolean;
      close: boolean;
    }
  | { type: "close-done"; issue: ExistingFileIssue; file: WantedFile }
  | { type: "remove"; issue: ExistingFileIssue; path: string; mode: "close" | "comment" }
  | { type: "report-error"; file: WantedFile; issue: ExistingFileIssue | null }
  | { type: "skip"; path: string; reason: string };

export interface SyncPlanInput {
  existing: readonly ExistingFileIssue[];
  wanted: readonly WantedFile[];
  removed: readonly RemovedFile[];
  onRemove: OnRemove;
}

/** The issue for a path: an open one wins over closed ones, then the newest. */
function issueAt(existing: readonly ExistingFileIssue[], path: string): ExistingFileIssue | undefined {
  return existing.filter((issue) => issue.path === path).sort(openFirstThenNewest)[0];
}

/**
 * A rename is a removed path and an added path in the same push whose documents share the frontmatter `id`
 * or the redacted content (hash); GitHub's compare may also say so directly (`previousPath`).
 */
function findRenameSource(
  file: WantedFile,
  removed: readonly RemovedFile[],
  existing: readonly ExistingFileIssue[],
  claimed: ReadonlySet<string>,
): { from: string; issue: ExistingFileIssue } | undefined {
  const candidates = removed.filter((r) => !claimed.has(r.path));
  const byPrevious = file.previousPath ? candidates.find((r) => r.path === file.previousPath) : undefined;
  const byId = file.id ? candidates.find((r) => r.id === file.id) : undefined;
  const byHash = candidates.find((r) => issueAt(existing, r.path)?.hash === file.hash);
  const previous = file.previousPath && !byPrevious ? { path: file.previousPath } : undefined;
  for (const candidate of [byPrevious, previous, byId, byHash]) {
    if (!candidate) continue;
    const issue = issueAt(existing, candidate.path);
    if (issue) return { from: candidate.path, issue };
  }
  return undefined;
}

function planWanted(file: WantedFile, issue: ExistingFileIssue | undefined, renamedFrom?: string): SyncAction {
  if (file.errors.length > 0) return { type: "report-error", file, issue: issue ?? null };
  if (!issue) {
    return file.done
      ? { type: "skip", path: file.path, reason: "new file already says `status: done`" }
      : { type: "create", file };
  }
  const changed = issue.hash !== file.hash || renamedFrom !== undefined;
  // A closed issue comes back only when its file comes back; an edit to a closed handoff stays closed.
  const reopen = issue.state === "closed" && !file.done && (file.change === "added" || file.change === "renamed");
  const close = file.done && issue.state === "open";
  if (changed || reopen) return { type: "update", issue, file, renamedFrom, reopen, close };
  if (close) return { type: "close-done", issue, file };
  return { type: "skip", path: file.path, reason: "unchanged" };
}

export function planSync(input: SyncPlanInput): SyncAction[] {
  const actions: SyncAction[] = [];
  const claimed = new Set<string>();
  const wanted = [...input.wanted].sort((a, b) => a.path.localeCompare(b.path));
  const wantedPaths = new Set(wanted.map((f) => f.path));

  for (const file of wanted) {
    const own = issueAt(input.existing, file.path);
    if (own) {
      actions.push(planWanted(file, own));
      continue;
    }
    const rename = findRenameSource(file, input.removed, input.existing, claimed);
    if (rename) claimed.add(rename.from);
    actions.push(planWanted(file, rename?.issue, rename?.from));
  }

  for (const removed of [...input.removed].sort((a, b) => a.path.localeCompare(b.path))) {
    if (claimed.has(removed.path) || wantedPaths.has(removed.path)) continue;
    const issue = issueAt(input.existing, removed.path);
    if (!issue) {
      actions.push({ type: "skip", path: removed.path, reason: "removed, and no issue was filed from it" });
    } else if (input.onRemove === "ignore") {
      actions.push({ type: "skip", path: removed.path, reason: "removed; `on_remove: ignore`" });
    } else if (input.onRemove === "close" && issue.state === "closed") {
      actions.push({ type: "skip", path: removed.path, reason: `removed; #${issue.number} is already closed` });
    } else {
      actions.push({ type: "remove", issue, path: removed.path, mode: input.onRemove });
    }
  }
  return actions;
}

/**
 * The files a push touched, from every commit in order (last change wins): a file added then removed
 * in the same push is removed; removed then added again is added.
 */
export function unionCommitChanges(
  commits: ReadonlyArray<{ added?: readonly string[]; modified?: readonly string[]; removed?: readonly string[] }>,
): Map<string, "added" | "modified" | "removed"> {
  const changes = new Map<string, "added" | "modified" | "removed">();
  for (const commit of commits) {
    for (const path of commit.added ?? []) changes.set(path, changes.get(path) === "removed" ? "modified" : "added");
    for (const path of commit.modified ?? []) changes.set(path, changes.get(path) === "added" ? "added" : "modified");
    for (const path of commit.removed ?? []) changes.set(path, "removed");
  }
  return changes;
}
