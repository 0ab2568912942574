import { generateKeyPairSync } from "node:crypto";
import { Probot, ProbotOctokit } from "probot";
import { describe, expect, it } from "vitest";
import { startFakeGitHub } from "./support/fake-github/index.js";
import {
  commentPayload,
  delivery,
  dispatchPayload,
  installationPayload,
  labeledPayload,
  loadPayload,
  pushPayload,
  type FixtureName,
} from "./support/payloads.js";

const FIXTURES: FixtureName[] = [
  "issue_comment.created",
  "issue_comment.created.pull_request",
  "issue_comment.edited",
  "issue_comment.deleted",
  "issues.labeled",
  "push",
  "workflow_dispatch",
];

describe("payload fixtures", () => {
  it.each(FIXTURES)("%s describes octo-org/widgets on installation 1", (name) => {
    const payload = loadPayload<{
      repository: { full_name: string; id: number; default_branch: string };
      installation: { id: number };
    }>(name);

    expect(payload.repository).toMatchObject({ full_name: "octo-org/widgets", id: 186853002, default_branch: "main" });
    expect(payload.installation.id).toBe(1);
  });

  it("installation.created installs the App on octo-org with widgets selected", () => {
    const payload = installationPayload();

    expect(payload.installation).toMatchObject({ id: 1, account: { login: "octo-org" } });
    expect(payload.repositories?.map((r) => r.full_name)).toEqual(["octo-org/widgets"]);
  });

  it("returns a fresh copy each time", () => {
    const first = commentPayload();
    first.comment.body = "mutated";

    expect(commentPayload().comment.body).not.toBe("mutated");
  });
});

describe("commentPayload", () => {
  it("sets the body, author, issue number and sender", () => {
    const payload = commentPayload({ body: "/handoff", user: { login: "claude[bot]", type: "Bot" }, issueNumber: 12 });

    expect(payload.comment).toMatchObject({ body: "/handoff", user: { login: "claude[bot]", type: "Bot" } });
    expect(payload.sender.login).toBe("claude[bot]");
    expect(payload.issue.number).toBe(12);
    expect(payload.issue.html_url).toBe("https://github.com/octo-org/widgets/issues/12");
    expect(payload.comment.html_url).toMatch(/\/issues\/12#issuecomment-\d+$/);
  });

  it("puts the comment on a pull request when asked", () => {
    const payload = commentPayload({ isPullRequest: true, issueNumber: 5 });

    expect(payload.issue.pull_request?.html_url).toBe("https://github.com/octo-org/widgets/pull/5");
    expect(payload.issue.html_url).toBe("https://github.com/octo-org/widgets/pull/5");
  });

  it("leaves the issue without pull_request by default", () => {
    expect(commentPayload().issue.pull_request).toBeUndefined();
  });

  it("records the previous body of an edit", () => {
    const payload = commentPayload({ action: "edited", body: "new", previousBody: "old" });

    expect(payload.action).toBe("edited");
    expect(payload.changes.body?.from).toBe("old");
  });

  it("builds a deletion", () => {
    expect(commentPayload({ action: "deleted", commentId: 77 }).comment.id).toBe(77);
  });
});

describe("pushPayload", () => {
  it("defaults to two commits on main that add, modify and remove .handoffs files", () => {
    const payload = pushPayload();

    expect(payload).toMatchObject({ ref: "refs/heads/main", created: false, deleted: false, forced: false });
    expect(payload.commits.flatMap((c) => c.added ?? [])).toEqual([".handoffs/parser.md"]);
    expect(payload.commits.flatMap((c) => c.removed ?? [])).toEqual([".handoffs/old.md"]);
    expect(payload.head_commit?.id).toBe(payload.after);
  });

  it("takes the commits, and makes the last one the head", () => {
    const payload = pushPayload({
      commits: [
        { id: "a".repeat(40), added: ["x.md"] },
        { id: "b".repeat(40), modified: ["x.md"] },
      ],
    });

    expect(payload.after).toBe("b".repeat(40));
    expect(payload.head_commit?.modified).toEqual(["x.md"]);
  });

  it("describes a forced push and a branch deletion", () => {
    expect(pushPayload({ forced: true }).forced).toBe(true);
    const deletion = pushPayload({ deleted: true, commits: [] });
    expect(deletion.after).toBe("0".repeat(40));
    expect(deletion.head_commit).toBeNull();
  });
});

describe("labeledPayload and dispatchPayload", () => {
  it("labels an issue with the given label", () => {
    const payload = labeledPayload({ label: "handoff", labels: ["bug", "handoff"], issueNumber: 4 });

    expect(payload.label?.name).toBe("handoff");
    expect(payload.issue.labels?.map((l) => l.name)).toEqual(["bug", "handoff"]);
    expect(payload.issue.number).toBe(4);
  });

  it("dispatches a workflow with inputs", () => {
    const payload = dispatchPayload({ inputs: { issue: "12" }, ref: "refs/heads/dev" });

    expect(payload).toMatchObject({ inputs: { issue: "12" }, ref: "refs/heads/dev" });
  });
});

describe("with Probot and the fake GitHub server", () => {
  it("delivers a comment payload to a Probot app whose Octokit talks to the fake", async () => {
    const gh = await startFakeGitHub({ repos: [{ owner: "octo-org", name: "widgets", id: 186853002 }] });
    try {
      const issue = gh.seedIssue({ title: "thread" });
      const comment = gh.seedComment({ issueNumber: issue.number, body: "/handoff" });
      const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
      const probot = new Probot({
        appId: 1,
        privateKey: privateKey.export({ type: "pkcs1", format: "pem" }).toString(),
        baseUrl: gh.url,
        logLevel: "fatal",
        // A function default runs last, so it really switches throttling and retries off (FACTS.md).
        Octokit: ProbotOctokit.defaults((options: object) => ({
          ...options,
          throttle: { enabled: false },
          retry: { enabled: false },
        })),
      });
      await probot.load((app) => {
        app.on("issue_comment.created", async (context) => {
          await context.octokit.rest.reactions.createForIssueComment(
            context.repo({ comment_id: context.payload.comment.id, content: "eyes" }),
          );
        });
      });

      await probot.receive(
        delivery("issue_comment", commentPayload({ issueNumber: issue.number, commentId: comment.id })),
      );

      expect(gh.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
        "POST /app/installations/1/access_tokens 201",
        `POST /repos/octo-org/widgets/issues/comments/${comment.id}/reactions 201`,
      ]);
      expect(comment.reactions.map((r) => [r.content, r.user.login])).toEqual([["eyes", "handoff-app[bot]"]]);
      expect(gh.violations).toEqual([]);
    } finally {
      await gh.close();
    }
  });
});
