/**
 * A repository's git data, as far as the REST API shows it: commits as full snapshots of the tree,
 * refs pointing at commits, and the diff between two commits (what `compare` answers).
 */
import { createHash } from "node:crypto";

export interface Commit {
  sha: string;
  message: string;
  parents: string[];
  /** path → content; the whole tree at this commit. */
  tree: Map<string, string>;
  date: Date;
  author: { name: string; email: string; login?: string };
}

export interface FileChange {
  filename: string;
  status: "added" | "modified" | "removed" | "renamed";
  previous_filename?: string;
  additions: number;
  deletions: number;
  sha: string;
}

const lines = (text: string): number => (text === "" ? 0 : text.split("\n").length);

/** Git's blob id: sha1 of `blob <size>\0<content>`. */
export function blobSha(content: string): string {
  const bytes = Buffer.from(content, "utf8");
  return createHash("sha1").update(`blob ${bytes.length}\0`).update(bytes).digest("hex");
}

export class GitStore {
  readonly commits = new Map<string, Commit>();
  /** Full ref name (`refs/heads/main`) → commit sha. */
  readonly refs = new Map<string, string>();
  private counter = 0;

  constructor(
    private readonly repoKey: string,
    defaultBranch: string,
    private readonly now: () => Date,
  ) {
    const root = this.commit({ parent: undefined, message: "Initial commit", changes: {} });
    this.refs.set(`refs/heads/${defaultBranch}`, root.sha);
  }

  /** Creates a commit on top of `parent` applying `changes` (`null` deletes a file). */
  commit(input: {
    parent: string | undefined;
    message: string;
    changes: Record<string, string | null>;
    author?: Commit["author"];
  }): Commit {
    const base = input.parent ? this.commits.get(input.parent) : undefined;
    const tree = new Map(base?.tree ?? []);
    for (const [path, content] of Object.entries(input.changes)) {
      if (content === null) tree.delete(path);
      else tree.set(path, content);
    }
    this.counter += 1;
    const sha = createHash("sha1").update(`${this.repoKey}:${this.counter}:${input.message}`).digest("hex");
    const commit: Commit = {
      sha,
      message: input.message,
      parents: base ? [base.sha] : [],
      tree,
      date: this.now(),
      author: input.author ?? { name: "Monalisa Octocat", email: "mona@github.com", login: "octocat" },
    };
    this.commits.set(sha, commit);
    return commit;
  }

  /** Commits on a branch and moves it; creates the branch from the default head when missing. */
  commitToBranch(branch: string, message: string, changes: Record<string, string | null>, fallback: string): Commit {
    const ref = `refs/heads/${branch}`;
    const parent = this.refs.get(ref) ?? this.refs.get(`refs/heads/${fallback}`);
    const commit = this.commit({ parent, message, changes });
    this.refs.set(ref, commit.sha);
    return commit;
  }

  /** A branch, a tag, a full ref or a (possibly abbreviated, at least 7 characters) sha. */
  resolve(ref: string): Commit | undefined {
    for (const candidate of [ref, `refs/heads/${ref}`, `refs/tags/${ref}`]) {
      const sha = this.refs.get(candidate);
      if (sha) return this.commits.get(sha);
    }
    if (/^[0-9a-f]{7,40}$/.test(ref)) {
      for (const [sha, commit] of this.commits) if (sha.startsWith(ref)) return commit;
    }
    return undefined;
  }

  /** Ancestors of `sha`, nearest first, including itself (first parents only: the fake has no merges). */
  ancestry(sha: string): string[] {
    const out: string[] = [];
    let current = this.commits.get(sha);
    while (current) {
      out.push(current.sha);
      current = current.parents[0] ? this.commits.get(current.parents[0]) : undefined;
    }
    return out;
  }

  isAncestor(ancestor: string, descendant: string): boolean {
    return this.ancestry(descendant).includes(ancestor);
  }

  /** What `compare/{base}...{head}` reports: commits reachable from head but not from the merge base. */
  compare(
    base: Commit,
    head: Commit,
  ): {
    status: "ahead" | "behind" | "identical" | "diverged";
    aheadBy: number;
    behindBy: number;
    mergeBase: Commit;
    commits: Commit[];
    files: FileChange[];
  } {
    const headLine = this.ancestry(head.sha);
    const baseLine = this.ancestry(base.sha);
    const mergeBaseSha = headLine.find((sha) => baseLine.includes(sha)) ?? base.sha;
    const mergeBase = this.commits.get(mergeBaseSha) ?? base;
    const aheadBy = headLine.indexOf(mergeBaseSha);
    const behindBy = baseLine.indexOf(mergeBaseSha);
    const status =
      aheadBy === 0 && behindBy === 0 ? "identical" : behindBy === 0 ? "ahead" : aheadBy === 0 ? "behind" : "diverged";
    const commits = headLine
      .slice(0, Math.max(0, aheadBy))
      .reverse()
      .map((sha) => this.commits.get(sha))
      .filter((c): c is Commit => c !== undefined);
    return { status, aheadBy, behindBy, mergeBase, commits, files: diffTrees(mergeBase.tree, head.tree) };
  }
}

/** Like git, a removed file whose exact content reappears under a new name is reported as renamed. */
export function diffTrees(before: Map<string, string>, after: Map<string, string>): FileChange[] {
  const added = [...after.keys()].filter((p) => !before.has(p));
  const removed = [...before.keys()].filter((p) => !after.has(p));
  const changes: FileChange[] = [];
  const renamedFrom = new Set<string>();
  for (const path of added) {
    const content = after.get(path) ?? "";
    const from = removed.find((r) => !renamedFrom.has(r) && before.get(r) === content);
    if (from !== undefined) {
      renamedFrom.add(from);
      changes.push({
        filename: path,
        status: "renamed",
        previous_filename: from,
        additions: 0,
        deletions: 0,
        sha: blobSha(content),
      });
    } else {
      changes.push({ filename: path, status: "added", additions: lines(content), deletions: 0, sha: blobSha(content) });
    }
  }
  for (const path of removed) {
    if (renamedFrom.has(path)) continue;
    changes.push({
      filename: path,
      status: "removed",
      additions: 0,
      deletions: lines(before.get(path) ?? ""),
      sha: blobSha(before.get(path) ?? ""),
    });
  }
  for (const [path, content] of after) {
    const old = before.get(path);
    if (old !== undefined && old !== content) {
      changes.push({
        filename: path,
        status: "modified",
        additions: lines(content),
        deletions: lines(old),
        sha: blobSha(content),
      });
    }
  }
  return changes.sort((a, b) => a.filename.localeCompare(b.filename));
}
