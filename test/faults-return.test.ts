// Faults on the App's return relay: a return comment on a handoff issue is relayed to the parent thread
// (one upserted comment), the issue relabelled and closed when done. Injected by the fake GitHub server,
// with Probot's retry and throttling plugins on; after every case exactly one relay, and 🚀 on the return.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Probot } from "probot";
import { prepareIssue } from "../src/core/prepare.js";
import { secondaryRateLimit, type FakeGitHub } from "./support/fake-github/index.js";
import { commentPayload, delivery } from "./support/payloads.js";
import {
  addFaults,
  BOT,
  expectFaultsSpent,
  ourCommentsOn,
  reactionsOn,
  receive,
  REPO,
  startApp,
  startGitHub,
  WRITER,
  type FaultCase,
} from "./faults-harness.js";

const RELAY = { method: "POST", path: "/repos/{owner}/{repo}/issues/{number}/comments" };
const PARENT_COMMENTS = { method: "GET", path: "/repos/{owner}/{repo}/issues/{number}/comments" };
const ADD_LABELS = { method: "POST", path: "/repos/{owner}/{repo}/issues/{number}/labels" };
const CLOSE = { method: "PATCH", path: "/repos/{owner}/{repo}/issues/{number}" };
const RETURN = [
  "---",
  "kind: return",
  "status: done",
  "---",
  "# Finished the retry logic",
  "",
  "## Done",
  "- Retries with backoff. @claude review; fixes #1.",
].join("\n");

let github: FakeGitHub;
let probot: Probot;
beforeEach(async () => {
  github = await startGitHub();
  probot = await startApp(github);
});
afterEach(async () => {
  await github.close();
});

/** A parent thread, the handoff issue we filed from it, and a writer's return comment on that issue. */
async function returnOnHandoffIssue() {
  const parent = github.seedIssue({ title: "The parent thread", user: WRITER });
  const source = {
    type: "comment" as const,
    repo: REPO,
    commentId: 1,
    url: `https://github.com/${REPO}/issues/${parent.number}#issuecomment-1`,
    thread: parent.number,
  };
  const prepared = await prepareIssue("# Finish the retry logic\n", { source, parent: `${REPO}#${parent.number}` });
  const issue = github.seedIssue({
    title: prepared.issue.title,
    body: prepared.issue.body,
    labels: ["handoff", "handoff:claimed"],
    user: BOT,
  });
  const comment = github.seedComment({ issueNumber: issue.number, body: RETURN, user: WRITER });
  const payload = commentPayload({
    body: RETURN,
    issueNumber: issue.number,
    issueId: issue.id,
    issueBody: issue.body ?? "",
    issueLabels: issue.labels,
    commentId: comment.id,
    user: { login: WRITER, type: "User" },
  });
  Object.assign(payload.issue.user, { login: BOT, type: "Bot" });
  return { parent, issue, comment, event: delivery("issue_comment", payload) };
}

function expectRelayedOnce(r: Awaited<ReturnType<typeof returnOnHandoffIssue>>): void {
  const relays = ourCommentsOn(github, r.parent.number, "relay");
  expect(relays).toHaveLength(1);
  expect(relays[0]!.body).toContain(`**Return** from ${REPO}#${r.issue.number}`);
  expect(ourCommentsOn(github, r.parent.number)).toHaveLength(1);
  expect([...r.issue.labels].sort()).toEqual(["handoff", "handoff:returned"]);
  expect(r.issue.state).toBe("closed");
  expect(reactionsOn(r.comment)).toEqual(expect.arrayContaining(["eyes", "rocket"]));
}

const retried: FaultCase[] = [
  { name: "a burst of three 502s on the relay", fault: { ...RELAY, status: 502, times: 3 } },
  { name: "a 503 on reading the parent thread", fault: { ...PARENT_COMMENTS, status: 503 } },
  { name: "a secondary rate limit on labelling", fault: { ...ADD_LABELS, ...secondaryRateLimit(1) } },
  { name: "a connection reset on closing the issue", fault: { ...CLOSE, reset: true } },
  { name: "a request that hangs past its timeout on the relay", fault: { ...RELAY, hang: true } },
];

describe("return relay: faults GitHub says to retry", () => {
  it.each(retried)("relays once and closes the issue after $name, in the same delivery", async ({ fault }) => {
    const r = await returnOnHandoffIssue();
    addFaults(github, fault);

    expect(await receive(probot, r.event)).toBe("ok");
    expectRelayedOnce(r);
    expectFaultsSpent(github);
    expect(await receive(probot, r.event)).toBe("ok");
    expectRelayedOnce(r);
  });
});

const interrupted: FaultCase[] = [
  { name: "500s outlasting the retries on the relay", fault: { ...RELAY, status: 500, times: 4 } },
  { name: "404: the parent thread vanished while relaying", fault: { ...PARENT_COMMENTS, status: 404 } },
  { name: "410: issues disabled on the repository", fault: { ...RELAY, status: 410 } },
  { name: "422: GitHub refuses the label", fault: { ...ADD_LABELS, status: 422 } },
  { name: "403: the App lacks a permission", fault: { ...CLOSE, status: 403 } },
];

describe("return relay: faults that stop the delivery", () => {
  it.each(interrupted)("shows 😕 after $name, and a redelivery relays once", async ({ fault }) => {
    const r = await returnOnHandoffIssue();
    addFaults(github, fault);

    expect(await receive(probot, r.event)).toBe("failed");
    expect(reactionsOn(r.comment)).toContain("confused");
    expect(ourCommentsOn(github, r.parent.number, "relay").length).toBeLessThanOrEqual(1);
    expectFaultsSpent(github);

    expect(await receive(probot, r.event)).toBe("ok");
    expectRelayedOnce(r);
  });
});

const relayStopped: FaultCase[] = [
  { name: "404: the parent thread deleted or transferred", fault: { ...PARENT_COMMENTS, status: 404 } },
  { name: "403: the parent thread locked", fault: { ...RELAY, status: 403 } },
  { name: "410: the parent's issues gone", fault: { ...RELAY, status: 410 } },
  { name: "5xx outlasting the retries", fault: { ...RELAY, status: 500, times: 4 } },
];

describe("return relay: a relay that fails never loses the rest of the return", () => {
  it.each(relayStopped)("relabels and closes the issue and replies there after $name", async ({ fault }) => {
    const r = await returnOnHandoffIssue();
    addFaults(github, fault);

    expect(await receive(probot, r.event)).toBe("failed");
    expect([...r.issue.labels].sort()).toEqual(["handoff", "handoff:returned"]);
    expect(r.issue.state).toBe("closed");
    const replies = ourCommentsOn(github, r.issue.number, "reply");
    expect(replies).toHaveLength(1);
    expect(replies[0]!.body).toContain("**Returned, not relayed:** GitHub answered");
    expect(ourCommentsOn(github, r.parent.number, "relay")).toHaveLength(0);
    expectFaultsSpent(github);
  });
});
