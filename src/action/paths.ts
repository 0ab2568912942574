// Where the Action puts the files it hands to the agent and expects back. The paths depend only on
// RUNNER_TEMP and the issue number, so a later step (or a later job that downloads the same folder)
// finds the return file without being told.
import { join } from "node:path";

export interface IssuePaths {
  dir: string;
  handoff: string;
  prompt: string;
  return: string;
}

export function issuePaths(runnerTemp: string, issueNumber: number): IssuePaths {
  const dir = join(runnerTemp, "handoff", `issue-${issueNumber}`);
  return {
    dir,
    handoff: join(dir, "handoff.md"),
    prompt: join(dir, "prompt.md"),
    return: join(dir, "return.md"),
  };
}
