// mode: return — carries the agent's return handoff back, or says plainly that there is none.
//
//   1. resolve the issue (input, or the event's), read it, and check its author as pickup does
//   2. read the return (return-text, the return-file input, or the path pickup named)
//   3. none written → the failure path: one failure note, the claim released, handoff:failed, a failed step
//   4. validate and redact it with the shared core (prepareReturn); invalid or unredactable → the failure path
//   5. deliver it with the shared flow: posted on the issue, relayed neutralised to the parent, labels, close on done
//   6. release the claim
import * as core from "@actions/core";
import { findMarker } from "../core/marker.js";
import type { PreparedReturn } from "../core/prepare.js";
import { RedactionError } from "../core/redact/error.js";
import { formatIssue, type GitHub, type IssueAddress, type Log } from "../github/client.js";
import { upsertComment, type IsOurs } from "../github/comments.js";
import { addLabels, removeLabels } from "../github/labels.js";
import { diagnosticLine, withMarker } from "../flows/messages.js";
import { handoffMarkerOf, toHandoffIssue, type HandoffIssue } from "../flows/handoff-issue.js";
import type { RelayOutcome } from "../flows/return.js";
import { releaseClaim, type ReleaseOutcome } from "./claim.js";
import { issueFromEvent, type ActionContext } from "./context.js";
import type { ReturnInputs } from "./inputs.js";
import { LABELS } from "../core/labels.js";
import { issuePaths } from "./paths.js";
import { newReport, setOutput, type Report } from "./report.js";
import { actionIdentity } from "../flows/identity.js";
import { TrustChecker, trustPolicy } from "../flows/policy.js";
import { requireActionConfig } from "./config.js";

interface ReturnDeps {
  gh: GitHub;
  context: ActionContext;
  inputs: ReturnInputs;
  log: Log;
}

