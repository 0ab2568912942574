// The shared GitHub code logs through `Log`; in the Action that is the run log, with warnings and
// errors raised as annotations so a reader sees them on the run's page.
import * as core from "@actions/core";
import type { Log } from "../github/client.js";

/**
 * `core.info` writes its message to stdout as it is, and the runner reads every stdout line that starts
 * with `::` (after leading spaces) as a workflow command. Log messages quote untrusted text (a return's
 * frontmatter keys, file paths), so one message stays one line, and that line never starts a command.
 * warning/error/debug are escaped by @actions/core itself.
 */
export function inertLogLine(message: string): string {
  const oneLine = message.replace(/\r\n|\r|\n/g, "\\n");
  return /^\s*::/.test(oneLine) ? oneLine.replace("::", ":\u200b:") : oneLine;
}

export const actionLog: Log = {
  info: (message) => core.info(inertLogLine(message)),
  warn: (message) => core.warning(message),
  error: (message) => core.error(message),
  debug: (message) => core.debug(message),
};
