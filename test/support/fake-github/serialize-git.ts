/** Git records → GitHub's JSON: refs, commits, compare entries, file contents, commit comments. */
import { blobSha, type Commit, type FileChange } from "./git-store.js";
import { timestamp } from "./http.js";
import { HTML, nodeId, rollup, userJson, type Json } from "./serialize.js";
import type { CommitCommentRecord, RepoRecord } from "./state.js";

export function refJson(api: string, repo: RepoRecord, ref: string, sha: string): Json {
  return {
    ref,
    node_id: nodeId("REF_", ref.length),
    url: `${api}/repos/${repo.fullName}/git/${ref}`,
    object: { type: "commit", sha, url: `${api}/repos/${repo.fullName}/git/commits/${sha}` },
  };
}

export function commitJson(api: string, repo: RepoRecord, commit: Commit): Json {
  const r = `${api}/repos/${repo.fullName}`;
  const person = { name: commit.author.name, email: commit.author.email, date: timestamp(commit.date) };
  return {
    url: `${r}/commits/${commit.sha}`,
    sha: commit.sha,
    node_id: nodeId("C_", parseInt(commit.sha.slice(0, 8), 16)),
    html_url: `${HTML}/${repo.fullName}/commit/${commit.sha}`,
    comments_url: `${r}/commits/${commit.sha}/comments`,
    commit: {
      url: `${r}/git/commits/${commit.sha}`,
      author: person,
      committer: person,
      message: commit.message,
      comment_count: 0,
      tree: { sha: commit.sha, url: `${r}/git/trees/${commit.sha}` },
    },
    author: null,
    committer: null,
    parents: commit.parents.map((sha) => ({
      sha,
      url: `${r}/commits/${sha}`,
      html_url: `${HTML}/${repo.fullName}/commit/${sha}`,
    })),
  };
}

export function diffEntryJson(api: string, repo: RepoRecord, head: Commit, change: FileChange): Json {
  const encoded = change.filename.split("/").map(encodeURIComponent).join("/");
  return {
    sha: change.sha,
    filename: change.filename,
    status: change.status,
    additions: change.additions,
    deletions: change.deletions,
    changes: change.additions + change.deletions,
    blob_url: `${HTML}/${repo.fullName}/blob/${head.sha}/${encoded}`,
    raw_url: `${HTML}/${repo.fullName}/raw/${head.sha}/${encoded}`,
    contents_url: `${api}/repos/${repo.fullName}/contents/${encoded}?ref=${head.sha}`,
    ...(change.previous_filename ? { previous_filename: change.previous_filename } : {}),
  };
}

/** A file or directory entry; `content` only for a single file, base64 in 60-character lines like GitHub. */
export function contentJson(
  api: string,
  repo: RepoRecord,
  ref: string,
  path: string,
  content: string | undefined,
  withContent: boolean,
): Json {
  const encoded = path.split("/").map(encodeURIComponent).join("/");
  const self = `${api}/repos/${repo.fullName}/contents/${encoded}?ref=${encodeURIComponent(ref)}`;
  const isFile = content !== undefined;
  const sha = isFile ? blobSha(content) : blobSha(`tree:${path}`);
  const git = `${api}/repos/${repo.fullName}/git/${isFile ? "blobs" : "trees"}/${sha}`;
  const html = `${HTML}/${repo.fullName}/${isFile ? "blob" : "tree"}/${ref}/${encoded}`;
  const base64 = isFile ? Buffer.from(content, "utf8").toString("base64") : "";
  return {
    type: isFile ? "file" : "dir",
    size: isFile ? Buffer.byteLength(content, "utf8") : 0,
    name: path.split("/").at(-1) ?? path,
    path,
    sha,
    url: self,
    git_url: git,
    html_url: html,
    download_url: isFile ? `https://raw.githubusercontent.com/${repo.fullName}/${ref}/${encoded}` : null,
    ...(withContent && isFile ? { content: `${base64.replace(/.{60}/g, "$&\n")}\n`, encoding: "base64" } : {}),
    _links: { self, git, html },
  };
}

export function commitCommentJson(api: string, comment: CommitCommentRecord): Json {
  return {
    html_url: `${HTML}/${comment.repo.fullName}/commit/${comment.commitId}#commitcomment-${comment.id}`,
    url: `${api}/repos/${comment.repo.fullName}/comments/${comment.id}`,
    id: comment.id,
    node_id: nodeId("CC_", comment.id),
    body: comment.body,
    path: comment.path,
    position: comment.position,
    line: comment.line,
    commit_id: comment.commitId,
    user: userJson(api, comment.user),
    created_at: timestamp(comment.createdAt),
    updated_at: timestamp(comment.createdAt),
    author_association: "NONE",
    reactions: rollup(`${api}/repos/${comment.repo.fullName}/comments/${comment.id}/reactions`, []),
  };
}
