// Each operation the API-cost table measures, driven for real: the App through a real Probot receiving a
// webhook, the Action by running the committed bundle in a child process. Every operation gets a fresh
// Probot, so its token exchange shows; the GitHub state carries over, as it would in a repository.
import { copyFileSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import app from "../src/index.js";
import { fixture, readyEvent, runAction, seedHandoffIssue, tempDir } from "../test/action-harness.js";
import { commentPayload, delivery, pushPayload } from "../test/support/payloads.js";
import type { HttpCall } from "./counter.js";
import { handoffComment, realisticHandoff } from "./documents.js";
import { loadedProbot } from "./probot.js";
import { APP_BOT, AUTHOR, type StandIn } from "./stand-in.js";

export interface OperationRun {
  /** Key into the minimums table. */
  key: string;
  label: string;
  calls: HttpCall[];
  /** Whether it did what it should (an issue filed, a claim made …): a count of a failed run means nothing. */
  ok: boolean;
  detail: string;
}

async function appReceives(standIn: StandIn, name: string, payload: unknown): Promise<HttpCall[]> {
  const probot = await loadedProbot(standIn.url, app);
  const start = standIn.log.length;
  await probot.receive(delivery(name, payload));
  return standIn.log.slice(start);
}

function actionCalls(standIn: StandIn, start: number): HttpCall[] {
  return standIn.github.requests
    .slice(start)
    .map((r) => ({ method: r.method, path: r.path, status: r.status, body: r.body }));
}

const issuesBy = (standIn: StandIn, login: string) =>
  standIn.github.state.issues.filter((i) => i.user.login === login && !i.isPullRequest);

/** Runs every operation once against `standIn`, in an order where each finds what it needs. */
export async function runOperations(
  standIn: StandIn,
  sizes: readonly number[] = [1, 10, 100],
): Promise<OperationRun[]> {
  const gh = standIn.github;
  const runs: OperationRun[] = [];
  const thread = gh.seedIssue({ title: "The parent thread", user: "alice" });

  // `/handoff` comment → issue, then an edit of that comment.
  const text = handoffComment(2048);
  const comment = gh.seedComment({ issueNumber: thread.number, body: text, user: AUTHOR });
  const filedBefore = issuesBy(standIn, APP_BOT).length;
  const created = commentPayload({
    body: text,
    commentId: comment.id,
    issueNumber: thread.number,
    issueId: thread.id,
    user: { login: AUTHOR },
  });
  let calls = await appReceives(standIn, "issue_comment", created);
  const filed = issuesBy(standIn, APP_BOT).length - filedBefore;
  runs.push({
    key: "comment",
    label: "`/handoff` comment → issue (2 KB)",
    calls,
    ok: filed === 1,
    detail: `${filed} issue filed`,
  });

  const editedText = `${text}\n- One more step, added in an edit.\n`;
  comment.body = editedText;
  const edited = commentPayload({
    action: "edited",
    body: editedText,
    previousBody: text,
    commentId: comment.id,
    issueNumber: thread.number,
    issueId: thread.id,
    user: { login: AUTHOR },
  });
  calls = await appReceives(standIn, "issue_comment", edited);
  const updated = calls.some((c) => c.method === "PATCH" && /\/issues\/\d+$/.test(c.path));
  runs.push({
    key: "edit",
    label: "edit of that comment",
    calls,
    ok: updated,
    detail: updated ? "issue updated" : "issue not updated",
  });

  // Pushes of 1, 10 and 100 new handoff files, and one that touches none.
  let offset = 0;
  for (const count of sizes) {
    const before = gh.headSha();
    const changes: Record<string, string> = {};
    for (let i = 0; i < count; i++)
      changes[`.handoffs/bench-${offset + i}.md`] = realisticHandoff(2048, 100 + offset + i);
    offset += count;
    const commit = gh.commit({ changes, message: `Add ${count} handoffs` });
    const filesBefore = issuesBy(standIn, APP_BOT).length;
    const payload = pushPayload({
      before,
      after: commit.sha,
      commits: [{ id: commit.sha, added: Object.keys(changes) }],
    });
    calls = await appReceives(standIn, "push", payload);
    const made = issuesBy(standIn, APP_BOT).length - filesBefore;
    runs.push({
      key: `push-${count}`,
      label: `push of ${count} handoff file${count === 1 ? "" : "s"} (2 KB each)`,
      calls,
      ok: made === count,
      detail: `${made} issue(s) filed`,
    });
  }
  for (const [key, path, label] of [
    ["push-markdown", "README.md", "push touching Markdown outside `.handoffs/`"],
    ["push-none", "src/index.ts", "push touching no Markdown file"],
  ] as const) {
    const before = gh.headSha();
    const other = gh.commit({ changes: { [path]: `// ${key}\n` }, message: "Not a handoff" });
    const count = issuesBy(standIn, APP_BOT).length;
    calls = await appReceives(
      standIn,
      "push",
      pushPayload({ before, after: other.sha, commits: [{ id: other.sha, modified: [path] }] }),
    );
    const made = issuesBy(standIn, APP_BOT).length - count;
    runs.push({ key, label, calls, ok: made === 0, detail: `${made} issue(s) filed` });
  }

  // The Action: pickup, then the agent's return, on one runner temp folder.
  const runnerTemp = tempDir("handoff-bench-temp-");
  const handoff = seedHandoffIssue(gh, { parent: thread.number, user: APP_BOT });
  let start = gh.requests.length;
  const pickup = await runAction({
    github: gh,
    inputs: { mode: "pickup", "trusted-bots": APP_BOT },
    event: readyEvent(handoff),
    runnerTemp,
    via: "bundle",
  });
  runs.push({
    key: "pickup",
    label: "Action pickup",
    calls: actionCalls(standIn, start),
    ok: pickup.code === 0 && pickup.outputs["claimed"] === "true",
    detail: `exit ${pickup.code}, claimed ${pickup.outputs["claimed"]}`,
  });
  const returnFile = pickup.outputs["return-file"] ?? "";
  if (returnFile) {
    mkdirSync(dirname(returnFile), { recursive: true });
    copyFileSync(new URL("../test/fixtures/action/return-done.md", import.meta.url), returnFile);
  }
  start = gh.requests.length;
  const back = await runAction({
    github: gh,
    inputs: { mode: "return", issue: String(handoff.number), "trusted-bots": APP_BOT, "agent-conclusion": "success" },
    runnerTemp,
    via: "bundle",
  });
  runs.push({
    key: "return",
    label: "Action return (status done)",
    calls: actionCalls(standIn, start),
    ok: back.code === 0,
    detail: `exit ${back.code}`,
  });

  // The App's relay: a return written as a comment on a handoff issue, relayed to the parent thread.
  const relayed = seedHandoffIssue(gh, {
    parent: thread.number,
    user: APP_BOT,
    labels: ["handoff", "handoff:claimed"],
  });
  const returnText = fixture("return-done.md");
  const returnComment = gh.seedComment({ issueNumber: relayed.number, body: returnText, user: AUTHOR });
  const payload = commentPayload({
    body: returnText,
    commentId: returnComment.id,
    issueNumber: relayed.number,
    issueId: relayed.id,
    issueBody: relayed.body ?? "",
    issueLabels: relayed.labels,
    user: { login: AUTHOR },
  });
  (payload.issue as { user: { login: string; type: string } }).user = {
    ...payload.issue.user!,
    login: APP_BOT,
    type: "Bot",
  };
  const parentComments = () =>
    [...gh.state.comments.values()].filter((c) => c.issueNumber === thread.number && c.body.includes("**Return**"))
      .length;
  const relaysBefore = parentComments();
  calls = await appReceives(standIn, "issue_comment", payload);
  const relays = parentComments() - relaysBefore;
  runs.push({
    key: "relay",
    label: "App relay of a return to the parent",
    calls,
    ok: relays === 1,
    detail: `${relays} relay posted`,
  });
  return runs;
}
