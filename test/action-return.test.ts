// mode: return, run from the committed bundle after a real pickup on the same runner temp folder.
import { copyFileSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { FakeGitHub, IssueRecord } from "./support/fake-github/index.js";
import {
  APP_BOT,
  commentsOn,
  fixture,
  labelsOf,
  readyEvent,
  runAction,
  seedHandoffIssue,
  startGitHub,
  tempDir,
} from "./action-harness.js";

let github: FakeGitHub;
let runnerTemp: string;
let issue: IssueRecord;
let returnFile: string;

beforeEach(async () => {
  github = await startGitHub();
  runnerTemp = tempDir();
  issue = seedHandoffIssue(github);
  const pickup = await runAction({
    github,
    inputs: { mode: "pickup", "trusted-bots": APP_BOT },
    event: readyEvent(issue),
    runnerTemp,
  });
  expect(pickup.outputs["claimed"]).toBe("true");
  returnFile = pickup.outputs["return-file"]!;
});
afterEach(async () => {
  expect(github.violations).toEqual([]);
  await github.close();
});

/** What the agent does at the end: write its return handoff where the prompt said. */
function agentWrites(name: string): void {
  mkdirSync(dirname(returnFile), { recursive: true });
  copyFileSync(new URL(`./fixtures/action/${name}`, import.meta.url), returnFile);
}

const giveBack = (inputs: Record<string, string> = {}, via?: "bundle") =>
  runAction({
    github,
    inputs: {
      mode: "return",
      issue: String(issue.number),
      "trusted-bots": APP_BOT,
      "agent-conclusion": "success",
      ...inputs,
    },
    runnerTemp,
    via,
  });

const parent = () => github.state.issues.find((i) => i.number === 1)!;
const returnComments = () => commentsOn(github, issue.number).filter((c) => c.body.includes('"role":"return"'));

describe("mode: return", () => {
  it("posts the return on the handoff issue once; a re-run updates that comment", async () => {
    agentWrites("return-partial.md");
    const first = await giveBack();
    expect(first.code).toBe(0);
    expect(returnComments()).toHaveLength(1);
    agentWrites("return-done.md");
    const again = await giveBack();
    expect(again.code).toBe(0);
    expect(returnComments()).toHaveLength(1);
    expect(returnComments()[0]!.body).toContain("Added a test for a 422");
    expect(again.outputs["comment-url"]).toBe(first.outputs["comment-url"]);
  });

  it("relays the return to the parent thread with agent mentions and closing keywords made inert", async () => {
    agentWrites("return-done.md");
    const result = await giveBack();
    const relays = commentsOn(github, parent().number);
    expect(relays).toHaveLength(1);
    expect(result.outputs["relay-url"]).not.toBe("");
    const body = relays[0]!.body;
    expect(body).toContain("should we also cap 5xx retries");
    expect(body).not.toMatch(/(^|[^`\w])@claude\b/);
    expect(body).not.toMatch(/(^|[^`])\bfixes #1\b/);
  });

  it("swaps handoff:claimed for handoff:returned, releases the claim and closes the issue when done", async () => {
    agentWrites("return-done.md");
    await giveBack();
    expect(labelsOf(issue)).toEqual(["handoff", "handoff:returned"]);
    expect(issue.state).toBe("closed");
    expect(github.repo().git.refs.has(`refs/handoff/claims/${issue.number}`)).toBe(false);
  });

  it("leaves a partial return's issue open", async () => {
    agentWrites("return-partial.md");
    const result = await giveBack();
    expect(result.outputs["status"]).toBe("partial");
    expect(issue.state).toBe("open");
  });

  it("lets the status input override the document's", async () => {
    agentWrites("return-done.md");
    const result = await giveBack({ status: "blocked" });
    expect(result.outputs["status"]).toBe("blocked");
    expect(issue.state).toBe("open");
  });

  it("takes the return as text instead of a file", async () => {
    const result = await giveBack({ "return-text": fixture("return-partial.md") });
    expect(result.code).toBe(0);
    expect(returnComments()).toHaveLength(1);
  });

  it("redacts secrets with the bundled secretlint rules before posting or relaying anything", async () => {
    const key = `SG.${"aB3dE5gH7jK9mN1pQ3sT5v"}.${"wX7yZ9aB1cD3eF5gH7iJ9kL1mN3oP5qR7sT9uV1wX3y"}`;
    const text = fixture("return-partial.md").replace(
      "Stopped retrying on 422.",
      `Stopped retrying on 422 (tested with ${key}).`,
    );
    // The committed bundle itself: its secretlint rules are what redact on a runner.
    await giveBack({ "return-text": text }, "bundle");
    const posted = [...returnComments(), ...commentsOn(github, parent().number)].map((c) => c.body).join("\n");
    expect(posted).toContain("Stopped retrying on 422");
    expect(posted).not.toContain(key);
    expect(posted).toContain("sendgrid-key");
  });

  it("frees the issue for a new pickup", async () => {
    agentWrites("return-partial.md");
    await giveBack();
    const next = await runAction({
      github,
      inputs: { mode: "pickup", "trusted-bots": APP_BOT },
      event: readyEvent(issue),
      env: { GITHUB_RUN_ID: "7002" },
    });
    expect(next.outputs["claimed"]).toBe("true");
  });

  it("leaves the claim of a run that took it over with force in place", async () => {
    const forced = await runAction({
      github,
      inputs: { mode: "pickup", "trusted-bots": APP_BOT, force: "true" },
      event: readyEvent(issue),
      env: { GITHUB_RUN_ID: "7003" },
    });
    expect(forced.outputs["claimed"]).toBe("true");
    agentWrites("return-partial.md");
    const result = await giveBack();
    expect(result.code).toBe(0);
    expect(github.repo().git.refs.has(`refs/handoff/claims/${issue.number}`)).toBe(true);
    const claim = commentsOn(github, issue.number).find((c) => c.body.includes("handoff:lease"))!.body;
    expect(claim).toContain('"runId":"7003"');
    expect(claim).not.toContain("releasedAt");
  });

  it("posts a second pickup's return as its own comment and relay; a re-run of that run updates its own", async () => {
    agentWrites("return-partial.md");
    await giveBack();
    const next = await runAction({
      github,
      inputs: { mode: "pickup", "trusted-bots": APP_BOT },
      event: readyEvent(issue),
      env: { GITHUB_RUN_ID: "7002" },
      runnerTemp,
    });
    expect(next.outputs["claimed"]).toBe("true");
    agentWrites("return-done.md");
    const second = { env: { GITHUB_RUN_ID: "7002" } };
    await runAction({
      github,
      inputs: { mode: "return", issue: String(issue.number), "trusted-bots": APP_BOT, "agent-conclusion": "success" },
      runnerTemp,
      ...second,
    });
    await runAction({
      github,
      inputs: {
        mode: "return",
        issue: String(issue.number),
        "trusted-bots": APP_BOT,
        "return-text": fixture("return-done.md").replace("should we", "should we really"),
      },
      runnerTemp,
      ...second,
    });
    expect(returnComments()).toHaveLength(2);
    expect(returnComments()[1]!.body).toContain("should we really");
    expect(commentsOn(github, parent().number)).toHaveLength(2);
  });

  it("makes agent mentions and closing keywords inert in the return it posts on the handoff issue", async () => {
    agentWrites("return-done.md");
    await giveBack();
    const body = returnComments()[0]!.body;
    expect(body).toContain("should we also cap 5xx retries");
    expect(body).not.toMatch(/(^|[^`\w])@claude\b/);
    expect(body).not.toMatch(/(^|[^`])\bfixes #1\b/);
  });

  it("still frees the issue when the return job's token cannot delete the claim ref", async () => {
    agentWrites("return-partial.md");
    github.faults.add({ method: "DELETE", path: /\/git\/refs\//, status: 403 });
    const result = await giveBack();
    expect(result.code).toBe(0);
    expect(github.repo().git.refs.has(`refs/handoff/claims/${issue.number}`)).toBe(true);
    const next = await runAction({
      github,
      inputs: { mode: "pickup", "trusted-bots": APP_BOT },
      event: readyEvent(issue),
      env: { GITHUB_RUN_ID: "7002" },
    });
    expect(next.outputs["claimed"]).toBe("true");
  });
});

describe("mode: return without a return document", () => {
  it("posts one failure note with the run's link, releases the claim, labels handoff:failed and fails the step", async () => {
    const result = await giveBack({ "agent-conclusion": "failure" });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/::error::.*wrote no return handoff/);
    const notes = commentsOn(github, issue.number).filter((c) => c.body.includes('"role":"failure"'));
    expect(notes).toHaveLength(1);
    expect(notes[0]!.body).toContain("https://github.com/octo-org/widgets/actions/runs/7001");
    expect(labelsOf(issue)).toEqual(["handoff", "handoff:failed"]);
    expect(github.repo().git.refs.has(`refs/handoff/claims/${issue.number}`)).toBe(false);
    expect(issue.state).toBe("open");
  });

  it("does not post a second failure note on a re-run", async () => {
    await giveBack({ "agent-conclusion": "cancelled" });
    await giveBack({ "agent-conclusion": "cancelled" });
    expect(commentsOn(github, issue.number).filter((c) => c.body.includes('"role":"failure"'))).toHaveLength(1);
  });

  it("fails with the file, line and column of an invalid return document", async () => {
    agentWrites("return-invalid.md");
    const result = await giveBack();
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/return\.md:\d+:\d+/);
    expect(labelsOf(issue)).toContain("handoff:failed");
    expect(returnComments()).toHaveLength(0);
  });
});

describe("mode: return on an issue a writer filed by hand", () => {
  it("is accepted, as pickup accepts it", async () => {
    const manual = seedHandoffIssue(github, { user: "alice" });
    const pickup = await runAction({
      github,
      inputs: { mode: "pickup", "trusted-bots": APP_BOT },
      event: readyEvent(manual),
      runnerTemp,
    });
    expect(pickup.outputs["claimed"]).toBe("true");
    returnFile = pickup.outputs["return-file"]!;
    agentWrites("return-done.md");
    const result = await runAction({
      github,
      inputs: { mode: "return", issue: String(manual.number), "trusted-bots": APP_BOT, "agent-conclusion": "success" },
      runnerTemp,
    });
    expect(result.code).toBe(0);
    expect(commentsOn(github, manual.number).filter((c) => c.body.includes('"role":"return"'))).toHaveLength(1);
    expect(manual.state).toBe("closed");
  });

  it("is refused, with nothing posted, when github-actions[bot] wrote the issue and is not listed in trusted-bots", async () => {
    const forged = seedHandoffIssue(github, { user: "github-actions[bot]", parent: 1 });
    const result = await runAction({
      github,
      inputs: {
        mode: "return",
        issue: String(forged.number),
        "trusted-bots": APP_BOT,
        "return-text": fixture("return-done.md"),
      },
      runnerTemp,
    });
    expect(result.code).toBe(1);
    expect(commentsOn(github, forged.number)).toHaveLength(0);
    expect(commentsOn(github, parent().number)).toHaveLength(0);
  });

  it("is refused when the issue's author is not a writer", async () => {
    const forged = seedHandoffIssue(github, { user: "mallory" });
    agentWrites("return-done.md");
    const result = await runAction({
      github,
      inputs: {
        mode: "return",
        issue: String(forged.number),
        "trusted-bots": APP_BOT,
        "agent-conclusion": "success",
        "return-file": returnFile,
      },
      runnerTemp,
    });
    expect(result.code).toBe(1);
    expect(commentsOn(github, forged.number).filter((c) => c.body.includes('"role":"return"'))).toHaveLength(0);
  });
});
