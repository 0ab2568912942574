/**
 * Git refs, file contents, commits, compare and commit comments. Creating a ref that exists is a 422:
 * the one atomic compare-and-set GitHub offers, which claims rely on.
 */
import { z } from "zod";
import {
  HttpError,
  notFound,
  paginate,
  parseBody,
  repoOf,
  validationFailed,
  type RouteContext,
  type Router,
} from "../http.js";
import { commitCommentJson, commitJson, contentJson, diffEntryJson, refJson } from "../serialize-git.js";
import { diffTrees, type Commit } from "../git-store.js";
import type { RepoRecord } from "../state.js";

const CreateRef = z.object({ ref: z.string(), sha: z.string() });
const UpdateRef = z.object({ sha: z.string(), force: z.boolean().optional() });
const CommitComment = z.object({
  body: z.string(),
  path: z.string().optional(),
  position: z.number().int().optional(),
  line: z.number().int().optional(),
});

const unprocessable = (message: string) => new HttpError(422, message);

function commitOf(repo: RepoRecord, sha: string): Commit {
  const commit = repo.git.commits.get(sha);
  if (!commit) throw unprocessable("Object does not exist");
  return commit;
}

/** `heads/main` in the URL names `refs/heads/main`. */
const fullRef = (context: RouteContext): string => `refs/${context.params["ref"] ?? ""}`;

function contents(context: RouteContext, path: string) {
  const repo = repoOf(context);
  const ref = context.query.get("ref") ?? repo.defaultBranch;
  const commit = repo.git.resolve(ref);
  if (!commit) throw new HttpError(404, `No commit found for the ref ${ref}`);
  const file = path === "" ? undefined : commit.tree.get(path);
  if (file !== undefined) return { status: 200, body: contentJson(context.api, repo, ref, path, file, true) };
  const prefix = path === "" ? "" : `${path}/`;
  const entries = new Map<string, string | undefined>();
  for (const [p, content] of commit.tree) {
    if (!p.startsWith(prefix)) continue;
    const [name, ...rest] = p.slice(prefix.length).split("/");
    if (name !== undefined) entries.set(`${prefix}${name}`, rest.length === 0 ? content : undefined);
  }
  if (entries.size === 0 && path !== "") throw notFound();
  const body = [...entries]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([p, content]) => contentJson(context.api, repo, ref, p, content, false));
  return { status: 200, body };
}

