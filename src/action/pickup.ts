// mode: pickup — hands one trusted handoff issue to one agent run.
//
//   1. resolve the issue (input, or the event's)
//   2. read it; a closed issue or a pull request is left alone
//   3. trust: our marker, a writer (or listed bot) as author, a writer as trigger; else refuse
//   4. read the trusted comments (with include-comments), before writing anything
//   5. claim it (git ref, atomic), then label it and post the tracking comment
//   6. sanitise the document, write the handoff and prompt files, set the outputs
import { mkdir, writeFile } from "node:fs/promises";
import * as core from "@actions/core";
import { contentHash, renderMarker } from "../core/marker.js";
import { formatIssue, type GitHub, type IssueAddress, type Log } from "../github/client.js";
import { upsertComment, type IsOurs } from "../github/comments.js";
import { addLabels, removeLabels } from "../github/labels.js";
import { acquireClaim, newLease, recordClaim, renderClaimComment } from "./claim.js";
import { issueFromEvent, type ActionContext } from "./context.js";
import type { PickupInputs } from "./inputs.js";
import { LABELS, labelNames } from "../core/labels.js";
import { issuePaths } from "./paths.js";
import { newReport, setOutput, type Report } from "./report.js";
import { selectComments, type ThreadComment } from "./thread.js";
import { actionIdentity } from "../flows/identity.js";
import { TrustChecker, trustPolicy } from "../flows/policy.js";
import { requireActionConfig } from "./config.js";
import { checkIssue } from "./trust.js";

interface PickupDeps {
  gh: GitHub;
  context: ActionContext;
  inputs: PickupInputs;
  log: Log;
}

