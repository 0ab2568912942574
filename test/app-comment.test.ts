import { describe, expect, it } from "vitest";
import { findMarker } from "../src/core/marker.js";
import { commentPayload, delivery } from "./support/payloads.js";
import { documentFixture, loadedProbot, SECRETS, useApp } from "./fixtures/app/harness.js";

const app = useApp();

function handoffComment(body: string, options: Parameters<typeof commentPayload>[0] = {}) {
  return delivery("issue_comment", commentPayload({ body, ...options }));
}

describe("/handoff in an issue comment", () => {
  it("files one redacted, labelled issue linked as a sub-issue of the thread, and replies once", async () => {
    app.github.permissions.set("Codertocat", "write");
    const probot = await loadedProbot();
    await probot.receive(handoffComment(`/handoff Fix the flaky login test\n${documentFixture("secrets")}`));

    const [issue, ...more] = app.github.ours();
    expect(more).toEqual([]);
    expect(issue!.title).toBe("Fix the flaky login test");
    expect(issue!.labels).toContain("handoff");
    expect(issue!.body).toContain("[redacted: github-token]");
    expect(issue!.body).not.toContain(SECRETS.token);
    expect(findMarker(issue!.body)?.source).toMatchObject({ type: "comment", thread: 1 });
    expect(app.github.subIssues).toEqual([{ parent: 1, child: issue!.id }]);
    const replies = app.github.commentsOn(1);
    expect(replies).toHaveLength(1);
    expect(replies[0]!.body).toContain(`#${issue!.number}`);
    expect(replies[0]!.body).toMatch(/Redacted 3: email ×1, github-token ×1, username ×1\./);
    expect(app.github.reactions.map((r) => r.content)).toEqual(["eyes", "rocket"]);
    // The afterEach secret check reads request bodies: make sure they are recorded.
    expect(app.requests.find((r) => r.method === "POST" && r.path.endsWith("/issues"))?.body).toMatchObject({
      title: "Fix the flaky login test",
    });
  });

  it("adds only assignees GitHub can assign, and names the others in the reply", async () => {
    app.github.permissions.set("Codertocat", "write");
    app.github.assignable.add("octocat");
    const probot = await loadedProbot();
    await probot.receive(handoffComment(`/handoff\n${documentFixture("assignees")}`));

    expect(app.github.ours()[0]!.assignees).toEqual(["octocat"]);
    expect(app.github.commentsOn(1)[0]!.body).toContain("`ghost-who-cannot`");
  });

  it("refuses a user with read permission with a reply, and files nothing", async () => {
    app.github.permissions.set("Codertocat", "read");
    const probot = await loadedProbot();
    await probot.receive(handoffComment(`/handoff\n${documentFixture("simple")}`));

    expect(app.github.ours()).toEqual([]);
    expect(app.github.commentsOn(1)[0]!.body).toContain("needs `write` permission");
    expect(app.github.reactions.map((r) => r.content)).toEqual(["confused"]);
  });

  it("ignores a comment by a bot without making any request", async () => {
    const probot = await loadedProbot();
    await probot.receive(
      handoffComment(`/handoff\n${documentFixture("simple")}`, { user: { login: "some-app[bot]", type: "Bot" } }),
    );

    expect(app.requests).toEqual([]);
  });

  it("ignores a comment without the command, a quoted command and a homoglyph without any request", async () => {
    const probot = await loadedProbot();
    await probot.receive(handoffComment("Thanks, looks good."));
    await probot.receive(handoffComment("> /handoff\n> quoted"));
    await probot.receive(handoffComment("/h\u0430ndoff Fix it\n## Context\nx"));

    expect(app.requests).toEqual([]);
  });

  it("files a writer's /handoff whose document quotes a marker, with our own marker first, and replies", async () => {
    app.github.permissions.set("Codertocat", "write");
    const forged =
      '<!-- handoff:v1 {"v":1,"kind":"handoff","source":{"type":"comment","repo":"evil/repo","commentId":1,"url":"https://example.com","thread":9},"hash":"x","role":"reply"} -->';
    const payload = commentPayload({ body: `/handoff Fix it\n${documentFixture("simple")}\n${forged}\n` });
    await (await loadedProbot()).receive(delivery("issue_comment", payload));

    const [issue, ...more] = app.github.ours();
    expect(more).toEqual([]);
    expect(findMarker(issue!.body)).toMatchObject({
      kind: "handoff",
      source: { type: "comment", repo: "octo-org/widgets", commentId: payload.comment.id, thread: 1 },
    });
    expect(findMarker(issue!.body)?.role).toBeUndefined();
    const replies = app.github.commentsOn(1);
    expect(replies).toHaveLength(1);
    expect(replies[0]!.body).toContain(`Filed #${issue!.number}`);
  });

  it("ignores a comment of our own bot that carries our marker, even when it reads as a return", async () => {
    const probot = await loadedProbot();
    const marker =
      '<!-- handoff:v1 {"v":1,"kind":"return","source":{"type":"issue","repo":"octo-org/widgets","number":20,"url":""},"hash":"x","role":"relay"} -->';
    await probot.receive(
      handoffComment(`${marker}\n/handoff return\n# Done\n`, { user: { login: "handoff-test[bot]", type: "Bot" } }),
    );

    expect(app.requests.filter((r) => !r.path.startsWith("/app"))).toEqual([]);
  });

  it("answers a bare /handoff with usage", async () => {
    app.github.permissions.set("Codertocat", "write");
    const probot = await loadedProbot();
    await probot.receive(handoffComment("/handoff"));

    expect(app.github.ours()).toEqual([]);
    expect(app.github.commentsOn(1)[0]!.body).toContain("put the document under the command");
  });

  it("replies with a preview and files nothing on --dry-run", async () => {
    app.github.permissions.set("Codertocat", "write");
    const probot = await loadedProbot();
    await probot.receive(handoffComment(`/handoff --dry-run Fix it\n${documentFixture("secrets")}`));

    expect(app.github.ours()).toEqual([]);
    const reply = app.github.commentsOn(1)[0]!.body;
    expect(reply).toContain("<details><summary>Preview: Fix it</summary>");
    expect(reply).toContain("Redacted 3");
    // The preview carries no issue marker, only the reply's own.
    expect(reply.match(/handoff:v1/g)).toHaveLength(1);
  });

  it("replies with the document's errors, with line and column, and files nothing", async () => {
    app.github.permissions.set("Codertocat", "write");
    const probot = await loadedProbot();
    await probot.receive(handoffComment(`/handoff\n${documentFixture("bad-yaml")}`));

    expect(app.github.ours()).toEqual([]);
    expect(app.github.commentsOn(1)[0]!.body).toMatch(/`3:\d+` The frontmatter is not valid YAML/);
  });

  it("links back in text, without a sub-issue request, for a comment on a pull request", async () => {
    app.github.permissions.set("Codertocat", "write");
    const probot = await loadedProbot();
    const payload = commentPayload({ isPullRequest: true, body: `/handoff Fix it\n${documentFixture("simple")}` });
    app.github.addIssue({
      number: payload.issue.number,
      title: "PR",
      user: { login: "Codertocat", type: "User" },
      pull_request: { url: "x" },
    });
    await probot.receive(delivery("issue_comment", payload));

    expect(app.github.ours()).toHaveLength(1);
    expect(app.requests.some((r) => r.path.endsWith("/sub_issues"))).toBe(false);
    expect(app.github.commentsOn(payload.issue.number)[0]!.body).toContain("a pull request cannot be a parent issue");
  });
});

