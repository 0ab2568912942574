// The shared GitHub code logs through `Log`; in the Action that is the run log, with warnings and
// errors raised as annotations so a reader sees them on the run's page.
import * as core from "@actions/core";
import type { Log } from "../github/client.js";

export const actionLog: Log = {
  info: (message) => core.info(message),
  warn: (message) => core.warning(message),
  error: (message) => core.error(message),
  debug: (message) => core.debug(message),
};
