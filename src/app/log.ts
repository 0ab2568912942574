// The App writes one info line per delivery it acts on: the outcome, which the shell logs (with the issue filed or
// updated). The flows' step lines ("reply updated on …", "filed o/r#7", "linked as a sub-issue of …") go to debug
// (LOG_LEVEL=debug shows them): each info line costs a delivery a JSON round trip through Probot's pretty printer.
// Warnings and errors stay what they are. The Action keeps its step lines at info: its job log is read in the UI.
import type { Log } from "../github/client.js";

export function stepsAtDebug(log: Log): Log {
  return {
    info: (message) => log.debug(message),
    debug: (message) => log.debug(message),
    warn: (message) => log.warn(message),
    error: (message) => log.error(message),
  };
}
