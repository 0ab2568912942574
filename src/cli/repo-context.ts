// What the CLI knows of the repository it runs in: `owner/repo` from the git remote, and `.github/handoff.yml`,
// so that `preview` shows what the App would file here and `new` writes where the App looks.
// git itself answers (worktrees, `include`d configs, `insteadOf` rewrites): reading .git/config by hand would miss
// all three. Without git, or outside a repository, every answer is "unknown" and the defaults apply.
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { parse as parseYaml } from "yaml";
import { CONFIG_PATH, loadConfig, type ConfigResult } from "../config/load.js";

const exec = promisify(execFile);

export interface RemoteRepo {
  /** `github.com`, or a GitHub Enterprise Server host. */
  host: string;
  owner: string;
  repo: string;
}

const NAME = /^[A-Za-z0-9_.-]+$/;

/**
 * `owner/repo` from a remote URL in any form git accepts for GitHub: `https://github.com/o/r(.git)`, with
 * credentials or a port, `git@github.com:o/r.git` (scp-like), `ssh://git@host:2222/o/r.git`, `git://host/o/r`,
 * and Enterprise hosts, including a path prefix (`https://host/scm/o/r`). Null for anything else (a local path).
 */
export function parseRemoteUrl(url: string): RemoteRepo | null {
  const trimmed = url.trim();
  let host: string;
  let pathname: string;
  const scp = /^(?:[^@/]+@)?([^:/]+):(?!\/)(.+)$/.exec(trimmed);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)) {
    let parsed: URL;
    try {
      parsed = new URL(trimmed);
    } catch {
      return null;
    }
    if (parsed.protocol === "file:") return null;
    host = parsed.hostname;
    pathname = decodeURIComponent(parsed.pathname);
  } else if (scp && !/^[A-Za-z]$/.test(scp[1]!)) {
    // `C:\repo` is a Windows path, not host `C`.
    host = scp[1]!;
    pathname = scp[2]!;
  } else {
    return null;
  }
  const parts = pathname
    .replace(/\/+$/, "")
    .replace(/\.git$/, "")
    .split("/")
    .filter(Boolean);
  if (parts.length < 2 || !host) return null;
  const [owner, repo] = parts.slice(-2) as [string, string];
  if (!NAME.test(owner) || !NAME.test(repo)) return null;
  return { host: host.toLowerCase(), owner, repo };
}

async function git(cwd: string, args: string[]): Promise<string | null> {
  try {
    const { stdout } = await exec("git", args, { cwd, timeout: 5_000 });
    return stdout.trim() || null;
  } catch {
    return null;
  }
}

/** The repository of the `origin` remote, or of the only/first remote when there is no origin. */
export async function gitRemoteRepo(cwd: string): Promise<RemoteRepo | null> {
  const origin = await git(cwd, ["remote", "get-url", "origin"]);
  if (origin) return parseRemoteUrl(origin);
  const first = (await git(cwd, ["remote"]))?.split("\n")[0];
  if (!first) return null;
  const url = await git(cwd, ["remote", "get-url", first]);
  return url ? parseRemoteUrl(url) : null;
}

/** The top of the working tree, or null outside a git repository. */
export function repoRoot(cwd: string): Promise<string | null> {
  return git(cwd, ["rev-parse", "--show-toplevel"]);
}

/**
 * `.github/handoff.yml` at the top of the working tree, validated as the App validates it. No file means every
 * default, as for the App. (The App also follows `_extends` to the organisation's `.github` repository; the CLI
 * cannot see that repository.)
 */
export async function readRepoConfig(root: string): Promise<ConfigResult> {
  return loadConfig(async () => {
    let text: string;
    try {
      text = await readFile(path.join(root, CONFIG_PATH), "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw error;
    }
    return parseYaml(text) as unknown;
  });
}

export interface RepoContext {
  /** Where the repository's paths are relative to: the top of the working tree, or `cwd` outside git. */
  root: string;
  remote: RemoteRepo | null;
  config: ConfigResult;
}

export async function repoContext(cwd: string = process.cwd()): Promise<RepoContext> {
  const root = (await repoRoot(cwd)) ?? cwd;
  const [remote, config] = await Promise.all([gitRemoteRepo(root), readRepoConfig(root)]);
  return { root, remote, config };
}
