// The Action's main flow:
//
//   1. read and validate the inputs (zod)
//   2. read the run's context (GITHUB_* variables and the event file)
//   3. build the GitHub client (retry, throttling, GITHUB_API_URL)
//   4. run the mode: pickup, return or file (each mode is imported when chosen: a run compiles and evaluates
//      only its own mode's code, one chunk of the bundle)
//   5. write the job summary; fail the step on a real failure
//
// A refusal or a lost claim is not a failure: the step succeeds and says why in a notice. Anything that
// went wrong fails the step with a message naming the issue or file, never only a line in the log.
import * as core from "@actions/core";
import { readContext } from "./context.js";
import { readInputs } from "./inputs.js";
import { actionLog } from "./log.js";
import { createGitHub } from "./octokit.js";
import { newReport, type Report } from "./report.js";
import { writeSummary } from "./summary.js";

export async function run(): Promise<void> {
  const startedAt = new Date();
  let report: Report = newReport("handoff");
  try {
    // 1. Inputs.
    const inputs = readInputs();
    core.setSecret(inputs["github-token"]);
    // 2. Context.
    const context = readContext(startedAt);
    // 3. Client.
    const gh = createGitHub(inputs["github-token"], context.apiUrl, actionLog);
    if (inputs["dry-run"]) core.notice("dry-run: handoff computes everything and writes nothing to GitHub");
    // 4. The mode.
    switch (inputs.mode) {
      case "pickup": {
        const { pickup } = await import("./pickup.js");
        report = await pickup({ gh, context, inputs, log: actionLog });
        break;
      }
      case "return": {
        const { returnMode } = await import("./return.js");
        report = await returnMode({ gh, context, inputs, log: actionLog });
        break;
      }
      case "file": {
        const { fileMode } = await import("./file.js");
        report = await fileMode({ gh, context, inputs, log: actionLog });
        break;
      }
    }
    // 5. Summary, and the mode's own verdict.
    await writeSummary(report, report.failure);
    if (report.failure) core.setFailed(report.failure);
  } catch (error) {
    const message = describeError(error);
    core.setFailed(message);
    await writeSummary(report, message).catch((summaryError: unknown) =>
      core.warning(`could not write the job summary: ${describeError(summaryError)}`),
    );
  }
}

/** An Octokit error says which request failed; anything else keeps its own message. */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const request = (error as { request?: { method?: string; url?: string } }).request;
  const status = (error as { status?: unknown }).status;
  if (request?.method && request.url && typeof status === "number") {
    return `GitHub answered ${status} to ${request.method} ${request.url}: ${error.message}`;
  }
  return error.message;
}
