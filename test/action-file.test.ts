// mode: file — the App's filing flows, driven by the workflow's event, from the committed bundle.
import { describe, expect, it } from "vitest";
import type { FakeGitHub } from "./support/fake-github/index.js";
import { commentPayload } from "./support/payloads.js";
import { commentsOn, REPO, runAction } from "./action-harness.js";
import { freshGitHubEachTest } from "./action-fresh-github.js";

let github: FakeGitHub;
freshGitHubEachTest((fresh) => (github = fresh));

const DOCUMENT = [
  "/handoff Finish the retry logic",
  "",
  "## Scope",
  "Only `src/sync/worker.ts`.",
  "",
  "## Next steps",
  "1. Stop retrying on 422.",
].join("\n");

function commentEvent(body: string) {
  const thread = github.seedIssue({ title: "Sync worker loops on 422", user: "alice" });
  const comment = github.seedComment({ issueNumber: thread.number, body, user: "alice" });
  const payload = commentPayload({ body, issueNumber: thread.number, commentId: comment.id, user: { login: "alice" } });
  return { thread, event: { name: "issue_comment", payload } };
}

describe("mode: file", () => {
  it("files a /handoff comment as a handoff issue written by github-actions[bot], and replies in the thread", async () => {
    const { thread, event } = commentEvent(DOCUMENT);
    // The committed bundle itself, as a runner starts it.
    const run = await runAction({ github, inputs: { mode: "file" }, event, via: "bundle" });
    expect(run.code).toBe(0);
    const filed = github.state.issues.filter((issue) => issue.number !== thread.number);
    expect(filed).toHaveLength(1);
    expect(filed[0]!.user.login).toBe("github-actions[bot]");
    expect(filed[0]!.body).toContain("<!-- handoff:v1");
    expect(commentsOn(github, thread.number).some((c) => c.user.login === "github-actions[bot]")).toBe(true);
  });

  it("does nothing, at no cost, for a comment without the command", async () => {
    const { event } = commentEvent("Just a comment.");
    const run = await runAction({ github, inputs: { mode: "file" }, event });
    expect(run.code).toBe(0);
    expect(github.requests).toEqual([]);
  });

  it("files as the App's bot when given an App token and its slug", async () => {
    github.setToken("ghs_app_token", "handoff-app[bot]");
    const { event } = commentEvent(DOCUMENT);
    await runAction({
      github,
      inputs: { mode: "file", "github-token": "ghs_app_token", "app-slug": "handoff-app" },
      event,
    });
    expect(github.state.issues.at(-1)!.user.login).toBe("handoff-app[bot]");
    expect(github.repo(REPO).fullName).toBe(REPO);
  });
});
