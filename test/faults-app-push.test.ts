// Faults on the push → issues flow (`.handoffs/*.md` on the default branch), injected by the fake GitHub
// server, with Probot's retry and throttling plugins on. A push has no thread to reply in: a delivery that
// cannot finish fails (the server answers 500, the operator redelivers), and the files stay in the repository,
// so the redelivery files each of them exactly once.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Probot } from "probot";
import { primaryRateLimit, secondaryRateLimit, type FakeGitHub } from "./support/fake-github/index.js";
import {
  addFaults,
  expectFaultsSpent,
  handoffPush,
  issuesFromSource,
  receive,
  simpleDocument,
  startApp,
  startGitHub,
  type FaultCase,
} from "./faults-harness.js";

const CREATE_ISSUE = { method: "POST", path: "/repos/{owner}/{repo}/issues" };
const UPDATE_ISSUE = { method: "PATCH", path: "/repos/{owner}/{repo}/issues/{number}" };
const LIST_ISSUES = { method: "GET", path: "/repos/{owner}/{repo}/issues" };
const READ_FILE = (name: string) => ({ method: "GET", path: new RegExp(`/contents/\\.handoffs(/|%2F)${name}\\?`) });
const FILES = {
  ".handoffs/alpha.md": simpleDocument("Alpha handoff"),
  ".handoffs/beta.md": simpleDocument("Beta handoff"),
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

function issuesForFile(path: string) {
  return issuesFromSource(github, (s) => s.type === "file" && s.path === path);
}

function expectOneIssuePerFile(paths: readonly string[]): void {
  for (const path of paths) expect(issuesForFile(path), path).toHaveLength(1);
}

const retried: FaultCase[] = [
  { name: "a 500 once on reading a file", fault: { ...READ_FILE("alpha.md"), status: 500 } },
  { name: "a burst of three 502s on creating an issue", fault: { ...CREATE_ISSUE, status: 502, times: 3 } },
  { name: "a 503 on listing our issues", fault: { ...LIST_ISSUES, status: 503 } },
  { name: "a secondary rate limit on creating an issue", fault: { ...CREATE_ISSUE, ...secondaryRateLimit(1) } },
  { name: "a primary rate limit on creating an issue", fault: { ...CREATE_ISSUE, ...primaryRateLimit(1) } },
  { name: "a connection reset on reading a file", fault: { ...READ_FILE("beta.md"), reset: true } },
  { name: "a request that hangs past its timeout on creating an issue", fault: { ...CREATE_ISSUE, hang: true } },
  // GitHub filed the issue, and its answer was lost: found by its marker, not filed again.
  { name: "a 502 after GitHub filed an issue", fault: { ...CREATE_ISSUE, status: 502, afterWrite: true } },
  { name: "a connection reset after GitHub filed an issue", fault: { ...CREATE_ISSUE, reset: true, afterWrite: true } },
];

describe("push → issues: faults GitHub says to retry", () => {
  it.each(retried)("files one issue per file after $name, in the same delivery", async ({ fault }) => {
    const push = handoffPush(github, FILES);
    addFaults(github, fault);

    expect(await receive(probot, push.event)).toBe("ok");
    expectOneIssuePerFile(Object.keys(FILES));
    expectFaultsSpent(github);
  });
});

const interrupted: FaultCase[] = [
  { name: "500s outlasting the retries on creating an issue", fault: { ...CREATE_ISSUE, status: 500, times: 4 } },
  { name: "a hang on every attempt to read a file", fault: { ...READ_FILE("beta.md"), hang: true, times: 4 } },
  { name: "410: issues disabled on the repository", fault: { ...CREATE_ISSUE, status: 410 } },
  { name: "422: GitHub refuses a label", fault: { ...CREATE_ISSUE, status: 422 } },
  { name: "403: the App lacks a permission", fault: { ...CREATE_ISSUE, status: 403 } },
];

describe("push → issues: faults that stop the delivery", () => {
  it.each(interrupted)("fails the delivery after $name, and a redelivery files each file once", async ({ fault }) => {
    const push = handoffPush(github, FILES);
    addFaults(github, fault);

    expect(await receive(probot, push.event)).toBe("failed");
    for (const path of Object.keys(FILES)) expect(issuesForFile(path).length).toBeLessThanOrEqual(1);
    expectFaultsSpent(github);

    expect(await receive(probot, push.event)).toBe("ok");
    expectOneIssuePerFile(Object.keys(FILES));
    expect(await receive(probot, push.event)).toBe("ok");
    expectOneIssuePerFile(Object.keys(FILES));
  });
});

describe("push → issues: something vanished mid-flow", () => {
  it("files the other files and never the document of a file gone at `after` (404 on reading it)", async () => {
    const push = handoffPush(github, FILES);
    addFaults(github, { ...READ_FILE("alpha.md"), status: 404 });

    expect(await receive(probot, push.event)).toBe("ok");
    // At most a notice that it could not be read; never its content, never twice.
    const gone = issuesForFile(".handoffs/alpha.md");
    expect(gone.length).toBeLessThanOrEqual(1);
    expect(gone.map((issue) => issue.body)).not.toContainEqual(expect.stringContaining("The sync worker drops a page"));
    expectOneIssuePerFile([".handoffs/beta.md"]);
    expectFaultsSpent(github);
  });

  it("updates the issue on a redelivery after a 404 on updating it (deleted, then restored by GitHub)", async () => {
    expect(await receive(probot, handoffPush(github, FILES).event)).toBe("ok");
    const update = handoffPush(github, { ".handoffs/alpha.md": simpleDocument("Alpha handoff, revised") });
    addFaults(github, { ...UPDATE_ISSUE, status: 404 });

    expect(await receive(probot, update.event)).toBe("failed");
    expect(await receive(probot, update.event)).toBe("ok");
    const [issue, ...more] = issuesForFile(".handoffs/alpha.md");
    expect(more).toEqual([]);
    expect(issue!.title).toBe("Alpha handoff, revised");
    expectFaultsSpent(github);
  });

  it("files the handoff again when its issue was deleted for good, and only once", async () => {
    expect(await receive(probot, handoffPush(github, FILES).event)).toBe("ok");
    const [deleted] = issuesForFile(".handoffs/alpha.md");
    github.state.issues.splice(github.state.issues.indexOf(deleted!), 1);
    const update = handoffPush(github, { ".handoffs/alpha.md": simpleDocument("Alpha handoff, revised") });

    expect(await receive(probot, update.event)).toBe("ok");
    expect(await receive(probot, update.event)).toBe("ok");
    expectOneIssuePerFile(Object.keys(FILES));
    expect(github.violations).toEqual([]);
  });
});
