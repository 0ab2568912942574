// The repository's `.github/handoff.yml` on its default branch, read through the API (publish and wait may run
// outside the working tree, with --repo), as the App reads it. Absent: every default. Invalid: defaults and a note.
import { parse } from "yaml";
import { CONFIG_PATH, parseConfig } from "../config/load.js";
import { DEFAULT_CONFIG, type HandoffConfig } from "../config/schema.js";
import type { GitHub, RepoRef } from "../github/client.js";
import { readFileAt } from "../github/contents.js";

export async function fetchRepoConfig(gh: GitHub, repo: RepoRef, note: (line: string) => void): Promise<HandoffConfig> {
  const read = await readFileAt(gh, repo, CONFIG_PATH);
  if (!read.ok) return DEFAULT_CONFIG;
  let raw: unknown;
  try {
    raw = parse(read.text);
  } catch {
    note(`${CONFIG_PATH} is not valid YAML, so its settings are not used here (the App will refuse it too)`);
    return DEFAULT_CONFIG;
  }
  const config = parseConfig(raw);
  if (config.ok) return config.config;
  note(`${CONFIG_PATH} is not valid, so its settings are not used here: ${config.message.split("\n")[1] ?? ""}`);
  return DEFAULT_CONFIG;
}
