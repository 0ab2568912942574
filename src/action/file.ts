// mode: file — what the App does, for teams that do not host it, with the very same flows:
//
//   1. cheap filters on the payload alone (no command, our own comment, a push touching no Markdown): zero requests
//   2. read the configuration (.github/handoff.yml on the default branch, like the App)
//   3. issue_comment → a `/handoff` comment files an issue (fileFromComment); `/handoff return` relays (deliverReturn)
//   4. push → `.handoffs/**/*.md` reconciled into issues (syncHandoffFiles)
//
// The issues are filed by the token's identity: github-actions[bot] with GITHUB_TOKEN (whose issues and
// labels trigger no other workflow), or `<app-slug>[bot]` with an App token (see docs/action.md).
import * as core from "@actions/core";
import { z } from "zod";
import { findMarker } from "../core/marker.js";
import type { FlowContext } from "../flows/context.js";
import { fileFromComment, type SourceComment } from "../flows/file-comment.js";
import { parseCommand } from "../flows/parse-command.js";
import { pushRelevance, type PushData } from "../flows/push-changes.js";
import { authorizeReturn } from "../flows/policy.js";
import { deliverReturn, toHandoffIssue } from "../flows/return.js";
import { syncHandoffFiles } from "../flows/sync-files.js";
import { actionIdentity } from "../flows/identity.js";
import type { GitHub, Log } from "../github/client.js";
import type { ActionContext } from "./context.js";
import type { FileInputs } from "./inputs.js";
import { newReport, type Report } from "./report.js";
import { readActionConfig } from "./config.js";

const User = z.object({ login: z.string(), type: z.string().optional() }).loose();
const Repository = z.object({ html_url: z.string(), default_branch: z.string().optional() }).loose();

const CommentEvent = z.object({
  action: z.string(),
  comment: z.object({ id: z.number(), body: z.string().nullish(), html_url: z.string(), user: User.nullable() }).loose(),
  issue: z
    .object({
      number: z.number(),
      body: z.string().nullish(),
      html_url: z.string(),
      state: z.string(),
      labels: z.array(z.object({ name: z.string() }).loose()).optional(),
      user: User.nullable(),
      pull_request: z.unknown().optional(),
    })
    .loose(),
  repository: Repository,
});

const PushEvent = z.object({
  ref: z.string(),
  before: z.string(),
  after: z.string(),
  created: z.boolean(),
  deleted: z.boolean(),
  forced: z.boolean(),
  commits: z.array(
    z.object({ id: z.string(), added: z.array(z.string()).optional(), modified: z.array(z.string()).optional(), removed: z.array(z.string()).optional() }).loose(),
  ),
  repository: Repository,
});

interface FileDeps {
  gh: GitHub;
  context: ActionContext;
  inputs: FileInputs;
  log: Log;
}

export async function fileMode({ gh, context, inputs, log }: FileDeps): Promise<Report> {
  const report = newReport("handoff: file");
  if (context.eventName !== "issue_comment" && context.eventName !== "push") {
    core.notice(`mode: file acts on issue_comment and push events; this run is a ${context.eventName || "unknown"} event, so nothing was done`);
    report.notes.push(`Nothing done: ${context.eventName || "unknown"} events carry no handoff.`);
    return report;
  }
  const { botLogin, isOurs } = actionIdentity(inputs);
  const defaultBranch = Repository.parse(context.event.repository).default_branch ?? "main";

  // 2. Configuration, read only once the event is worth it.
  const flowContext = async (): Promise<FlowContext> => {
    const loaded = await readActionConfig(gh, context.repo, defaultBranch);
    if (!loaded.ok) throw new Error(loaded.message.replace(/\n+/g, " "));
    const config = inputs["dry-run"] ? { ...loaded.config, dry_run: true } : loaded.config;
    report.rows.push(["Filed as", `\`${botLogin}\``]);
    return { gh, config, log, botLogin, isOurs };
  };

  // 1 and 3. A comment.
  if (context.eventName === "issue_comment") {
    const event = CommentEvent.parse(context.event);
    const { comment, issue } = event;
    const where = `comment ${comment.id} on ${context.repo.owner}/${context.repo.repo}#${issue.number}`;
    const body = comment.body ?? "";
    if (event.action === "deleted") return skip(report, `${where} was deleted`);
    if (findMarker(body)) return skip(report, `${where} was written by handoff`);
    const command = parseCommand(body);
    if (!command) return skip(report, `${where} has no /handoff command`);
    if (command.kind !== "return" && comment.user?.type === "Bot") return skip(report, `${where} was written by a bot; bots never file`);
    const ctx = await flowContext();
    const { config } = ctx;
    const author = comment.user?.login ?? "";
    if (command.kind === "return") {
      const allowed = await authorizeReturn(gh, context.repo, author, config, inputs["trusted-bots"]);
      if (!allowed.allowed) return skip(report, `${where}: the return is not relayed: ${allowed.why}`);
      const result = await deliverReturn(gh, {
        handoffIssue: toHandoffIssue(context.repo, issue),
        returnText: command.document,
        author,
        closeOnDone: true,
        relayToParent: true,
        postOnIssue: false,
        returnUrl: comment.html_url,
        extraPatterns: config.redact.extra_patterns,
        isOurs,
        log,
      });
      report.rows.push(["Return", result.delivered ? `relayed (status ${result.status ?? "not given"})` : `not relayed: ${result.reason}`]);
      return report;
    }
    const source: SourceComment = {
      repo: context.repo,
      id: comment.id,
      body,
      html_url: comment.html_url,
      author,
      thread: { number: issue.number, isPullRequest: issue.pull_request !== undefined && issue.pull_request !== null },
    };
    const outcome = await fileFromComment(ctx, source, command);
    log.info(`${where}: ${outcome}`);
    report.rows.push(["Comment", `[${comment.id}](${comment.html_url}): ${outcome}`]);
    return report;
  }

  // 1 and 4. A push.
  const event = PushEvent.parse(context.event);
  const push: PushData = {
    repo: context.repo,
    htmlUrl: event.repository.html_url,
    ref: event.ref,
    defaultBranch,
    before: event.before,
    after: event.after,
    created: event.created,
    deleted: event.deleted,
    forced: event.forced,
    commits: event.commits.map((c) => ({ id: c.id, added: c.added ?? [], modified: c.modified ?? [], removed: c.removed ?? [] })),
  };
  const relevance = pushRelevance(push);
  if (!relevance.relevant) return skip(report, `push ${event.after.slice(0, 7)}: ${relevance.reason}`);
  const summary = await syncHandoffFiles(await flowContext(), push);
  if (!summary) return skip(report, `push ${event.after.slice(0, 7)} changed no handoff file`);
  report.rows.push(
    ["Created", String(summary.created)],
    ["Updated", String(summary.updated)],
    ["Closed", String(summary.closed)],
    ["Skipped", String(summary.skipped)],
    ["Errors", String(summary.errors)],
  );
  if (summary.errors > 0) report.failure = `${summary.errors} handoff file(s) could not be synced; the issues and the log name them`;
  return report;
}

function skip(report: Report, why: string): Report {
  core.info(`nothing to do: ${why}`);
  report.notes.push(`Nothing done: ${why}.`);
  return report;
}