export async function returnMode({ gh, context, inputs, log }: ReturnDeps): Promise<Report> {
  const report = newReport("handoff: return");
  const isOurs = actionIdentity(inputs).isTrustedWriter;

  // 1. The issue.
  const number = inputs.issue ?? issueFromEvent(context);
  if (!number)
    throw new Error(
      `no handoff issue to return to: set the issue input (the ${context.eventName || "current"} event names none)`,
    );
  const address: IssueAddress = { ...context.repo, issue_number: number };
  const name = formatIssue(address);
  setOutput(report, "issue-number", number);
  // The text pipeline (markdown-it, parse5, secretlint, yaml: most of the bundle) is loaded while the request is in
  // flight; `.catch` only keeps a failed load from being unhandled: it is thrown where it is awaited.
  const reading = gh.request("GET /repos/{owner}/{repo}/issues/{issue_number}", { ...address });
  const loadingText = reading.then(() => import("./return-text.js"));
  loadingText.catch(() => undefined);
  const { data } = await reading;
  const issue = toHandoffIssue(context.repo, { ...data, number });
  report.rows.push(["Issue", `[${name}](${data.html_url})`]);
  // The author rule is pickup's: a writer, or a bot listed in trusted-bots. Not isOurs: that counts
  // github-actions[bot], which any workflow's GITHUB_TOKEN writes as. Checked first, so a refusal posts nothing.
  const config = await requireActionConfig(gh, context.repo);
  const checker = new TrustChecker(gh, trustPolicy(context.repo, config, inputs["trusted-bots"]));
  const author = await checker.person(issue.user, "author");
  if (!author.trusted) {
    throw new Error(
      `${name} is not a handoff issue this Action accepts: ${author.reason}; nothing was posted or released`,
    );
  }

  // 2. The return document.
  const { deliverReturn, overrideStatus, prepareReturn, readReturn } = await loadingText;
  const file = inputs["return-file"] ?? issuePaths(context.runnerTemp, number).return;
  let source = await readReturn({ text: inputs["return-text"], file });
  const conclusion = inputs["agent-conclusion"];
  if (conclusion) report.rows.push(["Agent", conclusion]);

  // 3. None written: nothing is lost, the issue goes back to be picked up again.
  if (!source) {
    const why = `the agent${conclusion ? ` (conclusion: ${conclusion})` : ""} wrote no return handoff at ${file}`;
    return fail(report, { gh, context, inputs, log, issue, isOurs, why, details: [] });
  }
  if (inputs.status) source = overrideStatus(source, inputs.status);

  // 4. Validate and redact.
  let prepared: PreparedReturn;
  try {
    const marker = findMarker(issue.body);
    prepared = await prepareReturn(source.text, {
      source: { type: "issue", repo: `${issue.repo.owner}/${issue.repo.repo}`, number, url: issue.html_url },
      parent: marker?.parent,
    });
  } catch (error) {
    if (!(error instanceof RedactionError)) throw error;
    // Fail closed: a return we cannot vouch for is not posted anywhere.
    const why = `the return handoff ${source.name} could not be redacted (${error.message}), so it was not posted`;
    return fail(report, { gh, context, inputs, log, issue, isOurs, why, details: [] });
  }
  if (prepared.errors.length > 0) {
    const details = prepared.errors.map((d) =>
      diagnosticLine({ ...d, line: source.originalLine(d.line) }, source.name),
    );
    for (const d of prepared.errors)
      core.error(d.message, {
        title: "invalid return handoff",
        file: source.name,
        startLine: source.originalLine(d.line),
        startColumn: d.column,
      });
    const why = `the return handoff ${source.name} is invalid (${prepared.errors.length} error${prepared.errors.length === 1 ? "" : "s"})`;
    return fail(report, { gh, context, inputs, log, issue, isOurs, why, details });
  }
  for (const d of prepared.warnings)
    log.info(`${source.name}:${source.originalLine(d.line)}:${d.column} warning: ${d.message}`);

  if (inputs["dry-run"]) {
    const status = prepared.document.status ?? "not given";
    log.info(
      `dry-run: the return (status ${status}) would be posted on ${name}${inputs["relay-to-parent"] ? " and relayed to its parent" : ""}; nothing written`,
    );
    setOutput(report, "status", status);
    report.notes.push(`Dry run: the return (status ${status}) was validated and redacted; nothing was written.`);
    return report;
  }

  // 5. Deliver, with the flow the App uses: post, relay, settle. The author was checked in step 1.
  const marker = handoffMarkerOf(issue, true);
  if (!marker) {
    throw new Error(
      `${name} is not a handoff issue (it needs handoff's marker, and an author who is a writer or a bot in trusted-bots); the return was not posted`,
    );
  }
  const result = await deliverReturn(gh, {
    handoffIssue: issue,
    marker,
    prepared,
    // Per run: a second pickup's return is a second comment, a re-run of this one updates its own.
    returnKey: `run-${context.runId}`,
    author: prepared.document.agent ?? context.actor,
    steps: { post: true, relay: inputs["relay-to-parent"], closeOnDone: inputs["close-on-done"] },
    runUrl: context.runUrl,
    isOurs,
    log,
  });

  // 6. Release the claim.
  const released = await releaseOwnClaim(gh, address, { isOurs, context, log });

  setOutput(report, "status", result.status ?? "");
  setOutput(report, "comment-url", result.returnComment?.html_url ?? "");
  setOutput(report, "relay-url", result.relay.state === "relayed" ? result.relay.comment.html_url : "");
  report.rows.push(["Status", result.status ?? "not given"]);
  if (result.returnComment)
    report.rows.push(["Return", `[comment](${result.returnComment.html_url}) (${result.returnComment.action})`]);
  reportRelay(report, result.relay, context.runUrl);
  report.rows.push(["Closed", result.closed ? "yes" : "no"], ["Claim", released]);
  return report;
}

