// The CLI's connection to GitHub: a token, the API host (GITHUB_API_URL), the repository, and who the token is.
import { createGitHub } from "../action/octokit.js";
import { statusOf, type GitHub, type Log, type RepoRef } from "../github/client.js";
import { gitRemoteRepo } from "./repo-context.js";
import { apiUrl, resolveToken } from "./token.js";

export interface Connection {
  gh: GitHub;
  repo: RepoRef;
  api: string;
}

export interface ConnectOptions {
  token?: string;
  repo?: string;
  /** Where warnings go (rate limits being waited out): stderr. */
  warn: (line: string) => void;
}

/** Parses `--repo owner/repo`; null when it is not that shape. */
export function parseRepoOption(text: string): RepoRef | null {
  const match = /^([\w.-]{1,100})\/([\w.-]{1,100})$/.exec(text.trim());
  return match ? { owner: match[1]!, repo: match[2]! } : null;
}

export async function connect(options: ConnectOptions): Promise<Connection> {
  let repo: RepoRef;
  if (options.repo !== undefined) {
    const parsed = parseRepoOption(options.repo);
    if (!parsed) throw new Error(`--repo ${options.repo} is not owner/repo`);
    repo = parsed;
  } else {
    const remote = await gitRemoteRepo(process.cwd());
    if (!remote)
      throw new Error("no --repo given, and no git remote here names a GitHub repository: pass --repo owner/repo");
    repo = { owner: remote.owner, repo: remote.repo };
  }
  const { token } = await resolveToken(options.token);
  const api = apiUrl();
  const quiet = (): void => undefined;
  const log: Log = { debug: quiet, info: quiet, warn: options.warn, error: options.warn };
  return { gh: createGitHub(token, api, log, "handoff-cli"), repo, api };
}

/** The token's login, or null for a token that is not a user's (an App installation's, a workflow's GITHUB_TOKEN). */
export async function whoAmI(gh: GitHub): Promise<string | null> {
  try {
    const { data } = await gh.request("GET /user");
    return data.login;
  } catch (error) {
    if (statusOf(error) === 403 || statusOf(error) === 401) return null;
    throw error;
  }
}
