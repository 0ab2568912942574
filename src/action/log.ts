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

/** plugin-request-log's line for a failed request: `GET /repos/o/r/contents/x - 404 with id ABC in 12ms`. */
const FAILED_4XX_REQUEST = /^[A-Z]+ \S+ - 4\d\d with id /;

/**
 * The log handed to Octokit. Its request log reports every failed request through `error`, which in the Action
 * is an `::error::` annotation: a clean run showed one for the expected 404 of a missing `.github/handoff.yml`,
 * and the 422 of a claim ref that exists. Whether a 4xx matters is for the caller, which gets it as an exception
 * and reports it itself; here it is debug. Other failures (5xx, timeouts) are warnings: a retry may still succeed,
 * and a final failure fails the step with its own message.
 */
export function octokitLog(log: Log): Log {
  return {
    debug: log.debug,
    info: log.debug,
    warn: log.warn,
    error: (message) => (FAILED_4XX_REQUEST.test(message) ? log.debug(message) : log.warn(message)),
  };
}
