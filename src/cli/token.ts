// The token the CLI acts with, in the order the user expects from GitHub's own tools: `--token`, `GH_TOKEN`,
// `GITHUB_TOKEN`, then `gh auth token` (the GitHub CLI's stored login, for the API's host).
import { execFile } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);

export const DEFAULT_API_URL = "https://api.github.com";

export interface TokenSource {
  token: string;
  /** Where it came from, for messages: never the token itself. */
  from: "--token" | "GH_TOKEN" | "GITHUB_TOKEN" | "gh auth token";
}

/** The API base: GITHUB_API_URL (GitHub Enterprise Server, or a test stand-in), else api.github.com. */
export function apiUrl(env: NodeJS.ProcessEnv = process.env): string {
  const value = env["GITHUB_API_URL"]?.trim();
  return value ? value.replace(/\/+$/, "") : DEFAULT_API_URL;
}

/** The host `gh` keys its logins by: github.com for the public API, else the API's own host. */
export function ghHostname(api: string): string {
  const host = new URL(api).host;
  return host === "api.github.com" ? "github.com" : host;
}

export type RunGh = (args: string[]) => Promise<string>;

const runGh: RunGh = async (args) => (await run("gh", args, { timeout: 10_000 })).stdout;

export async function resolveToken(
  flag: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
  gh: RunGh = runGh,
): Promise<TokenSource> {
  if (flag?.trim()) return { token: flag.trim(), from: "--token" };
  for (const name of ["GH_TOKEN", "GITHUB_TOKEN"] as const) {
    const value = env[name]?.trim();
    if (value) return { token: value, from: name };
  }
  try {
    const token = (await gh(["auth", "token", "--hostname", ghHostname(apiUrl(env))])).trim();
    if (token) return { token, from: "gh auth token" };
  } catch {
    // gh is not installed or not logged in: the message below says what to do.
  }
  throw new Error("no GitHub token: pass --token, set GH_TOKEN or GITHUB_TOKEN, or log in with `gh auth login`");
}
