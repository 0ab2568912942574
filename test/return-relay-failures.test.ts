// The relay-failure matrix of `mode: return`, run in-process against the fake GitHub server: whatever
// stops the relay (the parent deleted, locked or gone: 404, 403, 410; 5xx outlasting the retries; a parent in
// another repository), the return is posted, the labels swapped and the issue closed, the failure reported (a
// warning annotation and the job summary), and a re-run of the job relays once.
import { copyFileSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { findMarker, renderMarker } from "../src/core/marker.js";
import type { FaultSpec } from "./support/fake-github/faults.js";
import type { FakeGitHub, IssueRecord } from "./support/fake-github/index.js";
import {
  APP_BOT,
  commentsOn,
  fixture,
  labelsOf,
  readyEvent,
  REPO,
  runAction,
  seedHandoffIssue,
  startGitHub,
  tempDir,
  type ActionRun,
} from "./action-harness.js";

const FAST = { HANDOFF_REQUEST_TIMEOUT_MS: "400" };
const PARENT = 1;
const onParent = (method: string, path: string, status: number, times = 1): FaultSpec => ({
  method,
  path: `/repos/${REPO}/issues/${PARENT}/comments${path}`,
  status,
  times,
});

let github: FakeGitHub;
let runnerTemp: string;
beforeEach(async () => {
  github = await startGitHub();
  runnerTemp = tempDir();
});
afterEach(async () => {
  expect(github.faults.pending).toEqual([]);
  expect(github.violations).toEqual([]);
  await github.close();
});

/** Pickup, then the agent writes a `status: done` return where the prompt said. */
async function pickedUp(issue: IssueRecord): Promise<void> {
  const pickup = await runAction({
    github,
    inputs: { mode: "pickup", "trusted-bots": APP_BOT },
    event: readyEvent(issue),
    runnerTemp,
    env: FAST,
  });
  expect(pickup.outputs["claimed"]).toBe("true");
  const file = pickup.outputs["return-file"]!;
  mkdirSync(dirname(file), { recursive: true });
  copyFileSync(new URL("./fixtures/action/return-done.md", import.meta.url), file);
}

const giveBack = (issue: IssueRecord) =>
  runAction({
    github,
    inputs: { mode: "return", issue: String(issue.number), "trusted-bots": APP_BOT, "agent-conclusion": "success" },
    runnerTemp,
    env: FAST,
  });

const ours = (role: string, on: number) => commentsOn(github, on).filter((c) => findMarker(c.body)?.role === role);

function expectSettledNotRelayed(run: ActionRun, issue: IssueRecord, why: RegExp): void {
  expect(run.code).toBe(0);
  expect(ours("return", issue.number)).toHaveLength(1);
  expect(labelsOf(issue)).toEqual(["handoff", "handoff:returned"]);
  expect(issue.state).toBe("closed");
  expect(run.stdout).toMatch(
    /::warning title=return not relayed::the return was posted and the issue settled, but not relayed/,
  );
  expect(run.stdout).toMatch(why);
  expect(run.summary).toContain("**not relayed:**");
  expect(run.outputs["relay-url"]).toBe("");
}

const failures: Array<{ name: string; faults: FaultSpec[]; why: RegExp }> = [
  {
    name: "404: the parent thread was deleted or transferred",
    faults: [onParent("GET", "", 404)],
    why: /GitHub answered 404 when relaying/,
  },
  {
    name: "403: the parent thread is locked",
    faults: [onParent("POST", "", 403)],
    why: /GitHub answered 403 when relaying.*locked/,
  },
  {
    name: "410: the parent's issues are gone",
    faults: [onParent("POST", "", 410)],
    why: /GitHub answered 410 when relaying/,
  },
  {
    name: "5xx outlasting the retries",
    faults: [onParent("POST", "", 502, 4)],
    why: /GitHub answered 502 when relaying/,
  },
];

describe("mode: return when the relay fails", () => {
  it.each(failures)(
    "settles the return and reports $name; a re-run relays once",
    async ({ faults, why }) => {
      const issue = seedHandoffIssue(github);
      await pickedUp(issue);
      for (const fault of faults) github.faults.add(fault);

      const failed = await giveBack(issue);
      expectSettledNotRelayed(failed, issue, why);
      expect(ours("relay", PARENT)).toHaveLength(0);

      const rerun = await giveBack(issue);
      expect(rerun.code).toBe(0);
      expect(ours("relay", PARENT)).toHaveLength(1);
      expect(ours("return", issue.number)).toHaveLength(1);
      expect(rerun.outputs["relay-url"]).toMatch(/#issuecomment-\d+$/);
    },
    60_000,
  );

  it("never relays to a parent in another repository, and says so", async () => {
    const marker = renderMarker({
      v: 1,
      kind: "handoff",
      source: { type: "issue", repo: REPO, number: 2, url: `https://github.com/${REPO}/issues/2` },
      parent: "elsewhere-org/other#3",
      hash: "0".repeat(64),
    });
    const issue = github.seedIssue({
      title: "Finish the retry logic in the sync worker",
      body: `${marker}\n${fixture("handoff-issue-body.md")}`,
      user: APP_BOT,
      labels: ["handoff", "handoff:ready"],
    });
    await pickedUp(issue);
    const run = await giveBack(issue);
    expectSettledNotRelayed(run, issue, /elsewhere-org\/other#3 is in another repository/);
    expect(github.requests.some((r) => r.path.includes("elsewhere-org"))).toBe(false);
  });
});
