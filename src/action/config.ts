// `.github/handoff.yml` for the Action, read from the default branch as the App reads it, so every mode honours
// the same `minimum_permission` and `trusted` bots as the App does. Absent means every default.
import { CONFIG_PATH, loadConfig } from "../config/load.js";
import type { HandoffConfig } from "../config/schema.js";
import type { GitHub, RepoRef } from "../github/client.js";
import { readFileAt } from "../github/contents.js";

export type ActionConfigResult = { ok: true; config: HandoffConfig } | { ok: false; message: string };

/** The configuration on `branch` (the repository's default branch when not given). */
export function readActionConfig(gh: GitHub, repo: RepoRef, branch?: string): Promise<ActionConfigResult> {
  return loadConfig(async () => {
    const read = await readFileAt(gh, repo, CONFIG_PATH, branch);
    if (!read.ok) return null;
    // yaml (117 KB of the bundle) is loaded only for a repository that has the file.
    const { parse } = await import("yaml");
    return parse(read.text) as unknown;
  });
}

/** The configuration, or an Error whose message says what is wrong with the file (the step fails with it). */
export async function requireActionConfig(gh: GitHub, repo: RepoRef, branch?: string): Promise<HandoffConfig> {
  const loaded = await readActionConfig(gh, repo, branch);
  if (!loaded.ok) throw new Error(loaded.message.replace(/\n+/g, " "));
  return loaded.config;
}