interface FailureInput extends ReturnDeps {
  issue: HandoffIssue;
  isOurs: IsOurs;
  why: string;
  /** `return.md:3:7 …` lines; positions and the parser's messages, never the document's text. */
  details: string[];
}

/** One failure note (upserted, so a re-run does not post twice), the claim released, handoff:failed, a failed step. */
async function fail(report: Report, input: FailureInput): Promise<Report> {
  const { gh, context, issue, why } = input;
  const address: IssueAddress = { ...issue.repo, issue_number: issue.number };
  const name = formatIssue(address);
  setOutput(report, "status", "failed");
  report.failure = [`${name}: ${why}`, ...input.details].join("\n");
  if (input.inputs["dry-run"]) {
    input.log.info(`dry-run: no failure note, label or claim release written on ${name}`);
    return report;
  }
  const source = {
    type: "issue" as const,
    repo: `${issue.repo.owner}/${issue.repo.repo}`,
    number: issue.number,
    url: issue.html_url,
  };
  const text = [
    `**No return handoff:** ${why}.`,
    ...(input.details.length > 0 ? ["", ...input.details.map((line) => `- ${line}`)] : []),
    "",
    `Nothing is lost: the claim is released and the issue is labelled \`${LABELS.failed}\`. Label it \`${LABELS.ready}\` to hand it to an agent again. See [workflow run ${context.runId}](${context.runUrl}).`,
  ].join("\n");
  const body = withMarker({ v: 1, kind: "return", source, hash: "", role: "failure" }, text);
  const comment = await upsertComment(gh, address, body, input.isOurs, (m) => m.role === "failure");
  await releaseOwnClaim(gh, address, { isOurs: input.isOurs, context, log: input.log });
  await removeLabels(gh, address, issue.labels, [LABELS.claimed]);
  await addLabels(gh, address, issue.labels, [LABELS.failed]);
  setOutput(report, "comment-url", comment.html_url);
  report.rows.push(["Failure note", `[comment](${comment.html_url}) (${comment.action})`]);
  return report;
}

/** Releases this run's claim and says in the log what happened, above all when the claim is another run's. */
async function releaseOwnClaim(
  gh: GitHub,
  address: IssueAddress,
  options: { isOurs: IsOurs; context: ActionContext; log: Log },
): Promise<ReleaseOutcome> {
  const name = formatIssue(address);
  const released = await releaseClaim(gh, address, {
    isOurs: options.isOurs,
    context: options.context,
    now: new Date(),
  });
  if (released === "not-ours") {
    options.log.info(
      `claim on ${name}: left in place: its lease is not workflow run ${options.context.runId}'s (another run took it over, or no lease is recorded)`,
    );
  } else {
    options.log.info(`claim on ${name}: ${released}`);
  }
  if (released === "ref-kept")
    core.notice(
      `the claim ref on ${name} was left in place (this token lacks contents: write); the next pickup moves it`,
    );
  return released;
}

/**
 * The relay's outcome in the summary. A relay GitHub refused (the parent deleted, transferred or locked; 5xx after
 * retries) or one we refused (a parent in another repository) does not fail the step: the return is posted and
 * settled. It is a warning annotation and a summary row, and re-running this job relays again (same run key).
 */
function reportRelay(report: Report, relay: RelayOutcome, runUrl: string): void {
  if (relay.state === "relayed")
    report.rows.push(["Relayed", `[comment](${relay.comment.html_url}) (${relay.comment.action})`]);
  else if (relay.state === "skipped") report.rows.push(["Relayed", `no: ${relay.why}`]);
  else {
    core.warning(
      `the return was posted and the issue settled, but not relayed: ${relay.why}. Re-run this job to try the relay again.`,
      { title: "return not relayed" },
    );
    report.rows.push(["Relayed", `**not relayed:** ${relay.why}`]);
    report.notes.push(
      `The return is posted and settled; only the relay is missing. [Re-running this job](${runUrl}) tries the relay again.`,
    );
  }
}