export function gitRoutes(router: Router): void {
  router
    .on("POST", "/repos/:owner/:repo/git/refs", (context) => {
      const repo = repoOf(context);
      const { ref, sha } = parseBody(CreateRef, context.body);
      if (!/^refs\/[^/]+\/.+/.test(ref))
        throw unprocessable("Reference name must start with 'refs/' and have at least two slashes.");
      commitOf(repo, sha);
      if (repo.git.refs.has(ref)) throw unprocessable("Reference already exists");
      repo.git.refs.set(ref, sha);
      const body = refJson(context.api, repo, ref, sha);
      return { status: 201, body, headers: { location: String(body["url"]) } };
    })
    .on("GET", "/repos/:owner/:repo/git/ref/*ref", (context) => {
      const repo = repoOf(context);
      const sha = repo.git.refs.get(fullRef(context));
      if (!sha) throw notFound();
      return { status: 200, body: refJson(context.api, repo, fullRef(context), sha) };
    })
    .on("GET", "/repos/:owner/:repo/git/matching-refs/*ref", (context) => {
      const repo = repoOf(context);
      const found = [...repo.git.refs]
        .filter(([ref]) => ref.startsWith(fullRef(context)))
        .sort(([a], [b]) => a.localeCompare(b));
      return { status: 200, body: found.map(([ref, sha]) => refJson(context.api, repo, ref, sha)) };
    })
    .on("PATCH", "/repos/:owner/:repo/git/refs/*ref", (context) => {
      const repo = repoOf(context);
      const { sha, force } = parseBody(UpdateRef, context.body);
      const current = repo.git.refs.get(fullRef(context));
      if (!current) throw unprocessable("Reference does not exist");
      commitOf(repo, sha);
      if (!force && !repo.git.isAncestor(current, sha)) throw unprocessable("Update is not a fast forward");
      repo.git.refs.set(fullRef(context), sha);
      return { status: 200, body: refJson(context.api, repo, fullRef(context), sha) };
    })
    .on("DELETE", "/repos/:owner/:repo/git/refs/*ref", (context) => {
      const repo = repoOf(context);
      if (!repo.git.refs.delete(fullRef(context))) throw unprocessable("Reference does not exist");
      return { status: 204 };
    })
    .on("GET", "/repos/:owner/:repo/contents", (context) => contents(context, ""))
    .on("GET", "/repos/:owner/:repo/contents/*path", (context) => contents(context, context.params["path"] ?? ""))
    .on("GET", "/repos/:owner/:repo/compare/*basehead", (context) => {
      const repo = repoOf(context);
      const [baseRef, headRef] = (context.params["basehead"] ?? "").split("...");
      const base = baseRef ? repo.git.resolve(baseRef) : undefined;
      const head = headRef ? repo.git.resolve(headRef) : undefined;
      if (!base || !head) throw notFound();
      const result = repo.git.compare(base, head);
      const r = `${context.api}/repos/${repo.fullName}`;
      const html = `https://github.com/${repo.fullName}/compare/${baseRef}...${headRef}`;
      return {
        status: 200,
        body: {
          url: `${r}/compare/${baseRef}...${headRef}`,
          html_url: html,
          permalink_url: `https://github.com/${repo.fullName}/compare/${base.sha.slice(0, 7)}...${head.sha.slice(0, 7)}`,
          diff_url: `${html}.diff`,
          patch_url: `${html}.patch`,
          base_commit: commitJson(context.api, repo, base),
          merge_base_commit: commitJson(context.api, repo, result.mergeBase),
          status: result.status,
          ahead_by: result.aheadBy,
          behind_by: result.behindBy,
          total_commits: result.commits.length,
          commits: result.commits.map((c) => commitJson(context.api, repo, c)),
          files: result.files.map((f) => diffEntryJson(context.api, repo, head, f)),
        },
      };
    })
    .on("GET", "/repos/:owner/:repo/commits/:sha", (context) => {
      const repo = repoOf(context);
      const commit = repo.git.resolve(context.params["sha"] ?? "");
      if (!commit) throw new HttpError(422, `No commit found for SHA: ${context.params["sha"]}`);
      const parent = commit.parents[0] ? repo.git.commits.get(commit.parents[0]) : undefined;
      const files = diffTrees(parent?.tree ?? new Map(), commit.tree);
      const additions = files.reduce((n, f) => n + f.additions, 0);
      const deletions = files.reduce((n, f) => n + f.deletions, 0);
      return {
        status: 200,
        body: {
          ...commitJson(context.api, repo, commit),
          stats: { additions, deletions, total: additions + deletions },
          files: files.map((f) => diffEntryJson(context.api, repo, commit, f)),
        },
      };
    })
    .on("GET", "/repos/:owner/:repo/commits/:sha/comments", (context) => {
      const repo = repoOf(context);
      const sha = context.params["sha"] ?? "";
      const page = paginate(
        context,
        context.state.commitComments.filter((c) => c.repo === repo && c.commitId === sha),
      );
      return { ...page, body: page.body.map((c) => commitCommentJson(context.api, c)) };
    })
    .on("POST", "/repos/:owner/:repo/commits/:sha/comments", (context) => {
      const repo = repoOf(context);
      const input = parseBody(CommitComment, context.body);
      const commit = repo.git.resolve(context.params["sha"] ?? "");
      if (!commit) throw validationFailed("CommitComment", "invalid", "No commit found for SHA", "commit_id");
      const comment = {
        repo,
        id: context.state.nextId(),
        commitId: commit.sha,
        body: input.body,
        path: input.path ?? null,
        position: input.position ?? null,
        line: input.line ?? null,
        user: context.actor,
        createdAt: context.state.now(),
      };
      context.state.commitComments.push(comment);
      return { status: 201, body: commitCommentJson(context.api, comment) };
    });
}