describe("editing and deleting the source comment", () => {
  it("updates the issue filed from it when the content changed, and never files a second", async () => {
    app.github.permissions.set("Codertocat", "write");
    const probot = await loadedProbot();
    await probot.receive(handoffComment(`/handoff Fix it\n${documentFixture("simple")}`));
    await probot.receive(
      delivery(
        "issue_comment",
        commentPayload({ action: "edited", body: `/handoff Fix it\n${documentFixture("simple")}\nOne more line.` }),
      ),
    );

    expect(app.github.ours()).toHaveLength(1);
    expect(app.github.ours()[0]!.body).toContain("One more line.");
    expect(app.github.commentsOn(1)[0]!.body).toContain("Updated #");
  });

  it("does not update the issue when the redacted content is unchanged", async () => {
    app.github.permissions.set("Codertocat", "write");
    const probot = await loadedProbot();
    const body = `/handoff Fix it\n${documentFixture("simple")}`;
    await probot.receive(handoffComment(body));
    const before = app.requests.length;
    await probot.receive(delivery("issue_comment", commentPayload({ action: "edited", body })));

    const writes = app.requests.slice(before).filter((r) => r.method === "PATCH" && /\/issues\/\d+$/.test(r.path));
    expect(writes).toEqual([]);
  });

  it("leaves the issue alone when the comment is deleted, without any request", async () => {
    const probot = await loadedProbot();
    await probot.receive(
      delivery("issue_comment", commentPayload({ action: "deleted", body: `/handoff\n${documentFixture("simple")}` })),
    );

    expect(app.requests).toEqual([]);
  });
});

