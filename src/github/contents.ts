// Reading what a push changed and what the repository holds, with `contents: read` only.
import { MAX_DOCUMENT_BYTES } from "../core/limits.js";
import { statusOf, type GitHub, type RepoRef } from "./client.js";

export type FileChangeStatus = "added" | "modified" | "removed" | "renamed";

export interface FileChange {
  path: string;
  status: FileChangeStatus;
  /** For `renamed`: the path it had before. */
  previousPath?: string;
}

export type ReadFileResult = { ok: true; text: string } | { ok: false; reason: string };

/** A file's text at a commit (`GET /repos/{o}/{r}/contents/{path}?ref=`, base64); without `ref`, the default branch. */
export async function readFileAt(gh: GitHub, repo: RepoRef, path: string, ref?: string): Promise<ReadFileResult> {
  try {
    const { data } = await gh.request("GET /repos/{owner}/{repo}/contents/{path}", {
      ...repo,
      path,
      ...(ref ? { ref } : {}),
    });
    if (Array.isArray(data) || data.type !== "file") return { ok: false, reason: "not a file" };
    // Files over 1 MB come back with `encoding: "none"` and no content; ours are capped well below that.
    if (!("content" in data) || data.encoding !== "base64")
      return { ok: false, reason: "the file is too large to read" };
    const bytes = Buffer.from(data.content, "base64");
    if (bytes.length > MAX_DOCUMENT_BYTES) return { ok: false, reason: "the file is larger than 2 MB" };
    return { ok: true, text: bytes.toString("utf8") };
  } catch (error) {
    if (statusOf(error) === 404) return { ok: false, reason: "the file does not exist at this commit" };
    throw error;
  }
}

/** GitHub's compare API lists at most 300 files; more means the list is incomplete. */
export const COMPARE_FILE_LIMIT = 300;

export type CompareResult = { ok: true; changes: FileChange[] } | { ok: false; reason: string };

/** The files changed between two commits, or why they cannot be known (after a force push, `before` may be gone). */
export async function compareCommits(gh: GitHub, repo: RepoRef, base: string, head: string): Promise<CompareResult> {
  try {
    const { data } = await gh.request("GET /repos/{owner}/{repo}/compare/{basehead}", {
      ...repo,
      basehead: `${base}...${head}`,
      per_page: 1,
    });
    const files = data.files ?? [];
    if (files.length >= COMPARE_FILE_LIMIT)
      return { ok: false, reason: `the comparison lists ${files.length} files, GitHub's limit` };
    const changes: FileChange[] = [];
    for (const file of files) {
      if (file.status === "renamed" && file.previous_filename) {
        changes.push({ path: file.filename, status: "renamed", previousPath: file.previous_filename });
      } else if (file.status === "removed") {
        changes.push({ path: file.filename, status: "removed" });
      } else if (file.status === "added" || file.status === "copied") {
        changes.push({ path: file.filename, status: "added" });
      } else if (file.status !== "unchanged") {
        changes.push({ path: file.filename, status: "modified" });
      }
    }
    return { ok: true, changes };
  } catch (error) {
    const status = statusOf(error);
    if (status === 404 || status === 422) return { ok: false, reason: `the comparison failed with ${status}` };
    throw error;
  }
}

export type TreeResult = { ok: true; paths: string[]; truncated: boolean } | { ok: false; reason: string };

/** Every file path at a commit, in one request (`recursive=1`); `truncated` past 100,000 entries. */
export async function listTree(gh: GitHub, repo: RepoRef, sha: string): Promise<TreeResult> {
  try {
    const { data } = await gh.request("GET /repos/{owner}/{repo}/git/trees/{tree_sha}", {
      ...repo,
      tree_sha: sha,
      recursive: "1",
    });
    const paths = data.tree.filter((entry) => entry.type === "blob" && entry.path).map((entry) => entry.path!);
    return { ok: true, paths, truncated: data.truncated };
  } catch (error) {
    const status = statusOf(error);
    if (status === 404 || status === 409 || status === 422)
      return { ok: false, reason: `the tree could not be listed (${status})` };
    throw error;
  }
}
