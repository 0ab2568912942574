import { describe, expect, it } from "vitest";
import { prepareIssue } from "../src/core/prepare.js";
import { commentPayload, delivery } from "./support/payloads.js";
import { BOT, OWNER, REPO } from "./fixtures/app/github.js";
import { documentFixture, loadedProbot, useApp } from "./fixtures/app/harness.js";

const app = useApp();

/** Handoff issue #20, filed by us from a comment on #1, and a return comment on it. */
async function returnOnHandoffIssue(body: string, user = { login: "Codertocat", type: "User" as const }) {
  const source = { type: "comment" as const, repo: `${OWNER}/${REPO}`, commentId: 77, url: "https://github.com/octo-org/widgets/issues/1#issuecomment-77", thread: 1 };
  const prepared = await prepareIssue("# Fix the flaky login test\n", { source, parent: `${OWNER}/${REPO}#1` });
  const issue = app.github.addIssue({ number: 20, title: prepared.issue.title, body: prepared.issue.body, labels: ["handoff", "handoff:claimed"], user: { login: BOT, type: "Bot" } });
  const payload = commentPayload({ body, issueNumber: 20, issueBody: issue.body, issueLabels: issue.labels, user });
  (payload.issue as { user: { login: string; type: string } }).user = { ...payload.issue.user!, login: BOT, type: "Bot" };
  return delivery("issue_comment", payload);
}

describe("a return handoff on a handoff issue", () => {
  it("is relayed to the parent thread once, neutralised, and the issue is relabelled and closed when done", async () => {
    app.github.permissions.set("Codertocat", "write");
    await (await loadedProbot()).receive(await returnOnHandoffIssue(documentFixture("return-done")));

    const relays = app.github.commentsOn(1);
    expect(relays).toHaveLength(1);
    expect(relays[0]!.body).toContain("**Return** from octo-org/widgets#20");
    expect(relays[0]!.body).not.toMatch(/(^|[^`])@claude/);
    expect(relays[0]!.body).not.toMatch(/(^|[^`])fixes #1/);
    const issue = app.github.issues.get(20)!;
    expect(issue.labels).toEqual(["handoff", "handoff:returned"]);
    expect(issue).toMatchObject({ state: "closed", state_reason: "completed" });
  });

  it("updates the relay instead of posting a second one when the return is edited", async () => {
    app.github.permissions.set("Codertocat", "write");
    const probot = await loadedProbot();
    await probot.receive(await returnOnHandoffIssue(`/handoff return\n# Half done\n\nStatus: in progress\n`));
    const edited = await returnOnHandoffIssue(`/handoff return\n# Half done\n\nStatus: in progress\n\nMore.`);
    app.github.permissions.set("Codertocat", "write");
    await probot.receive(edited);

    expect(app.github.commentsOn(1)).toHaveLength(1);
    expect(app.github.commentsOn(1)[0]!.body).toContain("More.");
    expect(app.github.issues.get(20)!.state).toBe("open");
  });

  it("accepts a return from a bot the configuration trusts, without a permission check", async () => {
    app.github.config = "trusted: ['agent[bot]']\n";
    await (await loadedProbot()).receive(await returnOnHandoffIssue(documentFixture("return-done"), { login: "agent[bot]", type: "Bot" } as never));

    expect(app.github.commentsOn(1)).toHaveLength(1);
    expect(app.requests.some((r) => r.path.includes("/collaborators/"))).toBe(false);
  });

  it("does not relay a return from someone without write permission", async () => {
    app.github.permissions.set("Codertocat", "read");
    await (await loadedProbot()).receive(await returnOnHandoffIssue(documentFixture("return-done")));

    expect(app.github.commentsOn(1)).toEqual([]);
    expect(app.github.issues.get(20)!.state).toBe("open");
  });
});