export async function pickup({ gh, context, inputs, log }: PickupDeps): Promise<Report> {
  const report = newReport("handoff: pickup");
  const notClaimed = (reason: string): Report => {
    setOutput(report, "claimed", false);
    setOutput(report, "reason", reason);
    report.notes.push(`Not claimed: ${reason}.`);
    return report;
  };

  // 1. Resolve the issue.
  const number = inputs.issue ?? issueFromEvent(context);
  if (!number)
    throw new Error(
      `no issue to pick up: set the issue input (the ${context.eventName || "current"} event names none)`,
    );
  const issue: IssueAddress = { ...context.repo, issue_number: number };
  const name = formatIssue(issue);
  setOutput(report, "issue-number", number);
  report.rows.push(["Issue", `[${name}](${context.serverUrl}/${issue.owner}/${issue.repo}/issues/${number})`]);

  // 2. Read it. The text pipeline (markdown-it, parse5, secretlint: most of the bundle) is loaded while the
  // request is in flight; `.catch` only keeps a failed load from being unhandled: it is thrown where it is awaited.
  const reading = gh.request("GET /repos/{owner}/{repo}/issues/{issue_number}", { ...issue });
  const loadingText = reading.then(() => import("./pickup-text.js"));
  loadingText.catch(() => undefined);
  const { data } = await reading;
  if (data.state === "closed") {
    core.notice(`${name} is closed: handoff does not pick up closed issues`);
    return notClaimed("the issue is closed");
  }

  // 3. Trust, before any of its text goes anywhere.
  // The repository's policy (minimum_permission, trusted) with the workflow's trusted-bots: the App's rule.
  const config = await requireActionConfig(gh, context.repo);
  const checker = new TrustChecker(gh, trustPolicy(context.repo, config, inputs["trusted-bots"]));
  const isOurs = actionIdentity(inputs).isTrustedWriter;
  const verdict = await checkIssue(data, context.actor, checker);
  if (!verdict.trusted) {
    const reason = verdict.reason;
    core.notice(`handoff refused to pick up ${name}: ${reason}`);
    if (inputs["dry-run"]) log.info("dry-run: no refusal comment or label written");
    else await refuse(gh, issue, context, reason, isOurs, data.labels);
    return notClaimed(`refused: ${reason}`);
  }
  const parent = verdict.marker.parent;
  // The title goes into outputs, the public job summary and the prompt: sanitised and redacted like the body.
  const text = await loadingText;
  const title = await text.titleForAgent(data.title);
  setOutput(report, "title", title);
  setOutput(report, "parent", parent ?? "");

  // 4. Trusted comments, read before the claim so a failed read never leaves a claim without an agent.
  let comments: ThreadComment[] = [];
  if (inputs["include-comments"]) {
    const selected = await selectComments(gh, issue, { startedAt: context.startedAt, checker, isOurs, log });
    comments = selected.included;
    const { untrusted, tooNew, machine } = selected.skipped;
    log.info(
      `comments: ${comments.length} included, ${untrusted} from untrusted authors, ${tooNew} written after the run began, ${machine} of ours left out`,
    );
  }

  // 5. What the agent will read: sanitised, then redacted once more. Sanitising can join what redaction saw
  // apart (`AKIA…<!-- -->…`), and writers' comments were never redacted by the App. Done before the claim, so
  // a document that cannot be redacted fails the step without leaving a claim behind.
  const document = await text.composeDocument(data.body ?? "", comments, name);
  const brief = await text.briefOf(data.body ?? "", verdict.marker, context, log);

  // 6. Claim.
  const now = new Date();
  if (inputs["dry-run"]) {
    log.info(`dry-run: ${name} would be claimed for ${inputs["lease-minutes"]} minutes; nothing written to GitHub`);
    setOutput(report, "claimed", false);
    setOutput(report, "reason", "dry-run: nothing was claimed");
  } else {
    const outcome = await acquireClaim(gh, issue, { context, force: inputs.force, isOurs, now });
    if (!outcome.won) {
      core.notice(`${name} not claimed: ${outcome.reason}`);
      return notClaimed(outcome.reason);
    }
    const lease = newLease(context, now, inputs["lease-minutes"]);
    const labels = labelNames(data.labels);
    await addLabels(gh, issue, labels, [LABELS.claimed]);
    await removeLabels(gh, issue, labels, [LABELS.ready, LABELS.refused, LABELS.failed]);
    const comment = await recordClaim(gh, issue, renderClaimComment(issue, context, lease, outcome.previous), isOurs);
    log.info(`claimed ${name} (${outcome.how}) until ${lease.expiresAt}`);
    setOutput(report, "claimed", true);
    setOutput(report, "reason", "");
    report.rows.push(["Claim", `${outcome.how}, lease until ${lease.expiresAt} ([comment](${comment.html_url}))`]);
  }

  // 7. The files the agent reads, and the outputs that point at them.
  const paths = issuePaths(context.runnerTemp, number);
  const branch = text.suggestBranch(number, title);
  const prompt = text.renderPrompt({
    issue: name,
    issueUrl: data.html_url,
    title,
    parent,
    document: document.text,
    returnFile: paths.return,
    branch,
    brief,
  });
  await mkdir(paths.dir, { recursive: true });
  await writeFile(paths.handoff, document.text, "utf8");
  await writeFile(paths.prompt, prompt, "utf8");
  if (document.removed > 0)
    log.info(`sanitised: ${document.removed} hidden or invisible pieces removed before the agent sees the text`);
  if (document.redacted > 0)
    log.info(`redacted: ${document.redacted} secrets or personal data removed before the agent sees the text`);
  setOutput(report, "handoff-file", paths.handoff);
  setOutput(report, "prompt", prompt);
  setOutput(report, "prompt-file", paths.prompt);
  setOutput(report, "return-file", paths.return);
  setOutput(report, "branch", branch);
  report.rows.push(
    ["Title", title],
    ["Parent", parent ?? "none"],
    ["Branch", `\`${branch}\``],
    ["Return file", `\`${paths.return}\``],
  );
  if (comments.length > 0) report.rows.push(["Comments included", String(comments.length)]);
  return report;
}

/** Fixed text only: a refusal must never echo the refused issue's words. */
async function refuse(
  gh: GitHub,
  issue: IssueAddress,
  context: ActionContext,
  reason: string,
  isOurs: IsOurs,
  labels: ReadonlyArray<string | { name?: string }>,
): Promise<void> {
  const marker = renderMarker({
    v: 1,
    kind: "handoff",
    source: {
      type: "issue",
      repo: `${issue.owner}/${issue.repo}`,
      number: issue.issue_number,
      url: `${context.serverUrl}/${issue.owner}/${issue.repo}/issues/${issue.issue_number}`,
    },
    hash: contentHash(reason),
    role: "refusal",
  });
  const body = [
    marker,
    `handoff refused to pick this issue up: ${reason}. No agent has seen its text. A maintainer can re-file it.`,
    "",
    `([workflow run ${context.runId}](${context.runUrl}))`,
  ].join("\n");
  await upsertComment(gh, issue, body, isOurs, (m) => m.role === "refusal");
  const names = labelNames(labels);
  await addLabels(gh, issue, names, [LABELS.refused]);
  // Without handoff:ready, a maintainer who has fixed the cause can label it again and start a new run.
  await removeLabels(gh, issue, names, [LABELS.ready]);
}
