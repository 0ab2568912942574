// Exactly one run holds a handoff: the claim (a git ref), its lease, and taking it over.
import { describe, expect, it } from "vitest";
import type { FakeGitHub } from "./support/fake-github/index.js";
import { APP_BOT, commentsOn, readyEvent, runAction, seedHandoffIssue } from "./action-harness.js";
import { freshGitHubEachTest } from "./action-fresh-github.js";

let github: FakeGitHub;
freshGitHubEachTest((fresh) => (github = fresh));

const pickupInputs = { mode: "pickup", "trusted-bots": APP_BOT };
const run = (
  issue: ReturnType<typeof seedHandoffIssue>,
  runId: string,
  inputs: Record<string, string> = {},
  via?: "bundle",
) =>
  runAction({
    github,
    inputs: { ...pickupInputs, ...inputs },
    event: readyEvent(issue),
    env: { GITHUB_RUN_ID: runId },
    via,
  });
/** Two runs racing: two processes of the committed bundle, as two runners are. */
const race = (issue: ReturnType<typeof seedHandoffIssue>, a: string, b: string) =>
  Promise.all([run(issue, a, {}, "bundle"), run(issue, b, {}, "bundle")]);

/** Moves the lease in the tracking comment into the past, as if the holder had run for hours. */
function expireLease(issueNumber: number): void {
  const comment = commentsOn(github, issueNumber).find((c) => c.body.includes("handoff:lease"))!;
  comment.body = comment.body.replace(
    /"expiresAt":"[^"]+"/,
    `"expiresAt":"${new Date(Date.now() - 60_000).toISOString()}"`,
  );
}

/** Marks the lease released with its ref kept, as a return job without `contents: write` leaves it. */
function leaveClaimBehind(issueNumber: number): void {
  const comment = commentsOn(github, issueNumber).find((c) => c.body.includes("handoff:lease"))!;
  comment.body = comment.body.replace(
    /"expiresAt":"([^"]+)"/,
    `"expiresAt":"$1","releasedAt":"${new Date().toISOString()}","refKept":true`,
  );
}

describe("the claim", () => {
  it("goes to exactly one of two pickups started at the same moment; the other exits 0 unclaimed", async () => {
    const issue = seedHandoffIssue(github);
    const [first, second] = await race(issue, "8001", "8002");
    expect([first.code, second.code]).toEqual([0, 0]);
    expect([first.outputs["claimed"], second.outputs["claimed"]].sort()).toEqual(["false", "true"]);
    const loser = first.outputs["claimed"] === "false" ? first : second;
    expect(loser.outputs["reason"]).toMatch(/already claimed/);
    expect(loser.outputs["prompt"]).toBeUndefined();
    expect(
      github.requests
        .filter((r) => r.method === "POST" && r.path.endsWith("/git/refs"))
        .map((r) => r.status)
        .sort(),
    ).toEqual([201, 422]);
  });

  it("goes to exactly one of two pickups started at the same moment when a finished run left its claim ref behind", async () => {
    const issue = seedHandoffIssue(github);
    await run(issue, "8001");
    leaveClaimBehind(issue.number);
    const [first, second] = await race(issue, "8002", "8003");
    expect([first.outputs["claimed"], second.outputs["claimed"]].sort()).toEqual(["false", "true"]);
  });

  it("is refused politely to a second run while the first one's lease holds", async () => {
    const issue = seedHandoffIssue(github);
    await run(issue, "8001");
    const second = await run(issue, "8002");
    expect(second.code).toBe(0);
    expect(second.outputs["claimed"]).toBe("false");
    expect(second.outputs["reason"]).toContain("actions/runs/8001");
    expect(second.stdout).toContain("::notice::");
    expect(commentsOn(github, issue.number)).toHaveLength(1);
  });

  it("is taken over by a later run once the lease has run out", async () => {
    const issue = seedHandoffIssue(github);
    await run(issue, "8001");
    expireLease(issue.number);
    const second = await run(issue, "8002");
    expect(second.outputs["claimed"]).toBe("true");
    const comments = commentsOn(github, issue.number);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain("actions/runs/8002");
    expect(comments[0]!.body).toContain("took the claim over from [workflow run 8001]");
  });

  it("is taken over with force even while the lease holds", async () => {
    const issue = seedHandoffIssue(github);
    await run(issue, "8001");
    const forced = await run(issue, "8002", { force: "true" });
    expect(forced.outputs["claimed"]).toBe("true");
    expect(commentsOn(github, issue.number)[0]!.body).toContain("actions/runs/8002");
  });

  it("is kept by a re-run of the run that holds it", async () => {
    const issue = seedHandoffIssue(github);
    await run(issue, "8001");
    const rerun = await runAction({
      github,
      inputs: pickupInputs,
      event: readyEvent(issue),
      env: { GITHUB_RUN_ID: "8001", GITHUB_RUN_ATTEMPT: "2" },
    });
    expect(rerun.outputs["claimed"]).toBe("true");
  });

  it("fails the step with the permission to add when the token cannot create the claim ref", async () => {
    const issue = seedHandoffIssue(github);
    github.faults.add({
      method: "POST",
      path: /\/git\/refs$/,
      status: 403,
      body: { message: "Resource not accessible by integration" },
    });
    const result = await run(issue, "8001");
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("contents: write");
  });
});
