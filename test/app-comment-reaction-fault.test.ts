// The 👀 reaction is the first request of a `/handoff`. When GitHub refuses it, the person who commented must
// still learn why: before, it was taken outside the flow's error handling and the thread got no reply at all.
// The 403 is GitHub's answer to an App with `issues: write` alone on a pull request's conversation, with the
// header naming what would do (github/rest-api-description#6994).
import type { Probot } from "probot";
import { afterEach, beforeEach, expect, it } from "vitest";
import type { FakeGitHub } from "./support/fake-github/index.js";
import {
  addFaults,
  expectFaultsSpent,
  expectFiledOnce,
  handoffComment,
  ourCommentsOn,
  reactionsOn,
  receive,
  startApp,
  startGitHub,
} from "./faults-harness.js";

const REACT = { method: "POST", path: "/repos/{owner}/{repo}/issues/comments/{id}/reactions" };
const MISSING_PULL_REQUESTS = {
  ...REACT,
  status: 403,
  headers: { "x-accepted-github-permissions": "issues=write; pull_requests=write" },
  body: {
    message: "Resource not accessible by integration",
    documentation_url: "https://docs.github.com/rest/reactions/reactions#create-reaction-for-an-issue-comment",
    status: "403",
  },
};

let github: FakeGitHub;
let probot: Probot;
beforeEach(async () => {
  github = await startGitHub();
  probot = await startApp(github);
});
afterEach(async () => {
  await github.close();
});

it("replies that the App lacks the pull_requests permission when GitHub refuses the 👀 reaction with 403", async () => {
  const source = handoffComment(github);
  addFaults(github, MISSING_PULL_REQUESTS);

  expect(await receive(probot, source.event)).toBe("failed");
  const replies = ourCommentsOn(github, source.parent.number, "reply");
  expect(replies).toHaveLength(1);
  expect(replies[0]!.body).toMatch(
    /answered 403 to `POST \/repos\/octo-org\/widgets\/issues\/comments\/\d+\/reactions`/,
  );
  expect(replies[0]!.body).toContain("`issues=write; pull_requests=write`");
  expect(replies[0]!.body).toContain("the pull_requests permission");
  expect(reactionsOn(source.comment)).toEqual([]);
  expectFaultsSpent(github);
});

it("files once when the delivery is redelivered after the permission is granted", async () => {
  const source = handoffComment(github);
  addFaults(github, MISSING_PULL_REQUESTS);
  expect(await receive(probot, source.event)).toBe("failed");

  expect(await receive(probot, source.event)).toBe("ok");
  const issue = expectFiledOnce(github, source);
  expect(ourCommentsOn(github, source.parent.number, "reply")[0]!.body).toMatch(new RegExp(`Filed #${issue.number}`));
});
