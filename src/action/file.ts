// mode: file — what the App does, for teams that do not host it, with the very same handlers (src/flows/on-comment.ts
// and src/flows/on-push.ts). This adapter only:
//
//   1. parses the event (issue_comment or push) with zod
//   2. decides on the payload alone (no command, our own comment, a push touching no Markdown): zero requests
//   3. runs the handler with the Action's capabilities: its client, its identity, the configuration on the
//      default branch (read like the App), and the dry-run input. The configuration is the first request either
//      handler makes: it is sent first, and the handler (with the text pipeline it carries, most of the bundle)
//      is imported once it is answered, so the run's first request is not held up by loading it.
//   4. reports the outcome: the job summary, a warning annotation, a failed step
//
// The issues are filed by the token's identity: github-actions[bot] with GITHUB_TOKEN (whose issues and
// labels trigger no other workflow), or `<app-slug>[bot]` with an App token (see docs/action.md).
import * as core from "@actions/core";
import type { ConfigResult } from "../config/load.js";
import { decideComment } from "../flows/comment-decision.js";
import type { EventContext } from "../flows/context.js";
import { parseCommentEvent, parsePushEvent } from "../flows/events.js";
import { actionIdentity } from "../flows/identity.js";
import { pushRelevance } from "../flows/push-changes.js";
import type { GitHub, Log } from "../github/client.js";
import { readActionConfig } from "./config.js";
import type { ActionContext } from "./context.js";
import type { FileInputs } from "./inputs.js";
import { newReport, type Report } from "./report.js";

interface FileDeps {
  gh: GitHub;
  context: ActionContext;
  inputs: FileInputs;
  log: Log;
}

export async function fileMode({ gh, context, inputs, log }: FileDeps): Promise<Report> {
  const report = newReport("handoff: file");
  if (context.eventName !== "issue_comment" && context.eventName !== "push") {
    core.notice(
      `mode: file acts on issue_comment and push events; this run is a ${context.eventName || "unknown"} event, so nothing was done`,
    );
    report.notes.push(`Nothing done: ${context.eventName || "unknown"} events carry no handoff.`);
    return report;
  }
  const identity = actionIdentity(inputs);
  const defaultBranch = (context.event.repository as { default_branch?: string } | undefined)?.default_branch;
  // Read once, when first asked for: by this adapter just before it imports the handler, then by the handler.
  let config: Promise<ConfigResult> | undefined;
  const ctx: EventContext = {
    gh,
    identity,
    loadConfig: () =>
      (config ??= readActionConfig(gh, context.repo, defaultBranch).then((loaded) => {
        if (loaded.ok) report.rows.push(["Filed as", `\`${identity.botLogin}\``]);
        return loaded;
      })),
    log,
    trustedBots: inputs["trusted-bots"],
    dryRun: inputs["dry-run"],
  };

  if (context.eventName === "issue_comment") {
    const event = parseCommentEvent(context.event);
    const decision = await decideComment(event, () => Promise.resolve(identity));
    if (decision.type === "none") return skip(report, `comment ${event.comment.id}: ${decision.reason}`);
    const { handleComment } = await afterConfig(ctx, () => import("../flows/on-comment.js"));
    const result = await handleComment(ctx, event, decision);
    log.info(result.summary);
    report.rows.push([
      "Comment",
      `[${event.comment.id}](${event.comment.html_url}): ${result.summary.split(": ").slice(1).join(": ")}`,
    ]);
    if (result.warning) {
      core.warning(result.warning, { title: "handoff" });
      report.notes.push(result.warning);
    }
    if (result.failure) report.failure = result.failure;
    return report;
  }

  const push = parsePushEvent(context.event);
  const relevance = pushRelevance(push);
  if (!relevance.relevant) return skip(report, `push ${push.after.slice(0, 7)}: ${relevance.reason}`);
  const { handlePush } = await afterConfig(ctx, () => import("../flows/on-push.js"));
  const result = await handlePush(ctx, push);
  if (!result.counts) {
    if (result.failure) report.failure = result.failure;
    return result.failure ? report : skip(report, result.summary);
  }
  report.rows.push(
    ["Created", String(result.counts.created)],
    ["Updated", String(result.counts.updated)],
    ["Closed", String(result.counts.closed)],
    ["Skipped", String(result.counts.skipped)],
    ["Errors", String(result.counts.errors)],
  );
  if (result.failure) report.failure = result.failure;
  return report;
}

/**
 * Sends the configuration read, then imports the handler once it is answered. A failed read is not reported here:
 * the handler asks for the same promise and fails as it always did.
 */
async function afterConfig<T>(ctx: EventContext, load: () => Promise<T>): Promise<T> {
  await ctx.loadConfig().catch(() => undefined);
  return load();
}

function skip(report: Report, why: string): Report {
  core.info(`nothing to do: ${why}`);
  report.notes.push(`Nothing done: ${why}.`);
  return report;
}
