// Faults on the comment → issue flow, injected at the HTTP boundary (the fake GitHub server), with Probot's
// retry and throttling plugins on. After every case: one issue per comment, one reply, 👀 then 🚀, and a
// redelivery (same X-GitHub-Delivery) completes whatever the fault interrupted.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Probot } from "probot";
import { primaryRateLimit, secondaryRateLimit, tooManyRequests, type FakeGitHub } from "./support/fake-github/index.js";
import {
  addFaults,
  expectFaultsSpent,
  expectFiledOnce,
  handoffComment,
  issuesFromSource,
  ourCommentsOn,
  reactionsOn,
  receive,
  startApp,
  startGitHub,
  type FaultCase,
} from "./faults-harness.js";

const CREATE_ISSUE = { method: "POST", path: "/repos/{owner}/{repo}/issues" };
const REPLY = { method: "POST", path: "/repos/{owner}/{repo}/issues/{number}/comments" };
const REACT = { method: "POST", path: "/repos/{owner}/{repo}/issues/comments/{id}/reactions" };
const PERMISSION = { method: "GET", path: "/repos/{owner}/{repo}/collaborators/{user}/permission" };
const LIST_ISSUES = { method: "GET", path: "/repos/{owner}/{repo}/issues" };
const SUB_ISSUE = { method: "POST", path: "/repos/{owner}/{repo}/issues/{number}/sub_issues" };

let github: FakeGitHub;
let probot: Probot;
beforeEach(async () => {
  github = await startGitHub();
  probot = await startApp(github);
});
afterEach(async () => {
  await github.close();
});

const retried: FaultCase[] = [
  { name: "a 500 once on creating the issue", fault: { ...CREATE_ISSUE, status: 500 } },
  { name: "a burst of three 502s on the reply", fault: { ...REPLY, status: 502, times: 3 } },
  { name: "a 503 on the permission check", fault: { ...PERMISSION, status: 503 } },
  {
    name: "a secondary rate limit (403 with retry-after) on creating the issue",
    fault: { ...CREATE_ISSUE, ...secondaryRateLimit(1) },
  },
  { name: "a 429 with retry-after on the 👀 reaction", fault: { ...REACT, ...tooManyRequests(1) } },
  {
    name: "a primary rate limit (x-ratelimit-remaining: 0) on listing our issues",
    fault: { ...LIST_ISSUES, ...primaryRateLimit(1) },
  },
  { name: "a connection reset on creating the issue", fault: { ...CREATE_ISSUE, reset: true } },
  { name: "a request that hangs past its timeout on creating the issue", fault: { ...CREATE_ISSUE, hang: true } },
  // GitHub filed the issue, and its answer was lost: found by its marker, not filed again.
  { name: "a 502 after GitHub filed the issue", fault: { ...CREATE_ISSUE, status: 502, afterWrite: true } },
  {
    name: "a connection reset after GitHub filed the issue",
    fault: { ...CREATE_ISSUE, reset: true, afterWrite: true },
  },
  { name: "a hang after GitHub filed the issue", fault: { ...CREATE_ISSUE, hang: true, afterWrite: true } },
];

describe("comment → issue: faults GitHub says to retry", () => {
  it.each(retried)("files once and acknowledges after $name, in the same delivery", async ({ fault }) => {
    const source = handoffComment(github);
    addFaults(github, fault);

    expect(await receive(probot, source.event)).toBe("ok");
    expectFiledOnce(github, source);
    expectFaultsSpent(github);
    // A redelivery changes nothing.
    expect(await receive(probot, source.event)).toBe("ok");
    expectFiledOnce(github, source);
  });
});

const interrupted: Array<FaultCase & { says: RegExp }> = [
  {
    name: "500s outlasting the retries on creating the issue",
    fault: { ...CREATE_ISSUE, status: 500, times: 4 },
    says: /answered 500 to `POST \/repos\/octo-org\/widgets\/issues`/,
  },
  {
    name: "a hang on every attempt to create the issue",
    fault: { ...CREATE_ISSUE, hang: true, times: 4 },
    says: /answered 500 to `POST \/repos\/octo-org\/widgets\/issues`/,
  },
  {
    name: "410: issues disabled on the repository",
    fault: { ...CREATE_ISSUE, status: 410 },
    says: /answered 410 .*issues are disabled/,
  },
  {
    name: "422: GitHub refuses a label, assignee or milestone",
    fault: { ...CREATE_ISSUE, status: 422 },
    says: /answered 422 .*refused a value/,
  },
  {
    name: "403: the App lacks a permission",
    fault: { ...CREATE_ISSUE, status: 403 },
    says: /answered 403 .*lacks a permission/,
  },
  {
    name: "404 on the reply: the thread vanished after the issue was filed",
    fault: { ...REPLY, status: 404 },
    says: /answered 404/,
  },
];

describe("comment → issue: faults that stop the delivery", () => {
  it.each(interrupted)(
    "says why in one reply and 😕 after $name, and a redelivery files once",
    async ({ fault, says }) => {
      const source = handoffComment(github);
      addFaults(github, fault);

      expect(await receive(probot, source.event)).toBe("failed");
      expect(
        issuesFromSource(github, (s) => s.type === "comment" && s.commentId === source.comment.id).length,
      ).toBeLessThanOrEqual(1);
      const replies = ourCommentsOn(github, source.parent.number, "reply");
      expect(replies).toHaveLength(1);
      expect(replies[0]!.body).toMatch(says);
      expect(replies[0]!.body).toContain("Nothing is lost");
      // The 👀 lock is released, so the redelivery does not wait out the lease.
      expect(reactionsOn(source.comment)).toEqual(["confused"]);
      expectFaultsSpent(github);

      expect(await receive(probot, source.event)).toBe("ok");
      const issue = expectFiledOnce(github, source);
      expect(ourCommentsOn(github, source.parent.number, "reply")[0]!.body).toMatch(
        new RegExp(`(Filed|Filed earlier:) #${issue.number}`),
      );
    },
  );
});

describe("comment → issue: something vanished mid-flow", () => {
  it("files the issue and says in the reply that it is not linked when the parent issue was deleted (404 on the sub-issue link)", async () => {
    const source = handoffComment(github);
    addFaults(github, { ...SUB_ISSUE, status: 404 });

    expect(await receive(probot, source.event)).toBe("ok");
    expectFiledOnce(github, source);
    expect(ourCommentsOn(github, source.parent.number, "reply")[0]!.body).toContain(
      "not linked as a sub-issue: the parent issue was not found",
    );
    expectFaultsSpent(github);
  });
});
