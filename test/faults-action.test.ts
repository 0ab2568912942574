// Faults on the Action's modes (pickup, return, file), run in-process against the fake GitHub server, with
// @octokit/plugin-retry and plugin-throttling on as in production; only their waits are shrunk to milliseconds
// (test/action-harness.ts; test/action-retry-schedule.test.ts holds production's) and the per-attempt timeout is
// shortened through HANDOFF_REQUEST_TIMEOUT_MS. After each: one claim, one tracking comment, one return, one
// relay, one issue per comment, and a re-run completes what a failed run left.
import { copyFileSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { findMarker } from "../src/core/marker.js";
import { secondaryRateLimit, type FakeGitHub, type IssueRecord } from "./support/fake-github/index.js";
import { commentPayload } from "./support/payloads.js";
import {
  APP_BOT,
  commentsOn,
  readyEvent,
  runAction,
  seedHandoffIssue,
  startGitHub,
  tempDir,
} from "./action-harness.js";

const FAST = { HANDOFF_REQUEST_TIMEOUT_MS: "400" };
const GET_ISSUE = { method: "GET", path: "/repos/{owner}/{repo}/issues/{number}" };
const CREATE_REF = { method: "POST", path: "/repos/{owner}/{repo}/git/refs" };
const POST_COMMENT = { method: "POST", path: "/repos/{owner}/{repo}/issues/{number}/comments" };
const CREATE_ISSUE = { method: "POST", path: "/repos/{owner}/{repo}/issues" };

let github: FakeGitHub;
let runnerTemp: string;
let issue: IssueRecord;
beforeEach(async () => {
  github = await startGitHub();
  runnerTemp = tempDir();
  issue = seedHandoffIssue(github);
});
afterEach(async () => {
  expect(github.faults.pending).toEqual([]);
  expect(github.violations).toEqual([]);
  await github.close();
});

const pickup = () =>
  runAction({
    github,
    inputs: { mode: "pickup", "trusted-bots": APP_BOT },
    event: readyEvent(issue),
    runnerTemp,
    env: FAST,
  });
const giveBack = () =>
  runAction({
    github,
    inputs: { mode: "return", issue: String(issue.number), "trusted-bots": APP_BOT, "agent-conclusion": "success" },
    runnerTemp,
    env: FAST,
  });
const ours = (role: string, on = issue.number) =>
  commentsOn(github, on).filter((c) => findMarker(c.body)?.role === role);
const claimComments = () => commentsOn(github, issue.number).filter((c) => c.body.includes("handoff:lease"));
const claimed = () => github.repo().git.refs.has(`refs/handoff/claims/${issue.number}`);

function agentWrites(returnFile: string): void {
  mkdirSync(dirname(returnFile), { recursive: true });
  copyFileSync(new URL("./fixtures/action/return-done.md", import.meta.url), returnFile);
}

describe("mode: pickup under faults", () => {
  it("claims once after a secondary rate limit on creating the claim ref, waiting out retry-after", async () => {
    github.faults.add({ ...CREATE_REF, ...secondaryRateLimit(1) });
    const run = await pickup();
    expect(run.code).toBe(0);
    expect(run.outputs["claimed"]).toBe("true");
    expect(claimComments()).toHaveLength(1);
  });

  it("claims once after a request that hangs past its timeout, retrying it", async () => {
    github.faults.add({ ...GET_ISSUE, hang: true });
    const run = await pickup();
    expect(run.code).toBe(0);
    expect(run.outputs["claimed"]).toBe("true");
    expect(claimComments()).toHaveLength(1);
  });

  it("fails the step naming the issue when it vanished (404), claims nothing, and a re-run claims once", async () => {
    github.faults.add({ ...GET_ISSUE, status: 404 });
    const failed = await pickup();
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(new RegExp(`::error::GitHub answered 404 to GET \\S+/issues/${issue.number}`));
    expect(claimed()).toBe(false);

    const again = await pickup();
    expect(again.outputs["claimed"]).toBe("true");
    expect(claimComments()).toHaveLength(1);
  });
});

describe("mode: return under faults", () => {
  it("posts and relays once after a 502 on the relay, retrying it", async () => {
    const picked = await pickup();
    agentWrites(picked.outputs["return-file"]!);
    github.faults.add({ ...POST_COMMENT, path: `/repos/octo-org/widgets/issues/1/comments`, status: 502 });
    const run = await giveBack();
    expect(run.code).toBe(0);
    expect(ours("return")).toHaveLength(1);
    expect(ours("relay", 1)).toHaveLength(1);
    expect(claimed()).toBe(false);
  });

  it("fails the step naming the issue after a 410, and a re-run posts and relays exactly once", async () => {
    const picked = await pickup();
    agentWrites(picked.outputs["return-file"]!);
    github.faults.add({
      ...POST_COMMENT,
      path: `/repos/octo-org/widgets/issues/${issue.number}/comments`,
      status: 410,
    });
    const failed = await giveBack();
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(
      new RegExp(`::error::GitHub answered 410 to POST \\S+/issues/${issue.number}/comments`),
    );
    // The return file is still there, and the claim is still held: nothing is lost.
    expect(claimed()).toBe(true);

    const again = await giveBack();
    expect(again.code).toBe(0);
    expect(ours("return")).toHaveLength(1);
    expect(ours("relay", 1)).toHaveLength(1);
    expect(issue.state).toBe("closed");
  });
});

describe("mode: file under faults", () => {
  it("files one issue and one reply after a connection reset on creating the issue", async () => {
    const body = ["/handoff Finish the retry logic", "", "## Next steps", "1. Stop retrying on 422."].join("\n");
    const thread = github.seedIssue({ title: "Sync worker loops on 422", user: "alice" });
    const comment = github.seedComment({ issueNumber: thread.number, body, user: "alice" });
    const event = {
      name: "issue_comment",
      payload: commentPayload({ body, issueNumber: thread.number, commentId: comment.id, user: { login: "alice" } }),
    };
    github.faults.add({ ...CREATE_ISSUE, reset: true });

    const run = await runAction({ github, inputs: { mode: "file" }, event, env: FAST });
    expect(run.code).toBe(0);
    const filed = github.state.issues.filter((i) => i.user.login === "github-actions[bot]");
    expect(filed).toHaveLength(1);
    expect(ours("reply", thread.number)).toHaveLength(1);
  });
});