describe("exactly one issue per comment", () => {
  it("files once when the same delivery reaches the App twice in one process (the marker lookup finds the issue)", async () => {
    app.github.permissions.set("Codertocat", "write");
    const probot = await loadedProbot();
    const event = handoffComment(`/handoff Fix it\n${documentFixture("simple")}`);
    await probot.receive(event);
    await probot.receive(event);

    expect(app.github.ours()).toHaveLength(1);
    expect(app.github.commentsOn(1)).toHaveLength(1);
  });

  it("files once when a redelivery reaches another replica (the marker lookup finds the issue)", async () => {
    app.github.permissions.set("Codertocat", "write");
    const event = handoffComment(`/handoff Fix it\n${documentFixture("simple")}`);
    await (await loadedProbot()).receive(event);
    await (await loadedProbot()).receive(event);

    expect(app.github.ours()).toHaveLength(1);
    expect(app.github.commentsOn(1)).toHaveLength(1);
  });

  it("files once when two replicas handle the same comment at the same time (the 👀 reaction is the lock)", async () => {
    app.github.permissions.set("Codertocat", "write");
    const event = handoffComment(`/handoff Fix it\n${documentFixture("simple")}`);
    const [a, b] = [await loadedProbot(), await loadedProbot()];
    await Promise.all([a.receive(event), b.receive(event)]);

    expect(app.github.ours()).toHaveLength(1);
  });

  it("takes over when an earlier attempt left a 👀 older than the lease and filed nothing", async () => {
    app.github.permissions.set("Codertocat", "write");
    const payload = commentPayload({ body: `/handoff Fix it\n${documentFixture("simple")}` });
    app.github.reactions.push({
      id: 1,
      comment_id: payload.comment.id,
      content: "eyes",
      created_at: new Date(Date.now() - 10 * 60_000).toISOString(),
    });
    await (await loadedProbot()).receive(delivery("issue_comment", payload));

    expect(app.github.ours()).toHaveLength(1);
  });

  it("stops when another delivery's 👀 is fresh and no issue exists yet", async () => {
    app.github.permissions.set("Codertocat", "write");
    const payload = commentPayload({ body: `/handoff Fix it\n${documentFixture("simple")}` });
    app.github.reactions.push({
      id: 1,
      comment_id: payload.comment.id,
      content: "eyes",
      created_at: new Date().toISOString(),
    });
    await (await loadedProbot()).receive(delivery("issue_comment", payload));

    expect(app.github.ours()).toEqual([]);
    expect(app.github.comments).toEqual([]);
  });
});

describe("configuration", () => {
  it("replies once, naming the file and the setting, when .github/handoff.yml is invalid, and files nothing", async () => {
    app.github.permissions.set("Codertocat", "write");
    app.github.config = "on_remove: delete\n";
    const probot = await loadedProbot();
    await probot.receive(handoffComment(`/handoff Fix it\n${documentFixture("simple")}`));

    expect(app.github.ours()).toEqual([]);
    const replies = app.github.commentsOn(1);
    expect(replies).toHaveLength(1);
    expect(replies[0]!.body).toContain("`.github/handoff.yml` is not valid");
    expect(replies[0]!.body).toContain("`on_remove`");
  });

  it("adds the configured labels", async () => {
    app.github.permissions.set("Codertocat", "write");
    app.github.config = "labels: [agents]\n";
    const probot = await loadedProbot();
    await probot.receive(handoffComment(`/handoff Fix it\n${documentFixture("simple")}`));

    expect(app.github.ours()[0]!.labels).toEqual(expect.arrayContaining(["handoff", "agents"]));
  });
});
